"""A period view compares like with like: the period's tasks with the previous period's.

Every figure here was worked by hand from the demo's courses (analytics/demo.py) with the
definitions of CONTRACT.md section 4. The demo has 34 assigned tasks: 17 for the year 2021
(given 01/03/2021, due 31/12/2021), 6 for the phase 2021-2025 (numbers 1, 3, 4, 5, 6, 7,
given 15/07/2021, due 31/12/2025) and 11 for the term 2021-2026 (numbers 2 and 8 to 17,
given 15/07/2021, due 31/12/2026). Reports fall on quarter ends. Phase and term tasks
done, with the date of the report at 100 %: 7 on 31/12/2024, 1 on 30/09/2025, 3 and 12
on 31/12/2025, 4 on 31/03/2026 (a quarter late), 9 on 30/06/2026, 15 on 30/09/2026; 5
and 6 never (overdue after 31/12/2025); 16 reports 0 %, 17 never reports; the others
are in progress. No extension exists in the demo.
"""

from __future__ import annotations

from datetime import date

import duckdb
import pytest

from analytics.filters import Filters
from analytics.periods import Choice
from analytics.report.source import collect

TODAY = date(2026, 11, 27)
QUARTER = Choice(date_from=date(2026, 7, 1), date_to=date(2026, 9, 30))
YEAR = Choice(date_from=date(2025, 1, 1), date_to=date(2025, 12, 31))
# 92 days, not whole months: the window before it is the 92 days before, 15/08-14/11/2025.
RANGE = Choice(date_from=date(2025, 11, 15), date_to=date(2026, 2, 14))

# (value, change) per card; rates as fractions, changes in fractions (points / 100).
EXPECTED = {
    # Quý III/2026 and Quý II/2026 both hold the 11 term tasks (the year tasks ended in
    # 2021, the phase on 31/12/2025). On 30/09/2026: done on time 9, 12, 15 (3 of 11,
    # 27,3 %), nothing overdue (on time 3/3). On 30/06/2026: 9 and 12 (2 of 11, 18,2 %),
    # on time 2/2. At risk both times (pace of the last 180 days below the pace needed):
    # 8 (65 -> 75 % with 25 points left in 3 months), 10 (55 -> 55), 13 (65 -> 70),
    # 14 (40 -> 40), 16 (0 %), 17 (no report) on 30/09; on 30/06 the same six.
    "quarter": {
        "tasks_total": (11, 0),
        "completion_rate": (3 / 11, 1 / 11),
        "on_time_rate": (1.0, 0.0),
        "qua_han": (0, 0),
        "nguy_co": (6, 0),
    },
    # 2025 and 2024 both hold the 17 phase and term tasks. On 31/12/2025: done on time
    # 7, 1, 3 (on its deadline day) and 12: 4 of 17 (23,5 %); the phase deadline is that
    # very day, so nothing is overdue (on time 4/4). On 31/12/2024: 7 alone, 1 of 17
    # (5,9 %), on time 1/1. At risk, worked as above from each task's progress on D and
    # 180 days before: on 31/12/2025 every open task but 15 (2, 4, 5, 6, 8, 9, 10, 11,
    # 13, 14, 16, 17: 12); on 31/12/2024 the same twelve (1, 3, 12 and 15 on pace).
    "year": {
        "tasks_total": (17, 0),
        "completion_rate": (4 / 17, 3 / 17),
        "on_time_rate": (1.0, 0.0),
        "qua_han": (0, 0),
        "nguy_co": (12, 0),
    },
    # 15/11/2025-14/02/2026 and 15/08/2025-14/11/2025 both hold the 17 phase and term
    # tasks. On 14/02/2026 (latest reports 31/12/2025): done on time 1, 3, 7, 12 (4 of 17,
    # 23,5 %); 4, 5, 6 overdue (deadline 31/12/2025 passed, 4 is done only on 31/03/2026):
    # on time 4 / (4 + 3) = 57,1 %. On 14/11/2025 (latest 30/09/2025): 1 and 7 (2 of 17,
    # 11,8 %), nothing overdue, on time 2/2. At risk: 2, 8, 9, 10, 11, 13, 14, 16, 17 (9)
    # on 14/02/2026; on 14/11/2025 those but 9, with 3, 4, 5, 6 (12).
    "range": {
        "tasks_total": (17, 0),
        "completion_rate": (4 / 17, 2 / 17),
        "on_time_rate": (4 / 7, 4 / 7 - 1),
        "qua_han": (3, 3),
        "nguy_co": (9, -3),
    },
}
CHOICES = {"quarter": QUARTER, "year": YEAR, "range": RANGE}
COMPARED = {
    "quarter": ("Quý II/2026", "Quý II/2026 (01/04/2026 – 30/06/2026)", date(2026, 6, 30)),
    "year": ("Năm 2024", "Năm 2024 (01/01/2024 – 31/12/2024)", date(2024, 12, 31)),
    "range": ("15/08/2025 – 14/11/2025", "15/08/2025 – 14/11/2025", date(2025, 11, 14)),
}


