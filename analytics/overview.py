"""What the overview shows, computed from per-task frames (no Streamlit here)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Protocol

import numpy as np
import pandas as pd

from analytics import periods
from analytics.cycle import stale
from analytics.early_warning import early_warning
from analytics.figures import ALL_LABEL, aggregate, figures_by, task_frame
from analytics.filters import Filters, apply_filters
from analytics.periods import Choice, Window
from analytics.store.connection import Connection
from analytics.store.figures_sql import first_assigned_on, trend_rows
from analytics.tables import exact_rates
from analytics.trend import period_ends, period_name


@dataclass(frozen=True)
class Headline:
    """One headline card: the value now and its change since the comparison date."""

    key: str
    value: float | None
    change: float | None
    higher_is_better: bool


def headline(
    now: pd.DataFrame,
    before: pd.DataFrame,
    at_risk_now: int = 0,
    at_risk_before: int = 0,
) -> list[Headline]:
    """Tasks, completion rate, on-time rate, overdue and at-risk counts, with their change.

    ``now`` and ``before`` are per-task frames (same filters) as of D and as of the
    comparison date. Rates change in fractions (the screen shows percentage points).
    """
    current = _all(now)
    previous = _all(before)

    def change(key: str) -> float | None:
        a, b = current.get(key), previous.get(key)
        if a is None or b is None or pd.isna(a) or pd.isna(b):
            return None
        return float(a) - float(b)

    # Nothing to compare with (no task in the comparison period): no change at all,
    # rather than an at-risk count "up" from nothing.
    risk_change = float(at_risk_now - at_risk_before) if previous else None

    return [
        Headline("tasks_total", current.get("tasks", 0), change("tasks"), True),
        Headline(
            "completion_rate", current.get("completion_rate"), change("completion_rate"), True
        ),
        Headline("on_time_rate", current.get("on_time_rate"), change("on_time_rate"), True),
        Headline("qua_han", current.get("qua_han", 0), change("qua_han"), False),
        Headline("nguy_co", at_risk_now, risk_change, False),
    ]


def _all(tasks: pd.DataFrame) -> dict:
    figures = aggregate(tasks, [], with_delta=False)
    if figures.empty:
        return {}
    figures[["completion_rate", "on_time_rate"]] = exact_rates(figures)
    row = figures.iloc[0].to_dict()
    return {k: (None if isinstance(v, float) and pd.isna(v) else v) for k, v in row.items()}


def pairs(tasks: pd.DataFrame, rows: str, columns: str) -> pd.DataFrame:
    """Figures per (row, column) pair, e.g. body × area, for a heatmap."""
    if tasks.empty:
        return pd.DataFrame(columns=["row", "column", "tasks", "completion_rate"])
    out = aggregate(tasks, [rows, columns], with_delta=False)
    return out.rename(columns={rows: "row", columns: "column"})


def needs_attention(
    tasks: pd.DataFrame, at_risk_codes: set[str], as_of: date, limit: int = 10
) -> pd.DataFrame:
    """Overdue and at-risk tasks, worst first: overdue by days late, then at risk by progress."""
    overdue = tasks["status"] == "qua_han"
    risky = tasks["code"].isin(at_risk_codes) & ~overdue
    chosen = tasks[overdue | risky].copy()
    chosen["flag"] = ["qua_han" if o else "nguy_co" for o in overdue[overdue | risky]]
    due = pd.to_datetime(chosen["due_on"])
    chosen["days_late"] = (pd.Timestamp(as_of) - due).dt.days.clip(lower=0)
    chosen["days_left"] = (due - pd.Timestamp(as_of)).dt.days.clip(lower=0)
    chosen["rank"] = (chosen["flag"] != "qua_han").astype(int)
    chosen = chosen.sort_values(
        ["rank", "days_late", "progress", "code"], ascending=[True, False, True, True]
    )
    return chosen.head(limit).drop(columns=["rank"]).reset_index(drop=True)


def figures_for(
    tasks: pd.DataFrame, by: str, ref: dict, language: str, *, with_delta: bool = False
) -> pd.DataFrame:
    """Figures per group, labelled and ordered as the reference tables are."""
    return figures_by(tasks, by, _labels(by, ref), with_delta=with_delta, language=language)


def _labels(by: str, ref: dict) -> pd.DataFrame | None:
    if by in ("body", "area"):
        table = ref["bodies"] if by == "body" else ref["areas"]
        return table.rename(columns={"code": "key"})[["key", "name_vi", "name_en"]].assign(
            sort_order=range(len(table))
        )
    if by == "position":
        table = ref["positions"]
        return table.assign(key=table["name_vi"], sort_order=range(len(table)))
    if by == "period":
        return ref["periods"].rename(columns={"label": "key"})
    return None


def axis(groups: pd.DataFrame) -> list[tuple[str, str]]:
    """(key, label) pairs of a figures frame, in its order."""
    return list(zip(groups["key"], groups["label"], strict=True))


def quarter_rows(con: Connection, as_of: date) -> pd.DataFrame:
    """Every assigned task's state as of every quarter end up to ``as_of`` (the last point
    is ``as_of`` itself), with its ``task_id``, so any filter can be applied later."""
    start = first_assigned_on(con)
    if start is None or start > as_of:
        return pd.DataFrame(columns=["as_of", "task_id", "status", "progress"])
    return trend_rows(con, period_ends(start, as_of, "quarter"), with_task=True)


def quarterly_completion(
    rows: pd.DataFrame,
    tasks: pd.DataFrame,
    filters: Filters,
    language: str,
    *,
    window: Choice | None = None,
) -> pd.DataFrame:
    """Completion rate per quarter end over the tasks that pass ``filters``.

    ``rows`` come from :func:`quarter_rows`; ``tasks`` is the per-task frame of the view
    (every task the line can hold). The status filter is not applied: a task's status
    changes along the line. In a period view (``window``) the line holds the period's
    tasks only, so its point at the period's end is the card's figure, and the points
    of the quarters that overlap the period are marked ``chosen``. Columns:
    ``period_end``, ``period_label``, ``series``, ``chosen`` and the figures.
    """
    columns = ["period_end", "period_label", "series", "chosen", "tasks", "completion_rate"]
    dimensions = Filters(**{d: v for d, v in filters.active().items() if d != "status"})
    if dimensions.active() or window is not None:
        chosen = apply_filters(tasks, dimensions)["task_id"].to_numpy()
        rows = rows[np.isin(rows["task_id"].to_numpy(), chosen)]
    if rows.empty:
        return pd.DataFrame(columns=columns)
    out = aggregate(rows, ["as_of"], with_delta=False)
    out[["completion_rate", "on_time_rate"]] = exact_rates(out)
    out["as_of"] = pd.to_datetime(out["as_of"].astype(object)).dt.date
    out = out.sort_values("as_of", ignore_index=True)  # one row order, whatever the input's
    out["period_end"] = out["as_of"]
    out["period_label"] = [period_name(d, "quarter", language) for d in out["as_of"]]
    out["series"] = ALL_LABEL if language == "vi" else "All"
    # A point closes its quarter: the quarter overlaps the period when it ends on or
    # after the period's first day (every point is on or before the period's end).
    start = window.date_from if window is not None else None
    out["chosen"] = [window is not None and (start is None or d >= start) for d in out["as_of"]]
    return out[[*columns, *[c for c in out.columns if c not in columns and c != "as_of"]]]


def at_risk_codes(warnings: pd.DataFrame, filters: Filters) -> set[str]:
    """Codes of the tasks flagged at risk (``early_warning`` rows) that pass ``filters``."""
    warnings = apply_filters(warnings, filters)
    return set(warnings.loc[warnings["nguy_co"].astype(bool), "code"])


@dataclass(frozen=True)
class Overview:
    """Everything the overview page shows, computed once per view.

    ``since`` is the date the comparison figures are read at; ``compared`` names what the
    changes compare with (``Quý II/2026`` in a period view, ``30/06/2026`` in an as-of
    view) and ``compared_dates`` adds the window's dates; ``period`` names the chosen
    period (empty in an as-of view).
    """

    as_of: date
    since: date
    cards: list[Headline]
    by_body: pd.DataFrame
    by_area: pd.DataFrame
    cells: pd.DataFrame
    trend: pd.DataFrame
    attention: pd.DataFrame
    silent: int = 0
    period: str = ""
    compared: str = ""
    compared_dates: str = ""

    @property
    def empty(self) -> bool:
        return self.by_body.empty

    @property
    def is_window(self) -> bool:
        return bool(self.period)


@dataclass(frozen=True)
class Scope:
    """The view's tasks under the filters (per-task frame) and the codes of those at risk:
    what the overview counts, and what a report lists in full."""

    tasks: pd.DataFrame
    at_risk: frozenset[str]


class Reads(Protocol):
    """What the overview reads (cached on the page, straight from a connection in a report
    or a script: :class:`ConnectionReads`)."""

    def tasks(self, window: Window) -> pd.DataFrame:
        """The per-task frame of a resolved period (``analytics.figures.task_frame``)."""

    def warnings(self, as_of: date) -> pd.DataFrame:
        """The ``early_warning`` rows as of a date."""

    def quarter_rows(self, as_of: date) -> pd.DataFrame:
        """The rows of :func:`quarter_rows`."""

    def silent(self, as_of: date) -> pd.DataFrame:
        """The open tasks without a recent report as of a date (``analytics.cycle.stale``)."""


@dataclass(frozen=True)
class ConnectionReads:
    """The overview's reads straight from an open connection, each made when asked."""

    con: Connection

    def tasks(self, window: Window) -> pd.DataFrame:
        return task_frame(self.con, window)

    def warnings(self, as_of: date) -> pd.DataFrame:
        return early_warning(self.con, as_of)

    def quarter_rows(self, as_of: date) -> pd.DataFrame:
        return quarter_rows(self.con, as_of)

    def silent(self, as_of: date) -> pd.DataFrame:
        return stale(self.con, as_of)


