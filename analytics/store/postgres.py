"""A store kept in PostgreSQL, worked on through an in-memory DuckDB copy of it.

PostgreSQL holds the data of record; every process keeps a *mirror* of it in an in-memory
DuckDB database, and every statement of ``analytics/store/`` runs on that mirror, so the
figures, the import's rules and the undo are the same code, and give the same numbers, on
both engines. The mirror is kept current per table:

- PostgreSQL keeps a version per table (``store_versions``). Before each operation the
  process reads them (one small query) and reloads only the tables that another process
  changed since, in one consistent snapshot.
- A write runs on the mirror inside a transaction; on success the rows it changed (found
  by comparing a hash of every row before and after) are written to PostgreSQL in one
  PostgreSQL transaction, under an advisory lock that every writer takes, with the
  versions of the changed tables raised. Only then is the mirror's transaction committed.
  Any failure rolls both back: nothing is half-written anywhere.
- Writers take turns through the advisory lock, from any number of processes and
  machines. A write whose reads were made before another process's write (an import
  validated against rows that changed since) raises :class:`WriteConflict` when it asked
  to be strict, and is retried by its caller against the new rows.

The password is never in the URL (CONTRACT.md section 1): libpq reads ``PGPASSWORD`` or
``~/.pgpass``.
"""

from __future__ import annotations

import logging
import os
import shutil
import tempfile
import threading
import time
import weakref
from collections.abc import Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import duckdb
import psycopg
from psycopg import sql
from psycopg_pool import ConnectionPool

from analytics.store import catalogue
from analytics.store.catalogue import LOGICAL_KEYS, SEQUENCES, quoted
from analytics.store.errors import (
    BadStoreAddress,
    DatabaseBusy,
    StoreMissing,
    StoreUnavailable,
    WriteConflict,
)

VERSIONS_TABLE = "store_versions"  # engine bookkeeping; not part of the store's data
VERSION_COLUMN = "store_version"  # on PostgreSQL only: the table version that wrote a row
SCHEMA_KEY = ""  # the versions' entry for the schema version
WRITE_LOCK_KEY = 7_312_026  # pg_advisory_xact_lock: one writer at a time, any process


log = logging.getLogger("tracker.store")


def _since(started: float) -> float:
    return time.perf_counter() - started


# The store each open connection to a copy belongs to (its writes go to that server).
_OWNERS: dict[int, PostgresStore] = {}


def owner_of(con: object) -> PostgresStore | None:
    """The PostgreSQL store ``con`` is a connection to the copy of, or None."""
    return _OWNERS.get(id(con))


def check_url(url: str) -> str:
    """The URL as given, refused when it carries a password (a process list would show it)."""
    url = url.strip()
    parts = urlsplit(url)
    if parts.password is not None:
        raise BadStoreAddress(
            "Địa chỉ PostgreSQL không được chứa mật khẩu; hãy đặt PGPASSWORD hoặc ~/.pgpass. "
            "(The PostgreSQL URL must not carry a password: use PGPASSWORD or ~/.pgpass.)"
        )
    if not parts.path.strip("/"):
        raise BadStoreAddress(
            f"Địa chỉ {url} thiếu tên cơ sở dữ liệu (postgresql://USER@HOST:PORT/DBNAME). "
            "(The URL names no database.)"
        )
    return url


def _ident(*names: str) -> sql.Composable:
    return sql.SQL(", ").join(sql.Identifier(name) for name in names)


class PgAdapter:
    """A PostgreSQL connection that takes the schema's statements as written for DuckDB
    (``?`` parameters), for the migrations and the reference data."""

    def __init__(self, pg: psycopg.Connection) -> None:
        self.pg = pg

    @staticmethod
    def _text(statement: str) -> str:
        return statement.replace("%", "%%").replace("?", "%s")

    def execute(self, statement: str, params: Sequence | None = None) -> psycopg.Cursor:
        return self.pg.execute(self._text(statement), params)  # type: ignore[arg-type]

    def executemany(self, statement: str, rows: Sequence[Sequence]) -> None:
        with self.pg.cursor() as cursor:
            cursor.executemany(self._text(statement), rows)  # type: ignore[arg-type]


@dataclass
class _View:
    """What a connection's reads were made on: the table versions at its opening."""

    versions: dict[str, int]


