"""The deadline in force (CONTRACT.md section 4) in every figure, and the ``extended`` count.

For a task as of D, U is the new deadline of the latest extension approved on or before D
(latest decision day, then the larger id), else the task's own deadline. Every expected
value below was worked out by hand from that definition; the comment beside each case
says how. Each test runs on a DuckDB store and on PostgreSQL (``store_con``).
"""

from __future__ import annotations

import json
import math
from datetime import date

import pytest

from analytics.cli import main
from analytics.cycle import official_sheet
from analytics.early_warning import early_warning, early_warning_by
from analytics.figures import summary
from analytics.statuses import TASK_STATUS_CODES
from analytics.store import connection
from analytics.store.figures_sql import due_in_force, task_states
from analytics.trend import trend
from tests.test_figures_naive import add_extension, add_task, report

ASSIGNED = date(2026, 1, 1)
OWN_DUE = date(2026, 3, 31)
REQUESTED = date(2026, 3, 20)
NEW_DUE = date(2026, 6, 30)
APPROVED = date(2026, 4, 10)


def task(con, code: str = "A", **fields) -> int:
    """A task assigned 01/01/2026, due 31/03/2026 (period 2026)."""
    return add_task(con, code, ASSIGNED, OWN_DUE, period="2026", **fields)


def state(con, as_of: date, **scope) -> dict[str, dict]:
    """Per task code: status, deadline in force, own deadline, extended."""
    frame = task_states(con, as_of, **scope)
    return {
        row["code"]: {
            "status": row["status"],
            "due_on": row["due_on"].date(),
            "own_due_on": row["own_due_on"].date(),
            "extended": bool(row["extended"]),
        }
        for row in frame.to_dict(orient="records")
    }


def totals(con, as_of: date) -> dict:
    frame = summary(con, "all", as_of=as_of)
    assert len(frame) == 1
    return frame.iloc[0].to_dict()


def test_an_extension_approved_after_the_own_deadline_counts_from_its_approval(store_con):
    # A: no report. B: 40 % on 01/02/2026. Both due 31/03; both asked on 20/03 for 30/06,
    # approved 10/04.
    # As of 05/04: the approval is later than D, so U = 31/03 < D: both overdue,
    # extended 0; on-time rate 0 / (0 done + 2 overdue) = 0.
    # As of 10/04 (the approval day counts): U = 30/06 >= D, not done. A has no report:
    # not started; B's latest report is 40 > 0: in progress. extended 2; nothing done or
    # overdue, so the on-time rate is empty; average progress (0 + 40) / 2 = 20.
    a = task(store_con, "A")
    b = task(store_con, "B")
    report(store_con, b, date(2026, 2, 1), 40)
    for t in (a, b):
        add_extension(store_con, t, REQUESTED, NEW_DUE, APPROVED)
    before = state(store_con, date(2026, 4, 5))
    assert before["A"] == {"status": "qua_han", "due_on": OWN_DUE, "own_due_on": OWN_DUE,
                           "extended": False}  # fmt: skip
    assert before["B"]["status"] == "qua_han"
    row = totals(store_con, date(2026, 4, 5))
    assert (row["qua_han"], row["extended"], row["on_time_rate"]) == (2, 0, 0.0)

    after = state(store_con, APPROVED)
    assert after["A"] == {"status": "chua_trien_khai", "due_on": NEW_DUE,
                          "own_due_on": OWN_DUE, "extended": True}  # fmt: skip
    assert after["B"]["status"] == "dang_thuc_hien"
    row = totals(store_con, APPROVED)
    assert row["tasks"] == 2 and row["qua_han"] == 0
    assert row["chua_trien_khai"] == 1 and row["dang_thuc_hien"] == 1
    assert row["extended"] == 2 and row["avg_progress"] == 20.0
    assert math.isnan(row["on_time_rate"])


def test_a_refused_or_waiting_request_changes_nothing(store_con):
    # A: asked 20/03 for 30/06, refused 10/04. B: asked 20/03 for 30/06, not decided.
    # As of 01/05 both keep U = 31/03 < D: overdue, extended 0.
    a = task(store_con, "A")
    b = task(store_con, "B")
    add_extension(store_con, a, REQUESTED, NEW_DUE, APPROVED, decision="tu_choi")
    add_extension(store_con, b, REQUESTED, NEW_DUE)  # waiting
    d = date(2026, 5, 1)
    assert state(store_con, d) == {
        code: {"status": "qua_han", "due_on": OWN_DUE, "own_due_on": OWN_DUE, "extended": False}
        for code in ("A", "B")
    }
    row = totals(store_con, d)
    assert (row["tasks"], row["qua_han"], row["extended"]) == (2, 2, 0)
    assert due_in_force(store_con, a, d) == OWN_DUE
    assert due_in_force(store_con, b, d) == OWN_DUE


