"""Hộp thư: the reminders this account was sent, newest first, each with its tasks."""

import streamlit as st

from analytics import inbox
from analytics.labels import text
from ui import auth
from ui.data import store_location
from ui.inbox_view import my_reminders_toggle, show_message
from ui.sidebar import current_view

account = auth.require("inbox")  # signed in, with a role that may open it
view = current_view()
lang = view.language
db = store_location()

st.title(text("page_inbox", lang))
st.caption(text("inbox_intro", lang))
if not account.local:
    my_reminders_toggle(db, account, lang)
messages = inbox.messages(db, account.actor)
if messages.empty:
    st.info(text("inbox_empty", lang))
    st.stop()
for message in messages.to_dict("records"):
    show_message(db, account.actor, message, lang)
