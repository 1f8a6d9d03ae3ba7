"""``undo IMPORT_ID``: put the database back as it was before that import."""

from __future__ import annotations

import argparse


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    parser = sub.add_parser(
        "undo",
        parents=[common],
        help="undo one import",
        description="Put the database back as it was before import IMPORT_ID. Refused, "
        "naming the later import, when a later import that is not undone changed the "
        "same rows or gave reports to tasks this import added.",
    )
    parser.add_argument("import_id", metavar="IMPORT_ID", type=int, help="id from `imports`")
    parser.add_argument("--user", metavar="NAME", help="who undoes (default: the OS user)")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from analytics.cli import EXIT_OK, EXIT_REJECTED, print_json, say
    from analytics.importing import undo_import

    result = undo_import(args.import_id, args.db, user=args.user)
    print_json(result.to_json())
    say(result.message())
    return EXIT_OK if result.ok else EXIT_REJECTED
