"""Tổng quan: what the Standing Committee sees at a meeting, on one screen."""

from datetime import date

import streamlit as st

from analytics import charts, formats, overview, periods
from analytics.filters import apply_filters
from analytics.labels import text
from ui import data, widgets
from ui.sidebar import current_view

view = current_view()
lang = view.language
today = date.today()
as_of = view.choice.end(today)
since = periods.previous_quarter_end(as_of)
ref = data.reference()
name = "name_vi" if lang == "vi" else "name_en"
body_names = dict(zip(ref["bodies"]["code"], ref["bodies"][name], strict=True))
area_names = dict(zip(ref["areas"]["code"], ref["areas"][name], strict=True))

now = apply_filters(
    data.tasks_in(view.choice.as_of, view.choice.date_from, view.choice.date_to), view.filters
)
before = apply_filters(data.tasks_in(as_of=since), view.filters)

title, stamp = st.columns([3, 2], vertical_alignment="bottom")
title.header(text("app_title", lang))
stamp.markdown(
    " · ".join(
        part
        for part in (text("data_as_of", lang, date=formats.day(as_of)), view.period_label)
        if part
    )
    + "  \n"
    + text("last_updated", lang, date=formats.day(ref["last_update"]))
)
widgets.filter_chips(view.filters, {"body": body_names, "area": area_names}, lang)

if now.empty:
    st.info(text("no_match", lang))
    st.stop()

risky_now = data.at_risk(as_of, view.filters)
risky_before = data.at_risk(since, view.filters)
widgets.headline_cards(
    overview.headline(now, before, len(risky_now), len(risky_before)), formats.day(since), lang
)

left, right = st.columns(2)
by_body = overview.figures_for(now, "body", ref, lang)
left.plotly_chart(
    charts.completion_by_group(by_body, text("completion_by_body", lang), lang),
    key="chart_body", on_select=lambda: widgets.select_from_chart("chart_body", "body"),
    selection_mode="points", config={"displayModeBar": False},
)  # fmt: skip
by_area = overview.figures_for(now, "area", ref, lang)
right.plotly_chart(
    charts.status_mix(by_area, text("status_by_area", lang), lang),
    key="chart_area", on_select=lambda: widgets.select_from_chart("chart_area", "area"),
    selection_mode="points", config={"displayModeBar": False},
)  # fmt: skip

left, right = st.columns(2)
left.plotly_chart(
    charts.heatmap(
        overview.pairs(now, "area_code", "body_code"),
        overview.axis(by_area),
        overview.axis(by_body),
        text("body_by_area", lang),
        lang,
    ),
    config={"displayModeBar": False},
)
right.plotly_chart(
    charts.trend_lines(
        data.quarterly_completion(as_of, view.filters, lang),
        text("completion_by_quarter", lang),
        lang,
    ),
    config={"displayModeBar": False},
)
st.caption(
    " · ".join(f"{code}: {name}" for code, name in body_names.items())
    + "  \n"
    + text("click_to_filter", lang)
)

st.subheader(text("attention", lang))
attention = overview.needs_attention(now, set(risky_now), as_of)
if attention.empty:
    st.success(text("nothing_overdue", lang))
else:
    st.dataframe(
        widgets.attention_table(attention, body_names, lang),
        hide_index=True,
        width="stretch",
        column_config=widgets.attention_columns(lang),
    )
