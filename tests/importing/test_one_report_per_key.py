"""One report per task and day, kept by the writers (the store has no index for it).

Migration 5 dropped the primary-key index of ``progress`` for the speed of large imports;
these tests hold every way reports are written to the rule the index used to enforce.
"""

from __future__ import annotations

import threading

import duckdb
import pytest

from analytics.importing import import_file, undo_import
from analytics.store.schema import LATEST_VERSION, migrate
from tests.importing.helpers import PROGRESS_HEADER, csv_bytes

REPEATED_KEYS = """
    SELECT count(*) FROM (
        SELECT task_id, report_date FROM progress GROUP BY ALL HAVING count(*) > 1)
"""


def _repeated(con: duckdb.DuckDBPyConnection) -> int:
    return con.execute(REPEATED_KEYS).fetchall()[0][0]


def _month_of_reports(code: str, month: int, progress: int = 10) -> bytes:
    # 28 days of one month: a new report for each, no day repeated.
    rows = [PROGRESS_HEADER[:3]] + [
        [code, f"{day:02d}/{month:02d}/2024", str(progress)] for day in range(1, 29)
    ]
    return csv_bytes(rows)


def test_the_demo_holds_one_report_per_task_and_day(demo):
    assert _repeated(demo) == 0


def test_importing_a_file_again_or_with_changed_values_adds_no_second_report(demo):
    before = demo.execute("SELECT count(*) FROM progress").fetchall()[0][0]
    first = import_file(_month_of_reports("DP01-GD", 2), demo)
    again = import_file(_month_of_reports("DP01-GD", 2), demo)
    changed = import_file(_month_of_reports("DP01-GD", 2, progress=20), demo)
    assert (first.inserted, again.unchanged, changed.updated) == (28, 28, 28)
    assert demo.execute("SELECT count(*) FROM progress").fetchall()[0][0] == before + 28
    assert _repeated(demo) == 0


def test_a_file_repeating_a_row_stores_it_once(demo):
    rows = [PROGRESS_HEADER[:3], ["DP02-GD", "05/03/2024", "30"], ["DP02-GD", "05/03/2024", "30"]]
    result = import_file(csv_bytes(rows), demo)
    assert (result.inserted, result.unchanged) == (1, 1)
    assert _repeated(demo) == 0


def test_the_same_rows_through_two_connections_to_one_file_are_written_once(demo_file):
    # Two connections of one process take turns on the file, so the second import finds
    # the first one's rows stored and counts them unchanged.
    barrier = threading.Barrier(2)
    outcomes = []

    def run(con):
        barrier.wait()
        outcomes.append(import_file(_month_of_reports("DP03-GD", 4), con))

    with duckdb.connect(str(demo_file)) as first, duckdb.connect(str(demo_file)) as second:
        threads = [threading.Thread(target=run, args=(c,)) for c in (first, second)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(60)
    assert sorted((o.inserted, o.unchanged) for o in outcomes) == [(0, 28), (28, 0)]
    with duckdb.connect(str(demo_file)) as con:
        assert _repeated(con) == 0


def test_undo_then_import_again_keeps_one_report_per_key(demo):
    first = import_file(_month_of_reports("DP04-GD", 5), demo)
    assert undo_import(first.import_id, demo, user="admin").ok
    second = import_file(_month_of_reports("DP04-GD", 5), demo)
    assert second.inserted == 28
    assert _repeated(demo) == 0


def test_a_version_4_file_keeps_its_reports_in_key_order_and_its_checks(tmp_path):
    con = duckdb.connect(str(tmp_path / "v4.duckdb"))
    migrate(con, target=4)
    con.execute(
        "INSERT INTO tasks (id, code, title, body_code, position, area_code, period_label, "
        "assigned_on, due_on) VALUES (1, 'A', 'A', 'TT', 'Chánh Văn phòng', 'giam_sat', "
        "'2021', DATE '2021-01-04', DATE '2021-12-31')"
    )
    con.execute(
        "INSERT INTO progress (task_id, report_date, progress, status) VALUES "
        "(1, DATE '2021-06-30', 100, 'hoan_thanh'), (1, DATE '2021-03-31', 40, 'dang_thuc_hien')"
    )
    assert migrate(con) == LATEST_VERSION
    rows = con.execute("SELECT report_date, progress FROM progress").fetchall()
    assert [(d.isoformat(), p) for d, p in rows] == [("2021-03-31", 40.0), ("2021-06-30", 100.0)]
    with pytest.raises(duckdb.ConstraintException):  # 100 % but not done
        con.execute(
            "INSERT INTO progress (task_id, report_date, progress, status) "
            "VALUES (1, DATE '2021-09-30', 100, 'dang_thuc_hien')"
        )
    con.close()
