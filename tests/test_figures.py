"""CONTRACT.md section 4, pinned by small hand-built cases.

Every expected figure below was worked out by hand from the contract; the comment
beside each case says how.
"""

from __future__ import annotations

import json
import math
from datetime import date

import pytest

from analytics.cli import main
from analytics.figures import summary, summary_pairs
from analytics.periods import Choice
from analytics.store.figures_sql import task_states
from tests.conftest import copy_demo
from tests.test_figures_naive import add_task, report

D = date(2024, 6, 30)


def status_of(con, as_of: date, **scope) -> dict[str, str]:
    frame = task_states(con, as_of, **scope)
    return dict(zip(frame["code"], frame["status"], strict=True))


def only_row(frame):
    assert len(frame) == 1
    return frame.iloc[0]


def test_done_on_the_deadline_day_is_on_time(store_con):
    # U = 31/12/2024; reports 30/06 50 %, 31/12 100 %. As of 31/01/2025 the latest
    # report is done, C = 31/12/2024 = U, so C <= U: done on time.
    t = add_task(store_con, "A", date(2024, 1, 1), date(2024, 12, 31))
    report(store_con, t, date(2024, 6, 30), 50)
    report(store_con, t, date(2024, 12, 31), 100)
    row = only_row(summary(store_con, "all", as_of=date(2025, 1, 31)))
    assert row["hoan_thanh_dung_han"] == 1 and row["tasks"] == 1
    assert row["completion_rate"] == 1.0 and row["on_time_rate"] == 1.0
    assert row["avg_progress"] == 100.0


def test_done_a_day_late_is_done_late(store_con):
    # U = 31/12/2024, the done report is dated 01/01/2025: C > U, done late.
    # on_time_rate = 0 on time / (1 done + 0 overdue) = 0; completion_rate = 1/1.
    t = add_task(store_con, "A", date(2024, 1, 1), date(2024, 12, 31))
    report(store_con, t, date(2025, 1, 1), 100)
    row = only_row(summary(store_con, "all", as_of=date(2025, 1, 31)))
    assert row["hoan_thanh_qua_han"] == 1
    assert row["completion_rate"] == 1.0 and row["on_time_rate"] == 0.0


def test_done_then_reopened_then_done_again_counts_from_the_last_run(store_con):
    # U = 31/08/2024. Reports: 31/03 100, 30/06 90 (reopened), 30/09 100, 31/12 100.
    # As of 30/04: latest 31/03 done, C = 31/03 <= U: on time.
    # As of 31/07: latest is 90, not done, D <= U, progress 90 > 0: in progress.
    # As of 31/12: final run of done reports is 30/09, 31/12; C = 30/09 > U: late.
    # As of 30/09 (D > U, and the report of that day counts): C = 30/09: late.
    t = add_task(store_con, "A", date(2024, 1, 1), date(2024, 8, 31))
    for day, value in ((date(2024, 3, 31), 100), (date(2024, 6, 30), 90),
                       (date(2024, 9, 30), 100), (date(2024, 12, 31), 100)):  # fmt: skip
        report(store_con, t, day, value)
    assert status_of(store_con, date(2024, 4, 30)) == {"A": "hoan_thanh_dung_han"}
    assert status_of(store_con, date(2024, 7, 31)) == {"A": "dang_thuc_hien"}
    assert status_of(store_con, date(2024, 9, 30)) == {"A": "hoan_thanh_qua_han"}
    frame = task_states(store_con, date(2024, 12, 31))
    assert frame.loc[0, "done_on"].date() == date(2024, 9, 30)
    assert frame.loc[0, "status"] == "hoan_thanh_qua_han"


