"""One official's year-end sheet as a table, an Excel file and a Word document."""

from __future__ import annotations

import io

import pandas as pd

from analytics import formats
from analytics.labels import text
from analytics.statuses import APPRAISAL_RATINGS


def sheet_table(sheet: pd.DataFrame, year: int, language: str = "vi") -> pd.DataFrame:
    """The sheet with headers and values as people read them."""
    index = 0 if language == "vi" else 1
    return pd.DataFrame(
        {
            text("task_code", language): sheet["code"],
            text("task_title", language): sheet["title"],
            text("period", language): sheet["period_label"],
            text("status_at_year_end", language, year=year): [
                text(s, language) if isinstance(s, str) else "–" for s in sheet["status"]
            ],
            text("progress", language) + " (%)": sheet["progress"].round(1),
            text("rating", language): [
                APPRAISAL_RATINGS[r][index]
                if isinstance(r, str)
                else text("not_appraised", language)
                for r in sheet["rating"]
            ],
            text("appraiser", language): sheet["appraiser"].fillna(""),
            text("appraised_on", language): [
                formats.day(pd.Timestamp(d).date()) if pd.notna(d) else ""
                for d in sheet["appraised_on"]
            ],
            text("comment", language): sheet["comment"].fillna(""),
        }
    )


def sheet_docx(table: pd.DataFrame, official: str, year: int, language: str = "vi") -> bytes:
    """A Word document: a title in the administrative style and the sheet as a table."""
    from docx import Document
    from docx.enum.section import WD_ORIENT
    from docx.shared import Pt

    document = Document()
    section = document.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = section.page_height, section.page_width
    style = document.styles["Normal"]
    style.font.name = "Times New Roman"
    style.font.size = Pt(12)
    if language == "vi":
        heading = f"PHIẾU ĐÁNH GIÁ KẾT QUẢ THỰC HIỆN NHIỆM VỤ ĐỘT PHÁ, ĐỔI MỚI NĂM {year}"
        who = f"Người thực hiện: {official}"
    else:
        heading = f"YEAR-END APPRAISAL OF BREAKTHROUGH TASKS, {year}"
        who = f"Official: {official}"
    title = document.add_paragraph()
    title.alignment = 1
    run = title.add_run(heading)
    run.bold = True
    run.font.size = Pt(14)
    document.add_paragraph(who)
    grid = document.add_table(rows=1, cols=len(table.columns))
    grid.style = "Table Grid"
    for cell, name in zip(grid.rows[0].cells, table.columns, strict=True):
        cell.text = str(name)
        for paragraph in cell.paragraphs:
            for piece in paragraph.runs:
                piece.bold = True
    for row in table.itertuples(index=False):
        cells = grid.add_row().cells
        for cell, value in zip(cells, row, strict=True):
            cell.text = "" if value is None else str(value)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
