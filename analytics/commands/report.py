"""``report --from DATE --to DATE [--body CODE ...] [--area CODE ...] --out FILE``.

The meeting report for a period (CONTRACT.md section 4's window) and filters, as PDF
or DOCX by FILE's suffix. Unknown body or area codes are rejected (exit 1) with the
allowed codes; arguments that cannot work together are misuse (exit 2).
"""

from __future__ import annotations

import argparse
import os
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from analytics.filters import Filters


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    from analytics.cli import date_argument

    parser = sub.add_parser(
        "report",
        parents=[common],
        help="write the meeting report (PDF or DOCX) for a period and filters",
        description="Write the meeting report for the window [--from, --to]: headline "
        "figures, the overview's charts, tables by body and by area, the overdue and "
        "at-risk tasks and the definitions, in Vietnamese. FILE's suffix (.pdf or .docx) "
        "chooses the format.",
    )
    for flag, dest in (("--from", "date_from"), ("--to", "date_to")):
        parser.add_argument(flag, dest=dest, type=date_argument, metavar="DATE", required=True)
    parser.add_argument("--body", nargs="+", action="extend", default=[], metavar="CODE",
                        help="only these bodies (codes, e.g. KTNS VP)")  # fmt: skip
    parser.add_argument("--area", nargs="+", action="extend", default=[], metavar="CODE",
                        help="only these areas (codes, e.g. giam_sat)")  # fmt: skip
    parser.add_argument("--out", required=True, metavar="FILE", help="FILE.pdf or FILE.docx")
    parser.add_argument("--lang", choices=("vi", "en"), default="vi", help="default vi")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from analytics.cli import EXIT_OK, EXIT_REJECTED, Misuse, print_json, say
    from analytics.filters import Filters
    from analytics.periods import Choice
    from analytics.report import FORMATS, collect, render
    from analytics.store import lookups
    from analytics.store.connection import open_db

    out = Path(args.out)
    fmt = out.suffix.lower().lstrip(".")
    if fmt not in FORMATS:
        raise Misuse(f"--out must end in .pdf or .docx, not '{out.name}'")
    if not out.parent.is_dir():
        raise Misuse(f"the folder of --out '{out.parent}' does not exist")
    if args.date_from > args.date_to:
        raise Misuse("--from is after --to")
    choice = Choice(date_from=args.date_from, date_to=args.date_to)
    filters = Filters(body=tuple(dict.fromkeys(args.body)), area=tuple(dict.fromkeys(args.area)))
    with open_db(args.db) as con:
        ref = lookups.reference_tables(con)
        unknown = _unknown_codes(filters, ref)
        if unknown:
            for message in unknown:
                say(message)
            print_json({"status": "rejected", "errors": unknown})
            return EXIT_REJECTED
        data = collect(con, choice, filters, args.lang)
    rendered = render(data, fmt)
    if rendered.charts_note:
        say(f"Cảnh báo: báo cáo không có biểu đồ ({rendered.charts_note}).")
    _write_atomically(out, rendered.data)
    tasks = int(data.totals["tasks"].iloc[0]) if len(data.totals) else 0
    say(f"Đã ghi báo cáo {out} ({tasks} nhiệm vụ, {rendered.charts} biểu đồ).")
    print_json({
        "status": "ok", "out": str(out), "format": fmt, "from": args.date_from,
        "to": args.date_to, "as_of": data.overview.as_of, "body": list(filters.body),
        "area": list(filters.area), "tasks": tasks, "charts": rendered.charts,
        "bytes": len(rendered.data),
    })  # fmt: skip
    return EXIT_OK


def _unknown_codes(filters: Filters, ref: dict) -> list[str]:
    messages = []
    for option, values, table in (("--body", filters.body, ref["bodies"]),
                                  ("--area", filters.area, ref["areas"])):  # fmt: skip
        known = list(table["code"])
        for value in values:
            if value not in known:
                allowed = ", ".join(known)
                messages.append(f"{option} '{value}' không có; mã hợp lệ: {allowed}")
    return messages


def _write_atomically(out: Path, data: bytes) -> None:
    handle, temporary = tempfile.mkstemp(prefix=f".{out.name}.", suffix=".part", dir=out.parent)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.chmod(temporary, 0o644)
        os.replace(temporary, out)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
