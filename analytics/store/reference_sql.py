"""SQL of the reference lists an administrator edits: bodies, areas, positions, periods
(read as every screen reads them, ``lookups.reference_tables``).

Table and column names come from the fixed table below, never from a caller's text;
values are always parameters.
"""

from __future__ import annotations

from dataclasses import dataclass

import duckdb
import pandas as pd

from analytics.store import lookups


@dataclass(frozen=True)
class ListTable:
    """One list's columns (as the editor shows them, the key first) and the whole text of
    each statement on it, written out (no identifier comes from a caller)."""

    columns: tuple[str, ...]
    ordered: bool  # has a sort_order column (the editor's row order)
    uses: str  # tasks per key
    delete: str
    insert: str


LISTS: dict[str, ListTable] = {
    "bodies": ListTable(
        ("code", "name_vi", "name_en"), True,
        "SELECT body_code, count(*) FROM tasks GROUP BY 1",
        "DELETE FROM bodies",
        "INSERT INTO bodies (code, name_vi, name_en, sort_order) VALUES (?, ?, ?, ?)",
    ),
    "areas": ListTable(
        ("code", "name_vi", "name_en", "headline"), True,
        "SELECT area_code, count(*) FROM tasks GROUP BY 1",
        "DELETE FROM areas",
        "INSERT INTO areas (code, name_vi, name_en, headline, sort_order) VALUES (?, ?, ?, ?, ?)",
    ),
    "positions": ListTable(
        ("name_vi", "name_en"), True,
        "SELECT position, count(*) FROM tasks GROUP BY 1",
        "DELETE FROM positions",
        "INSERT INTO positions (name_vi, name_en, sort_order) VALUES (?, ?, ?)",
    ),
    "periods": ListTable(
        ("label", "kind", "start_year", "end_year"), False,
        "SELECT period_label, count(*) FROM tasks GROUP BY 1",
        "DELETE FROM periods",
        "INSERT INTO periods (label, kind, start_year, end_year) VALUES (?, ?, ?, ?)",
    ),
}  # fmt: skip


def rows(con: duckdb.DuckDBPyConnection, name: str) -> pd.DataFrame:
    """The list as stored, in its order (as every screen reads it)."""
    return lookups.reference_tables(con)[name]


def uses(con: duckdb.DuckDBPyConnection, name: str) -> dict[str, int]:
    """How many tasks (of any assignment state) refer to each key of the list."""
    return dict(con.execute(LISTS[name].uses).fetchall())


def replace(con: duckdb.DuckDBPyConnection, name: str, frame: pd.DataFrame) -> None:
    """Store ``frame`` (the list's columns) as the whole list, in its row order. Call
    inside the writing transaction."""
    spec = LISTS[name]
    values = frame[list(spec.columns)].copy()
    if spec.ordered:
        values["sort_order"] = range(len(values))
    con.execute(spec.delete)
    if len(values):
        con.executemany(spec.insert, values.astype(object).values.tolist())