class PostgresStore:
    """The store in a PostgreSQL database (one object per URL in a process)."""

    engine = "postgresql"

    def __init__(self, url: str, wait_seconds: float = 10.0) -> None:
        self.name = check_url(url)
        self.wait_seconds = wait_seconds
        self._pool: ConnectionPool | None = None
        self._mirror: duckdb.DuckDBPyConnection | None = None
        self._versions: dict[str, int] = {}
        self._lock = threading.RLock()  # one mirror change (load or write) at a time
        self._views: dict[int, _View] = {}
        self._import_lock = threading.RLock()
        self._folder = Path(tempfile.mkdtemp(prefix="tracker-pg-"))  # 0700, for COPY files
        # removed when the store is closed, collected, or the process ends
        self._remove_folder = weakref.finalize(self, shutil.rmtree, self._folder, True)

    def __repr__(self) -> str:
        return f"PostgresStore({self.name!r})"

    # -- connecting ---------------------------------------------------------------------
    def _connect_pool(self) -> ConnectionPool:
        if self._pool is None:
            try:  # one direct try first: a wrong address fails at once, with its reason
                psycopg.connect(self.name, connect_timeout=max(1, int(self.wait_seconds))).close()
            except psycopg.Error as error:
                raise StoreUnavailable(self.name, _reason(error)) from None
            pool = ConnectionPool(
                self.name, min_size=1, max_size=8, open=False, timeout=self.wait_seconds,
                kwargs={"autocommit": True, "connect_timeout": max(1, int(self.wait_seconds))},
                check=ConnectionPool.check_connection,  # a server restarted: a new connection
                name="tracker",
            )  # fmt: skip
            try:
                pool.open(wait=True, timeout=self.wait_seconds)
            except Exception as error:
                pool.close()
                raise StoreUnavailable(self.name, _reason(error)) from None
            self._pool = pool
        return self._pool

    @contextmanager
    def _pg(self) -> Iterator[psycopg.Connection]:
        pool = self._connect_pool()
        try:
            with pool.connection() as pg:
                yield pg
        except psycopg.OperationalError as error:
            raise StoreUnavailable(self.name, _reason(error)) from None

    def _take_write_lock(self, pg: psycopg.Connection) -> None:
        """The writers' lock, inside the open transaction: waited for up to the store's
        wait, then :class:`DatabaseBusy` (as a file another process holds)."""
        pg.execute(
            "SELECT set_config('lock_timeout', %s, true)", [f"{int(self.wait_seconds * 1000)}ms"]
        )
        try:
            pg.execute("SELECT pg_advisory_xact_lock(%s)", [WRITE_LOCK_KEY])
        except psycopg.errors.LockNotAvailable:
            raise DatabaseBusy(self.name, self.wait_seconds) from None

    def close(self) -> None:
        with self._lock:
            if self._pool is not None:
                self._pool.close()
                self._pool = None
            if self._mirror is not None:
                self._mirror.close()
                self._mirror = None
            self._versions = {}
        self._remove_folder()

    # -- the schema ---------------------------------------------------------------------
    def exists(self) -> bool:
        with self._pg() as pg:
            return _schema_version(pg) > 0

    def prepare(self) -> None:
        """Migrate the database to the latest schema and add missing reference data (the
        same migrations as a DuckDB file), then the engine's own bookkeeping."""
        from analytics.store.schema import prepare

        with self._pg() as pg:
            with pg.transaction():
                self._take_write_lock(pg)
                before = _schema_version(pg)
                if 0 < before < _latest_schema():
                    _drop_row_versions(pg)
            prepare(PgAdapter(pg))  # each migration in its own transaction
            with pg.transaction():
                self._take_write_lock(pg)
                _bookkeeping(pg)
                if _schema_version(pg) != before:
                    _touch_all(pg)

    # -- reading ------------------------------------------------------------------------
    @contextmanager
    def connect(self, *, create: bool = False) -> Iterator[duckdb.DuckDBPyConnection]:
        """A connection to the mirror, brought up to date with PostgreSQL first."""
        with self._lock:
            with self._pg() as pg:
                versions = _read_versions(pg)
                if versions.get(SCHEMA_KEY, 0) == 0:
                    if not create:
                        raise StoreMissing(self.name)
                    self.prepare()
                    versions = _read_versions(pg)
                elif versions.get(SCHEMA_KEY) != _latest_schema():
                    self.prepare()
                    versions = _read_versions(pg)
                if versions != self._versions:
                    self._refresh(pg)
            assert self._mirror is not None
            con = self._mirror.cursor()
            self._views[id(con)] = _View(dict(self._versions))
            _OWNERS[id(con)] = self
        try:
            yield con
        finally:
            _OWNERS.pop(id(con), None)
            self._views.pop(id(con), None)
            con.close()

    def data_version(self) -> int:
        """The data version (raised by every write of data), read from PostgreSQL;
        :class:`StoreMissing` for a database without the schema."""
        with self._pg() as pg:
            try:
                row = pg.execute("SELECT value FROM meta WHERE key = 'data_version'").fetchone()
            except psycopg.errors.UndefinedTable:
                raise StoreMissing(self.name) from None
        return int(row[0]) if row else 0

    def stamp(self) -> tuple[int, ...]:
        """A key that changes with any write (accounts too): the table versions."""
        with self._pg() as pg:
            versions = _read_versions(pg)
        return tuple(v for _, v in sorted(versions.items()))

    def exclusive(self) -> threading.RLock:
        """Imports and undos of this store take turns inside the process (across processes
        the advisory lock and :class:`WriteConflict` keep them apart)."""
        return self._import_lock

    def _refresh(self, pg: psycopg.Connection, *, locked: bool = False) -> None:
        """Reload the tables whose version moved, from one snapshot of PostgreSQL: a
        read-only repeatable-read transaction, or, under the writers' lock (``locked``),
        the transaction holding it (no write can happen meanwhile)."""
        if locked:
            self._reload_stale(pg)
            return
        with pg.transaction():
            pg.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
            self._reload_stale(pg)

    def _reload_stale(self, pg: psycopg.Connection) -> None:
        versions = _read_versions(pg)
        if self._mirror is None or versions.get(SCHEMA_KEY) != self._versions.get(SCHEMA_KEY):
            self._rebuild(versions[SCHEMA_KEY])
            stale = catalogue.table_names(self._mirror)
        else:
            stale = [
                name for name in catalogue.table_names(self._mirror)
                if versions.get(name, 0) != self._versions.get(name, 0)
            ]  # fmt: skip
        for name in stale:
            if self._versions.get(name, 0) == 0:
                self._load(pg, name)
            else:
                self._load_changes(pg, name, self._versions[name])
        self._versions = versions

    def _rebuild(self, schema_version: int) -> None:
        from analytics.store.schema import migrate

        if self._mirror is not None:
            self._mirror.close()
        mirror = duckdb.connect(":memory:")
        mirror.execute("SET enable_progress_bar = false")
        migrate(mirror, schema_version)
        self._mirror = mirror
        self._versions = {}

    def _load(self, pg: psycopg.Connection, table: str) -> None:
        assert self._mirror is not None
        columns = catalogue.columns(self._mirror, table)
        path = self._folder / "load.csv"
        _copy_to_file(
            pg, sql.SQL("SELECT {} FROM {}").format(_ident(*columns), sql.Identifier(table)), path
        )
        with self._loading(table, path) as con:
            con.execute(_statement("DELETE FROM {t}", t=table))
            con.execute(
                _statement("INSERT INTO {t} SELECT * FROM " + _READ_CSV, t=table),
                [str(path), columns],
            )

    def _load_changes(self, pg: psycopg.Connection, table: str, since: int) -> None:
        """Bring one table of the copy from version ``since`` to the server's: remove the
        keys removed since, then put in the rows written since (``store_version``)."""
        assert self._mirror is not None
        columns, keys = catalogue.columns(self._mirror, table), catalogue.key(self._mirror, table)
        written, removed = self._folder / "written.csv", self._folder / "removed.csv"
        since_sql = sql.SQL("SELECT {} FROM {} WHERE {} > {}")
        version = sql.Identifier(VERSION_COLUMN)
        _copy_to_file(
            pg,
            since_sql.format(_ident(*columns), sql.Identifier(table), version, sql.Literal(since)),
            written,
        )
        _copy_to_file(
            pg,
            since_sql.format(
                _ident(*keys), sql.Identifier(_removed_table(table)), version, sql.Literal(since)
            ),
            removed,
        )
        key_list = ", ".join(quoted(k) for k in keys)
        with self._loading(table, written, removed) as con:
            for source, types, alias in (
                (removed, {k: columns[k] for k in keys}, "store_out"),
                (written, columns, "store_in"),
            ):
                con.execute(
                    _statement("CREATE TEMP TABLE {a} AS SELECT * FROM " + _READ_CSV, a=alias),
                    [str(source), types],
                )
                con.execute(
                    _statement("DELETE FROM {t} WHERE ({k}) IN (SELECT ({k}) FROM {a})",
                               t=table, k=key_list, a=alias)
                )  # fmt: skip
            con.execute(_statement("INSERT INTO {t} SELECT * FROM store_in", t=table))
            con.execute("DROP TABLE store_in")
            con.execute("DROP TABLE store_out")

    @contextmanager
    def _loading(self, table: str, *files: Path) -> Iterator[duckdb.DuckDBPyConnection]:
        """One transaction on the copy that loads ``table`` from ``files``: committed with
        the table's sequences moved past what it now holds, rolled back on any failure;
        the files removed either way."""
        assert self._mirror is not None
        con = self._mirror.cursor()
        try:
            con.execute("BEGIN TRANSACTION")
            yield con
            catalogue.advance_sequences(con, [table])
            con.execute("COMMIT")
        except BaseException:
            with suppress(duckdb.Error):
                con.execute("ROLLBACK")
            raise
        finally:
            con.close()
            for file in files:
                file.unlink(missing_ok=True)

    # -- writing ------------------------------------------------------------------------
    @contextmanager
    def transaction(
        self, con: duckdb.DuckDBPyConnection, *, strict: bool = False,
        tables: Sequence[str] | None = None,
    ) -> Iterator[None]:  # fmt: skip
        """Run the body on the mirror, then write what it changed to PostgreSQL, all or
        nothing. ``tables`` names the tables the body may change (all when None)."""
        view = self._views.get(id(con))
        with self._lock, self._pg() as pg:
            with pg.transaction():
                self._take_write_lock(pg)
                if _read_versions(pg) != self._versions:
                    self._refresh(pg, locked=True)
                if view is not None and view.versions != self._versions:
                    view.versions = dict(self._versions)
                    if strict:
                        raise WriteConflict()
                assert self._mirror is not None
                names = list(tables) if tables else catalogue.table_names(self._mirror)
                if os.environ.get("TRACKER_CHECK_WRITES") and tables:
                    untouched = [n for n in catalogue.table_names(self._mirror) if n not in names]
                    fingerprints = _fingerprints(con, untouched)
                con.execute("BEGIN TRANSACTION")
                try:
                    started = time.perf_counter()
                    for name in names:
                        con.execute(_snapshot_statement(con, name))
                    log.debug("write: snapshot of %s in %.2f s", names, _since(started))
                    started = time.perf_counter()
                    yield
                    log.debug("write: the body in %.2f s", _since(started))
                    changed = self._write_changes(con, pg, names)
                    for name in names:
                        con.execute(_statement("DROP TABLE {s}", s=_snapshot_name(name)))
                    if os.environ.get("TRACKER_CHECK_WRITES") and tables:
                        moved = [n for n, f in _fingerprints(con, untouched).items()
                                 if f != fingerprints[n]]  # fmt: skip
                        if moved:
                            raise AssertionError(f"undeclared tables changed: {moved}")
                    new_versions = _bump(pg, changed)
                    expected = {n: self._versions.get(n, 0) + 1 for n in changed}
                    if new_versions != expected:  # another writer without the lock: refuse
                        raise WriteConflict()
                except BaseException:
                    with suppress(duckdb.Error):
                        con.execute("ROLLBACK")
                    raise
            # PostgreSQL has committed; the mirror follows.
            try:
                con.execute("COMMIT")
            except BaseException:
                self._versions = {}  # reload everything at the next operation
                raise
            self._versions.update(new_versions)
            if view is not None:
                view.versions = dict(self._versions)

    def _write_changes(
        self, con: duckdb.DuckDBPyConnection, pg: psycopg.Connection, names: Sequence[str]
    ) -> list[str]:
        changed = []
        for name in names:
            started = time.perf_counter()
            keys = catalogue.key(con, name)
            columns = catalogue.columns(con, name)
            snap = _snapshot_name(name)
            key_list = ", ".join(quoted(k) for k in keys)
            removed = self._folder / "removed.csv"
            upserted = self._folder / "upserted.csv"
            n_removed = _copy_out(
                con,
                _statement("SELECT {k} FROM {s} ANTI JOIN {t} USING ({k})", k=key_list, s=snap,
                           t=name),
                removed,
            )  # fmt: skip
            version = self._versions.get(name, 0) + 1  # what _bump will make it (lock held)
            # New keys go straight into the table (the server holds what the copy held
            # before: no conflict is possible); changed rows replace the stored ones.
            added = self._folder / "added.csv"
            con.execute(
                _statement(
                    "CREATE TEMP TABLE store_diff AS SELECT {t}.*, {s}.row_hash IS NULL AS "
                    "store_new FROM {t} LEFT JOIN {s} USING ({k}) "
                    "WHERE {s}.row_hash IS NULL OR {s}.row_hash <> hash({t})",
                    t=name, s=snap, k=key_list,
                )
            )  # fmt: skip
            columns_sql = ", ".join(quoted(c) for c in columns)
            n_added = _copy_out(
                con,
                "SELECT " + columns_sql + ", " + str(int(version)) + " FROM store_diff "
                "WHERE store_new",
                added,
            )
            n_upserted = _copy_out(
                con, "SELECT " + columns_sql + " FROM store_diff WHERE NOT store_new", upserted
            )
            con.execute("DROP TABLE store_diff")
            log.debug("write: %s: %d removed, %d added, %d changed, found in %.2f s", name,
                      n_removed, n_added, n_upserted, _since(started))  # fmt: skip
            started = time.perf_counter()
            try:
                if n_removed:
                    _delete_keys(pg, name, keys, removed, version)
                if n_upserted:
                    _upsert(pg, name, columns, keys, upserted, version)
                if n_added:
                    _copy_in(pg, sql.SQL("{} ({}, {})").format(
                        sql.Identifier(name), _ident(*columns), sql.Identifier(VERSION_COLUMN)
                    ), added)  # fmt: skip
                if n_removed or n_upserted or n_added:
                    log.debug("write: %s sent to PostgreSQL in %.2f s", name, _since(started))
            finally:
                removed.unlink(missing_ok=True)
                upserted.unlink(missing_ok=True)
                added.unlink(missing_ok=True)
            n_upserted += n_added
            if n_removed or n_upserted:
                changed.append(name)
        for sequence, (table, _column) in SEQUENCES.items():
            if table in changed:
                pg.execute(
                    sql.SQL(
                        "SELECT setval({}, (SELECT coalesce(max({}), 0) + 1 FROM {}), false)"
                    ).format(sql.Literal(sequence), sql.Identifier(_column), sql.Identifier(table))
                )
        return changed


