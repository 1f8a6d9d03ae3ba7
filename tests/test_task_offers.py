"""Which actions the task page offers (analytics/task_offers.py), by role, ownership and
the task's state, written out by hand; and several tasks assigned at once
(analytics/bulk_actions.py) on both engines."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from analytics.accounts import Account
from analytics.actions import act
from analytics.bulk_actions import act_on_each
from analytics.store import lookups
from analytics.store.connection import open_db
from analytics.task_offers import is_done, offered

OFFICIAL = Account("ct.ktns", "official", body="KTNS", position="Trưởng ban")
STAFF_TT = Account("vp.tt", "staff", bodies=("TT",))
COMMITTEE = Account("tt.hdnd", "committee")
ANALYST = Account("pt.vien", "analyst")
ADMIN = Account("quan.tri", "admin")


def task(state: str = "da_giao", body: str = "KTNS", position: str = "Trưởng ban") -> dict:
    return {"id": 1, "code": "X1", "title": "T", "body_code": body, "position": position,
            "official": None, "assignment_state": state, "assigned_on": date(2026, 1, 1),
            "due_on": date(2026, 12, 31)}  # fmt: skip


TT_TASK = task(body="TT", position="Phó Chủ tịch HĐND tỉnh")


@pytest.mark.parametrize(
    ("account", "row", "done", "extension", "explanation", "expected"),
    [
        (OFFICIAL, task(), False, False, False, ("report", "extend", "comment")),
        (OFFICIAL, task(), True, False, False, ("report", "comment")),  # done: no more time
        # An open extension request: no second one; an open question: answer it.
        (OFFICIAL, task(), False, True, True, ("report", "answer", "comment")),
        (OFFICIAL, task(position="Phó Trưởng ban"), False, True, True, ("comment",)),
        (OFFICIAL, task("dang_ky"), False, False, False, ("comment",)),
        (STAFF_TT, TT_TASK, False, False, True, ("report", "answer", "extend", "comment")),
        (STAFF_TT, task("dang_ky", "TT"), False, False, False, ("propose", "comment")),
        (STAFF_TT, task("dang_ky"), False, False, False, ("comment",)),  # not its body
        (COMMITTEE, task("dang_ky"), False, False, False,
         ("propose", "assign", "return", "comment")),
        (COMMITTEE, task("de_xuat"), False, False, False, ("assign", "return", "comment")),
        (COMMITTEE, task("tra_lai"), False, False, False, ("comment",)),
        (COMMITTEE, task(), False, True, False,
         ("approve-extension", "refuse-extension", "ask", "comment")),
        (COMMITTEE, task(), True, False, False, ("comment",)),  # done: nothing to ask
        (ANALYST, task(), False, False, True, ("ask", "comment")),
        (ADMIN, task(), False, False, False, ("report", "ask", "comment")),
    ],
)  # fmt: skip
def test_what_is_offered(account, row, done, extension, explanation, expected):
    found = offered(account, row, done=done, extension_open=extension,
                    explanation_open=explanation)  # fmt: skip
    assert found == expected


def test_done_is_read_from_the_latest_report_up_to_today():
    reports = pd.DataFrame(
        {"report_date": pd.to_datetime(["2026-03-31", "2026-06-30", "2026-09-30"]),
         "progress": [40.0, 100.0, 90.0]}
    )  # fmt: skip
    assert not is_done(reports, date(2026, 3, 31))
    assert is_done(reports, date(2026, 7, 1))  # 100 % on 30/06
    assert not is_done(reports, date(2026, 10, 1))  # reopened on 30/09 at 90 %
    assert not is_done(reports.iloc[:0], date(2026, 10, 1))
    assert not is_done(reports, date(2026, 1, 1))  # nothing reported yet on that day


def test_several_tasks_assigned_at_once_each_on_its_own(empty_store):
    today = date(2026, 12, 2)
    for code, due in (("A1", date(2027, 6, 30)), ("A2", date(2026, 11, 30))):
        act(empty_store, ADMIN, "register", code, on=date(2026, 11, 1), today=today,
            title=code, body="KTNS", position="Trưởng ban", area="giam_sat", period="2026",
            due=due)  # fmt: skip
    outcomes = act_on_each(
        empty_store, COMMITTEE, "assign", ["A1", "A2", "A1", "NONE"], on=today, today=today,
        assigner="Thường trực HĐND tỉnh",
    )  # fmt: skip
    # Each code once, in order: A1 assigned; A2's deadline (30/11) is before the day;
    # NONE does not exist.
    assert [(o.code, o.ok) for o in outcomes] == [("A1", True), ("A2", False), ("NONE", False)]
    assert outcomes[1].message() == "Hạn hoàn thành 30/11/2026 trước ngày giao 02/12/2026."
    assert outcomes[2].message("en") == "There is no task with code 'NONE'."
    with open_db(empty_store) as con:
        states = {c: lookups.task_detail(con, c)["assignment_state"] for c in ("A1", "A2")}
    assert states == {"A1": "da_giao", "A2": "dang_ky"}
