"""Every page opens in Chromium without an exception; screenshots for people to look at."""

from __future__ import annotations

import pytest

from tests.e2e.conftest import screenshot, wait_for_rerun

pytestmark = pytest.mark.browser

SIZES = {"1920": (1920, 1080), "1280": (1280, 800)}


@pytest.mark.parametrize("size", SIZES)
def test_overview_draws_its_figures_and_chart(browser, app, size):
    width, height = SIZES[size]
    page = browser.new_page(viewport={"width": width, "height": height})
    page.goto(app.url)
    wait_for_rerun(page, timeout=60_000)
    page.wait_for_selector(".js-plotly-plot", timeout=30_000)
    assert page.locator("[data-testid=stException]").count() == 0
    assert "Nhiệm vụ đột phá, đổi mới" in page.inner_text("h1")
    metrics = page.locator("[data-testid=stMetric]").all_inner_texts()
    assert any("Tổng số nhiệm vụ" in m and "34" in m for m in metrics)
    screenshot(page, f"overview-{size}")
    page.close()
