"""Entry point: page settings, the shared sidebar, navigation. Nothing else."""

import streamlit as st

from analytics.labels import text
from ui import sidebar, style
from ui.guard import guarded

st.set_page_config(page_title="Nhiệm vụ đột phá, đổi mới", page_icon="📊", layout="wide")
style.apply()

view = guarded(sidebar.render, sidebar.language())
if view is None:
    st.stop()
st.session_state["_view"] = view
language = view.language

pages = [
    st.Page("pages/overview.py", title=text("page_overview", language), icon="📊", default=True),
    st.Page("pages/analysis.py", title=text("page_analysis", language), icon="📈"),
    st.Page("pages/tasks.py", title=text("page_tasks", language), icon="📋"),
    st.Page("pages/method.py", title=text("page_method", language), icon="ℹ️"),
]
guarded(st.navigation(pages, position="top").run, language)
