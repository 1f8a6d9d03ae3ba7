"""``init [--demo]``: create the schema and reference data; optionally the demo.

The one command that makes a store (CONTRACT.md section 1): a new file is owner-only
(0600), and so is any folder made for it (0700).
"""

from __future__ import annotations

import argparse


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    parser = sub.add_parser(
        "init",
        parents=[common],
        help="create the schema and reference data (idempotent)",
        description="Create the schema and the reference data (bodies, areas); "
        "with --demo also load the demo tasks of the source article.",
    )
    parser.add_argument("--demo", action="store_true", help="also load the demo data")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from analytics.cli import print_json, say
    from analytics.demo import load_demo
    from analytics.store.connection import open_db, open_store
    from analytics.store.lookups import task_count
    from analytics.store.schema import schema_version

    store = open_store(args.db)
    path = store.name
    with open_db(store, create=True) as con:
        added = load_demo(con) if args.demo else 0
        version = schema_version(con)
        tasks = task_count(con)
    say(f"Cơ sở dữ liệu sẵn sàng: {path} ({tasks} nhiệm vụ).")
    print_json(
        {
            "status": "ok",
            "db": str(path),
            "schema_version": version,
            "tasks": tasks,
            "demo_tasks_added": added,
        }
    )
    return 0
