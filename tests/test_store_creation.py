"""Only `init` (and the app's first start on the default file) makes a store; a dry run
writes nothing (CONTRACT.md section 1)."""

from __future__ import annotations

import hashlib
import io
import os
import stat
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from analytics import summary
from analytics.cli import main
from analytics.store.connection import StoreMissing, open_db
from tests.conftest import ROOT, copy_demo, run_cli_env
from tests.importing.helpers import dump

PROGRESS = ROOT / "tests" / "fixtures"  # not read: the store is checked first
REPORT = "Mã nhiệm vụ,Ngày báo cáo,Tiến độ (%)\nDP05-GD,30/10/2026,90\n"
PASSWORD = "Mat-Khau-Dai-2026!"

# Every command that reads or writes a store, with the arguments it needs besides --db.
COMMANDS = {
    "summary": ["summary"],
    "summary_as_of": ["summary", "--as-of", "31/12/2024"],
    "import": ["import", "{file}"],
    "import_dry_run": ["import", "{file}", "--dry-run"],
    "imports": ["imports"],
    "undo": ["undo", "1"],
    "export": ["export", "{out}"],
    "report": ["report", "--from", "2026-07-01", "--to", "2026-09-30", "--out", "{pdf}"],
    "appraisal": ["appraisal", "--year", "2025"],
    "user_add": ["user", "add", "quantri", "--role", "admin", "--password-stdin"],
    "user_list": ["user", "list"],
    "user_disable": ["user", "disable", "quantri"],
    "user_enable": ["user", "enable", "quantri"],
    "user_passwd": ["user", "passwd", "quantri", "--password-stdin"],
}


def _args(name: str, tmp_path: Path, db: Path) -> list[str]:
    report = tmp_path / "bao-cao.csv"
    report.write_text(REPORT, encoding="utf-8")
    fill = {"file": str(report), "out": str(tmp_path / "out.csv"),
            "pdf": str(tmp_path / "out.pdf")}  # fmt: skip
    return [a.format(**fill) for a in COMMANDS[name]] + ["--db", str(db)]


@pytest.mark.parametrize("name", COMMANDS)
def test_every_command_on_a_missing_file_exits_1_with_one_line_and_creates_nothing(
    name, tmp_path, monkeypatch, capsys
):
    db = tmp_path / "go-nham" / "tracker.duckdb"  # a mistyped folder and file
    monkeypatch.setattr(sys, "stdin", io.StringIO(PASSWORD + "\n"))
    code = main(_args(name, tmp_path, db))
    out = capsys.readouterr()
    assert code == 1
    assert out.out == ""
    lines = out.err.strip().splitlines()
    assert len(lines) == 1, out.err
    assert str(db) in lines[0] and "python -m analytics init" in lines[0]
    assert not db.exists() and not db.parent.exists()
    assert not (tmp_path / "out.csv").exists() and not (tmp_path / "out.pdf").exists()


def test_a_missing_tracker_db_is_refused_as_a_whole_command(tmp_path):
    env = run_cli_env(tmp_path)  # TRACKER_DB names tmp_path/cli-default.duckdb, missing
    done = subprocess.run(
        [sys.executable, "-m", "analytics", "summary"], capture_output=True, text=True,
        cwd=ROOT, env=env, timeout=60,
    )  # fmt: skip
    assert done.returncode == 1 and done.stdout == ""
    assert len(done.stderr.strip().splitlines()) == 1 and "Traceback" not in done.stderr
    assert env["TRACKER_DB"] in done.stderr
    assert not Path(env["TRACKER_DB"]).exists()


def test_the_python_api_raises_a_named_error_and_creates_nothing(tmp_path):
    db = tmp_path / "khong-co.duckdb"
    with pytest.raises(StoreMissing) as missing:
        summary(db)
    assert str(db) in str(missing.value) and "init" in str(missing.value)
    assert "\n" not in str(missing.value)
    assert isinstance(missing.value, FileNotFoundError)
    assert not db.exists()


def _fingerprint(db: Path) -> tuple:
    """The bytes of the file (and of its log, if any) and every table's row count."""
    wal = db.with_name(db.name + ".wal")
    digest = hashlib.sha256(db.read_bytes()).hexdigest()
    with duckdb.connect(str(db), read_only=True) as con:
        content = dump(con)
    return digest, wal.exists(), {t: len(rows) for t, rows in content.items()}, content["meta"]


def test_a_dry_run_writes_nothing_anywhere(demo_db, tmp_path, capsys):
    db = copy_demo(demo_db, tmp_path / "demo.duckdb")
    with open_db(db):  # opened once, as any earlier command would (schema up to date)
        pass
    before = _fingerprint(db)
    assert before[2]["imports"] == 0
    files = sorted(os.listdir(tmp_path))
    code = main(_args("import_dry_run", tmp_path, db))
    out = capsys.readouterr()
    assert code == 0, out.err
    assert '"inserted": 1' in out.out  # a new report for 30/10/2026, counted, not written
    assert _fingerprint(db) == before  # same bytes, no log, no row, same data version
    assert sorted(os.listdir(tmp_path)) == sorted([*files, "bao-cao.csv"])


def test_init_without_demo_makes_reference_data_and_no_task(tmp_path, capsys):
    db = tmp_path / "trong.duckdb"
    assert main(["init", "--db", str(db)]) == 0
    capsys.readouterr()
    with open_db(db) as con:
        assert con.execute("SELECT count(*) FROM tasks").fetchall()[0][0] == 0
        assert con.execute("SELECT count(*) FROM progress").fetchall()[0][0] == 0
        assert con.execute("SELECT count(*) FROM bodies").fetchall()[0][0] == 6  # DOMAIN.md


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_init_makes_the_file_and_its_new_folders_owner_only(tmp_path, capsys):
    db = tmp_path / "moi" / "con" / "tracker.duckdb"
    assert main(["init", "--demo", "--db", str(db)]) == 0
    capsys.readouterr()
    assert _mode(db) == 0o600
    assert _mode(db.parent) == 0o700 and _mode(db.parent.parent) == 0o700
    wal = db.with_name(db.name + ".wal")
    assert not wal.exists() or _mode(wal) == 0o600


def test_init_leaves_an_existing_folder_as_it_was(tmp_path, capsys):
    folder = tmp_path / "chung"
    folder.mkdir()
    folder.chmod(0o755)
    db = folder / "tracker.duckdb"
    assert main(["init", "--db", str(db)]) == 0
    capsys.readouterr()
    assert _mode(folder) == 0o755
    assert _mode(db) == 0o600


def test_the_log_duckdb_writes_while_a_new_file_is_made_is_owner_only(tmp_path):
    db = tmp_path / "wal.duckdb"
    with open_db(db, create=True) as con:
        con.execute("CREATE TABLE probe AS SELECT range AS x FROM range(1000)")
        wal = db.with_name(db.name + ".wal")
        assert wal.exists()  # DuckDB logs the write until the file is closed
        assert _mode(wal) == 0o600
