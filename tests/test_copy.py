"""``copy --to``: the whole store into an empty one, every direction, and the backup's
restore giving back the same figures, accounts and history."""

from __future__ import annotations

import hashlib
import json
from datetime import date, datetime
from pathlib import Path

import pandas as pd
import pytest
from argon2 import PasswordHasher

from analytics import accounts
from analytics.choices import GROUPS
from analytics.cli import main
from analytics.figures import summary
from analytics.importing import import_file, list_imports, undo_import
from analytics.store import copy_sql, imports_sql
from analytics.store.connection import open_db
from tests.conftest import copy_demo
from tests.importing.helpers import PROGRESS_HEADER, csv_bytes, dump

PASSWORD = "Ngua-Sat-2026-Long"  # a test password, never a real one
AS_OF = date(2026, 10, 15)
T0 = datetime(2026, 10, 15, 9, 0, 0)

# The demo's rows, counted from analytics/demo.py and analytics/reference_data.py:
# - tasks: 17 source tasks, each for 2021 and for its phase or term, and 3 of the next term
#   waiting to be assigned: 17 * 2 + 3 = 37.
# - progress: quarter ends after the assignment date up to each course's last report.
#   2021 tasks (assigned 01/03/2021): 11 run to 31/12/2021 (4 reports), 2 to 30/09/2021 (3),
#   2 to 31/03/2022 (5), 2 to 30/06/2022 (6): 44 + 6 + 10 + 12 = 72. Phase tasks (assigned
#   15/07/2021): to 30/09/2025 17, 2 to 31/12/2025 18 each, to 31/03/2026 19, 9 to
#   30/09/2026 21 each, 2 to 30/06/2026 20 each, to 31/12/2024 14, one with none:
#   17 + 36 + 19 + 189 + 40 + 14 = 315. In all 387.
# - appraisals, 2021-2025 over the tasks whose period covers the year: 2021 the 34 tasks,
#   2022-2024 the 17 phase tasks, 2025 the 11 not assigned by the Chief of Office:
#   34 + 3 * 17 + 11 = 96.
# - reference lists: 6 bodies, 8 areas, 8 positions, 4 periods; meta: schema and data version.
DEMO_COUNTS = {
    "tasks": 37, "progress": 387, "appraisals": 96, "bodies": 6, "areas": 8, "positions": 8,
    "periods": 4, "meta": 2, "imports": 0, "row_history": 0, "users": 0, "audit": 0,
    "ended_sessions": 0, "task_events": 0, "extensions": 0, "explanations": 0,
    "reminders_sent": 0, "inbox": 0,
}  # fmt: skip

# One report added (DP17-GD has none) and one changed (DP16-GD's 30/09/2026 report is 0).
PROGRESS_FILE = csv_bytes(
    [
        PROGRESS_HEADER,
        ["DP17-GD", "30/09/2026", "10", "", "Bắt đầu triển khai", "", ""],
        ["DP16-GD", "30/09/2026", "20", "", "Đã có kế hoạch", "", ""],
    ]
)


@pytest.fixture(autouse=True)
def cheap_hashes(monkeypatch):
    """argon2 at its lightest for speed; the stored text is still a real argon2id hash."""
    monkeypatch.setattr(accounts, "HASHER", PasswordHasher(time_cost=1, memory_cost=1024))
    monkeypatch.setattr(accounts, "_dummy", [])


def run_copy(capsys, source: str, target: str) -> tuple[int, dict, str]:
    code = main(["copy", "--db", source, "--to", target])
    out, err = capsys.readouterr()
    return code, json.loads(out), err


def counts_of(payload: dict, side: str) -> dict[str, int]:
    return {table: sides[side] for table, sides in payload["tables"].items()}


def content(db: str) -> dict[str, list[tuple]]:
    """Every row of every table but meta (whose data version a copy moves on)."""
    with open_db(db) as con:
        rows = dump(con)
    return {table: held for table, held in rows.items() if table != "meta"}


def figures(db: str) -> dict[str, pd.DataFrame]:
    return {by: summary(db, by=by, as_of=AS_OF) for by in GROUPS}