def test_a_report_dated_after_d_is_ignored(store_con):
    # D = 30/06/2024: reports 30/06 40 % and 01/07 100 %. Only the first is on or
    # before D: not done, D <= U (31/12), progress 40: in progress, avg 40.
    t = add_task(store_con, "A", date(2024, 1, 1), date(2024, 12, 31))
    report(store_con, t, date(2024, 6, 30), 40)
    report(store_con, t, date(2024, 7, 1), 100)
    row = only_row(summary(store_con, "all", as_of=D))
    assert row["dang_thuc_hien"] == 1 and row["avg_progress"] == 40.0
    assert row["completion_rate"] == 0.0
    assert math.isnan(row["on_time_rate"])  # nothing done, nothing overdue


def test_no_report_before_a_past_deadline_is_overdue_with_progress_0(store_con):
    # U = 31/03/2024 < D = 30/06/2024; its only report (50 %) is dated 01/07, after D.
    # Not done, D > U: overdue; progress 0 (no report on or before D).
    # on_time_rate = 0 / (0 done + 1 overdue) = 0.
    t = add_task(store_con, "A", date(2024, 1, 1), date(2024, 3, 31))
    report(store_con, t, date(2024, 7, 1), 50)
    row = only_row(summary(store_con, "all", as_of=D))
    assert row["qua_han"] == 1 and row["avg_progress"] == 0.0
    assert row["on_time_rate"] == 0.0


def test_not_started_within_the_deadline(store_con):
    # A: no report; B: latest report 0 %. Both D <= U and not done: not started.
    add_task(store_con, "A", date(2024, 1, 1), date(2024, 12, 31))
    b = add_task(store_con, "B", date(2024, 1, 1), date(2024, 12, 31))
    report(store_con, b, date(2024, 3, 31), 0)
    assert status_of(store_con, D) == {"A": "chua_trien_khai", "B": "chua_trien_khai"}


def test_tasks_assigned_after_d_and_unassigned_tasks_are_out_of_scope(store_con):
    # Assigned on D: in scope. Assigned the day after D: out. Proposed (de_xuat) or
    # returned (tra_lai) tasks never count. So 1 task.
    add_task(store_con, "ON_D", D, date(2024, 12, 31))
    add_task(store_con, "AFTER", date(2024, 7, 1), date(2024, 12, 31))
    add_task(store_con, "PROPOSED", date(2024, 1, 1), date(2024, 12, 31), state="de_xuat")
    add_task(store_con, "RETURNED", date(2024, 1, 1), date(2024, 12, 31), state="tra_lai")
    assert only_row(summary(store_con, "all", as_of=D))["tasks"] == 1
    assert list(status_of(store_con, D)) == ["ON_D"]


def test_a_window_that_starts_after_the_deadline_leaves_the_task_out(store_con):
    # Window F = 01/04/2024, T = 30/06/2024: in scope when ngay_giao <= T and
    # han_hoan_thanh >= F. EARLY (U = 31/03) is out; EDGE (U = 01/04 = F) is in;
    # LATE_START (assigned 30/06 = T) is in; AFTER (assigned 01/07) is out.
    add_task(store_con, "EARLY", date(2024, 1, 1), date(2024, 3, 31))
    add_task(store_con, "EDGE", date(2024, 1, 1), date(2024, 4, 1))
    add_task(store_con, "LATE_START", date(2024, 6, 30), date(2024, 12, 31))
    add_task(store_con, "AFTER", date(2024, 7, 1), date(2024, 12, 31))
    frame = summary(store_con, "all", date_from=date(2024, 4, 1), date_to=D, today=date(2026, 1, 1))
    row = only_row(frame)
    # D = T = 30/06: EDGE is overdue (D > 01/04), LATE_START not started.
    assert row["tasks"] == 2 and row["qua_han"] == 1 and row["chua_trien_khai"] == 1


def test_on_time_rate_is_null_when_nothing_is_due(store_con):
    # Two tasks in progress within their deadline: done 0, overdue 0, so the
    # on-time denominator is 0 and the rate is null; completion 0 / 2 = 0.
    for code in ("A", "B"):
        t = add_task(store_con, code, date(2024, 1, 1), date(2024, 12, 31))
        report(store_con, t, date(2024, 3, 31), 30)
    row = only_row(summary(store_con, "all", as_of=D))
    assert math.isnan(row["on_time_rate"]) and row["completion_rate"] == 0.0


