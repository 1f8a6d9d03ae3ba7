"""The upload and import-history pages under AppTest: preview, confirm, undo."""

from __future__ import annotations

import pytest

from analytics.store.connection import open_db
from tests.importing.helpers import PROGRESS_HEADER, TASKS_HEADER, csv_bytes
from tests.pages.helpers import metrics, open_page

GOOD = csv_bytes(
    [PROGRESS_HEADER[:3], ["DP01-GD", "01/02/2024", "5"], ["DP01-2021", "31/03/2021", "0"]],
    bom=True,
)
BAD = csv_bytes([PROGRESS_HEADER[:3], ["DP01-GD", "31/02/2024", "5"], ["NOPE", "01/01/2024", "1"]])


@pytest.fixture
def db(demo_store, monkeypatch):
    """The demo on each engine (a DuckDB file, PostgreSQL), served by the page under test."""
    monkeypatch.setenv("TRACKER_DB", demo_store)
    return demo_store


def count(db, sql: str) -> int:
    with open_db(db) as con:
        return con.execute(sql).fetchall()[0][0]


def upload(at, name: str, data: bytes):
    at.file_uploader[0].set_value((name, data, "text/csv")).run()
    assert not at.exception, at.exception
    return at


def test_templates_are_offered(db):
    at = open_page("pages/upload.py")
    assert not at.exception, at.exception
    assert at.title[0].value == "Tải lên"
    labels = [b.label for b in at.get("download_button")]
    assert len(labels) == 6 and "Tiến độ (.xlsx)" in labels


def test_preview_then_confirm_then_undo(db):
    at = upload(open_page("pages/upload.py", state={"uploader_name": "Văn thư"}), "td.csv", GOOD)
    shown = metrics(at)
    assert shown["Loại tệp"] == "Tiến độ"
    assert (shown["Số dòng"], shown["Mới"], shown["Thay đổi"]) == ("2", "1", "1")
    assert count(db, "SELECT count(*) FROM imports") == 0  # the preview writes nothing
    at.button(key="confirm").click().run()
    assert not at.exception, at.exception
    assert any("Đã ghi lần nhập số 1" in s.value for s in at.success)
    assert count(db, "SELECT count(*) FROM progress WHERE import_id = 1") == 2
    assert count(db, "SELECT count(*) FROM imports WHERE user_name = 'Văn thư'") == 1
    at.button(key="undo_last").click().run()
    assert any("Đã hoàn tác lần nhập số 1" in s.value for s in at.success)
    assert count(db, "SELECT count(*) FROM progress WHERE import_id IS NOT NULL") == 0


def test_a_bad_file_lists_every_error_and_offers_no_write(db):
    at = upload(open_page("pages/upload.py"), "loi.csv", BAD)
    assert any("2 lỗi" in e.value for e in at.error)
    table = at.dataframe[0].value
    assert table["Dòng"].tolist() == [2, 3]
    assert table["Cột"].tolist() == ["Ngày báo cáo", "Mã nhiệm vụ"]
    assert table["Nội dung lỗi"][0] == "'31/02/2024' không phải ngày hợp lệ (ngày/tháng/năm)"
    assert not [b for b in at.button if b.key == "confirm"]


def test_confirm_waits_for_a_name(db):
    at = upload(open_page("pages/upload.py"), "td.csv", GOOD)
    assert at.button(key="confirm").disabled


def test_figures_refresh_after_a_write_and_history_can_undo(db):
    tasks = csv_bytes(
        [TASKS_HEADER[:10], ["MOI-1", "Nhiệm vụ mới", "TT", "Trưởng ban", "", "giam_sat", "",
                             "2026", "01/01/2026", "31/12/2026"]]
    )  # fmt: skip
    at = open_page("pages/overview.py")
    assert metrics(at)["Tổng số nhiệm vụ"] == "34"
    at.switch_page("pages/upload.py").run()
    at.text_input(key="uploader_name").input("Văn thư").run()
    upload(at, "nv.csv", tasks)
    at.button(key="confirm").click().run()
    at.switch_page("pages/overview.py").run()
    assert metrics(at)["Tổng số nhiệm vụ"] == "35"  # the cache saw the file change
    at.switch_page("pages/imports.py").run()
    assert not at.exception, at.exception
    history = at.dataframe[0].value
    assert history["Tệp"].tolist() == ["nv.csv"] and history["Mới"].tolist() == [1]
    at.text_input(key="undo_by").input("Trưởng phòng").run()
    at.button(key="undo_chosen").click().run()
    assert any("Đã hoàn tác lần nhập số 1" in s.value for s in at.success)
    assert "Đã hoàn tác" in at.dataframe[0].value["Tình trạng"][0]
    at.switch_page("pages/overview.py").run()
    assert metrics(at)["Tổng số nhiệm vụ"] == "34"
