"""Periods people choose on screen: a year, a quarter, a half-year, a term, a range, or a date.

Each choice becomes either a window ``[from, to]`` or an "as of" date, the two ways
CONTRACT.md section 4 reads figures.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

PERIOD_KINDS = ("as_of", "year", "half_year", "quarter", "term", "range")
ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}


@dataclass(frozen=True)
class Choice:
    """A period as chosen: ``as_of`` alone, or a window ``date_from``..``date_to``."""

    as_of: date | None = None
    date_from: date | None = None
    date_to: date | None = None

    @property
    def is_window(self) -> bool:
        return self.date_from is not None or self.date_to is not None

    def end(self, today: date) -> date:
        """The date D the figures are read at."""
        if self.is_window:
            return min(self.date_to or today, today)
        return self.as_of or today


def quarter_of(day: date) -> int:
    return (day.month - 1) // 3 + 1


def quarter_window(year: int, quarter: int) -> tuple[date, date]:
    start = date(year, 3 * quarter - 2, 1)
    end = date(year + (quarter == 4), (3 * quarter) % 12 + 1, 1) - timedelta(days=1)
    return start, end


def half_window(year: int, half: int) -> tuple[date, date]:
    return (
        (date(year, 1, 1), date(year, 6, 30))
        if half == 1
        else (date(year, 7, 1), date(year, 12, 31))
    )


def year_window(year: int) -> tuple[date, date]:
    return date(year, 1, 1), date(year, 12, 31)


def term_window(start_year: int, end_year: int) -> tuple[date, date]:
    return date(start_year, 1, 1), date(end_year, 12, 31)


def previous_quarter_end(day: date) -> date:
    """The last quarter end strictly before ``day`` (31/03, 30/06, 30/09 or 31/12)."""
    start, _ = quarter_window(day.year, quarter_of(day))
    return start - timedelta(days=1)


def quarter_label(year: int, quarter: int, language: str = "vi") -> str:
    """``Quý III/2026`` (Vietnamese) or ``Q3 2026``."""
    return f"Quý {ROMAN[quarter]}/{year}" if language == "vi" else f"Q{quarter} {year}"


def half_label(year: int, half: int, language: str = "vi") -> str:
    """``6 tháng đầu năm 2026`` / ``6 tháng cuối năm 2026`` or ``H1 2026``."""
    if language == "vi":
        return f"6 tháng {'đầu' if half == 1 else 'cuối'} năm {year}"
    return f"H{half} {year}"


def previous_window(date_from: date, date_to: date) -> tuple[date, date]:
    """The window of the same length just before ``[date_from, date_to]``."""
    length = date_to - date_from
    end = date_from - timedelta(days=1)
    return end - length, end