@pytest.fixture(scope="module")
def views(demo_db):
    con = duckdb.connect(str(demo_db), read_only=True)
    try:
        return {
            kind: collect(con, choice, Filters(), "vi", today=TODAY).overview
            for kind, choice in CHOICES.items()
        }
    finally:
        con.close()


@pytest.mark.parametrize("kind", EXPECTED)
def test_cards_compare_with_the_previous_period_of_the_same_kind(views, kind):
    cards = {card.key: card for card in views[kind].cards}
    for key, (value, change) in EXPECTED[kind].items():
        assert cards[key].value == pytest.approx(value, abs=1e-9), (kind, key)
        assert cards[key].change == pytest.approx(change, abs=1e-9), (kind, key)


@pytest.mark.parametrize("kind", COMPARED)
def test_the_comparison_is_named(views, kind):
    name, with_dates, since = COMPARED[kind]
    model = views[kind]
    assert model.is_window
    assert (model.compared, model.compared_dates, model.since) == (name, with_dates, since)


def test_the_quarterly_line_holds_the_period_s_tasks_and_marks_the_period(views):
    # The quarter: the 11 term tasks, 2/11 done on 30/06/2026 and 3/11 on 30/09/2026
    # (the cards' figures); only Quý III/2026 is marked.
    line = views["quarter"].trend.set_index("period_end")
    assert line.loc[date(2026, 6, 30), "tasks"] == 11
    assert line.loc[date(2026, 6, 30), "completion_rate"] == pytest.approx(2 / 11)
    assert line.loc[date(2026, 9, 30), "completion_rate"] == pytest.approx(3 / 11)
    assert list(line.loc[line["chosen"], "period_label"]) == ["Quý III/2026"]
    # The year: the 17 phase and term tasks, 1/17 done at the end of 2024, 4/17 of 2025.
    line = views["year"].trend.set_index("period_end")
    assert line.loc[date(2024, 12, 31), "completion_rate"] == pytest.approx(1 / 17)
    assert line.loc[date(2025, 12, 31), "completion_rate"] == pytest.approx(4 / 17)
    assert list(line.loc[line["chosen"], "period_label"]) == [
        "Quý I/2025", "Quý II/2025", "Quý III/2025", "Quý IV/2025",
    ]  # fmt: skip
    # The range ends inside Quý I/2026: its last point is 14/02/2026 (4/17 done).
    line = views["range"].trend.set_index("period_end")
    assert line.loc[date(2026, 2, 14), "completion_rate"] == pytest.approx(4 / 17)
    assert list(line.loc[line["chosen"], "period_label"]) == ["Quý IV/2025", "Quý I/2026"]


def test_silent_tasks_are_counted_within_the_period(views):
    # Open tasks with no report dated in the 90 days before 30/09/2026: DP16-2021 (last
    # report 30/06/2022), DP06-GD (30/06/2026, 92 days) and DP17-GD (never). Only DP17-GD
    # runs during Quý III/2026.
    assert views["quarter"].silent == 1


def test_a_date_still_compares_with_the_previous_quarter_end(demo_con):
    # As of 30/09/2026 against 30/06/2026, all 34 tasks: DP15-GD is done on 30/09/2026,
    # so completion goes from 22/34 to 23/34 (tests/test_demo.py counts 23 done).
    model = collect(demo_con, Choice(as_of=date(2026, 9, 30)), today=TODAY).overview
    cards = {card.key: card for card in model.cards}
    assert not model.is_window
    assert (model.compared, model.since) == ("30/06/2026", date(2026, 6, 30))
    assert cards["tasks_total"].value == 34 and cards["tasks_total"].change == 0
    assert cards["completion_rate"].change == pytest.approx(1 / 34)
    assert not model.trend["chosen"].any()


def test_a_period_with_nothing_before_it_has_no_change(demo_con):
    # 2021 against 2020: no task was given before 01/03/2021, so no card has a change.
    model = collect(demo_con, Choice(date_from=date(2021, 1, 1), date_to=date(2021, 12, 31)),
                    today=TODAY).overview  # fmt: skip
    assert model.compared == "Năm 2020"
    assert [card.change for card in model.cards] == [None] * 5


def test_english_names_the_comparison_in_english(demo_con):
    model = collect(demo_con, QUARTER, Filters(), "en", today=TODAY).overview
    assert (model.compared, model.compared_dates) == (
        "Q2 2026",
        "Q2 2026 (01/04/2026 – 30/06/2026)",
    )