# -- helpers ------------------------------------------------------------------------------
def _reason(error: BaseException) -> str:
    text = str(error).strip().splitlines()
    return text[0][:200] if text else type(error).__name__


def _latest_schema() -> int:
    from analytics.store.schema import LATEST_VERSION

    return LATEST_VERSION


def _schema_version(pg: psycopg.Connection) -> int:
    from analytics.store.schema import schema_version

    return schema_version(PgAdapter(pg))


def _read_versions(pg: psycopg.Connection) -> dict[str, int]:
    versions = {SCHEMA_KEY: _schema_version(pg)}
    exists = pg.execute("SELECT to_regclass(%s) IS NOT NULL", [VERSIONS_TABLE]).fetchone()
    if exists and exists[0]:
        for name, version in pg.execute(
            sql.SQL("SELECT table_name, version FROM {}").format(sql.Identifier(VERSIONS_TABLE))
        ):
            versions[name] = int(version)
    return versions


def _catalogue() -> dict[str, tuple[dict[str, str], tuple[str, ...]]]:
    """Every table of the latest schema with its columns and key (read off an empty
    in-memory database made by the migrations)."""
    from analytics.store.schema import migrate

    con = duckdb.connect(":memory:")
    try:
        migrate(con)
        return {
            name: (catalogue.columns(con, name), catalogue.key(con, name))
            for name in catalogue.table_names(con)
        }
    finally:
        con.close()


