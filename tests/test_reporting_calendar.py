"""Decree 09/2019's reporting periods, worked out by hand on a calendar."""

from __future__ import annotations

from datetime import date

import pytest

from analytics.reporting_calendar import last_ended, period_containing, period_name, reporting_kind

D = date


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        # Quý IV/2026 runs 15/09/2026 - 14/12/2026 (the brief's own example).
        (D(2026, 12, 2), (D(2026, 9, 15), D(2026, 12, 14))),
        (D(2026, 12, 14), (D(2026, 9, 15), D(2026, 12, 14))),
        (D(2026, 9, 15), (D(2026, 9, 15), D(2026, 12, 14))),
        # The 14th closes Quý III (15/06 - 14/09); the 15th opens Quý I of the next year.
        (D(2026, 9, 14), (D(2026, 6, 15), D(2026, 9, 14))),
        (D(2026, 12, 15), (D(2026, 12, 15), D(2027, 3, 14))),
        (D(2026, 12, 31), (D(2026, 12, 15), D(2027, 3, 14))),
        (D(2027, 1, 1), (D(2026, 12, 15), D(2027, 3, 14))),
        (D(2027, 3, 14), (D(2026, 12, 15), D(2027, 3, 14))),
        (D(2027, 3, 15), (D(2027, 3, 15), D(2027, 6, 14))),
        # A leap year's 29 February falls in Quý I/2028 (15/12/2027 - 14/03/2028).
        (D(2028, 2, 29), (D(2027, 12, 15), D(2028, 3, 14))),
    ],
)
def test_a_quarter_runs_from_the_15th_before_it_to_the_14th_of_its_last_month(day, expected):
    assert period_containing(day) == expected
    assert period_containing(day, "quarterly") == expected


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (D(2026, 12, 2), (D(2026, 11, 15), D(2026, 12, 14))),
        (D(2026, 12, 14), (D(2026, 11, 15), D(2026, 12, 14))),
        (D(2026, 12, 15), (D(2026, 12, 15), D(2027, 1, 14))),
        (D(2027, 1, 14), (D(2026, 12, 15), D(2027, 1, 14))),
        (D(2027, 1, 15), (D(2027, 1, 15), D(2027, 2, 14))),
        (D(2027, 3, 1), (D(2027, 2, 15), D(2027, 3, 14))),
    ],
)
def test_a_month_runs_from_the_15th_of_the_month_before_to_the_14th(day, expected):
    assert period_containing(day, "monthly") == expected


@pytest.mark.parametrize(
    ("day", "kind", "expected"),
    [
        # On 02/12/2026 (in Quý IV) the last quarter to have ended is Quý III.
        (D(2026, 12, 2), "quarterly", (D(2026, 6, 15), D(2026, 9, 14))),
        # On 14/12/2026 Quý IV is still running; on 15/12/2026 it has just ended.
        (D(2026, 12, 14), "quarterly", (D(2026, 6, 15), D(2026, 9, 14))),
        (D(2026, 12, 15), "quarterly", (D(2026, 9, 15), D(2026, 12, 14))),
        (D(2027, 1, 10), "quarterly", (D(2026, 9, 15), D(2026, 12, 14))),
        (D(2026, 12, 14), "monthly", (D(2026, 10, 15), D(2026, 11, 14))),
        (D(2026, 12, 15), "monthly", (D(2026, 11, 15), D(2026, 12, 14))),
        (D(2027, 1, 15), "monthly", (D(2026, 12, 15), D(2027, 1, 14))),
    ],
)
def test_the_last_period_that_ended(day, kind, expected):
    assert last_ended(day, kind) == expected


def test_periods_are_named_by_the_month_they_end_in():
    q1 = (D(2026, 12, 15), D(2027, 3, 14))
    assert period_name(q1, "quarterly", "vi") == "Quý I/2027"
    assert period_name(q1, "quarterly", "en") == "Q1 2027"
    assert period_name((D(2026, 9, 15), D(2026, 12, 14))) == "Quý IV/2026"
    january = (D(2026, 12, 15), D(2027, 1, 14))
    assert period_name(january, "monthly", "vi") == "Tháng 01/2027"
    assert period_name(january, "monthly", "en") == "01/2027"


def test_the_kind_comes_from_the_environment(monkeypatch):
    monkeypatch.delenv("TRACKER_REPORTING", raising=False)
    assert reporting_kind() == "quarterly"
    monkeypatch.setenv("TRACKER_REPORTING", "monthly")
    assert reporting_kind() == "monthly"
    monkeypatch.setenv("TRACKER_REPORTING", "weekly")  # not a kind: the default
    assert reporting_kind() == "quarterly"
    with pytest.raises(ValueError):
        period_containing(D(2026, 1, 1), "weekly")
