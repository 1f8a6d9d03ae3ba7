"""Accounts in Chromium: the sign-in form on every address, refusals by role, the navigation
by role, a file sent straight to Streamlit's upload endpoint, staying signed in across a
reload (local mode's banner is checked in test_pages.py, whose app runs in local mode)."""

from __future__ import annotations

import re
import urllib.error
import urllib.request
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from argon2 import PasswordHasher

from analytics import accounts
from analytics.demo import create_demo_store
from analytics.session_cookie import COOKIE_NAME
from analytics.store.connection import open_db
from tests.e2e.conftest import App, screenshot, start_app, stop_app, wait_for_rerun

pytestmark = pytest.mark.browser

PASSWORD = "Ngua-Sat-2026-Long"  # a test password, never a real one
ROLES = ("committee", "analyst", "staff", "admin")
SIGN_IN = "[data-testid=stBaseButton-primaryFormSubmit]"
REFUSED = "không được mở trang này"
UUID = re.compile(rb"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
PROGRESS_CSV = "Mã nhiệm vụ,Ngày báo cáo,Tiến độ (%)\r\nDP17-GD,15/10/2026,100\r\n".encode()


@pytest.fixture(scope="module")
def signed_app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[App]:
    """The demo with one account per role, served fresh (no page opened yet)."""
    folder = tmp_path_factory.mktemp("auth")
    db = folder / "auth.duckdb"
    create_demo_store(db)
    hasher, accounts.HASHER = accounts.HASHER, PasswordHasher(time_cost=1, memory_cost=1024)
    try:
        for role in ROLES:
            accounts.add_user(db, f"tk.{role}", role, PASSWORD, actor="test")
    finally:
        accounts.HASHER = hasher
    served = start_app(db, folder / "streamlit.log")
    yield served
    stop_app(served)


def snapshot(db: Path) -> tuple:
    """What an import would change: imports, reports, tasks, the data version."""
    with open_db(db) as con:
        return con.execute(
            "SELECT (SELECT count(*) FROM imports), (SELECT count(*) FROM progress), "
            "(SELECT count(*) FROM tasks), (SELECT value FROM meta WHERE key = 'data_version')"
        ).fetchone()


def on_sign_in_form(page) -> bool:
    return (
        page.locator(SIGN_IN).filter(has_text="Đăng nhập").count() == 1
        and page.locator("[data-testid=stMetric]").count() == 0
        and page.locator("input[type=file]").count() == 0
        # no filters: the sidebar, if any, is Streamlit's own list of pages/ (fresh server)
        and page.locator("[data-testid=stSidebar] [data-testid=stMultiSelect]").count() == 0
    )


def navigation_text(page) -> str:
    """Every page title the top bar offers, those inside its menus (Dữ liệu, Khác) too."""
    header = page.locator("header")
    shown = [header.inner_text()]
    for group in ("Dữ liệu", "Khác"):
        if group in shown[0]:
            header.get_by_text(group, exact=True).click()
            page.wait_for_timeout(500)
            shown += page.locator("[data-testid=stTopNavDropdownLink]").all_inner_texts()
            page.keyboard.press("Escape")
    return "\n".join(shown)


def sign_in(page, name: str, password: str = PASSWORD) -> None:
    page.get_by_label("Tên đăng nhập").fill(name)
    page.get_by_label("Mật khẩu").fill(password)
    page.locator(SIGN_IN).click()
    page.locator("[data-testid=stForm]").wait_for(state="detached", timeout=30_000)
    wait_for_rerun(page, timeout=60_000)


def test_signed_out_every_address_shows_only_the_sign_in_form(browser, signed_app):
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    # First the file names of pages/ (Streamlit's older routing answers them on a fresh
    # server, before app.py ran once), then the app's own addresses.
    for address in ("upload", "audit", "", "phan-tich", "tai-len", "lich-su-nhap", "quan-tri",
                    "nhiem-vu?ma=DP05-GD", "giao-viec", "danh-gia", "dang-nhap"):  # fmt: skip
        page.goto(f"{signed_app.url}/{address}")
        wait_for_rerun(page, timeout=60_000)
        assert on_sign_in_form(page), address
        assert "DP05" not in page.inner_text("body"), address
    page.close()


def test_sign_in_page_and_a_failed_attempt_at_two_sizes(browser, signed_app):
    for width, height in ((1920, 1080), (1280, 800)):
        page = browser.new_page(viewport={"width": width, "height": height})
        page.goto(f"{signed_app.url}/dang-nhap")
        wait_for_rerun(page, timeout=60_000)
        screenshot(page, f"signin-{width}")
        page.get_by_label("Tên đăng nhập").fill("khong.co")
        page.get_by_label("Mật khẩu").fill("sai-mat-khau-x")
        page.locator(SIGN_IN).click()
        page.get_by_text("không đúng").wait_for(timeout=30_000)
        assert page.get_by_label("Mật khẩu").input_value() == ""  # the password is not kept
        screenshot(page, f"signin-failed-{width}")
        page.close()


@pytest.mark.parametrize(
    ("role", "refused", "hidden", "shown"),
    [
        ("committee", "tai-len", "Tải lên", "Phân tích"),
        ("analyst", "quan-tri", "Quản trị", "Phân tích"),
        ("staff", "phan-tich", "Phân tích", "Tải lên"),
    ],
)
def test_a_page_reached_by_address_without_the_role_refuses(
    browser, signed_app, role, refused, hidden, shown
):
    page = browser.new_page(viewport={"width": 1920, "height": 1080})
    page.goto(f"{signed_app.url}/{refused}")  # a link kept from someone else
    wait_for_rerun(page, timeout=60_000)
    sign_in(page, f"tk.{role}")
    page.get_by_text(REFUSED).wait_for(timeout=30_000)
    assert page.locator("input[type=file]").count() == 0
    assert page.locator("[data-testid=stDownloadButton]").count() == 0
    nav = navigation_text(page)
    assert shown in nav and hidden not in nav, nav
    screenshot(page, f"refused-{role}-1920")
    page.close()


def test_a_file_sent_to_the_upload_endpoint_without_signing_in_changes_nothing(browser, signed_app):
    before = snapshot(signed_app.db)
    # No session, no XSRF token: refused outright.
    request = urllib.request.Request(
        f"{signed_app.url}/_stcore/upload_file/{uuid.uuid4()}/{uuid.uuid4()}", method="PUT",
        data=b'--x\r\nContent-Disposition: form-data; name="file"; filename="td.csv"\r\n'
        b"Content-Type: text/csv\r\n\r\n" + PROGRESS_CSV + b"\r\n--x--\r\n",
        headers={"Content-Type": "multipart/form-data; boundary=x"},
    )  # fmt: skip
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(request, timeout=10)
    assert refused.value.code == 403
    # A real browser session that has not signed in, with its XSRF cookie: Streamlit keeps
    # the file in memory, but no page of a signed-out session reads an upload.
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    seen: list[bytes] = []
    page.on("websocket", lambda ws: ws.on("framereceived", lambda frame: seen.extend(
        UUID.findall(frame if isinstance(frame, bytes) else frame.encode()))))  # fmt: skip
    page.goto(f"{signed_app.url}/tai-len")
    wait_for_rerun(page, timeout=60_000)
    token = next(c["value"] for c in page.context.cookies() if c["name"] == "_streamlit_xsrf")
    accepted = 0
    for session_id in dict.fromkeys(seen):
        response = page.request.put(
            f"{signed_app.url}/_stcore/upload_file/{session_id.decode()}/{uuid.uuid4()}",
            multipart={"file": {"name": "td.csv", "mimeType": "text/csv", "buffer": PROGRESS_CSV}},
            headers={"X-Xsrftoken": token},
        )
        accepted += response.status == 204
    assert accepted == 1  # the session's own id: the file reached Streamlit's memory
    page.get_by_label("Tên đăng nhập").fill("tk.staff")
    page.get_by_label("Mật khẩu").press("Enter")  # a rerun of the signed-out session
    wait_for_rerun(page)
    assert on_sign_in_form(page)
    page.close()
    assert snapshot(signed_app.db) == before


def sign_in_cookie(page) -> dict | None:
    return next((c for c in page.context.cookies() if c["name"] == COOKIE_NAME), None)


def test_a_reload_and_a_new_tab_stay_signed_in_until_signing_out(browser, signed_app):
    context = browser.new_context(viewport={"width": 1920, "height": 1080})
    page = context.new_page()
    page.goto(signed_app.url)  # a deep link as a fresh server's first request shows a notice
    wait_for_rerun(page, timeout=60_000)
    sign_in(page, "tk.analyst")
    page.goto(f"{signed_app.url}/phan-tich")  # a new Streamlit session: the cookie signs in
    wait_for_rerun(page, timeout=60_000)
    page.wait_for_function(f"document.cookie.includes('{COOKIE_NAME}=')", timeout=15_000)
    cookie = sign_in_cookie(page)
    assert cookie["sameSite"] == "Strict" and cookie["path"] == "/"
    page.get_by_text("tk.analyst").first.wait_for(timeout=30_000)  # the sidebar's account box
    screenshot(page, "signed-in-analysis-1920")

    page.reload()
    wait_for_rerun(page, timeout=60_000)
    page.get_by_text("tk.analyst").first.wait_for(timeout=30_000)  # the sidebar's account box
    assert not on_sign_in_form(page)
    second = context.new_page()  # a new tab of the same browser
    second.goto(f"{signed_app.url}/nhiem-vu")
    wait_for_rerun(second, timeout=60_000)
    second.get_by_text("tk.analyst").first.wait_for(timeout=30_000)

    page.get_by_role("button", name="Đăng xuất").click()
    page.get_by_text("Đã đăng xuất").wait_for(timeout=30_000)
    page.wait_for_function(f"!document.cookie.includes('{COOKIE_NAME}=')", timeout=15_000)
    page.reload()
    wait_for_rerun(page, timeout=60_000)
    assert on_sign_in_form(page)
    context.close()

    # The cookie as it was before signing out, copied into another browser: refused.
    other = browser.new_context(viewport={"width": 1280, "height": 800})
    other.add_cookies([{k: cookie[k] for k in ("name", "value", "domain", "path")}])
    page = other.new_page()
    page.goto(f"{signed_app.url}/phan-tich")
    wait_for_rerun(page, timeout=60_000)
    assert on_sign_in_form(page)
    other.close()


def test_a_forged_cookie_signs_nobody_in(browser, signed_app):
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    host = signed_app.url.split("//")[1].split(":")[0]
    forged = "v1.eyJuIjoidGsuYWRtaW4iLCJyIjoiYWRtaW4iLCJiIjpbXSwiaWQiOiJ4In0." + "0" * 64
    context.add_cookies([{"name": COOKIE_NAME, "value": forged, "domain": host, "path": "/"}])
    page = context.new_page()
    page.goto(f"{signed_app.url}/quan-tri")
    wait_for_rerun(page, timeout=60_000)
    assert on_sign_in_form(page)
    context.close()