def _removed_table(table: str) -> str:
    return f"store_removed_{table}"


def _bookkeeping(pg: psycopg.Connection) -> None:
    """The engine's own tables and columns beside the schema: the table versions, a
    version per row (``store_version``: the table version that last wrote it) with its
    index, the keys removed per table with the version that removed them, and unique
    indexes on the keys the schema keeps without one."""
    pg.execute(
        sql.SQL(
            "CREATE TABLE IF NOT EXISTS {} (table_name TEXT PRIMARY KEY, version BIGINT NOT NULL)"
        ).format(sql.Identifier(VERSIONS_TABLE))
    )
    for table, (_columns_of, keys) in _catalogue().items():
        pg.execute(
            sql.SQL("ALTER TABLE {} ADD COLUMN IF NOT EXISTS {} BIGINT NOT NULL DEFAULT 0").format(
                sql.Identifier(table), sql.Identifier(VERSION_COLUMN)
            )
        )
        pg.execute(
            sql.SQL("CREATE INDEX IF NOT EXISTS {} ON {} ({})").format(
                sql.Identifier(f"{table}_{VERSION_COLUMN}"),
                sql.Identifier(table),
                sql.Identifier(VERSION_COLUMN),
            )
        )
        pg.execute(
            sql.SQL(
                "CREATE TABLE IF NOT EXISTS {r} AS SELECT {k}, CAST(0 AS BIGINT) AS {v} "
                "FROM {t} WITH NO DATA"
            ).format(
                r=sql.Identifier(_removed_table(table)),
                k=_ident(*keys),
                v=sql.Identifier(VERSION_COLUMN),
                t=sql.Identifier(table),
            )
        )
    for table, keys in LOGICAL_KEYS.items():
        pg.execute(
            sql.SQL("CREATE UNIQUE INDEX IF NOT EXISTS {} ON {} ({})").format(
                sql.Identifier(f"{table}_key"), sql.Identifier(table), _ident(*keys)
            )
        )


