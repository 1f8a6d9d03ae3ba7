"""SQL of the reference lists an administrator edits: bodies, areas, positions, periods.

Table and column names come from the fixed table below, never from a caller's text;
values are always parameters.
"""

from __future__ import annotations

from dataclasses import dataclass

import duckdb
import pandas as pd


@dataclass(frozen=True)
class ListTable:
    table: str
    columns: tuple[str, ...]  # as the editor shows them, the key first
    ordered: bool  # has a sort_order column (the editor's row order)
    used_by: str  # the tasks column that refers to the key


LISTS: dict[str, ListTable] = {
    "bodies": ListTable("bodies", ("code", "name_vi", "name_en"), True, "body_code"),
    "areas": ListTable("areas", ("code", "name_vi", "name_en", "headline"), True, "area_code"),
    "positions": ListTable("positions", ("name_vi", "name_en"), True, "position"),
    "periods": ListTable(
        "periods", ("label", "kind", "start_year", "end_year"), False, "period_label"
    ),
}


def rows(con: duckdb.DuckDBPyConnection, name: str) -> pd.DataFrame:
    """The list as stored, in its order."""
    spec = LISTS[name]
    order = "sort_order, " if spec.ordered else "start_year, "
    return con.execute(
        f"SELECT {', '.join(spec.columns)} FROM {spec.table} ORDER BY {order}{spec.columns[0]}"
    ).df()


def uses(con: duckdb.DuckDBPyConnection, name: str) -> dict[str, int]:
    """How many tasks (of any assignment state) refer to each key of the list."""
    column = LISTS[name].used_by
    return dict(con.execute(f"SELECT {column}, count(*) FROM tasks GROUP BY 1").fetchall())


def account_scopes(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
    """How many accounts are limited to each body code."""
    counts: dict[str, int] = {}
    for (bodies,) in con.execute("SELECT bodies FROM users WHERE bodies <> ''").fetchall():
        for code in str(bodies).split(","):
            counts[code] = counts.get(code, 0) + 1
    return counts


def replace(con: duckdb.DuckDBPyConnection, name: str, frame: pd.DataFrame) -> None:
    """Store ``frame`` (the list's columns) as the whole list, in its row order. Call
    inside the writing transaction."""
    spec = LISTS[name]
    columns = list(spec.columns) + (["sort_order"] if spec.ordered else [])
    values = frame[list(spec.columns)].copy()
    if spec.ordered:
        values["sort_order"] = range(len(values))
    con.execute(f"DELETE FROM {spec.table}")
    if len(values):
        placeholders = ", ".join("?" for _ in columns)
        con.executemany(
            f"INSERT INTO {spec.table} ({', '.join(columns)}) VALUES ({placeholders})",
            values.astype(object).values.tolist(),
        )
