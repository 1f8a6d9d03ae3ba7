"""Fixtures of the import tests: small databases holding the demo tasks."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest

from analytics.demo import load_demo
from analytics.store.schema import prepare


@pytest.fixture
def demo() -> Iterator[duckdb.DuckDBPyConnection]:
    """An in-memory database with the demo tasks and reports (fresh for each test)."""
    con = duckdb.connect()
    prepare(con)
    load_demo(con)
    yield con
    con.close()


@pytest.fixture
def demo_file(demo_db: Path, tmp_path: Path) -> Path:
    """A copy of the demo database file that a test may write to."""
    path = tmp_path / "demo.duckdb"
    shutil.copy(demo_db, path)
    return path
