"""SQL of accounts, the audit log and the body scope of an import.

Callers (``analytics.accounts``) decide; this module only reads and writes rows. A
write and its audit line go in one transaction (:func:`transaction`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

import duckdb
import pandas as pd

USER_BY_NAME = """
    SELECT name, role, bodies, password_hash, disabled, failed_count, locked_until,
           created_at, updated_at, password_changed_at, coalesce(session_generation, 0),
           body_code, position, email, reminders
    FROM users WHERE name = ?"""
INSERT_USER = """
    INSERT INTO users (name, role, bodies, password_hash, disabled, failed_count, locked_until,
                       created_at, updated_at, password_changed_at, body_code, position, email)
    VALUES (?, ?, ?, ?, false, 0, NULL, ?, ?, ?, ?, ?, ?)"""


@dataclass(frozen=True)
class UserRow:
    """One stored account, hash included (never shown, never returned by a listing)."""

    name: str
    role: str
    bodies: str
    password_hash: str
    disabled: bool
    failed_count: int
    locked_until: datetime | None
    created_at: datetime
    updated_at: datetime
    password_changed_at: datetime
    session_generation: int  # moves on when the account's sessions must all end
    body_code: str | None  # an official's body
    position: str | None  # an official's position (a positions.name_vi)
    email: str | None  # folded to lower case
    reminders: bool  # whether reminder e-mails are sent to it


def count_users(con: duckdb.DuckDBPyConnection) -> int:
    """How many accounts exist (disabled ones included)."""
    return int(con.execute("SELECT count(*) FROM users").fetchall()[0][0])


def user(con: duckdb.DuckDBPyConnection, name: str) -> UserRow | None:
    """The account called ``name`` (already folded), or None."""
    rows = con.execute(USER_BY_NAME, [name]).fetchall()
    return UserRow(*rows[0]) if rows else None


def list_users(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Every account without its hash: name, role, bodies, body_code, position, email,
    reminders, disabled, failed_count, locked_until, created_at, updated_at,
    password_changed_at; by name."""
    return con.execute(
        "SELECT name, role, bodies, body_code, position, email, reminders, disabled, "
        "failed_count, locked_until, created_at, updated_at, password_changed_at "
        "FROM users ORDER BY name"
    ).df()


def sessions_view(
    con: duckdb.DuckDBPyConnection,
) -> list[tuple[str, str, str, bool, datetime, int]]:
    """What a signed-in session is checked against: name, role, bodies, disabled, when
    the password last changed and the sign-in generation, for every account."""
    return [
        (str(n), str(r), str(b), bool(d), p, int(g))
        for n, r, b, d, p, g in con.execute(
            "SELECT name, role, bodies, disabled, password_changed_at, "
            "coalesce(session_generation, 0) FROM users"
        ).fetchall()
    ]


def end_session(
    con: duckdb.DuckDBPyConnection, sid: str, when: datetime, forget_before: datetime
) -> None:
    """Mark the session ``sid`` signed out, and drop marks older than ``forget_before``."""
    con.execute("DELETE FROM ended_sessions WHERE ended_at < ?", [forget_before])
    con.execute("INSERT OR IGNORE INTO ended_sessions VALUES (?, ?)", [sid, when])


def ended_sessions(con: duckdb.DuckDBPyConnection, since: datetime) -> list[str]:
    """The sessions signed out since ``since``."""
    return [
        str(r[0])
        for r in con.execute(
            "SELECT sid FROM ended_sessions WHERE ended_at >= ?", [since]
        ).fetchall()
    ]


def insert_user(
    con: duckdb.DuckDBPyConnection, name: str, role: str, bodies: str, password_hash: str,
    now: datetime, body_code: str | None = None, position: str | None = None,
    email: str | None = None,
) -> None:  # fmt: skip
    con.execute(
        INSERT_USER, [name, role, bodies, password_hash, now, now, now, body_code, position, email]
    )


def set_email(con: duckdb.DuckDBPyConnection, name: str, email: str | None, now: datetime) -> None:
    """The account's e-mail (None: none)."""
    con.execute("UPDATE users SET email = ?, updated_at = ? WHERE name = ?", [email, now, name])


