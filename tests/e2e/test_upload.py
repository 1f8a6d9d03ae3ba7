"""Staff upload a progress file in the browser; the overview shows the new figures."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import screenshot, start_app, stop_app, wait_for_rerun

pytestmark = pytest.mark.browser

# DP17-GD (reception protocol, term 2021-2026, due 31/12/2026) was never reported:
# not started. Reported done on 15/10/2026 it becomes done on time, so completion as
# of today goes from 23 of 34 tasks (67,6 %) to 24 of 34 (70,6 %).
PROGRESS_CSV = (
    "\ufeffMã nhiệm vụ;Ngày báo cáo;Tiến độ (%);Trạng thái;Ghi chú\r\n"
    "DP17-GD;15/10/2026;100;Hoàn thành;Đã hoàn thành quy trình lễ tân\r\n"
).encode()


@pytest.fixture
def fresh_app(tmp_path, demo_store):
    """The app on the demo, on each engine (a DuckDB file, PostgreSQL)."""
    where = demo_store if "://" in demo_store else Path(demo_store)
    served = start_app(where, tmp_path / "streamlit.log")
    yield served
    stop_app(served)


def expect_completion(page, value: str) -> None:
    card = page.locator("[data-testid=stMetric]").filter(has_text="Tỷ lệ hoàn thành").first
    expect(card.locator("[data-testid=stMetricValue]")).to_have_text(value, timeout=30_000)


def test_uploading_a_progress_file_changes_the_overview(browser, fresh_app, tmp_path):
    page = browser.new_page(viewport={"width": 1920, "height": 1080})
    page.goto(fresh_app.url)
    wait_for_rerun(page, timeout=60_000)
    expect_completion(page, "67,6 %")

    page.goto(f"{fresh_app.url}/tai-len")
    wait_for_rerun(page, timeout=60_000)
    upload = tmp_path / "tien-do.csv"
    upload.write_bytes(PROGRESS_CSV)
    page.locator("input[type=file]").set_input_files(str(upload))
    name = page.get_by_role("textbox", name="Người tải lên")
    name.fill("Chuyên viên phòng Tổng hợp")
    name.press("Enter")
    confirm = page.get_by_role("button", name="Xác nhận ghi")
    confirm.wait_for(timeout=30_000)
    screenshot(page, "upload-preview-1920")
    confirm.click()
    wait_for_rerun(page)
    page.get_by_role("button", name="Hoàn tác").wait_for(timeout=30_000)
    assert page.locator("[data-testid=stException]").count() == 0

    page.goto(fresh_app.url)
    wait_for_rerun(page, timeout=60_000)
    expect_completion(page, "70,6 %")  # 24 / 34
    page.close()
