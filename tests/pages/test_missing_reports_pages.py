"""Reports missing for the last reporting period that ended: the overview's line and Giao
việc's section, on a store made for the day the test runs."""

from __future__ import annotations

from datetime import date, timedelta

from analytics import formats
from analytics.importing import import_file
from analytics.reporting_calendar import last_ended, period_name
from tests.pages.helpers import empty_database, open_page


def test_the_overview_and_giao_viec_name_the_tasks_without_a_report(tmp_path, monkeypatch):
    monkeypatch.delenv("TRACKER_REPORTING", raising=False)
    today = date.today()
    start, end = last_ended(today)  # the quarter (tests/test_reporting_calendar.py)
    assigned = (start - timedelta(days=30)).strftime("%d/%m/%Y")
    due = (today + timedelta(days=400)).strftime("%d/%m/%Y")
    inside = (start + timedelta(days=10)).strftime("%d/%m/%Y")
    before = (start - timedelta(days=5)).strftime("%d/%m/%Y")
    # K reported inside the period; D only before it; both open, assigned before it began.
    tasks = (
        "ma_nhiem_vu,ten_nhiem_vu,co_quan,chuc_danh,linh_vuc,ky,ngay_giao,han_hoan_thanh\n"
        f"K,Giám sát vốn,KTNS,Trưởng ban,giam_sat,2026-2030,{assigned},{due}\n"
        f"D,Giám sát chính sách dân tộc,DT,Trưởng ban,dan_toc,2026-2030,{assigned},{due}\n"
    )
    reports = f"ma_nhiem_vu,ngay_bao_cao,tien_do\nK,{inside},30\nD,{before},20\n"
    db = empty_database(tmp_path / "missing.duckdb")
    monkeypatch.setenv("TRACKER_DB", str(db))
    for data in (tasks, reports):
        assert import_file(data.encode(), db, file_name="x.csv", user="t").ok

    span = f"{period_name((start, end))} ({formats.day(start)} – {formats.day(end)})"
    at = open_page("pages/overview.py")
    assert not at.exception
    links = [e.proto.label.replace("\\", "") for e in at.get("page_link")]
    assert f"1 nhiệm vụ chưa báo cáo {span}: Ban Dân tộc 1 — xem trang Giao việc." in links

    at = open_page("pages/cascade.py")
    assert not at.exception
    assert f"Chưa báo cáo kỳ này: {span}" in [h.value for h in at.subheader]
    table = next(d.value for d in at.dataframe if "Báo cáo gần nhất" in d.value.columns)
    assert list(table["Tên nhiệm vụ"]) == ["Giám sát chính sách dân tộc"]
    assert list(table["Báo cáo gần nhất"]) == [before]
