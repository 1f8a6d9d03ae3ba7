"""Fixtures of the page tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import copy_demo


@pytest.fixture
def demo_file(demo_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A private copy of the demo database, the one the app under test reads."""
    path = copy_demo(demo_db, tmp_path / "demo.duckdb")
    monkeypatch.setenv("TRACKER_DB", str(path))
    return path
