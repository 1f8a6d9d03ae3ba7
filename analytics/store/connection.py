"""The store: where it lives, how it is opened, and its transactions.

``--db`` and ``TRACKER_DB`` name a DuckDB file (:class:`FileStore`, the default
``data/tracker.duckdb``) or a PostgreSQL database (``postgresql://...``,
:class:`~analytics.store.postgres.PostgresStore`). :func:`open_store` gives one store object
per place in a process; :func:`open_db` a connection for one operation, on which every
statement of ``analytics/store/`` runs the same on both engines; :func:`transaction` one
all-or-nothing write.

A file is opened for one operation and closed after it, so the app, the CLI and the
Python API can take turns on it (DuckDB lets one process at a time write a file). When
another process holds it, opening waits up to ``WAIT_SECONDS`` (or
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

from analytics.store.address import is_url
from analytics.store.errors import DatabaseBusy, StoreMissing, StoreUnavailable, WriteConflict
from analytics.store.postgres import PostgresStore, owner_of

__all__ = [
    "Connection",
    "Database",
    "DatabaseBusy",
    "FileStore",
    "PostgresStore",
    "StoreMissing",
    "StoreUnavailable",
    "WriteConflict",
    "open_db",
    "open_db_afresh",
    "open_store",
    "require_store",
    "resolve_db",
    "transaction",
    "use_connection",
]  # fmt: skip

# What every statement of analytics/store/ runs on: the file's connection, or one to the
# in-memory copy of a PostgreSQL store (see analytics/store/postgres.py).
Connection = duckdb.DuckDBPyConnection

PROJECT_ROOT = Path(__file__).resolve().parents[2]
DEFAULT_DB = PROJECT_ROOT / "data" / "tracker.duckdb"
ENV_VAR = "TRACKER_DB"
WAIT_SECONDS = 10.0  # the default; TRACKER_WAIT_SECONDS sets another
WAIT_ENV_VAR = "TRACKER_WAIT_SECONDS"

# One creator/migrator at a time inside this process (several Streamlit sessions).
_prepare_lock = threading.Lock()


def resolve_db(db: str | os.PathLike[str] | None = None) -> Path | str:
    """Where the store is: an explicit path or ``postgresql://`` URL, else ``TRACKER_DB``,
    else ``data/tracker.duckdb``. A URL stays text; a path is made absolute."""
    given = str(db).strip() if db is not None else ""
    if not given:
        given = os.environ.get(ENV_VAR, "").strip()
    if not given:
        return DEFAULT_DB
    if is_url(given):
        return given
    return Path(given).expanduser().resolve()


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


def file_stamp(path: Path) -> tuple[int, ...]:
    """Size and modification time of the file and its write-ahead log."""
    stamp: list[int] = []
    for part in (path, path.with_name(path.name + ".wal")):
        try:
            info = part.stat()
            stamp += [info.st_size, info.st_mtime_ns]
        except FileNotFoundError:
            stamp += [0, 0]
    return tuple(stamp)


class FileStore:
    """The store in a DuckDB file, opened for each operation and closed after it."""

    engine = "duckdb"

    def __init__(self, path: Path) -> None:
        self.path = path
        self.name = str(path)
        self._prepared = False
        self._versions: dict[tuple[int, ...], int] = {}
        self._import_lock = threading.Lock()

    def __repr__(self) -> str:
        return f"FileStore({self.name!r})"

    def exists(self) -> bool:
        return self.path.exists()

    def _create(self, wait_seconds: float | None) -> duckdb.DuckDBPyConnection:
        """A new file with the schema and reference data, owner-only (0600) in folders
        created owner-only (0700)."""
        from analytics.store.schema import prepare  # late import: schema imports this module

        _make_folders(self.path.parent)
        old_mask = os.umask(0o077)  # the file and log DuckDB makes now: never readable by others
        try:
            con = connect_with_wait(self.path, wait_seconds)
            try:
                prepare(con)
            except BaseException:
                con.close()
                raise
        finally:
            os.umask(old_mask)
        _owner_only(self.path)
        self._prepared = True
        return con

    @contextmanager
    def connect(
        self, *, create: bool = False, wait_seconds: float | None = None
    ) -> Iterator[duckdb.DuckDBPyConnection]:
        """Open the file for one operation, migrating an older file first; a missing file
        raises :class:`StoreMissing` unless ``create``."""
        from analytics.store.schema import prepare  # late import: schema imports this module

        with _prepare_lock:
            if not self.path.exists():
                if not create:
                    raise StoreMissing(self.path)
                con = self._create(wait_seconds)
            else:
                con = connect_with_wait(self.path, wait_seconds)
                try:
                    if not self._prepared:
                        prepare(con)
                        self._prepared = True
                except BaseException:
                    con.close()
                    raise
        try:
            yield con
        finally:
            con.close()

    def data_version(self) -> int:
        """The data version; the file is opened only when its size or time changed."""
        from analytics.store.schema import data_version

        stamp = file_stamp(self.path)
        if stamp not in self._versions:
            with self.connect() as con:
                version = data_version(con)
            self._versions = {file_stamp(self.path): version}
            return version
        return self._versions[stamp]

    def exclusive(self) -> threading.Lock:
        """Imports and undos of this store take turns inside the process."""
        return self._import_lock

    def stamp(self) -> tuple[int, ...]:
        """A key that changes with any write (accounts too), read without opening the file."""
        return file_stamp(self.path)


Store = FileStore | PostgresStore
Database = str | os.PathLike[str] | FileStore | PostgresStore | duckdb.DuckDBPyConnection | None

_stores_lock = threading.Lock()
_stores: dict[str, Store] = {}


def open_store(db: str | os.PathLike[str] | Store | None = None) -> Store:
    """The store ``db`` names (a path, a ``postgresql://`` URL, or a store already open);
    one object per store in a process, so the PostgreSQL copy and pool are shared."""
    if isinstance(db, (FileStore, PostgresStore)):
        return db
    where = resolve_db(db)
    key = str(where)
    with _stores_lock:
        store = _stores.get(key)
        if store is None:
            store = (
                PostgresStore(where, default_wait()) if isinstance(where, str) else FileStore(where)
            )
            _stores[key] = store
        return store


def forget_stores() -> None:
    """Close every PostgreSQL store this process opened (tests, a server shutting down)."""
    with _stores_lock:
        for store in _stores.values():
            if isinstance(store, PostgresStore):
                store.close()
        _stores.clear()


def require_store(db: str | os.PathLike[str] | None = None) -> Store:
    """The store, or :class:`StoreMissing` when there is none (checked before long work
    such as reading a file to import)."""
    store = open_store(db)
    if not store.exists():
        raise StoreMissing(store.name)
    return store


@contextmanager
def open_db(
    db: str | os.PathLike[str] | Store | None = None,
    *,
    create: bool = False,
    wait_seconds: float | None = None,
) -> Iterator[duckdb.DuckDBPyConnection]:
    """A connection to the store for one operation, closed on exit.

    A missing store raises :class:`StoreMissing` unless ``create`` is true (``init``, the
    app's first start): then it is made with the schema and the reference data, no task.
    """
    store = open_store(db)
    if isinstance(store, FileStore):
        with store.connect(create=create, wait_seconds=wait_seconds) as con:
            yield con
    else:
        with store.connect(create=create) as con:
            yield con


@contextmanager
def open_db_afresh(db: str | os.PathLike[str] | Store) -> Iterator[duckdb.DuckDBPyConnection]:
    """A connection to the store as it lies where it lives, for checking what was written:
    a PostgreSQL store is read whole from the server into a new copy, not this process's
    (which may hold what it wrote itself); a file is opened as usual."""
    store = open_store(db)
    if isinstance(store, FileStore):
        with store.connect() as con:
            yield con
        return
    fresh = PostgresStore(store.name, store.wait_seconds)
    try:
        with fresh.connect() as con:
            yield con
    finally:
        fresh.close()


@contextmanager
def use_connection(db: Database) -> Iterator[duckdb.DuckDBPyConnection]:
    """Accept a store or where it is (opened and closed here; it must exist, see
    :func:`open_db`) or a connection the caller owns."""
    if isinstance(db, duckdb.DuckDBPyConnection):
        if _owner(db) is None:
            from analytics.store.schema import prepare

            prepare(db)
        yield db
        return
    with open_db(db) as con:
        yield con


def _owner(con: duckdb.DuckDBPyConnection) -> PostgresStore | None:
    return owner_of(con)


def store_of(db: Database) -> Store | None:
    """The store behind ``db`` (None for a connection to a DuckDB database the caller made)."""
    if isinstance(db, duckdb.DuckDBPyConnection):
        owner = _owner(db)
        if owner is not None:
            return owner
        path = database_file(db)
        return open_store(path) if path is not None else None
    return open_store(db)


@contextmanager
def transaction(
    con: duckdb.DuckDBPyConnection, *, strict: bool = False, tables: tuple[str, ...] = ()
) -> Iterator[None]:
    """One transaction: all of the body's writes or none.

    On a PostgreSQL store the body runs on the in-memory copy and what it changed is then
    written to PostgreSQL (``tables``: the tables the body may change, all when empty).
    ``strict``: raise :class:`WriteConflict` when another process wrote since ``con`` was
    opened (the caller's reads are stale; it retries).
    """
    owner = _owner(con)
    if owner is not None:
        named = tuple(dict.fromkeys(tables))  # each table once, in the order given
        with owner.transaction(con, strict=strict, tables=named or None):
            yield
        return
    con.execute("BEGIN TRANSACTION")
    try:
        yield
    except BaseException:
        con.execute("ROLLBACK")
        raise
    try:
        con.execute("COMMIT")
    except duckdb.TransactionException as error:
        raise WriteConflict(str(error)) from None
