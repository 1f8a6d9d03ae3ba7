"""Figure tables as people read and download them: headers in their language, rates
in percent, and changes against a comparison period (no Streamlit here)."""

from __future__ import annotations

import pandas as pd

from analytics import formats
from analytics.labels import text
from analytics.statuses import TASK_STATUS_CODES

CHANGE_PREFIX = "± "
# Figures that get a change column when two periods are compared.
COMPARED = ("tasks", "qua_han", "completion_rate", "on_time_rate", "avg_progress")


def _header(figure: str, language: str) -> str:
    if figure in ("completion_rate", "on_time_rate", "avg_progress"):
        return f"{text(figure, language)} (%)"
    if figure == "tasks":
        return text("tasks_total", language)
    if figure == "progress_delta":
        return text("period_delta", language)
    return text(figure, language)


def _values(figures: pd.DataFrame, figure: str, suffix: str = "") -> pd.Series:
    values = figures[figure + suffix]
    if figure in ("completion_rate", "on_time_rate"):
        return (values * 100).round(2)
    return values


def figures_table(figures: pd.DataFrame, language: str) -> pd.DataFrame:
    """Figures per group (``key``, ``label``, figures) with headers in ``language``;
    rates in percent. ``progress_delta`` only when the figures carry it."""
    table = pd.DataFrame({text("group", language): figures["label"]})
    for figure in ("tasks", *TASK_STATUS_CODES, "completion_rate", "on_time_rate",
                   "avg_progress"):  # fmt: skip
        table[_header(figure, language)] = _values(figures, figure)
    if figures["progress_delta"].notna().any():
        table[_header("progress_delta", language)] = figures["progress_delta"]
    return table.reset_index(drop=True)


def compared_table(compared: pd.DataFrame, language: str) -> pd.DataFrame:
    """The current figures (``*_second``) with, after the main ones, their change since
    the comparison period (``*_change``; rates in percentage points)."""
    table = pd.DataFrame({text("group", language): compared["label"]})
    for figure in ("tasks", *TASK_STATUS_CODES, "completion_rate", "on_time_rate",
                   "avg_progress"):  # fmt: skip
        table[_header(figure, language)] = _values(compared, figure, "_second")
        if figure in COMPARED:
            table[CHANGE_PREFIX + _header(figure, language)] = _values(compared, figure, "_change")
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
