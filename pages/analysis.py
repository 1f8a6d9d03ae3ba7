"""Phân tích: every figure per group for a period, compared with another, downloadable."""

from datetime import date

import streamlit as st

from analytics import charts, exports, periods, tables
from analytics.figures import GROUPS
from analytics.filters import apply_filters
from analytics.labels import text
from analytics.overview import figures_for
from analytics.trend import side_by_side
from ui import auth, data, report, url_state
from ui.sidebar import current_view

auth.require("analysis")  # signed in, with a role that may open it
view = current_view()
lang = view.language
ref = data.reference()
today = date.today()
COMPARE_WORDS = {"none": "compare_none", "previous": "compare_previous_period",
                 "last_year": "compare_last_year"}  # fmt: skip

st.title(text("page_analysis", lang))
groups = [g for g in GROUPS if g != "all"] + ["all"]
left, middle, right = st.columns(3)
url_state.restore("nhom", groups, default="body")
by = left.selectbox(
    text("group_by", lang), groups,
    format_func=lambda g: text("all_group" if g == "all" else g, lang), key="nhom",
)  # fmt: skip
url_state.restore("so_sanh", periods.COMPARE_MODES, default="previous")
mode = right.selectbox(
    text("compare_with", lang), periods.COMPARE_MODES,
    format_func=lambda m: text(COMPARE_WORDS[m], lang), key="so_sanh",
)  # fmt: skip
choice = view.choice
# One figure drives the chart and leads the table; progress gained exists in a window only.
shown_figures = [*tables.FIGURES, *(["progress_delta"] if choice.is_window else [])]
url_state.restore("chi_so", shown_figures, default="completion_rate")
if st.session_state["chi_so"] not in shown_figures:
    st.session_state["chi_so"] = "completion_rate"
figure = middle.selectbox(
    text("figure_shown", lang), shown_figures,
    format_func=lambda f: tables.figure_name(f, lang), key="chi_so",
)  # fmt: skip

tasks = apply_filters(data.tasks_in(choice), view.filters)
other = periods.comparison(choice, mode, today)
period_said = (
    f"{view.period_label} ({periods.describe(choice, lang)})"
    if view.period_label
    else text("data_as_of", lang, date=periods.describe(choice, lang))
)
if other is not None:  # the period and what it is compared with, on one line
    period_said += " · " + text("compared_with", lang, period=periods.describe(other, lang))
st.caption(period_said)
if tasks.empty:
    st.info(text("no_match", lang))
    st.stop()
current = figures_for(tasks, by, ref, lang, with_delta=choice.is_window)
terms = ref["periods"]
names = (
    view.period_label or periods.legend_name(choice, terms, lang),
    other and periods.legend_name(other, terms, lang),
)
if other is None:
    table = tables.figures_table(current, lang)
    order = tables.group_order(current, figure)
    charted, note = None, text("no_comparison", lang)
else:
    before = apply_filters(data.tasks_in(other), view.filters)
    previous = figures_for(before, by, ref, lang, with_delta=other.is_window)
    compared = side_by_side(previous, current)
    table = tables.compared_table(compared, lang)
    order = tables.group_order(compared, figure, "_second")
    charted = None if before.empty else previous
    note = text("nothing_to_compare", lang, period=names[1]) if before.empty else ""
st.plotly_chart(
    charts.figure_by_group(current, charted, figure, by, names, lang, note),
    key="chart_figure", config={"displayModeBar": False},
)  # fmt: skip
screen = tables.for_screen(tables.focused(table, figure, order, lang), lang)
st.dataframe(  # the group column stays in view while the figures scroll sideways
    screen, hide_index=True, width="stretch",
    column_config={screen.columns[0]: st.column_config.Column(pinned=True)},
)  # fmt: skip
if auth.can("export"):  # an official reads the figures here but does not export them
    left, right = st.columns(2)
    download = tables.for_download(table)
    left.download_button(
        text("download_csv", lang), exports.csv_bytes(download), file_name="so-lieu.csv",
        mime="text/csv",
    )  # fmt: skip
    right.download_button(
        text("download_xlsx", lang), exports.xlsx_bytes(download, text("figures_table", lang)),
        file_name="so-lieu.xlsx",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )  # fmt: skip
report.download_buttons(view)  # the meeting report of this period and filters
