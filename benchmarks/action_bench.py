"""Benchmark: the cycle's commands on a national store, each next to its simplest
alternative, whole commands as a user runs them (a new process each time).

    python benchmarks/action_bench.py [--runs N] [--rows N]

A national synthetic store (165,000 tasks, about ten million reports) gets a progress file
of ``--rows`` rows imported first, so the import history (read by ``task history``) is a
million rows long. Then, the median of ``--runs`` runs of:

- ``task report`` (a one-row import with its event) next to ``import`` of the same row as
  a CSV file (the floor: the import it is made as);
- ``task comment`` (an action without an import) next to the same ``import``;
- ``task history`` next to a plain SQL read of the task's reports in a fresh process;
- ``remind --dry-run`` for 14 accounts (an official per position of one body, staff per
  body) next to ``summary --by body`` (one read of every task).

A table goes to stderr, the figures as one JSON object to stdout.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

PASSWORD = "Mat-Khau-Do-Hieu-2026"  # a benchmark password, never a real one


def _run(*args: str) -> float:
    started = time.perf_counter()
    done = subprocess.run([sys.executable, *args], cwd=ROOT, capture_output=True, text=True)
    seconds = time.perf_counter() - started
    if done.returncode not in (0,):
        raise RuntimeError(f"{args}: exit {done.returncode}: {done.stderr[-500:]}")
    return seconds


def _median(runs: int, *args: str) -> float:
    return statistics.median(_run(*args) for _ in range(runs))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--rows", type=int, default=1_000_000)
    args = parser.parse_args()

    import duckdb

    from analytics import accounts
    from analytics.importing import import_file
    from benchmarks.import_bench import make_files

    figures: dict[str, object] = {"rows_imported_first": args.rows}
    with tempfile.TemporaryDirectory() as folder:
        db, csv_path = make_files(Path(folder), args.rows)
        assert import_file(str(csv_path), str(db), user="bench").ok
        with duckdb.connect(str(db)) as con:
            code, body = con.execute(
                "SELECT code, body_code FROM tasks WHERE assignment_state = 'da_giao' "
                "ORDER BY id LIMIT 1"
            ).fetchone()
            positions = [r[0] for r in con.execute("SELECT name_vi FROM positions").fetchall()]
            bodies = [r[0] for r in con.execute("SELECT code FROM bodies").fetchall()]
        accounts.add_user(str(db), "bench", "admin", PASSWORD, actor="bench")
        for i, name in enumerate(positions):
            accounts.add_user(str(db), f"cb{i}", "official", PASSWORD, body=body,
                              position=name, actor="bench")  # fmt: skip
        for b in bodies:
            accounts.add_user(str(db), f"vt.{b.lower()}", "staff", PASSWORD, (b,), actor="bench")
        row = Path(folder) / "one_report.csv"
        row.write_text(f"ma_nhiem_vu,ngay_bao_cao,tien_do\n{code},01/12/2026,55\n")
        cli = ("-m", "analytics")
        where = ("--db", str(db))
        rows = {
            "task report": _median(
                args.runs,
                *cli,
                "task",
                "report",
                code,
                "--progress",
                "56",
                "--user",
                "bench",
                *where,
            ),
            "import one row (file)": _median(
                args.runs, *cli, "import", str(row), "--user", "bench", *where
            ),
            "task comment": _median(
                args.runs,
                *cli,
                "task",
                "comment",
                code,
                "--text",
                "Theo dõi",
                "--user",
                "bench",
                *where,
            ),
            "task history": _median(args.runs, *cli, "task", "history", code, *where),
            "SQL read of its reports": _median(
                args.runs,
                "-c",
                "import duckdb,sys; c=duckdb.connect(sys.argv[1], read_only=True); "
                "print(c.execute('SELECT p.* FROM progress p JOIN tasks t ON t.id=p.task_id "
                "WHERE t.code=?', [sys.argv[2]]).fetchall())",
                str(db),
                code,
            ),
            "remind --dry-run": _median(args.runs, *cli, "remind", "--dry-run", *where),
            "summary --by body": _median(args.runs, *cli, "summary", "--by", "body", *where),
        }
    figures["seconds"] = {k: round(v, 2) for k, v in rows.items()}
    pairs = (
        ("task report", "import one row (file)"),
        ("task comment", "import one row (file)"),
        ("task history", "SQL read of its reports"),
        ("remind --dry-run", "summary --by body"),
    )
    figures["ratios"] = {f"{a} / {b}": round(rows[a] / rows[b], 2) for a, b in pairs}
    for name, seconds in rows.items():
        print(f"{name:28} {seconds:6.2f} s", file=sys.stderr)
    for name, ratio in figures["ratios"].items():
        print(f"{name:52} {ratio:5.2f}", file=sys.stderr)
    print(json.dumps(figures, ensure_ascii=False, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
