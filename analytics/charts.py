"""Plotly figure builders: data in, ``go.Figure`` out; no Streamlit here.

Every mark carries its value or label as text, so colour is never the only carrier
(UX.md); statuses also get a fill pattern. Numbers use Vietnamese separators.
"""

from __future__ import annotations

import html

import pandas as pd
import plotly.graph_objects as go

from analytics import formats
from analytics.labels import text
from analytics.statuses import AT_RISK, TASK_STATUS_CODES, TASK_STATUSES, status_colour
from analytics.tables import (
    LOWEST_FIRST,
    PERCENT_FIGURES,
    exact_rates,
    figure_name,
    figure_values,
    group_order,
)
from analytics.trend import side_by_side

FONT = "Noto Sans, Arial, sans-serif"
# A second carrier beside colour: a fill pattern per status.
PATTERNS = {
    "hoan_thanh_dung_han": "",
    "hoan_thanh_qua_han": "/",
    "dang_thuc_hien": ".",
    "chua_trien_khai": "-",
    "qua_han": "x",
}
NEUTRAL = "#0072B2"
BAND = "#E6E6E6"  # the chosen period on a time line: a grey no status uses
# Text on a status fill: white on the dark ones, near-black on the light ones.
TEXT_ON = {
    "hoan_thanh_dung_han": "white",
    "hoan_thanh_qua_han": "white",
    "dang_thuc_hien": "#1A1A1A",
    "chua_trien_khai": "#1A1A1A",
    "qua_han": "white",
}


def _layout(fig: go.Figure, language: str, height: int, title: str = "") -> go.Figure:
    fig.update_layout(
        title={"text": title, "x": 0, "xanchor": "left", "font": {"size": 18}},
        height=height,
        margin={"l": 10, "r": 20, "t": 48 if title else 10, "b": 10},
        font={"family": FONT, "size": 14},
        separators=",." if language == "vi" else ".,",
        plot_bgcolor="white",
        paper_bgcolor="white",
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
            marker={
                "color": [s.colour for s in TASK_STATUSES],
                "pattern": {
                    "shape": [PATTERNS[s.code] for s in TASK_STATUSES],
                    "bgcolor": [s.colour for s in TASK_STATUSES],
                    "fgcolor": "white",
                    "fgopacity": 0.45,
                    "size": 8,
                    "solidity": 0.15,
                },
            },
            text=[formats.number(c, language=language) for c in counts],
            textposition="outside",
            cliponaxis=False,
            hovertemplate="%{y}: %{x}<extra></extra>",
        )
    )
    fig.update_yaxes(autorange="reversed")
    fig.update_xaxes(showgrid=True, gridcolor="#eeeeee", rangemode="tozero")
    fig.update_layout(showlegend=False)
    return _layout(fig, language, 340, text("status_by_count", language))


def completion_by_group(
    groups: pd.DataFrame, title: str, language: str = "vi", height: int = 360
) -> go.Figure:
    """Completion rate per group as horizontal bars, the worst on top; rate and n on each bar.

    ``groups`` has ``key``, ``label``, ``tasks`` and ``completion_rate``. The key rides in
    ``customdata`` so a click can filter by it.
    """
    ordered = groups.assign(completion_rate=exact_rates(groups)["completion_rate"])
    ordered = ordered.sort_values(["completion_rate", "label"], ascending=[True, True])
    labels = [
        f"{formats.percent(rate, language=language)} (n={formats.number(n, language=language)})"
        for rate, n in zip(ordered["completion_rate"], ordered["tasks"], strict=True)
    ]
    fig = go.Figure(
        go.Bar(
            x=ordered["completion_rate"],
            y=ordered["label"],
            customdata=ordered["key"],
            orientation="h",
            marker_color=NEUTRAL,
            text=labels,
            # Long bars carry their label inside (white), short ones just after the bar.
            textposition=["inside" if r >= 0.6 else "outside" for r in ordered["completion_rate"]],
            insidetextanchor="end",
            insidetextfont={"color": "white"},
            cliponaxis=False,
            hovertemplate="%{y}: %{text}<extra></extra>",
        )
    )
    fig.update_yaxes(autorange="reversed", automargin=True)
    fig.update_xaxes(range=[0, 1.02], tickformat=".0%", showgrid=True, gridcolor="#eeeeee")
    fig.update_layout(showlegend=False, clickmode="event+select", dragmode=False)
    return _layout(fig, language, height, title)


