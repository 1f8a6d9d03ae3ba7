"""Lịch sử nhập: every import, and undoing one of them."""

import streamlit as st

from analytics.importing import list_imports, undo_import
from analytics.importing.display import history_rows, import_choice
from analytics.labels import text
from ui import auth
from ui.data import store_location
from ui.sidebar import current_view
from ui.widgets import inert

account = auth.require("imports")  # signed in, with a role that may open it
view = current_view()
lang = view.language
db = store_location()

st.title(text("page_imports", lang))
st.caption(text("imports_intro", lang))

notice = st.session_state.pop("imports_notice", None)
if notice is not None:
    (st.success if notice[0] else st.error)(inert(notice[1]))

imports = list_imports(db)
if imports.empty:
    st.info(text("imports_empty", lang))
    st.stop()
st.dataframe(history_rows(imports, lang), hide_index=True, width="stretch")
if not (account.can("undo_any") or account.can("undo_own")):
    st.stop()  # reading the history is all this role does here

active = imports[~imports["undone"]].set_index("id", drop=False)
if not account.can("undo_any"):  # staff undo only their own imports
    st.caption(text("undo_own_only", lang))
    active = active[active["user_name"] == account.name]
if active.empty:
    st.info(text("nothing_to_undo", lang))
    st.stop()
st.subheader(text("undo", lang))
chosen = st.selectbox(
    text("choose_import", lang),
    active.index.tolist(),
    format_func=lambda i: import_choice(active.loc[i], lang),
    key="undo_choice",
)
user = (
    st.text_input(text("uploader_name", lang), key="undo_by").strip()
    if account.local  # local mode: no account, so who undoes is asked
    else account.name
)
if not user:
    st.caption(text("need_name", lang))
if st.button(text("undo", lang), type="primary", disabled=not user, key="undo_chosen"):
    result = undo_import(int(chosen), db, user=user)
    st.session_state["imports_notice"] = (result.ok, result.message(lang))
    st.rerun()
