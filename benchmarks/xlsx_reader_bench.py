"""Benchmark: XLSX readers on one large progress sheet (600,000 rows by default).

    python benchmarks/xlsx_reader_bench.py [--rows N] [--file PATH]

The sheet is written by openpyxl as an export would be (dates as date cells shown
dd/mm/yyyy, progress as percentage cells, text; several minutes for 600,000 rows), or
taken from ``--file``. Each reader then runs in a fresh process and turns every cell into
the text the import reads:

- ``stream``: the import's reader (analytics/importing/xlsxtable.py, expat over the zip);
- ``openpyxl``: the reader it replaced (openpyxl read-only mode, every cell padded);
- ``calamine`` and ``fastexcel`` (Rust, via python-calamine and fastexcel), when installed.

Reported: wall and CPU time, peak memory (RSS), rows, and whether the text of the rows
equals the stream reader's (a percentage cell holds 0.455 for 45,5 %: a reader that does not
see number formats reads it as 0.455).
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import io
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

READERS = ("stream", "openpyxl", "calamine", "fastexcel")


def write_sheet(path: Path, rows: int) -> None:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell

    book = Workbook(write_only=True)
    sheet = book.create_sheet("Tiến độ")
    sheet.append(["Mã nhiệm vụ", "Ngày báo cáo", "Tiến độ (%)", "Trạng thái", "Ghi chú",
                  "Người báo cáo", "Minh chứng"])  # fmt: skip
    start = dt.date(2021, 3, 1)
    for i in range(rows):
        day = WriteOnlyCell(sheet, value=start + dt.timedelta(days=i % 1800))
        day.number_format = "dd/mm/yyyy"
        share = WriteOnlyCell(sheet, value=(i % 1000) / 1000)
        share.number_format = "0.0%"
        sheet.append([f"DP{i % 37:02d}-GD", day, share, "" if i % 2 else "Đang thực hiện",
                      "Đang triển khai theo kế hoạch" if i % 3 == 0 else None, "Phòng Tổng hợp",
                      f"BC {i % 100000}/VP"])  # fmt: skip
    book.save(path)


def _texts(reader: str, data: bytes) -> list[list[str]]:
    """Every data row as the import's text (trailing empty cells dropped)."""
    from analytics.importing.xlsxtable import cell_text

    if reader == "stream":
        from analytics.importing.issues import Issues
        from analytics.importing.xlsxtable import read_xlsx

        table = read_xlsx(data, Issues())
        return [list(r) for r in table.cells.itertuples(index=False)]
    if reader == "openpyxl":
        import openpyxl

        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        sheet = book.worksheets[0]
        sheet.reset_dimensions()
        rows = [
            [cell_text(c.value, c.number_format) for c in r] for r in sheet.iter_rows(max_col=200)
        ]
        return rows[1:]
    if reader == "calamine":
        from python_calamine import CalamineWorkbook

        values = CalamineWorkbook.from_filelike(io.BytesIO(data)).get_sheet_by_index(0).to_python()
        return [[cell_text(v) if v != "" else "" for v in r] for r in values[1:]]
    import fastexcel

    table = fastexcel.read_excel(data).load_sheet(0, header_row=None).to_arrow()
    return [["" if v is None else str(v) for v in r.values()] for r in table.to_pylist()[1:]]


def run_one(reader: str, path: Path) -> dict:
    data = path.read_bytes()
    started = time.monotonic()
    try:
        rows = _texts(reader, data)
    except ImportError as error:
        return {"reader": reader, "error": f"not installed ({error.name})"}
    seconds = time.monotonic() - started
    usage = resource.getrusage(resource.RUSAGE_SELF)
    width = 7
    digest = hashlib.sha256()
    for row in rows:
        cells = (list(row) + [""] * width)[:width]
        digest.update("\x1f".join(cells).encode() + b"\x1e")
    return {
        "reader": reader, "rows": len(rows), "seconds": round(seconds, 1),
        "cpu_seconds": round(usage.ru_utime + usage.ru_stime, 1),
        "peak_mb": round(usage.ru_maxrss / 1024), "digest": digest.hexdigest()[:16],
        "row_2": rows[0][:width] if rows else [],
    }  # fmt: skip


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=600_000)
    parser.add_argument("--file", type=Path, default=None)
    parser.add_argument("--reader", choices=READERS, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.reader:
        print(json.dumps(run_one(args.reader, args.file), ensure_ascii=False))
        return 0
    path = args.file
    if path is None:
        path = Path(tempfile.mkdtemp(prefix="xlsx-bench-")) / "tien_do.xlsx"
        print(f"writing {args.rows:,} rows to {path} ...", file=sys.stderr)
        write_sheet(path, args.rows)
    results = []
    for reader in READERS:
        out = subprocess.run(
            [sys.executable, __file__, "--reader", reader, "--file", str(path)],
            capture_output=True, text=True, check=True,
        ).stdout  # fmt: skip
        results.append(json.loads(out))
    reference = results[0].get("digest")
    for r in results:
        same = "same text" if r.get("digest") == reference else "DIFFERENT text"
        if "error" in r:
            print(f"{r['reader']:<10} {r['error']}", file=sys.stderr)
            continue
        print(f"{r['reader']:<10} {r['rows']:>9,} rows {r['seconds']:>7} s wall "
              f"{r['cpu_seconds']:>7} s CPU {r['peak_mb']:>6} MB  {same}  row 2: {r['row_2']}",
              file=sys.stderr)  # fmt: skip
    print(json.dumps({"file": str(path), "bytes": path.stat().st_size, "readers": results},
                     ensure_ascii=False))  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
