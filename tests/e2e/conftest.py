"""Browser tests: the app served by `streamlit run` on a free port, driven by Chromium.

Uses Debian's Chromium (/usr/bin/chromium) through the playwright package; no
browser is downloaded. Without Chromium the tests skip, unless REQUIRE_BROWSER=1
(set by CI), where a missing browser is a failure.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from analytics.demo import create_demo_store
from tests.conftest import ROOT

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
    "--no-first-run",
]
OUTPUT = ROOT / "test-output" / "screenshots"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class App:
    url: str
    db: Path | str
    process: subprocess.Popen[bytes]


def start_app(db: Path | str, log: Path, script: str = "app.py") -> App:
    """Serve ``script`` (app.py, or asgi.py: the app with its HTTP guards) on ``db`` (a file
    or a PostgreSQL URL) on a free port; a missing file is first made with the demo, as
    ``python -m analytics init --demo`` does (the app itself makes only its default file)."""
    if isinstance(db, Path) and not db.exists():
        create_demo_store(db)
    port = _free_port()
    env = dict(os.environ, TRACKER_DB=str(db), PYTHONPATH=str(ROOT))
    process = subprocess.Popen(
        [
            sys.executable, "-m", "streamlit", "run", str(ROOT / script),
            "--server.headless", "true", "--server.port", str(port),
            "--server.address", "127.0.0.1", "--browser.gatherUsageStats", "false",
            "--server.fileWatcherType", "none",
        ],
        cwd=ROOT, env=env, stdout=log.open("wb"), stderr=subprocess.STDOUT,
    )  # fmt: skip
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                if response.read().decode() == "ok":
                    return App(url, db, process)
        except OSError:
            time.sleep(0.3)
        if process.poll() is not None:
            break
    process.kill()
    raise RuntimeError(f"streamlit did not start; see {log}")


@pytest.fixture(scope="module")
def app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[App]:
    folder = tmp_path_factory.mktemp("e2e")
    served = start_app(folder / "app.duckdb", folder / "streamlit.log")
    yield served
    stop_app(served)


def stop_app(served: App) -> None:
    """Stop a server started by :func:`start_app` (killed if it does not stop in 10 s)."""
    served.process.terminate()
    try:
        served.process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        served.process.kill()


IDLE = "[data-testid=stApp][data-test-script-state=notRunning]"


def wait_for_rerun(page: object, timeout: float = 30_000) -> None:
    """Wait until Streamlit has finished running the script, and stays finished for a
    moment (a run can start right after another, e.g. when the first changed the URL)."""
    page.wait_for_selector(
        "[data-testid=stMain] [data-testid=stHeading], "
        "[data-testid=stMain] [data-testid=stMarkdown]",
        timeout=timeout,
    )
    for _ in range(5):
        page.wait_for_selector(IDLE, timeout=timeout)
        page.wait_for_timeout(300)
        if page.locator(IDLE).count() == 1:
            return


def screenshot(page: object, name: str) -> Path:
    OUTPUT.mkdir(parents=True, exist_ok=True)
    path = OUTPUT / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path
