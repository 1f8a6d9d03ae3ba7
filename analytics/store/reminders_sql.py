"""SQL of the reminders (CONTRACT.md section 6): what may need someone (open requests,
tasks waiting for a decision, reports in a period), what was sent already, the accounts
that receive, and each account's inbox."""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import date, datetime

import pandas as pd

from analytics.store.connection import Connection

REMINDER_TABLES = ("reminders_sent", "inbox")


RECIPIENT_COLUMNS = ("name", "role", "bodies", "body_code", "position", "email", "reminders")


def recipients(con: Connection) -> list[dict]:
    """Accounts that are not disabled, each a dict of :data:`RECIPIENT_COLUMNS` (None for
    what is not set)."""
    rows = con.execute(
        "SELECT name, role, bodies, body_code, position, email, reminders FROM users "
        "WHERE NOT disabled ORDER BY name"
    ).fetchall()
    return [dict(zip(RECIPIENT_COLUMNS, row, strict=True)) for row in rows]


def reported_between(con: Connection, start: date, end: date) -> set[str]:
    """Codes of the tasks with a report dated from ``start`` to ``end``."""
    rows = con.execute(
        "SELECT DISTINCT t.code FROM progress p JOIN tasks t ON t.id = p.task_id "
        "WHERE p.report_date BETWEEN ? AND ?",
        [start, end],
    ).fetchall()
    return {str(r[0]) for r in rows}


def open_explanations(con: Connection) -> pd.DataFrame:
    """Explanation requests not answered: id, code, title, body_code, position, asked_on,
    asked_by, question."""
    return con.execute(
        "SELECT e.id, t.code, t.title, t.body_code, t.position, e.asked_on, e.asked_by, "
        "e.question FROM explanations e JOIN tasks t ON t.id = e.task_id "
        "WHERE e.answered_on IS NULL ORDER BY e.asked_on, e.id"
    ).df()


def waiting_decisions(con: Connection) -> pd.DataFrame:
    """What the committee decides: tasks registered or proposed (``item`` the state) and
    open extension requests (``item`` ``extension:ID``), with the task's code, title,
    deadline and the day it appeared."""
    return con.execute(
        """SELECT code, title, assignment_state AS item, due_on, assigned_on AS since,
                  NULL AS new_due
           FROM tasks WHERE assignment_state IN ('dang_ky', 'de_xuat')
           UNION ALL
           SELECT t.code, t.title, 'extension:' || CAST(x.id AS VARCHAR), t.due_on,
                  x.requested_on, x.new_due
           FROM extensions x JOIN tasks t ON t.id = x.task_id
           WHERE x.decision = 'cho_duyet'
           ORDER BY 1, 3"""
    ).df()


def last_sent(con: Connection) -> dict[tuple[str, str, str, str], date]:
    """The last day each (account, kind, task, item key) was sent."""
    rows = con.execute(
        "SELECT user_name, kind, task_code, item_key, max(sent_on) FROM reminders_sent GROUP BY ALL"
    ).fetchall()
    return {(u, k, t, i): d for u, k, t, i, d in rows}


def record_message(
    con: Connection, user: str, today: date, when: datetime, subject: str, body: str,
    items: Iterable[tuple[str, str, str]], item_json: list[dict], emailed: bool,
) -> None:  # fmt: skip
    """Keep what one message carried (so it is not sent again) and put it in the inbox."""
    con.executemany(
        "INSERT INTO reminders_sent (user_name, kind, task_code, item_key, sent_on, sent_at) "
        "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
        [[user, kind, task, key, today, when] for kind, task, key in items],
    )
    next_id = con.execute("SELECT coalesce(max(id), 0) + 1 FROM inbox").fetchall()[0][0]
    con.execute(
        "INSERT INTO inbox (id, user_name, created_at, subject, body, items, emailed) "
        "VALUES (?, ?, ?, ?, ?, ?, ?)",
        [next_id, user, when, subject, body, json.dumps(item_json, ensure_ascii=False), emailed],
    )


def inbox(con: Connection, user: str) -> pd.DataFrame:
    """An account's messages, newest first: id, created_at, subject, body, items (JSON: kind,
    task, days, title), emailed, read_at."""
    return con.execute(
        "SELECT id, created_at, subject, body, items, emailed, read_at FROM inbox "
        "WHERE user_name = ? ORDER BY created_at DESC, id DESC",
        [user],
    ).df()


def unread_count(con: Connection, user: str) -> int:
    return int(
        con.execute(
            "SELECT count(*) FROM inbox WHERE user_name = ? AND read_at IS NULL", [user]
        ).fetchall()[0][0]
    )


def mark_read(con: Connection, user: str, message_id: int, when: datetime | None) -> None:
    """Mark one of the account's messages read (``when``) or unread (None)."""
    con.execute(
        "UPDATE inbox SET read_at = ? WHERE id = ? AND user_name = ?", [when, message_id, user]
    )
