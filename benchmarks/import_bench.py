"""Benchmark: import a valid 1,000,000-row progress CSV into a database of national size.

    python benchmarks/import_bench.py [--rows N] [--runs N] [--keep DIR] [--scale NAME]

A national database (165,000 tasks, about ten million reports; ``analytics.synthetic``)
and a valid progress CSV are made in a temporary folder. Then, alternating, each on its
own copy of the database:

- whole commands, timed from starting the process to its end, as a clerk or a nightly
  job runs them: ``python -m analytics import CSV --db COPY``; its floor, a whole
  ``python -c`` process that loads the same file into the copy with DuckDB's
  ``read_csv``; ``python -m analytics --help``; and a process that only opens and
  closes the copy with DuckDB (what any command must pay);
- in process: ``import_file(csv, db)`` (full validation, one transaction, history) and
  ``read_csv`` into a bare table, each timed inside a fresh process from opening the
  database to closing it, with the peak memory (RSS) of the importing process.

Reported: medians, ratios against the targets (``--help`` ≤ 0.3 s, the import command
≤ 3 × its floor, in process ≤ 3 ×) and the processes' CPU time (user + system), which a
busy machine disturbs less than the wall clock. A table for people goes to stderr, the
figures as one JSON object to stdout.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

# One row per (task, day) that has no report yet: every seventh day of the task's span up
# to the last synthetic report, skipping days already reported, the first few per task.
# Progress and notes vary; the status is left empty (derived from the progress).
_FILE_SQL = """
COPY (
    WITH candidates AS (
        SELECT t.id, t.code, t.assigned_on + CAST(7 * k AS INTEGER) AS report_date, k
        FROM tasks t, range(0, 400) r(k)
        WHERE t.assigned_on + CAST(7 * k AS INTEGER) <= least(t.due_on, $last)
    ), fresh AS (
        SELECT c.* FROM candidates c
        ANTI JOIN progress p ON p.task_id = c.id AND p.report_date = c.report_date
    ), numbered AS (
        SELECT *, row_number() OVER (PARTITION BY id ORDER BY report_date) AS n FROM fresh
    )
    SELECT code AS "Mã nhiệm vụ",
           strftime(report_date, '%d/%m/%Y') AS "Ngày báo cáo",
           replace(CAST(CAST(hash(id, k) % 1000 AS DOUBLE) / 10 AS VARCHAR), '.', ',')
               AS "Tiến độ (%)",
           '' AS "Trạng thái",
           CASE WHEN hash(id, k, 1) % 3 = 0 THEN 'Đang triển khai theo kế hoạch' ELSE '' END
               AS "Ghi chú",
           'Phòng Tổng hợp' AS "Người báo cáo",
           'BC ' || CAST(hash(id, k, 2) % 100000 AS VARCHAR) || '/VP' AS "Minh chứng"
    FROM numbered
    WHERE n <= 8
    ORDER BY n, id
    LIMIT $rows
) TO '{path}' (HEADER, DELIMITER ';')
"""


def make_files(folder: Path, rows: int, scale: str = "national") -> tuple[Path, Path]:
    """The database (national unless told) and the CSV to import, in ``folder``."""
    import duckdb

    from analytics.store.synthetic_sql import SYNTHETIC_LAST_REPORT
    from analytics.synthetic import SCALES, generate

    db = folder / f"{scale}.duckdb"
    tasks, reports, seconds = generate(db, SCALES[scale])
    print(f"{scale} database: {tasks:,} tasks, {reports:,} reports ({seconds:.0f} s)",
          file=sys.stderr)  # fmt: skip
    csv_path = folder / "progress_1m.csv"
    con = duckdb.connect(str(db))
    try:
        sql = _FILE_SQL.replace("{path}", str(csv_path).replace("'", "''"))
        con.execute(sql, {"last": SYNTHETIC_LAST_REPORT, "rows": rows})
        written = con.execute("SELECT count(*) FROM read_csv(?)", [str(csv_path)]).fetchall()[0][0]
    finally:
        con.close()
    size = csv_path.stat().st_size / 1e6
    print(f"progress file: {written:,} rows, {size:.0f} MB", file=sys.stderr)
    return db, csv_path


def _child(mode: str, db: str, csv_path: str) -> None:
    """Run one measurement in this (fresh) process and print it as JSON."""
    if mode == "import":
        from analytics.importing import import_file

        started = time.perf_counter()
        result = import_file(csv_path, db, user="bench")
        seconds = time.perf_counter() - started
        outcome = result.to_json()
        if not result.ok:
            outcome["errors"] = outcome["errors"][:5]
    else:
        import duckdb

        started = time.perf_counter()
        con = duckdb.connect(db)
        con.execute("CREATE TABLE bare AS SELECT * FROM read_csv(?)", [csv_path])
        count = con.execute("SELECT count(*) FROM bare").fetchall()[0][0]
        con.close()
        seconds = time.perf_counter() - started
        outcome = {"rows": count}
    print(json.dumps({"seconds": seconds, "peak_bytes": _peak_rss(), "outcome": outcome}))


def _peak_rss() -> int:
    """This process's peak resident memory in bytes.

    Linux's VmHWM belongs to the process image, so it starts afresh at exec; getrusage's
    ru_maxrss is kept across exec and would carry the memory of the parent that made the
    national database (some 2 GB) into the first measurement."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) * 1024  # kB
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024  # Linux: KiB