def _drop_row_versions(pg: psycopg.Connection) -> None:
    """Before migrations: take the engine's row-version column off every table, so a
    migration sees the schema exactly as on a file (they come back afterwards)."""
    for (table,) in pg.execute(
        "SELECT table_name FROM information_schema.columns "
        "WHERE table_schema = current_schema() AND column_name = %s",
        [VERSION_COLUMN],
    ).fetchall():
        if not table.startswith("store_"):
            pg.execute(
                sql.SQL("ALTER TABLE {} DROP COLUMN {}").format(
                    sql.Identifier(table), sql.Identifier(VERSION_COLUMN)
                )
            )


def _touch_all(pg: psycopg.Connection) -> None:
    names = [
        row[0]
        for row in pg.execute(
            "SELECT table_name FROM information_schema.tables "
            "WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' "
            "AND table_name NOT LIKE %s",
            ["store\\_%"],
        )
    ]
    _bump(pg, names)


def _bump(pg: psycopg.Connection, names: Sequence[str]) -> dict[str, int]:
    versions = {}
    for name in names:
        row = pg.execute(
            sql.SQL(
                "INSERT INTO {v} AS v VALUES (%s, 1) ON CONFLICT (table_name) "
                "DO UPDATE SET version = v.version + 1 RETURNING version"
            ).format(v=sql.Identifier(VERSIONS_TABLE)),
            [name],
        ).fetchone()
        versions[name] = int(row[0])
    return versions