def test_file_to_postgresql_to_file_gives_back_the_same_store(
    postgres, demo_db, tmp_path, capsys, monkeypatch
):
    original = str(copy_demo(demo_db, tmp_path / "original.duckdb"))
    accounts.add_user(original, "quantri", "admin", PASSWORD, actor="test", when=T0)
    imported = import_file(PROGRESS_FILE, original, file_name="tien_do.csv", user="vanthu",
                           today=AS_OF)  # fmt: skip
    assert imported.ok

    server_copy = postgres.create_database()
    code, payload, err = run_copy(capsys, original, server_copy)
    assert code == 0, err
    assert payload["status"] == "ok"
    assert (payload["source"], payload["target"]) == (original, server_copy)
    expected = DEMO_COUNTS | {"progress": 388, "imports": 1, "row_history": 2, "users": 1,
                              "audit": 1}  # fmt: skip
    assert counts_of(payload, "source") == expected
    assert counts_of(payload, "target") == expected
    assert err.startswith("Đã sao chép")

    restored = str(tmp_path / "backups" / "restored.duckdb")
    code, payload, err = run_copy(capsys, server_copy, restored)
    assert code == 0, err
    assert counts_of(payload, "source") == counts_of(payload, "target") == expected
    assert Path(restored).stat().st_mode & 0o777 == 0o600  # password hashes, audit log

    for db in (server_copy, restored):
        assert content(db) == content(original)
        for by, frame in figures(original).items():
            pd.testing.assert_frame_equal(summary(db, by=by, as_of=AS_OF), frame)
        pd.testing.assert_frame_equal(list_imports(db), list_imports(original))
        with open_db(db) as con, open_db(original) as own:
            assert copy_sql.row_counts(con, ["meta"]) == {"meta": 2}
            # Every page's cache keys on the data version: the copy's is a new one.
            assert _data_version(con) > _data_version(own)

    # Accounts sign in on the copies; their next audit line gets a new id.
    for db in (server_copy, restored):
        assert accounts.authenticate(db, "quantri", PASSWORD, when=T0).ok
        audit = {row[0]: row[3] for row in content(db)["audit"]}  # id -> action
        assert audit == {1: "user_add", 2: "signin"}

    # Undo works on the restored copy and gives what it gives on the original (both undone
    # at one moment: the time is stored to the second, and two calls may straddle one).
    monkeypatch.setattr(imports_sql, "_now", lambda: datetime(2026, 12, 2, 9, 0, 0))
    undone = undo_import(imported.import_id, restored, user="vanthu")
    assert undone.ok, undone.message()
    assert undo_import(imported.import_id, original, user="vanthu").ok
    for by, frame in figures(original).items():
        pd.testing.assert_frame_equal(summary(restored, by=by, as_of=AS_OF), frame)
    after = {k: v for k, v in content(restored).items() if k != "audit"}
    assert after == {k: v for k, v in content(original).items() if k != "audit"}


def _data_version(con) -> int:
    from analytics.store.schema import data_version

    return data_version(con)


def test_postgresql_to_postgresql_and_file_to_file(postgres, postgres_demo, tmp_path, capsys):
    source = postgres.create_database(template=postgres_demo)
    target = postgres.create_database()
    code, payload, _ = run_copy(capsys, source, target)
    assert code == 0
    assert counts_of(payload, "target") == DEMO_COUNTS

    first, second = str(tmp_path / "a.duckdb"), str(tmp_path / "b.duckdb")
    assert run_copy(capsys, target, first)[0] == 0
    code, payload, _ = run_copy(capsys, first, second)
    assert code == 0
    assert counts_of(payload, "source") == counts_of(payload, "target") == DEMO_COUNTS
    assert content(second) == content(source)


