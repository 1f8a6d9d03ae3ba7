"""Benchmark: the same store on a DuckDB file and on PostgreSQL, in the same run.

    python benchmarks/engine_bench.py [--scale NAME] [--rows N] [--runs N] [--pg URL]

A synthetic store (``analytics.synthetic``; national: 165,000 tasks, about ten million
reports) is made in a DuckDB file and written into a new PostgreSQL database (a server
started here from Debian's package unless ``--pg`` names one: ``postgresql://USER@HOST:PORT``
without a database). Then, on each engine, in this process:

- ``summary(by="body")`` once warm: the median of ``--runs`` calls on an open store;
- an import of a progress CSV of ``--rows`` rows (``import_file``: validation, one
  transaction, history), next to PostgreSQL's own ``COPY`` of the same file into a bare
  table (the floor of any import into PostgreSQL);
- the first summary after that import in another process's place: a second store object
  on the same database, warm before the import, whose copy must take in what it changed.

``--verbose`` logs where a PostgreSQL write spends its time (``tracker.store``).

Targets (issue: one store, two engines): warm summary on PostgreSQL ≤ 2 × the DuckDB
file's; first summary after an import ≤ 5 s; the import ≤ 3 × PostgreSQL's COPY. A table
goes to stderr, the figures as one JSON object to stdout.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


def _timed(work) -> tuple[float, object]:
    started = time.perf_counter()
    result = work()
    return time.perf_counter() - started, result


def _copy_floor(url: str, csv_path: Path) -> float:
    """PostgreSQL's own COPY of the CSV into a bare table of text columns."""
    import psycopg

    with psycopg.connect(url, autocommit=True) as pg:
        pg.execute("DROP TABLE IF EXISTS bench_bare")
        pg.execute(
            "CREATE TABLE bench_bare (code TEXT, day TEXT, progress TEXT, status TEXT, "
            "note TEXT, reporter TEXT, evidence TEXT)"
        )
        started = time.perf_counter()
        with pg.cursor().copy(
            "COPY bench_bare FROM STDIN (FORMAT csv, HEADER true, DELIMITER ';')"
        ) as copy, open(csv_path, "rb") as source:  # fmt: skip
            while block := source.read(1 << 20):
                copy.write(block)
        seconds = time.perf_counter() - started
        pg.execute("DROP TABLE bench_bare")
    return seconds


def _fill_postgres(url: str, scale) -> float:
    from analytics.store.connection import open_db
    from analytics.store.synthetic_sql import fill_synthetic

    started = time.perf_counter()
    with open_db(url, create=True) as con:
        fill_synthetic(con, scale.tasks, scale.reports_per_task)
    return time.perf_counter() - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", default="national")
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--pg", default="", help="a running server (no database in the URL)")
    parser.add_argument("--verbose", action="store_true")
    args = parser.parse_args()
    if args.verbose:
        import logging

        logging.basicConfig(level=logging.WARNING, format="%(message)s")
        logging.getLogger("tracker.store").setLevel(logging.DEBUG)

    from analytics import summary
    from analytics.importing import import_file
    from analytics.store.connection import PostgresStore, forget_stores, open_store
    from analytics.synthetic import SCALES
    from benchmarks.import_bench import make_files
    from tests import postgres_server

    server = postgres_server.Server(args.pg) if args.pg else postgres_server.start()
    if server is None:
        print("no PostgreSQL server (apt-get install -y postgresql)", file=sys.stderr)
        return 1
    figures: dict[str, object] = {"scale": args.scale, "rows": args.rows}
    try:
        with tempfile.TemporaryDirectory() as folder:
            db, csv_path = make_files(Path(folder), args.rows, args.scale)
            url = server.create_database()
            figures["postgres_fill_seconds"] = round(_fill_postgres(url, SCALES[args.scale]), 1)
            forget_stores()
            for engine, where in (("duckdb", str(db)), ("postgresql", url)):
                store = open_store(where)
                first, _ = _timed(lambda s=store: summary(s, by="body"))
                warm = [_timed(lambda s=store: summary(s, by="body"))[0] for _ in range(args.runs)]
                # Another app process on the same store, its copy warm before the import.
                other = PostgresStore(url) if engine == "postgresql" else store
                summary(other, by="body")
                seconds, result = _timed(
                    lambda s=store: import_file(csv_path, s, file_name="bench.csv")
                )
                assert result.ok, result.errors.head()
                after, _ = _timed(lambda o=other: summary(o, by="body"))
                figures[engine] = {
                    "first_summary_s": round(first, 3),
                    "warm_summary_median_s": round(statistics.median(warm), 4),
                    "import_s": round(seconds, 2),
                    "inserted": result.inserted,
                    "first_summary_after_import_other_process_s": round(after, 2),
                }
                if engine == "postgresql":
                    other.close()
            figures["postgres_copy_floor_s"] = round(_copy_floor(url, csv_path), 2)
            forget_stores()
    finally:
        if not args.pg:
            server.stop()
    pg, duck = figures["postgresql"], figures["duckdb"]
    figures["ratios"] = {
        "warm_summary_pg_over_duckdb": round(
            pg["warm_summary_median_s"] / duck["warm_summary_median_s"], 2
        ),
        "pg_import_over_copy": round(pg["import_s"] / figures["postgres_copy_floor_s"], 2),
    }
    print(json.dumps(figures, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
