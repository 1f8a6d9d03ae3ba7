"""Each account's inbox: the reminder messages it was sent (CONTRACT.md section 6), read
or not. No Streamlit here."""

from __future__ import annotations

import json

import pandas as pd

from analytics.accounts import now
from analytics.store import reminders_sql
from analytics.store.connection import Database, transaction, use_connection


def messages(db: Database, user: str) -> pd.DataFrame:
    """The account's messages, newest first: id, created_at, subject, body, items (a list
    of ``{"kind", "task", "days"}``), emailed, read_at."""
    with use_connection(db) as con:
        frame = reminders_sql.inbox(con, user)
    frame["items"] = [json.loads(text) for text in frame["items"]]
    return frame


def unread(db: Database, user: str) -> int:
    """How many of the account's messages are not read."""
    with use_connection(db) as con:
        return reminders_sql.unread_count(con, user)


def mark(db: Database, user: str, message_id: int, read: bool = True) -> None:
    """Mark one of the account's own messages read (or unread again)."""
    with use_connection(db) as con, transaction(con, tables=("inbox",)):
        reminders_sql.mark_read(con, user, int(message_id), now() if read else None)
