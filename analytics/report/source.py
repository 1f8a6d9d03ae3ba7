"""What a report shows, read from the database the way the overview page reads it.

The overview is assembled by :func:`analytics.overview.of_period`, the function the page
calls too (there through its cached reads), so the report's headline figures and charts
are the screen's. The tables by body and area carry the window's progress gain as the
analysis page does; the list of tasks needing attention is complete (the screen shows
the first ten).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

import pandas as pd

from analytics import charts, overview, periods
from analytics.figures import figures_by
from analytics.filters import Filters
from analytics.periods import Choice
from analytics.store import lookups
from analytics.store.connection import Connection


@dataclass(frozen=True)
class ReportData:
    """Everything a report needs, computed once; rendering adds nothing but layout."""

    choice: Choice
    filters: Filters
    language: str
    today: date
    period_label: str
    overview: overview.Overview
    totals: pd.DataFrame  # one row: the figures of every task in scope (figures_by "all")
    by_body: pd.DataFrame  # figures per body (with the window's progress gain)
    by_area: pd.DataFrame
    attention: pd.DataFrame  # every overdue or at-risk task, worst first
    bodies: dict[str, str] = field(default_factory=dict)  # code -> name in the language
    areas: dict[str, str] = field(default_factory=dict)
    last_update: date | None = None

    @property
    def empty(self) -> bool:
        return self.overview.empty


def collect(
    con: Connection,
    choice: Choice,
    filters: Filters | None = None,
    language: str = "vi",
    *,
    today: date | None = None,
    period_label: str | None = None,
) -> ReportData:
    """Read and compute a report's content for a period and filters: the overview as the
    page assembles it (:func:`analytics.overview.of_period`), and the report's tables of
    the same scope."""
    today = today or date.today()
    filters = filters or Filters()
    ref = lookups.reference_tables(con)
    model, scope = overview.of_period(
        overview.ConnectionReads(con), choice, filters, ref, language, today
    )
    name = "name_vi" if language == "vi" else "name_en"
    return ReportData(
        choice=choice,
        filters=filters,
        language=language,
        today=today,
        period_label=period_label if period_label is not None else describe(choice, ref, language),
        overview=model,
        totals=figures_by(scope.tasks, "all", with_delta=choice.is_window, language=language),
        by_body=overview.figures_for(
            scope.tasks, "body", ref, language, with_delta=choice.is_window
        ),
        by_area=overview.figures_for(
            scope.tasks, "area", ref, language, with_delta=choice.is_window
        ),
        attention=overview.needs_attention(
            scope.tasks, scope.at_risk, model.as_of, limit=max(len(scope.tasks), 1)
        ),
        bodies=dict(zip(ref["bodies"]["code"], ref["bodies"][name], strict=True)),
        areas=dict(zip(ref["areas"]["code"], ref["areas"][name], strict=True)),
        last_update=lookups.last_update(con),
    )


def describe(choice: Choice, ref: dict, language: str = "vi") -> str:
    """The period as the sidebar names it (:func:`analytics.periods.name`); a date alone
    as an empty string (the as-of line says it)."""
    return periods.name(choice, ref["periods"], language) if choice.is_window else ""


def overview_charts(model: overview.Overview, language: str) -> dict[str, object]:
    """The overview page's four charts (the same builder as the screen)."""
    return charts.overview_figures(model, language, height=360)
