"""Schema, forward migrations and reference data.

Each migration moves the file one version forward and runs in its own
transaction, so a file made by an older release opens in a newer one. Foreign
keys are left out on purpose: in DuckDB a table referenced by a foreign key can
no longer be altered, which would block every later migration; the import checks
references instead.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import duckdb

from analytics import reference_data


@dataclass(frozen=True)
class Migration:
    version: int
    description: str
    statements: tuple[str, ...]


MIGRATIONS: tuple[Migration, ...] = (
    Migration(
        1,
        "bodies, areas, positions, periods, tasks, progress reports, imports",
        (
            """CREATE TABLE meta (
                key TEXT PRIMARY KEY,
                value TEXT NOT NULL)""",
            """CREATE TABLE bodies (
                code TEXT PRIMARY KEY,
                name_vi TEXT NOT NULL,
                name_en TEXT NOT NULL,
                sort_order INTEGER NOT NULL)""",
            """CREATE TABLE areas (
                code TEXT PRIMARY KEY,
                name_vi TEXT NOT NULL,
                name_en TEXT NOT NULL,
                headline BOOLEAN NOT NULL,
                sort_order INTEGER NOT NULL)""",
            """CREATE TABLE positions (
                name_vi TEXT PRIMARY KEY,
                name_en TEXT NOT NULL,
                sort_order INTEGER NOT NULL)""",
            """CREATE TABLE periods (
                label TEXT PRIMARY KEY,
                kind TEXT NOT NULL CHECK (kind IN ('nam', 'giai_doan', 'nhiem_ky')),
                start_year INTEGER NOT NULL,
                end_year INTEGER NOT NULL,
                CHECK (end_year >= start_year))""",
            """CREATE TABLE imports (
                id INTEGER PRIMARY KEY,
                imported_at TIMESTAMP NOT NULL,
                user_name TEXT NOT NULL,
                file_name TEXT NOT NULL,
                sha256 TEXT NOT NULL,
                kind TEXT NOT NULL,
                rows INTEGER NOT NULL CHECK (rows >= 0),
                inserted INTEGER NOT NULL CHECK (inserted >= 0),
                updated INTEGER NOT NULL CHECK (updated >= 0),
                unchanged INTEGER NOT NULL CHECK (unchanged >= 0),
                undone_at TIMESTAMP,
                undone_by TEXT)""",
            """CREATE TABLE tasks (
                id INTEGER PRIMARY KEY,
                code TEXT NOT NULL UNIQUE,
                title TEXT NOT NULL,
                description TEXT,
                target TEXT,
                body_code TEXT NOT NULL,
                position TEXT NOT NULL,
                official TEXT,
                area_code TEXT NOT NULL,
                assigner TEXT,
                period_label TEXT NOT NULL,
                assigned_on DATE NOT NULL,
                due_on DATE NOT NULL,
                import_id INTEGER,
                CHECK (due_on >= assigned_on))""",
            """CREATE TABLE progress (
                task_id INTEGER NOT NULL,
                report_date DATE NOT NULL,
                progress DOUBLE PRECISION NOT NULL CHECK (progress >= 0 AND progress <= 100),
                status TEXT NOT NULL
                    CHECK (status IN ('chua_trien_khai', 'dang_thuc_hien', 'hoan_thanh')),
                note TEXT,
                reporter TEXT,
                evidence TEXT,
                import_id INTEGER,
                PRIMARY KEY (task_id, report_date),
                CHECK ((status = 'hoan_thanh') = (progress = 100)))""",
        ),
    ),
    Migration(
        2,
        "assignment state of tasks, report history for undo, year-end appraisals",
        (
            "ALTER TABLE tasks ADD COLUMN assignment_state TEXT NOT NULL DEFAULT 'da_giao'",
            "ALTER TABLE tasks ADD COLUMN return_reason TEXT",
            # The values a row had before an import changed or removed it.
            """CREATE TABLE row_history (
                import_id INTEGER NOT NULL,
                table_name TEXT NOT NULL,
                row_key TEXT NOT NULL,
                action TEXT NOT NULL CHECK (action IN ('insert', 'update')),
                before_json TEXT,
                PRIMARY KEY (import_id, table_name, row_key))""",
            """CREATE TABLE appraisals (
                task_id INTEGER NOT NULL,
                year INTEGER NOT NULL,
                rating TEXT NOT NULL
                    CHECK (rating IN ('xuat_sac', 'tot', 'hoan_thanh', 'khong_hoan_thanh')),
                appraiser TEXT,
                appraised_on DATE,
                comment TEXT,
                import_id INTEGER,
                PRIMARY KEY (task_id, year))""",
        ),
    ),
    Migration(
        3,
        "row history without a primary-key index",
        (
            # Keeping an index over every history row made an import of a million reports
            # spend more time on the history than on the reports. History is read by
            # import (rows are appended in import order, so zone maps find them) and
            # joined on row_key by hash; an import never writes one key twice.
            """CREATE TABLE row_history_v3 (
                import_id INTEGER NOT NULL,
                table_name TEXT NOT NULL,
                row_key TEXT NOT NULL,
                action TEXT NOT NULL CHECK (action IN ('insert', 'update')),
                before_json TEXT)""",
            "INSERT INTO row_history_v3 SELECT * FROM row_history ORDER BY import_id",
            "DROP TABLE row_history",
            "ALTER TABLE row_history_v3 RENAME TO row_history",
        ),
    ),
    Migration(
        4,
        "accounts and the audit log",
        (
            # Names are kept folded (lower case); bodies is a comma-separated list of
            # body codes, empty for every body. Only the argon2 hash of a password.
            """CREATE TABLE users (
                name TEXT PRIMARY KEY,
                role TEXT NOT NULL CHECK (role IN ('committee', 'analyst', 'staff', 'admin')),
                bodies TEXT NOT NULL DEFAULT '',
                password_hash TEXT NOT NULL,
                disabled BOOLEAN NOT NULL DEFAULT false,
                failed_count INTEGER NOT NULL DEFAULT 0 CHECK (failed_count >= 0),
                locked_until TIMESTAMP,
                created_at TIMESTAMP NOT NULL,
                updated_at TIMESTAMP NOT NULL,
                password_changed_at TIMESTAMP NOT NULL)""",
            "CREATE SEQUENCE audit_id START 1",
            # Sign-ins, failed sign-ins and account changes; imports and undos are read
            # from the imports table, which already says who, when and what.
            """CREATE TABLE audit (
                id BIGINT PRIMARY KEY DEFAULT nextval('audit_id'),
                occurred_at TIMESTAMP NOT NULL,
                actor TEXT NOT NULL,
                action TEXT NOT NULL,
                target TEXT,
                detail TEXT,
                channel TEXT NOT NULL CHECK (channel IN ('app', 'cli')))""",
        ),
    ),
    Migration(
        5,
        "progress reports without a primary-key index",
        (
            # The index over (task_id, report_date) cost an import of a million reports
            # into a national file (ten million stored) more than a second, a third of the
            # whole import, for a rule the writers keep by construction: the import adds
            # only keys it did not find stored (ANTI JOIN, inside its transaction) and keeps
            # one row per key of its file; imports of one file take turns in a process,
            # DuckDB lets one process write a file at a time, and two imports that still
            # overlap both write the same data-version row and next import id, so one of
            # them fails at commit and is retried against the other's rows. The demo adds
            # reports only where none is stored. tests/importing/test_one_report_per_key.py
            # checks it. Every CHECK stays; rows are kept in key order, which zone maps use.
            """CREATE TABLE progress_v5 (
                task_id INTEGER NOT NULL,
                report_date DATE NOT NULL,
                progress DOUBLE PRECISION NOT NULL CHECK (progress >= 0 AND progress <= 100),
                status TEXT NOT NULL
                    CHECK (status IN ('chua_trien_khai', 'dang_thuc_hien', 'hoan_thanh')),
                note TEXT,
                reporter TEXT,
                evidence TEXT,
                import_id INTEGER,
                CHECK ((status = 'hoan_thanh') = (progress = 100)))""",
            "INSERT INTO progress_v5 SELECT * FROM progress ORDER BY task_id, report_date",
            "DROP TABLE progress",
            "ALTER TABLE progress_v5 RENAME TO progress",
        ),
    ),
    Migration(
        6,
        "sign-ins ended by signing out",
        (
            # A sign-in cookie names its session; once signed out, the cookie no longer
            # signs anyone in, even if it was copied. Rows older than the idle limit go.
            """CREATE TABLE ended_sessions (
                sid TEXT PRIMARY KEY,
                ended_at TIMESTAMP NOT NULL)""",
        ),
    ),
    Migration(
        7,
        "a sign-in generation per account",
        (
            # Disabling an account or giving it a new password moves its generation on; a
            # cookie carries the generation it was signed under, so one copied before
            # stops working for good, even once the account is enabled again.
            "ALTER TABLE users ADD COLUMN session_generation INTEGER DEFAULT 0",
        ),
    ),
    Migration(
        8,
        "officials: an account's body, position, e-mail and reminder choice",
        (
            # A CHECK cannot be altered in DuckDB: the table is made again with the role
            # 'official' admitted, every column kept in its order, the new ones after.
            """CREATE TABLE users_v8 (
                name TEXT PRIMARY KEY,
                role TEXT NOT NULL
                    CHECK (role IN ('committee', 'analyst', 'staff', 'admin', 'official')),
                bodies TEXT NOT NULL DEFAULT '',
                password_hash TEXT NOT NULL,
                disabled BOOLEAN NOT NULL DEFAULT false,
                failed_count INTEGER NOT NULL DEFAULT 0 CHECK (failed_count >= 0),
                locked_until TIMESTAMP,
                created_at TIMESTAMP NOT NULL,
                updated_at TIMESTAMP NOT NULL,
                password_changed_at TIMESTAMP NOT NULL,
                session_generation INTEGER DEFAULT 0,
                body_code TEXT,
                position TEXT,
                email TEXT,
                reminders BOOLEAN NOT NULL DEFAULT true)""",
            """INSERT INTO users_v8 (name, role, bodies, password_hash, disabled, failed_count,
                                     locked_until, created_at, updated_at, password_changed_at,
                                     session_generation)
               SELECT name, role, bodies, password_hash, disabled, failed_count, locked_until,
                      created_at, updated_at, password_changed_at, session_generation
               FROM users ORDER BY name""",
            "DROP TABLE users",
            "ALTER TABLE users_v8 RENAME TO users",
        ),
    ),
    Migration(
        9,
        "the cycle in the app: what happened to each task, deadline extensions, "
        "explanation requests",
        (
            # One row per action taken on a task (CONTRACT.md section 5): who, the day it
            # happened, when it was recorded, and what changed (before and after, as JSON).
            # A report or a registration made in the app is also a one-row import, whose id
            # the event keeps; imports from files are read from ``imports``/``row_history``.
            """CREATE TABLE task_events (
                id INTEGER PRIMARY KEY,
                task_id INTEGER NOT NULL,
                occurred_on DATE NOT NULL,
                recorded_at TIMESTAMP NOT NULL,
                kind TEXT NOT NULL CHECK (kind IN (
                    'register', 'propose', 'assign', 'return', 'report', 'extend',
                    'approve_extension', 'refuse_extension', 'ask', 'answer', 'comment')),
                user_name TEXT NOT NULL,
                detail TEXT NOT NULL,
                import_id INTEGER)""",
            # A request for a later deadline and its decision; the figures use the new
            # deadline of the latest approval on or before D (CONTRACT.md section 4).
            """CREATE TABLE extensions (
                id INTEGER PRIMARY KEY,
                task_id INTEGER NOT NULL,
                requested_on DATE NOT NULL,
                requested_by TEXT NOT NULL,
                new_due DATE NOT NULL,
                reason TEXT NOT NULL,
                decision TEXT NOT NULL DEFAULT 'cho_duyet'
                    CHECK (decision IN ('cho_duyet', 'da_duyet', 'tu_choi')),
                decided_on DATE,
                decided_by TEXT,
                decision_reason TEXT,
                CHECK ((decision = 'cho_duyet') = (decided_on IS NULL)))""",
            # An explanation request (yêu cầu giải trình), open until answered.
            """CREATE TABLE explanations (
                id INTEGER PRIMARY KEY,
                task_id INTEGER NOT NULL,
                asked_on DATE NOT NULL,
                asked_by TEXT NOT NULL,
                question TEXT NOT NULL,
                answered_on DATE,
                answered_by TEXT,
                answer TEXT,
                CHECK ((answered_on IS NULL) = (answer IS NULL)))""",
        ),
    ),
    Migration(
        10,
        "reminders: what was sent to whom, and each account's inbox",
        (
            # One row per item a reminder carried to an account: the kind, the task, the
            # item's key (a threshold with its deadline, a period, a request) and the day,
            # so the same item is not sent again within its interval (CONTRACT.md section 6).
            """CREATE TABLE reminders_sent (
                user_name TEXT NOT NULL,
                kind TEXT NOT NULL,
                task_code TEXT NOT NULL,
                item_key TEXT NOT NULL,
                sent_on DATE NOT NULL,
                sent_at TIMESTAMP NOT NULL,
                PRIMARY KEY (user_name, kind, task_code, item_key, sent_on))""",
            # Every reminder message also lands here, read or not.
            """CREATE TABLE inbox (
                id INTEGER PRIMARY KEY,
                user_name TEXT NOT NULL,
                created_at TIMESTAMP NOT NULL,
                subject TEXT NOT NULL,
                body TEXT NOT NULL,
                items TEXT NOT NULL,
                emailed BOOLEAN NOT NULL,
                read_at TIMESTAMP)""",
        ),
    ),
)
LATEST_VERSION = MIGRATIONS[-1].version


def schema_version(con: duckdb.DuckDBPyConnection) -> int:
    """The version the file is at; 0 for an empty file."""
    has_meta = con.execute(
        "SELECT count(*) FROM information_schema.tables "
        "WHERE table_schema = current_schema() AND table_name = 'meta'"
    ).fetchall()[0][0]
    if not has_meta:
        return 0
    row = con.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
    return int(row[0]) if row else 0


class StoreTooNew(RuntimeError):
    """The file was written by a newer version of the program (its schema is ahead)."""


def migrate(con: duckdb.DuckDBPyConnection, target: int = LATEST_VERSION) -> int:
    """Apply every migration above the file's version up to ``target``; return the version."""
    current = schema_version(con)
    if current > LATEST_VERSION:
        raise StoreTooNew(
            f"Tệp cơ sở dữ liệu ở phiên bản {current}, mới hơn chương trình "
            f"({LATEST_VERSION}); hãy cập nhật chương trình. "
            f"(The database was written by a newer version of the program.)"
        )
    for migration in MIGRATIONS:
        if current < migration.version <= target:
            _in_transaction(con, lambda m=migration: _apply(con, m))
            current = migration.version
    return current


