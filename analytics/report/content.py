"""A report's content as text, tables and images, for the PDF and DOCX writers alike.

Every number is written here, once, with the screen's formats (``67,6 %``,
``31/12/2024``, changes ``+4,2 điểm %``), so the two files and the screen agree.
The writers only lay the blocks out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

import pandas as pd

from analytics import formats, tables
from analytics.filters import Filters
from analytics.labels import text
from analytics.method import METHOD
from analytics.overview import Headline
from analytics.report.images import ChartImage
from analytics.report.source import ReportData

RATES = {"completion_rate", "on_time_rate"}
FILTER_WORDS = {"body": "body", "area": "area", "position": "position", "official": "official",
                "assigner": "assigner", "status": "status"}  # fmt: skip
MONTHS_EN = ("January", "February", "March", "April", "May", "June", "July", "August",
             "September", "October", "November", "December")  # fmt: skip


@dataclass(frozen=True)
class Table:
    """A table of text cells; ``widths`` are relative, ``align`` is ``L``, ``R`` or ``C``
    per column; ``total`` marks the last row as a total (bold)."""

    header: list[str]
    rows: list[list[str]]
    widths: list[float]
    align: list[str]
    total: bool = False
    font_size: float = 8.0


@dataclass(frozen=True)
class Block:
    """One piece of the report, in reading order.

    ``kind``: ``heading``, ``paragraph``, ``note`` (small print), ``table``, ``chart``,
    ``method`` (a definition: ``text`` is the title, ``body`` light markdown: ``**bold**``,
    ``*italic*``, lines starting ``- `` are bullets), ``signature`` (the recipients and
    the signing block), ``page_break``.
    """

    kind: str
    text: str = ""
    body: str = ""
    table: Table | None = None
    chart: ChartImage | None = None


@dataclass(frozen=True)
class Report:
    """The whole report: the administrative header, the title, and the blocks."""

    language: str
    org: list[str]  # top left: the issuing body
    nation: list[str]  # top right: the national name and motto
    number: str
    place_date: str
    kind: str  # BÁO CÁO
    subject: str
    period: str
    blocks: list[Block] = field(default_factory=list)
    recipients: list[str] = field(default_factory=list)
    signer: list[str] = field(default_factory=list)
    footer: str = ""
    page_words: str = ""  # "Trang {page}/{pages}"


def build_content(data: ReportData, images: list[ChartImage], charts_note: str = "") -> Report:
    """The report for ``data`` with the chart ``images`` (``charts_note`` says why there
    are none, when there are none)."""
    lang = data.language
    blocks: list[Block] = [
        Block("paragraph", _as_of_line(data)),
        Block("paragraph", text("report_scope", lang, scope=scope_text(data.filters, data, lang))),
    ]
    if data.last_update is not None:
        blocks.append(
            Block("note", text("report_last_update", lang, date=formats.day(data.last_update)))
        )
    blocks.append(Block("heading", text("report_headline", lang)))
    if data.empty:
        blocks.append(Block("paragraph", text("no_match", lang)))
    else:
        blocks.append(Block("paragraph", summary_sentence(data)))
        blocks.append(Block("table", table=headline_table(data)))
        blocks.append(Block("heading", text("report_charts", lang)))
        if images:
            for image in images:
                blocks.append(Block("chart", chart=image))
                if image.key == "cells":
                    legend = " · ".join(f"{code}: {name}" for code, name in data.bodies.items())
                    blocks.append(Block("note", legend))
        else:
            blocks.append(Block("note", text("report_no_charts", lang, reason=charts_note or "–")))
        blocks.append(Block("heading", text("report_by_body", lang)))
        blocks.append(Block("table", table=group_table(data.by_body, data.totals, "body", lang)))
        blocks.append(Block("heading", text("report_by_area", lang)))
        blocks.append(Block("table", table=group_table(data.by_area, data.totals, "area", lang)))
        blocks.append(Block("heading", text("report_attention", lang)))
        if data.attention.empty:
            blocks.append(Block("paragraph", text("nothing_overdue", lang)))
        else:
            blocks.append(Block("table", table=attention_table(data)))
    blocks.append(Block("signature"))
    blocks.append(Block("page_break"))
    blocks.append(Block("heading", text("report_method", lang)))
    for title, body in METHOD[lang]:
        blocks.append(Block("method", text=title, body=body))
    blocks.append(Block("method", text=text("early_warning", lang),
                        body=text("early_warning_rule", lang)))  # fmt: skip
    return Report(
        language=lang,
        org=[text("report_org", lang), text("report_org_unit", lang)],
        nation=[text("report_nation", lang), text("report_motto", lang)],
        number=text("report_number", lang),
        place_date=place_date(data.today, lang),
        kind=text("report_kind", lang),
        subject=text("report_subject", lang),
        period=_period_line(data),
        blocks=blocks,
        recipients=[
            text("report_recipients", lang),
            *text("report_recipient_lines", lang).splitlines(),
        ],
        signer=[text("report_signer", lang), text("report_signature", lang)],
        footer=text("report_generated", lang, date=formats.day(data.today)),
        page_words=text("report_page", lang, page="{page}", pages="{pages}"),
    )


def place_date(day: date, language: str) -> str:
    """``......, ngày 05 tháng 11 năm 2026`` (the administrative date line)."""
    return text(
        "report_place_date",
        language,
        day=f"{day.day:02d}",
        month=f"{day.month:02d}",
        year=day.year,
        month_name=MONTHS_EN[day.month - 1],
    )


def _period_line(data: ReportData) -> str:
    lang = data.language
    choice = data.choice
    if not choice.is_window:
        return f"{text('as_of', lang)} {formats.day(data.overview.as_of)}"
    window = f"{formats.day(choice.date_from)} – {formats.day(choice.date_to)}"
    label = data.period_label
    shown = f"{label} ({window})" if label and label != window else window
    return text("report_period", lang, period=shown)


def _as_of_line(data: ReportData) -> str:
    model = data.overview
    if model.is_window:
        return text(
            "report_as_of_period",
            data.language,
            date=formats.day(model.as_of),
            period=model.compared_dates,
        )
    return text(
        "report_as_of",
        data.language,
        date=formats.day(model.as_of),
        since=formats.day(model.since),
    )


def scope_text(filters: Filters, data: ReportData, language: str) -> str:
    """The filters in words: ``Cơ quan: Ban Pháp chế; Lĩnh vực: Giám sát, Chất vấn``."""
    active = filters.active()
    if not active:
        return text("report_scope_all", language)
    names = {"body": data.bodies, "area": data.areas}
    parts = []
    for dimension, values in active.items():
        shown = []
        for value in values:
            if dimension == "status":
                shown.append(text(value, language))
            else:
                shown.append(names.get(dimension, {}).get(value, value)
                             or text("not_recorded", language))  # fmt: skip
        parts.append(f"{text(FILTER_WORDS[dimension], language)}: {', '.join(shown)}")
    return "; ".join(parts)


def card_value(card: Headline, language: str) -> str:
    """A headline card's value as the overview card shows it."""
    if card.key in RATES:
        return formats.percent(card.value, 1, language)
    return formats.number(card.value, 0, language)


