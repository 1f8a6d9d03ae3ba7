"""Files people download: CSV that Excel opens correctly, and XLSX.

Text that a spreadsheet would run as a formula (starting with = + - @, tab or
carriage return) is neutralised: in CSV it gets a leading apostrophe, in XLSX it is
written as a string cell. Numbers stay numbers.

The raw export (``raw_frames``, ``write_csv``, ``write_xlsx``) writes the stored tasks
or progress reports in the import format of CONTRACT.md (display headers, dates
dd/mm/yyyy, decimal point), so an export imports back to the same data; the import
drops the apostrophe again.
"""

from __future__ import annotations

import io
import math
from collections.abc import Iterable, Iterator
from datetime import date, datetime
from typing import BinaryIO

import numpy as np
import pandas as pd
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, TYPE_STRING
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from analytics.choices import RAW_KINDS
from analytics.importing.headers import COLUMNS
from analytics.statuses import ASSIGNMENT_STATES, REPORT_STATUSES
from analytics.store import export_sql
from analytics.store.connection import Connection

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
XLSX_MAX_ROWS = 1_048_575  # a sheet holds 1,048,576 rows, one of them the header


def neutralise(value: object) -> object:
    """A text cell made inert for CSV: a leading apostrophe before a formula character."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def csv_bytes(frame: pd.DataFrame) -> bytes:
    """CSV in UTF-8 with BOM (Excel reads Vietnamese correctly), comma-delimited."""
    safe = frame.copy()
    for column in safe.columns:
        if safe[column].dtype == object or pd.api.types.is_string_dtype(safe[column]):
            safe[column] = safe[column].map(neutralise)
    return safe.to_csv(index=False, lineterminator="\r\n").encode("utf-8-sig")


def xlsx_bytes(frame: pd.DataFrame, sheet: str = "Sheet1") -> bytes:
    """XLSX with a bold header, widths fitted to the text, real numbers and dates."""
    out = io.BytesIO()
    write_xlsx([frame], out, sheet)
    return out.getvalue()


def _cell_value(value: object) -> object:
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, float) and math.isnan(value):
        return None
    if isinstance(value, pd.Timestamp):
        return value.to_pydatetime()
    if hasattr(value, "item"):
        return _cell_value(value.item())
    return value


def raw_frames(con: Connection, kind: str, batch_rows: int = 200_000) -> Iterator[pd.DataFrame]:
    """The stored tasks or progress reports (``kind``) as import-file rows, in batches:
    Vietnamese display headers (CONTRACT.md section 2), statuses by their names, dates as
    ``datetime.date``, progress as numbers."""
    if kind not in RAW_KINDS:
        raise ValueError(f"unknown export kind {kind!r}")
    headers = {column.name: column.display_vi for column in COLUMNS[kind]}
    names = {code: vi for code, (vi, _) in
             (ASSIGNMENT_STATES if kind == "tasks" else REPORT_STATUSES).items()}  # fmt: skip
    status = "trang_thai_giao" if kind == "tasks" else "trang_thai"
    for frame in export_sql.raw_batches(con, kind, batch_rows):
        frame[status] = frame[status].map(names)
        yield frame[list(headers)].rename(columns=headers)


def csv_value(value: object) -> object:
    """A cell as the import reads it back: dates ``dd/mm/yyyy``, whole numbers without
    ``.0``, other numbers in full with a decimal point, text neutralised."""
    if isinstance(value, (datetime, date)):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    return neutralise(value)


def _csv_cells(frame: pd.DataFrame) -> pd.DataFrame:
    shown = frame.copy()
    for column in shown.columns:
        values = shown[column]
        if pd.api.types.is_integer_dtype(values.dtype) or pd.api.types.is_bool_dtype(values.dtype):
            continue
        # Each distinct value converted once; code -1 (missing) picks the trailing "".
        codes, uniques = pd.factorize(values, use_na_sentinel=True)
        converted = np.array([csv_value(_cell_value(u)) for u in uniques] + [""], dtype=object)
        shown[column] = pd.Series(converted[codes], index=values.index, dtype=object)
    return shown


def write_csv(frames: Iterable[pd.DataFrame], out: BinaryIO) -> int:
    """Frames with the same columns as one CSV (UTF-8 with BOM, ``,``, CRLF, the header
    once) in the import format: dates ``dd/mm/yyyy``, decimal point, text neutralised.
    Returns the number of data rows written."""
    rows = 0
    first = True
    for frame in frames:
        text = _csv_cells(frame).to_csv(index=False, header=first, lineterminator="\r\n")
        out.write(text.encode("utf-8-sig" if first else "utf-8"))
        first = False
        rows += len(frame)
    return rows


def write_xlsx(frames: Iterable[pd.DataFrame], out: BinaryIO, sheet: str = "Sheet1") -> int:
    """Frames with the same columns as one XLSX sheet, streamed (openpyxl write-only):
    a bold frozen header, widths fitted to the first rows, real number and date cells
    (dd/mm/yyyy). Text is always a string cell; text that would read as a formula also
    carries Excel's quote prefix, so editing the cell keeps it text. Returns the number
    of data rows written."""
    book = Workbook(write_only=True)
    ws = book.create_sheet(sheet[:31])
    bold = Font(bold=True)
    rows = 0
    first = True
    for frame in frames:
        if first:
            for i, column in enumerate(frame.columns, start=1):
                longest = max([len(str(column))] + [len(str(v)) for v in frame[column].head(500)])
                ws.column_dimensions[get_column_letter(i)].width = min(max(10, longest + 2), 60)
            ws.freeze_panes = "A2"
            header = []
            for column in frame.columns:
                cell = WriteOnlyCell(ws, value=str(column))
                cell.font = bold
                header.append(cell)
            ws.append(header)
            first = False
        for row in frame.itertuples(index=False, name=None):
            ws.append([_xlsx_cell(ws, _cell_value(v)) for v in row])
        rows += len(frame)
    book.save(out)
    return rows


def _xlsx_cell(ws: object, value: object) -> object:
    if isinstance(value, str):
        value = ILLEGAL_CHARACTERS_RE.sub("", value)  # control characters a sheet cannot hold
        if value.startswith(FORMULA_STARTS):
            cell = WriteOnlyCell(ws, value=value)
            cell.data_type = TYPE_STRING  # never a formula
            cell.quotePrefix = True
            return cell
        return value
    if isinstance(value, (date, datetime)):
        cell = WriteOnlyCell(ws, value=value)
        cell.number_format = "DD/MM/YYYY"
        return cell
    return value
