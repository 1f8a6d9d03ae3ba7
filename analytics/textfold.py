"""Accent- and case-insensitive text: what search and header matching compare."""

from __future__ import annotations

import re
import unicodedata

import pandas as pd

_NON_WORD = re.compile(r"[^a-z0-9]+")


def strip_accents(value: str) -> str:
    """``Chất vấn`` -> ``chat van`` (lower case; đ -> d; every other mark removed)."""
    decomposed = unicodedata.normalize("NFD", value.replace("đ", "d").replace("Đ", "D"))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).lower()


def fold(value: str) -> str:
    """``Tiến độ (%)`` -> ``tien_do``: accents removed, lower case, other runs as ``_``."""
    return _NON_WORD.sub("_", strip_accents(value)).strip("_")


def matches(query: str, *fields: str) -> bool:
    """Whether every word of ``query`` occurs in one of ``fields``, ignoring accents and case."""
    haystack = " ".join(strip_accents(f or "") for f in fields)
    return all(word in haystack for word in strip_accents(query).split())


def search(frame: pd.DataFrame, query: str, columns: list[str]) -> pd.DataFrame:
    """Rows of ``frame`` where every word of ``query`` occurs in ``columns`` (accents ignored)."""
    words = strip_accents(query).split()
    if not words or frame.empty:
        return frame
    haystack = frame[columns].fillna("").astype(str).agg(" ".join, axis=1).map(strip_accents)
    mask = pd.Series(True, index=frame.index)
    for word in words:
        mask &= haystack.str.contains(word, regex=False)
    return frame[mask]
