"""``import FILE [--dry-run] [--user NAME]``: import a tasks, progress or appraisal file."""

from __future__ import annotations

import argparse
from pathlib import Path

SHOWN_ERRORS = 50  # on stderr; the JSON on stdout lists every error


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    parser = sub.add_parser(
        "import",
        parents=[common],
        help="import a tasks, progress or appraisal file (CSV or XLSX)",
        description="Import one tasks, progress or appraisal file (CSV or XLSX; the kind is "
        "told from its headers) in one transaction. A file with any error is rejected "
        "whole, with every error listed.",
    )
    parser.add_argument("file", metavar="FILE", help="the CSV or XLSX file")
    parser.add_argument("--dry-run", action="store_true", help="check and count, write nothing")
    parser.add_argument("--user", metavar="NAME", help="who imports (default: the OS user)")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from analytics.cli import EXIT_OK, EXIT_REJECTED, Misuse, print_json, say
    from analytics.store.connection import require_store

    path = Path(args.file)
    if not path.is_file():
        raise Misuse(f"FILE '{args.file}' does not exist or is not a file")
    require_store(args.db)  # before reading a file that may be large
    from analytics.importing import ImportConflict, import_file

    try:
        result = import_file(path, args.db, user=args.user, dry_run=args.dry_run)
    except ImportConflict as conflict:
        say(str(conflict))
        return EXIT_REJECTED
    print_json(result.to_json())
    if not result.ok:
        messages = result.errors["message"].tolist()
        say(f"Tệp {result.file_name} bị từ chối, không ghi gì: {len(messages)} lỗi.")
        for message in messages[:SHOWN_ERRORS]:
            say(f"  {message}")
        if len(messages) > SHOWN_ERRORS:
            say(f"  … và {len(messages) - SHOWN_ERRORS} lỗi khác (xem JSON).")
        return EXIT_REJECTED
    done = (
        "Kiểm tra xong (chưa ghi gì)" if result.dry_run else f"Đã nhập (lần số {result.import_id})"
    )
    say(
        f"{done}: {result.file_name}, {result.rows} dòng: {result.inserted} mới, "
        f"{result.updated} thay đổi, {result.unchanged} không đổi."
    )
    return EXIT_OK
