"""A shared link to a page, opened as the very first request to a fresh server.

On a fresh server Streamlit first looks the address up among the scripts of pages/
(its older multipage mode, until app.py's st.navigation has run once) and sends its
English "Page not found" box; the app closes it and opens the right page. An address
that names no page gets the app's own notice and the overview.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import wait_for_rerun

pytestmark = pytest.mark.browser


def test_a_deep_link_on_a_fresh_server_opens_that_page_with_its_filters(browser, app):
    page = browser.new_page(viewport={"width": 1920, "height": 1080})
    page.goto(f"{app.url}/phan-tich?ky=year&nam=2021&co_quan=DT&nhom=area")
    wait_for_rerun(page, timeout=60_000)
    page.get_by_role("heading", name="Phân tích").wait_for()
    assert page.locator("[data-testid=stException]").count() == 0
    # The period and the body filter came from the link.
    expect(page.locator("[data-testid=stMain]")).to_contain_text(
        "Năm 2021 (01/01/2021 – 31/12/2021)", timeout=30_000
    )
    expect(page.locator("[data-testid=stSidebar]")).to_contain_text("Ban Dân tộc")
    assert "co_quan=DT" in page.url
    page.wait_for_timeout(1500)  # the box, when sent, shows within a moment
    assert page.get_by_role("dialog").filter(has_text="Page not found").count() == 0
    page.close()


def test_an_address_that_names_no_page_says_so_and_shows_the_overview(browser, app):
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    page.goto(f"{app.url}/khong-co-trang-nay")
    # Looked for while the page loads: the notice is a toast that leaves after 4 seconds,
    # which a busy machine can spend drawing the overview after sending it.
    expect(page.get_by_text("Không có trang 'khong-co-trang-nay'; đang mở trang Tổng quan.")
           ).to_be_visible(timeout=60_000)  # fmt: skip
    wait_for_rerun(page, timeout=60_000)
    page.locator("[data-testid=stMetric]").first.wait_for()
    page.wait_for_timeout(1500)
    assert page.get_by_role("dialog").filter(has_text="Page not found").count() == 0
    page.close()
