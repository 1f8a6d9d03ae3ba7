"""The values an action takes, checked (CONTRACT.md section 5): texts not empty and not
too long, an evidence link or document number, a date; and the one-line refusal every
check and rule raises. What a row of a file must satisfy is the import's, not here."""

from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime
from typing import Any

from analytics.dates import NotADate, parse_date

MAX_TEXT = 2000  # a reason, a question, an answer, a comment, a note
MAX_EVIDENCE = 500


class ActionRefused(ValueError):
    """An action not allowed or not possible; nothing was written."""

    def __init__(self, vi: str, en: str) -> None:
        self.vi = vi
        self.en = en
        super().__init__(f"{vi} ({en})")

    def message(self, language: str = "vi") -> str:
        return self.en if language == "en" else self.vi


def text_value(
    options: dict[str, Any], name: str, label: tuple[str, str], *, required: bool = True,
    limit: int = MAX_TEXT,
) -> str | None:  # fmt: skip
    value = unicodedata.normalize("NFC", str(options.get(name) or "")).strip()
    if not value:
        if required:
            raise ActionRefused(f"Thiếu {label[0]}.", f"The {label[1]} is missing.")
        return None
    if len(value) > limit:
        raise ActionRefused(
            f"{label[0].capitalize()} dài quá {limit} ký tự.",
            f"The {label[1]} is longer than {limit} characters.",
        )
    return value


REASON = ("lý do", "reason")
TEXT = ("nội dung", "text")
_LINK = re.compile(r"https?://[^\s<>\"']+", re.IGNORECASE)
_SCHEME = re.compile(r"[a-z][a-z0-9+.\-]*:", re.IGNORECASE)
_DOCUMENT = re.compile(r"[\w][\w ./\-–]*", re.UNICODE)


def check_evidence(value: str | None) -> str | None:
    """An evidence link (``http(s)://``) or a document number (``123/BC-HĐND``); None
    when empty."""
    text = unicodedata.normalize("NFC", str(value or "")).strip()
    if not text:
        return None
    if len(text) <= MAX_EVIDENCE and (
        _LINK.fullmatch(text)
        or (
            not _SCHEME.match(text)
            and _DOCUMENT.fullmatch(text)
            and any(ch.isdigit() for ch in text)
        )
    ):
        return text
    raise ActionRefused(
        "Minh chứng phải là đường dẫn http(s):// hoặc số hiệu văn bản (ví dụ 123/BC-HĐND).",
        "Evidence must be an http(s):// link or a document number (e.g. 123/BC-HĐND).",
    )


def date_value(options: dict[str, Any], name: str, label: tuple[str, str]) -> date:
    value = options.get(name)
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if value in (None, ""):
        raise ActionRefused(f"Thiếu {label[0]}.", f"The {label[1]} is missing.")
    try:
        return parse_date(str(value).strip())
    except NotADate:
        raise ActionRefused(
            f"{label[0].capitalize()} «{str(value)[:20]}» không phải là ngày.",
            f"The {label[1]} {str(value)[:20]!r} is not a date.",
        ) from None
