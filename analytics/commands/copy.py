"""``copy --to TARGET``: copy the whole store into an empty one (also the backup)."""

from __future__ import annotations

import argparse


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    parser = sub.add_parser(
        "copy",
        parents=[common],
        help="copy the whole store to an empty TARGET (a backup, a move between engines)",
        description="Copy every table of the store (tasks, reports, imports and their "
        "history, appraisals, accounts, audit, reference lists) to TARGET, a DuckDB file or "
        "a postgresql:// URL, which must be empty: a new file or an empty database. The "
        "source is read in one snapshot, so this works while the app runs. Prints the row "
        "count per table of both sides; exits 1, writing nothing, when TARGET is not empty, "
        "and 1 when a count differs.",
    )
    parser.add_argument(
        "--to", dest="target", metavar="TARGET", required=True,
        help="a new DuckDB file or an empty PostgreSQL database (postgresql://USER@HOST:PORT/DB)",
    )  # fmt: skip
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from analytics.cli import EXIT_OK, EXIT_REJECTED, print_json, say
    from analytics.store.copying import copy_store

    result = copy_store(args.db, args.target)
    print_json(result.to_json())
    say(result.message())
    return EXIT_OK if result.ok else EXIT_REJECTED
