"""Periods people choose on screen: a year, a quarter, a half-year, a term, a range, or a date.

Each choice becomes either a window ``[from, to]`` or an "as of" date, the two ways
CONTRACT.md section 4 reads figures.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING

from analytics.labels import text
from analytics.reference_data import period_display

if TYPE_CHECKING:  # pandas is not needed to name a period
    import pandas as pd

PERIOD_KINDS = ("as_of", "year", "half_year", "quarter", "term", "range")
ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}


@dataclass(frozen=True)
class Window:
    """A period resolved on a day, as the figures read it (CONTRACT.md section 4): the date
    D (``as_of``), the tasks in scope (``ngay_giao <= scope_to``, ``han_hoan_thanh >=
    scope_from``; without ``scope_to``, those assigned on or before D) and the first day of
    the window whose progress gain is counted (``window_from``)."""

    as_of: date
    scope_from: date | None = None
    scope_to: date | None = None
    window_from: date | None = None


@dataclass(frozen=True)
class Choice:
    """A period as chosen: ``as_of`` alone, or a window ``date_from``..``date_to``."""

    as_of: date | None = None
    date_from: date | None = None
    date_to: date | None = None

    @property
    def is_window(self) -> bool:
        return self.date_from is not None or self.date_to is not None

    def window(self, today: date | None = None) -> Window:
        """The period as the figures read it on ``today`` (default: the real today).

        The one place D is computed: a date alone is D (today when none); a window's D
        is its end, or today when the end is later; ``from`` alone runs to today, ``to``
        alone has no lower bound. Raises ``ValueError`` for ``as_of`` with a window, or
        a window that ends before it starts.
        """
        today = today or date.today()
        if not self.is_window:
            return Window(as_of=self.as_of or today)
        if self.as_of is not None:
            raise ValueError("as_of cannot be combined with date_from/date_to")
        end = self.date_to or today
        if self.date_from is not None and self.date_from > end:
            raise ValueError("date_from is after date_to")
        return Window(
            as_of=min(end, today), scope_from=self.date_from, scope_to=end,
            window_from=self.date_from,
        )  # fmt: skip


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
    """The window just before ``[date_from, date_to]``, as long as it.

    Whole months (a year, a half-year, a quarter) step back by as many months, so the
    year before 2021 is 2020 whatever its length; other windows by as many days.
    """
    next_day = date_to + timedelta(days=1)
    if date_from.day == 1 and next_day.day == 1:
        months = (next_day.year - date_from.year) * 12 + next_day.month - date_from.month
        index = date_from.year * 12 + date_from.month - 1 - months
        return date(index // 12, index % 12 + 1, 1), date_from - timedelta(days=1)
    length = date_to - date_from
    end = date_from - timedelta(days=1)
    return end - length, end


COMPARE_MODES = ("none", "previous", "last_year")


def _year_earlier(day: date) -> date:
    try:
        return day.replace(year=day.year - 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year - 1, day=28)


def comparison(choice: Choice, mode: str, today: date) -> Choice | None:
    """The period to compare ``choice`` with: the one just before it, or a year earlier.

    A window is compared with the window of the same length just before it (or the
    same window a year earlier); a date with the previous quarter end (or a year earlier).
    """
    if mode == "none":
        return None
    if choice.is_window:
        start = choice.date_from or date(1, 1, 1)
        end = choice.date_to or today
        if mode == "last_year":
            return Choice(date_from=_year_earlier(start), date_to=_year_earlier(end))
        first, last = previous_window(start, end)
        return Choice(date_from=first, date_to=last)
    as_of = choice.as_of or today
    if mode == "last_year":
        return Choice(as_of=_year_earlier(as_of))
    return Choice(as_of=previous_quarter_end(as_of))


def describe(choice: Choice, language: str = "vi") -> str:
    """``01/01/2025 – 31/12/2025`` for a window, ``31/03/2026`` for a date."""
    if choice.is_window:
        start = choice.date_from.strftime("%d/%m/%Y") if choice.date_from else "…"
        end = choice.date_to.strftime("%d/%m/%Y") if choice.date_to else "…"
        return f"{start} – {end}"
    return choice.as_of.strftime("%d/%m/%Y") if choice.as_of else ""


def name(choice: Choice, terms: pd.DataFrame | None = None, language: str = "vi") -> str:
    """The period as the sidebar names it: ``Năm 2025``, ``Quý III/2026``, ``6 tháng đầu
    năm 2026``, ``Nhiệm kỳ 2021–2026`` (a term of ``terms``: the reference periods with
    ``label``, ``kind``, ``start_year``, ``end_year``); other windows as ``01/02/2026 –
    15/03/2026``; a date alone as ``30/09/2026``."""
    if not choice.is_window:
        return describe(choice, language)
    start, end = choice.date_from, choice.date_to
    if start is not None and end is not None:
        year = start.year
        if (start, end) == year_window(year):
            return f"{text('year', language)} {year}"
        for quarter in (1, 2, 3, 4):
            if (start, end) == quarter_window(year, quarter):
                return quarter_label(year, quarter, language)
        for half in (1, 2):
            if (start, end) == half_window(year, half):
                return half_label(year, half, language)
        if terms is not None:
            rows = terms[["label", "kind", "start_year", "end_year"]].itertuples(index=False)
            for label, kind, first, last in rows:
                if kind != "nam" and (start, end) == term_window(int(first), int(last)):
                    return period_display(label, kind, language)
    return describe(choice, language)


def legend_name(choice: Choice, terms: pd.DataFrame | None = None, language: str = "vi") -> str:
    """A period as a chart's legend names it: :func:`name`, and ``Tính đến 30/06/2026`` for
    a date alone (a bare date would not say what it is)."""
    if choice.is_window:
        return name(choice, terms, language)
    return text("as_of_short", language, date=describe(choice, language))


def named_with_dates(choice: Choice, terms: pd.DataFrame | None = None,
                     language: str = "vi") -> str:  # fmt: skip
    """``Quý II/2026 (01/04/2026 – 30/06/2026)``; a window without a name, or a date, as
    its dates alone."""
    shown = name(choice, terms, language)
    dates = describe(choice, language)
    return shown if shown == dates else f"{shown} ({dates})"
