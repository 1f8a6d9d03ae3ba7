"""``python -m analytics serve --workers 2``: two app processes behind nginx, driven through
nginx in Chromium, then stopped with SIGTERM, children and ports and all."""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from argon2 import PasswordHasher
from playwright.sync_api import expect

from analytics import accounts, session_cookie
from analytics.serving import nginx, workers
from tests.conftest import ROOT
from tests.e2e.conftest import _free_port, screenshot, wait_for_rerun
from tests.serving import wait_until_served

pytestmark = pytest.mark.browser

PASSWORD = "Ngua-Sat-2026-Long"  # a test password, never a real one
TITLE = "Nhiệm vụ đột phá, đổi mới — HĐND tỉnh"
LOCAL_ONLY = "chỉ mở được trên chính máy chủ"  # ui: no account yet, and not this machine
ROUTE_COOKIE = "tracker_worker"  # deploy/nginx.conf: the cookie whose hash picks a process


def start_serve(db: Path | str, port: int, log: Path) -> subprocess.Popen[bytes]:
    """``serve --workers 2`` on ``db``, returned once it said where to open it."""
    process = subprocess.Popen(
        [sys.executable, "-m", "analytics", "serve", "--workers", "2", "--port", str(port),
         "--db", str(db)],
        cwd=ROOT, env=dict(os.environ, PYTHONPATH=str(ROOT)), stdout=subprocess.DEVNULL,
        stderr=log.open("wb"),
    )  # fmt: skip
    wait_until_served(process, port, log)
    return process


def descendants(pid: int) -> dict[int, list[str]]:
    """Every process below ``pid``: its command line."""
    parents: dict[int, int] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:  # ended meanwhile
            continue
        parents[int(stat.parent.name)] = int(fields[1])
    found: dict[int, list[str]] = {}
    frontier = [pid]
    while frontier:
        parent = frontier.pop()
        for child, its_parent in parents.items():
            if its_parent == parent:
                raw = (Path("/proc") / str(child) / "cmdline").read_bytes()
                found[child] = raw.decode().split("\0")[:-1]
                frontier.append(child)
    return found


def gone(pid: int) -> bool:
    try:
        state = (Path("/proc") / str(pid) / "stat").read_text().rsplit(")", 1)[1].split()[0]
    except FileNotFoundError:
        return True
    return state in ("Z", "X")


def held_connections(port: int) -> int:
    """Connections open to a server listening on loopback ``port`` (kernel's table)."""
    count = 0
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        for line in Path(table).read_text().splitlines()[1:]:
            local, _, state = line.split()[1:4]
            count += int(local.rsplit(":", 1)[1], 16) == port and state == "01"
    return count


def websocket(port: int, host: str, cookie: str = "") -> tuple[socket.socket, bytes]:
    """A websocket opened through nginx to Streamlit's stream (the socket, the status line)."""
    sock = socket.create_connection(("127.0.0.1", port), timeout=20)
    origin = f"https://{host}" if ":" not in host else f"http://{host}"
    sock.sendall(
        (f"GET /_stcore/stream HTTP/1.1\r\nHost: {host}\r\nOrigin: {origin}\r\n"
         "Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\n"
         "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Protocol: streamlit\r\n"
         f"Cookie: {ROUTE_COOKIE}={cookie}\r\n\r\n").encode()
    )  # fmt: skip
    answer = b""
    while b"\r\n\r\n" not in answer:
        answer += sock.recv(4096)
    return sock, answer.split(b"\r\n")[0]


def worker_for(cookie: str, port: int, worker_ports: list[int]) -> int:
    """The worker that a browser with route cookie ``cookie`` reaches through nginx."""
    before = settled(worker_ports)
    sock, status = websocket(port, f"127.0.0.1:{port}", cookie)
    try:
        assert b" 101 " in status, status
        held = until(lambda: [p for p in worker_ports if held_connections(p) > before[p]])
        assert len(held) == 1, held
        return held[0]
    finally:
        sock.close()
        # Until nginx has closed its side too: a connection still counted at the next
        # call's start would hide the next one made to the same worker.
        until(lambda: all(held_connections(p) <= before[p] for p in worker_ports))
        # closed on the worker's side too before the next count starts
        until(lambda: all(held_connections(p) <= before[p] for p in worker_ports))


def settled(worker_ports: list[int], seconds: float = 5.0) -> dict[int, int]:
    """The connections held to each worker once two counts 0.2 s apart agree: a socket
    closed just before (by this test or nginx) is no longer counted."""
    deadline = time.monotonic() + seconds
    counts = {p: held_connections(p) for p in worker_ports}
    while time.monotonic() < deadline:
        time.sleep(0.2)
        again = {p: held_connections(p) for p in worker_ports}
        if again == counts:
            break
        counts = again
    return counts


