"""Vietnamese number and date formats for the screen: ``1.234``, ``72,5 %``, ``31/12/2024``."""

from __future__ import annotations

import math
from datetime import date


def number(value: float | int | None, decimals: int = 0, language: str = "vi") -> str:
    """``1.234,5`` in Vietnamese, ``1,234.5`` in English; a dash when missing."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    plain = f"{value:,.{decimals}f}"
    if language == "en":
        return plain
    return plain.replace(",", "\x00").replace(".", ",").replace("\x00", ".")


def percent(fraction: float | None, decimals: int = 1, language: str = "vi") -> str:
    """A fraction 0-1 as ``72,5 %`` (Vietnamese) or ``72.5%`` (English)."""
    if fraction is None or (isinstance(fraction, float) and math.isnan(fraction)):
        return "–"
    shown = number(fraction * 100, decimals, language)
    return f"{shown} %" if language == "vi" else f"{shown}%"


def day(value: date | None) -> str:
    """``31/12/2024``; a dash when missing."""
    return value.strftime("%d/%m/%Y") if value is not None else "–"


def signed(value: float | None, decimals: int = 0, language: str = "vi") -> str:
    """``+4,2`` / ``-3`` / ``0`` (Streamlit reads the leading sign for the arrow)."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    if round(value, decimals) == 0:
        return number(0, decimals, language)
    sign = "+" if value > 0 else "-"
    return sign + number(abs(value), decimals, language)
