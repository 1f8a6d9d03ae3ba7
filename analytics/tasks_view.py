"""One task as the task page shows it (no Streamlit here)."""

from __future__ import annotations

import pandas as pd


def state_of(tasks: pd.DataFrame, code: str) -> dict | None:
    """The per-task row of ``code`` (status, progress, done date as of D); None if out of scope."""
    rows = tasks[tasks["code"] == code]
    return None if rows.empty else rows.iloc[0].to_dict()
