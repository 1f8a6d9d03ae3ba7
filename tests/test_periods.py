"""Periods people choose, and what they compare with."""

from __future__ import annotations

from datetime import date

import pytest

from analytics import periods
from analytics.periods import Choice


@pytest.mark.parametrize(
    ("day", "expected"),
    [(date(2026, 11, 27), date(2026, 9, 30)), (date(2026, 1, 1), date(2025, 12, 31)),
     (date(2026, 3, 31), date(2025, 12, 31)), (date(2026, 4, 1), date(2026, 3, 31))],
)  # fmt: skip
def test_previous_quarter_end(day, expected):
    assert periods.previous_quarter_end(day) == expected


def test_windows_of_a_quarter_a_half_and_a_year():
    assert periods.quarter_window(2026, 3) == (date(2026, 7, 1), date(2026, 9, 30))
    assert periods.quarter_window(2026, 4) == (date(2026, 10, 1), date(2026, 12, 31))
    assert periods.half_window(2026, 2) == (date(2026, 7, 1), date(2026, 12, 31))
    assert periods.year_window(2024) == (date(2024, 1, 1), date(2024, 12, 31))
    assert periods.quarter_label(2026, 3) == "Quý III/2026"


def test_the_previous_window_steps_back_whole_months_or_days():
    # A leap year before a common one: still the whole calendar year.
    assert periods.previous_window(date(2021, 1, 1), date(2021, 12, 31)) == (
        date(2020, 1, 1), date(2020, 12, 31))  # fmt: skip
    assert periods.previous_window(date(2026, 1, 1), date(2026, 3, 31)) == (
        date(2025, 10, 1), date(2025, 12, 31))  # fmt: skip
    # Ten days, 05/01 to 14/01: the ten days before, 26/12 to 04/01.
    assert periods.previous_window(date(2026, 1, 5), date(2026, 1, 14)) == (
        date(2025, 12, 26), date(2026, 1, 4))  # fmt: skip


def test_comparison_periods():
    today = date(2026, 11, 27)
    year = Choice(date_from=date(2025, 1, 1), date_to=date(2025, 12, 31))
    assert periods.comparison(year, "none", today) is None
    assert periods.comparison(year, "previous", today) == Choice(
        date_from=date(2024, 1, 1), date_to=date(2024, 12, 31))  # fmt: skip
    assert periods.comparison(year, "last_year", today) == Choice(
        date_from=date(2024, 1, 1), date_to=date(2024, 12, 31))  # fmt: skip
    as_of = Choice(as_of=date(2024, 2, 29))
    assert periods.comparison(as_of, "previous", today) == Choice(as_of=date(2023, 12, 31))
    assert periods.comparison(as_of, "last_year", today) == Choice(as_of=date(2023, 2, 28))


def test_the_date_figures_are_read_at():
    today = date(2026, 11, 27)
    year = Choice(date_from=date(2026, 1, 1), date_to=date(2026, 12, 31))
    assert year.window(today).as_of == today
    assert Choice(as_of=date(2025, 6, 30)).window(today).as_of == date(2025, 6, 30)
    assert Choice().window(today).as_of == today


def test_periods_named_as_people_say_them():
    quarter = Choice(date_from=date(2026, 4, 1), date_to=date(2026, 6, 30))
    assert periods.name(quarter) == "Quý II/2026"
    assert periods.name(quarter, language="en") == "Q2 2026"
    half = Choice(date_from=date(2026, 7, 1), date_to=date(2026, 12, 31))
    assert periods.name(half) == "6 tháng cuối năm 2026"
    assert periods.name(Choice(date_from=date(2025, 1, 1), date_to=date(2025, 12, 31))) == (
        "Năm 2025"
    )
    assert periods.legend_name(Choice(as_of=date(2026, 9, 30))) == "Tính đến 30/09/2026"
    assert periods.legend_name(Choice(as_of=date(2026, 9, 30)), language="en") == "As of 30/09/2026"
    # Not a calendar period: its dates (a quarter that starts a day late, six years).
    odd = Choice(date_from=date(2026, 4, 2), date_to=date(2026, 6, 30))
    assert periods.name(odd) == "02/04/2026 – 30/06/2026"
    six = Choice(date_from=date(2015, 1, 1), date_to=date(2020, 12, 31))
    assert periods.name(six) == "01/01/2015 – 31/12/2020"
