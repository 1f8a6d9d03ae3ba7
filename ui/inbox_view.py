"""One inbox message on screen: its subject (bold while unread), when it came, its items
each linking to the task page, and a button to mark it read or unread."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from analytics import accounts, formats, inbox
from analytics.accounts import Account
from analytics.labels import text
from analytics.reminders.message import HEADINGS
from ui.data import unread_messages
from ui.widgets import inert


def show_message(db: object, user: str, message: dict, lang: str) -> None:
    unread = pd.isna(message["read_at"])
    when = pd.Timestamp(message["created_at"])
    stamp = f"{formats.day(when.date())} {when:%H:%M}"
    title = f"{'● ' if unread else ''}{message['subject']} · {stamp}"
    with st.expander(inert(title), expanded=unread):
        for item in message["items"]:
            names = HEADINGS.get(item["kind"], (item["kind"], item["kind"]))
            kind = names[0 if lang == "vi" else 1]
            days = item.get("days")
            extra = "" if days is None else f" ({text('inbox_days', lang, n=days)})"
            st.page_link(
                "pages/tasks.py",
                label=inert(f"{kind}: {item['task']}{extra} — {item.get('title', '')}"),
                query_params={"ma": item["task"], "lang": lang},
            )  # fmt: skip
        st.caption(text("inbox_emailed" if message["emailed"] else "inbox_only", lang))
        label = "inbox_mark_read" if unread else "inbox_mark_unread"
        if st.button(text(label, lang), key=f"inbox_{message['id']}"):
            inbox.mark(db, user, message["id"], read=unread)
            st.rerun()


def navigation_title(user: Account | None, language: str) -> str:
    """The inbox's title in the navigation, with the number of unread messages."""
    count = unread_messages(user.actor) if user is not None else 0
    return text("page_inbox_unread", language, n=count) if count else text("page_inbox", language)


def my_reminders_toggle(db: object, account: object, lang: str) -> None:
    """The account's own choice of reminder e-mails (the inbox stays either way)."""
    stored = accounts.reminder_choice(db, account.name)
    if stored is None:
        return
    wanted = st.toggle(text("my_reminders", lang), value=stored, key="my_reminders")
    if wanted != stored:
        accounts.edit_user(db, account.name, reminders=wanted, actor=account.actor)
        st.rerun()


def sidebar_link(title: str | None, language: str) -> None:
    """A link to the inbox under the account's name, with its unread count."""
    if title:
        st.sidebar.page_link("pages/inbox.py", label=title, icon=":material/inbox:",
                             query_params={"lang": language})  # fmt: skip
