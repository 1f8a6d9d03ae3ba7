"""Entry point: page settings, navigation, the shared sidebar. Nothing else."""

import streamlit as st

from analytics.labels import text
from ui import auth, sidebar, style, url_state
from ui.guard import guarded

st.set_page_config(page_title="Nhiệm vụ đột phá, đổi mới", page_icon="📊", layout="wide")
style.apply()

# st.navigation must come before the sidebar's widgets (Streamlit 1.67 drops the
# new value of a widget created before it); the language is already in the state.
# Addresses differ from the file names: on a fresh server Streamlit's old pages/
# discovery would otherwise run a deep-linked page without this frame.
language = sidebar.language()
# Who uses this session (None: someone has to sign in); no widget is drawn here.
user = guarded(auth.current_user, language)
pages = [
    st.Page(
        "pages/overview.py",
        title=text("page_overview", language),
        icon="📊",
        default=True,
        url_path="tong-quan",
        visibility=auth.visibility(user, "overview"),
    ),
    st.Page(
        "pages/analysis.py",
        title=text("page_analysis", language),
        icon="📈",
        url_path="phan-tich",
        visibility=auth.visibility(user, "analysis"),
    ),
    st.Page(
        "pages/tasks.py",
        title=text("page_tasks", language),
        icon="📋",
        url_path="nhiem-vu",
        visibility=auth.visibility(user, "tasks"),
    ),
    st.Page(
        "pages/upload.py",
        title=text("page_upload", language),
        icon="📤",
        url_path="tai-len",
        visibility=auth.visibility(user, "upload"),
    ),
    st.Page(
        "pages/imports.py",
        title=text("page_imports", language),
        icon="🕘",
        url_path="lich-su-nhap",
        visibility=auth.visibility(user, "imports"),
    ),
    st.Page(
        "pages/cascade.py",
        title=text("page_cascade", language),
        icon="🧭",
        url_path="giao-viec",
        visibility=auth.visibility(user, "cascade"),
    ),
    st.Page(
        "pages/appraisal.py",
        title=text("page_appraisal", language),
        icon="⭐",
        url_path="danh-gia",
        visibility=auth.visibility(user, "appraisal"),
    ),
    st.Page(
        "pages/method.py",
        title=text("page_method", language),
        icon="ℹ️",
        url_path="cach-tinh",
        visibility=auth.visibility(user, "method"),
    ),
    st.Page(
        "pages/audit.py",
        title=text("page_admin", language),
        icon=":material/manage_accounts:",
        url_path="quan-tri",
        visibility=auth.visibility(user, "admin"),
    ),
    st.Page(
        "pages/signin.py",
        title=text("page_signin", language),
        icon=":material/login:",
        url_path="dang-nhap",
        visibility="hidden",
    ),
]
page = st.navigation(pages, position="top" if user else "hidden")
if user is None:  # no page runs: the sign-in form (or the local-only notice)
    guarded(lambda: auth.sign_in_gate(language), language)
    st.stop()
if user.local:
    auth.local_banner(language)
auth.account_box(user, language)

view = guarded(sidebar.render, language)
if view is None:
    st.stop()
st.session_state["_view"] = view
try:
    guarded(page.run, view.language)
finally:  # also when a page stops early (st.stop)
    url_state.publish()
