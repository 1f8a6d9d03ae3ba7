"""Benchmark: the whole ``python -m analytics import FILE`` on each hostile file.

    python benchmarks/hostile_bench.py [--code DIR] [--only NAME,...] [--memory BYTES]
                                       [--timeout SECONDS] [--keep DIR]

The files of tests/importing/hostile.py are made in a temporary folder, and each is
imported into its own copy of a demo database by a fresh process run from the checkout
DIR (default: this one; give another checkout to measure older code). The child may map
``--memory`` bytes at most (default 4,000,000,000: it fails rather than take the machine's
memory) and is stopped after ``--timeout`` seconds (default 120). Reported per file: the
outcome (the first message, or how it ended), the peak resident memory of the child (the
kernel's account, ``wait4``), the wall time and the CPU time. A table goes to stderr, the
figures as one JSON object to stdout.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import duckdb  # noqa: E402

from analytics.demo import load_demo  # noqa: E402
from analytics.store.schema import prepare  # noqa: E402
from tests.importing import hostile  # noqa: E402


def run(code: Path, path: Path, db: Path, memory: int, timeout: float) -> dict:
    """One import in a child process: how it ended, its peak memory and its times."""

    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (memory, memory))

    env = dict(os.environ, PYTHONPATH=str(code))
    started = time.monotonic()
    child = subprocess.Popen(
        [sys.executable, "-m", "analytics", "import", str(path), "--db", str(db)],
        cwd=code, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, preexec_fn=limit,
    )  # fmt: skip
    stopped = threading.Event()

    def stop() -> None:
        stopped.set()
        child.kill()

    timer = threading.Timer(timeout, stop)
    timer.start()
    try:
        out, err = child.communicate()
    finally:
        timer.cancel()
    seconds = time.monotonic() - started
    result: dict = {"exit": child.returncode, "seconds": round(seconds, 1)}
    if stopped.is_set():
        result["outcome"] = f"stopped after {timeout:.0f} s"
    elif b"MemoryError" in err or b"std::bad_alloc" in err or b"Cannot allocate" in err:
        result["outcome"] = f"exceeded the {memory / 1e9:.0f} GB limit after {seconds:.0f} s"
    else:
        try:
            payload = json.loads(out)
            errors = payload.get("errors") or [{}]
            result["outcome"] = payload["status"] + ": " + (errors[0].get("message") or "")[:90]
        except (ValueError, KeyError):
            result["outcome"] = f"exit {child.returncode}: " + err.decode(errors="replace")[-90:]
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--code", type=Path, default=ROOT)
    parser.add_argument("--only", default="")
    parser.add_argument("--memory", type=int, default=4_000_000_000)
    parser.add_argument("--timeout", type=float, default=120.0)
    parser.add_argument("--keep", type=Path, default=None)
    parser.add_argument("--one", nargs=2, help=argparse.SUPPRESS)  # internal: FILE DB
    args = parser.parse_args()
    if args.one:
        # One import, from a process of its own: RUSAGE_CHILDREN then holds that child alone.
        result = run(args.code.resolve(), Path(args.one[0]), Path(args.one[1]), args.memory,
                     args.timeout)  # fmt: skip
        usage = resource.getrusage(resource.RUSAGE_CHILDREN)
        result["peak_mb"] = round(usage.ru_maxrss / 1024)
        result["cpu_seconds"] = round(usage.ru_utime + usage.ru_stime, 1)
        print(json.dumps(result, ensure_ascii=False))
        return 0
    names = [n for n in args.only.split(",") if n] or list(hostile.FILES)
    folder = Path(tempfile.mkdtemp(prefix="hostile-"))
    try:
        demo = folder / "demo.duckdb"
        con = duckdb.connect(str(demo))
        prepare(con)
        load_demo(con)
        con.close()
        figures = {}
        print(f"{'file':<22} {'size':>10} {'peak MB':>8} {'wall s':>7} {'CPU s':>6}  outcome",
              file=sys.stderr)  # fmt: skip
        for name in names:
            suffix, write = hostile.FILES[name]
            path = (args.keep or folder) / f"{name}.{suffix}"
            path.parent.mkdir(parents=True, exist_ok=True)
            write(path)
            db = folder / f"{name}.duckdb"
            shutil.copy(demo, db)
            line = subprocess.run(
                [sys.executable, __file__, "--code", str(args.code), "--memory", str(args.memory),
                 "--timeout", str(args.timeout), "--one", str(path), str(db)],
                capture_output=True, text=True, check=True,
            ).stdout  # fmt: skip
            result = json.loads(line)
            result["bytes"] = path.stat().st_size
            figures[name] = result
            print(f"{name:<22} {result['bytes']:>10,} {result['peak_mb']:>8} "
                  f"{result['seconds']:>7} {result['cpu_seconds']:>6}  {result['outcome']}",
                  file=sys.stderr)  # fmt: skip
            if args.keep is None:
                path.unlink()
            db.unlink()
        print(json.dumps({"code": str(args.code), "files": figures}, ensure_ascii=False))
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
