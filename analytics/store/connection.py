"""Where the database lives and how it is opened.

The file is opened for one operation and closed after it, so the app, the CLI and
the Python API can take turns on it (DuckDB lets one process at a time write a
file). When another process holds it, opening waits up to ``WAIT_SECONDS`` (or
``TRACKER_WAIT_SECONDS``) and then raises :class:`DatabaseBusy`; it never hangs.

Only ``init`` and the app's first start on the default file make a store (CONTRACT.md
section 1): opening a missing file raises :class:`StoreMissing` unless asked to create it,
so a mistyped ``--db`` or ``TRACKER_DB`` never becomes a new, empty store.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
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
            con = duckdb.connect(str(path))
        except duckdb.IOException as error:
            if not _is_lock_error(error):
                raise
            waited = time.monotonic() - started
            if waited >= wait_seconds:
                raise DatabaseBusy(path, waited) from None
            time.sleep(min(delay, max(0.0, wait_seconds - waited)))
            delay = min(delay * 2, 0.5)
            continue
        # DuckDB draws a progress bar on stdout for a query that runs over two seconds
        # (a large import on a busy machine): stdout carries one JSON object only.
        con.execute("SET enable_progress_bar = false")
        return con


class StoreMissing(FileNotFoundError):
    """The database file does not exist; only ``init`` (or the app's first start on the
    default file) creates one."""

    def __init__(self, path: Path) -> None:
        super().__init__(
            f"Không có cơ sở dữ liệu {path}; hãy tạo bằng: python -m analytics init --db {path} "
            f"(no database at this path; create it with init)"
        )
        self.path = path


def require_store(db: str | os.PathLike[str] | None = None) -> Path:
    """The store's path; :class:`StoreMissing` when there is no file there (checked before
    long work such as reading a file to import)."""
    path = resolve_db_path(db)
    if not path.exists():
        raise StoreMissing(path)
    return path


def _make_folders(folder: Path) -> None:
    """Create ``folder`` and any missing parent owner-only (0700); existing ones stay as
    they are."""
    missing = []
    while not folder.exists():
        missing.append(folder)
        folder = folder.parent
    for part in reversed(missing):
        part.mkdir(mode=0o700)
        os.chmod(part, 0o700)  # whatever the umask


def _owner_only(path: Path) -> None:
    """The file and its write-ahead log (if there is one now) readable by the owner only."""
    for part in (path, path.with_name(path.name + ".wal")):
        with suppress(FileNotFoundError):
            os.chmod(part, 0o600)


def _create(path: Path, wait_seconds: float | None) -> duckdb.DuckDBPyConnection:
    """A new file at ``path`` with the schema and reference data, owner-only (0600) in
    folders created owner-only (0700)."""
    from analytics.store.schema import prepare  # late import: schema imports this module

    _make_folders(path.parent)
    old_mask = os.umask(0o077)  # the file and log DuckDB makes now: never readable by others
    try:
        con = connect_with_wait(path, wait_seconds)
        try:
            prepare(con)
        except BaseException:
            con.close()
            raise
    finally:
        os.umask(old_mask)
    _owner_only(path)
    _prepared.add(path)
    return con


@contextmanager
def open_db(
    db: str | os.PathLike[str] | None = None,
    *,
    create: bool = False,
    wait_seconds: float | None = None,
) -> Iterator[duckdb.DuckDBPyConnection]:
    """Open the database for one operation, migrating an older file first.

    A missing file raises :class:`StoreMissing` unless ``create`` is true (``init``, the
    app's first start): then it is made with the schema and the reference data, no task.
    The connection is closed on exit.
    """
    from analytics.store.schema import prepare  # late import: schema imports this module

    path = resolve_db_path(db)
    with _prepare_lock:
        if not path.exists():
            if not create:
                raise StoreMissing(path)
            con = _create(path, wait_seconds)
        else:
            con = connect_with_wait(path, wait_seconds)
            try:
                if path not in _prepared:
                    prepare(con)
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
    """Accept a path (opened and closed here; it must exist, see :func:`open_db`) or a
    connection the caller owns."""
    if isinstance(db, duckdb.DuckDBPyConnection):
        from analytics.store.schema import prepare

        prepare(db)
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
