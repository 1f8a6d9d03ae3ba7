"""The SQL behind the figures: one row per task with its state as of a date.

DuckDB does the heavy part here (the latest report per task as of D, the done
date, the status); ``analytics.figures`` aggregates the rows per group in pandas.
Every value comes in as a parameter; no text is pasted into SQL.
"""

from __future__ import annotations

from datetime import date

import duckdb
import pandas as pd

# The status of a task as of D (CONTRACT.md section 4), in one place.
# C (done_on) is the first report date of the final run of done reports:
# the earliest done report after the last report that was not done.
TASK_STATES_SQL = """
WITH latest AS (
    SELECT task_id,
           arg_max(progress, report_date) AS progress,
           arg_max(status, report_date) AS latest_status,
           max(report_date) AS last_report_on,
           max(report_date) FILTER (WHERE status <> 'hoan_thanh') AS last_open_on,
           list(report_date) FILTER (WHERE status = 'hoan_thanh') AS done_dates,
           arg_max(progress, report_date) FILTER (WHERE report_date < $window_from)
               AS progress_before
    FROM progress
    WHERE report_date <= $as_of
    GROUP BY task_id
),
state AS (
    SELECT l.*,
           CASE WHEN latest_status = 'hoan_thanh' THEN
               list_min(list_filter(done_dates,
                   lambda d: last_open_on IS NULL OR d > last_open_on))
           END AS done_on
    FROM latest l
)
SELECT t.id AS task_id, t.code, t.title, t.body_code, t.area_code, t.position,
       coalesce(t.official, '') AS official, coalesce(t.assigner, '') AS assigner,
       t.period_label, t.assigned_on, t.due_on,
       coalesce(s.progress, 0) AS progress,
       s.last_report_on,
       s.done_on,
       coalesce(s.progress_before, 0) AS progress_before,
       CASE
           WHEN s.done_on IS NOT NULL AND s.done_on <= t.due_on THEN 'hoan_thanh_dung_han'
           WHEN s.done_on IS NOT NULL THEN 'hoan_thanh_qua_han'
           WHEN $as_of > t.due_on THEN 'qua_han'
           WHEN coalesce(s.progress, 0) > 0 THEN 'dang_thuc_hien'
           ELSE 'chua_trien_khai'
       END AS status
FROM tasks t
LEFT JOIN state s ON s.task_id = t.id
WHERE t.assignment_state = 'da_giao'
  AND t.assigned_on <= $scope_to
  AND t.due_on >= $scope_from
"""

LABELS_SQL = {
    "body": "SELECT code AS key, name_vi, name_en, sort_order FROM bodies",
    "area": "SELECT code AS key, name_vi, name_en, sort_order FROM areas",
    "position": "SELECT name_vi AS key, name_vi, name_en, sort_order FROM positions",
    "period": "SELECT label AS key, kind, start_year FROM periods",
}

EARLIEST = date(1, 1, 1)


def task_states(
    con: duckdb.DuckDBPyConnection,
    as_of: date,
    *,
    scope_from: date | None = None,
    scope_to: date | None = None,
    window_from: date | None = None,
) -> pd.DataFrame:
    """One row per assigned task in scope with its progress, done date and status as of ``as_of``.

    Scope: ``assigned_on <= scope_to`` and ``due_on >= scope_from`` (defaults: as_of, no
    lower bound). ``progress_before`` is the progress before ``window_from`` (0 if none).
    """
    params = {
        "as_of": as_of,
        "scope_to": scope_to or as_of,
        "scope_from": scope_from or EARLIEST,
        "window_from": window_from or EARLIEST,
    }
    return con.execute(TASK_STATES_SQL, params).df()


def reference_labels(con: duckdb.DuckDBPyConnection, kind: str) -> pd.DataFrame:
    """Codes and names of bodies, areas, positions or periods, as stored."""
    return con.execute(LABELS_SQL[kind]).df()
