"""In the browser: the overview's report button and the browser's print of the overview."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import app, wait_for_rerun  # noqa: F401 - the app fixture
from tests.report.conftest import pdf_text

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def overview(app, browser):  # noqa: F811 - the imported app fixture
    context = browser.new_context(viewport={"width": 1920, "height": 1080}, accept_downloads=True)
    page = context.new_page()
    page.goto(app.url)
    wait_for_rerun(page, timeout=60_000)
    page.wait_for_selector("[data-testid=stMetric]", timeout=60_000)
    # All five cards drawn, the task count final (the demo's 34 assigned tasks).
    expect(page.locator("[data-testid=stMetric]")).to_have_count(5, timeout=30_000)
    total = page.locator("[data-testid=stMetric]").filter(has_text="Tổng số nhiệm vụ")
    expect(total.locator("[data-testid=stMetricValue]")).to_have_text("34", timeout=30_000)
    yield page
    context.close()


def test_the_report_button_downloads_the_figures_the_screen_shows(overview):
    cards = {
        overview.locator("[data-testid=stMetricLabel]").nth(i).inner_text().strip():
        overview.locator("[data-testid=stMetricValue]").nth(i).inner_text().strip()
        for i in range(overview.locator("[data-testid=stMetric]").count())
    }  # fmt: skip
    assert cards["Tổng số nhiệm vụ"] and "%" in cards["Tỷ lệ hoàn thành"]
    button = overview.get_by_role("button", name="Tải báo cáo (PDF)")
    with overview.expect_download(timeout=120_000) as download:
        button.click()
    assert download.value.suggested_filename.startswith("bao-cao-nhiem-vu-dot-pha_")
    data = Path(download.value.path()).read_bytes()
    assert data.startswith(b"%PDF")
    shown = pdf_text(data)
    for label, value in cards.items():
        assert f"{label} {value}" in shown, (label, value)


def test_the_browser_prints_the_overview_on_landscape_pages_without_the_controls(overview):
    from pypdf import PdfReader

    data = overview.pdf(prefer_css_page_size=True, print_background=True)
    reader = PdfReader(io.BytesIO(data))
    assert 1 <= len(reader.pages) <= 3
    for page in reader.pages:
        assert page.mediabox.width > page.mediabox.height  # A4 landscape
    shown = pdf_text(data)
    assert "Nhiệm vụ đột phá, đổi mới — HĐND tỉnh" in shown
    assert "Nhiệm vụ quá hạn và có nguy cơ chậm" in shown
    for control in ("Ngôn ngữ / Language", "Bộ lọc", "Tải báo cáo (PDF)", "Tải báo cáo (Word)"):
        assert control not in shown, control