def _apply(con: duckdb.DuckDBPyConnection, migration: Migration) -> None:
    for statement in migration.statements:
        con.execute(statement)
    con.execute(
        "INSERT INTO meta VALUES ('schema_version', ?) "
        "ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value",
        [str(migration.version)],
    )


def _in_transaction(con: duckdb.DuckDBPyConnection, work: Callable[[], None]) -> None:
    from analytics.store.connection import transaction  # connection imports this module

    with transaction(con):
        work()


def seed_reference_data(con: duckdb.DuckDBPyConnection) -> None:
    """Add any default body, area, position or period the file lacks (never overwrites)."""
    con.executemany(
        "INSERT INTO bodies VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING",
        [(b.code, b.name_vi, b.name_en, i) for i, b in enumerate(reference_data.BODIES)],
    )
    con.executemany(
        "INSERT INTO areas VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
        [(a.code, a.name_vi, a.name_en, a.headline, i) for i, a in enumerate(reference_data.AREAS)],
    )
    con.executemany(
        "INSERT INTO positions VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
        [(p.name_vi, p.name_en, i) for i, p in enumerate(reference_data.POSITIONS)],
    )
    con.executemany(
        "INSERT INTO periods VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING",
        [(p.label, p.kind, p.start_year, p.end_year) for p in reference_data.PERIODS],
    )
    con.execute("INSERT INTO meta VALUES ('data_version', '0') ON CONFLICT DO NOTHING")