def until(condition, seconds: float = 10.0):
    """``condition()`` once it is true, polling; its last value after ``seconds``."""
    deadline = time.monotonic() + seconds
    while not (value := condition()) and time.monotonic() < deadline:
        time.sleep(0.05)
    return value


def signed_in(db: Path | str, name: str, role: str) -> str:
    """A sign-in cookie for a new account ``name`` (hashing kept cheap for the test)."""
    hasher, accounts.HASHER = accounts.HASHER, PasswordHasher(time_cost=1, memory_cost=1024)
    try:
        accounts.add_user(db, name, role, PASSWORD, actor="test")
    finally:
        accounts.HASHER = hasher
    session = accounts.new_session(accounts.Account(name, role), accounts.now())
    return session_cookie.encode(session, session_cookie.cookie_key(db))


def test_two_workers_behind_nginx_draw_the_overview_and_stop_together(
    browser, demo_store, tmp_path
):
    """On each engine: the demo in a DuckDB file (the processes take turns on it) and in
    PostgreSQL (any number of processes)."""
    if nginx.find_nginx() is None:
        if os.environ.get("REQUIRE_BROWSER") == "1":
            pytest.fail("nginx is missing")
        pytest.skip("nginx is not installed")
    db = demo_store
    port = _free_port()
    process = start_serve(db, port, tmp_path / "serve.log")
    url = f"http://127.0.0.1:{port}"
    contexts = []
    try:
        children = descendants(process.pid)
        worker_ports = sorted(
            int(cmd[cmd.index("--server.port") + 1])
            for cmd in children.values() if "--server.port" in cmd
        )  # fmt: skip
        assert len(worker_ports) == 2
        masters = [cmd for cmd in children.values() if cmd[0].startswith("nginx: master")]
        assert len(masters) == 1
        private = Path(re.search(r"-p (\S+)", masters[0][0])[1])
        assert private.is_dir()

        # nginx passes the visitor's address on the websocket too: with no account yet the
        # app opens only on the server itself, never through the proxy.
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        contexts.append(context)
        page = context.new_page()
        page.goto(url)
        expect(page.get_by_text(LOCAL_ONLY)).to_be_visible(timeout=60_000)
        # and the Host it was asked for: a browser on the office's name gets its websocket.
        sock, status = websocket(port, "tracker.example.org")
        sock.close()
        assert b" 101 " in status, status

        # One route cookie per worker, and the same cookie always reaches the same worker.
        route = {}
        for value in (f"browser-{n}" for n in range(64)):
            route.setdefault(worker_for(value, port, worker_ports), value)
            if len(route) == 2:
                break
        assert sorted(route) == worker_ports
        for worker_port, value in route.items():
            assert worker_for(value, port, worker_ports) == worker_port

        cookie = signed_in(db, "tk.analyst", "analyst")
        for worker_port, value in sorted(route.items()):
            before = held_connections(worker_port)
            context = browser.new_context(viewport={"width": 1920, "height": 1080})
            contexts.append(context)
            context.add_cookies([
                {"name": session_cookie.COOKIE_NAME, "value": cookie, "url": url},
                {"name": ROUTE_COOKIE, "value": value, "url": url},
            ])  # fmt: skip
            page = context.new_page()
            page.goto(url)
            wait_for_rerun(page, timeout=90_000)
            expect(page.get_by_text(TITLE).first).to_be_visible(timeout=30_000)
            card = page.locator("[data-testid=stMetric]").filter(has_text="Tổng số nhiệm vụ")
            # the demo's 34 assigned tasks (tests/test_demo.py)
            expect(card.locator("[data-testid=stMetricValue]").first).to_have_text(
                re.compile(r"^\s*34\s*$"), timeout=30_000
            )
            expect(page.locator(".js-plotly-plot")).to_have_count(4, timeout=30_000)
            screenshot(page, f"serve-worker-{sorted(route).index(worker_port) + 1}")
            assert held_connections(worker_port) > before  # this page's websocket is there

        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=30) == 0
    finally:  # a failed test still stops serve the way that lets it clean up
        if process.poll() is None:
            process.terminate()
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        for context in contexts:
            context.close()
    assert all(gone(pid) for pid in children), children
    for free in (port, *worker_ports):
        assert workers.port_is_free(free), free
    assert not private.exists()
