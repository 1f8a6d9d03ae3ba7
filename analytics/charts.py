"""Plotly figure builders: data in, ``go.Figure`` out; no Streamlit here."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from analytics import formats
from analytics.labels import text
from analytics.statuses import TASK_STATUSES

FONT = "Noto Sans, Arial, sans-serif"


def _layout(fig: go.Figure, language: str, height: int) -> go.Figure:
    fig.update_layout(
        height=height,
        margin={"l": 10, "r": 10, "t": 40, "b": 10},
        font={"family": FONT, "size": 15},
        # Vietnamese numbers: decimal comma, thousands dot.
        separators=",." if language == "vi" else ".,",
        plot_bgcolor="white",
        showlegend=False,
    )
    return fig


def status_bar(figures: pd.Series, language: str = "vi") -> go.Figure:
    """Horizontal bars: how many tasks are in each status, the count printed on each bar."""
    names = [text(s.code, language) for s in TASK_STATUSES]
    counts = [int(figures[s.code]) for s in TASK_STATUSES]
    fig = go.Figure(
        go.Bar(
            x=counts,
            y=names,
            orientation="h",
            marker_color=[s.colour for s in TASK_STATUSES],
            text=[formats.number(c, language=language) for c in counts],
            textposition="outside",
            cliponaxis=False,
            hovertemplate="%{y}: %{x}<extra></extra>",
        )
    )
    fig.update_yaxes(autorange="reversed")
    fig.update_xaxes(showgrid=True, gridcolor="#eeeeee", rangemode="tozero")
    fig.update_layout(title=text("status_by_count", language))
    return _layout(fig, language, height=340)
