"""Early warning: the rule of analytics/early_warning.py on hand-built tasks.

D = 01/07/2024. A month is 30.4375 days. Figures worked out by hand below.
"""

from __future__ import annotations

import math
from datetime import date

import pandas as pd
import pytest

from analytics.early_warning import early_warning, early_warning_by
from analytics.labels import text
from tests.test_figures_naive import add_task, report

D = date(2024, 7, 1)
YEAR_START, YEAR_END = date(2024, 1, 1), date(2024, 12, 31)


@pytest.fixture
def warnings(empty_con) -> pd.DataFrame:
    con = empty_con
    # A: slow. Fewer than 4 reports, so the pace runs from the assignment (01/01, 0 %)
    # to the latest report (30/06, 20 %): 181 days; pace = 20 * 30.4375 / 181 = 3.36.
    # Left: 80 % in 183 days (01/07 -> 31/12): needed = 80 * 30.4375 / 183 = 13.31.
    # 3.36 < 13.31: at risk. Projected: 80 % at 20 % per 181 days = 724 days after D.
    a = add_task(con, "A", YEAR_START, YEAR_END)
    report(con, a, date(2024, 3, 31), 10)
    report(con, a, date(2024, 6, 30), 20)
    # B: fast. Pace 80 * 30.4375 / 181 = 13.45; needed 20 * 30.4375 / 183 = 3.33: fine.
    # Projected: 20 % at 80 % per 181 days = 45.25 days -> 46 days -> 16/08/2024.
    b = add_task(con, "B", YEAR_START, YEAR_END, body="VP")
    report(con, b, date(2024, 3, 31), 40)
    report(con, b, date(2024, 6, 30), 80)
    # C: overdue (U = 30/06 < D): listed, never "at risk"; days_left = -1.
    c = add_task(con, "C", YEAR_START, date(2024, 6, 30))
    report(con, c, date(2024, 5, 31), 50)
    # D: no report, assigned 61 days before D (< 90): not judged yet.
    add_task(con, "D", date(2024, 5, 1), YEAR_END)
    # E: no report, assigned 182 days before D: pace 0, at risk; needed 100 * 30.4375 /
    # 183 = 16.63; no projected finish.
    add_task(con, "E", YEAR_START, YEAR_END)
    # F: five reports; the base is the fourth latest (29/02, 35 %), the latest 31/05
    # (50 %): 92 days, pace = 15 * 30.4375 / 92 = 4.96; needed = 50 * 30.4375 / 183
    # = 8.32: at risk. (From the assignment it would be 50 over 151 days = 10.08 per
    # month: not at risk; so the base point matters.)
    f = add_task(con, "F", YEAR_START, YEAR_END)
    for day, value in ((date(2024, 1, 31), 30), (date(2024, 2, 29), 35),
                       (date(2024, 3, 31), 40), (date(2024, 4, 30), 45),
                       (date(2024, 5, 31), 50)):  # fmt: skip
        report(con, f, day, value)
    # G: done: not an open task, not listed.
    g = add_task(con, "G", YEAR_START, YEAR_END)
    report(con, g, date(2024, 6, 1), 100)
    # H: the deadline is D itself, 60 % done: at least one day left, needed
    # 40 * 30.4375 / 1 = 1217.5 per month: at risk.
    h = add_task(con, "H", YEAR_START, D)
    report(con, h, date(2024, 6, 30), 60)
    # I: assigned after D: out of scope.
    add_task(con, "I", date(2024, 7, 2), YEAR_END)
    return early_warning(con, D).set_index("code")


def test_open_tasks_only(warnings):
    assert set(warnings.index) == {"A", "B", "C", "D", "E", "F", "H"}


def test_slow_task_is_at_risk(warnings):
    a = warnings.loc["A"]
    assert (a["pace_per_month"], a["needed_per_month"]) == (3.36, 13.31)
    assert a["nguy_co"] and a["days_left"] == 183 and a["remaining"] == 80
    assert a["pace_from"] == pd.Timestamp(YEAR_START)
    assert a["projected_finish"] == pd.Timestamp(D) + pd.Timedelta(days=724)


def test_fast_task_is_not_at_risk(warnings):
    b = warnings.loc["B"]
    assert (b["pace_per_month"], b["needed_per_month"]) == (13.45, 3.33)
    assert not b["nguy_co"]
    assert b["projected_finish"] == pd.Timestamp(date(2024, 8, 16))


def test_overdue_task_is_listed_but_not_at_risk(warnings):
    c = warnings.loc["C"]
    assert c["status"] == "qua_han" and not c["nguy_co"]
    assert c["days_left"] == -1 and math.isnan(c["needed_per_month"])


def test_tasks_without_reports(warnings):
    d, e = warnings.loc["D"], warnings.loc["E"]
    assert math.isnan(d["pace_per_month"]) and not d["nguy_co"]
    assert e["pace_per_month"] == 0 and e["nguy_co"]
    assert e["needed_per_month"] == 16.63 and pd.isna(e["projected_finish"])


def test_pace_runs_from_the_fourth_latest_report(warnings):
    f = warnings.loc["F"]
    assert f["pace_from"] == pd.Timestamp(date(2024, 2, 29))
    assert (f["pace_per_month"], f["needed_per_month"]) == (4.96, 8.32)
    assert f["nguy_co"]


def test_deadline_today(warnings):
    h = warnings.loc["H"]
    assert h["days_left"] == 0 and h["needed_per_month"] == 1217.5 and h["nguy_co"]


def test_at_risk_first_then_by_deadline(warnings):
    assert list(warnings.index) == ["H", "A", "E", "F", "C", "B", "D"]


def test_counts_per_body(empty_con, warnings):
    # TT: A, C, D, E, F, H open; C overdue; A, E, F, H at risk. VP: B, open, fine.
    frame = early_warning_by(empty_con, "body", D)
    assert frame.to_dict("records") == [
        {"key": "TT", "label": "Thường trực HĐND tỉnh", "open_tasks": 6, "qua_han": 1,
         "nguy_co": 4},
        {"key": "VP", "label": "Văn phòng Đoàn ĐBQH và HĐND tỉnh", "open_tasks": 1,
         "qua_han": 0, "nguy_co": 0},
    ]  # fmt: skip
    assert early_warning_by(empty_con, "all", D)["nguy_co"].tolist() == [4]


def test_empty_database(empty_con):
    assert early_warning(empty_con, D).empty
    assert early_warning_by(empty_con, "area", D).empty


def test_the_rule_is_explained_in_both_languages():
    assert "tốc độ" in text("early_warning_rule", "vi")
    assert "90 ngày" in text("early_warning_rule", "vi")
    assert "pace" in text("early_warning_rule", "en")
    assert text("nguy_co", "vi") == "Có nguy cơ chậm"


def test_demo_as_of_its_last_report(demo_con):
    # As of 30/09/2026 the demo's open phase tasks are due 31/12/2026 (92 days left);
    # their quarterly pace is far below what is left: all six in progress and the two
    # not started are at risk; the three overdue ones are not.
    frame = early_warning(demo_con, date(2026, 9, 30))
    assert frame["nguy_co"].sum() == 8
    assert not frame.loc[frame["status"] == "qua_han", "nguy_co"].any()