def prepare(con: duckdb.DuckDBPyConnection) -> None:
    """Bring a file to the latest schema with its reference data (never any task: the demo
    is loaded by ``init --demo`` and the app's first start, see analytics.demo)."""
    migrate(con)
    if _reference_missing(con):
        _in_transaction(con, lambda: seed_reference_data(con))


def _reference_missing(con: duckdb.DuckDBPyConnection) -> bool:
    bodies, areas, version = con.execute(
        "SELECT (SELECT count(*) FROM bodies), (SELECT count(*) FROM areas), "
        "(SELECT count(*) FROM meta WHERE key = 'data_version')"
    ).fetchone()
    return bodies < len(reference_data.BODIES) or areas < len(reference_data.AREAS) or not version


def data_version(con: duckdb.DuckDBPyConnection) -> int:
    """A number every write raises, so cached figures know when to refresh."""
    row = con.execute("SELECT value FROM meta WHERE key = 'data_version'").fetchone()
    return int(row[0]) if row else 0


def bump_data_version(con: duckdb.DuckDBPyConnection) -> None:
    """Raise the data version; call inside the writing transaction."""
    con.execute(
        "UPDATE meta SET value = CAST(CAST(value AS BIGINT) + 1 AS TEXT) WHERE key = 'data_version'"
    )
