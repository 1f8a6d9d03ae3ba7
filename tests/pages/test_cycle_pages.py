"""The assignment and appraisal pages under AppTest."""

from __future__ import annotations

import pytest

from analytics import cycle
from tests.conftest import copy_demo
from tests.pages.helpers import open_page


@pytest.fixture
def demo_file(demo_db, tmp_path, monkeypatch):
    path = copy_demo(demo_db, tmp_path / "cycle.duckdb")
    monkeypatch.setenv("TRACKER_DB", str(path))
    return path


def test_the_assignment_page_narrows_to_a_level_and_lists_waiting_tasks(demo_file):
    at = open_page("pages/cascade.py")
    assert not at.exception and not at.error
    tables = [d.value for d in at.dataframe]
    waiting = next(t for t in tables if "Trạng thái giao" in t.columns)
    assert list(waiting["Mã nhiệm vụ"]) == ["DK26-01", "DK26-02", "DK26-03"]
    assert list(waiting["Trạng thái giao"]) == ["Đăng ký", "Đề xuất", "Trả lại"]
    # The Chief of Office assigns the 12 tasks of the Office's staff (tasks 12-17, twice).
    at.selectbox(key="cap_xem").set_value("a:Chánh Văn phòng").run()
    assert at.session_state["cap_giao"] == ["Chánh Văn phòng"]
    cascade = next(
        d.value
        for d in at.dataframe
        if "Cấp giao / cơ quan / chức danh / nhiệm vụ" in d.value.columns
    )
    assert cascade.iloc[0, 0] == "Chánh Văn phòng" and cascade.iloc[0, 1] == 12


def test_the_appraisal_page_shows_a_sheet_and_records_a_rating(demo_file):
    at = open_page(
        "pages/appraisal.py", state={"nam_dg": 2025, "nguoi_dg": "Chuyên viên phòng Tổng hợp"}
    )
    assert not at.exception and not at.error
    sheet = at.dataframe[1].value
    # Task 15 for the term covers 2025 (2021-2026); the 2021 one does not.
    assert list(sheet["Mã nhiệm vụ"]) == ["DP15-GD"]
    assert list(sheet["Mức đánh giá"]) == ["Chưa đánh giá"]
    box = next(s for s in at.selectbox if s.label == "Nhiệm vụ")
    box.set_value("DP15-GD")
    next(r for r in at.radio if r.label == "Mức đánh giá").set_value("tot")
    next(t for t in at.text_input if t.label == "Người đánh giá").input("Chánh Văn phòng")
    next(b for b in at.button if b.label == "Ghi đánh giá").click()
    at.run()
    assert not at.exception and not at.error, [e.value for e in at.error]
    assert any("Đã ghi đánh giá" in s.value for s in at.success)
    row = cycle.official_sheet(demo_file, "Chuyên viên phòng Tổng hợp", 2025).iloc[0]
    assert row["rating"] == "tot" and row["appraiser"] == "Chánh Văn phòng"
