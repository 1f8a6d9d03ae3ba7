"""Early warning: the rule of analytics/early_warning.py on hand-built tasks.

D = 01/07/2024; the pace window starts S = D - 180 days = 03/01/2024. A month is
30.4375 days. Every figure below was worked out by hand from the rule.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from datetime import date

import duckdb
import pandas as pd
import pytest

from analytics.early_warning import early_warning, early_warning_by, pace_window_start
from analytics.labels import text
from analytics.store.schema import prepare
from tests.test_figures_naive import add_task, report

D = date(2024, 7, 1)
S = date(2024, 1, 3)
YEAR_END = date(2024, 12, 31)


@pytest.fixture(scope="module")
def built() -> Iterator[duckdb.DuckDBPyConnection]:
    """One database for the module: the tasks below, read by every test."""
    con = duckdb.connect()
    prepare(con)
    _add_cases(con)
    yield con
    con.close()


@pytest.fixture(scope="module")
def warnings(built) -> pd.DataFrame:
    return early_warning(built, D).set_index("code")


def _add_cases(con: duckdb.DuckDBPyConnection) -> None:
    # A: slow. Assigned before S; progress as of S is 10 (report of 31/12/2023), as of
    # D 20: pace = (20 - 10) * 30.4375 / 180 = 1.69 per month. Left: 80 % in 183 days
    # (01/07 -> 31/12): needed = 80 * 30.4375 / 183 = 13.31. 1.69 < 13.31: at risk.
    # Projected: 80 % at 10 % per 180 days = 1,440 days after D.
    a = add_task(con, "A", date(2023, 10, 1), YEAR_END)
    report(con, a, date(2023, 12, 31), 10)
    report(con, a, date(2024, 3, 31), 15)
    report(con, a, date(2024, 6, 30), 20)
    # B: fast, assigned 01/02/2024, after S: the window runs from the assignment at
    # 0 %, 151 days. Pace = 80 * 30.4375 / 151 = 16.13; needed 20 * 30.4375 / 183 =
    # 3.33: fine. Projected: 20 % at 80 % per 151 days = 37.75 -> 38 days -> 08/08/2024.
    b = add_task(con, "B", date(2024, 2, 1), YEAR_END, body="VP")
    report(con, b, date(2024, 3, 31), 40)
    report(con, b, date(2024, 6, 30), 80)
    # C: overdue (U = 30/06 < D): listed, never "at risk"; days_left = -1.
    c = add_task(con, "C", date(2024, 1, 1), date(2024, 6, 30))
    report(con, c, date(2024, 5, 31), 50)
    # D: no report, assigned 61 days before D (< 90): not judged yet.
    add_task(con, "D", date(2024, 5, 1), YEAR_END)
    # E: no report, assigned 182 days before D: pace 0 since S, at risk;
    # needed 100 * 30.4375 / 183 = 16.63; no projected finish.
    add_task(con, "E", date(2024, 1, 1), YEAR_END)
    # F: stale. 60 % reported on 31/12/2023 and nothing since: p(D) = p(S) = 60,
    # pace 0, at risk; needed 40 * 30.4375 / 183 = 6.65.
    f = add_task(con, "F", date(2023, 6, 1), YEAR_END)
    report(con, f, date(2023, 9, 30), 30)
    report(con, f, date(2023, 12, 31), 60)
    # G: done: not an open task, not listed.
    g = add_task(con, "G", date(2024, 1, 1), YEAR_END)
    report(con, g, date(2024, 6, 1), 100)
    # H: the deadline is D itself, 60 % done: at least one day left, needed
    # 40 * 30.4375 / 1 = 1217.5 per month; pace 60 * 30.4375 / 180 = 10.15: at risk.
    h = add_task(con, "H", date(2024, 1, 1), D)
    report(con, h, date(2024, 6, 30), 60)
    # I: assigned after D: out of scope.
    add_task(con, "I", date(2024, 7, 2), YEAR_END)


def test_the_pace_window_starts_180_days_before_d():
    assert pace_window_start(D) == S


def test_open_tasks_only(warnings):
    assert set(warnings.index) == {"A", "B", "C", "D", "E", "F", "H"}


def test_slow_task_is_at_risk(warnings):
    a = warnings.loc["A"]
    assert (a["pace_per_month"], a["needed_per_month"]) == (1.69, 13.31)
    assert a["nguy_co"] and a["days_left"] == 183 and a["remaining"] == 80
    assert a["pace_from"] == pd.Timestamp(S)
    assert a["projected_finish"] == pd.Timestamp(D) + pd.Timedelta(days=1440)


def test_fast_task_is_not_at_risk(warnings):
    b = warnings.loc["B"]
    assert (b["pace_per_month"], b["needed_per_month"]) == (16.13, 3.33)
    assert b["pace_from"] == pd.Timestamp(date(2024, 2, 1))
    assert not b["nguy_co"]
    assert b["projected_finish"] == pd.Timestamp(date(2024, 8, 8))


def test_overdue_task_is_listed_but_not_at_risk(warnings):
    c = warnings.loc["C"]
    assert c["status"] == "qua_han" and not c["nguy_co"]
    assert c["days_left"] == -1 and math.isnan(c["needed_per_month"])


def test_tasks_without_reports(warnings):
    d, e = warnings.loc["D"], warnings.loc["E"]
    assert math.isnan(d["pace_per_month"]) and not d["nguy_co"] and pd.isna(d["pace_from"])
    assert e["pace_per_month"] == 0 and e["nguy_co"]
    assert e["needed_per_month"] == 16.63 and pd.isna(e["projected_finish"])


def test_a_task_silent_for_180_days_has_no_pace(warnings):
    f = warnings.loc["F"]
    assert f["progress"] == 60 and f["pace_per_month"] == 0
    assert f["needed_per_month"] == 6.65 and f["nguy_co"]


def test_deadline_today(warnings):
    h = warnings.loc["H"]
    assert h["days_left"] == 0 and h["needed_per_month"] == 1217.5
    assert h["pace_per_month"] == 10.15 and h["nguy_co"]


def test_at_risk_first_then_by_deadline(warnings):
    assert list(warnings.index) == ["H", "A", "E", "F", "C", "B", "D"]


def test_counts_per_body(built):
    # TT: A, C, D, E, F, H open; C overdue; A, E, F, H at risk. VP: B, open, fine.
    frame = early_warning_by(built, "body", D)
    assert frame.to_dict("records") == [
        {"key": "TT", "label": "Thường trực HĐND tỉnh", "open_tasks": 6, "qua_han": 1,
         "nguy_co": 4},
        {"key": "VP", "label": "Văn phòng Đoàn ĐBQH và HĐND tỉnh", "open_tasks": 1,
         "qua_han": 0, "nguy_co": 0},
    ]  # fmt: skip
    assert early_warning_by(built, "all", D)["nguy_co"].tolist() == [4]


def test_empty_database(empty_con):
    assert early_warning(empty_con, D).empty
    assert early_warning_by(empty_con, "area", D).empty


def test_the_rule_is_explained_in_both_languages():
    assert "tốc độ" in text("early_warning_rule", "vi")
    assert "180 ngày" in text("early_warning_rule", "vi")
    assert "90 ngày" in text("early_warning_rule", "vi")
    assert "pace" in text("early_warning_rule", "en")
    assert text("nguy_co", "vi") == "Có nguy cơ chậm"


def test_demo_as_of_its_last_report(demo_con):
    # As of 30/09/2026 the demo's open phase tasks are due 31/12/2026 (92 days left,
    # 3.02 months). The pace window starts 180 days earlier, 03/04/2026, where the
    # latest report is that of 31/03/2026. Two tasks sped up in 2026 and are on pace:
    # DP02-GD 68 -> 90 % (22 points in 180 days = 5.91 months: 3.72/month; needs
    # 10 / 3.02 = 3.31) and DP11-GD 74 -> 92 % (18 / 5.91 = 3.04; needs 8 / 3.02 = 2.65).
    # The other four in progress and the two not started are at risk; the three
    # overdue ones are not.
    frame = early_warning(demo_con, date(2026, 9, 30))
    assert frame["nguy_co"].sum() == 6
    on_pace = set(frame.loc[(frame["status"] == "dang_thuc_hien") & ~frame["nguy_co"], "code"])
    assert on_pace == {"DP02-GD", "DP11-GD"}
    assert not frame.loc[frame["status"] == "qua_han", "nguy_co"].any()
