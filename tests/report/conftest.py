"""Fixtures of the report tests: one report's data, charts and files, made once."""

from __future__ import annotations

import io
import os
import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import duckdb
import pytest

from analytics.filters import Filters
from analytics.periods import Choice
from analytics.report.build import chart_heights
from analytics.report.content import build_content
from analytics.report.images import ChartImage, ChartsUnavailable, chart_images
from analytics.report.pdf import render_pdf
from analytics.report.source import ReportData, collect, overview_charts
from analytics.report.word import render_docx

# A window wholly in the past, so the figures do not move with the calendar: the
# phase 2021-2025, read as of 31/12/2025.
WINDOW = Choice(date_from=date(2021, 1, 1), date_to=date(2025, 12, 31))
TODAY = date(2026, 11, 27)


@dataclass(frozen=True)
class Made:
    data: ReportData
    images: list[ChartImage]
    pdf: bytes
    docx: bytes


def pdf_text(data: bytes) -> str:
    """The PDF's text (pypdf), NFC, every run of white space one space."""
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(data))
    return plain(" ".join(page.extract_text() for page in reader.pages))


def docx_text(data: bytes) -> str:
    """The DOCX's paragraphs and table cells, NFC, every run of white space one space."""
    from docx import Document

    doc = Document(io.BytesIO(data))
    parts = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        for row in table.rows:
            parts.extend(cell.text for cell in row.cells)
    return plain(" ".join(parts))


def plain(text: str) -> str:
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", text))


@pytest.fixture(scope="session")
def made(demo_db: Path) -> Made:
    """The demo's report over WINDOW, all tasks: data, chart images, PDF and DOCX."""
    con = duckdb.connect(str(demo_db), read_only=True)
    try:
        data = collect(con, WINDOW, Filters(), "vi", today=TODAY)
    finally:
        con.close()
    try:
        images = chart_images(overview_charts(data.overview, "vi"), chart_heights(data.overview))
    except ChartsUnavailable:  # no Chromium here: the text tests still run
        images = []
    content = build_content(data, images)
    return Made(data, images, render_pdf(content), render_docx(content))


def need_charts(images: list) -> None:
    """Skip a test of the chart images where no Chromium renders them (fail in CI)."""
    if images:
        return
    if os.environ.get("REQUIRE_BROWSER") == "1":
        pytest.fail("no chart images: Chromium missing (REQUIRE_BROWSER=1)")
    pytest.skip("Chromium not installed: no chart images")