def card_change(card: Headline, language: str) -> str:
    """A card's change as the overview card shows it (rates in percentage points)."""
    if card.change is None:
        return "–"
    if card.key in RATES:
        return f"{formats.signed(card.change * 100, 1, language)} {text('points', language)}"
    return formats.signed(card.change, 0, language)


def summary_sentence(data: ReportData) -> str:
    """One sentence with the headline figures, as a report's opening paragraph."""
    lang = data.language
    totals = data.totals.iloc[0]
    cards = {card.key: card for card in data.overview.cards}
    done = int(totals["hoan_thanh_dung_han"] + totals["hoan_thanh_qua_han"])
    return text(
        "report_sentence",
        lang,
        date=formats.day(data.overview.as_of),
        tasks=formats.number(int(totals["tasks"]), 0, lang),
        done=formats.number(done, 0, lang),
        rate=card_value(cards["completion_rate"], lang),
        on_time=formats.number(int(totals["hoan_thanh_dung_han"]), 0, lang),
        overdue=card_value(cards["qua_han"], lang),
        at_risk=card_value(cards["nguy_co"], lang),
    )


def headline_table(data: ReportData) -> Table:
    """The overview's five cards with their change, then the count in each status, the
    average progress, the tasks extended (and, over a window, the progress gained)."""
    lang = data.language
    model = data.overview
    if model.is_window:
        change_header = text("report_change_period", lang, period=model.compared)
    else:
        change_header = text("report_change", lang, date=formats.day(model.since))
    rows = [[text(c.key, lang), card_value(c, lang), card_change(c, lang)]
            for c in data.overview.cards]  # fmt: skip
    totals = data.totals.iloc[0]
    for code in ("hoan_thanh_dung_han", "hoan_thanh_qua_han", "dang_thuc_hien",
                 "chua_trien_khai"):  # fmt: skip
        rows.append([text(code, lang), formats.number(int(totals[code]), 0, lang), ""])
    rows.append([text("avg_progress", lang),
                 formats.number(totals["avg_progress"], 1, lang)
                 + (" %" if lang == "vi" else "%"), ""])  # fmt: skip
    rows.append([text("extended", lang), formats.number(int(totals["extended"]), 0, lang), ""])
    if data.choice.is_window and pd.notna(totals["progress_delta"]):
        rows.append([text("period_delta", lang),
                     formats.signed(totals["progress_delta"], 1, lang) + " " +
                     text("points", lang), ""])  # fmt: skip
    return Table(
        header=[
            text("report_figure", lang),
            text("report_value", lang),
            change_header,
        ],
        rows=rows,
        widths=[3, 1.4, 2],
        align=["L", "R", "R"],
        font_size=10,
    )


