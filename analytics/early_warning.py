"""Early warning: open tasks that, at their current pace, will miss their deadline.

For a date D (default today), every assigned task given on or before D and not done
as of D (CONTRACT.md section 4) is listed. With U its deadline in force on D (an
approved extension's new deadline, else its own), p(X) its progress as of a date X
(the latest report on or before X, 0 without one), and a month of 365.25 / 12 =
30.4375 days:

- **needed per month** = (100 − p(D)) / months left, where months left =
  max(U − D in days, 1) / 30.4375 (at least one day).
- **pace per month**, the progress gained per month over the last 180 days:
  (p(D) − p(S)) / (max(D − S in days, 1) / 30.4375), where S, the start of the pace
  window, is D − 180 days, or the assignment date (at 0 %) when the task was
  assigned later than that. With quarterly reports this is the gain of the last two
  reporting quarters whatever day D falls on (both ends lag by the same amount); a
  task that reported nothing in 180 days has a pace of 0.
  A task with no report at all, assigned less than 90 days before D (one reporting
  quarter), is not judged yet: its pace is left empty.
- **projected finish** = D + (100 − p(D)) / pace months (whole days, rounded up),
  when the pace is above 0.
- **nguy_co** (at risk): the deadline has not passed (D ≤ U), the pace is known, and
  pace < needed per month; that is, at the current pace, counted from D, the task
  would finish after its deadline (or never, with a pace of 0 or less).

Overdue tasks (D > U, status ``qua_han``) are listed with their pace but never flagged
at risk: they are already late, and the overdue count says so. The rule counts only
what was reported: nothing is assumed to have happened since the latest report.
``analytics.labels`` holds this rule for the screen, in Vietnamese and English
(key ``early_warning_rule``).
"""

from __future__ import annotations

from datetime import date, timedelta

import numpy as np
import pandas as pd

from analytics.figures import GROUP_COLUMNS, GROUPS, LABELLED, group_labels
from analytics.store.connection import Database, use_connection
from analytics.store.figures_sql import open_task_history, reference_labels

DAYS_PER_MONTH = 365.25 / 12
PACE_WINDOW_DAYS = 180  # the pace is the gain over the last 180 days
GRACE_DAYS = 90  # a task with no report is not judged in its first reporting quarter
WARNING_COLUMNS = (
    "task_id", "code", "title", "body_code", "area_code", "position", "official",
    "assigner", "period_label", "assigned_on", "due_on", "own_due_on", "extended",
    "status", "progress", "last_report_on", "remaining", "days_left", "needed_per_month",
    "pace_from", "pace_per_month", "projected_finish", "nguy_co",
)  # fmt: skip


def pace_window_start(as_of: date) -> date:
    """D − 180 days: where the pace window starts for a task assigned before it."""
    return as_of - timedelta(days=PACE_WINDOW_DAYS)


def assess(open_tasks: pd.DataFrame, as_of: date) -> pd.DataFrame:
    """Apply the rule of this module to the frame of
    :func:`analytics.store.figures_sql.open_task_history` read as of ``as_of`` with
    ``pace_from=pace_window_start(as_of)``."""
    frame = open_tasks.copy()
    d = pd.Timestamp(as_of)
    assigned = pd.to_datetime(frame["assigned_on"])
    due = pd.to_datetime(frame["due_on"])
    reported = pd.to_datetime(frame["last_report_on"]).notna()
    progress = frame["progress"].astype("float64")

    remaining = 100.0 - progress
    days_left = (due - d).dt.days
    months_left = np.maximum(days_left, 1) / DAYS_PER_MONTH
    not_late = days_left >= 0
    needed = (remaining / months_left).where(not_late)

    # The pace window starts 180 days before D, or at the assignment (0 %) if later.
    window_start = pd.Timestamp(pace_window_start(as_of))
    from_assignment = assigned > window_start
    start = assigned.where(from_assignment, window_start)
    base = frame["pace_base_progress"].astype("float64").where(~from_assignment, 0.0)
    span_months = np.maximum((d - start).dt.days, 1) / DAYS_PER_MONTH
    judged = reported | ((d - assigned).dt.days >= GRACE_DAYS)
    pace = ((progress - base) / span_months).where(judged)

    finish_months = (remaining / pace).where(pace > 0)
    # Whole days, rounded up; the nudge keeps an exact 724.0 from becoming 725.
    projected = d + pd.to_timedelta(np.ceil(finish_months * DAYS_PER_MONTH - 1e-9), unit="D")

    frame["remaining"] = remaining
    frame["days_left"] = days_left.astype("int64")
    frame["needed_per_month"] = needed.round(2)
    frame["pace_from"] = start.where(judged)
    frame["pace_per_month"] = pace.round(2)
    frame["projected_finish"] = projected
    frame["nguy_co"] = (not_late & pace.notna() & (pace < needed)).astype(bool)
    return frame[list(WARNING_COLUMNS)].reset_index(drop=True)


