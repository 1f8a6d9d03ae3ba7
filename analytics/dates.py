"""Dates as people type them: day first, never month first (CONTRACT.md sections 2 and 3).

One rule for every import and for the command line: ``dd/mm/yyyy``, ``d/m/yyyy``,
``dd-mm-yyyy``, ``dd/mm/yy`` (read as 20yy, as a spreadsheet in the vi-VN locale writes
it) and ``yyyy-mm-dd``. Plain Python, so the command line reads a date without loading
pandas.
"""

from __future__ import annotations

import re
from datetime import date

DAY_FIRST = re.compile(r"(\d{1,2})([/-])(\d{1,2})\2(\d{4}|\d{2})")
ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]00:00(?::00(?:\.0+)?)?)?")
FIRST_YEAR, LAST_YEAR = 1900, 2200
FORMS = "YYYY-MM-DD or dd/mm/yyyy (day first)"


class NotADate(ValueError):
    """Text that is not a date; the message says why, in one line."""


def parse_date(text: str) -> date:
    """The date ``text`` names (see the module's forms); :class:`NotADate` otherwise."""
    match = DAY_FIRST.fullmatch(text)
    if match:
        day, month, year = int(match[1]), int(match[3]), match[4]
        number = int(year) + (2000 if len(year) == 2 else 0)
        if month > 12:
            raise NotADate(
                f"'{text}' has no month {month}: dates are day first (dd/mm/yyyy), "
                "never month first"
            )
    else:
        match = ISO.fullmatch(text)
        if not match:
            raise NotADate(f"'{text}' is not a date; write {FORMS}")
        number, month, day = int(match[1]), int(match[2]), int(match[3])
    if not FIRST_YEAR <= number <= LAST_YEAR:
        raise NotADate(f"'{text}': the year {number} is not between {FIRST_YEAR} and {LAST_YEAR}")
    try:
        return date(number, month, day)
    except ValueError:
        raise NotADate(
            f"'{text}' names no day of the calendar (read as day {day}, month {month}, "
            f"year {number})"
        ) from None


def date_or_none(text: str) -> date | None:
    """The date ``text`` names, or None when it names none."""
    try:
        return parse_date(text)
    except NotADate:
        return None
