"""The benchmark: synthetic data and the bench command, at a tiny scale."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date

import duckdb
import pytest

from analytics.cli import main
from analytics.figures import summary
from analytics.statuses import TASK_STATUS_CODES
from analytics.store.synthetic_sql import floor_figures
from analytics.synthetic import SCALES, generate
from tests.conftest import ROOT, run_cli_env

AS_OF = date(2026, 6, 30)


def _fingerprint(path) -> tuple:
    con = duckdb.connect(str(path), read_only=True)
    try:
        return con.execute(
            "SELECT (SELECT count(*) FROM tasks), (SELECT count(*) FROM progress), "
            "(SELECT sum(hash(id, code, body_code, official, due_on)) FROM tasks), "
            "(SELECT sum(hash(task_id, report_date, progress, status)) FROM progress)"
        ).fetchall()[0]
    finally:
        con.close()


def test_synthetic_data_is_the_same_every_time(tmp_path):
    first, second = tmp_path / "a.duckdb", tmp_path / "b.duckdb"
    tasks, reports, _ = generate(first, SCALES["tiny"])
    generate(second, SCALES["tiny"])
    assert tasks == 60 and 600 <= reports <= 1200  # about 900
    assert _fingerprint(first) == _fingerprint(second)


def test_province_scale_has_every_status_and_agrees_with_the_floor(tmp_path):
    path = tmp_path / "p.duckdb"
    tasks, reports, _ = generate(path, SCALES["province"])
    assert tasks == 200 and 4_000 <= reports <= 6_000
    con = duckdb.connect(str(path))
    try:
        everything = summary(con, "all", as_of=AS_OF).iloc[0]
        assert all(everything[s] > 0 for s in TASK_STATUS_CODES)
        for by in ("body", "area"):
            ours = summary(con, by, as_of=AS_OF).sort_values("key")
            floor = floor_figures(con, by, AS_OF)
            assert list(ours["key"]) == [row[0] for row in floor]
            assert [list(r) for r in ours[["tasks", *TASK_STATUS_CODES]].to_numpy()] == [
                list(row[1:7]) for row in floor
            ]
    finally:
        con.close()


def test_bench_command_runs_at_a_tiny_scale(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "analytics", "bench", "--scales", "tiny", "--runs", "1"],
        capture_output=True, text=True, cwd=ROOT, env=run_cli_env(tmp_path), timeout=120,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    payload = json.loads(result.stdout)
    (tiny,) = payload["results"]
    assert tiny["scale"] == "tiny" and tiny["tasks"] == 60
    for by in ("body", "area"):
        assert tiny[by]["agree"] is True
        assert tiny[by]["summary_s"] > 0 and tiny[by]["floor_s"] > 0
    assert tiny["peak_rss_mb"] > 0
    assert "ratio" in result.stderr  # the table for people


def test_bench_rejects_an_unknown_scale(capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["bench", "--scales", "planet"])
    assert exit_info.value.code == 2
    assert "unknown scale planet" in capsys.readouterr().err


def test_import_benchmark_runs_at_a_small_scale_and_reports_its_ratio(tmp_path):
    # The province database (200 tasks) with 300 new reports: the import inserts them all.
    done = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "import_bench.py"), "--scale", "province",
         "--rows", "300", "--runs", "1", "--keep", str(tmp_path)],
        capture_output=True, text=True, timeout=300, cwd=ROOT,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    figures = json.loads(done.stdout)
    assert figures["rows"] == figures["inserted"] == 300
    assert figures["ratio"] > 0 and len(figures["import_runs"]) == 1
    assert 0 < figures["peak_memory_mb"] < 1536
    assert "ratio" in done.stderr and "(target ≤ 3)" in done.stderr
    # Whole commands, timed as processes in the same run, next to their floors.
    whole = figures["command_seconds"]
    assert set(whole) == {"import_command", "floor_command", "help", "open_close"}
    assert all(seconds > 0 for seconds in whole.values())
    assert figures["command_ratio"] > 0 and figures["command_cpu_ratio"] > 0
    assert "python -m analytics --help" in done.stderr and "(target ≤ 0.3 s)" in done.stderr
