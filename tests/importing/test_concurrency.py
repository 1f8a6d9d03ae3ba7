"""Two imports started at the same moment from two threads both end correctly."""

from __future__ import annotations

import threading

import duckdb

from analytics.importing import ImportConflict, import_file, list_imports
from tests.importing.helpers import PROGRESS_HEADER, csv_bytes


def _file(code: str, day: int) -> bytes:
    rows = [PROGRESS_HEADER[:3]] + [[code, f"{d:02d}/0{day}/2024", str(d)] for d in range(1, 29)]
    return csv_bytes(rows)


def _run_together(*calls):
    barrier = threading.Barrier(len(calls))
    outcomes: list[object] = [None] * len(calls)

    def run(i, call):
        barrier.wait()
        try:
            outcomes[i] = call()
        except ImportConflict as conflict:
            outcomes[i] = conflict

    threads = [threading.Thread(target=run, args=(i, c)) for i, c in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    return outcomes


def _stored(db, code: str, month: int) -> int:
    with duckdb.connect(str(db)) as con:
        return con.execute(
            "SELECT count(*) FROM progress p JOIN tasks t ON t.id = p.task_id "
            "WHERE t.code = ? AND month(p.report_date) = ? AND year(p.report_date) = 2024 "
            "AND p.import_id IS NOT NULL",
            [code, month],
        ).fetchall()[0][0]


def test_two_threads_importing_the_same_file_both_apply(demo_file):
    outcomes = _run_together(
        lambda: import_file(_file("DP01-GD", 2), demo_file, user="a"),
        lambda: import_file(_file("DP02-GD", 3), demo_file, user="b"),
    )
    assert all(o.ok for o in outcomes), outcomes
    assert sorted(o.import_id for o in outcomes) == [1, 2]
    assert sorted(o.inserted for o in outcomes) == [28, 28]
    assert _stored(demo_file, "DP01-GD", 2) == 28 and _stored(demo_file, "DP02-GD", 3) == 28


def test_the_same_rows_from_two_threads_are_written_once(demo_file):
    outcomes = _run_together(
        lambda: import_file(_file("DP03-GD", 4), demo_file),
        lambda: import_file(_file("DP03-GD", 4), demo_file),
    )
    counts = sorted((o.inserted, o.unchanged) for o in outcomes)
    assert counts == [(0, 28), (28, 0)]
    assert _stored(demo_file, "DP03-GD", 4) == 28


def test_colliding_transactions_are_retried_or_told_to_retry_never_half_written(demo_file):
    # Two connections of one process to one file take turns like two imports by path;
    # were they to collide, the import would retry, or say to try again.
    with duckdb.connect(str(demo_file)) as first, duckdb.connect(str(demo_file)) as second:
        outcomes = _run_together(
            lambda: import_file(_file("DP04-GD", 5), first),
            lambda: import_file(_file("DP05-GD", 6), second),
        )
    for outcome, (code, month) in zip(outcomes, (("DP04-GD", 5), ("DP05-GD", 6)), strict=True):
        if isinstance(outcome, ImportConflict):
            assert "thử lại" in str(outcome)
            assert _stored(demo_file, code, month) == 0
        else:
            assert outcome.ok and outcome.inserted == 28
            assert _stored(demo_file, code, month) == 28
    listed = list_imports(demo_file)
    assert len(listed) == sum(not isinstance(o, ImportConflict) for o in outcomes)
