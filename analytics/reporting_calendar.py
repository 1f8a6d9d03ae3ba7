"""Reporting periods (*kỳ báo cáo*) with Decree 09/2019/NĐ-CP's cut-off (*thời gian chốt
số liệu*): a month runs from the 15th of the month before to the 14th; a quarter from the
15th of the month before it to the 14th of its last month (Quý IV/2026 is 15/09/2026 to
14/12/2026). ``TRACKER_REPORTING`` chooses monthly or quarterly reporting (CONTRACT.md
section 6); quarterly by default.
"""

from __future__ import annotations

import os
from datetime import date, timedelta

KINDS = ("quarterly", "monthly")
ENV_VAR = "TRACKER_REPORTING"
CUT_OFF = 14  # the last day of a period, in its last month
_ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}


def reporting_kind() -> str:
    """The kind of reporting period in use: ``TRACKER_REPORTING`` when it names one of
    :data:`KINDS`, else quarterly."""
    chosen = os.environ.get(ENV_VAR, "").strip().lower()
    return chosen if chosen in KINDS else "quarterly"


def _check(kind: str) -> None:
    if kind not in KINDS:
        raise ValueError(f"unknown reporting period {kind!r}; one of {', '.join(KINDS)}")


def period_containing(day: date, kind: str = "quarterly") -> tuple[date, date]:
    """The first and last day of the reporting period that holds ``day``."""
    _check(kind)
    year, month = day.year, day.month
    if day.day > CUT_OFF:  # from the 15th on, a day counts toward the next month
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    if kind == "quarterly":
        month = (month - 1) // 3 * 3 + 3  # the quarter's last month
    span = 3 if kind == "quarterly" else 1
    first = (year, month - span) if month > span else (year - 1, month + 12 - span)
    return date(*first, CUT_OFF + 1), date(year, month, CUT_OFF)


def last_ended(day: date, kind: str = "quarterly") -> tuple[date, date]:
    """The most recent reporting period that ended before ``day``."""
    start, _ = period_containing(day, kind)
    return period_containing(start - timedelta(days=1), kind)


def period_name(period: tuple[date, date], kind: str = "quarterly", language: str = "vi") -> str:
    """``Quý IV/2026`` / ``Q4 2026``, or ``Tháng 12/2026`` / ``12/2026``: the period named
    by the month it ends in."""
    _check(kind)
    year, month = period[1].year, period[1].month
    if kind == "quarterly":
        quarter = month // 3
        return f"Quý {_ROMAN[quarter]}/{year}" if language == "vi" else f"Q{quarter} {year}"
    return f"Tháng {month:02d}/{year}" if language == "vi" else f"{month:02d}/{year}"
