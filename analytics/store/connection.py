"""Where the database lives and how it is opened.

The file is opened for one operation and closed after it, so the app, the CLI and
the Python API can take turns on it (DuckDB lets one process at a time write a
file). When another process holds it, opening waits up to ``WAIT_SECONDS`` (or
``TRACKER_WAIT_SECONDS``) and then raises :class:`DatabaseBusy`; it never hangs.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb

PROJECT_ROOT = Path(__file__).resolve().parents[2]
DEFAULT_DB = PROJECT_ROOT / "data" / "tracker.duckdb"
ENV_VAR = "TRACKER_DB"
WAIT_SECONDS = 10.0  # the default; TRACKER_WAIT_SECONDS sets another
WAIT_ENV_VAR = "TRACKER_WAIT_SECONDS"

# One creator/migrator at a time inside this process (several Streamlit sessions).
_prepare_lock = threading.Lock()
_prepared: set[Path] = set()


class DatabaseBusy(RuntimeError):
    """Another process keeps the database file locked."""

    def __init__(self, path: Path, waited: float) -> None:
        super().__init__(
            f"Cơ sở dữ liệu {path} đang được một tiến trình khác sử dụng "
            f"(đã chờ {waited:.0f} giây); hãy thử lại sau. "
            f"(The database is in use by another process.)"
        )
        self.path = path


def resolve_db_path(db: str | os.PathLike[str] | None = None) -> Path:
    """The database path: an explicit one, else ``TRACKER_DB``, else ``data/tracker.duckdb``."""
    if db is not None and str(db) != "":
        return Path(db).expanduser().resolve()
    env = os.environ.get(ENV_VAR, "").strip()
    if env:
        return Path(env).expanduser().resolve()
    return DEFAULT_DB


def database_file(con: duckdb.DuckDBPyConnection) -> Path | None:
    """The file behind ``con``, or None for an in-memory database."""
    con.complete()  # a result left half-read would block the query
    row = con.execute(
        "SELECT path FROM duckdb_databases() WHERE database_name = current_database()"
    ).fetchone()
    return Path(row[0]).resolve() if row and row[0] else None


def _is_lock_error(error: duckdb.Error) -> bool:
    text = str(error)
    return "Could not set lock" in text or "Conflicting lock" in text


def default_wait() -> float:
    """How long to wait for a file another process holds: ``TRACKER_WAIT_SECONDS`` when it
    is a number of seconds (0 to 3600), else :data:`WAIT_SECONDS`."""
    try:
        seconds = float(os.environ.get(WAIT_ENV_VAR, ""))
    except ValueError:
        return WAIT_SECONDS
    return seconds if 0 <= seconds <= 3600 else WAIT_SECONDS


def connect_with_wait(path: Path, wait_seconds: float | None = None) -> duckdb.DuckDBPyConnection:
    """Open ``path`` for reading and writing, retrying while another process holds it."""
    wait_seconds = default_wait() if wait_seconds is None else wait_seconds
    started = time.monotonic()
    delay = 0.02
    while True:
        try:
            return duckdb.connect(str(path))
        except duckdb.IOException as error:
            if not _is_lock_error(error):
                raise
            waited = time.monotonic() - started
            if waited >= wait_seconds:
                raise DatabaseBusy(path, waited) from None
            time.sleep(min(delay, max(0.0, wait_seconds - waited)))
            delay = min(delay * 2, 0.5)


@contextmanager
def open_db(
    db: str | os.PathLike[str] | None = None,
    *,
    demo_if_missing: bool = True,
    wait_seconds: float | None = None,
) -> Iterator[duckdb.DuckDBPyConnection]:
    """Open the database for one operation, creating or migrating it first.

    A missing file is created with the schema, the reference data and (unless
    ``demo_if_missing`` is false) the demo data. The connection is closed on exit.
    """
    from analytics.store.schema import prepare  # late import: schema imports this module

    path = resolve_db_path(db)
    with _prepare_lock:
        created = not path.exists()
        if created:
            path.parent.mkdir(parents=True, exist_ok=True)
        con = connect_with_wait(path, wait_seconds)
        try:
            if created or path not in _prepared:
                prepare(con, with_demo=created and demo_if_missing)
                _prepared.add(path)
        except BaseException:
            con.close()
            raise
    try:
        yield con
    finally:
        con.close()


@contextmanager
def use_connection(
    db: str | os.PathLike[str] | duckdb.DuckDBPyConnection | None,
) -> Iterator[duckdb.DuckDBPyConnection]:
    """Accept a path (opened and closed here) or a connection the caller owns."""
    if isinstance(db, duckdb.DuckDBPyConnection):
        from analytics.store.schema import prepare

        prepare(db, with_demo=False)
        yield db
        return
    with open_db(db) as con:
        yield con


@contextmanager
def transaction(con: duckdb.DuckDBPyConnection) -> Iterator[None]:
    """``BEGIN`` … ``COMMIT``; any failure rolls everything back."""
    con.execute("BEGIN TRANSACTION")
    try:
        yield
    except BaseException:
        con.execute("ROLLBACK")
        raise
    con.execute("COMMIT")
