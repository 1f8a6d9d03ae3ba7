"""Figures per group as CONTRACT.md section 4 defines them.

``analytics.store.figures_sql`` gives one row per task with its status as of D;
this module counts and averages those rows per group in pandas. No Streamlit here.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import date

import duckdb
import pandas as pd

from analytics.reference_data import period_display, period_kind
from analytics.statuses import TASK_STATUS_CODES
from analytics.store.connection import use_connection
from analytics.store.figures_sql import reference_labels, task_states

GROUPS = ("body", "area", "position", "official", "assigner", "period", "all")
# Per-task column each group is keyed on (a fixed allow-list).
GROUP_COLUMNS = {
    "body": "body_code",
    "area": "area_code",
    "position": "position",
    "official": "official",
    "assigner": "assigner",
    "period": "period_label",
}
FIGURE_COLUMNS = (
    "tasks",
    *TASK_STATUS_CODES,
    "completion_rate",
    "on_time_rate",
    "avg_progress",
    "progress_delta",
)
UNRECORDED_LABEL = "(chưa ghi)"
ALL_LABEL = "Tất cả"


@dataclass(frozen=True)
class Window:
    """What a figure is computed over: the date D and the tasks in scope."""

    as_of: date
    scope_from: date | None = None
    scope_to: date | None = None
    window_from: date | None = None


def resolve_window(
    as_of: date | None = None,
    date_from: date | None = None,
    date_to: date | None = None,
    today: date | None = None,
) -> Window:
    """Turn the user's ``as_of`` or ``[from, to]`` into D and the scope (CONTRACT.md §4).

    ``from`` alone runs to today; ``to`` alone has no lower bound; D is ``to``,
    or today when ``to`` is later. ``as_of`` with a window is a misuse.
    """
    today = today or date.today()
    if as_of is not None and (date_from is not None or date_to is not None):
        raise ValueError("as_of cannot be combined with date_from/date_to")
    if date_from is None and date_to is None:
        return Window(as_of=as_of or today)
    end = date_to or today
    if date_from is not None and date_from > end:
        raise ValueError("date_from is after date_to")
    return Window(as_of=min(end, today), scope_from=date_from, scope_to=end, window_from=date_from)


def task_frame(con: duckdb.DuckDBPyConnection, window: Window) -> pd.DataFrame:
    """Per-task state for a window (see :func:`analytics.store.figures_sql.task_states`)."""
    return task_states(
        con,
        window.as_of,
        scope_from=window.scope_from,
        scope_to=window.scope_to or window.as_of,
        window_from=window.window_from,
    )


def aggregate(tasks: pd.DataFrame, keys: list[str], with_delta: bool) -> pd.DataFrame:
    """Count, rate and average the per-task rows by ``keys`` (empty list: one row for all)."""
    status_counts = pd.get_dummies(tasks["status"]).reindex(
        columns=list(TASK_STATUS_CODES), fill_value=False
    )
    frame = pd.concat([tasks[keys], status_counts.astype("int64"), tasks[["progress"]]], axis=1)
    frame["delta"] = tasks["progress"] - tasks["progress_before"]
    if keys:
        grouped = frame.groupby(keys, sort=False, dropna=False)
        out = grouped[list(TASK_STATUS_CODES)].sum()
        out.insert(0, "tasks", grouped.size())
        out["progress_mean"] = grouped["progress"].mean()
        out["delta_mean"] = grouped["delta"].mean()
        out = out.reset_index()
    else:
        out = pd.DataFrame([frame[list(TASK_STATUS_CODES)].sum()])
        out.insert(0, "tasks", len(frame))
        out["progress_mean"] = frame["progress"].mean() if len(frame) else float("nan")
        out["delta_mean"] = frame["delta"].mean() if len(frame) else float("nan")
    done = out["hoan_thanh_dung_han"] + out["hoan_thanh_qua_han"]
    due = done + out["qua_han"]
    out["completion_rate"] = (done / out["tasks"]).round(4)
    out["on_time_rate"] = (out["hoan_thanh_dung_han"] / due.where(due > 0)).round(4)
    out["avg_progress"] = out.pop("progress_mean").round(2)
    delta = out.pop("delta_mean").round(2)
    out["progress_delta"] = delta if with_delta else float("nan")
    return out


def figures_by(
    tasks: pd.DataFrame,
    by: str,
    labels: pd.DataFrame | None = None,
    *,
    with_delta: bool = False,
    language: str = "vi",
) -> pd.DataFrame:
    """Figures per group: ``key``, ``label`` and every figure; groups with no task left out."""
    if by not in GROUPS:
        raise ValueError(f"unknown group {by!r}; one of {', '.join(GROUPS)}")
    if by == "all":
        out = aggregate(tasks, [], with_delta)
        out.insert(0, "label", ALL_LABEL if language == "vi" else "All")
        out.insert(0, "key", "all")
        return _typed(out)
    column = GROUP_COLUMNS[by]
    if tasks.empty:
        return _typed(pd.DataFrame(columns=["key", "label", *FIGURE_COLUMNS]))
    out = aggregate(tasks, [column], with_delta).rename(columns={column: "key"})
    out = _label_and_order(out, by, labels, language)
    return _typed(out)


def _label_and_order(
    out: pd.DataFrame, by: str, labels: pd.DataFrame | None, language: str
) -> pd.DataFrame:
    name_column = "name_vi" if language == "vi" else "name_en"
    if by in ("body", "area", "position") and labels is not None and len(labels):
        merged = out.merge(labels, on="key", how="left")
        merged["label"] = merged[name_column].fillna(merged["key"])
        # Known rows in their reference order, unknown ones after, by name.
        merged["order"] = merged["sort_order"].fillna(10_000)
        merged = merged.sort_values(["order", "label"], kind="stable")
        return merged[["key", "label", *FIGURE_COLUMNS]]
    if by == "period":
        kinds = dict(zip(labels["key"], labels["kind"], strict=True)) if labels is not None else {}
        out["label"] = [
            period_display(key, period_kind(key, kinds), language) for key in out["key"]
        ]
        out = out.sort_values(["key"], kind="stable")
        return out[["key", "label", *FIGURE_COLUMNS]]
    unrecorded = UNRECORDED_LABEL if language == "vi" else "(not recorded)"
    out["label"] = out["key"].where(out["key"] != "", unrecorded)
    out = out.sort_values(["key"], kind="stable")
    return out[["key", "label", *FIGURE_COLUMNS]]


def _typed(out: pd.DataFrame) -> pd.DataFrame:
    out = out.reset_index(drop=True)
    out["key"] = out["key"].astype(str)
    out["label"] = out["label"].astype(str)
    for column in ("tasks", *TASK_STATUS_CODES):
        out[column] = out[column].astype("int64")
    for column in ("completion_rate", "on_time_rate", "avg_progress", "progress_delta"):
        out[column] = out[column].astype("float64")
    return out


def summary(
    db: str | os.PathLike[str] | duckdb.DuckDBPyConnection | None = None,
    by: str = "all",
    as_of: date | None = None,
    date_from: date | None = None,
    date_to: date | None = None,
    *,
    today: date | None = None,
    language: str = "vi",
) -> pd.DataFrame:
    """The figures of CONTRACT.md section 4 per group, one row per group with a task in scope.

    ``db`` is a path (opened and closed here) or an open DuckDB connection.
    """
    if by not in GROUPS:
        raise ValueError(f"unknown group {by!r}; one of {', '.join(GROUPS)}")
    window = resolve_window(as_of, date_from, date_to, today)
    with use_connection(db) as con:
        tasks = task_frame(con, window)
        labels = reference_labels(con, by) if by in ("body", "area", "position", "period") else None
    return figures_by(
        tasks, by, labels, with_delta=window.window_from is not None, language=language
    )
