"""Reading CSV text into a :class:`RawTable` with spreadsheet row numbers.

Row numbers follow CONTRACT.md section 2: the header is row 1, each record is one
row (a quoted cell spanning lines is still one row), and blank lines count as rows
but are skipped.

Two readers give the same records. The fast one (pyarrow's multi-threaded CSV
parser) is used when the quoting is strictly RFC 4180, which a vectorised scan of
the quote characters proves; row numbers then come from the newlines that lie
outside quotes. Anything else goes through Python's csv module in strict mode,
record by record, which also reports a broken quote with its row.
"""

from __future__ import annotations

import csv
import io

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.csv as pacsv

from analytics.importing.delimiter import first_record, sniff_delimiter
from analytics.importing.issues import Issues, Rejected, reject_file
from analytics.importing.source import MAX_BYTES, MAX_ROWS
from analytics.importing.table import RawTable, cells_frame, drop_blank_rows

csv.field_size_limit(MAX_BYTES)  # one cell may be as large as the largest file accepted

_LF, _CR, _QUOTE = 10, 13, 34


def read_csv_text(utf8: bytes, issues: Issues) -> RawTable:
    """Parse NFC UTF-8 CSV bytes; row-level problems go to ``issues``."""
    delimiter = sniff_delimiter(utf8[: 256 * 1024].decode("utf-8", errors="ignore"))
    fast = _read_fast(utf8, delimiter)
    if fast is not None:
        table = fast
    else:
        table = _read_with_csv_module(utf8.decode("utf-8"), delimiter, issues)
    cells, rows = drop_blank_rows(table.cells, table.rows)
    return RawTable(table.headers, cells, rows)


def _record_spans(utf8: bytes, arr: np.ndarray) -> tuple[np.ndarray, np.ndarray] | None:
    """Start and end of every record, or None when the quoting is not strict RFC 4180."""
    n = len(arr)
    if b"\r" in utf8:
        returns = np.flatnonzero(arr == _CR)
        if returns[-1] == n - 1 or (arr[returns + 1] != _LF).any():
            return None  # a lone CR ends a line for csv readers, not for this scan
    newlines = np.flatnonzero(arr == _LF)
    if b'"' in utf8:
        quotes = np.flatnonzero(arr == _QUOTE)
        if len(quotes) % 2 or not _strict_quotes(arr, quotes):
            return None
        inside = np.searchsorted(quotes, newlines) % 2 == 1
        newlines = newlines[~inside]
    starts = np.concatenate(([0], newlines + 1))
    ends = np.concatenate((newlines, [n]))
    if starts[-1] == n:  # the text ends with a newline: no record after it
        starts, ends = starts[:-1], ends[:-1]
    return starts, ends


def _strict_quotes(arr: np.ndarray, quotes: np.ndarray) -> bool:
    """Whether every quote opens a field, closes it, or is half of an escaped ``""``.

    Counting quotes in order, an even one must start a field (after a delimiter, a
    line end or the start) or follow the odd one just before it (``""``); an odd one
    must end the field (before a delimiter, a line end or the end) or precede the next
    quote. That is exactly RFC 4180 quoting, where quote parity tells inside from outside.
    """
    n = len(arr)
    opening, closing = quotes[0::2], quotes[1::2]
    separators = np.zeros(256, dtype=bool)
    separators[[_LF, _CR, ord(","), ord(";"), ord("\t")]] = True
    before = arr[np.maximum(opening - 1, 0)]
    opening_ok = (opening == 0) | separators[before] | (before == _QUOTE)
    after = arr[np.minimum(closing + 1, n - 1)]
    closing_ok = (closing == n - 1) | separators[after] | (after == _QUOTE)
    return bool(opening_ok.all() and closing_ok.all())


def _read_fast(utf8: bytes, delimiter: str) -> RawTable | None:
    arr = np.frombuffer(utf8, dtype=np.uint8)
    spans = _record_spans(utf8, arr)
    if spans is None:
        return None
    starts, ends = spans
    length = ends - starts
    empty = (length == 0) | ((length == 1) & (arr[np.minimum(starts, len(arr) - 1)] == _CR))
    content = np.flatnonzero(~empty)
    if len(content) == 0:
        raise reject_file("empty_file")
    header_index = content[0]
    header_text = utf8[starts[header_index] : ends[header_index]].decode("utf-8")
    headers = first_record(header_text, delimiter)
    if not any(h.strip() for h in headers):
        return None  # a header of delimiters only: let the careful reader find the real one
    data = content[1:]
    if len(data) > MAX_ROWS:
        raise reject_file("too_many_rows")
    names = [str(i) for i in range(len(headers))]
    # The records after the header, read in place (a slice of the bytes would copy them).
    body_start = ends[header_index] + 1 if header_index + 1 < len(starts) else len(utf8)
    body = pa.py_buffer(utf8).slice(int(body_start))
    if len(data) == 0:
        return RawTable(
            headers, pd.DataFrame({n: pd.Series([], dtype="str") for n in names}), data + 1
        )
    try:
        parsed = pacsv.read_csv(
            pa.BufferReader(body),
            read_options=pacsv.ReadOptions(column_names=names, block_size=8 << 20),
            parse_options=pacsv.ParseOptions(
                delimiter=delimiter, quote_char='"', double_quote=True, escape_char=False,
                newlines_in_values=True, ignore_empty_lines=True,
            ),
            convert_options=pacsv.ConvertOptions(
                column_types={n: pa.large_string() for n in names},
                strings_can_be_null=False, quoted_strings_can_be_null=False,
            ),
        )  # fmt: skip
    except (pa.ArrowInvalid, pa.ArrowException):
        return None  # e.g. a row with more or fewer cells: the careful reader reports it
    if parsed.num_rows != len(data):
        return None
    cells = parsed.to_pandas()
    return RawTable(headers, cells, (data + 1).astype(np.int64))


def _read_with_csv_module(text: str, delimiter: str, issues: Issues) -> RawTable:
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    headers: list[str] | None = None
    records: list[list[str]] = []
    rows: list[int] = []
    number = 0
    width = 0
    try:
        for number, record in enumerate(reader, start=1):
            if not any(cell.strip() for cell in record):
                continue
            if headers is None:
                headers, width = record, len(record)
                continue
            if len(rows) >= MAX_ROWS:
                raise reject_file("too_many_rows")
            if len(record) > width:
                extra = [c for c in record[width:] if c.strip()]
                if extra:
                    issues.add_rows("extra_cells", None, [number], [extra[0].strip()])
                record = record[:width]
            elif len(record) < width:
                record = record + [""] * (width - len(record))
            records.append(record)
            rows.append(number)
    except csv.Error:
        issues.add_rows("bad_quotes", None, [number + 1], [""])
        raise Rejected(issues) from None
    if headers is None:
        raise reject_file("empty_file")
    cells = cells_frame(records, width)
    return RawTable(headers, cells, np.asarray(rows, dtype=np.int64))
