"""A task's timeline as the task page shows it: one line per event of
``actions.history``, newest first: the day, who, what (a fixed phrase per kind, with the
progress or the new deadline it carries), and the text a person wrote (a reason, a
question, an answer, a comment, a note, the evidence, a file's name). No Streamlit here;
the page draws the written text as plain text.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from analytics import formats
from analytics.accounts import LOCAL_ACTOR
from analytics.labels import text

# What an event's kind says: (the fixed words, the texts a person wrote).
Described = tuple[str, list[str]]
Describe = Callable[[dict, str], Described]


@dataclass(frozen=True)
class Line:
    """One event as shown: ``on`` (dd/mm/yyyy), ``who``, ``what`` (fixed words and
    numbers) and ``detail`` (what a person wrote, shown as it is; empty when nothing)."""

    on: str
    who: str
    what: str
    detail: str


def lines(events: list[dict[str, Any]], language: str = "vi") -> list[Line]:
    """The events of ``actions.history`` (oldest first), newest first as lines."""
    return [_line(event, language) for event in reversed(events)]


def _line(event: dict[str, Any], language: str) -> Line:
    kind = str(event.get("kind") or "")
    detail = event.get("detail") or {}
    what, written = _DESCRIBE.get(kind, _unknown)(detail, language)
    if kind not in _DESCRIBE:
        what = kind
    who = shown_name(event.get("user"), language)
    return Line(_day(event.get("on")), who, what, " · ".join(w for w in written if w))


def shown_name(user: object, language: str = "vi") -> str:
    """Who acted, as the screen names them: the account's name, the local machine in
    local mode, a dash when unknown."""
    name = str(user or "")
    return text("local_actor", language) if name == LOCAL_ACTOR else (name or "–")


def _day(value: object) -> str:
    try:
        return formats.day(date.fromisoformat(str(value)[:10]))
    except ValueError:
        return "–"


def _said(detail: dict, key: str) -> str:
    value = detail.get(key)
    return "" if value is None else str(value)


def _plain(kind: str) -> Describe:
    def describe(detail: dict, language: str) -> Described:
        return text(f"event_{kind}", language), []

    return describe


def _with_text(kind: str, key: str) -> Describe:
    def describe(detail: dict, language: str) -> Described:
        return text(f"event_{kind}", language), [_said(detail, key)]

    return describe


def _assign(detail: dict, language: str) -> Described:
    assigner = (detail.get("after") or {}).get("assigner")
    shown = [text("event_assigner", language, name=assigner)] if assigner else []
    return text("event_assign", language), shown


def _report(detail: dict, language: str) -> Described:
    # An action keeps the report as "after"; a report stored by the demo is the detail.
    report = detail.get("after") if "after" in detail else detail
    report = report or {}
    progress = report.get("progress")
    if progress is None:
        what = text("event_report", language)
    else:
        sign = " %" if language == "vi" else "%"
        shown = formats.number(float(progress), 0, language) + sign
        what = text("event_report_progress", language, progress=shown)
    evidence = report.get("evidence")
    written = [_said(report, "note")]
    if evidence:
        written.append(text("event_evidence", language, evidence=evidence))
    return what, written


def _extend(detail: dict, language: str) -> Described:
    return (
        text("event_extend", language, date=_day(detail.get("new_due"))),
        [_said(detail, "reason")],
    )


def _approve(detail: dict, language: str) -> Described:
    due = (detail.get("after") or {}).get("due")
    return text("event_approve_extension", language, date=_day(due)), []


def _refuse(detail: dict, language: str) -> Described:
    return (
        text("event_refuse_extension", language, date=_day(detail.get("new_due"))),
        [_said(detail, "reason")],
    )


def _file(kind: str) -> Describe:
    def describe(detail: dict, language: str) -> Described:
        shown = text(
            "event_file", language, file=_said(detail, "file"), id=_said(detail, "import_id")
        )
        return text(f"event_{kind}", language), [shown]

    return describe


def _unknown(detail: dict, language: str) -> Described:
    return "", []


_DESCRIBE: dict[str, Describe] = {
    "register": _plain("register"),
    "propose": _plain("propose"),
    "assign": _assign,
    "return": _with_text("return", "reason"),
    "report": _report,
    "extend": _extend,
    "approve_extension": _approve,
    "refuse_extension": _refuse,
    "ask": _with_text("ask", "text"),
    "answer": _with_text("answer", "text"),
    "comment": _with_text("comment", "text"),
    "import": _file("import"),
    "undo": _file("undo"),
}
