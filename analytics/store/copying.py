"""Copying a whole store into an empty one: ``copy --to`` (CONTRACT.md section 2), also the
way to take a backup and to restore it.

Every direction works the same way (file or PostgreSQL on either side): the source is read
through one connection in one snapshot (a file held open for the whole read; a PostgreSQL
store through this process's copy of it, itself one consistent snapshot), the target is
made with the schema when missing and written in one transaction (on PostgreSQL,
:func:`~analytics.store.connection.transaction` writes the rows to the server), and then
both sides are counted, the target read afresh from where it lives.

A target is empty when no table but the seeded ones (schema and data version, reference
lists) holds a row; a non-empty one is refused before anything is made or written, and
checked again inside the writing transaction, so a write that slipped in between is not
overwritten either. A file made here is removed again when the copy fails.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from analytics.formats import number
from analytics.store import catalogue, copy_sql
from analytics.store.connection import (
    FileStore,
    Store,
    StoreMissing,
    open_db,
    open_db_afresh,
    open_store,
    transaction,
)
from analytics.store.schema import data_version

NOT_A_STORE = "file_bytes"  # a refused target that is a file but no database: its size


@dataclass
class CopyResult:
    """What a copy did: ``status`` is ``ok``, ``mismatch`` (a count differs), ``not_empty``
    or ``same_store`` (both refused, nothing written)."""

    status: str
    source: str
    target: str
    tables: dict[str, dict[str, int]] = field(default_factory=dict)
    occupied: dict[str, int] = field(default_factory=dict)  # a refused target's rows
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return self.status == "ok"

    def to_json(self) -> dict:
        payload: dict = {"status": self.status, "source": self.source, "target": self.target}
        if self.status in ("ok", "mismatch"):
            payload["tables"] = self.tables
        if self.status == "not_empty":
            payload["occupied"] = self.occupied
        return payload

    def message(self) -> str:
        """One line for people, Vietnamese first."""
        if self.status == "same_store":
            return (
                f"Nguồn và đích là cùng một cơ sở dữ liệu ({self.target}); không sao chép. "
                "(The source and the target are the same store.)"
            )
        if self.status == "not_empty" and NOT_A_STORE in self.occupied:
            return (
                f"Tệp đích {self.target} đã có nội dung ({self.occupied[NOT_A_STORE]} byte) "
                "và không phải cơ sở dữ liệu; không ghi gì. Hãy chọn một tệp mới. (The target "
                "file exists and is not a database; nothing was written.)"
            )
        if self.status == "not_empty":
            held = ", ".join(f"{t}: {n}" for t, n in self.occupied.items())
            return (
                f"Đích {self.target} không trống ({held}); không ghi gì. Hãy chọn một tệp mới "
                "hoặc một cơ sở dữ liệu PostgreSQL trống. (The target is not empty; nothing "
                "was written.)"
            )
        rows = sum(side["source"] for side in self.tables.values())
        if self.status == "mismatch":
            differ = ", ".join(
                f"{t}: {s['source']} → {s['target']}"
                for t, s in self.tables.items()
                if s["source"] != s["target"]
            )
            return (
                f"Đã sao chép nhưng số dòng khác nhau ({differ}); đừng dùng bản sao này. "
                "(Copied, but row counts differ: do not rely on this copy.)"
            )
        return (
            f"Đã sao chép {number(rows)} dòng của {len(self.tables)} bảng từ {self.source} "
            f"sang {self.target} trong {number(self.seconds, 1)} giây. (Copied {rows:,} rows "
            f"of {len(self.tables)} tables in {self.seconds:.1f} s.)"
        )


class _TargetTaken(Exception):
    """The target gained rows between the first check and the write."""

    def __init__(self, occupied: dict[str, int]) -> None:
        super().__init__(occupied)
        self.occupied = occupied


def copy_store(
    source: str | os.PathLike[str] | Store | None, target: str | os.PathLike[str] | Store
) -> CopyResult:
    """Copy every table of the store ``source`` names into the empty store ``target`` names
    (a file path or a PostgreSQL URL, either side), then count the rows of both.

    Raises :class:`~analytics.store.connection.StoreMissing` when there is no source, and
    what opening a store raises (busy, unreachable); a refused target returns a result
    whose status says why, with nothing written.
    """
    started = time.monotonic()
    source_store, target_store = open_store(source), open_store(target)
    result = CopyResult("ok", source_store.name, target_store.name)
    if _same_store(source_store, target_store):
        result.status = "same_store"
        return result
    with open_db(source_store) as scon, copy_sql.read_snapshot(scon):
        occupied = _occupied(target_store)
        if occupied:
            result.status, result.occupied = "not_empty", occupied
            return result
        tables = catalogue.table_names(scon)
        try:
            with _removed_on_failure(target_store):
                source_counts = _write_copy(scon, target_store, tables)
        except _TargetTaken as taken:
            result.status, result.occupied = "not_empty", taken.occupied
            return result
    with open_db_afresh(target_store) as tcon:
        target_counts = copy_sql.row_counts(tcon, catalogue.table_names(tcon))
    for table in sorted(set(source_counts) | set(target_counts)):
        result.tables[table] = {
            "source": source_counts.get(table, 0),
            "target": target_counts.get(table, 0),
        }
    if any(side["source"] != side["target"] for side in result.tables.values()):
        result.status = "mismatch"
    result.seconds = time.monotonic() - started
    return result


def _write_copy(
    scon: duckdb.DuckDBPyConnection, target_store: Store, tables: list[str]
) -> dict[str, int]:
    """Make the target if missing and write every table of ``tables`` into it, in one
    transaction; return the source's row counts (read in the caller's snapshot)."""
    source_counts = copy_sql.row_counts(scon, tables)
    source_version = data_version(scon)
    with open_db(target_store, create=True) as tcon, transaction(tcon):
        occupied = copy_sql.occupied_tables(tcon)
        if occupied:
            raise _TargetTaken(occupied)
        target_tables = catalogue.table_names(tcon)
        if target_tables != tables:  # both are at the program's schema version once opened
            raise RuntimeError(f"schemas differ: {tables} / {target_tables}")
        # Caches of the target key on its data version: move it past both sides' own.
        version = max(source_version, data_version(tcon)) + 1
        for table in copy_sql.SEEDED_TABLES:
            copy_sql.clear_table(tcon, table)
        for table in tables:
            columns = list(catalogue.columns(scon, table))
            copy_sql.insert_rows(tcon, table, columns, copy_sql.read_rows(scon, table, columns))
        copy_sql.set_data_version(tcon, version)
        catalogue.advance_sequences(tcon, tables)
    return source_counts


def _same_store(one: Store, other: Store) -> bool:
    if one is other:
        return True
    if isinstance(one, FileStore) and isinstance(other, FileStore):
        try:
            return os.path.samefile(one.path, other.path)
        except OSError:
            return False
    return False


def _occupied(store: Store) -> dict[str, int]:
    """The rows that make ``store`` not empty, read without making or changing anything."""
    if isinstance(store, FileStore):
        if not store.path.exists() or _zero_bytes(store.path):
            return {}
        try:
            with open_db(store) as con:
                return copy_sql.occupied_tables(con)
        except duckdb.IOException:  # an existing file that is no DuckDB database
            return {NOT_A_STORE: store.path.stat().st_size}
    try:
        with open_db(store) as con:
            return copy_sql.occupied_tables(con)
    except StoreMissing:  # a database without the schema: it is made by the copy
        return {}


def _zero_bytes(path: Path) -> bool:
    return path.is_file() and path.stat().st_size == 0


@contextmanager
def _removed_on_failure(store: Store) -> Iterator[None]:
    """When the copy fails, take away the file (and any folder) it made; an empty file that
    was there is left empty. A PostgreSQL target keeps at most the schema."""
    if not isinstance(store, FileStore):
        yield
        return
    path = store.path
    was_empty_file = _zero_bytes(path)
    missing_folders = []
    folder = path.parent
    while not folder.exists():
        missing_folders.append(folder)
        folder = folder.parent
    if was_empty_file:
        path.unlink()  # DuckDB makes a store only where no file is
    try:
        yield
    except BaseException:
        for part in (path, path.with_name(path.name + ".wal")):
            part.unlink(missing_ok=True)
        if was_empty_file:
            path.touch(mode=0o600)
        for made in missing_folders:
            try:
                made.rmdir()
            except OSError:
                break
        raise
