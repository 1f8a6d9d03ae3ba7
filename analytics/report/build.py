"""From the database to the file: read, render the charts, lay out as PDF or DOCX."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from analytics.filters import Filters
from analytics.overview import Overview
from analytics.periods import Choice
from analytics.report.content import Report, build_content
from analytics.report.images import ChartImage, ChartsUnavailable, chart_images
from analytics.report.source import ReportData, collect, overview_charts
from analytics.store.connection import Database, use_connection

FORMATS = ("pdf", "docx")
MIME_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}


def chart_heights(model: Overview) -> dict[str, int]:
    """Printed heights of the charts (CSS pixels, 800 wide): room for every bar's label,
    no more, so one body gets a short chart and two charts fit on a page."""
    bodies, areas = len(model.by_body), len(model.by_area)
    return {
        "body": max(170, 110 + 34 * bodies),
        "area": max(200, 150 + 30 * areas),
        "cells": max(200, 100 + 36 * areas),
        "trend": 300,
    }


@dataclass(frozen=True)
class Rendered:
    """A report file and what went into it."""

    data: bytes
    charts: int  # chart images included
    charts_note: str  # why there are none, when there are none


def render(report_data: ReportData, fmt: str) -> Rendered:
    """Render the charts and lay the report out as ``fmt`` (``pdf`` or ``docx``)."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown report format {fmt!r}; one of {', '.join(FORMATS)}")
    images: list[ChartImage] = []
    note = ""
    try:
        figures = overview_charts(report_data.overview, report_data.language)
        if "area" in figures:
            # The screen puts the legend just under the axis, a fraction of the plot's
            # height; on a short printed chart that fraction lands on the tick labels.
            figures["area"].update_layout(
                legend={"yref": "container", "y": 0, "yanchor": "bottom"},
                margin={"b": 70},
            )
        images = chart_images(figures, chart_heights(report_data.overview))
    except ChartsUnavailable as error:
        note = str(error)
    content = build_content(report_data, images, note)
    return Rendered(_lay_out(content, fmt), len(images), note)


def _lay_out(content: Report, fmt: str) -> bytes:
    if fmt == "pdf":
        from analytics.report.pdf import render_pdf

        return render_pdf(content)
    from analytics.report.word import render_docx

    return render_docx(content)


def build_report(
    db: Database,
    choice: Choice,
    filters: Filters | None = None,
    fmt: str = "pdf",
    *,
    language: str = "vi",
    today: date | None = None,
    period_label: str | None = None,
) -> Rendered:
    """The report for a period and filters as ``fmt``. The database is read first and
    released before the charts are drawn (a second or two)."""
    with use_connection(db) as con:
        report_data = collect(con, choice, filters, language, today=today,
                              period_label=period_label)  # fmt: skip
    return render(report_data, fmt)


def file_name(choice: Choice, fmt: str, today: date | None = None) -> str:
    """``bao-cao-nhiem-vu-dot-pha_2026-01-01_2026-12-31.pdf`` (or ``_den-2026-09-30``)."""
    if choice.is_window:
        start = choice.date_from.isoformat() if choice.date_from else "dau"
        end = (choice.date_to or today or date.today()).isoformat()
        span = f"{start}_{end}"
    else:
        span = f"den-{(choice.as_of or today or date.today()).isoformat()}"
    return f"bao-cao-nhiem-vu-dot-pha_{span}.{fmt}"