def test_two_extensions_approved_in_turn(store_con):
    # Report 50 % on 15/05. First extension to 30/06 approved 10/04; second asked 25/06
    # for 30/09, approved 05/07.
    # As of 01/07: only the first is approved by D, U = 30/06 < D: overdue.
    # As of 05/07: the second is the latest approval, U = 30/09 >= D, progress 50 > 0:
    # in progress. The task is counted once in extended (1), whatever the number of
    # extensions.
    t = task(store_con)
    report(store_con, t, date(2026, 5, 15), 50)
    add_extension(store_con, t, REQUESTED, NEW_DUE, APPROVED)
    add_extension(store_con, t, date(2026, 6, 25), date(2026, 9, 30), date(2026, 7, 5))
    assert state(store_con, date(2026, 7, 1))["A"]["status"] == "qua_han"
    assert state(store_con, date(2026, 7, 1))["A"]["due_on"] == NEW_DUE
    later = state(store_con, date(2026, 7, 5))["A"]
    assert later["status"] == "dang_thuc_hien" and later["due_on"] == date(2026, 9, 30)
    for d in (date(2026, 7, 1), date(2026, 7, 5)):
        row = totals(store_con, d)
        assert (row["tasks"], row["extended"]) == (1, 1)
    # due_in_force: the own deadline before the first approval, then each in turn.
    assert due_in_force(store_con, t, date(2026, 4, 9)) == OWN_DUE
    assert due_in_force(store_con, t, APPROVED) == NEW_DUE
    assert due_in_force(store_con, t, date(2026, 7, 4)) == NEW_DUE
    assert due_in_force(store_con, t, date(2026, 7, 5)) == date(2026, 9, 30)
    with pytest.raises(LookupError):
        due_in_force(store_con, t + 1, APPROVED)


def test_two_approvals_on_the_same_day_the_larger_id_wins(store_con):
    # Both approved 10/04: id 1 to 30/06, then id 2 to 15/05. Same decision day, so the
    # larger id (15/05) is in force. As of 01/06: D > 15/05, no report: overdue (had the
    # first one won, U = 30/06 and the task would be not started).
    t = task(store_con)
    first = add_extension(store_con, t, REQUESTED, NEW_DUE, APPROVED)
    second = add_extension(store_con, t, REQUESTED, date(2026, 5, 15), APPROVED)
    assert second > first
    assert state(store_con, date(2026, 6, 1))["A"]["status"] == "qua_han"
    assert due_in_force(store_con, t, date(2026, 6, 1)) == date(2026, 5, 15)


def test_a_date_before_the_approval_reads_the_own_deadline(store_con):
    # Approved 10/04 to 30/06. As of 09/04: not approved yet, U = 31/03 < D: overdue,
    # not extended; the frame's due_on is the own deadline.
    t = task(store_con)
    add_extension(store_con, t, REQUESTED, NEW_DUE, APPROVED)
    expected = {"status": "qua_han", "due_on": OWN_DUE, "own_due_on": OWN_DUE, "extended": False}
    assert state(store_con, date(2026, 4, 9))["A"] == expected
    assert due_in_force(store_con, t, date(2026, 4, 9)) == OWN_DUE


def test_a_done_date_is_judged_against_the_deadline_in_force_on_d(store_con):
    # Done report (100 %) on 05/04: C = 05/04. Extension to 30/06 approved 10/04.
    # As of 06/04: U = 31/03, C > U: done late; on-time rate 0 / 1 = 0.
    # As of 10/04: U = 30/06, C <= U: done on time; on-time rate 1 / 1 = 1.
    t = task(store_con)
    report(store_con, t, date(2026, 4, 5), 100)
    add_extension(store_con, t, REQUESTED, NEW_DUE, APPROVED)
    assert state(store_con, date(2026, 4, 6))["A"]["status"] == "hoan_thanh_qua_han"
    assert state(store_con, APPROVED)["A"]["status"] == "hoan_thanh_dung_han"
    late, on_time = totals(store_con, date(2026, 4, 6)), totals(store_con, APPROVED)
    assert (late["hoan_thanh_qua_han"], late["on_time_rate"], late["extended"]) == (1, 0.0, 0)
    assert (on_time["hoan_thanh_dung_han"], on_time["on_time_rate"], on_time["extended"]) == (
        1, 1.0, 1)  # fmt: skip


