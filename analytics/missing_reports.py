"""Reports missing for the last reporting period that ended (Decree 09/2019's calendar,
``TRACKER_REPORTING``): the assigned tasks, open as of today, assigned before the period
began, with no report dated in it — "chưa báo cáo kỳ này" — and their count by body.
No Streamlit here."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pandas as pd

from analytics import reporting_calendar
from analytics.reminders.items import open_tasks
from analytics.store import reminders_sql
from analytics.store.connection import Database, use_connection
from analytics.store.figures_sql import task_states


@dataclass(frozen=True)
class MissingReports:
    period: tuple[date, date]
    kind: str
    tasks: pd.DataFrame  # code, title, body_code, area_code, position, official, ... due_on

    def filtered(self, tasks: pd.DataFrame) -> MissingReports:
        """The same period with only ``tasks`` (a filtered part of :attr:`tasks`)."""
        return MissingReports(self.period, self.kind, tasks.reset_index(drop=True))

    def name(self, language: str = "vi") -> str:
        return reporting_calendar.period_name(self.period, self.kind, language)

    def by_body(self, bodies: pd.DataFrame, language: str = "vi") -> pd.DataFrame:
        """``key``, ``label``, ``tasks`` per body with a report missing, most first."""
        counts = self.tasks.groupby("body_code").size().rename("tasks").reset_index()
        column = "name_en" if language == "en" else "name_vi"
        names = dict(zip(bodies["code"], bodies[column], strict=True))
        counts["label"] = [names.get(code, code) for code in counts["body_code"]]
        counts = counts.rename(columns={"body_code": "key"})
        ordered = counts.sort_values(["tasks", "key"], ascending=[False, True])
        return ordered[["key", "label", "tasks"]].reset_index(drop=True)


def missing_reports(db: Database, today: date, kind: str | None = None) -> MissingReports:
    """The tasks without a report in the last reporting period ended before ``today``."""
    kind = kind or reporting_calendar.reporting_kind()
    period = reporting_calendar.last_ended(today, kind)
    with use_connection(db) as con:
        states = open_tasks(task_states(con, today))
        reported = reminders_sql.reported_between(con, *period)
    columns = ["code", "title", "body_code", "area_code", "position", "official", "assigner",
               "status", "due_on", "last_report_on"]  # fmt: skip
    silent = silent_in(states, reported, period)
    return MissingReports(period, kind, silent[columns].reset_index(drop=True))


def silent_in(
    open_states: pd.DataFrame, reported: set[str], period: tuple[date, date]
) -> pd.DataFrame:
    """The rule, in one place: the open assigned tasks (``open_states``) assigned before
    ``period`` began whose code has no report dated in it (``reported``)."""
    assigned_on = pd.to_datetime(open_states["assigned_on"]).dt.date
    return open_states[(assigned_on < period[0]) & ~open_states["code"].isin(reported)]
