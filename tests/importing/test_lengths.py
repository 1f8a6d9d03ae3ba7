"""Every text column has a length limit: a longer cell is a row error naming row and column,
and an error shows at most the first 100 characters of the value."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import duckdb
import pytest

from analytics.demo import load_demo
from analytics.importing import import_file
from analytics.importing.display import error_rows
from analytics.importing.headers import COLUMNS
from analytics.store.schema import prepare
from tests.importing.helpers import (
    APPRAISAL_HEADER,
    PROGRESS_HEADER,
    TASKS_HEADER,
    csv_bytes,
    dump,
    errors_of,
    xlsx_bytes,
)

TODAY = date(2026, 11, 27)

# The limits as README's table states them (characters after trimming).
LIMITS = {
    "tasks": {"ma_nhiem_vu": 100, "ten_nhiem_vu": 1000, "co_quan": 300, "chuc_danh": 300,
              "nguoi_thuc_hien": 300, "linh_vuc": 300, "cap_giao": 300, "ky": 100,
              "ngay_giao": 100, "han_hoan_thanh": 100, "mo_ta": 10000, "chi_tieu": 4000,
              "trang_thai_giao": 100},
    "progress": {"ma_nhiem_vu": 100, "ngay_bao_cao": 100, "tien_do": 100, "trang_thai": 100,
                 "ghi_chu": 4000, "nguoi_bao_cao": 300, "minh_chung": 4000},
    "appraisal": {"ma_nhiem_vu": 100, "nam": 100, "muc_danh_gia": 100, "nguoi_danh_gia": 300,
                  "ngay_danh_gia": 100, "nhan_xet": 4000},
}  # fmt: skip

GOOD = {
    "tasks": (TASKS_HEADER, ["N1", "Tên", "TT", "Trưởng ban", "", "giam_sat", "", "2026",
                             "01/01/2026", "31/12/2026", "", "", ""]),
    "progress": (PROGRESS_HEADER, ["DP01-GD", "01/01/2024", "5", "", "", "", ""]),
    "appraisal": (APPRAISAL_HEADER, ["DP01-GD", "2024", "Hoàn thành", "", "", ""]),
}  # fmt: skip


@pytest.fixture(scope="module")
def demo_once() -> Iterator[duckdb.DuckDBPyConnection]:
    """One demo database for the tests whose imports are all rejected (nothing written)."""
    con = duckdb.connect()
    prepare(con)
    load_demo(con)
    yield con
    con.close()


def test_every_column_of_every_kind_has_the_stated_limit():
    stated = {kind: {c.name: c.max_chars for c in cols} for kind, cols in COLUMNS.items()}
    assert stated == LIMITS


def _with(kind: str, name: str, value: str) -> list[list[str]]:
    header, row = GOOD[kind]
    row = list(row)
    row[[c.name for c in COLUMNS[kind]].index(name)] = value
    return [header, row]


@pytest.mark.parametrize(("kind", "name"), [(k, n) for k, limits in LIMITS.items() for n in limits])
def test_one_character_over_the_limit_is_a_row_error(demo_once, kind, name):
    limit = LIMITS[kind][name]
    over = "é" * (limit + 1)
    before = dump(demo_once)
    result = import_file(csv_bytes(_with(kind, name, over)), demo_once, today=TODAY)
    assert dump(demo_once) == before
    # the value kept and shown: the first 100 characters, then "…"
    assert errors_of(result) == [(2, name, "é" * 100 + "…")]
    assert f"dài hơn {limit:,} ký tự".replace(",", ".") in result.errors["message"][0]


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_a_note_at_the_limit_is_stored_and_one_more_character_is_not(demo, fmt):
    write = csv_bytes if fmt == "csv" else xlsx_bytes
    at_limit = " " + "n" * 4000 + " "  # spaces around are trimmed before counting
    result = import_file(write(_with("progress", "ghi_chu", at_limit)), demo, today=TODAY)
    assert result.ok, result.errors
    stored = demo.execute("SELECT length(note) FROM progress WHERE import_id IS NOT NULL")
    assert stored.fetchall() == [(4000,)]
    before = dump(demo)
    rows = [*_with("progress", "ghi_chu", "n" * 4001)[:2], ["DP02-GD", "01/01/2024", "5"]]
    result = import_file(write(rows), demo, today=TODAY)
    assert errors_of(result) == [(2, "ghi_chu", "n" * 100 + "…")]
    assert dump(demo) == before


def test_long_cells_are_the_only_errors_reported_and_every_one_is(demo):
    rows = [
        PROGRESS_HEADER,
        ["DP01-GD", "31/02/2024", "5", "", "x" * 5000, "", ""],  # a bad date and a long note
        ["NOPE", "01/01/2024", "500", "", "", "r" * 301, "e" * 4001],
    ]
    result = import_file(csv_bytes(rows), demo, today=TODAY)
    assert errors_of(result) == [
        (2, "ghi_chu", "x" * 100 + "…"),
        (3, "nguoi_bao_cao", "r" * 100 + "…"),
        (3, "minh_chung", "e" * 100 + "…"),
    ]


def test_the_error_table_and_messages_show_at_most_100_characters(demo):
    rows = [PROGRESS_HEADER[:3], ["DP01-GD", "01/01/2024", "5", "z" * 150]]  # a cell past D
    result = import_file(csv_bytes(rows), demo, today=TODAY)
    assert errors_of(result) == [(2, None, "z" * 100 + "…")]
    assert result.errors["message"][0] == (
        f"Dòng 2: có ô dữ liệu nằm ngoài các cột của dòng tiêu đề ('{'z' * 100}…')"
    )
    table = error_rows(result)
    assert table.iloc[0, 2] == "z" * 100 + "…"
    assert "z" * 101 not in table.iloc[0, 3]
