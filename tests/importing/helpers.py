"""Helpers for the import tests: files in every accepted form, and database dumps."""

from __future__ import annotations

import csv
import io
import unicodedata
from collections.abc import Sequence

import duckdb
import pandas as pd
from openpyxl import Workbook

PROGRESS_HEADER = ["Mã nhiệm vụ", "Ngày báo cáo", "Tiến độ (%)", "Trạng thái", "Ghi chú",
                   "Người báo cáo", "Minh chứng"]  # fmt: skip
TASKS_HEADER = ["Mã nhiệm vụ", "Tên nhiệm vụ", "Cơ quan", "Chức danh", "Người thực hiện",
                "Lĩnh vực", "Cấp giao", "Kỳ", "Ngày giao", "Hạn hoàn thành", "Mô tả",
                "Chỉ tiêu", "Trạng thái giao"]  # fmt: skip
APPRAISAL_HEADER = ["Mã nhiệm vụ", "Năm", "Mức đánh giá", "Người đánh giá", "Ngày đánh giá",
                    "Nhận xét"]  # fmt: skip


def csv_text(rows: Sequence[Sequence[object]], delimiter: str = ",", newline: str = "\r\n") -> str:
    """Rows written the way a spreadsheet writes CSV (quoting only where needed)."""
    out = io.StringIO()
    csv.writer(out, delimiter=delimiter, lineterminator=newline).writerows(rows)
    return out.getvalue()


def csv_bytes(rows: Sequence[Sequence[object]], delimiter: str = ",", bom: bool = False) -> bytes:
    return (("\ufeff" if bom else "") + csv_text(rows, delimiter)).encode("utf-8")


def xlsx_bytes(rows: Sequence[Sequence[object]], formats: dict[str, str] | None = None) -> bytes:
    """A workbook whose first sheet holds ``rows``; ``formats`` maps a cell (B2) to a format."""
    workbook = Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(list(row))
    for cell, number_format in (formats or {}).items():
        sheet[cell].number_format = number_format
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


_TONE_MARKS = "\u0300\u0301\u0303\u0309\u0323"  # grave, acute, tilde, hook, dot below


def to_cp1258(text: str) -> bytes:
    """Text as legacy Vietnamese Windows writes it: tone marks as combining characters.

    Windows-1258 has the base letters (â, ê, ô, ơ, ư, ă, đ) precomposed but the five
    tone marks only as combining characters, so ``ế`` is written ``ê`` + U+0301.
    """
    out = bytearray()
    for char in unicodedata.normalize("NFC", text):
        try:
            out += char.encode("cp1258")
            continue
        except UnicodeEncodeError:
            pass
        base, *marks = unicodedata.normalize("NFD", char)
        tones = [m for m in marks if m in _TONE_MARKS]
        letter = unicodedata.normalize("NFC", base + "".join(m for m in marks if m not in tones))
        out += (letter + "".join(tones)).encode("cp1258")
    return bytes(out)


def dump(con: duckdb.DuckDBPyConnection) -> dict[str, list[tuple]]:
    """Every row of every table, sorted: two dumps are equal when the content is."""
    tables = [
        r[0]
        for r in con.execute(
            "SELECT table_name FROM information_schema.tables "
            "WHERE table_schema = 'main' AND table_type = 'BASE TABLE' ORDER BY 1"
        ).fetchall()
    ]
    return {t: sorted(con.table(t).fetchall(), key=repr) for t in tables}


def without_bookkeeping(content: dict[str, list[tuple]]) -> dict[str, list[tuple]]:
    """The data tables only: what undo must restore (imports, history and meta move on)."""
    return {k: v for k, v in content.items() if k not in ("imports", "row_history", "meta")}


def errors_of(result) -> list[tuple]:
    """(row, column, value) of each error of an import result."""
    return [
        (None if pd.isna(row) else int(row), column if isinstance(column, str) else None, value)
        for row, column, value in result.errors[["row", "column", "value"]].itertuples(index=False)
    ]
