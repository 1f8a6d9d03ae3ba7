"""Shared fixtures: databases in a temporary folder, never the real default file."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from analytics.demo import create_demo_store, load_demo  # noqa: E402
from analytics.store import connection  # noqa: E402
from analytics.store.schema import prepare  # noqa: E402
from tests import postgres_server  # noqa: E402

ENGINES = ("duckdb", "postgresql")


@pytest.fixture(autouse=True)
def _no_default_database(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Point TRACKER_DB at a temporary file so no test touches data/tracker.duckdb, and the
    configuration folder (a PostgreSQL store's cookie key) at a temporary one."""
    monkeypatch.setenv("TRACKER_DB", str(tmp_path / "default.duckdb"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    # A PostgreSQL write that names its tables fails if it changed any other (a check the
    # app does not pay for).
    monkeypatch.setenv("TRACKER_CHECK_WRITES", "1")


@pytest.fixture(autouse=True)
def _close_stores() -> Iterator[None]:
    """After each test: check that what a PostgreSQL store's process holds is what the
    server holds (every write reached it), then close the stores the test opened."""
    yield
    try:
        for store in list(connection._stores.values()):
            if isinstance(store, connection.PostgresStore):
                postgres_server.check_copy_matches(store)
    finally:
        connection.forget_stores()


@pytest.fixture(scope="session")
def postgres() -> Iterator[postgres_server.Server]:
    """A PostgreSQL server for the run (see tests/postgres_server.py)."""
    server = postgres_server.start()
    if server is None:
        if os.environ.get(postgres_server.REQUIRE_VAR) == "1":
            pytest.fail("PostgreSQL server not available (REQUIRE_POSTGRES=1)")
        pytest.skip("PostgreSQL server not installed")
    yield server
    connection.forget_stores()
    server.stop()


@pytest.fixture(scope="session")
def postgres_demo(postgres: postgres_server.Server) -> str:
    """The name of a database holding the demo (what ``init --demo`` makes), copied by
    each test that needs one."""
    url = postgres.create_database()
    create_demo_store(url)
    connection.forget_stores()  # a template must have no connection
    return url.rsplit("/", 1)[1]


@pytest.fixture(params=ENGINES)
def engine(request: pytest.FixtureRequest) -> str:
    """Run the test on a DuckDB file and on PostgreSQL."""
    return request.param


@pytest.fixture
def demo_store(engine: str, request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """Where a private store holding the demo is, on the test's engine: a file path or a
    PostgreSQL URL."""
    if engine == "duckdb":
        return str(copy_demo(request.getfixturevalue("demo_db"), tmp_path / "demo-store.duckdb"))
    server = request.getfixturevalue("postgres")
    return server.create_database(template=request.getfixturevalue("postgres_demo"))


@pytest.fixture
def empty_store(engine: str, request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """Where a new store with the schema and no task is, on the test's engine."""
    where = (
        str(tmp_path / "empty-store.duckdb")
        if engine == "duckdb"
        else request.getfixturevalue("postgres").create_database()
    )
    with connection.open_db(where, create=True):
        pass
    return where


@pytest.fixture
def store_con(engine: str, request: pytest.FixtureRequest) -> Iterator[duckdb.DuckDBPyConnection]:
    """A connection to a new store with the schema and no task, on each engine: an
    in-memory DuckDB database, and PostgreSQL (writes through ``transaction`` reach it)."""
    if engine == "duckdb":
        con = duckdb.connect()
        prepare(con)
        yield con
        con.close()
        return
    url = request.getfixturevalue("postgres").create_database()
    with connection.open_db(url, create=True) as con:
        yield con


@pytest.fixture
def empty_con() -> Iterator[duckdb.DuckDBPyConnection]:
    """An in-memory database with the schema and reference data, no tasks."""
    con = duckdb.connect()
    prepare(con)
    yield con
    con.close()


@pytest.fixture(scope="session")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A database file holding the demo data (shared, read-only use)."""
    path = tmp_path_factory.mktemp("demo") / "demo.duckdb"
    con = duckdb.connect(str(path))
    prepare(con)
    load_demo(con)
    con.close()
    return path


def copy_demo(demo_db: Path, path: Path) -> Path:
    """A private copy of the demo database at ``path`` (what ``init --demo`` makes there)."""
    import shutil

    shutil.copyfile(demo_db, path)
    return path


@pytest.fixture
def demo_con(demo_db: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    con = duckdb.connect(str(demo_db))
    yield con
    con.close()


def run_cli_env(tmp_path: Path) -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(ROOT)
    env["TRACKER_DB"] = str(tmp_path / "cli-default.duckdb")
    return env


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """One headless Chromium for every browser test of the run (tests/e2e, tests/report):
    Playwright's sync API allows one running instance per process."""
    import shutil

    from tests.e2e.conftest import CHROMIUM, CHROMIUM_ARGS

    if not Path(CHROMIUM).exists() or shutil.which(CHROMIUM) is None:
        if os.environ.get("REQUIRE_BROWSER") == "1":
            pytest.fail(f"Chromium not found at {CHROMIUM} (REQUIRE_BROWSER=1)")
        pytest.skip("Chromium not installed")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        launched = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield launched
        launched.close()
