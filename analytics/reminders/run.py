"""``remind``: one message per account listing what needs it today, e-mailed (when it has
an address, wants reminder e-mails and SMTP is set) and put in its inbox, then recorded so
the same item does not go again within its interval. A message that could not be sent is
neither recorded nor put in the inbox: the next run tries again."""

from __future__ import annotations

import smtplib
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from analytics import reporting_calendar
from analytics.accounts import now
from analytics.missing_reports import silent_in
from analytics.reminders.items import Item, Situation, items_for, open_tasks
from analytics.reminders.mail import Mailer, MailSettings
from analytics.reminders.message import compose, email_of
from analytics.store import reminders_sql
from analytics.store.connection import Database, transaction, use_connection
from analytics.store.figures_sql import task_states


@dataclass
class Outgoing:
    user: str
    email: str | None  # where it is e-mailed; None: the inbox only
    items: list[Item]
    failed: bool = False

    def to_json(self) -> dict[str, Any]:
        return {"user": self.user, "email": self.email,
                "items": [item.to_json() for item in self.items]}  # fmt: skip


@dataclass
class RunResult:
    today: date
    messages: list[Outgoing] = field(default_factory=list)
    sent: int = 0
    dry_run: bool = False
    mail_configured: bool = True

    @property
    def failed(self) -> list[str]:
        return [m.user for m in self.messages if m.failed]

    def to_json(self) -> dict[str, Any]:
        return {"today": self.today.isoformat(), "sent": self.sent, "failed": len(self.failed),
                "messages": [m.to_json() for m in self.messages]}  # fmt: skip


def situation_on(db: Database, today: date) -> tuple[Situation, list[dict]]:
    """What the store says on ``today``, and the accounts that may receive."""
    kind = reporting_calendar.reporting_kind()
    period = reporting_calendar.last_ended(today, kind)
    with use_connection(db) as con:
        tasks = open_tasks(task_states(con, today))
        reported = reminders_sql.reported_between(con, *period)
        situation = Situation(
            today=today, tasks=tasks,
            missing=set(silent_in(tasks, reported, period)["code"]), period=period,
            period_kind=kind, explanations=reminders_sql.open_explanations(con),
            decisions=reminders_sql.waiting_decisions(con), sent=reminders_sql.last_sent(con),
        )  # fmt: skip
        people = reminders_sql.recipients(con)
    return situation, people


def remind(db: Database = None, today: date | None = None, *, dry_run: bool = False) -> RunResult:
    """Send today's reminders (or, with ``dry_run``, only say what would go)."""
    today = today or date.today()
    settings = MailSettings.from_environment()
    situation, people = situation_on(db, today)
    result = RunResult(today, dry_run=dry_run, mail_configured=settings is not None)
    for person in people:
        items = items_for(person, situation)
        if items:
            wants_mail = bool(person["email"]) and bool(person["reminders"])
            result.messages.append(
                Outgoing(person["name"], person["email"] if wants_mail else None, items)
            )
    if dry_run:
        return result
    mailer = Mailer(settings) if settings is not None else None
    try:
        for outgoing in result.messages:
            _deliver(db, outgoing, today, mailer, settings)
            result.sent += 0 if outgoing.failed else 1
    finally:
        if mailer is not None:
            mailer.close()
    return result


def _deliver(
    db: Database, outgoing: Outgoing, today: date, mailer: Mailer | None,
    settings: MailSettings | None,
) -> None:  # fmt: skip
    message = compose(outgoing.user, outgoing.items, today)
    emailed = False
    if outgoing.email and mailer is not None and settings is not None:
        try:
            mailer.send(email_of(message, settings.sender, outgoing.email))
        except (smtplib.SMTPException, OSError):
            outgoing.failed = True
            return
        emailed = True
    keys = [(item.kind, item.task, item.key) for item in outgoing.items]
    items_json = [item.to_json() | {"title": item.title} for item in outgoing.items]
    with use_connection(db) as con, transaction(con, tables=reminders_sql.REMINDER_TABLES):
        reminders_sql.record_message(
            con, outgoing.user, today, now(), message.subject, message.text, keys, items_json,
            emailed,
        )  # fmt: skip
