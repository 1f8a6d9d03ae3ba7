"""Figure tables as people read and download them: headers in their language, rates
in percent, and changes against a comparison period (no Streamlit here)."""

from __future__ import annotations

import pandas as pd

from analytics import formats
from analytics.labels import text
from analytics.statuses import TASK_STATUS_CODES

CHANGE_PREFIX = "± "


def exact_rates(figures: pd.DataFrame, suffix: str = "") -> pd.DataFrame:
    """Completion and on-time rates recomputed from the counts, unrounded.

    Output figures are rounded to 4 decimals (CONTRACT.md); showing them again with one
    decimal would round twice (23/34 = 67.647 % -> 0.6765 -> "67,7 %"). The screen
    shows rates from the counts instead, so it reads "67,6 %" as a person computes it.
    """
    done = figures["hoan_thanh_dung_han" + suffix] + figures["hoan_thanh_qua_han" + suffix]
    due = done + figures["qua_han" + suffix]
    tasks = figures["tasks" + suffix]
    return pd.DataFrame(
        {
            "completion_rate": (done / tasks.where(tasks > 0)).astype("float64"),
            "on_time_rate": (figures["hoan_thanh_dung_han" + suffix] / due.where(due > 0)).astype(
                "float64"
            ),
        },
        index=figures.index,
    )


# Figures that get a change column when two periods are compared.
COMPARED = ("tasks", "qua_han", "completion_rate", "on_time_rate", "avg_progress")


# The figures per group, in the table's order (what one can chart); ``progress_delta``
# only in a period view (a window).
FIGURES = (
    "tasks", *TASK_STATUS_CODES, "completion_rate", "on_time_rate", "avg_progress", "extended",
)  # fmt: skip
# Figures shown in percent.
PERCENT_FIGURES = ("completion_rate", "on_time_rate", "avg_progress")
# Figures where lower is worse: their groups are listed lowest first. Counts are listed
# largest first, which for overdue and not started is also worst first.
LOWEST_FIRST = (*PERCENT_FIGURES, "progress_delta")


def figure_name(figure: str, language: str) -> str:
    """The figure's name as a title says it (no unit): ``Tỷ lệ hoàn thành``."""
    words = {"tasks": "tasks_total", "progress_delta": "period_delta"}
    return text(words.get(figure, figure), language)


def _header(figure: str, language: str) -> str:
    """The figure's column header: its name, with ``(%)`` for a percentage."""
    return figure_name(figure, language) + (" (%)" if figure in PERCENT_FIGURES else "")


def figure_values(figures: pd.DataFrame, figure: str, suffix: str = "") -> pd.Series:
    """The figure as the table shows it: rates in percent from the counts, others as stored."""
    if figure in ("completion_rate", "on_time_rate"):
        return exact_rates(figures, suffix)[figure] * 100  # rounded once, when shown
    return figures[figure + suffix]


def group_order(figures: pd.DataFrame, figure: str, suffix: str = "") -> list[int]:
    """Row positions of ``figures`` in reading order for ``figure``: lowest first for
    rates and progress, largest first for counts; empty values last; ties keep the
    frame's order (the reference lists' order)."""
    values = figure_values(figures, figure, suffix).reset_index(drop=True)
    ordered = values.sort_values(
        ascending=figure in LOWEST_FIRST, na_position="last", kind="stable"
    )
    return [int(i) for i in ordered.index]


def focused(table: pd.DataFrame, figure: str, order: list[int], language: str) -> pd.DataFrame:
    """``table`` with its rows in ``order`` and the columns of ``figure`` (its value, and
    its change when compared) right after the group, so the chosen figure reads first."""
    header = _header(figure, language)
    lead = [c for c in (header, CHANGE_PREFIX + header) if c in table.columns]
    group = table.columns[0]
    rest = [c for c in table.columns[1:] if c not in lead]
    return table.iloc[order][[group, *lead, *rest]].reset_index(drop=True)


def figures_table(figures: pd.DataFrame, language: str) -> pd.DataFrame:
    """Figures per group (``key``, ``label``, figures) with headers in ``language``;
    rates in percent. ``progress_delta`` only when the figures carry it."""
    table = pd.DataFrame({text("group", language): figures["label"]})
    for figure in FIGURES:
        table[_header(figure, language)] = figure_values(figures, figure)
    if figures["progress_delta"].notna().any():
        table[_header("progress_delta", language)] = figures["progress_delta"]
    return table.reset_index(drop=True)


def compared_table(compared: pd.DataFrame, language: str) -> pd.DataFrame:
    """The current figures (``*_second``) with, after the main ones, their change since
    the comparison period (``*_change``; rates in percentage points)."""
    table = pd.DataFrame({text("group", language): compared["label"]})
    for figure in FIGURES:
        table[_header(figure, language)] = figure_values(compared, figure, "_second")
        if figure in ("completion_rate", "on_time_rate"):
            change = figure_values(compared, figure, "_second") - figure_values(
                compared, figure, "_first"
            )
            table[CHANGE_PREFIX + _header(figure, language)] = change
        elif figure in COMPARED:
            table[CHANGE_PREFIX + _header(figure, language)] = compared[figure + "_change"]
    if compared["progress_delta_second"].notna().any():
        table[_header("progress_delta", language)] = compared["progress_delta_second"]
    return table.reset_index(drop=True)


def for_screen(table: pd.DataFrame, language: str) -> pd.DataFrame:
    """A copy with numbers written as the screen shows them: ``72,5``, changes ``+4,2``
    / ``-3``, empty rates as a dash."""
    shown = table.copy()
    for column in shown.columns[1:]:
        values = shown[column]
        integer = pd.api.types.is_integer_dtype(values.dtype)
        decimals = 0 if integer else 1
        if column.startswith(CHANGE_PREFIX):
            shown[column] = [formats.signed(v, decimals, language) for v in values]
        else:
            shown[column] = [formats.number(v, decimals, language) for v in values]
    return shown


def for_download(table: pd.DataFrame) -> pd.DataFrame:
    """A copy with fractional numbers rounded to 2 decimals, as numbers."""
    return table.round(2)
