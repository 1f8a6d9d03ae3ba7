"""A process importing a large file is killed at random moments; the database stays whole.

After every SIGKILL the file opens and holds either all of that import or none of it.
"""

from __future__ import annotations

import contextlib
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from datetime import date, timedelta
from pathlib import Path

import pytest

from analytics.store.connection import open_db
from tests.conftest import ROOT
from tests.importing.helpers import PROGRESS_HEADER, csv_bytes

KILLS = 20
pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork()")


def _large_file(path: Path) -> int:
    codes = [f"DP{n:02d}-{kind}" for n in range(1, 18) for kind in ("2021", "GD")]
    start = date(2022, 1, 1)
    rows = [PROGRESS_HEADER[:5]]
    for day in range(600):
        when = (start + timedelta(days=day)).strftime("%d/%m/%Y")
        rows += [[code, when, str((day + i) % 100), "", f"ghi chú {day}"] for i, code in
                 enumerate(codes)]  # fmt: skip
    path.write_bytes(csv_bytes(rows))
    return len(rows) - 1


def _state(db: Path) -> tuple[int, int, int]:
    with open_db(db, wait_seconds=5) as con:
        return con.execute(
            "SELECT (SELECT count(*) FROM imports), (SELECT count(*) FROM row_history), "
            "(SELECT count(*) FROM progress WHERE import_id IS NOT NULL)"
        ).fetchall()[0]


def test_killed_imports_leave_all_or_nothing(demo_db, tmp_path):
    rows = _large_file(tmp_path / "big.csv")
    pristine = tmp_path / "pristine.duckdb"
    shutil.copy(demo_db, pristine)
    db = tmp_path / "work.duckdb"
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    worker = subprocess.Popen(
        [sys.executable, "-m", "tests.importing.crash_worker"], cwd=ROOT, env=env,
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        assert worker.stdout.readline().strip() == "ready"

        def start() -> int:
            for leftover in (db, db.with_name(db.name + ".wal")):
                leftover.unlink(missing_ok=True)
            shutil.copy(pristine, db)
            worker.stdin.write(f"{db} {tmp_path / 'big.csv'}\n")
            worker.stdin.flush()
            return int(worker.stdout.readline().split()[1])

        started = time.monotonic()
        start()
        assert worker.stdout.readline().strip() == "exit 0"
        duration = time.monotonic() - started
        assert _state(db) == (1, rows, rows)

        rng = random.Random(20261127)
        outcomes = []
        for _ in range(KILLS):
            pid = start()
            time.sleep(rng.uniform(0.0, duration * 1.05))
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
            worker.stdout.readline()  # the child is gone
            state = _state(db)
            assert state in ((0, 0, 0), (1, rows, rows)), state
            outcomes.append(state[0])
        print(f"{rows} rows in {duration:.2f} s; imports kept after each kill: {outcomes}")
        assert 0 in outcomes  # some kills did land before the commit
    finally:
        worker.stdin.close()
        worker.kill()
        worker.wait()
