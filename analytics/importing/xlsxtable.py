"""Reading the first sheet of an XLSX workbook into a :class:`RawTable`, within bounds.

The sheet is streamed (see :mod:`analytics.importing.xlsxparts`): rows come with the
numbers the sheet gives them, and nothing is made for the rows it leaves out, so a
sheet whose only row is numbered two billion costs no more than one row. Reading stops,
with one whole-file error, as soon as a row is numbered past the row limit (blank rows
count), a cell holds more than a spreadsheet cell can (``MAX_CELL_CHARS``), or the text
read passes ``MAX_TEXT_CHARS``.

Every cell becomes text the same way a CSV cell would read, as openpyxl gives the cell
value (formulas give their last computed value): date cells as ``yyyy-mm-dd``, whole
numbers without ``.0``, cells formatted as a percentage as their percentage (0.455
shown as 45,5 % reads ``45.5``).
"""

from __future__ import annotations

from datetime import date, datetime, time

import numpy as np
import pandas as pd
from openpyxl.styles.numbers import builtin_format_code, is_date_format, is_timedelta_format
from openpyxl.utils.datetime import CALENDAR_MAC_1904, WINDOWS_EPOCH, from_excel, from_ISO8601

from analytics.formats import number as thousands
from analytics.importing.issues import Issues, Rejected, reject_file
from analytics.importing.source import MAX_ROWS
from analytics.importing.table import RawTable, cells_frame, drop_blank_rows
from analytics.importing.xlsxparts import Parts, count_rows, local, open_parts, parse_part

MAX_COLUMNS = 200  # a header row wider than this is cut: no import file has so many columns
MAX_CELL_CHARS = 32_767  # the most a cell of Excel or LibreOffice Calc holds
# The text kept from the cells (each shared string also counts 50 for its own upkeep):
# a 2,000,000-row progress sheet holds about 200 million characters.
MAX_TEXT_CHARS = 400_000_000
MAX_ROW_NUMBER = MAX_ROWS + 1  # the header and MAX_ROWS rows under it, blank rows counted
_BATCH = 100_000  # rows kept as Python text before they are packed into a frame


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
    parts = open_parts(data)
    try:
        return _Reader(parts).read(issues)
    except Rejected:
        raise
    except Exception as error:
        raise reject_file("bad_xlsx", detail=str(error)[:100] or type(error).__name__) from None
    finally:
        parts.archive.close()


def _cell_too_long(reference: str) -> Rejected:
    return reject_file("cell_too_long", detail=reference)


def _number(text: str) -> int | float:
    """A number cell's value as openpyxl reads it."""
    if "." in text or "E" in text or "e" in text:
        return float(text)
    return int(text)


class _Styles:
    """Each cell style's number format, and whether it shows a date or a duration."""

    def __init__(self, parts: Parts) -> None:
        custom: dict[int, str] = {}
        xf_formats: list[int] = []
        inside = {"numFmts": False, "cellXfs": False}

        def start(name: str, attrs: dict[str, str]) -> None:
            tag = local(name)
            if tag in inside:
                inside[tag] = True
            elif tag == "numFmt" and inside["numFmts"]:
                custom[int(attrs.get("numFmtId", "0"))] = attrs.get("formatCode", "")
            elif tag == "xf" and inside["cellXfs"] and len(xf_formats) < 100_000:
                xf_formats.append(int(attrs.get("numFmtId", "0")))

        def end(name: str) -> None:
            tag = local(name)
            if tag in inside:
                inside[tag] = False

        if parts.styles is not None:
            parse_part(parts, parts.styles, start=start, end=end)
        self.formats = [
            custom[i] if i in custom else (builtin_format_code(i) or "General") for i in xf_formats
        ] or ["General"]
        self.dates = {i for i, f in enumerate(self.formats) if is_date_format(f)}
        self.durations = {i for i, f in enumerate(self.formats) if is_timedelta_format(f)}

    def format_of(self, style: int) -> str:
        return self.formats[style] if 0 <= style < len(self.formats) else "General"


