"""SQL of what waits for someone (``analytics.waiting``): tasks waiting for a decision,
open extension and explanation requests, and assigned tasks without a report in the
current reporting period. Reads only; values are always parameters.
"""

from __future__ import annotations

from datetime import date

import pandas as pd

from analytics.store.connection import Connection

_UNDECIDED_SQL = """
SELECT code, title, body_code, position, assignment_state AS state, assigned_on AS since
FROM tasks
WHERE assignment_state IN ('dang_ky', 'de_xuat')
ORDER BY assigned_on, code
"""


def undecided_tasks(con: Connection) -> pd.DataFrame:
    """Tasks registered or proposed, not yet assigned or returned (their registration
    date is ``since``), oldest first."""
    return con.execute(_UNDECIDED_SQL).df()


_EXTENSIONS_SQL = """
SELECT t.code, t.title, t.body_code, t.position, e.requested_on AS since,
       e.requested_by AS who, e.new_due, e.reason AS text
FROM extensions e JOIN tasks t ON t.id = e.task_id
WHERE e.decision = 'cho_duyet' AND (t.code = $code OR NOT $one)
ORDER BY e.requested_on, e.id
"""
_EXPLANATIONS_SQL = """
SELECT t.code, t.title, t.body_code, t.position, x.asked_on AS since, x.asked_by AS who,
       x.question AS text
FROM explanations x JOIN tasks t ON t.id = x.task_id
WHERE x.answered_on IS NULL AND (t.code = $code OR NOT $one)
ORDER BY x.asked_on, x.id
"""


def open_extensions(con: Connection, code: str | None = None) -> pd.DataFrame:
    """Extension requests waiting for a decision (of one task when ``code`` is given):
    code, title, body_code, position, since, who, new_due, text (the reason); oldest first."""
    return con.execute(_EXTENSIONS_SQL, _one_task(code)).df()


def open_explanations(con: Connection, code: str | None = None) -> pd.DataFrame:
    """Explanation requests not yet answered (of one task when ``code`` is given): code,
    title, body_code, position, since, who, text (the question); oldest first."""
    return con.execute(_EXPLANATIONS_SQL, _one_task(code)).df()


def _one_task(code: str | None) -> dict[str, object]:
    return {"code": code or "", "one": code is not None}


# An open task is assigned by ``today`` and not done as of ``today``: its latest report
# dated on or before ``today`` (if any) is below 100 %. It waits for a report when that
# latest report is dated before the current period began (or there is none).
_UNREPORTED_SQL = """
WITH latest AS (
    SELECT task_id, max(report_date) AS last_report,
           arg_max(progress, report_date) AS progress
    FROM progress
    WHERE report_date <= $today
    GROUP BY task_id
)
SELECT t.code, t.title, t.body_code, t.position, t.due_on, l.last_report AS since,
       l.progress
FROM tasks t LEFT JOIN latest l ON l.task_id = t.id
WHERE t.assignment_state = 'da_giao' AND t.assigned_on <= $today
  AND coalesce(l.progress, 0) < 100
  AND (l.last_report IS NULL OR l.last_report < $start)
ORDER BY l.last_report NULLS FIRST, t.code
"""


def unreported_tasks(con: Connection, start: date, today: date) -> pd.DataFrame:
    """Open assigned tasks with no report dated from ``start`` (the current period's first
    day) to ``today``: code, title, body_code, position, due_on, since (the last report's
    date, missing without one), progress; the longest silent first."""
    return con.execute(_UNREPORTED_SQL, {"today": today, "start": start}).df()
