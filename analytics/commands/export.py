"""``export OUT [--kind tasks|progress]``: the stored rows in the import format.

CSV (UTF-8 with BOM) or XLSX, told by OUT's suffix. The file is written beside OUT
under a temporary name and moved into place at the end, so a failed export never
leaves half a file under OUT's name.
"""

from __future__ import annotations

import argparse
import os
import tempfile
from pathlib import Path

from analytics.choices import RAW_KINDS

FORMATS = (".csv", ".xlsx")
SHEETS = {"tasks": "Nhiệm vụ", "progress": "Tiến độ"}


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    parser = sub.add_parser(
        "export",
        parents=[common],
        help="write the tasks or progress reports as CSV or XLSX in the import format",
        description="Write every stored task or progress report to OUT (.csv: UTF-8 with "
        "BOM; .xlsx: real date and number cells) with the import file's headers, so the "
        "file imports back to the same data.",
    )
    parser.add_argument("out", metavar="OUT", help="the file to write (.csv or .xlsx)")
    parser.add_argument("--kind", choices=RAW_KINDS, default="progress", help="default: progress")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from analytics import exports
    from analytics.cli import EXIT_OK, EXIT_REJECTED, Misuse, print_json, say
    from analytics.store import export_sql
    from analytics.store.connection import open_db

    out = Path(args.out)
    suffix = out.suffix.lower()
    if suffix not in FORMATS:
        raise Misuse(f"OUT must end in .csv or .xlsx, not '{out.name}'")
    if out.is_dir():
        raise Misuse(f"OUT '{args.out}' is a folder")
    if not out.parent.is_dir():
        raise Misuse(f"the folder of OUT '{out.parent}' does not exist")
    with open_db(args.db) as con:
        rows = export_sql.row_count(con, args.kind)
        if suffix == ".xlsx" and rows > exports.XLSX_MAX_ROWS:
            say(
                f"Có {rows:,} dòng, quá số dòng một trang Excel chứa được "
                f"({exports.XLSX_MAX_ROWS:,}); hãy xuất ra .csv.".replace(",", ".")
            )
            print_json({"status": "rejected", "kind": args.kind, "rows": rows,
                        "message": "too many rows for XLSX; export to .csv"})  # fmt: skip
            return EXIT_REJECTED
        written = _write_atomically(out, suffix, con, args.kind)
    say(f"Đã xuất {written} dòng ({args.kind}) vào {out}.")
    print_json({"status": "ok", "kind": args.kind, "format": suffix[1:], "rows": written,
                "out": str(out)})  # fmt: skip
    return EXIT_OK


def _write_atomically(out: Path, suffix: str, con: object, kind: str) -> int:
    from analytics import exports

    handle, temporary = tempfile.mkstemp(prefix=f".{out.name}.", suffix=".part", dir=out.parent)
    try:
        with os.fdopen(handle, "wb") as stream:
            frames = exports.raw_frames(con, kind)
            if suffix == ".csv":
                written = exports.write_csv(frames, stream)
            else:
                written = exports.write_xlsx(frames, stream, SHEETS[kind])
        os.chmod(temporary, 0o644)
        os.replace(temporary, out)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return written