def status_mix(
    groups: pd.DataFrame, title: str, language: str = "vi", height: int = 360
) -> go.Figure:
    """100 % stacked bars of the five statuses per group; the share printed in each segment."""
    totals = groups["tasks"].where(groups["tasks"] > 0)
    fig = go.Figure()
    for status in TASK_STATUSES:
        share = groups[status.code] / totals
        fig.add_bar(
            name=text(status.code, language),
            x=share,
            y=groups["label"],
            customdata=groups["key"],
            orientation="h",
            marker={
                "color": status.colour,
                "pattern": {
                    "shape": PATTERNS[status.code],
                    "bgcolor": status.colour,
                    "fgcolor": "white",
                    "fgopacity": 0.45,
                    "size": 8,
                    "solidity": 0.15,
                },
            },
            text=[formats.number(n, language=language) if n else "" for n in groups[status.code]],
            textposition="inside",
            insidetextanchor="middle",
            textangle=0,
            textfont={"size": 13, "color": TEXT_ON[status.code]},
            hovertemplate="%{y}<br>" + text(status.code, language) + ": %{text}<extra></extra>",
        )
    fig.update_layout(
        barmode="stack",
        legend={
            "orientation": "h",
            "y": -0.08,
            "yanchor": "top",
            "x": 0,
            "font": {"size": 12},
            "traceorder": "normal",
        },
        clickmode="event+select",
        dragmode=False,
    )
    fig.update_yaxes(autorange="reversed", automargin=True)
    fig.update_xaxes(range=[0, 1], tickformat=".0%")
    return _layout(fig, language, height, title)


def heatmap(
    cells: pd.DataFrame,
    rows: list[tuple[str, str]],
    columns: list[tuple[str, str]],
    title: str,
    language: str = "vi",
    height: int = 360,
) -> go.Figure:
    """Completion rate per (row, column) pair with the rate and n written in each cell.

    ``cells`` has ``row``, ``column``, ``tasks`` and ``completion_rate``; ``rows`` and
    ``columns`` are (key, label) pairs in display order. Columns are headed by their
    short key (body codes such as KTNS), the full name shows on hover, so the chart
    stays readable in half a screen. Empty pairs stay blank.
    """
    rates = exact_rates(cells)["completion_rate"] if len(cells) else cells["completion_rate"]
    lookup = {(r, c): (rate, n) for r, c, rate, n in zip(
        cells["row"], cells["column"], rates, cells["tasks"], strict=True
    )}  # fmt: skip
    z, labels = [], []
    for row_key, _ in rows:
        z_row, text_row = [], []
        for column_key, _ in columns:
            rate, n = lookup.get((row_key, column_key), (None, 0))
            z_row.append(rate)
            text_row.append(f"{formats.percent(rate, 0, language)}<br>n={n}" if n else "")
        z.append(z_row)
        labels.append(text_row)
    names = [[f"{row_label} · {column_label}" for _, column_label in columns]
             for _, row_label in rows]  # fmt: skip
    fig = go.Figure(
        go.Heatmap(
            z=z,
            x=[key for key, _ in columns],
            y=[label for _, label in rows],
            text=labels,
            texttemplate="%{text}",
            textfont={"size": 12},
            colorscale="Blues",
            zmin=0,
            zmax=1,
            xgap=2,
            ygap=2,
            colorbar={"tickformat": ".0%", "thickness": 12},
            customdata=names,
            hovertemplate="%{customdata}<br>%{text}<extra></extra>",
        )
    )
    fig.update_yaxes(autorange="reversed", automargin=True)
    fig.update_xaxes(side="bottom", tickangle=0, automargin=True, tickfont={"size": 13})
    return _layout(fig, language, height, title)


