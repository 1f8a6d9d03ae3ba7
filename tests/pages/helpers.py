"""Running the app's pages under AppTest against a chosen database file."""

from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

from tests.conftest import ROOT

PAGES = ("pages/overview.py", "pages/analysis.py", "pages/tasks.py", "pages/method.py")


def open_page(page: str, state: dict | None = None, query: dict | None = None) -> AppTest:
    """The app run once, then switched to ``page``, with widget state and URL parameters set."""
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=90)
    for key, value in (state or {}).items():
        at.session_state[key] = value
    for key, value in (query or {}).items():
        at.query_params[key] = value
    at.run()
    if page != "pages/overview.py":
        at.switch_page(page).run()
    return at


def metrics(at: AppTest) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def empty_database(path: Path) -> Path:
    from analytics.store.connection import open_db

    with open_db(path, create=True):
        pass
    return path
