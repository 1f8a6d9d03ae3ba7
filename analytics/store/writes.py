"""Plain writes of whole tasks and reports (the demo, the synthetic benchmark data).

Imports from files go through the import pipeline, which also keeps history for undo.
"""

from __future__ import annotations

import duckdb
import pandas as pd

from analytics.store.connection import transaction
from analytics.store.schema import bump_data_version

TASK_COLUMNS = (
    "code", "title", "description", "target", "body_code", "position", "official",
    "area_code", "assigner", "period_label", "assigned_on", "due_on", "assignment_state",
    "return_reason",
)  # fmt: skip
APPRAISAL_COLUMNS = ("task_code", "year", "rating", "appraiser", "appraised_on", "comment")
REPORT_COLUMNS = (
    "task_code", "report_date", "progress", "status", "note", "reporter", "evidence",
)  # fmt: skip


def add_tasks_and_reports(
    con: duckdb.DuckDBPyConnection, tasks: pd.DataFrame, reports: pd.DataFrame
) -> int:
    """Insert tasks whose code is new and their reports, in one transaction.

    Tasks already stored (by code) are left as they are, with their reports.
    Returns the number of tasks added.
    """
    new_tasks = tasks.reindex(columns=list(TASK_COLUMNS))
    new_tasks["assignment_state"] = new_tasks["assignment_state"].fillna("da_giao")
    new_reports = reports.loc[:, list(REPORT_COLUMNS)] if len(reports) else None
    with transaction(con):
        before = con.execute("SELECT count(*) FROM tasks").fetchall()[0][0]
        con.register("new_tasks", new_tasks)
        con.execute(
            """
            INSERT INTO tasks (id, code, title, description, target, body_code, position,
                               official, area_code, assigner, period_label, assigned_on, due_on,
                               assignment_state, return_reason)
            SELECT (SELECT coalesce(max(id), 0) FROM tasks) + row_number() OVER (),
                   n.code, n.title, n.description, n.target, n.body_code, n.position,
                   n.official, n.area_code, n.assigner, n.period_label,
                   CAST(n.assigned_on AS DATE), CAST(n.due_on AS DATE),
                   n.assignment_state, n.return_reason
            FROM new_tasks n
            WHERE n.code NOT IN (SELECT code FROM tasks)
            """
        )
        added = con.execute("SELECT count(*) FROM tasks").fetchall()[0][0] - before
        con.unregister("new_tasks")
        if new_reports is not None and added:
            con.register("new_reports", new_reports)
            con.execute(
                """
                INSERT INTO progress (task_id, report_date, progress, status, note,
                                      reporter, evidence)
                SELECT t.id, CAST(r.report_date AS DATE), r.progress, r.status, r.note,
                       r.reporter, r.evidence
                FROM new_reports r JOIN tasks t ON t.code = r.task_code
                WHERE NOT EXISTS (SELECT 1 FROM progress p
                                  WHERE p.task_id = t.id
                                    AND p.report_date = CAST(r.report_date AS DATE))
                """
            )
            con.unregister("new_reports")
        if added:
            bump_data_version(con)
    return added


def add_appraisals(con: duckdb.DuckDBPyConnection, appraisals: pd.DataFrame) -> int:
    """Insert ratings whose (task, year) is new, in one transaction; return how many."""
    if appraisals.empty:
        return 0
    new = appraisals.loc[:, list(APPRAISAL_COLUMNS)]
    with transaction(con):
        before = con.execute("SELECT count(*) FROM appraisals").fetchall()[0][0]
        con.register("new_appraisals", new)
        con.execute(
            """
            INSERT INTO appraisals (task_id, year, rating, appraiser, appraised_on, comment)
            SELECT t.id, n.year, n.rating, n.appraiser, CAST(n.appraised_on AS DATE), n.comment
            FROM new_appraisals n JOIN tasks t ON t.code = n.task_code
            WHERE NOT EXISTS (SELECT 1 FROM appraisals a
                              WHERE a.task_id = t.id AND a.year = n.year)
            """
        )
        con.unregister("new_appraisals")
        added = con.execute("SELECT count(*) FROM appraisals").fetchall()[0][0] - before
        if added:
            bump_data_version(con)
    return added