def test_a_window_holds_a_task_extended_into_it(store_con):
    # Window F = 01/04/2026, T = 30/06/2026, today later: D = T. Every task is due 31/03,
    # before F.
    # A: extended to 31/05, approved 10/04 (before T): U = 31/05 >= F: in scope; D > U,
    #    latest report 50 % (01/05): overdue; progress gained 50 - 0 = 50.
    # B: no extension: U = 31/03 < F: out.
    # C: extended to 30/09, approved 15/07 (after D): U = 31/03 < F: out.
    # So 1 task, overdue, extended 1, average progress 50, progress gained 50.
    a = task(store_con, "A")
    report(store_con, a, date(2026, 5, 1), 50)
    add_extension(store_con, a, REQUESTED, date(2026, 5, 31), APPROVED)
    task(store_con, "B")
    c = task(store_con, "C")
    add_extension(store_con, c, date(2026, 7, 1), date(2026, 9, 30), date(2026, 7, 15))
    window = {"date_from": date(2026, 4, 1), "date_to": NEW_DUE}
    frame = summary(store_con, "all", today=date(2026, 12, 1), **window)
    assert len(frame) == 1
    row = frame.iloc[0]
    assert (row["tasks"], row["qua_han"], row["extended"]) == (1, 1, 1)
    assert row["avg_progress"] == 50.0 and row["progress_delta"] == 50.0
    assert list(state(store_con, NEW_DUE, scope_from=date(2026, 4, 1), scope_to=NEW_DUE)) == ["A"]


def test_the_trend_reads_the_deadline_in_force_at_each_date(store_con):
    # Monthly points 31/03, 30/04, 31/05, 30/06, 31/07/2026; no report.
    # A: due 31/03, extended to 30/06 (approved 10/04).
    #    31/03 D = U: not started, not extended; 30/04, 31/05, 30/06 U = 30/06 >= D: not
    #    started, extended; 31/07 > U: overdue.
    # B: due 28/02, extended to 31/05 (approved 10/04).
    #    31/03 U = 28/02: overdue, not extended; 30/04, 31/05 U = 31/05: not started;
    #    30/06, 31/07: overdue.
    a = task(store_con, "A")
    add_extension(store_con, a, REQUESTED, NEW_DUE, APPROVED)
    b = add_task(store_con, "B", ASSIGNED, date(2026, 2, 28), period="2026")
    add_extension(store_con, b, date(2026, 2, 20), date(2026, 5, 31), APPROVED)
    frame = trend(store_con, "month", "all", date_from=date(2026, 3, 1),
                  date_to=date(2026, 7, 31))  # fmt: skip
    assert list(frame["as_of"]) == [date(2026, 3, 31), date(2026, 4, 30), date(2026, 5, 31),
                                    NEW_DUE, date(2026, 7, 31)]  # fmt: skip
    assert list(frame["tasks"]) == [2, 2, 2, 2, 2]
    assert list(frame["qua_han"]) == [1, 0, 0, 1, 2]
    assert list(frame["chua_trien_khai"]) == [1, 2, 2, 1, 0]
    assert list(frame["extended"]) == [0, 2, 2, 2, 2]
    # Each point is the summary as of its date, extended included.
    for point in frame.to_dict(orient="records"):
        row = totals(store_con, point["as_of"])
        for figure in ("tasks", *TASK_STATUS_CODES, "extended"):
            assert point[figure] == row[figure], (point["as_of"], figure)


