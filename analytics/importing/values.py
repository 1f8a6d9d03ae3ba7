"""Turning columns of text into values, in bulk.

Each parser reads a whole column. It parses the column's distinct values once
(a million report dates hold a few hundred distinct ones) and spreads the results
back, so the cost follows the number of distinct values, not of rows.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import numpy as np
import pandas as pd

from analytics.dates import date_or_none
from analytics.importing.headers import fold

# A leading apostrophe protects text that a spreadsheet would take for a formula
# (CONTRACT.md section 2); the import drops it, so export then import is a round trip.
_FORMULA_ESCAPE = r"^'(?=[=+\-@\t\r])"

_NUMBER = re.compile(r"([+-]?)(\d+(?:[.,]\d+)?|[.,]\d+)\s*(%?)")
_YEAR = re.compile(r"\d{4}")
_PERIOD = re.compile(r"(\d{4})(?:\s*[-–—]\s*(\d{4}))?")

NAT = np.datetime64("NaT", "D")


def clean(column: pd.Series) -> pd.Series:
    """Cells as text without surrounding spaces and without a formula-escaping apostrophe."""
    stripped = column.str.strip()
    if stripped.str.startswith("'").any():
        stripped = stripped.str.replace(_FORMULA_ESCAPE, "", regex=True)
    return stripped


def empty(column: pd.Series) -> np.ndarray:
    """Which cells are empty (after :func:`clean`)."""
    return (column == "").to_numpy(dtype=bool, na_value=True)


def by_distinct(column: pd.Series, parse: Callable[[str], object], dtype: object) -> np.ndarray:
    """``parse`` applied to each distinct value of ``column``, spread over its rows."""
    codes, uniques = pd.factorize(column, use_na_sentinel=False)
    parsed = np.array([parse(u) for u in uniques], dtype=dtype)
    if len(parsed) == 0:
        return np.empty(len(column), dtype=dtype)
    return parsed[codes]


def date_of(text: str) -> np.datetime64:
    """A day-first date (dd/mm/yyyy, d/m/yyyy, dd-mm-yyyy, dd/mm/yy → 20yy) or yyyy-mm-dd.

    Never month-first (the rule of :mod:`analytics.dates`). NaT when the text is not such
    a date or the day does not exist.
    """
    day = date_or_none(text)
    return NAT if day is None else np.datetime64(day, "D")


def parse_dates(column: pd.Series) -> np.ndarray:
    """Dates (``datetime64[D]``) of a cleaned column; NaT for empty or invalid cells."""
    return by_distinct(column, date_of, "datetime64[D]")


def number_of(text: str) -> float:
    """``45``, ``45%``, ``45,5``, ``45.5`` → 45 / 45.5; NaN when not a number."""
    match = _NUMBER.fullmatch(text)
    if not match:
        return float("nan")
    value = float(match[2].replace(",", "."))
    return -value if match[1] == "-" else value


def parse_numbers(column: pd.Series) -> np.ndarray:
    """Numbers (float64) of a cleaned column; NaN for empty or invalid cells."""
    return by_distinct(column, number_of, "float64")


def year_of(text: str) -> int:
    """A four-digit year; 0 when the text is not one."""
    return int(text) if _YEAR.fullmatch(text) else 0


def parse_years(column: pd.Series) -> np.ndarray:
    return by_distinct(column, year_of, "int64")


def period_of(text: str) -> str:
    """``2021`` or ``2021-2025`` (spaces and dashes normalised); empty when invalid."""
    match = _PERIOD.fullmatch(text)
    if not match:
        return ""
    start, end = match[1], match[2]
    if end is None:
        return start
    return f"{start}-{end}" if int(end) > int(start) else ""


def parse_periods(column: pd.Series) -> np.ndarray:
    return by_distinct(column, period_of, object)


def choice_lookup(choices: dict[str, tuple[str, ...]]) -> dict[str, str]:
    """Folded spelling → code, from ``{code: (name, other names...)}``; codes match too."""
    lookup: dict[str, str] = {}
    for code, names in choices.items():
        for spelling in (code, *names):
            lookup[fold(spelling)] = code
    return lookup


def parse_choices(column: pd.Series, lookup: dict[str, str]) -> pd.Categorical:
    """The code each cell names (accents and case ignored); missing for empty or unknown cells.

    A categorical keeps a million cells as small integers, cheap to compare and to store.
    """
    categories = sorted(set(lookup.values()))
    index = {code: i for i, code in enumerate(categories)}
    codes = by_distinct(column, lambda text: index.get(lookup.get(fold(text), ""), -1), "int16")
    return pd.Categorical.from_codes(codes, categories=categories)
