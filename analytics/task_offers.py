"""Which actions the task page offers the signed-in account on one task: those its role
and ownership allow (``actions.may``) that the task's state makes possible now. The
actions themselves check everything again when they run. No Streamlit here.
"""

from __future__ import annotations

from datetime import date

import pandas as pd

from analytics.accounts import Account
from analytics.actions import WAITING_STATES, may
from analytics.statuses import ASSIGNED
from analytics.store.actions_sql import TaskRow

# The order of the page's tabs: the likely next step first, a comment last.
ORDER = ("propose", "assign", "return", "report", "answer", "extend", "approve-extension",
         "refuse-extension", "ask", "comment")  # fmt: skip


def is_done(reports: pd.DataFrame, today: date) -> bool:
    """Whether the latest report dated on or before ``today`` says 100 %."""
    if reports.empty:
        return False
    dated = reports[pd.to_datetime(reports["report_date"]).dt.date <= today]
    return bool(len(dated)) and float(dated["progress"].iloc[-1]) >= 100


def offered(
    account: Account, task: dict, *, done: bool, extension_open: bool, explanation_open: bool
) -> tuple[str, ...]:
    """The actions to offer, in :data:`ORDER`: propose a registered task; assign or return
    a registered or proposed one; on an assigned task report, and while it is not done
    ask for an extension (none open) or an explanation; decide an open extension request;
    answer an open explanation request; comment always."""
    state = task["assignment_state"]
    possible = {"comment"}
    if state == "dang_ky":
        possible.add("propose")
    if state in WAITING_STATES:
        possible |= {"assign", "return"}
    if state == ASSIGNED:
        possible.add("report")
        if not done:
            possible |= {"ask"} if extension_open else {"ask", "extend"}
    if extension_open:
        possible |= {"approve-extension", "refuse-extension"}
    if explanation_open:
        possible.add("answer")
    row = _task_row(task)
    return tuple(action for action in ORDER if action in possible and may(account, action, row))


def _task_row(task: dict) -> TaskRow:
    return TaskRow(
        id=int(task.get("id") or 0), code=str(task["code"]), title=str(task["title"]),
        body_code=str(task["body_code"]), position=str(task["position"]),
        official=task.get("official"), assignment_state=str(task["assignment_state"]),
        assigned_on=task["assigned_on"], due_on=task["due_on"],
    )  # fmt: skip