def trend_lines(
    trend: pd.DataFrame, title: str, language: str = "vi", height: int = 360, marked: str = ""
) -> go.Figure:
    """Completion rate over time: one line per series.

    ``trend`` has ``period_label``, ``series`` and ``completion_rate``, oldest first. With
    many points only every fourth (counted back from the latest) carries its value and
    its axis label, so the text stays readable; hovering shows every point. When
    ``marked`` names a period, the points whose ``chosen`` is true lie in a shaded band
    headed by that name.
    """
    fig = go.Figure()
    if marked and "chosen" in trend and trend["chosen"].any():
        _mark_period(fig, trend, marked)
    for series, rows in trend.groupby("series", sort=False):
        count = len(rows)
        shown = [(count - 1 - i) % 4 == 0 or count <= 8 for i in range(count)]
        fig.add_scatter(
            x=rows["period_label"],
            y=rows["completion_rate"],
            name=str(series),
            mode="lines+markers+text",
            text=[
                formats.percent(v, 0, language) if keep else ""
                for v, keep in zip(rows["completion_rate"], shown, strict=True)
            ],
            textposition="top center",
            customdata=[formats.percent(v, 1, language) for v in rows["completion_rate"]],
            hovertemplate="%{x}: %{customdata}<extra></extra>",
            line={"color": NEUTRAL},
        )
        ticks = [label for label, keep in zip(rows["period_label"], shown, strict=True) if keep]
        fig.update_xaxes(tickvals=ticks)
    fig.update_yaxes(range=[0, 1.1], tickformat=".0%", gridcolor="#eeeeee")
    fig.update_xaxes(type="category", tickangle=0)
    fig.update_layout(showlegend=trend["series"].nunique() > 1 if len(trend) else False)
    return _layout(fig, language, height, title)


def _mark_period(fig: go.Figure, trend: pd.DataFrame, marked: str) -> None:
    """A shaded band behind the chosen points (a category axis places a shape by the
    category's index), its name written at its top."""
    labels = list(dict.fromkeys(trend["period_label"]))
    chosen = set(trend.loc[trend["chosen"].astype(bool), "period_label"])
    indices = [i for i, label in enumerate(labels) if label in chosen]
    first, last = indices[0] - 0.5, indices[-1] + 0.5
    fig.add_vrect(x0=first, x1=last, fillcolor=BAND, opacity=1, line_width=0, layer="below")
    fig.add_annotation(
        x=(first + last) / 2, y=1.0, yref="paper", yanchor="bottom", showarrow=False,
        text=html.escape(marked), font={"size": 12, "color": "#1A1A1A"},
    )  # fmt: skip


def progress_history(
    reports: pd.DataFrame, due_on: object, language: str = "vi", height: int = 360
) -> go.Figure:
    """A task's reported progress over time, with its notes on hover and the deadline marked."""
    fig = go.Figure(
        go.Scatter(
            x=reports["report_date"],
            y=reports["progress"],
            mode="lines+markers+text",
            text=[formats.number(v, 0, language) + " %" for v in reports["progress"]],
            textposition="top center",
            # Notes are typed by people: Plotly would draw <b>, <a href> in them.
            customdata=reports[["note", "evidence"]].fillna("").map(html.escape).to_numpy(),
            line={"color": NEUTRAL},
            hovertemplate="%{x|%d/%m/%Y}: %{y}%<br>%{customdata[0]}<br>%{customdata[1]}"
            "<extra></extra>",
        )
    )
    if due_on is not None:
        fig.add_vline(x=pd.Timestamp(due_on), line={"color": AT_RISK.colour, "dash": "dash"})
        fig.add_annotation(
            x=pd.Timestamp(due_on), y=1.02, yref="paper", showarrow=False,
            text=text("due_on", language), font={"color": AT_RISK.colour},
        )  # fmt: skip
    fig.update_yaxes(range=[0, 110], ticksuffix=" %", gridcolor="#eeeeee")
    fig.update_xaxes(tickformat="%d/%m/%Y")
    return _layout(fig, language, height, text("progress", language))


