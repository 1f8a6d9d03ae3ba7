"""Reading the first sheet of an XLSX workbook into a :class:`RawTable`.

openpyxl in read-only mode streams the sheet; formulas give their last computed
value. Every cell becomes text the same way a CSV cell would read: date cells as
``yyyy-mm-dd``, whole numbers without ``.0``, cells formatted as a percentage as
their percentage (0.455 shown as 45,5 % reads ``45.5``). Row numbers are the sheet's.
"""

from __future__ import annotations

import io
import warnings
import zipfile
from datetime import date, datetime, time

import numpy as np
import openpyxl

from analytics.importing.issues import Issues, Rejected, reject_file
from analytics.importing.source import MAX_ROWS
from analytics.importing.table import RawTable, cells_frame, drop_blank_rows

MAX_COLUMNS = 200  # a header row wider than this is cut: no import file has so many columns


def cell_text(value: object, number_format: str = "General") -> str:
    """The text of one cell value as the import reads it."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, time):
        return value.isoformat()
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, (int, float)):
        number = float(value)
        if "%" in (number_format or ""):
            number = round(number * 100, 10)
        if number != number or number in (float("inf"), float("-inf")):
            return str(value)
        if number.is_integer() and abs(number) < 1e15:
            return str(int(number))
        return repr(number)
    return str(value)


def read_xlsx(data: bytes, issues: Issues) -> RawTable:
    """The first worksheet's header row (the first non-blank row) and data rows."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # openpyxl warns about styles it does not know
            workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError, TypeError) as error:
        raise reject_file("bad_xlsx", detail=str(error)[:100]) from None
    except Exception as error:
        raise reject_file("bad_xlsx", detail=type(error).__name__) from None
    try:
        return _read_sheet(workbook, issues)
    except Rejected:
        raise
    except Exception as error:
        raise reject_file("bad_xlsx", detail=str(error)[:100] or type(error).__name__) from None
    finally:
        workbook.close()


def _read_sheet(workbook: openpyxl.Workbook, issues: Issues) -> RawTable:
    if not workbook.worksheets:
        raise reject_file("empty_file")
    sheet = workbook.worksheets[0]
    sheet.reset_dimensions()  # some writers store a wrong sheet size; read what is there
    headers: list[str] | None = None
    width = 0
    records: list[list[str]] = []
    rows: list[int] = []
    for number, cells in enumerate(sheet.iter_rows(max_col=MAX_COLUMNS), start=1):
        texts = [cell_text(c.value, getattr(c, "number_format", "General")) for c in cells]
        if not any(t.strip() for t in texts):
            continue
        if headers is None:
            while texts and not texts[-1].strip():
                texts.pop()
            headers, width = texts, len(texts)
            continue
        if len(rows) >= MAX_ROWS:
            raise reject_file("too_many_rows")
        if len(texts) > width:
            extra = [t for t in texts[width:] if t.strip()]
            if extra:
                issues.add_rows("extra_cells", None, [number], [extra[0].strip()])
            texts = texts[:width]
        elif len(texts) < width:
            texts += [""] * (width - len(texts))
        records.append(texts)
        rows.append(number)
    if headers is None:
        raise reject_file("empty_file")
    cells = cells_frame(records, width)
    cells, numbers = drop_blank_rows(cells, np.asarray(rows, dtype=np.int64))
    return RawTable(headers, cells, numbers)