def test_a_store_made_by_init_counts_as_empty(demo_db, tmp_path, capsys):
    target = str(tmp_path / "made-by-init.duckdb")
    with open_db(target, create=True):
        pass
    code, payload, _ = run_copy(capsys, str(demo_db), target)
    assert code == 0
    assert counts_of(payload, "target") == DEMO_COUNTS


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_a_file_that_is_not_empty_is_refused_and_left_as_it_was(demo_db, tmp_path, capsys):
    source = str(copy_demo(demo_db, tmp_path / "source.duckdb"))
    held = copy_demo(demo_db, tmp_path / "held.duckdb")
    before = _sha256(held)
    code, payload, err = run_copy(capsys, source, str(held))
    assert code == 1
    assert payload["status"] == "not_empty"
    assert payload["occupied"] == {"tasks": 37, "progress": 387, "appraisals": 96}
    assert err.count("\n") == 1 and err.startswith("Đích ")
    assert _sha256(held) == before

    other = tmp_path / "notes.duckdb"
    other.write_text("ghi chú", "utf-8")
    code, payload, err = run_copy(capsys, source, str(other))
    assert code == 1
    assert payload["occupied"] == {"file_bytes": len("ghi chú".encode())}
    assert other.read_text("utf-8") == "ghi chú"
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "held.duckdb", "notes.duckdb", "source.duckdb"
    ]  # fmt: skip


def test_a_postgresql_database_with_rows_is_refused_and_left_as_it_was(
    postgres, postgres_demo, demo_db, tmp_path, capsys
):
    held = postgres.create_database(template=postgres_demo)
    accounts.add_user(held, "quantri", "admin", PASSWORD, actor="test", when=T0)
    before = content(held)
    code, payload, err = run_copy(capsys, str(demo_db), held)
    assert code == 1
    assert payload["occupied"] == {"tasks": 37, "progress": 387, "appraisals": 96,
                                   "users": 1, "audit": 1}  # fmt: skip
    assert content(held) == before
    assert "không trống" in err


def test_a_copy_that_fails_leaves_no_file_behind(demo_db, tmp_path, capsys, monkeypatch):
    real_insert = copy_sql.insert_rows

    def failing(con, table, columns, rows):
        if table == "tasks":
            raise OSError("disk full")
        real_insert(con, table, columns, rows)

    monkeypatch.setattr(copy_sql, "insert_rows", failing)
    target = tmp_path / "new" / "folder" / "copy.duckdb"
    assert main(["copy", "--db", str(demo_db), "--to", str(target)]) == 1
    assert "disk full" in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []


def test_the_same_store_on_both_sides_is_refused(demo_db, capsys):
    code, payload, _ = run_copy(capsys, str(demo_db), str(demo_db))
    assert (code, payload["status"]) == (1, "same_store")


def test_a_copy_taken_while_another_process_imports_is_one_consistent_moment(
    postgres, postgres_demo, tmp_path
):
    import threading

    from analytics.store.connection import PostgresStore
    from analytics.store.copying import copy_store

    source = postgres.create_database(template=postgres_demo)
    writer = PostgresStore(source)  # another app process on the same database
    stop = threading.Event()
    written: list[int] = []

    def import_months() -> None:
        month = 1
        while not stop.is_set() and month <= 12:
            rows = [PROGRESS_HEADER[:3]] + [
                ["DP02-GD", f"{day:02d}/{month:02d}/2023", str(day)] for day in (2, 9, 16)
            ]
            result = import_file(csv_bytes(rows), writer, file_name=f"m{month}.csv")
            written.append(result.inserted)
            month += 1

    try:
        thread = threading.Thread(target=import_months)
        thread.start()
        copies = []
        for n in range(3):
            result = copy_store(source, tmp_path / f"copy-{n}.duckdb")
            assert result.ok, result.status
            copies.append(tmp_path / f"copy-{n}.duckdb")
        stop.set()
        thread.join(120)
    finally:
        writer.close()
    assert written and all(n == 3 for n in written)
    # Each copy holds whole imports only: every import listed has its 3 reports and its 3
    # history rows, and no report of an import is there without its import.
    for copy in copies:
        with open_db(copy) as con:
            imports = con.execute("SELECT id FROM imports ORDER BY id").fetchall()
            per_import = dict(
                con.execute(
                    "SELECT import_id, count(*) FROM progress WHERE import_id IS NOT NULL "
                    "GROUP BY import_id"
                ).fetchall()
            )
            history = dict(
                con.execute(
                    "SELECT import_id, count(*) FROM row_history GROUP BY import_id"
                ).fetchall()
            )
        assert sorted(per_import) == [i for (i,) in imports]
        assert all(per_import[i] == 3 and history[i] == 3 for (i,) in imports)
