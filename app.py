"""Entry point: page settings, navigation, the shared sidebar. Nothing else."""

import streamlit as st

from analytics.labels import text
from ui import sidebar, style, url_state
from ui.guard import guarded

st.set_page_config(page_title="Nhiệm vụ đột phá, đổi mới", page_icon="📊", layout="wide")
style.apply()

# st.navigation must come before the sidebar's widgets (Streamlit 1.67 drops the
# new value of a widget created before it); the language is already in the state.
# Addresses differ from the file names: on a fresh server Streamlit's old pages/
# discovery would otherwise run a deep-linked page without this frame.
language = sidebar.language()
pages = [
    st.Page(
        "pages/overview.py",
        title=text("page_overview", language),
        icon="📊",
        default=True,
        url_path="tong-quan",
    ),
    st.Page(
        "pages/analysis.py",
        title=text("page_analysis", language),
        icon="📈",
        url_path="phan-tich",
    ),
    st.Page("pages/tasks.py", title=text("page_tasks", language), icon="📋", url_path="nhiem-vu"),
    st.Page("pages/upload.py", title=text("page_upload", language), icon="📤", url_path="tai-len"),
    st.Page(
        "pages/imports.py", title=text("page_imports", language), icon="🕘", url_path="lich-su-nhap"
    ),
    st.Page("pages/cascade.py", title=text("page_cascade", language), icon="🧭", url_path="giao-viec"),
    st.Page(
        "pages/appraisal.py", title=text("page_appraisal", language), icon="⭐", url_path="danh-gia"
    ),
    st.Page("pages/method.py", title=text("page_method", language), icon="ℹ️", url_path="cach-tinh"),
]
page = st.navigation(pages, position="top")

view = guarded(sidebar.render, language)
if view is None:
    st.stop()
st.session_state["_view"] = view
try:
    guarded(page.run, view.language)
finally:  # also when a page stops early (st.stop)
    url_state.publish()
