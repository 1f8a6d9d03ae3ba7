"""SQL of copying a whole store into another (``copy --to``, the backup).

Every statement runs on a DuckDB connection: the file's, or one to the in-memory copy of a
PostgreSQL store (analytics/store/postgres.py), so one text serves every direction. Table
and column names come from the connection's schema catalogue, never from input, and are
quoted here; no value is ever put into the text.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager, suppress

import duckdb
import pyarrow as pa

from analytics.store.catalogue import quoted, table_names

# What a new store is made with (analytics/store/schema.py: the schema version, the data
# version and the reference lists): a target may hold these and still be empty; the copy
# replaces them with the source's. Any row of another table makes a target not empty.
SEEDED_TABLES = ("meta", "bodies", "areas", "positions", "periods")
BATCH_ROWS = 100_000  # rows handed from the source to the target at a time
SOURCE_VIEW = "copy_source"  # the source rows as the target connection sees them


def row_counts(con: duckdb.DuckDBPyConnection, tables: Sequence[str]) -> dict[str, int]:
    """How many rows each of ``tables`` holds."""
    return {
        table: int(con.execute("SELECT count(*) FROM " + quoted(table)).fetchall()[0][0])
        for table in tables
    }


def occupied_tables(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
    """The tables that make a store not empty (any but the seeded ones) and their rows."""
    others = [t for t in table_names(con) if t not in SEEDED_TABLES]
    return {table: n for table, n in row_counts(con, others).items() if n}


@contextmanager
def read_snapshot(con: duckdb.DuckDBPyConnection) -> Iterator[None]:
    """Every read of the body sees the store as it was at the start (one transaction that
    writes nothing)."""
    con.execute("BEGIN TRANSACTION")
    try:
        yield
    finally:
        with suppress(duckdb.Error):
            con.execute("ROLLBACK")


def read_rows(
    con: duckdb.DuckDBPyConnection, table: str, columns: Sequence[str]
) -> pa.RecordBatchReader:
    """The rows of ``table`` (``columns`` in that order), streamed in batches."""
    names = ", ".join(quoted(c) for c in columns)
    return con.sql("SELECT " + names + " FROM " + quoted(table)).to_arrow_reader(BATCH_ROWS)


def clear_table(con: duckdb.DuckDBPyConnection, table: str) -> None:
    """Remove every row of ``table`` (inside the caller's transaction)."""
    con.execute("DELETE FROM " + quoted(table))


def insert_rows(
    con: duckdb.DuckDBPyConnection, table: str, columns: Sequence[str], rows: pa.RecordBatchReader
) -> None:
    """Append ``rows`` (read by :func:`read_rows` from another store) to ``table``."""
    names = ", ".join(quoted(c) for c in columns)
    con.register(SOURCE_VIEW, rows)
    try:
        con.execute(
            "INSERT INTO " + quoted(table) + " (" + names + ") SELECT " + names
            + " FROM " + quoted(SOURCE_VIEW)
        )  # fmt: skip
    finally:
        con.unregister(SOURCE_VIEW)


def set_data_version(con: duckdb.DuckDBPyConnection, version: int) -> None:
    """Store ``version`` as the data version (inside the caller's transaction)."""
    con.execute("UPDATE meta SET value = ? WHERE key = 'data_version'", [str(version)])