def group_table(groups: pd.DataFrame, totals: pd.DataFrame, by: str, language: str) -> Table:
    """Figures per body or area as the analysis page's table shows them, with a total row."""
    shown = tables.for_screen(tables.figures_table(groups, language), language)
    total = tables.for_screen(tables.figures_table(totals, language), language)
    total.iloc[0, 0] = text("report_total", language)
    shown = pd.concat([shown, total], ignore_index=True)
    header = [text(by, language), *[str(c) for c in shown.columns[1:]]]
    widths = [3.2] + [1.0] * (len(header) - 1)
    return Table(
        header=header,
        rows=[[str(v) for v in row] for row in shown.itertuples(index=False, name=None)],
        widths=widths,
        align=["L"] + ["R"] * (len(header) - 1),
        total=True,
        font_size=7.5,
    )


def attention_table(data: ReportData) -> Table:
    """Every overdue and at-risk task, worst first: flag, code, title, body, progress,
    deadline, days late (overdue) or left (at risk)."""
    lang = data.language
    rows = []
    for row in data.attention.itertuples(index=False):
        days = row.days_late if row.flag == "qua_han" else row.days_left
        rows.append([
            text(row.flag, lang),
            str(row.code),
            str(row.title),
            data.bodies.get(row.body_code, str(row.body_code)),
            formats.number(row.progress, 0, lang),
            formats.day(pd.Timestamp(row.due_on).date()),
            formats.number(int(days), 0, lang),
        ])  # fmt: skip
    return Table(
        header=[
            text("flag", lang),
            text("task_code", lang),
            text("task_title", lang),
            text("body", lang),
            text("report_progress", lang),
            text("due_on", lang),
            text("report_days", lang),
        ],
        rows=rows,
        widths=[1.5, 1.5, 4.2, 2.4, 1.0, 1.7, 1.3],
        align=["L", "L", "L", "L", "R", "C", "R"],
        font_size=8,
    )


_INLINE = re.compile(r"(\*\*.+?\*\*|\*[^*]+?\*)")


def inline(markdown: str) -> list[tuple[str, bool, bool]]:
    """Light markdown as (text, bold, italic) runs: ``**bold**`` and ``*italic*``."""
    runs: list[tuple[str, bool, bool]] = []
    for part in _INLINE.split(markdown):
        if not part:
            continue
        if part.startswith("**") and part.endswith("**") and len(part) > 4:
            runs.append((part[2:-2], True, False))
        elif part.startswith("*") and part.endswith("*") and len(part) > 2:
            runs.append((part[1:-1], False, True))
        else:
            runs.append((part, False, False))
    return runs


def method_lines(body: str) -> list[tuple[bool, list[tuple[str, bool, bool]]]]:
    """A definition's lines as (is a bullet, runs)."""
    out = []
    for line in body.splitlines():
        bullet = line.startswith("- ")
        out.append((bullet, inline(line[2:] if bullet else line)))
    return out
