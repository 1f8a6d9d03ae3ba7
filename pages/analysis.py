"""Phân tích: every figure per group for a period, compared with another, downloadable."""

import streamlit as st

from analytics import exports
from analytics.figures import GROUPS, figures_by
from analytics.filters import apply_filters
from analytics.labels import text
from analytics.overview import figures_for
from ui import data, url_state, widgets
from ui.sidebar import current_view

view = current_view()
lang = view.language
ref = data.reference()

st.title(text("page_analysis", lang))
st.caption(view.period_label)
groups = [g for g in GROUPS if g != "all"] + ["all"]
url_state.restore("nhom", groups, default="body")
by = st.selectbox(
    text("group_by", lang), groups,
    format_func=lambda g: text("all_group" if g == "all" else g, lang), key="nhom",
)  # fmt: skip
tasks = apply_filters(
    data.tasks_in(view.choice.as_of, view.choice.date_from, view.choice.date_to), view.filters
)
if tasks.empty:
    st.info(text("no_match", lang))
    st.stop()
if by in ("body", "area"):
    figures = figures_for(tasks, by, ref, lang)
else:
    figures = figures_by(tasks, by, with_delta=view.choice.is_window, language=lang)
table = widgets.figures_table(figures, lang)
st.dataframe(table, hide_index=True, width="stretch", column_config=widgets.figures_columns(lang))
left, right = st.columns(2)
left.download_button(
    text("download_csv", lang), exports.csv_bytes(table), file_name="so-lieu.csv",
    mime="text/csv",
)  # fmt: skip
right.download_button(
    text("download_xlsx", lang), exports.xlsx_bytes(table, text("figures_table", lang)),
    file_name="so-lieu.xlsx",
    mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
)  # fmt: skip
