"""Trend per quarter or month, and two windows compared."""

from __future__ import annotations

import math
from datetime import date

import pytest

from analytics.figures import summary
from analytics.trend import compare_windows, period_ends, period_name, trend
from tests.test_figures_naive import add_task, report

TODAY = date(2026, 11, 27)


def test_period_ends_of_quarters_and_months():
    assert period_ends(date(2024, 2, 10), date(2024, 12, 31)) == [
        date(2024, 3, 31), date(2024, 6, 30), date(2024, 9, 30), date(2024, 12, 31)]  # fmt: skip
    # A range ending inside a quarter ends on its own last day (the quarter so far).
    assert period_ends(date(2024, 3, 31), date(2024, 5, 15)) == [
        date(2024, 3, 31), date(2024, 5, 15)]  # fmt: skip
    assert period_ends(date(2024, 1, 15), date(2024, 3, 31), "month") == [
        date(2024, 1, 31), date(2024, 2, 29), date(2024, 3, 31)]  # fmt: skip
    assert period_ends(date(2024, 12, 1), date(2025, 1, 31), "month") == [
        date(2024, 12, 31), date(2025, 1, 31)]  # fmt: skip
    assert period_ends(date(2024, 5, 2), date(2024, 5, 3)) == [date(2024, 5, 3)]
    with pytest.raises(ValueError):
        period_ends(date(2024, 5, 2), date(2024, 5, 1))
    with pytest.raises(ValueError):
        period_ends(date(2024, 1, 1), date(2024, 5, 1), "week")


def test_period_names():
    assert period_name(date(2026, 9, 30)) == "Quý III/2026"
    assert period_name(date(2026, 9, 30), language="en") == "Q3 2026"
    assert period_name(date(2026, 2, 28), "month") == "Tháng 02/2026"
    assert period_name(date(2026, 2, 28), "month", "en") == "2026-02"


def test_trend_follows_a_reopened_task_quarter_by_quarter(empty_con):
    # U = 31/08/2024. Reports: 31/03 100, 30/06 90, 30/09 100 (see test_figures).
    # As of 31/03: done on time (C = 31/03). 30/06: in progress at 90. 30/09: the last
    # run starts 30/09 > U: done late. 31/12: still done late, C = 30/09.
    # A second task assigned 01/07 enters from the 30/09 point, not started.
    t = add_task(empty_con, "A", date(2024, 1, 1), date(2024, 8, 31))
    for day, value in ((date(2024, 3, 31), 100), (date(2024, 6, 30), 90),
                       (date(2024, 9, 30), 100)):  # fmt: skip
        report(empty_con, t, day, value)
    add_task(empty_con, "B", date(2024, 7, 1), date(2024, 12, 31))
    frame = trend(empty_con, "quarter", date_from=date(2024, 1, 1), date_to=date(2024, 12, 31))
    assert list(frame["as_of"]) == [date(2024, 3, 31), date(2024, 6, 30),
                                    date(2024, 9, 30), date(2024, 12, 31)]  # fmt: skip
    assert list(frame["tasks"]) == [1, 1, 2, 2]
    assert list(frame["hoan_thanh_dung_han"]) == [1, 0, 0, 0]
    assert list(frame["dang_thuc_hien"]) == [0, 1, 0, 0]
    assert list(frame["hoan_thanh_qua_han"]) == [0, 0, 1, 1]
    assert list(frame["chua_trien_khai"]) == [0, 0, 1, 1]
    # 31/12: B is not done and D = U = 31/12, so not yet overdue. Completion 1/2.
    assert list(frame["completion_rate"]) == [1.0, 0.0, 0.5, 0.5]
    assert list(frame["avg_progress"]) == [100.0, 90.0, 50.0, 50.0]
    assert list(frame["period"]) == ["Quý I/2024", "Quý II/2024", "Quý III/2024", "Quý IV/2024"]


