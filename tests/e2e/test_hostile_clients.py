"""Hostile clients against the app as the office runs it (``asgi.py``) and against the
shipped nginx config (``deploy/nginx.conf``) in front of it: security headers, uploads
refused before their body unless a signed-in session that may import sends them, bare
addresses in user text shown as text, not links."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import time
import urllib.error
import urllib.request
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pytest
from argon2 import PasswordHasher

from analytics import accounts, session_cookie
from analytics.serving import nginx
from analytics.store.schema import prepare
from tests.e2e.conftest import (
    IDLE,
    App,
    _free_port,
    screenshot,
    start_app,
    stop_app,
    wait_for_rerun,
)

pytestmark = pytest.mark.browser

NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
PASSWORD = "Ngua-Sat-2026-Long"  # a test password, never a real one
TITLE = "Kiểm tra http://2130706433:8650/ và www.example.com"
DESCRIPTION = "Gửi về thu.ky@hdnd.example, xem https://hdnd.example/bao-cao"
HEADERS = {
    "content-security-policy": "frame-ancestors 'self'",
    "x-content-type-options": "nosniff",
    "referrer-policy": "same-origin",
}
UUID = re.compile(rb"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
CSV = "Mã nhiệm vụ,Ngày báo cáo,Tiến độ (%)\r\nX1,15/10/2026,10\r\n".encode()


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[App]:
    """A database with one task whose texts hold bare addresses, and two accounts (staff,
    analyst), served through asgi.py."""
    folder = tmp_path_factory.mktemp("hostile")
    db = folder / "hostile.duckdb"
    with duckdb.connect(str(db)) as con:
        prepare(con)
        con.execute(
            "INSERT INTO tasks (id, code, title, body_code, position, area_code, period_label, "
            "assigned_on, due_on, description) VALUES (1, 'X1', ?, 'TT', 'Trưởng ban', "
            "'giam_sat', '2021', DATE '2021-01-01', DATE '2021-12-31', ?)",
            [TITLE, DESCRIPTION],
        )
    hasher, accounts.HASHER = accounts.HASHER, PasswordHasher(time_cost=1, memory_cost=1024)
    try:
        for role in ("staff", "analyst"):
            accounts.add_user(db, f"tk.{role}", role, PASSWORD, actor="test")
    finally:
        accounts.HASHER = hasher
    app = start_app(db, folder / "streamlit.log", script="asgi.py")
    yield app
    stop_app(app)


def cookie_of(app: App, name: str, role: str) -> str:
    """A sign-in cookie as the app writes it for ``name`` (the account exists)."""
    session = accounts.new_session(accounts.Account(name, role), accounts.now())
    return session_cookie.encode(session, session_cookie.cookie_key(app.db))


def answer(url: str, method: str = "GET", data: bytes | None = None, headers=None):
    """(status, lower-cased headers, body) of one request, errors included."""
    request = urllib.request.Request(url, data=data, method=method, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=20) as response:
            return response.status, {k.lower(): v for k, v in response.headers.items()}, b""
    except urllib.error.HTTPError as error:
        return error.code, {k.lower(): v for k, v in error.headers.items()}, error.read()


def multipart(content: bytes) -> tuple[bytes, dict[str, str]]:
    body = (b'--x\r\nContent-Disposition: form-data; name="file"; filename="td.csv"\r\n'
            b"Content-Type: text/csv\r\n\r\n" + content + b"\r\n--x--\r\n")  # fmt: skip
    return body, {"Content-Type": "multipart/form-data; boundary=x"}


def test_bare_addresses_in_user_text_are_shown_as_text(browser, served):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    host = served.url.split("//")[1].split(":")[0]
    value = cookie_of(served, "tk.analyst", "analyst")
    context.add_cookies([{"name": session_cookie.COOKIE_NAME, "value": value,
                          "domain": host, "path": "/"}])  # fmt: skip
    page = context.new_page()
    page.goto(f"{served.url}/nhiem-vu?ma=X1")
    main = page.locator("[data-testid=stMain]")
    try:
        main.get_by_text(TITLE, exact=True).wait_for(timeout=60_000)  # the heading, as typed
    finally:
        screenshot(page, "task-with-bare-addresses")
    page.wait_for_selector(IDLE, timeout=60_000)
    for part in ("2130706433", "example"):
        assert main.locator(f"a[href*='{part}']").count() == 0, part
    assert DESCRIPTION in main.inner_text()
    # An address naming a task that does not exist: the warning repeats it, as text.
    page.goto(f"{served.url}/nhiem-vu?ma=www.hdnd.example")
    warning = page.locator("[data-testid=stAlert]").filter(has_text="hdnd")
    warning.wait_for(timeout=60_000)
    page.wait_for_selector(IDLE, timeout=60_000)
    assert "www.hdnd.example" in warning.inner_text().replace("\u2060", "")
    assert warning.locator("a").count() == 0
    context.close()


def test_the_app_itself_sends_the_security_headers(served):
    for path in ("/", "/_stcore/health", "/nhiem-vu"):
        status, headers, _ = answer(served.url + path)
        assert status == 200, path
        for name, value in HEADERS.items():
            assert headers.get(name) == value, (path, name)


def test_only_a_signed_in_session_that_may_import_can_upload(browser, served):
    # A real browser session (not signed in), its id and XSRF token, as an attacker has them.
    page = browser.new_page()
    seen: list[bytes] = []
    page.on("websocket", lambda ws: ws.on("framereceived", lambda frame: seen.extend(
        UUID.findall(frame if isinstance(frame, bytes) else frame.encode()))))  # fmt: skip
    page.goto(served.url)
    wait_for_rerun(page, timeout=60_000)
    token = next(c["value"] for c in page.context.cookies() if c["name"] == "_streamlit_xsrf")
    body, headers = multipart(CSV)

    def put(session_id: str, cookie: str | None) -> tuple[int, bytes]:
        sent = dict(headers, **{"X-Xsrftoken": token})
        cookies = [f"_streamlit_xsrf={token}"]
        if cookie is not None:
            cookies.append(f"{session_cookie.COOKIE_NAME}={cookie}")
        sent["Cookie"] = "; ".join(cookies)
        url = f"{served.url}/_stcore/upload_file/{session_id}/{uuid.uuid4()}"
        status, _, text = answer(url, "PUT", body, sent)
        return status, text

    sessions = [s.decode() for s in dict.fromkeys(seen)]
    outcomes = {}
    for who, cookie in (
        ("nobody", None), ("forged", "v1.e30." + "0" * 64),
        ("analyst", cookie_of(served, "tk.analyst", "analyst")),
        ("staff", cookie_of(served, "tk.staff", "staff")),
    ):  # fmt: skip
        outcomes[who] = {put(s, cookie)[0] for s in sessions}
    page.close()
    assert outcomes["nobody"] == outcomes["forged"] == outcomes["analyst"] == {403}
    assert 204 in outcomes["staff"]  # the session's own id (the other ids: 400)


def _answers(url: str) -> bool:
    try:
        return answer(url)[0] == 200
    except urllib.error.URLError:  # not listening yet
        return False


@dataclass
class Proxy:
    url: str
    folder: Path
    process: subprocess.Popen[bytes]


@pytest.fixture(scope="module")
def proxy(served: App, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Proxy]:
    """deploy/nginx.conf as shipped, on a free loopback port without TLS, before ``served``
    (analytics.serving.nginx, as ``serve`` runs it)."""
    if not Path(NGINX).exists():
        if os.environ.get("REQUIRE_BROWSER") == "1":
            pytest.fail("nginx is missing")
        pytest.skip("nginx is not installed")
    folder = tmp_path_factory.mktemp("nginx")
    port = _free_port()
    # The shipped site with the app as its one worker, as `serve` writes it.
    config = nginx.write_config(folder, port, [int(served.url.rsplit(":", 1)[1])])
    process = subprocess.Popen(
        nginx.command(NGINX, config),
        stdout=subprocess.DEVNULL, stderr=(folder / "stderr.log").open("wb"),
    )  # fmt: skip
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 20
        while not _answers(url + "/_stcore/health"):
            if process.poll() is not None or time.monotonic() > deadline:
                log = (folder / "stderr.log").read_text()
                raise RuntimeError("nginx did not start: " + log)
            time.sleep(0.2)
        yield Proxy(url, folder, process)
    finally:  # stopped whatever happened, so no nginx outlives the tests
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()


def test_the_shipped_nginx_config_sends_the_headers_and_keeps_anonymous_uploads_out(browser, proxy):
    status, headers, _ = answer(proxy.url + "/")
    assert status == 200
    for name, value in HEADERS.items():
        assert value in headers.get(name, ""), name
    body, sent = multipart(CSV)
    upload = f"{proxy.url}/_stcore/upload_file/{uuid.uuid4()}/{uuid.uuid4()}"
    status, _, text = answer(upload, "PUT", body, sent)
    assert status == 403 and b"nginx" in text  # refused by nginx: no sign-in cookie
    forged = dict(sent, Cookie=f"{session_cookie.COOKIE_NAME}=v1.e30.{'0' * 64}")
    status, _, text = answer(upload, "PUT", body, forged)
    assert status == 403 and text == b"sign in first\n"  # passed nginx, refused by the app
    statuses = [answer(upload, "PUT", body, forged)[0] for _ in range(12)]
    assert 429 in statuses  # at most 5 at once beyond the rate of 20 a minute
    # The app works through it (the websocket passes): the sign-in form comes up.
    page = browser.new_page()
    page.goto(proxy.url)
    wait_for_rerun(page, timeout=60_000)
    assert page.get_by_label("Tên đăng nhập").count() == 1
    page.close()