class _Reader:
    """The state of reading one workbook's first sheet."""

    def __init__(self, parts: Parts) -> None:
        self.parts = parts
        self.text_left = MAX_TEXT_CHARS
        self.styles = _Styles(parts)
        self.epoch = CALENDAR_MAC_1904 if parts.date1904 else WINDOWS_EPOCH
        self.shared = self._shared_strings()
        self._numbers: dict[tuple[int, str], str] = {}

    def _spend(self, size: int) -> None:
        self.text_left -= size
        if self.text_left < 0:
            raise reject_file("xlsx_too_much_text", detail=thousands(MAX_TEXT_CHARS))

    def _shared_strings(self) -> list[str]:
        """The shared string table: each entry's plain text (phonetic runs left out)."""
        strings: list[str] = []
        if self.parts.shared_strings is None:
            return strings
        chunks: list[str] = []
        size = 0
        depth = {"si": 0, "t": 0, "rPh": 0}

        def start(name: str, attrs: dict[str, str]) -> None:
            nonlocal size
            tag = _tag(name)
            if tag in depth:
                depth[tag] += 1
                if tag == "si":
                    chunks.clear()
                    size = 0

        def end(name: str) -> None:
            tag = _tag(name)
            if tag in depth:
                depth[tag] -= 1
                if tag == "si":
                    text = "".join(chunks).replace("x005F_", "")
                    self._spend(len(text) + 50)
                    strings.append(text)

        def text(data: str) -> None:
            nonlocal size
            if depth["t"] and depth["si"] and not depth["rPh"]:
                size += len(data)
                if size > MAX_CELL_CHARS:
                    raise reject_file("shared_string_too_long", detail=str(len(strings) + 1))
                chunks.append(data)

        shared = self.parts.shared_strings
        parse_part(self.parts, shared, start=start, end=end, text=text, namespaces=False)
        return strings

    def _value(self, kind: str, style: int, raw: str | None) -> str:
        """The text of one cell from its type, style and value text."""
        if raw is None:
            return ""
        if kind == "n":
            key = (style, raw)
            found = self._numbers.get(key)
            if found is None:
                value: object = _number(raw)
                if style in self.styles.dates:
                    try:
                        value = from_excel(value, self.epoch, style in self.styles.durations)
                    except (OverflowError, ValueError):
                        value = "#VALUE!"
                found = cell_text(value, self.styles.format_of(style))
                if len(self._numbers) > 100_000:
                    self._numbers.clear()
                self._numbers[key] = found
            return found
        if kind == "s":
            return self.shared[int(raw)]
        if kind == "b":
            return cell_text(bool(int(raw)))
        if kind == "d":
            return cell_text(from_ISO8601(raw))
        return raw

    def read(self, issues: Issues) -> RawTable:
        headers: list[str] | None = None
        width = 0
        records: list[list[str]] = []
        frames: list[pd.DataFrame] = []
        rows: list[int] = []
        next_row = 1  # openpyxl's rule: a row numbered below the last one read is left out
        row_number = 0
        keep_row = True
        cells: dict[int, str] = {}
        column = 0
        kind, style, reference = "n", 0, ""
        in_cell = in_value = in_inline = False
        inline_text = in_phonetic = False
        has_inline = False
        chunks: list[str] = []
        size = 0

        def start(name: str, attrs: dict[str, str]) -> None:
            nonlocal row_number, keep_row, column, kind, style, reference, in_cell
            nonlocal in_value, in_inline, inline_text, in_phonetic, has_inline, size
            tag = name if ":" not in name else _tag(name)
            if tag == "c":
                in_cell, has_inline, size = True, False, 0
                chunks.clear()
                reference = attrs.get("r", "")
                column = _column_of(reference) if reference else column + 1
                kind = attrs.get("t", "n")
                style = int(attrs["s"]) if attrs.get("s") else 0
            elif tag == "v" and in_cell:
                in_value = kind != "inlineStr"
            elif tag == "row":
                number = attrs.get("r")
                row_number = _row_of(number) if number else row_number + 1
                if row_number > MAX_ROW_NUMBER:
                    raise reject_file("row_beyond_limit", detail=thousands(row_number))
                keep_row = row_number >= next_row
                cells.clear()
                column = 0
            elif tag == "is" and in_cell and kind == "inlineStr":
                in_inline = has_inline = True
            elif tag == "t" and in_inline:
                inline_text = True
            elif tag == "rPh" and in_inline:
                in_phonetic = True

        def end(name: str) -> None:
            nonlocal in_cell, in_value, in_inline, inline_text, in_phonetic, next_row, headers
            nonlocal width
            tag = name if ":" not in name else _tag(name)
            if tag == "v":
                in_value = False
            elif tag == "c" and in_cell:
                in_cell = False
                if not keep_row or column > MAX_COLUMNS:
                    return
                if kind == "inlineStr":
                    raw = "".join(chunks) if has_inline else None
                else:
                    raw = "".join(chunks) or None
                text = self._value(kind, style, raw)
                if text:
                    cells[column] = text
                elif column in cells:
                    del cells[column]
            elif tag == "t":
                inline_text = False
            elif tag == "is":
                in_inline = False
            elif tag == "rPh":
                in_phonetic = False
            elif tag == "row" and keep_row:
                next_row = row_number + 1
                if not any(t.strip() for t in cells.values()):
                    return
                if headers is None:
                    last = max(c for c, t in cells.items() if t.strip())
                    headers = [cells.get(c, "") for c in range(1, last + 1)]
                    width = len(headers)
                    self._spend(sum(len(h) for h in headers))
                    return
                if len(rows) >= MAX_ROWS:
                    raise reject_file("too_many_rows")
                record = [cells.get(c, "") for c in range(1, width + 1)]
                extra = [cells[c] for c in sorted(cells) if c > width and cells[c].strip()]
                if extra:
                    issues.add_rows("extra_cells", None, [row_number], [extra[0].strip()])
                self._spend(sum(len(t) + 8 for t in record))
                records.append(record)
                rows.append(row_number)
                if len(records) >= _BATCH:
                    frames.append(cells_frame(records, width))
                    records.clear()

        def text(data: str) -> None:
            nonlocal size
            if in_value or (inline_text and not in_phonetic):
                size += len(data)
                if size > MAX_CELL_CHARS:
                    raise _cell_too_long(reference or f"{_letters(column)}{row_number}")
                chunks.append(data)

        if count_rows(self.parts, self.parts.sheet) > MAX_ROW_NUMBER:
            raise reject_file("too_many_rows")
        parse_part(self.parts, self.parts.sheet, start=start, end=end, text=text, namespaces=False)
        if headers is None:
            raise reject_file("empty_file")
        frames.append(cells_frame(records, width))
        records.clear()
        cells_all = pd.concat(frames, ignore_index=True) if len(frames) > 1 else frames[0]
        cells_all, numbers = drop_blank_rows(cells_all, np.asarray(rows, dtype=np.int64))
        return RawTable(headers, cells_all, numbers)


def _tag(name: str) -> str:
    """``c`` of an element's name as written (``c``, ``x:c``)."""
    return name.rpartition(":")[2]


def _letters(column: int) -> str:
    out = ""
    while column > 0:
        column, rest = divmod(column - 1, 26)
        out = chr(65 + rest) + out
    return out


_COLUMNS = {_letters(i): i for i in range(1, 18_279)}  # A to ZZZ, as openpyxl accepts


def _column_of(reference: str) -> int:
    """The column number of a cell reference such as ``B12``."""
    letters = reference.rstrip("0123456789")
    found = _COLUMNS.get(letters) or _COLUMNS.get(letters.upper())
    if found is None or letters == reference:
        raise ValueError(f"Invalid cell coordinates ({reference[:20]})")
    return found


def _row_of(text: str) -> int:
    """A row's number (``5`` or ``5.0``)."""
    try:
        return int(text)
    except ValueError:
        number = float(text)
        if not number.is_integer():
            raise ValueError(f"{text[:20]} is not a valid row number") from None
        return int(number)