def set_reminders(con: duckdb.DuckDBPyConnection, name: str, on: bool, now: datetime) -> None:
    """Whether reminder e-mails go to the account."""
    con.execute("UPDATE users SET reminders = ?, updated_at = ? WHERE name = ?", [on, now, name])


def set_disabled(con: duckdb.DuckDBPyConnection, name: str, disabled: bool, now: datetime) -> None:
    """Disable (the generation moves on: every session of the account ends for good) or
    enable the account."""
    con.execute(
        "UPDATE users SET disabled = ?, updated_at = ?, session_generation = "
        "coalesce(session_generation, 0) + CASE WHEN ? THEN 1 ELSE 0 END WHERE name = ?",
        [disabled, now, disabled, name],
    )


def set_password(
    con: duckdb.DuckDBPyConnection, name: str, password_hash: str, now: datetime
) -> None:
    """A new hash; the lock and the failure count are cleared, the generation moves on."""
    con.execute(
        "UPDATE users SET password_hash = ?, failed_count = 0, locked_until = NULL, "
        "updated_at = ?, password_changed_at = ?, "
        "session_generation = coalesce(session_generation, 0) + 1 WHERE name = ?",
        [password_hash, now, now, name],
    )


def set_failures(
    con: duckdb.DuckDBPyConnection, name: str, failed_count: int, locked_until: datetime | None
) -> None:
    con.execute(
        "UPDATE users SET failed_count = ?, locked_until = ? WHERE name = ?",
        [failed_count, locked_until, name],
    )


def rehash(con: duckdb.DuckDBPyConnection, name: str, password_hash: str) -> None:
    """The same password under newer hash parameters (not a password change)."""
    con.execute("UPDATE users SET password_hash = ? WHERE name = ?", [password_hash, name])


def add_audit(
    con: duckdb.DuckDBPyConnection, when: datetime, actor: str, action: str, target: str | None,
    detail: str | None, channel: str,
) -> None:  # fmt: skip
    con.execute(
        "INSERT INTO audit (occurred_at, actor, action, target, detail, channel) "
        "VALUES (?, ?, ?, ?, ?, ?)",
        [when, actor, action, target, detail, channel],
    )


def audit_log(con: duckdb.DuckDBPyConnection, limit: int | None = None) -> pd.DataFrame:
    """Every audited event, newest first: occurred_at, actor, action, target, detail, channel.

    Imports and undos come from the imports table (who, when, which file, the counts),
    so imports made from the command line are listed too.
    """
    sql = """
        SELECT occurred_at, actor, action, target, detail, channel, 0 AS tie, id AS seq
        FROM audit
        UNION ALL
        SELECT imported_at, user_name, 'import', CAST(id AS TEXT),
               file_name || ' (' || kind || '): ' || rows || ' / +' || inserted || ' ~'
                   || updated || ' =' || unchanged,
               NULL, 1, id
        FROM imports
        UNION ALL
        SELECT undone_at, coalesce(undone_by, ''), 'undo', CAST(id AS TEXT), file_name, NULL,
               2, id
        FROM imports WHERE undone_at IS NOT NULL
        ORDER BY occurred_at DESC, tie DESC, seq DESC"""
    params: list[object] = []
    if limit is not None:
        sql += " LIMIT ?"
        params.append(int(limit))
    frame = con.execute(sql, params).df()
    return frame.drop(columns=["tie", "seq"])


def body_codes(con: duckdb.DuckDBPyConnection) -> list[str]:
    """Every body code, in the reference order."""
    return [
        str(r[0]) for r in con.execute("SELECT code FROM bodies ORDER BY sort_order").fetchall()
    ]


def position_names(con: duckdb.DuckDBPyConnection) -> list[str]:
    """Every position's Vietnamese name, in the reference order."""
    return [
        str(r[0])
        for r in con.execute("SELECT name_vi FROM positions ORDER BY sort_order").fetchall()
    ]


def task_bodies(con: duckdb.DuckDBPyConnection, codes: Iterable[str]) -> dict[str, str]:
    """The body of each stored task among ``codes``: code -> body code."""
    wanted = sorted({str(c) for c in codes})
    if not wanted:
        return {}
    rows = con.execute(
        "SELECT code, body_code FROM tasks WHERE code IN (SELECT unnest(?::VARCHAR[]))", [wanted]
    ).fetchall()
    return {str(code): str(body) for code, body in rows}