@pytest.mark.parametrize("by", ["all", "body", "official"])
def test_each_trend_point_is_the_summary_as_of_that_date(demo_con, by):
    frame = trend(demo_con, "quarter", by, date_from=date(2021, 1, 1), today=TODAY)
    assert frame["as_of"].iloc[-1] == TODAY
    columns = ["key", "label", "tasks", "hoan_thanh_dung_han", "hoan_thanh_qua_han",
               "dang_thuc_hien", "chua_trien_khai", "qua_han", "completion_rate",
               "on_time_rate", "avg_progress", "extended"]  # fmt: skip
    for as_of, point in frame.groupby("as_of", sort=False):
        expected = summary(demo_con, by, as_of=as_of)[columns]
        got = point[columns].reset_index(drop=True)
        assert repr(got.to_dict("records")) == repr(expected.to_dict("records")), as_of


def test_monthly_trend_and_empty_database(demo_con, empty_con):
    frame = trend(demo_con, "month", date_from=date(2021, 1, 1), date_to=date(2021, 12, 31))
    # The first demo tasks are assigned on 01/03/2021: January and February have no task
    # in scope, so no group (as in summary); March to December give 10 points.
    assert len(frame) == 10 and frame["period"].iloc[0] == "Tháng 03/2021"
    assert list(frame["tasks"][:4]) == [17, 17, 17, 17]  # the phase tasks come 15/07
    assert frame["tasks"].iloc[4] == 34
    assert trend(empty_con, today=TODAY).empty


def test_compare_two_windows(empty_con):
    # First window H1 2024, second H2 2024 (today far after).
    # A: assigned 01/01, due 31/03, done 15/03 -> in H1 only (due < 01/07).
    # B: assigned 01/01, due 31/12; 30/06 40 %, 30/11 100 % -> in both.
    # H1 (D = 30/06): A done on time, B in progress at 40: 2 tasks, completion 0.5.
    # H2 (D = 31/12): B done on time: 1 task, completion 1.0; change +0.5, tasks -1.
    a = add_task(empty_con, "A", date(2024, 1, 1), date(2024, 3, 31))
    report(empty_con, a, date(2024, 3, 15), 100)
    b = add_task(empty_con, "B", date(2024, 1, 1), date(2024, 12, 31))
    report(empty_con, b, date(2024, 6, 30), 40)
    report(empty_con, b, date(2024, 11, 30), 100)
    c = compare_windows(
        empty_con,
        "all",
        (date(2024, 1, 1), date(2024, 6, 30)),
        (date(2024, 7, 1), date(2024, 12, 31)),
        today=TODAY,
    ).iloc[0]
    assert (c["tasks_first"], c["tasks_second"], c["tasks_change"]) == (2, 1, -1)
    assert (c["completion_rate_first"], c["completion_rate_second"]) == (0.5, 1.0)
    assert c["completion_rate_change"] == 0.5
    # progress_delta: H1 A 100-0, B 40-0 -> 70; H2 B 100-40 = 60 -> change -10.
    assert (c["progress_delta_first"], c["progress_delta_second"]) == (70.0, 60.0)
    assert c["progress_delta_change"] == -10.0


def test_compare_a_group_present_in_one_window_only(empty_con):
    add_task(empty_con, "A", date(2024, 1, 1), date(2024, 3, 31), body="VP")
    add_task(empty_con, "B", date(2024, 1, 1), date(2024, 12, 31), body="TT")
    c = compare_windows(
        empty_con, "body", (date(2024, 1, 1), date(2024, 3, 31)),
        (date(2024, 7, 1), date(2024, 9, 30)), today=TODAY,
    )  # fmt: skip
    vp = c[c["key"] == "VP"].iloc[0]
    assert vp["tasks_first"] == 1 and vp["tasks_second"] == 0
    assert math.isnan(vp["completion_rate_second"]) and math.isnan(vp["completion_rate_change"])
    assert list(c["key"]) == ["TT", "VP"]


def test_side_by_side_keeps_the_second_periods_order():
    import pandas as pd

    from analytics.figures import FIGURE_COLUMNS
    from analytics.trend import side_by_side

    def groups(keys: list[str]) -> pd.DataFrame:
        out = pd.DataFrame({"key": keys, "label": [k.upper() for k in keys]})
        for figure in FIGURE_COLUMNS:
            out[figure] = 1
        return out

    # The second period lists a, b, c (its own order, e.g. the reference list's); the
    # first b, a, d. Shared groups keep the second's order; d, found in the first only,
    # comes after them.
    both = side_by_side(groups(["b", "a", "d"]), groups(["a", "b", "c"]))
    assert list(both["key"]) == ["a", "b", "c", "d"]
