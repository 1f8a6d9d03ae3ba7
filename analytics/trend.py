"""Figures over time, and two periods side by side.

**Trend.** The figures of CONTRACT.md section 4 read "as of" the last day of every
quarter (or month) in a range: for an end date E, D is E and the tasks in scope are
the assigned tasks given on or before E, each read against its deadline in force at E
(an extension approved after E does not count yet). When the range ends inside a
period, the last point is the range's end itself (the quarter so far), so a line
reaches today.
All dates are computed in one SQL query (a window pass and an ASOF join, see
``analytics.store.figures_sql.trend_rows``), not one query per date.
``progress_delta`` belongs to a window, so the trend does not carry it.

**Comparison.** :func:`compare_windows` reads two windows ``[from, to]`` exactly as
``summary --from --to`` does and puts them side by side per group, with the change
(second minus first).
"""

from __future__ import annotations

from datetime import date, timedelta

import numpy as np
import pandas as pd

from analytics.figures import (
    FIGURE_COLUMNS,
    GROUPS,
    LABELLED,
    aggregate,
    group_labels,
    summary,
)
from analytics.statuses import TASK_STATUS_CODES
from analytics.store.connection import Database, use_connection
from analytics.store.figures_sql import first_assigned_on, reference_labels, trend_rows

FREQUENCIES = ("quarter", "month")
TREND_FIGURES = tuple(f for f in FIGURE_COLUMNS if f != "progress_delta")
ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}