def test_the_early_warning_reads_the_deadline_in_force(store_con):
    # Reports 20 % on 01/02 and 30 % on 01/04/2026; due 31/03, extended to 31/12/2026
    # (approved 10/04).
    # As of 09/04: U = 31/03, D > U: overdue, days_left = 31/03 - 09/04 = -9, never at
    # risk, no needed pace.
    # As of 10/04: U = 31/12, 265 days left (day 365 - day 100 of 2026): needed =
    # (100 - 30) / (265 / 30.4375) = 8.04 per month. The task was assigned after
    # D - 180 days, so the pace runs from the assignment at 0 % over 99 days (01/01 ->
    # 10/04): 30 / (99 / 30.4375) = 9.22 per month >= 8.04: not at risk; in progress.
    t = task(store_con)
    report(store_con, t, date(2026, 2, 1), 20)
    report(store_con, t, date(2026, 4, 1), 30)
    add_extension(store_con, t, REQUESTED, date(2026, 12, 31), APPROVED)
    before = early_warning(store_con, date(2026, 4, 9)).iloc[0]
    assert before["status"] == "qua_han" and before["days_left"] == -9
    assert pd_date(before["due_on"]) == OWN_DUE and not before["extended"]
    assert not before["nguy_co"] and math.isnan(before["needed_per_month"])
    after = early_warning(store_con, APPROVED).iloc[0]
    assert after["status"] == "dang_thuc_hien" and after["days_left"] == 265
    assert pd_date(after["due_on"]) == date(2026, 12, 31)
    assert pd_date(after["own_due_on"]) == OWN_DUE and after["extended"]
    assert after["needed_per_month"] == 8.04 and after["pace_per_month"] == 9.22
    assert not after["nguy_co"]
    by_body = {d: early_warning_by(store_con, "body", d).iloc[0] for d in (date(2026, 4, 9),
                                                                          APPROVED)}  # fmt: skip
    assert by_body[date(2026, 4, 9)]["qua_han"] == 1 and by_body[APPROVED]["qua_han"] == 0


def pd_date(value) -> date:
    return value.date() if hasattr(value, "date") else value


def test_summary_by_body_carries_extended_after_the_average_progress(store_con):
    # TT: A extended (approved 10/04), B not. VP: C not extended. As of 01/05:
    # TT extended 1 of 2 tasks, VP 0 of 1.
    a = task(store_con, "A")
    add_extension(store_con, a, REQUESTED, NEW_DUE, APPROVED)
    task(store_con, "B")
    task(store_con, "C", body="VP")
    frame = summary(store_con, "body", as_of=date(2026, 5, 1))
    assert list(frame.columns) == ["key", "label", "tasks", *TASK_STATUS_CODES,
                                   "completion_rate", "on_time_rate", "avg_progress",
                                   "extended", "progress_delta"]  # fmt: skip
    assert dict(zip(frame["key"], frame["extended"], strict=True)) == {"TT": 1, "VP": 0}
    assert str(frame["extended"].dtype) == "int64"


def test_the_appraisal_sheet_reads_the_deadline_in_force(store_con):
    # Due 31/03/2026, extended to 30/06/2027 (approved 10/04/2026), no report: as of
    # 31/12/2026, U = 30/06/2027 >= D: not started (overdue without the extension).
    t = task(store_con, official="Trưởng ban A")
    add_extension(store_con, t, REQUESTED, date(2027, 6, 30), APPROVED)
    sheet = official_sheet(store_con, "Trưởng ban A", 2026)
    assert list(sheet["status"]) == ["chua_trien_khai"]


def test_the_command_line_summary_has_extended(empty_store, capsys):
    # One task extended (approved 10/04), one not; as of 01/05: extended 1 of 2.
    with connection.open_db(empty_store) as con:
        a = task(con, "A")
        add_extension(con, a, REQUESTED, NEW_DUE, APPROVED)
        task(con, "B")
    args = ["summary", "--db", empty_store, "--as-of", "2026-05-01"]
    assert main(args) == 0
    (group,) = json.loads(capsys.readouterr().out)["groups"]
    assert group["key"] == "all" and group["tasks"] == 2 and group["extended"] == 1
    assert main([*args, "--format", "csv"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split(",") == ["key", "label", "tasks", *TASK_STATUS_CODES,
                                   "completion_rate", "on_time_rate", "avg_progress",
                                   "extended", "progress_delta"]  # fmt: skip
    assert lines[1].split(",")[lines[0].split(",").index("extended")] == "1"


def test_the_meeting_report_lists_the_tasks_extended(store_con):
    # A extended (approved 10/04), B not, both of Thường trực; as of 01/05/2026: the
    # headline table says 1 task extended, the table by body 1 for Thường trực and 1 in
    # total.
    from analytics.periods import Choice
    from analytics.report.content import group_table, headline_table
    from analytics.report.source import collect

    a = task(store_con, "A")
    add_extension(store_con, a, REQUESTED, NEW_DUE, APPROVED)
    task(store_con, "B")
    day = date(2026, 5, 1)
    data = collect(store_con, Choice(as_of=day), today=day)
    assert ["Được gia hạn", "1", ""] in headline_table(data).rows
    body = group_table(data.by_body, data.totals, "body", "vi")
    column = body.header.index("Được gia hạn")
    assert [row[column] for row in body.rows] == ["1", "1"]
