"""``import``, ``imports`` and ``undo`` on the command line: JSON, messages, exit codes."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from analytics.cli import main
from tests.conftest import ROOT, run_cli_env
from tests.importing.helpers import PROGRESS_HEADER, csv_bytes


def run(capsys, *args: str) -> tuple[int, dict, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, json.loads(out) if out.strip() else {}, err


@pytest.fixture
def files(tmp_path):
    good = tmp_path / "tien_do.csv"
    good.write_bytes(csv_bytes([PROGRESS_HEADER[:3], ["DP01-GD", "01/02/2024", "5"],
                                ["DP02-GD", "01/02/2024", "7"]]))  # fmt: skip
    later = tmp_path / "sua.csv"
    later.write_bytes(csv_bytes([PROGRESS_HEADER[:3], ["DP01-GD", "01/02/2024", "6"]]))
    bad = tmp_path / "loi.csv"
    bad.write_bytes(csv_bytes([PROGRESS_HEADER[:3], ["DP01-GD", "31/02/2024", "5"]]))
    return good, later, bad


def test_import_imports_undo_round(capsys, demo_file, files):
    good, later, bad = files
    db = ["--db", str(demo_file)]
    code, out, err = run(capsys, "import", str(good), "--dry-run", *db)
    assert code == 0 and out == {"status": "ok", "import_id": None, "kind": "progress",
                                 "rows": 2, "inserted": 2, "updated": 0, "unchanged": 0,
                                 "dry_run": True}  # fmt: skip
    code, out, err = run(capsys, "import", str(good), "--user", "nhan_vien", *db)
    assert code == 0 and out == {"status": "ok", "import_id": 1, "kind": "progress", "rows": 2,
                                 "inserted": 2, "updated": 0, "unchanged": 0}  # fmt: skip
    assert "Đã nhập" in err
    code, out, err = run(capsys, "import", str(bad), *db)
    assert code == 1
    assert out == {"status": "rejected", "kind": "progress", "errors": [{
        "row": 2, "column": "ngay_bao_cao", "value": "31/02/2024",
        "message": "Dòng 2, cột Ngày báo cáo: '31/02/2024' không phải ngày hợp lệ (ngày/tháng/năm)",
    }]}  # fmt: skip
    assert run(capsys, "import", str(later), *db)[1]["updated"] == 1
    code, out, err = run(capsys, "undo", "1", *db)
    assert code == 1 and out["status"] == "refused" and out["blocking_imports"] == [2]
    assert "lần nhập số 2" in err
    assert run(capsys, "undo", "2", *db)[0] == 0
    assert run(capsys, "undo", "1", *db)[0] == 0
    code, out, err = run(capsys, "undo", "1", *db)
    assert code == 1 and out["reason"] == "already_undone"
    code, out, _ = run(capsys, "imports", *db)
    assert code == 0
    assert [(i["id"], i["file_name"], i["undone"]) for i in out["imports"]] == [
        (2, "sua.csv", True), (1, "tien_do.csv", True)]  # fmt: skip
    first = out["imports"][1]
    assert first["user"] == "nhan_vien" and first["kind"] == "progress"
    assert set(first) == {"id", "imported_at", "user", "file_name", "sha256", "kind", "rows",
                          "inserted", "updated", "unchanged", "undone", "undone_at",
                          "undone_by"}  # fmt: skip


def test_a_whole_file_error_has_a_null_row(capsys, demo_file, tmp_path):
    empty = tmp_path / "rong.csv"
    empty.write_bytes(b"")
    code, out, _ = run(capsys, "import", str(empty), "--db", str(demo_file))
    assert code == 1
    assert out["status"] == "rejected" and out["errors"][0]["row"] is None


def test_misuse_exits_2(capsys, tmp_path):
    assert main(["import", str(tmp_path / "nowhere.csv"), "--db", str(tmp_path / "x.duckdb")]) == 2
    with pytest.raises(SystemExit) as stopped:
        main(["undo", "one"])
    assert stopped.value.code == 2


def test_a_real_process_prints_only_json_on_stdout_and_exits_1_when_rejected(
    tmp_path, files, demo_file
):
    _, _, bad = files
    rejected = subprocess.run(
        [sys.executable, "-m", "analytics", "import", str(bad), "--db", str(demo_file)],
        cwd=ROOT, env=run_cli_env(tmp_path), capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert rejected.returncode == 1 and "Traceback" not in rejected.stderr
    assert json.loads(rejected.stdout)["errors"][0]["row"] == 2
    assert "Dòng 2, cột Ngày báo cáo" in rejected.stderr