def _measure(mode: str, source_db: Path, csv_path: Path, folder: Path) -> dict:
    work = folder / f"work_{mode}.duckdb"
    for leftover in (work, work.with_name(work.name + ".wal")):
        leftover.unlink(missing_ok=True)
    shutil.copy(source_db, work)
    os.sync()  # the copy's write-back is not to land inside the measurement
    done = subprocess.run(
        [sys.executable, __file__, "--child", mode, str(work), str(csv_path)],
        capture_output=True, text=True, check=True, cwd=ROOT,
        env=dict(os.environ, PYTHONPATH=str(ROOT)),
    )  # fmt: skip
    return json.loads(done.stdout)


# A whole process that loads the CSV into the database with DuckDB alone: the floor of a
# whole import command. And one that only opens and closes the database.
_FLOOR_COMMAND = (
    "import sys, duckdb; con = duckdb.connect(sys.argv[1]); "
    "con.execute('CREATE TABLE bare AS SELECT * FROM read_csv(?)', [sys.argv[2]]); con.close()"
)
_OPEN_CLOSE_COMMAND = "import sys, duckdb; duckdb.connect(sys.argv[1]).close()"


def _whole(name: str, source_db: Path, csv_path: Path, folder: Path) -> dict:
    """Run one whole command as a fresh process; its wall and CPU seconds."""
    work = folder / f"work_{name}.duckdb"
    for leftover in (work, work.with_name(work.name + ".wal")):
        leftover.unlink(missing_ok=True)
    if name != "help":
        shutil.copy(source_db, work)
        os.sync()  # the copy's write-back is not to land inside the measurement
    argv = {
        "import_command": ["-m", "analytics", "import", str(csv_path), "--db", str(work),
                           "--user", "bench"],
        "floor_command": ["-c", _FLOOR_COMMAND, str(work), str(csv_path)],
        "help": ["-m", "analytics", "--help"],
        "open_close": ["-c", _OPEN_CLOSE_COMMAND, str(work)],
    }[name]  # fmt: skip
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, *argv], capture_output=True, text=True, cwd=ROOT,
        env=dict(os.environ, PYTHONPATH=str(ROOT)),
    )  # fmt: skip
    seconds = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        raise RuntimeError(f"{name} failed ({done.returncode}): {done.stderr[-2000:]}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    outcome = json.loads(done.stdout) if name == "import_command" else None
    return {"seconds": seconds, "cpu_seconds": cpu, "outcome": outcome}


def _median(runs: list[dict], key: str = "seconds") -> float:
    return statistics.median(r[key] for r in runs)


def main() -> int:
    from analytics.synthetic import SCALES

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=3, help="timed runs of each (default 3)")
    parser.add_argument("--keep", type=Path, help="make or reuse the files in DIR")
    parser.add_argument(
        "--scale",
        default="national",
        choices=list(SCALES),
        help="size of the database imported into (default national)",
    )
    parser.add_argument("--child", nargs=3, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        _child(*args.child)
        return 0

    folder = args.keep or Path(tempfile.mkdtemp(prefix="import_bench_"))
    folder.mkdir(parents=True, exist_ok=True)
    try:
        db, csv_path = folder / f"{args.scale}.duckdb", folder / "progress_1m.csv"
        if not (db.exists() and csv_path.exists()):
            db.unlink(missing_ok=True)
            db, csv_path = make_files(folder, args.rows, args.scale)
        imports, floors = [], []
        whole: dict[str, list[dict]] = {
            "floor_command": [], "import_command": [], "help": [], "open_close": [],
        }  # fmt: skip
        for _ in range(args.runs):
            for name in whole:
                whole[name].append(_whole(name, db, csv_path, folder))
            floors.append(_measure("floor", db, csv_path, folder))
            imports.append(_measure("import", db, csv_path, folder))
        for outcome in (imports[-1]["outcome"], whole["import_command"][-1]["outcome"]):
            if outcome.get("status") != "ok":
                print(f"the import was rejected: {outcome}", file=sys.stderr)
                return 1
        outcome = imports[-1]["outcome"]
        import_s = _median(imports)
        floor_s = _median(floors)
        peak = max(r["peak_bytes"] for r in imports)
        command = {name: round(_median(runs), 2) for name, runs in whole.items()}
        command_cpu = {name: round(_median(runs, "cpu_seconds"), 2) for name, runs in whole.items()}
        command_ratio = _median(whole["import_command"]) / _median(whole["floor_command"])
        cpu_ratio = _median(whole["import_command"], "cpu_seconds") / _median(
            whole["floor_command"], "cpu_seconds"
        )
        figures = {
            "rows": outcome["rows"], "inserted": outcome["inserted"],
            "file_mb": round(csv_path.stat().st_size / 1e6, 1), "runs": args.runs,
            "import_seconds": round(import_s, 2), "read_csv_seconds": round(floor_s, 2),
            "ratio": round(import_s / floor_s, 2), "peak_memory_mb": round(peak / 2**20),
            "import_runs": [round(r["seconds"], 2) for r in imports],
            "import_peaks_mb": [round(r["peak_bytes"] / 2**20) for r in imports],
            "read_csv_runs": [round(r["seconds"], 2) for r in floors],
            "command_seconds": command, "command_cpu_seconds": command_cpu,
            "command_ratio": round(command_ratio, 2), "command_cpu_ratio": round(cpu_ratio, 2),
            "command_runs": {name: [round(r["seconds"], 2) for r in runs]
                             for name, runs in whole.items()},
            "cpus": os.cpu_count(),
        }  # fmt: skip
        print(
            "whole commands (process start to end)       wall     CPU\n"
            f"python -m analytics import CSV --db COPY  {command['import_command']:6.2f} s"
            f"{command_cpu['import_command']:6.2f} s\n"
            f"floor: python -c (DuckDB read_csv)         {command['floor_command']:6.2f} s"
            f"{command_cpu['floor_command']:6.2f} s\n"
            f"ratio                                      {command_ratio:6.2f}  "
            f"{cpu_ratio:6.2f}    (target ≤ 3)\n"
            f"python -m analytics --help                 {command['help']:6.2f} s"
            f"{command_cpu['help']:6.2f} s  (target ≤ 0.3 s)\n"
            f"python -c (DuckDB open and close)          {command['open_close']:6.2f} s"
            f"{command_cpu['open_close']:6.2f} s\n"
            "in process (open to close)\n"
            f"import (full validation, one transaction)  {import_s:6.2f} s\n"
            f"DuckDB read_csv into a bare table          {floor_s:6.2f} s\n"
            f"ratio                                      {import_s / floor_s:6.2f}  (target ≤ 3)\n"
            f"peak memory of the import                  {peak / 2**20:6.0f} MB (target ≤ 1536)",
            file=sys.stderr,
        )
        print(json.dumps(figures, indent=2))
    finally:
        if args.keep is None:
            shutil.rmtree(folder, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
