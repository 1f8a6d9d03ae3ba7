"""Tổng quan: the number of tasks and their status counts (first version)."""

from datetime import date

import streamlit as st

from analytics import formats
from analytics.charts import status_bar
from analytics.labels import text
from analytics.statuses import TASK_STATUSES
from analytics.store.connection import DatabaseBusy
from ui.data import summary_as_of

language = st.session_state.get("language", "vi")
today = date.today()

st.title(text("app_title", language))
st.caption(text("data_as_of", language, date=formats.day(today)))

try:
    figures = summary_as_of("all", today, language)
except DatabaseBusy:
    st.warning(text("db_busy", language))
    st.stop()

if figures.empty or int(figures.loc[0, "tasks"]) == 0:
    st.info(text("no_match", language))
    st.stop()

row = figures.iloc[0]
columns = st.columns(len(TASK_STATUSES) + 2)
columns[0].metric(
    text("tasks_total", language), formats.number(int(row["tasks"]), language=language)
)
columns[1].metric(
    text("completion_rate", language), formats.percent(row["completion_rate"], language=language)
)
for column, status in zip(columns[2:], TASK_STATUSES, strict=True):
    column.metric(
        text(status.code, language), formats.number(int(row[status.code]), language=language)
    )

st.plotly_chart(status_bar(row, language), width="stretch")
st.caption(text("first_page_note", language))
