"""Entry point: page settings, navigation, the shared sidebar. Nothing else."""

import streamlit as st

from analytics.labels import text
from ui import addresses, auth, data, inbox_view, page_scripts, sidebar, style, url_state
from ui.guard import guarded

st.set_page_config(
    page_title="Nhiệm vụ đột phá, đổi mới", page_icon=style.FAVICON, layout="wide"
)  # the tab's icon: a file served by the app, never fetched from another host
style.apply()
page_scripts.open_slot()  # before anything that may send a script to the browser

# st.navigation must come before the sidebar's widgets (Streamlit 1.67 drops the
# new value of a widget created before it); the language is already in the state.
# Addresses differ from the file names: on a fresh server Streamlit's old pages/
# discovery would otherwise run a deep-linked page without this frame.
language = sidebar.language()
# The store: made with the demo on first start on the default file; a missing file that
# TRACKER_DB names is explained (its path and `init`), never created.
store = guarded(data.ensure_database, language)
# Who uses this session (None: someone has to sign in); no widget is drawn here.
user = guarded(auth.current_user, language) if store else None
# (file, access key and label key, icon, address); the first group stands in the top bar,
# the others open as menus.
PAGES = {
    "": (
        ("overview", "page_overview", ":material/dashboard:", "tong-quan"),
        ("analysis", "page_analysis", ":material/analytics:", "phan-tich"),
        ("tasks", "page_tasks", ":material/checklist:", "nhiem-vu"),
        ("cascade", "page_cascade", ":material/account_tree:", "giao-viec"),
        ("appraisal", "page_appraisal", ":material/grade:", "danh-gia"),
    ),
    "nav_data": (
        ("upload", "page_upload", ":material/upload_file:", "tai-len"),
        ("imports", "page_imports", ":material/history:", "lich-su-nhap"),
    ),
    "nav_more": (
        ("inbox", "page_inbox", ":material/inbox:", "hop-thu"),
        ("method", "page_method", ":material/help:", "cach-tinh"),
        ("admin", "page_admin", ":material/manage_accounts:", "quan-tri"),
    ),
}
FILES = {"admin": "audit"}
# The inbox's title carries the number of unread messages (in the menu, and as a link
# under the account's name: one more entry would push the top bar's menus out of sight).
TITLES = {
    "inbox": guarded(lambda: inbox_view.navigation_title(user if store else None, language),
                     language)
}  # fmt: skip
pages = {
    text(section, language) if section else "": [
        st.Page(
            f"pages/{FILES.get(key, key)}.py",
            title=TITLES.get(key) or text(label, language),
            icon=icon,
            url_path=address,
            default=key == "overview",
            visibility=auth.visibility(user, key),
        )
        for key, label, icon, address in entries
    ]
    for section, entries in PAGES.items()
}
pages[""].append(
    st.Page(
        "pages/signin.py",
        title=text("page_signin", language),
        icon=":material/login:",
        url_path="dang-nhap",
        visibility="hidden",
    )
)
page = st.navigation(pages, position="top" if user else "hidden")
addresses.check_once(
    [address for entries in PAGES.values() for *_, address in entries] + ["dang-nhap"], language
)
if store is None:  # no page runs: the message says which file is missing and how to make it
    st.stop()
if user is None:  # no page runs: the sign-in form (or the local-only notice)
    guarded(lambda: auth.sign_in_gate(language), language)
    st.stop()
if user.local:
    auth.local_banner(language)
auth.account_box(user, language)
inbox_view.sidebar_link(TITLES["inbox"], language)

view = guarded(sidebar.render, language)
if view is None:
    st.stop()
st.session_state["_view"] = view
try:
    guarded(page.run, view.language)
finally:  # also when a page stops early (st.stop)
    url_state.publish()
