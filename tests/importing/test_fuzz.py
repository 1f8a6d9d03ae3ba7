"""Random bytes and random CSV-like text never raise anything but a rejection."""

from __future__ import annotations

from collections.abc import Iterator

import duckdb
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from analytics.demo import load_demo
from analytics.importing import import_file
from analytics.importing.issues import Issues, Rejected
from analytics.importing.pipeline import check_headers, read_table
from analytics.store.schema import prepare
from tests.importing.helpers import dump

FAST = settings(max_examples=1500, deadline=None, suppress_health_check=list(HealthCheck))
FULL = settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck))

HEADERS = ["Mã nhiệm vụ", "ma_nhiem_vu", "Task code", "Ngày báo cáo", "Tiến độ (%)", "tien do",
           "Trạng thái", "Ghi chú", "Tên nhiệm vụ", "Cơ quan", "Chức danh", "Lĩnh vực", "Kỳ",
           "Ngày giao", "Hạn hoàn thành", "Trạng thái giao", "Năm", "Mức đánh giá", "STT",
           ""]  # fmt: skip
VALUES = ["DP01-GD", "DP02-2021", "007", "", " ", "01/02/2024", "31/02/2022", "2024-01-01",
          "1/1/24", "45", "45,5", "100", "101", "-1", "abc", "Hoàn thành", "Đang thực hiện",
          "TT", "KTNS", "giam_sat", "2021", "2021-2025", "tot", "'=1+2", "x\ny", 'a "b" c',
          "Đã giao", "2099", "1e3", "nan", "∞", "\u0301", "\ufeff"]  # fmt: skip
SEPARATORS = [",", ";", "\t", "\n", "\r\n", "\r", '"', '""', " "]
TOKENS = VALUES + SEPARATORS * 3


@st.composite
def csv_like(draw) -> bytes:
    header = draw(st.lists(st.sampled_from(HEADERS), min_size=1, max_size=8))
    pieces = [draw(st.sampled_from([",", ";", "\t"])).join(header), "\r\n"]
    pieces += draw(st.lists(st.sampled_from(TOKENS), max_size=40))
    pieces.insert(draw(st.integers(0, len(pieces))), draw(st.text(max_size=6)))
    text = "".join(pieces)
    encoding = draw(st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "cp1258"]))
    return text.encode(encoding, errors="replace")


@pytest.fixture(scope="module")
def con() -> Iterator[duckdb.DuckDBPyConnection]:
    connection = duckdb.connect()
    prepare(connection)
    load_demo(connection)
    yield connection
    connection.close()


def _read_only(data: bytes) -> None:
    issues = Issues()
    try:
        check_headers(read_table(data, issues))
    except Rejected as rejected:
        assert len(rejected.issues) >= 1


@FAST
@given(st.binary(max_size=3000))
def test_random_bytes_are_read_or_rejected(data):
    _read_only(data)


@FAST
@given(csv_like())
def test_csv_like_text_is_read_or_rejected(data):
    _read_only(data)


def _checked(result) -> None:
    assert result.status in ("ok", "rejected")
    if result.ok:
        assert result.rows == result.inserted + result.updated + result.unchanged
    else:
        assert len(result.errors) >= 1 and all(result.errors["message"])


@FULL
@given(st.one_of(csv_like(), st.binary(max_size=500)))
def test_validation_against_the_store_only_rejects(con, data):
    _checked(import_file(data, con, dry_run=True))


@settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
@given(csv_like())
def test_full_imports_write_everything_or_nothing(con, data):
    before = dump(con)
    result = import_file(data, con)
    _checked(result)
    if not result.ok:
        assert dump(con) == before
