"""The command line: exit codes, JSON output, and a locked database."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

import duckdb

from tests.conftest import ROOT, run_cli_env


def cli(
    tmp_path: Path, *args: str, timeout: float = 60, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "analytics", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**run_cli_env(tmp_path), **(env or {})},
        timeout=timeout,
    )


def test_init_demo_then_summary_by_area_lists_the_headline_areas(tmp_path):
    db = str(tmp_path / "x.duckdb")
    created = cli(tmp_path, "init", "--demo", "--db", db)
    assert created.returncode == 0, created.stderr
    # 34 assigned tasks (17 for 2021, 17 for their phase) and 3 waiting for the next term.
    assert json.loads(created.stdout)["tasks"] == 37

    result = cli(tmp_path, "summary", "--db", db, "--by", "area", "--as-of", "2026-09-30")
    assert result.returncode == 0, result.stderr
    payload = json.loads(result.stdout)
    assert payload["as_of"] == "2026-09-30"
    keys = [g["key"] for g in payload["groups"]]
    assert keys[:4] == ["giam_sat", "chat_van", "tin_dung_ho_ngheo", "dau_tu_cong"]
    first = payload["groups"][0]
    assert first["label"] == "Giám sát"
    statuses = ("hoan_thanh_dung_han", "hoan_thanh_qua_han", "dang_thuc_hien",
                "chua_trien_khai", "qua_han")  # fmt: skip
    for group in payload["groups"]:
        assert sum(group[s] for s in statuses) == group["tasks"]


def test_init_without_demo_has_reference_data_and_no_task(tmp_path):
    db = str(tmp_path / "bare.duckdb")
    result = cli(tmp_path, "init", "--db", db)
    assert result.returncode == 0
    assert json.loads(result.stdout)["tasks"] == 0
    again = cli(tmp_path, "init", "--db", db)  # idempotent
    assert again.returncode == 0
    summary = json.loads(cli(tmp_path, "summary", "--db", db).stdout)
    assert summary["groups"] == [] or summary["groups"][0]["tasks"] == 0


def test_init_and_summary_use_tracker_db(tmp_path):
    assert cli(tmp_path, "init", "--demo").returncode == 0
    assert (tmp_path / "cli-default.duckdb").exists()  # the file TRACKER_DB names
    result = cli(tmp_path, "summary", "--as-of", "2026-09-30")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["groups"][0]["tasks"] == 34  # 17 for 2021, 17 for a phase


def test_misuse_exits_2(tmp_path):
    db = str(tmp_path / "m.duckdb")
    cases = [
        ("summary", "--db", db, "--as-of", "2026-01-01", "--from", "2025-01-01"),
        ("summary", "--db", db, "--by", "province"),
        ("summary", "--db", db, "--as-of", "12/31/2025"),  # month first: never
        ("summary", "--db", db, "--from", "2026-02-01", "--to", "2026-01-01"),
        ("frobnicate",),
        (),
    ]
    for args in cases:
        result = cli(tmp_path, *args)
        assert result.returncode == 2, (args, result.stderr)
        assert "Traceback" not in result.stderr


def test_a_file_that_is_not_a_database_is_one_line_and_exit_1(tmp_path):
    bad = tmp_path / "bad.duckdb"
    bad.write_text("not a database")
    result = cli(tmp_path, "summary", "--db", str(bad))
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_a_file_from_a_newer_release_is_one_line_and_exit_1(tmp_path):
    db = tmp_path / "newer.duckdb"
    assert cli(tmp_path, "init", "--db", str(db)).returncode == 0
    with duckdb.connect(str(db)) as con:
        con.execute("UPDATE meta SET value = '99' WHERE key = 'schema_version'")
    for command in (["summary"], ["imports"], ["appraisal", "--year", "2025"]):
        result = cli(tmp_path, *command, "--db", str(db))
        assert result.returncode == 1, command
        assert "Traceback" not in result.stderr, command
        (line,) = result.stderr.strip().splitlines()
        assert "phiên bản 99" in line and "mới hơn chương trình" in line, line


def test_a_database_held_by_another_process_gives_one_line_and_exit_1(tmp_path):
    db = tmp_path / "held.duckdb"
    assert cli(tmp_path, "init", "--db", str(db)).returncode == 0
    holder = subprocess.Popen(
        [sys.executable, "-c",
         "import duckdb, sys, time; c = duckdb.connect(sys.argv[1]); "
         "print('held', flush=True); time.sleep(60)", str(db)],
        stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        assert holder.stdout.readline().strip() == "held"
        started = time.monotonic()
        result = cli(tmp_path, "summary", "--db", str(db), timeout=40,
                     env={"TRACKER_WAIT_SECONDS": "2"})  # fmt: skip
        waited = time.monotonic() - started
    finally:
        holder.kill()
        holder.wait()
    assert result.returncode == 1
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in result.stderr
    assert "đang được một tiến trình khác sử dụng" in lines[0]
    assert 2 <= waited < 15  # waits the 2 seconds asked for, then gives up
    # Once the other process is gone the same command works.
    assert cli(tmp_path, "summary", "--db", str(db)).returncode == 0


def test_the_wait_for_a_busy_file_is_ten_seconds_unless_told(monkeypatch):
    from analytics.store.connection import default_wait

    monkeypatch.delenv("TRACKER_WAIT_SECONDS", raising=False)
    assert default_wait() == 10
    for given, expected in (("30", 30), ("0", 0), ("abc", 10), ("-1", 10), ("9999", 10)):
        monkeypatch.setenv("TRACKER_WAIT_SECONDS", given)
        assert default_wait() == expected, given
