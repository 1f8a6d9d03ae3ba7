"""The command line: ``python -m analytics COMMAND``.

Each command lives in ``analytics/commands/<name>.py`` with ``register(subparsers)``
and ``run(args) -> int``; adding one is adding it to ``COMMANDS``. Machine-readable
output goes to stdout as one JSON object, messages for people to stderr. Exit codes:
0 success, 1 input rejected (or the database busy or missing), 2 misuse.

Start-up loads only argparse and the command modules, which import what they need
(pandas, DuckDB, openpyxl, the report) inside ``run``: ``--help`` and a command's
arguments cost no heavy import, and each command pays only for its own.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import sys
from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

from analytics.commands import (
    appraisal,
    bench,
    copy,
    export,
    import_file,
    imports,
    init,
    remind,
    report,
    serve,
    summary,
    task,
    templates,
    undo,
    user,
)
from analytics.dates import NotADate, parse_date

COMMANDS = (
    init,
    summary,
    import_file,
    imports,
    undo,
    templates,
    export,
    report,
    appraisal,
    bench,
    user,
    task,
    remind,
    copy,
    serve,
)

EXIT_OK = 0
EXIT_REJECTED = 1
EXIT_MISUSE = 2


class Misuse(Exception):
    """Arguments that parse but do not make sense together."""


def date_argument(text: str) -> date:
    """A DATE argument: ``YYYY-MM-DD`` or ``dd/mm/yyyy`` (the import's day-first rule)."""
    try:
        return parse_date(text.strip())
    except NotADate as error:
        raise argparse.ArgumentTypeError(str(error)) from None


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m analytics",
        description="Nhiệm vụ đột phá, đổi mới — breakthrough-task tracker: data and figures.",
    )
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--db",
        metavar="PATH",
        help="DuckDB file (default: $TRACKER_DB, else data/tracker.duckdb)",
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for command in COMMANDS:
        command.register(sub, common)
    return parser


def _plain(value: Any) -> Any:
    if isinstance(value, float) and math.isnan(value):
        return None
    if isinstance(value, datetime):
        return (
            value.date().isoformat() if value.time() == datetime.min.time() else value.isoformat()
        )
    if isinstance(value, date):
        return value.isoformat()
    if hasattr(value, "item"):  # numpy scalars
        return _plain(value.item())
    return value


def print_json(payload: dict[str, Any]) -> None:
    """Write one JSON object to stdout (NaN as null, dates as YYYY-MM-DD)."""

    def convert(obj: Any) -> Any:
        if isinstance(obj, dict):
            return {k: convert(v) for k, v in obj.items()}
        if isinstance(obj, (list, tuple)):
            return [convert(v) for v in obj]
        return _plain(obj)

    json.dump(convert(payload), sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")


def say(message: str) -> None:
    """A message for people, on stderr."""
    print(message, file=sys.stderr)


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return args.run(args)
    except Misuse as misuse:
        parser.print_usage(sys.stderr)
        say(f"{parser.prog}: error: {misuse}")
        return EXIT_MISUSE
    except BrokenPipeError:  # e.g. piped into `head`
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - silence the flush at exit
        return EXIT_OK
    except KeyboardInterrupt:
        say("Đã dừng.")
        return 130
    except Exception as error:
        refused = _refusal(error)
        if refused is None:
            raise
        say(refused)
        return EXIT_REJECTED


def _refusal(error: Exception) -> str | None:
    """The one line for a store that is busy, missing or newer than the program, a file that
    is not a database, or a file error; None for anything else (a fault: it is raised). The
    store's classes are looked up only when loaded (an error from them means they are), so
    that start-up does not load DuckDB."""
    errors = sys.modules.get("analytics.store.errors")
    if errors is not None and isinstance(
        error,
        (errors.DatabaseBusy, errors.StoreMissing, errors.StoreUnavailable, errors.BadStoreAddress),
    ):
        return str(error)
    schema = sys.modules.get("analytics.store.schema")
    if schema is not None and isinstance(error, schema.StoreTooNew):
        return str(error)
    duckdb = sys.modules.get("duckdb")
    if isinstance(error, OSError) or (duckdb is not None and isinstance(error, duckdb.Error)):
        if os.environ.get("TRACKER_DEBUG"):
            return None
        return f"Lỗi: {str(error).splitlines()[0]}"
    return None