def early_warning(
    db: Database = None,
    as_of: date | None = None,
    *,
    today: date | None = None,
) -> pd.DataFrame:
    """Every open task as of ``as_of`` (default today) with its needed pace, its pace and
    the ``nguy_co`` flag (module docstring). One row per task, at-risk first, then by
    deadline. Columns: :data:`WARNING_COLUMNS`; ``due_on`` is the deadline in force on
    ``as_of``, ``own_due_on`` the task's own; ``days_left`` is negative when overdue."""
    as_of = as_of or today or date.today()
    with use_connection(db) as con:
        open_tasks = open_task_history(con, as_of, pace_window_start(as_of))
    out = assess(open_tasks, as_of)
    return out.sort_values(
        ["nguy_co", "due_on", "code"], ascending=[False, True, True], kind="stable"
    ).reset_index(drop=True)


def early_warning_by(
    db: Database = None,
    by: str = "body",
    as_of: date | None = None,
    *,
    today: date | None = None,
    language: str = "vi",
) -> pd.DataFrame:
    """Per group: ``key``, ``label``, ``open_tasks`` (not done as of D), ``qua_han``
    (overdue) and ``nguy_co`` (at risk); groups with no open task are left out."""
    if by not in GROUPS:
        raise ValueError(f"unknown group {by!r}; one of {', '.join(GROUPS)}")
    as_of = as_of or today or date.today()
    with use_connection(db) as con:
        warnings = assess(open_task_history(con, as_of, pace_window_start(as_of)), as_of)
        labels = reference_labels(con, by) if by in LABELLED else None
    columns = ["key", "label", "open_tasks", "qua_han", "nguy_co"]
    if warnings.empty:
        return pd.DataFrame(columns=columns).astype(
            {
                "key": str,
                "label": str,
                "open_tasks": "int64",
                "qua_han": "int64",
                "nguy_co": "int64",
            }
        )
    warnings["_late"] = warnings["status"] == "qua_han"
    if by == "all":
        warnings["_key"] = "all"
    else:
        warnings["_key"] = warnings[GROUP_COLUMNS[by]].fillna("").astype(str)
    grouped = warnings.groupby("_key", sort=False)
    out = pd.DataFrame(
        {
            "open_tasks": grouped.size(),
            "qua_han": grouped["_late"].sum(),
            "nguy_co": grouped["nguy_co"].sum(),
        }
    ).reset_index(names="key")
    if by == "all":
        out["label"] = "Tất cả" if language == "vi" else "All"
        out["_order"] = 0
    else:
        label, order = group_labels(by, out["key"], labels, language)
        out["label"] = label.to_numpy()
        out["_order"] = order.to_numpy()
    out = out.sort_values(["_order", "label", "key"], kind="stable").reset_index(drop=True)
    return out[columns].astype({"open_tasks": "int64", "qua_han": "int64", "nguy_co": "int64"})