def cascade_sunburst(nodes: pd.DataFrame, title: str, language: str = "vi") -> go.Figure:
    """Assigning level → body → position → task as rings; tasks in their status colour,
    every ring with its completion rate printed under its name."""
    colours = [
        status_colour(s) if isinstance(s, str) and s else _shade(rate)
        for s, rate in zip(nodes["status"], nodes["completion_rate"], strict=True)
    ]
    labels = [
        # Assigners, positions and task codes are typed by people: Plotly would draw
        # <b> or <a href> in them.
        f"{html.escape(str(label))}<br>{formats.percent(rate, 0, language)}"
        if level != "task"
        else html.escape(str(label))
        for label, rate, level in zip(
            nodes["short"], nodes["completion_rate"], nodes["level"], strict=True
        )
    ]
    fig = go.Figure(
        go.Sunburst(
            ids=nodes["id"],
            parents=nodes["parent"],
            labels=labels,
            values=nodes["tasks"],
            branchvalues="total",
            marker={"colors": colours, "line": {"color": "white", "width": 1}},
            customdata=nodes[["level", "key", "tasks", "done"]].to_numpy(),
            hovertemplate="%{label}<br>%{customdata[3]}/%{customdata[2]} "
            + text("tasks_unit", language)
            + "<extra></extra>",
            insidetextorientation="radial",
        )
    )
    fig.update_layout(showlegend=False)
    return _layout(fig, language, 720, title)


def _shade(rate: float) -> str:
    """A ring's fill: pale when little is done, a mid blue when all is (text stays dark)."""
    low, high = (238, 242, 245), (127, 184, 216)
    mix = [round(a + (b - a) * float(rate)) for a, b in zip(low, high, strict=True)]
    return "#{:02X}{:02X}{:02X}".format(*mix)


def overview_figures(
    model: object, language: str = "vi", height: int = 330
) -> dict[str, go.Figure]:
    """The overview's four charts from an ``analytics.overview.Overview``: completion by
    body, status by area, area × body, completion by quarter (screen and report alike)."""
    if model.empty:
        return {}
    rows = list(zip(model.by_area["key"], model.by_area["label"], strict=True))
    columns = list(zip(model.by_body["key"], model.by_body["label"], strict=True))
    return {
        "body": completion_by_group(
            model.by_body, text("completion_by_body", language), language, height
        ),
        "area": status_mix(model.by_area, text("status_by_area", language), language, height),
        "cells": heatmap(
            model.cells, rows, columns, text("body_by_area", language), language, height
        ),
        "trend": trend_lines(
            model.trend, text("completion_by_quarter", language), language, height, model.period
        ),
    }


# The analysis chart: a figure per group, the chosen period against its comparison.
NEUTRAL_PAIR = ("#3D4F63", "#B7C2CE")  # slate and its light shade, apart from every status
WRAP_AT = 34  # longer group names go on two lines (officials' names run to 49 characters)


def tint(colour: str, share: float = 0.55) -> str:
    """``colour`` mixed with ``share`` of white: the comparison period's lighter shade."""
    red, green, blue = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    mixed = [round(c + (255 - c) * share) for c in (red, green, blue)]
    return "#{:02X}{:02X}{:02X}".format(*mixed)


def figure_text(value: float | None, figure: str, language: str) -> str:
    """A value as printed on its bar: ``67,6 %`` for rates and progress, ``+11,0 điểm %``
    for progress gained, ``12`` for counts, a dash when empty."""
    if value is None or pd.isna(value):
        return "–"
    if figure in PERCENT_FIGURES:
        return formats.percent(value / 100, 1, language)
    if figure == "progress_delta":
        return f"{formats.signed(value, 1, language)} {text('points', language)}"
    return formats.number(int(value), 0, language)


def _wrapped(label: str) -> str:
    """A group name safe for Plotly (people type officials' names), long ones on two lines."""
    label = html.escape(str(label))
    if len(label) <= WRAP_AT or " " not in label:
        return label
    middle = len(label) // 2
    cut = min((i for i, c in enumerate(label) if c == " "), key=lambda i: abs(i - middle))
    return label[:cut] + "<br>" + label[cut + 1 :]