def test_empty_official_and_assigner_are_their_own_group(store_con):
    # NULL and '' are both "not recorded": key "", label "(chưa ghi)", listed once.
    add_task(store_con, "A", date(2024, 1, 1), date(2024, 12, 31), official=None, assigner="")
    add_task(store_con, "B", date(2024, 1, 1), date(2024, 12, 31), official="", assigner=None)
    add_task(store_con, "C", date(2024, 1, 1), date(2024, 12, 31), official="Phó Trưởng ban B")
    for by in ("official", "assigner"):
        frame = summary(store_con, by, as_of=D)
        blank = frame[frame["key"] == ""]
        assert len(blank) == 1, by
        assert blank.iloc[0]["label"] == "(chưa ghi)"
    assert dict(zip(*summary(store_con, "official", as_of=D)[["key", "tasks"]].T.values,
                    strict=True)) == {"": 2, "Phó Trưởng ban B": 1}  # fmt: skip
    english = summary(store_con, "official", as_of=D, language="en")
    assert "(not recorded)" in set(english["label"])


def test_progress_delta_over_a_window(store_con):
    # Window F = 01/04/2024, T = 30/06/2024; "before" is the progress as of 31/03.
    # A: 31/03 20 %, 30/06 50 %   -> 50 - 20 = 30.
    # B: 01/04 10 % (on F: inside the window), 15/05 25 % -> 25 - 0 = 25.
    # C: 15/01 40 %, nothing later -> 40 - 40 = 0.
    # mean (30 + 25 + 0) / 3 = 18.333... -> 18.33; avg_progress (50 + 25 + 40) / 3
    # = 38.333... -> 38.33.
    a = add_task(store_con, "A", date(2024, 1, 1), date(2024, 12, 31))
    report(store_con, a, date(2024, 3, 31), 20)
    report(store_con, a, date(2024, 6, 30), 50)
    b = add_task(store_con, "B", date(2024, 1, 1), date(2024, 12, 31))
    report(store_con, b, date(2024, 4, 1), 10)
    report(store_con, b, date(2024, 5, 15), 25)
    c = add_task(store_con, "C", date(2024, 1, 1), date(2024, 12, 31))
    report(store_con, c, date(2024, 1, 15), 40)
    row = only_row(
        summary(store_con, "all", date_from=date(2024, 4, 1), date_to=D, today=date(2026, 1, 1))
    )
    assert row["progress_delta"] == 18.33
    assert row["avg_progress"] == 38.33
    # Without a window there is no delta.
    assert math.isnan(only_row(summary(store_con, "all", as_of=D))["progress_delta"])


def test_averages_round_half_up(store_con):
    # Progress 10.25 and 10: mean 10.125 -> 10.13 (a person rounds the half up;
    # NumPy alone would give 10.12).
    t = add_task(store_con, "A", date(2024, 1, 1), date(2024, 12, 31))
    report(store_con, t, date(2024, 3, 31), 10.25)
    t = add_task(store_con, "B", date(2024, 1, 1), date(2024, 12, 31))
    report(store_con, t, date(2024, 3, 31), 10)
    assert only_row(summary(store_con, "all", as_of=D))["avg_progress"] == 10.13


def test_window_d_is_today_when_to_is_later():
    today = date(2026, 5, 10)
    window = Choice(date_from=date(2026, 1, 1), date_to=date(2026, 12, 31)).window(today)
    assert window.as_of == today and window.scope_to == date(2026, 12, 31)
    assert Choice(date_from=date(2026, 1, 1)).window(today).as_of == today
    only_to = Choice(date_to=date(2025, 1, 1)).window(today)
    assert only_to.as_of == date(2025, 1, 1) and only_to.scope_from is None
    with pytest.raises(ValueError):
        Choice(as_of=today, date_from=date(2026, 1, 1)).window(today)
    with pytest.raises(ValueError):
        Choice(date_from=date(2026, 2, 1), date_to=date(2026, 1, 1)).window(today)