# A CSV written by PostgreSQL's COPY (FORMAT csv): "" is an empty text, nothing is NULL.
_READ_CSV = (
    "read_csv(?, columns = ?, header = false, auto_detect = false, allow_quoted_nulls = false, "
    "delim = ',', quote = '\"', escape = '\"', new_line = '\\n', strict_mode = true)"
)


def _copy_to_file(pg: psycopg.Connection, query: sql.Composable, path: Path) -> None:
    statement = sql.SQL("COPY ({}) TO STDOUT (FORMAT csv)").format(query)
    with open(path, "wb") as out, pg.cursor().copy(statement) as copy:
        for block in copy:
            out.write(block)


def _statement(template: str, **names: str) -> str:
    """A mirror statement with catalogue names put in: a name is quoted here, a list of
    names (``k``) and a query (``q``) come quoted by the caller. Names come from the
    schema, never from input."""
    return template.format(**{k: v if k in ("k", "q") else quoted(v) for k, v in names.items()})


def _snapshot_name(table: str) -> str:
    return f"store_before_{table}"


def _snapshot_statement(con: duckdb.DuckDBPyConnection, table: str) -> str:
    keys = ", ".join(quoted(k) for k in catalogue.key(con, table))
    return _statement(
        "CREATE TEMP TABLE {s} AS SELECT {k}, hash({t}) AS row_hash FROM {t}",
        s=_snapshot_name(table), k=keys, t=table,
    )  # fmt: skip