def figure_by_group(
    current: pd.DataFrame,
    previous: pd.DataFrame | None,
    figure: str,
    by: str,
    names: tuple[str, str | None],
    language: str = "vi",
    note: str = "",
) -> go.Figure:
    """``figure`` per group as horizontal bars: the chosen period and, when ``previous``
    is given, its comparison period beside it in a lighter shade of the same colour.

    ``current`` and ``previous`` are figure frames (``key``, ``label``, figures), paired
    by key as :func:`analytics.trend.side_by_side` pairs them (a group found in one
    period only has 0 or an empty rate in the other). ``names`` are the two periods'
    names, shown in the legend. Groups are ordered by the current period as
    :func:`analytics.tables.group_order` orders the table: rates lowest on top, counts
    largest on top. Each bar carries its value as text; ``note`` goes under the title.
    """
    if previous is None:
        frame, now_suffix = current.reset_index(drop=True), ""
    else:
        frame, now_suffix = side_by_side(previous, current), "_second"
    frame = frame.iloc[group_order(frame, figure, now_suffix)].reset_index(drop=True)
    labels = [_wrapped(label) for label in frame["label"]]
    series = [(names[0], figure_values(frame, figure, now_suffix), False)]
    if previous is not None:
        series.append((names[1] or "", figure_values(frame, figure, "_first"), True))
    colour = status_colour(figure) if figure in TASK_STATUS_CODES else NEUTRAL_PAIR[0]
    light = tint(colour) if figure in TASK_STATUS_CODES else NEUTRAL_PAIR[1]
    fig = go.Figure()
    for name, values, earlier in series:
        shown = [figure_text(v, figure, language) for v in values]
        fig.add_bar(
            name=html.escape(name),
            y=labels,
            x=values.fillna(0).tolist(),  # an empty rate: no bar, a dash at zero
            orientation="h",
            marker={"color": light if earlier else colour,
                    "line": {"color": colour, "width": 1}},
            text=shown,
            textposition="outside",
            textfont={"size": 13, "color": "#1A1A1A"},
            constraintext="none",  # Plotly would shrink the text to the bar's thickness
            cliponaxis=False,
            customdata=shown,
            hovertemplate="%{y}<br>" + html.escape(name) + ": %{customdata}<extra></extra>",
        )  # fmt: skip
    _value_axis(fig, figure, [v for _, values, _ in series for v in values.dropna()], language)
    order = text("lowest_first" if figure in LOWEST_FIRST else "highest_first", language)
    title = figure_name(figure, language)
    if by != "all":
        title = text("figure_by_group", language, figure=title, group=text(by, language).lower())
    band = 44 if previous is not None else 30  # two bars of ~16 px, or one of ~22 px
    fig.update_layout(
        barmode="group",
        bargap=0.28,
        bargroupgap=0.06,
        showlegend=True,
        # Top right, level with the title: the periods' names read before the bars.
        legend={"orientation": "h", "xref": "container", "x": 1, "xanchor": "right",
                "yref": "container", "y": 1, "yanchor": "top", "traceorder": "normal",
                "font": {"size": 13}},
        dragmode=False,
    )  # fmt: skip
    # Group names in the text colour (the theme greys tick labels): they are what one reads.
    fig.update_yaxes(
        autorange="reversed", automargin=True, tickfont={"size": 13, "color": "#31333F"}
    )
    fig = _layout(fig, language, 140 + band * len(frame), title)
    subtitle = " · ".join(part for part in (order, note) if part)
    fig.update_layout(
        # Title and legend both hang from the top edge, so they sit on one line.
        title={
            "subtitle": {"text": html.escape(subtitle), "font": {"size": 13}},
            "yref": "container",
            "y": 1,
            "yanchor": "top",
            "pad": {"t": 14},
        },
        margin={"t": 84, "r": 40},
    )
    return fig


def _value_axis(fig: go.Figure, figure: str, values: list[float], language: str) -> None:
    """Room after the longest bar for its printed value; percent ticks for rates."""
    high = max([0.0, *values])
    low = min([0.0, *values])
    if figure in PERCENT_FIGURES:
        ticks = [0, 20, 40, 60, 80, 100]  # ticktext: Plotly drops ticksuffix with tickvals
        words = [formats.percent(t / 100, 0, language) for t in ticks]
        fig.update_xaxes(range=[0, 118], tickvals=ticks, ticktext=words)
    elif figure == "progress_delta":
        span = max(high - low, 1.0)
        fig.update_xaxes(range=[low - 0.25 * span * (low < 0), high + 0.25 * span])
    else:
        fig.update_xaxes(range=[0, max(high, 1) * 1.18], tickformat=",d",
                         dtick=1 if high <= 8 else None)  # fmt: skip
    fig.update_xaxes(showgrid=True, gridcolor="#eeeeee", zeroline=True, zerolinecolor="#999999")
