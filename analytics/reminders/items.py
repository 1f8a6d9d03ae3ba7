"""What each account is reminded of on a day (CONTRACT.md section 6).

Items, for open assigned tasks (not done as of the day, with the deadline in force):
- ``sap_den_han``: 14, 7 or 1 days or fewer left, each threshold once per deadline; only
  the smallest threshold reached;
- ``qua_han``: past the deadline, the first time and then every 7 days;
- ``chua_bao_cao``: assigned before the last ended reporting period began, with no report
  dated in it; once per task and period;
- ``giai_trinh``: an open explanation request, when asked and then every 7 days;
- ``cho_duyet`` (committee and admin): a task registered or proposed, or an open extension
  request, when it appears and then every 7 days.
An official gets the items of its own tasks, staff those of its bodies (every body when
unlimited), committee and admin the ``cho_duyet`` items; other accounts none.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

import pandas as pd

from analytics import reporting_calendar
from analytics.statuses import TASK_STATUS_CODES

THRESHOLDS = (1, 7, 14)  # days left, smallest first
REPEAT_DAYS = 7
DONE = set(TASK_STATUS_CODES[:2])  # hoan_thanh_dung_han, hoan_thanh_qua_han
TASK_KINDS = ("sap_den_han", "qua_han", "chua_bao_cao", "giai_trinh")  # an owner's items


@dataclass(frozen=True)
class Item:
    """One thing to remind of. ``key`` tells items of one kind and task apart (a threshold
    and its deadline, a period, a request); ``repeats``: again every 7 days while open."""

    kind: str
    task: str
    title: str
    key: str
    repeats: bool
    days: int | None = None  # days left (due soon) or late (overdue)
    due: date | None = None  # the deadline in force
    text: str = ""  # the question asked, the extension asked for, the period

    def to_json(self) -> dict:
        return {"kind": self.kind, "task": self.task, "days": self.days}


@dataclass(frozen=True)
class Situation:
    """What the store says on the day, read once for every account."""

    today: date
    tasks: pd.DataFrame  # open assigned tasks: code, title, body_code, position, due_on, ...
    missing: set[str]  # codes with no report in the last ended period (missing_reports)
    period: tuple[date, date]
    period_kind: str
    explanations: pd.DataFrame  # open requests: id, code, title, body_code, position, question
    decisions: pd.DataFrame  # code, title, item, due_on, new_due
    sent: dict[tuple[str, str, str, str], date]  # (user, kind, task, key) -> last day sent


def _day(value: object) -> date:
    return pd.Timestamp(value).date()


def task_items(situation: Situation, tasks: pd.DataFrame, explanations: pd.DataFrame) -> list[Item]:
    """Every item of ``tasks`` (open, assigned) and their open ``explanations``, before
    what was sent is taken into account."""
    today = situation.today
    items: list[Item] = []
    start = situation.period[0]
    period_key = f"{situation.period_kind}:{start.isoformat()}"
    period_name = reporting_calendar.period_name(situation.period, situation.period_kind)
    for code, title, due_value in tasks[["code", "title", "due_on"]].itertuples(index=False):
        due = _day(due_value)
        left = (due - today).days
        if 0 <= left <= THRESHOLDS[-1]:
            threshold = next(t for t in THRESHOLDS if left <= t)
            key = f"{threshold}@{due.isoformat()}"
            items.append(Item("sap_den_han", code, title, key, False, left, due))
        elif left < 0:
            items.append(Item("qua_han", code, title, f"@{due.isoformat()}", True, -left, due))
        if code in situation.missing:
            items.append(
                Item("chua_bao_cao", code, title, period_key, False, None, due, period_name)
            )
    due_of = dict(zip(tasks["code"], tasks["due_on"], strict=True))
    for request, code, title, question in explanations[
        ["id", "code", "title", "question"]
    ].itertuples(index=False):
        due = _day(due_of[code]) if code in due_of else None
        items.append(Item("giai_trinh", code, title, f"request:{request}", True, None, due,
                          question))  # fmt: skip
    return items


def decision_items(decisions: pd.DataFrame) -> list[Item]:
    """Every ``cho_duyet`` item: tasks registered or proposed, open extension requests."""
    items = []
    for code, title, item, due_value, new_due in decisions[
        ["code", "title", "item", "due_on", "new_due"]
    ].itertuples(index=False):
        extension = str(item).startswith("extension:")
        text = _day(new_due).strftime("%d/%m/%Y") if extension and not pd.isna(new_due) else ""
        items.append(Item("cho_duyet", code, title, str(item), True, None, _day(due_value), text))
    return items


def owned(frame: pd.DataFrame, role: str, bodies: str, body: str | None,
          position: str | None) -> pd.DataFrame:  # fmt: skip
    """The rows of ``frame`` (with ``body_code`` and ``position``) that are the account's."""
    if role == "official":
        return frame[(frame["body_code"] == body) & (frame["position"] == position)]
    if role == "staff":
        allowed = [b for b in (bodies or "").split(",") if b]
        return frame[frame["body_code"].isin(allowed)] if allowed else frame
    return frame.iloc[0:0]


def due_now(item: Item, user: str, situation: Situation) -> bool:
    """Whether ``item`` goes to ``user`` today: never sent, or (an item that repeats) last
    sent 7 days ago or more."""
    last = situation.sent.get((user, item.kind, item.task, item.key))
    if last is None:
        return True
    return item.repeats and _day(last) <= situation.today - timedelta(days=REPEAT_DAYS)


def items_for(account: dict, situation: Situation) -> list[Item]:
    """The items due today for one account (a row of the recipients)."""
    role = account["role"]
    if role in ("committee", "admin"):
        candidates = decision_items(situation.decisions)
    elif role in ("official", "staff"):
        mine = owned(situation.tasks, role, account["bodies"], account["body_code"],
                     account["position"])  # fmt: skip
        asked = owned(situation.explanations, role, account["bodies"], account["body_code"],
                      account["position"])  # fmt: skip
        candidates = task_items(situation, mine, asked)
    else:
        return []
    order = {kind: i for i, kind in enumerate((*TASK_KINDS, "cho_duyet"))}
    chosen = [item for item in candidates if due_now(item, account["name"], situation)]
    return sorted(chosen, key=lambda i: (order[i.kind], i.task, i.key))


def open_tasks(states: pd.DataFrame) -> pd.DataFrame:
    """The assigned tasks not done, from the task states as of the day."""
    return states[~states["status"].isin(DONE)].reset_index(drop=True)