def _fingerprints(con: duckdb.DuckDBPyConnection, names: Sequence[str]) -> dict[str, tuple]:
    return {
        name: con.execute(
            _statement("SELECT count(*), bit_xor(hash({t})) FROM {t}", t=name)
        ).fetchone()
        for name in names
    }


def _copy_out(con: duckdb.DuckDBPyConnection, query: str, path: Path) -> int:
    count = con.execute(_statement("SELECT count(*) FROM ({q})", q=query)).fetchone()[0]
    if count:
        con.execute(
            "COPY ("
            + query
            + ") TO '"
            + str(path).replace("'", "''")
            + "' (FORMAT csv, HEADER false)"
        )
    return int(count)


def _copy_in(pg: psycopg.Connection, table: sql.Composable, path: Path) -> None:
    query = sql.SQL("COPY {} FROM STDIN (FORMAT csv)").format(table)
    with pg.cursor().copy(query) as copy, open(path, "rb") as source:
        while block := source.read(1 << 20):
            copy.write(block)


def _delete_keys(
    pg: psycopg.Connection, table: str, keys: Sequence[str], path: Path, version: int
) -> None:
    """Delete the rows whose keys the CSV at ``path`` lists, noting each key with the
    table's new version (so other processes remove them from their copies)."""
    pg.execute(
        sql.SQL(
            "CREATE TEMP TABLE store_gone ON COMMIT DROP AS SELECT {} FROM {} WITH NO DATA"
        ).format(_ident(*keys), sql.Identifier(table))
    )
    _copy_in(pg, sql.Identifier("store_gone"), path)
    pg.execute(
        sql.SQL("INSERT INTO {} ({}, store_version) SELECT {}, {} FROM store_gone").format(
            sql.Identifier(_removed_table(table)),
            _ident(*keys),
            _ident(*keys),
            sql.Literal(version),
        )
    )
    match = sql.SQL(" AND ").join(
        sql.SQL("t.{k} = r.{k}").format(k=sql.Identifier(k)) for k in keys
    )
    pg.execute(
        sql.SQL("DELETE FROM {} AS t USING store_gone AS r WHERE {}").format(
            sql.Identifier(table), match
        )
    )
    pg.execute("DROP TABLE store_gone")


def _upsert(
    pg: psycopg.Connection, table: str, columns: dict[str, str], keys: Sequence[str], path: Path,
    version: int,
) -> None:  # fmt: skip
    """Insert or replace the rows of the CSV at ``path``, marked with the table's new
    version (so other processes fetch only them)."""
    names = list(columns)
    pg.execute(
        sql.SQL(
            "CREATE TEMP TABLE store_upserted ON COMMIT DROP AS SELECT {} FROM {} WITH NO DATA"
        ).format(_ident(*names), sql.Identifier(table))
    )
    _copy_in(pg, sql.Identifier("store_upserted"), path)
    others = [n for n in names if n not in keys] + [VERSION_COLUMN]
    action = sql.SQL("DO UPDATE SET {}").format(
        sql.SQL(", ").join(
            sql.SQL("{c} = EXCLUDED.{c}").format(c=sql.Identifier(c)) for c in others
        )
    )
    pg.execute(
        sql.SQL(
            "INSERT INTO {t} ({c}, {v}) SELECT {c}, {n} FROM store_upserted ON CONFLICT ({k}) {a}"
        ).format(
            t=sql.Identifier(table),
            c=_ident(*names),
            v=sql.Identifier(VERSION_COLUMN),
            n=sql.Literal(version),
            k=_ident(*keys),
            a=action,
        )
    )
    pg.execute("DROP TABLE store_upserted")


def table_fingerprints(con: duckdb.DuckDBPyConnection) -> dict[str, tuple]:
    """Rows and a hash of their content per table (to compare two copies of a store)."""
    return _fingerprints(con, catalogue.table_names(con))
