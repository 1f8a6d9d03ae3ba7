"""Reads for the screens that are not figures: filter choices, one task, its reports."""

from __future__ import annotations

from datetime import date

import duckdb
import pandas as pd


def reference_tables(con: duckdb.DuckDBPyConnection) -> dict[str, pd.DataFrame]:
    """Bodies, areas, positions and periods in their reference order."""
    return {
        "bodies": con.execute(
            "SELECT code, name_vi, name_en FROM bodies ORDER BY sort_order, code"
        ).df(),
        "areas": con.execute(
            "SELECT code, name_vi, name_en, headline FROM areas ORDER BY sort_order, code"
        ).df(),
        "positions": con.execute(
            "SELECT name_vi, name_en FROM positions ORDER BY sort_order, name_vi"
        ).df(),
        "periods": con.execute(
            "SELECT label, kind, start_year, end_year FROM periods ORDER BY start_year, label"
        ).df(),
    }


def task_dimensions(con: duckdb.DuckDBPyConnection) -> dict[str, list]:
    """Values found in the assigned tasks: positions, officials, assigners, years covered."""
    positions = [r[0] for r in con.execute(
        "SELECT DISTINCT position FROM tasks WHERE assignment_state = 'da_giao' ORDER BY 1"
    ).fetchall()]  # fmt: skip
    officials = [r[0] for r in con.execute(
        "SELECT DISTINCT coalesce(official, '') FROM tasks "
        "WHERE assignment_state = 'da_giao' ORDER BY 1"
    ).fetchall()]  # fmt: skip
    assigners = [r[0] for r in con.execute(
        "SELECT DISTINCT coalesce(assigner, '') FROM tasks "
        "WHERE assignment_state = 'da_giao' ORDER BY 1"
    ).fetchall()]  # fmt: skip
    first, last = con.execute(
        "SELECT min(year(assigned_on)), max(year(due_on)) FROM tasks"
    ).fetchall()[0]
    return {
        "positions": positions,
        "officials": officials,
        "assigners": assigners,
        "first_year": first,
        "last_year": last,
    }


def last_update(con: duckdb.DuckDBPyConnection) -> date | None:
    """The latest report date stored (what "Cập nhật gần nhất" shows)."""
    return con.execute("SELECT max(report_date) FROM progress").fetchall()[0][0]


def task_detail(con: duckdb.DuckDBPyConnection, code: str) -> dict | None:
    """Every stored field of one task, or None."""
    frame = con.execute(
        "SELECT t.*, b.name_vi AS body_name_vi, b.name_en AS body_name_en, "
        "a.name_vi AS area_name_vi, a.name_en AS area_name_en "
        "FROM tasks t LEFT JOIN bodies b ON b.code = t.body_code "
        "LEFT JOIN areas a ON a.code = t.area_code WHERE t.code = ?",
        [code],
    ).df()
    return None if frame.empty else frame.iloc[0].to_dict()


def task_reports(con: duckdb.DuckDBPyConnection, code: str) -> pd.DataFrame:
    """The progress reports of one task, oldest first."""
    return con.execute(
        "SELECT p.report_date, p.progress, p.status, p.note, p.reporter, p.evidence "
        "FROM progress p JOIN tasks t ON t.id = p.task_id WHERE t.code = ? "
        "ORDER BY p.report_date",
        [code],
    ).df()


def task_count(con: duckdb.DuckDBPyConnection) -> int:
    """How many tasks are stored."""
    return con.execute("SELECT count(*) FROM tasks").fetchall()[0][0]