def test_no_task_in_scope_lists_no_group(store_con):
    for by in ("all", "body", "official"):
        frame = summary(store_con, by, as_of=D)
        assert frame.empty and "completion_rate" in frame.columns


def test_groups_follow_the_reference_order_with_names(store_con):
    # Bodies in DOMAIN.md order (TT before VP), with their Vietnamese names.
    add_task(store_con, "A", date(2024, 1, 1), date(2024, 12, 31), body="VP")
    add_task(store_con, "B", date(2024, 1, 1), date(2024, 12, 31), body="TT")
    frame = summary(store_con, "body", as_of=D)
    assert list(frame["key"]) == ["TT", "VP"]
    assert frame.iloc[0]["label"] == "Thường trực HĐND tỉnh"


def test_body_by_area_pairs(store_con):
    # TT/giam_sat: 2 tasks, one done on time -> completion 0.5.
    # VP/van_phong: 1 task, not started -> completion 0. No other pair is listed.
    a = add_task(store_con, "A", date(2024, 1, 1), date(2024, 12, 31))
    report(store_con, a, date(2024, 5, 1), 100)
    add_task(store_con, "B", date(2024, 1, 1), date(2024, 12, 31))
    add_task(store_con, "C", date(2024, 1, 1), date(2024, 12, 31), body="VP", area="van_phong")
    pairs = summary_pairs(store_con, "body", "area", as_of=D)
    assert list(zip(pairs["body"], pairs["area"], strict=True)) == [
        ("TT", "giam_sat"), ("VP", "van_phong")]  # fmt: skip
    assert list(pairs["tasks"]) == [2, 1]
    assert list(pairs["completion_rate"]) == [0.5, 0.0]
    assert pairs.iloc[1]["area_label"] == "Tham mưu, văn phòng"
    from analytics.figures import heatmap_table

    table = heatmap_table(pairs)
    assert table.loc["Thường trực HĐND tỉnh", "Giám sát"] == 0.5
    assert math.isnan(table.loc["Thường trực HĐND tỉnh", "Tham mưu, văn phòng"])


def test_summary_csv_and_window_from_the_command_line(demo_db, tmp_path, capsys):
    db = str(copy_demo(demo_db, tmp_path / "w.duckdb"))
    args = ["summary", "--db", db, "--by", "body", "--from", "2025-01-01", "--to", "2025-12-31"]
    assert main(args) == 0
    payload = json.loads(capsys.readouterr().out)
    assert payload["as_of"] == "2025-12-31"
    assert payload["groups"] and all(g["progress_delta"] is not None for g in payload["groups"])
    assert main([*args, "--format", "csv"]) == 0
    header = capsys.readouterr().out.splitlines()[0].split(",")
    assert header[:3] == ["key", "label", "tasks"] and "progress_delta" in header


def test_figures_by_on_the_full_task_frame_matches_summary(demo_con):
    # The pages filter the full per-task frame, then aggregate it: same figures.
    from analytics.figures import figures_by, task_frame
    from analytics.store.figures_sql import reference_labels

    window = Choice(date_from=date(2025, 1, 1), date_to=date(2025, 12, 31)).window()
    tasks = task_frame(demo_con, window)
    for by in ("all", "body", "area", "position", "official", "assigner", "period"):
        labels = reference_labels(demo_con, by) if by in ("body", "area", "position",
                                                          "period") else None  # fmt: skip
        mine = figures_by(tasks, by, labels, with_delta=True)
        expected = summary(demo_con, by, date_from=date(2025, 1, 1), date_to=date(2025, 12, 31))
        assert repr(mine.to_dict("records")) == repr(expected.to_dict("records")), by
