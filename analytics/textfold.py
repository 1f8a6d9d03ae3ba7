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


def search(frame: pd.DataFrame, query: str, columns: list[str]) -> pd.DataFrame:
    """Rows of ``frame`` whose ``columns`` contain ``query`` as typed, ignoring accents and case.

    "chat van" finds "chất vấn" but not "chất lượng ... Văn phòng": the words are
    matched together, as a phrase, with runs of spaces treated as one.
    """
    phrase = " ".join(strip_accents(query).split())
    if not phrase or frame.empty:
        return frame
    haystack = (
        (frame[columns].fillna("").astype(str).agg(" | ".join, axis=1).map(strip_accents))
        .str.split()
        .str.join(" ")
    )
    return frame[haystack.str.contains(phrase, regex=False)]
