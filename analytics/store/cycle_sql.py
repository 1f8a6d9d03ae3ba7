"""Reads for the assignment cycle: tasks waiting to be assigned, tasks whose reports have
gone quiet, and the year-end appraisals."""

from __future__ import annotations

from datetime import date

import duckdb
import pandas as pd

WAITING_SQL = """
SELECT code, title, body_code, area_code, position, coalesce(official, '') AS official,
       coalesce(assigner, '') AS assigner, period_label, assigned_on, due_on,
       assignment_state, coalesce(return_reason, '') AS return_reason
FROM tasks
WHERE assignment_state <> 'da_giao'
ORDER BY assignment_state, body_code, code
"""

# Assigned tasks not done as of D whose latest report (on or before D) is older than
# the limit, or that have none and were assigned before it. Report dates, not import
# dates, decide: a report imported today about last spring is still old.
STALE_SQL = """
WITH latest AS (
    SELECT task_id, max(report_date) AS last_report_on,
           arg_max(progress, report_date) AS progress
    FROM progress
    WHERE report_date <= $as_of
    GROUP BY task_id
)
SELECT t.code, t.title, t.body_code, t.area_code, t.position,
       coalesce(t.official, '') AS official, coalesce(t.assigner, '') AS assigner,
       t.assigned_on, t.due_on,
       l.last_report_on, coalesce(l.progress, 0) AS progress,
       date_diff('day', coalesce(l.last_report_on, t.assigned_on), $as_of) AS days_silent
FROM tasks t
LEFT JOIN latest l ON l.task_id = t.id
WHERE t.assignment_state = 'da_giao'
  AND t.assigned_on <= $as_of
  AND coalesce(l.progress, 0) < 100
  AND coalesce(l.last_report_on, t.assigned_on) < $since
ORDER BY days_silent DESC, t.code
"""

# Assigned tasks whose period covers the year, with their rating for it (if any).
APPRAISAL_SQL = """
SELECT t.code, t.title, t.body_code, t.position, coalesce(t.official, '') AS official,
       t.period_label, t.assigned_on, t.due_on,
       a.rating, a.appraiser, a.appraised_on, a.comment
FROM tasks t
LEFT JOIN appraisals a ON a.task_id = t.id AND a.year = $year
WHERE t.assignment_state = 'da_giao'
  AND t.assigned_on <= $year_end
  AND t.due_on >= $year_start
ORDER BY t.body_code, coalesce(t.official, ''), t.code
"""


def waiting_tasks(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Tasks registered, proposed or returned: not (yet) assigned, so out of the figures."""
    return con.execute(WAITING_SQL).df()


def stale_tasks(con: duckdb.DuckDBPyConnection, as_of: date, since: date) -> pd.DataFrame:
    """Open assigned tasks with no progress report dated on or after ``since``."""
    return con.execute(STALE_SQL, {"as_of": as_of, "since": since}).df()


def appraisal_rows(con: duckdb.DuckDBPyConnection, year: int) -> pd.DataFrame:
    """Every assigned task whose period covers ``year``, with its rating for that year."""
    params = {"year": year, "year_start": date(year, 1, 1), "year_end": date(year, 12, 31)}
    return con.execute(APPRAISAL_SQL, params).df()
