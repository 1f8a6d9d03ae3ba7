"""Many writers on one PostgreSQL store: processes that write at once, and processes that
see each other's writes (CONTRACT.md section 1; issue: one store, two engines)."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from analytics import summary
from analytics.importing import import_file, list_imports, undo_import
from analytics.store.connection import PostgresStore, open_db
from tests.conftest import ROOT
from tests.importing.helpers import PROGRESS_HEADER, csv_bytes
from tests.postgres_server import check_copy_matches


def _month_file(code: str, month: int) -> bytes:
    """28 daily reports of ``code`` in ``month`` of 2024, progress 1 … 28."""
    rows = [PROGRESS_HEADER[:3]] + [
        [code, f"{d:02d}/{month:02d}/2024", str(d)] for d in range(1, 29)
    ]
    return csv_bytes(rows)


def _reports(db, code: str, month: int) -> int:
    from analytics.store.lookups import task_reports

    with open_db(db) as con:
        frame = task_reports(con, code)
    dates = frame["report_date"].astype("datetime64[s]")
    return int(((dates.dt.year == 2024) & (dates.dt.month == month)).sum())


@pytest.fixture
def pg_demo(postgres, postgres_demo) -> str:
    return postgres.create_database(template=postgres_demo)


def _import_process(path, url: str) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "analytics", "import", str(path), "--db", url],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip


def _result(process: subprocess.Popen) -> dict:
    out, err = process.communicate(timeout=120)
    assert out, err
    return json.loads(out)


def test_two_processes_importing_at_once_both_write(pg_demo, tmp_path):
    first, second = tmp_path / "a.csv", tmp_path / "b.csv"
    first.write_bytes(_month_file("DP01-GD", 2))
    second.write_bytes(_month_file("DP02-GD", 3))
    before = _reports(pg_demo, "DP01-GD", 2), _reports(pg_demo, "DP02-GD", 3)
    running = [_import_process(first, pg_demo), _import_process(second, pg_demo)]
    results = [_result(p) for p in running]
    assert [r["status"] for r in results] == ["ok", "ok"]
    assert sorted(r["import_id"] for r in results) == [1, 2]
    assert [r["inserted"] for r in results] == [28, 28]  # no demo report on days 1-28 there
    assert _reports(pg_demo, "DP01-GD", 2) == before[0] + 28
    assert _reports(pg_demo, "DP02-GD", 3) == before[1] + 28


def test_the_same_rows_from_two_processes_are_written_once(pg_demo, tmp_path):
    same = tmp_path / "same.csv"
    same.write_bytes(_month_file("DP03-GD", 4))
    before = _reports(pg_demo, "DP03-GD", 4)
    running = [_import_process(same, pg_demo), _import_process(same, pg_demo)]
    results = [_result(p) for p in running]
    assert sorted((r["inserted"], r["unchanged"]) for r in results) == [(0, 28), (28, 0)]
    assert _reports(pg_demo, "DP03-GD", 4) == before + 28


def test_an_import_validated_before_another_process_wrote_is_validated_again(pg_demo):
    # Two stores on one URL are two processes: each has its own copy of the data.
    here, there = PostgresStore(pg_demo), PostgresStore(pg_demo)
    try:
        before = _reports(pg_demo, "DP04-GD", 5)
        with here.connect() as stale:  # this process read the data …
            done = import_file(_month_file("DP04-GD", 5), there, file_name="there.csv")
            assert done.ok and done.inserted == 28  # … then the other one wrote 28 reports
            again = import_file(_month_file("DP04-GD", 5), stale, file_name="here.csv")
        # Written against the other's rows, not the stale ones: nothing new, nothing twice.
        assert (again.inserted, again.updated, again.unchanged) == (0, 0, 28)
        assert _reports(pg_demo, "DP04-GD", 5) == before + 28
        assert [i["file_name"] for i in list_imports(pg_demo).to_dict("records")] == [
            "here.csv",
            "there.csv",
        ]
    finally:
        here.close()
        there.close()


def test_two_processes_see_each_others_writes_at_their_next_read(pg_demo):
    here, there = PostgresStore(pg_demo), PostgresStore(pg_demo)
    try:
        before = summary(here, by="all", as_of="2024-05-31").iloc[0]
        # DP05-GD (due 31/12/2025, 45 % since 31/03/2024) is reported done on 10/05/2024 in
        # the other process: one more finished on time, one fewer in progress.
        finished = csv_bytes([PROGRESS_HEADER[:4], ["DP05-GD", "10/05/2024", "100", "hoan_thanh"]])
        done = import_file(finished, there, file_name="done.csv")
        assert done.ok
        after = summary(here, by="all", as_of="2024-05-31").iloc[0]
        assert after["hoan_thanh_dung_han"] == before["hoan_thanh_dung_han"] + 1
        assert after["dang_thuc_hien"] == before["dang_thuc_hien"] - 1
        check_copy_matches(here)  # took in only what changed, and holds what the server holds
        # The other process undoes it: the report is removed here too.
        undo_import(done.import_id, there)
        undone = summary(here, by="all", as_of="2024-05-31").iloc[0]
        assert undone["hoan_thanh_dung_han"] == before["hoan_thanh_dung_han"]
        check_copy_matches(here)
    finally:
        here.close()
        there.close()


def test_a_write_waits_for_another_writer_then_says_busy(pg_demo, monkeypatch):
    import psycopg

    from analytics.store.errors import DatabaseBusy
    from analytics.store.postgres import WRITE_LOCK_KEY

    monkeypatch.setenv("TRACKER_WAIT_SECONDS", "1")
    store = PostgresStore(pg_demo, wait_seconds=1)
    try:
        with psycopg.connect(pg_demo) as other:  # another process in the middle of a write
            other.execute("SELECT pg_advisory_xact_lock(%s)", [WRITE_LOCK_KEY])
            with pytest.raises(DatabaseBusy):
                import_file(_month_file("DP06-GD", 7), store, file_name="busy.csv")
        # the other writer is done: the same import goes through
        assert import_file(_month_file("DP06-GD", 7), store, file_name="busy.csv").ok
    finally:
        store.close()
