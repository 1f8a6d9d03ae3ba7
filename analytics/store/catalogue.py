"""What the schema holds, read off a DuckDB connection (a file, or the in-memory copy of a
PostgreSQL store): its tables, their columns and keys, and the sequences that number rows.
Names read here come from the catalogue, never from input; :func:`quoted` puts one into
a statement."""

from __future__ import annotations

from collections.abc import Sequence

import duckdb

# Tables whose rows have a key without a primary-key index in the schema (migrations 3 and
# 5 dropped them for DuckDB's import speed).
LOGICAL_KEYS = {
    "progress": ("task_id", "report_date"),
    "row_history": ("import_id", "table_name", "row_key"),
}
SEQUENCES = {"audit_id": ("audit", "id")}  # sequence -> the table and column it numbers


def quoted(name: str) -> str:
    """A DuckDB identifier, quoted."""
    return '"' + name.replace('"', '""') + '"'


def table_names(con: duckdb.DuckDBPyConnection) -> list[str]:
    """Every table of the store's schema, by name (temporary tables left out)."""
    return [
        row[0]
        for row in con.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = 'main' "
            "AND table_catalog = current_database() AND table_type = 'BASE TABLE' "
            "ORDER BY table_name"
        ).fetchall()
    ]


def columns(con: duckdb.DuckDBPyConnection, table: str) -> dict[str, str]:
    """The columns of ``table`` in their order, with their types."""
    rows = con.execute(
        "SELECT column_name, data_type FROM information_schema.columns "
        "WHERE table_schema = 'main' AND table_catalog = current_database() AND table_name = ? "
        "ORDER BY ordinal_position",
        [table],
    ).fetchall()
    return dict(rows)


def key(con: duckdb.DuckDBPyConnection, table: str) -> tuple[str, ...]:
    """The columns that identify a row of ``table``."""
    if table in LOGICAL_KEYS:
        return LOGICAL_KEYS[table]
    row = con.execute(
        "SELECT constraint_column_names FROM duckdb_constraints() "
        "WHERE table_name = ? AND constraint_type = 'PRIMARY KEY' "
        "AND database_name = current_database()",
        [table],
    ).fetchone()
    if not row:
        raise RuntimeError(f"table {table} has no key")
    return tuple(row[0])


def advance_sequences(con: duckdb.DuckDBPyConnection, tables: Sequence[str]) -> None:
    """Move every sequence numbering one of ``tables`` past the largest value stored there
    (after rows were loaded or copied in), so the next row gets a new number."""
    for sequence, (table, column) in SEQUENCES.items():
        if table not in tables:
            continue
        largest = con.execute(
            "SELECT coalesce(max(" + quoted(column) + "), 0) FROM " + quoted(table)
        ).fetchone()[0]
        last = con.execute(
            "SELECT coalesce(last_value, 0) FROM duckdb_sequences() WHERE sequence_name = ?",
            [sequence],
        ).fetchone()[0]
        if largest > last:
            con.execute("SELECT max(nextval(?)) FROM range(?)", [sequence, int(largest - last)])
