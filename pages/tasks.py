"""Nhiệm vụ: a searchable list of tasks (and the registration form), and one task: its
facts, its open requests, the actions the signed-in account may take, its timeline and
its progress reports."""

from datetime import date

import streamlit as st

from analytics import charts, formats, tasks_view, timeline
from analytics.filters import apply_filters
from analytics.labels import text
from analytics.periods import Choice
from analytics.textfold import search
from ui import auth, data, task_actions, timeline_view, url_state, widgets
from ui.sidebar import current_view

user = auth.require("tasks")  # signed in, with a role that may open it
view = current_view()
lang = view.language
today = date.today()
as_of = view.choice.window(today).as_of
ref = data.reference()
name = "name_vi" if lang == "vi" else "name_en"
body_names = dict(zip(ref["bodies"]["code"], ref["bodies"][name], strict=True))
area_names = dict(zip(ref["areas"]["code"], ref["areas"][name], strict=True))
code = st.query_params.get("ma")

if code:
    st.page_link("pages/tasks.py", label=text("back_to_list", lang), query_params={"lang": lang})
    task, reports = data.task_with_reports(code)
    if task is None:
        st.warning(text("task_not_found", lang, code=widgets.inert(code)))
        st.stop()
    state = tasks_view.state_of(data.tasks_in(Choice(as_of=as_of)), code)
    widgets.task_title(task["title"])
    st.caption(f"{text('task_code', lang)}: {widgets.inert(code)}")
    widgets.task_facts(task, state, as_of, body_names, area_names, lang)
    widgets.pace_line(tasks_view.state_of(data.warnings_as_of(as_of), code), lang)
    requests = data.task_requests(code)
    task_actions.open_requests(task, requests, lang)
    task_actions.action_panel(user, task, reports, requests, lang)
    timeline_view.draw(timeline.lines(data.task_history(code), lang), lang)
    st.subheader(text("history", lang))
    if reports.empty:
        st.info(text("no_reports", lang))
    else:
        st.plotly_chart(
            charts.progress_history(reports, requests.due_in_force or task["due_on"], lang),
            config={"displayModeBar": False},
        )
        st.dataframe(
            widgets.reports_table(reports, lang), hide_index=True, width="stretch",
            column_config=widgets.reports_columns(lang),
        )  # fmt: skip
    st.stop()

st.title(text("page_tasks", lang))
task_actions.register_form(user, ref, lang)
url_state.restore("tim", default="")
query = st.text_input(text("search", lang), placeholder=text("search_hint", lang), key="tim")
tasks = apply_filters(data.tasks_in(view.choice), view.filters)
found = search(tasks, query or "", ["code", "title", "official", "position", "assigner"])
st.caption(text("found", lang, n=formats.number(len(found), language=lang)))
if found.empty:
    st.info(text("no_match", lang))
else:
    st.dataframe(
        widgets.task_list(found, body_names, area_names, lang),
        hide_index=True, width="stretch", height=min(38 * len(found) + 40, 760),
        column_config=widgets.task_list_columns(lang),
    )  # fmt: skip
