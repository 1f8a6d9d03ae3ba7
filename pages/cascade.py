"""Giao việc: who assigned what to whom, tasks waiting to be assigned, silent tasks."""

from datetime import date

import streamlit as st

from analytics import cascade, charts, cycle, formats
from analytics.filters import apply_filters
from analytics.labels import text
from ui import auth, bulk_form, data, missing_view, url_state, widgets
from ui.sidebar import current_view

user = auth.require("cascade")  # signed in, with a role that may open it
view = current_view()
lang = view.language
ref = data.reference()
name = "name_vi" if lang == "vi" else "name_en"
body_names = dict(zip(ref["bodies"]["code"], ref["bodies"][name], strict=True))
as_of = view.choice.window(date.today()).as_of

st.title(text("page_cascade", lang))
tasks = apply_filters(data.tasks_in(view.choice), view.filters)
if tasks.empty:
    st.info(text("no_match", lang))
else:
    nodes = cascade.nodes(
        tasks, body_names, list(ref["bodies"]["code"]), list(ref["positions"]["name_vi"])
    )
    rings = nodes[nodes["level"] != "task"]
    labels = dict(zip(rings["id"], cascade.indented(rings)["name"], strict=True))
    st.selectbox(
        text("narrow_to", lang), ["", *labels], key="cap_xem",
        format_func=lambda node: labels.get(node, text("all_values", lang)),
        on_change=widgets.narrow_to_node, args=("cap_xem",),
    )  # fmt: skip
    st.caption(text("cascade_hint", lang))
    st.plotly_chart(
        charts.cascade_sunburst(nodes, text("cascade_title", lang), lang),
        config={"displayModeBar": False},
    )
    widgets.status_legend(lang)
    with st.expander(text("cascade_table", lang)):
        st.dataframe(
            widgets.cascade_table(nodes, lang), hide_index=True, width="stretch",
            height=min(35 * len(nodes) + 40, 700),
        )  # fmt: skip

st.subheader(text("waiting_title", lang))
st.caption(text("waiting_note", lang))
waiting = data.waiting_tasks()
if waiting.empty:
    st.success(text("no_waiting", lang))
else:
    st.dataframe(
        widgets.waiting_table(waiting, body_names, lang), hide_index=True, width="stretch",
        column_config=widgets.waiting_columns(lang),
    )  # fmt: skip
bulk_form.draw(user, waiting, lang)  # the committee assigns or returns several at once

# the last reporting period that ended, same filters
missing_view.section(data.missing_reports_now(view.filters), ref["bodies"], lang)

st.subheader(text("silent_title", lang))
url_state.restore("so_ngay", parse=int, default=cycle.STALE_DAYS)
days = st.number_input(text("silent_days", lang), min_value=1, max_value=3650, step=30,
                       key="so_ngay")  # fmt: skip
st.caption(text("silent_note", lang, days=formats.number(days, language=lang)))
silent = apply_filters(data.silent_tasks(as_of, int(days)), view.filters.with_values(status=()))
if silent.empty:
    st.success(text("no_silent", lang))
else:
    st.dataframe(widgets.silent_table(silent, body_names, lang), hide_index=True, width="stretch")
