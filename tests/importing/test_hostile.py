"""Hostile files: each is refused with the right message, by ``python -m analytics import``
run as a child process, within generous bounds of memory and time, leaving the store as
it was. The files are made at test time (tests/importing/hostile.py); the real figures,
before and after, are in README ("Hostile files") and come from benchmarks/hostile_bench.py.
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pytest

from tests.conftest import ROOT, run_cli_env
from tests.importing import hostile
from tests.importing.helpers import dump

MAX_PEAK_MB = 1536  # the whole command; it starts at about 200 MB (pandas, DuckDB, Arrow)
MAX_SECONDS = 60  # on a busy machine; a few seconds at most when it is idle
# Guards for a shared machine should the bounds ever break: the child may map 4 GB at
# most (it fails instead of growing), and is stopped after twice the time allowed.
ADDRESS_SPACE = 4_000_000_000
KILL_AFTER = 2 * MAX_SECONDS

WHOLE_FILE = (None, None, "")  # row, column, value of an error about the whole file


@dataclass
class Run:
    code: int
    out: dict
    peak_mb: float
    seconds: float


def run_import(path: Path, db: Path, env: dict[str, str]) -> Run:
    """``python -m analytics import PATH --db DB``, with its peak resident memory (from
    the kernel's account of that one child) and wall time."""

    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (ADDRESS_SPACE, ADDRESS_SPACE))

    started = time.monotonic()
    child = subprocess.Popen(
        [sys.executable, "-m", "analytics", "import", str(path), "--db", str(db)],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
        preexec_fn=limit,
    )  # fmt: skip
    assert child.stdout is not None
    timer = threading.Timer(KILL_AFTER, child.kill)
    timer.start()
    try:
        out = child.stdout.read()  # reading to the end never blocks the child
        _, status, usage = os.wait4(child.pid, 0)
    finally:
        timer.cancel()
    child.returncode = os.waitstatus_to_exitcode(status)
    seconds = time.monotonic() - started
    return Run(child.returncode, json.loads(out) if out.strip() else {}, usage.ru_maxrss / 1024,
               seconds)  # fmt: skip


def _errors(out: dict) -> list[tuple]:
    return [(e["row"], e["column"], e["value"]) for e in out.get("errors", [])]


# name -> (the errors as (row, column, value), words of the first message)
EXPECTED: dict[str, tuple[list[tuple], str]] = {
    # 1 MB inflating to 1 GiB: refused on the sizes the zip declares, before any parsing;
    # a 1 MB file may inflate to 100 MB (101 MB written as the limit: 100 x 1.06 MB).
    "huge_inline_cell": ([WHOLE_FILE], "Tệp Excel khi giải nén lớn hơn 101 MB"),
    "huge_shared_string": ([WHOLE_FILE], "Tệp Excel khi giải nén lớn hơn 101 MB"),
    # declares 1 MB and holds 1 GiB: inflating stops at the declared size; the CRC fails
    "lying_sizes": ([WHOLE_FILE], "Bad CRC-32"),
    "sparse_2000000000": ([WHOLE_FILE], "Trang tính có dòng số 2.000.000.000, vượt giới hạn"),
    # within the limit: read at once, and its unknown task named with its real row number
    "sparse_1048576": ([(1_048_576, "ma_nhiem_vu", "KHONG-CO")], "không có nhiệm vụ mã"),
    "rows_3000000": ([WHOLE_FILE], "Tệp có hơn 2.000.000 dòng dữ liệu"),
    "long_cell": ([WHOLE_FILE], "Ô E2 dài hơn 32.767 ký tự"),
    "huge_attribute": ([WHOLE_FILE], "XML token too large"),
    "xxe": ([WHOLE_FILE], "khai báo DTD/thực thể XML"),
    "entity_expansion": ([WHOLE_FILE], "khai báo DTD/thực thể XML"),
    "entities_in_workbook": ([WHOLE_FILE], "khai báo DTD/thực thể XML"),
    "csv_2000001_rows": ([WHOLE_FILE], "Tệp có hơn 2.000.000 dòng dữ liệu"),
    # a valid row but for its 50,000,000-character note: a row error showing 100 characters
    "csv_50mb_note": ([(2, "ghi_chu", "g" * 100 + "…")], "Dòng 2, cột Ghi chú: dài hơn 4.000"),
}


def test_every_hostile_file_is_tested():
    assert set(EXPECTED) == set(hostile.FILES)


@pytest.fixture(scope="module")
def store(demo_db: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict]:
    """A copy of the demo database (made here, never by the import) and its dump."""
    path = tmp_path_factory.mktemp("hostile") / "demo.duckdb"
    path.write_bytes(demo_db.read_bytes())
    con = duckdb.connect(str(path))
    content = dump(con)
    con.close()
    return path, content


@pytest.mark.parametrize("name", list(hostile.FILES))
def test_a_hostile_file_is_refused_within_bounds(name, store, tmp_path):
    db, before = store
    suffix, write = hostile.FILES[name]
    path = tmp_path / f"{name}.{suffix}"
    write(path)
    result = run_import(path, db, run_cli_env(tmp_path))
    errors, words = EXPECTED[name]
    assert result.code == 1, result
    assert result.out["status"] == "rejected"
    assert _errors(result.out) == errors
    assert words in result.out["errors"][0]["message"]
    assert result.peak_mb < MAX_PEAK_MB, result.peak_mb
    assert result.seconds < MAX_SECONDS, result.seconds
    con = duckdb.connect(str(db), read_only=True)
    try:
        assert dump(con) == before
    finally:
        con.close()
