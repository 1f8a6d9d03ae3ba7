"""Tổng quan: what the Standing Committee sees at a meeting, on one screen."""

import streamlit as st

from analytics import formats
from analytics.labels import text
from ui import auth, data, missing_view, report, waiting_view, widgets
from ui.sidebar import current_view

user = auth.require("overview")  # signed in, with a role that may open it
view = current_view()
lang = view.language
ref = data.reference()
name = "name_vi" if lang == "vi" else "name_en"
body_names = dict(zip(ref["bodies"]["code"], ref["bodies"][name], strict=True))
area_names = dict(zip(ref["areas"]["code"], ref["areas"][name], strict=True))
model, charts = data.overview_of(view.choice, view.filters, lang)

title, stamp = st.columns([3, 2], vertical_alignment="bottom")
title.header(text("app_title", lang))
stamp.markdown(
    " · ".join(
        part
        for part in (text("data_as_of", lang, date=formats.day(model.as_of)), view.period_label)
        if part
    )
    + "  \n"
    + text("last_updated", lang, date=formats.day(ref["last_update"]))
)
waiting_view.draw(data.waiting_for(data.acting_account(user)), lang)  # what waits for this account
widgets.filter_chips(view.filters, {"body": body_names, "area": area_names}, lang)

if model.empty:
    st.info(text("no_match", lang))
    st.stop()

widgets.headline_cards(model, lang)
# the last reporting period that ended, same filters
missing_view.overview_line(data.missing_reports_now(view.filters), ref["bodies"], lang)
if model.silent:
    st.page_link(
        "pages/cascade.py", icon=":material/schedule:",
        label=text("silent_count", lang, n=formats.number(model.silent, language=lang), days=90),
    )  # fmt: skip

left, right = st.columns(2)
left.plotly_chart(
    charts["body"], key="chart_body", selection_mode="points",
    on_select=lambda: widgets.select_from_chart("chart_body", "body"),
    config={"displayModeBar": False},
)  # fmt: skip
right.plotly_chart(
    charts["area"], key="chart_area", selection_mode="points",
    on_select=lambda: widgets.select_from_chart("chart_area", "area"),
    config={"displayModeBar": False},
)  # fmt: skip
left, right = st.columns(2)
left.plotly_chart(charts["cells"], config={"displayModeBar": False})
right.plotly_chart(charts["trend"], config={"displayModeBar": False})
st.caption(
    " · ".join(f"{code}: {name}" for code, name in body_names.items())
    + "  \n"
    + text("click_to_filter", lang)
)

st.subheader(text("attention", lang))
if model.attention.empty:
    st.success(text("nothing_overdue", lang))
else:
    st.dataframe(
        widgets.attention_table(model.attention, body_names, lang),
        hide_index=True,
        width="stretch",
        column_config=widgets.attention_columns(lang),
    )

report.download_buttons(view)  # the meeting report, made on the click
