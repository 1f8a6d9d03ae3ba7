"""Fixtures of the import tests: small databases holding the demo tasks."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest

from analytics.demo import load_demo
from analytics.store.connection import open_db
from analytics.store.schema import prepare
from tests.conftest import ENGINES


@pytest.fixture(params=ENGINES)
def demo(request: pytest.FixtureRequest) -> Iterator[duckdb.DuckDBPyConnection]:
    """A connection to a store with the demo tasks and reports (fresh for each test), on
    each engine: an in-memory DuckDB database, and PostgreSQL (a connection to the
    process's copy of it; every write goes through to the server)."""
    if request.param == "duckdb":
        con = duckdb.connect()
        prepare(con)
        load_demo(con)
        yield con
        con.close()
        return
    server = request.getfixturevalue("postgres")
    url = server.create_database(template=request.getfixturevalue("postgres_demo"))
    with open_db(url) as con:
        yield con


@pytest.fixture
def demo_file(demo_db: Path, tmp_path: Path) -> Path:
    """A copy of the demo database file that a test may write to."""
    path = tmp_path / "demo.duckdb"
    shutil.copy(demo_db, path)
    return path