def of_period(
    read: Reads, choice: Choice, filters: Filters, ref: dict, language: str, today: date
) -> tuple[Overview, Scope]:
    """The overview of a period (or a date) under ``filters``, and its scope; the one
    place the overview is assembled (the page and the report both call it).

    The changes count from the previous period of the same kind
    (:func:`analytics.periods.comparison`, the analysis page's rule): a quarter from the
    quarter before, a year from the year before, another window from the window of the
    same length just before it, a date from the previous quarter end. Each period is
    resolved once, on ``today``, and read as that :class:`~analytics.periods.Window`.
    """
    previous = periods.comparison(choice, "previous", today)
    now, before = choice.window(today), previous.window(today)
    return build(
        now=read.tasks(now),
        before=read.tasks(before),
        warnings_now=read.warnings(now.as_of),
        warnings_before=read.warnings(before.as_of),
        rows=read.quarter_rows(now.as_of),
        silent=read.silent(now.as_of),
        filters=filters,
        ref=ref,
        choice=choice,
        previous=previous,
        as_of=now.as_of,
        since=before.as_of,
        language=language,
    )


def build(
    now: pd.DataFrame,
    before: pd.DataFrame,
    warnings_now: pd.DataFrame,
    warnings_before: pd.DataFrame,
    rows: pd.DataFrame,
    silent: pd.DataFrame,
    filters: Filters,
    ref: dict,
    choice: Choice,
    previous: Choice,
    as_of: date,
    since: date,
    language: str,
) -> tuple[Overview, Scope]:
    """The overview of the tasks in ``now`` (per-task frame of ``choice``, unfiltered)
    under ``filters``, and its scope.

    ``before`` is the per-task frame of ``previous``, the period the changes compare
    with; ``as_of`` and ``since`` are the two periods' dates D, where the warnings
    (``early_warning`` rows) are read; ``rows`` feed the quarterly line
    (:func:`quarter_rows`); ``silent`` lists the open tasks without a recent report
    (``analytics.cycle.stale``). Every figure is of the view's scope: in a period view,
    the tasks of the period's window (CONTRACT.md section 4); a task at risk is open and
    within its deadline on the period's end, so it is one of them already.
    """
    now = apply_filters(now, filters)
    before = apply_filters(before, filters)
    risky_now = at_risk_codes(warnings_now, filters)
    silent = silent[silent["code"].isin(now["code"])]
    terms = ref.get("periods")
    model = Overview(
        as_of=as_of,
        since=since,
        cards=headline(now, before, len(risky_now), len(at_risk_codes(warnings_before, filters))),
        by_body=figures_for(now, "body", ref, language),
        by_area=figures_for(now, "area", ref, language),
        cells=pairs(now, "area_code", "body_code"),
        trend=quarterly_completion(
            rows, now, filters, language, window=choice if choice.is_window else None
        ),
        attention=needs_attention(now, risky_now, as_of),
        silent=len(apply_filters(silent, filters.with_values(status=()))),
        period=periods.name(choice, terms, language) if choice.is_window else "",
        compared=periods.name(previous, terms, language),
        compared_dates=periods.named_with_dates(previous, terms, language),
    )
    return model, Scope(tasks=now, at_risk=frozenset(risky_now))