def _month_end(year: int, month: int) -> date:
    return date(year + month // 12, month % 12 + 1, 1) - timedelta(days=1)


def period_ends(date_from: date, date_to: date, freq: str = "quarter") -> list[date]:
    """Last days of the quarters (or months) ending in ``[date_from, date_to]``, and
    ``date_to`` itself when it falls inside a period (that period so far)."""
    if freq not in FREQUENCIES:
        raise ValueError(f"unknown frequency {freq!r}; one of {', '.join(FREQUENCIES)}")
    if date_from > date_to:
        raise ValueError("date_from is after date_to")
    step = 3 if freq == "quarter" else 1
    ends: list[date] = []
    year, month = date_from.year, date_from.month
    month = ((month - 1) // step + 1) * step  # the period's last month
    while True:
        end = _month_end(year, month)
        if end > date_to:
            break
        if end >= date_from:
            ends.append(end)
        year, month = (year + 1, month + step - 12) if month + step > 12 else (year, month + step)
    if not ends or ends[-1] < date_to:
        ends.append(date_to)
    return ends


def period_name(end: date, freq: str = "quarter", language: str = "vi") -> str:
    """``Quý III/2026`` / ``Q3 2026`` for a quarter, ``Tháng 09/2026`` / ``2026-09`` for a month."""
    if freq == "quarter":
        quarter = (end.month - 1) // 3 + 1
        return f"Quý {ROMAN[quarter]}/{end.year}" if language == "vi" else f"Q{quarter} {end.year}"
    return (
        f"Tháng {end.month:02d}/{end.year}" if language == "vi" else f"{end.year}-{end.month:02d}"
    )


def trend(
    db: Database = None,
    freq: str = "quarter",
    by: str = "all",
    date_from: date | None = None,
    date_to: date | None = None,
    *,
    today: date | None = None,
    language: str = "vi",
) -> pd.DataFrame:
    """The figures as of the end of every quarter (or month) from ``date_from`` to ``date_to``.

    Defaults: from the first assignment to today. One row per (date, group with a task):
    ``as_of`` (the date D of that point), ``period`` (its name, e.g. ``Quý I/2024``),
    ``key``, ``label`` and every figure of :func:`analytics.figures.summary` except
    ``progress_delta``. Ordered by date, then as ``summary`` orders groups.
    """
    if by not in GROUPS:
        raise ValueError(f"unknown group {by!r}; one of {', '.join(GROUPS)}")
    date_to = date_to or today or date.today()
    groups = () if by == "all" else (by,)
    with use_connection(db) as con:
        start = date_from or first_assigned_on(con)
        if start is None or start > date_to:
            rows = pd.DataFrame()
            ends: list[date] = []
        else:
            ends = period_ends(start, date_to, freq)
            rows = trend_rows(con, ends, groups)
        labels = reference_labels(con, by) if by in LABELLED else None
    columns = ["as_of", "period", "key", "label", *TREND_FIGURES]
    if rows.empty:
        return _typed(pd.DataFrame(columns=columns))
    keys = ["as_of", *groups]
    out = aggregate(rows, keys, with_delta=False)
    if by == "all":
        out["key"] = "all"
        out["label"] = "Tất cả" if language == "vi" else "All"
        out["_order"] = 0
    else:
        out = out.rename(columns={by: "key"})
        out["key"] = out["key"].fillna("").astype(str)
        label, order = group_labels(by, out["key"], labels, language)
        out["label"] = label.to_numpy()
        out["_order"] = order.to_numpy()
    out["period"] = [period_name(d, freq, language) for d in out["as_of"]]
    out = out.sort_values(["as_of", "_order", "label", "key"], kind="stable")
    return _typed(out[columns])


def _typed(out: pd.DataFrame) -> pd.DataFrame:
    out = out.reset_index(drop=True)
    for column in ("period", "key", "label"):
        out[column] = out[column].astype(str)
    for column in ("tasks", *TASK_STATUS_CODES, "extended"):
        out[column] = out[column].astype("int64")
    for column in ("completion_rate", "on_time_rate", "avg_progress"):
        out[column] = out[column].astype("float64")
    return out


COUNT_COLUMNS = ("tasks", *TASK_STATUS_CODES, "extended")


def compare_windows(
    db: Database,
    by: str,
    first: tuple[date | None, date | None],
    second: tuple[date | None, date | None],
    *,
    today: date | None = None,
    language: str = "vi",
) -> pd.DataFrame:
    """Figures of two windows ``(from, to)`` side by side per group, with the change.

    Each window is read as ``summary(db, by, date_from=..., date_to=...)`` reads it.
    Columns: ``key``, ``label``, then for every figure F: ``F_first``, ``F_second`` and
    ``F_change`` (second minus first). A group found in one window only has counts 0
    and rates empty in the other; a change involving an empty rate is empty.
    Groups are listed in the order ``summary`` uses, those of the second window first.
    """
    with use_connection(db) as con:
        a = summary(con, by, date_from=first[0], date_to=first[1], today=today, language=language)
        b = summary(con, by, date_from=second[0], date_to=second[1], today=today, language=language)
    return side_by_side(a, b)


def side_by_side(a: pd.DataFrame, b: pd.DataFrame) -> pd.DataFrame:
    """Two figure frames (``key``, ``label``, figures) per group, with the change b - a.

    The columns and order are those :func:`compare_windows` documents.
    """
    merged = b.merge(a, on=["key"], how="outer", suffixes=("_second", "_first"), sort=False)
    merged["label"] = merged["label_second"].fillna(merged["label_first"])
    # Keep the second window's order, then groups found only in the first.
    order: dict[str, int] = {}
    for key in [*b["key"], *a["key"]]:
        order.setdefault(key, len(order))  # a group's first place wins
    merged["_order"] = [order[k] for k in merged["key"]]
    merged = merged.sort_values("_order", kind="stable").reset_index(drop=True)
    out = merged[["key", "label"]].copy()
    for figure in FIGURE_COLUMNS:
        old, new = merged[f"{figure}_first"], merged[f"{figure}_second"]
        if figure in COUNT_COLUMNS:
            old, new = old.fillna(0).astype("int64"), new.fillna(0).astype("int64")
            change = new - old
        else:
            digits = 2 if figure in ("avg_progress", "progress_delta") else 4
            change = pd.Series(np.round(new.to_numpy() - old.to_numpy(), digits))
        out[f"{figure}_first"] = old.to_numpy()
        out[f"{figure}_second"] = new.to_numpy()
        out[f"{figure}_change"] = change.to_numpy()
    return out
