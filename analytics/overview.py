"""What the overview shows, computed from per-task frames (no Streamlit here)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pandas as pd

from analytics.figures import aggregate, figures_by


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

    return [
        Headline("tasks_total", current["tasks"], change("tasks"), True),
        Headline("completion_rate", current["completion_rate"], change("completion_rate"), True),
        Headline("on_time_rate", current["on_time_rate"], change("on_time_rate"), True),
        Headline("qua_han", current["qua_han"], change("qua_han"), False),
        Headline("nguy_co", at_risk_now, float(at_risk_now - at_risk_before), False),
    ]


def _all(tasks: pd.DataFrame) -> dict:
    row = aggregate(tasks, [], with_delta=False).iloc[0].to_dict()
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


def figures_for(tasks: pd.DataFrame, by: str, ref: dict, language: str) -> pd.DataFrame:
    """Figures per body or area, labelled and ordered as the reference tables are."""
    table = ref["bodies"] if by == "body" else ref["areas"]
    labels = table.rename(columns={"code": "key"})[["key", "name_vi", "name_en"]].assign(
        sort_order=range(len(table))
    )
    return figures_by(tasks, by, labels, language=language)


def axis(groups: pd.DataFrame) -> list[tuple[str, str]]:
    """(key, label) pairs of a figures frame, in its order."""
    return list(zip(groups["key"], groups["label"], strict=True))
