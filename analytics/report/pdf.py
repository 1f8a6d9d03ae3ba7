"""The report as PDF, with fpdf2: A4 portrait, administrative header, fonts embedded.

fpdf2 is pure Python, embeds a subset of each TrueType font it uses (so Vietnamese
shows on a machine without the font and text can be searched and copied), and has
tables with repeated headers across pages.
"""

from __future__ import annotations

import io

from fpdf import FPDF
from fpdf.fonts import FontFace

from analytics.report.content import Block, Report, Table, method_lines
from analytics.report.fonts import FontSet, find_fonts

MARGIN_LEFT, MARGIN_RIGHT, MARGIN_TOP, MARGIN_BOTTOM = 25, 15, 15, 16  # mm
SERIF, SANS = "NotoSerif", "NotoSans"
TEXT_SIZE = 11.5
GREY = (90, 90, 90)
HEADER_FILL = (232, 236, 241)


class _Document(FPDF):
    def __init__(self, report: Report, fonts: FontSet) -> None:
        super().__init__(orientation="P", unit="mm", format="A4")
        self.report = report
        for family, files in ((SERIF, fonts.serif), (SANS, fonts.sans)):
            for style, path in files.items():
                self.add_font(family, style, str(path))
        self.set_margins(MARGIN_LEFT, MARGIN_TOP, MARGIN_RIGHT)
        self.set_auto_page_break(True, MARGIN_BOTTOM)
        self.set_title(f"{report.kind} {report.subject}")
        self.set_lang("vi" if report.language == "vi" else "en")
        self.set_creator("Nhiệm vụ đột phá, đổi mới — HĐND tỉnh")

    def footer(self) -> None:
        self.set_y(-11)
        self.set_font(SANS, "", 7.5)
        self.set_text_color(*GREY)
        self.cell(self.epw * 0.75, 5, self.report.footer, align="L")
        words = self.report.page_words.format(page=self.page_no(), pages="{nb}")
        self.cell(self.epw * 0.25, 5, words, align="R")
        self.set_text_color(0, 0, 0)


def render_pdf(report: Report) -> bytes:
    """The PDF bytes of ``report``."""
    pdf = _Document(report, find_fonts())
    pdf.add_page()
    _title(pdf, report)
    blocks = report.blocks
    for i, block in enumerate(blocks):
        if block.kind == "heading":  # never the last line of a page
            _room(pdf, 14 + _start_height(pdf, blocks[i + 1] if i + 1 < len(blocks) else None))
        _block(pdf, block, report)
    return bytes(pdf.output())


def _start_height(pdf: FPDF, block: Block | None) -> float:
    """Height (mm) of the start of ``block`` that must stay with the heading before it."""
    if block is None:
        return 0
    if block.kind == "chart" and block.chart is not None:
        return pdf.epw * block.chart.height / block.chart.width
    if block.kind in ("table", "method"):
        return 25
    return 14


def _title(pdf: FPDF, report: Report) -> None:
    top = pdf.get_y()
    left_w, right_w = 68, pdf.epw - 68
    x_left, x_right = pdf.l_margin, pdf.l_margin + left_w
    # Top left: the issuing body, its unit in bold, a short rule, the number.
    pdf.set_xy(x_left, top)
    pdf.set_font(SERIF, "", 10.5)
    pdf.cell(left_w, 5, report.org[0], align="C", new_x="LEFT", new_y="NEXT")
    pdf.set_font(SERIF, "B", 10.5)
    pdf.cell(left_w, 5, report.org[1], align="C", new_x="LEFT", new_y="NEXT")
    _rule(pdf, x_left + left_w / 2, pdf.get_y() + 0.6, 18)
    pdf.set_xy(x_left, pdf.get_y() + 3)
    pdf.set_font(SERIF, "", 10.5)
    pdf.cell(left_w, 5, report.number, align="C")
    # Top right: the national name and motto, a rule, the place and date.
    pdf.set_xy(x_right, top)
    pdf.set_font(SERIF, "B", 10.5)
    pdf.cell(right_w, 5, report.nation[0], align="C", new_x="LEFT", new_y="NEXT")
    pdf.set_font(SERIF, "B", 11)
    pdf.cell(right_w, 5, report.nation[1], align="C", new_x="LEFT", new_y="NEXT")
    motto_w = pdf.get_string_width(report.nation[1])
    _rule(pdf, x_right + right_w / 2, pdf.get_y() + 0.6, motto_w)
    pdf.set_xy(x_right, pdf.get_y() + 3)
    pdf.set_font(SERIF, "I", 10.5)
    pdf.cell(right_w, 5, report.place_date, align="C")
    # The title, centred.
    pdf.set_xy(pdf.l_margin, top + 27)
    pdf.set_font(SERIF, "B", 14)
    pdf.cell(pdf.epw, 7, report.kind, align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(SERIF, "B", 12.5)
    pdf.multi_cell(pdf.epw, 6, report.subject, align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(SERIF, "I", 11.5)
    pdf.multi_cell(pdf.epw, 6, report.period, align="C", new_x="LMARGIN", new_y="NEXT")
    _rule(pdf, pdf.l_margin + pdf.epw / 2, pdf.get_y() + 1.5, 40)
    pdf.ln(6)


def _rule(pdf: FPDF, centre: float, y: float, width: float) -> None:
    pdf.set_line_width(0.3)
    pdf.line(centre - width / 2, y, centre + width / 2, y)


def _block(pdf: FPDF, block: Block, report: Report) -> None:
    if block.kind == "heading":
        pdf.ln(2.5)
        pdf.set_font(SERIF, "B", 12.5)
        pdf.multi_cell(pdf.epw, 6.5, block.text, new_x="LMARGIN", new_y="NEXT")
        pdf.ln(1)
    elif block.kind == "paragraph":
        pdf.set_font(SERIF, "", TEXT_SIZE)
        pdf.multi_cell(pdf.epw, 6, block.text, align="J", new_x="LMARGIN", new_y="NEXT")
        pdf.ln(1)
    elif block.kind == "note":
        pdf.set_font(SANS, "", 8)
        pdf.set_text_color(*GREY)
        pdf.multi_cell(pdf.epw, 4, block.text, new_x="LMARGIN", new_y="NEXT")
        pdf.set_text_color(0, 0, 0)
        pdf.ln(1.5)
    elif block.kind == "table" and block.table is not None:
        _table(pdf, block.table)
    elif block.kind == "chart" and block.chart is not None:
        height = pdf.epw * block.chart.height / block.chart.width
        _room(pdf, height + 2)
        pdf.image(io.BytesIO(block.chart.png), x=pdf.l_margin, w=pdf.epw, h=height)
        pdf.ln(3)
    elif block.kind == "method":
        _method(pdf, block)
    elif block.kind == "signature":
        _signature(pdf, report)
    elif block.kind == "page_break":
        pdf.add_page()


def _room(pdf: FPDF, height: float) -> None:
    """Start a new page when less than ``height`` mm is left on this one."""
    if pdf.get_y() + height > pdf.page_break_trigger:
        pdf.add_page()


def _table(pdf: FPDF, table: Table) -> None:
    total = sum(table.widths)
    widths = [pdf.epw * w / total for w in table.widths]
    _room(pdf, 25)
    pdf.set_font(SANS, "", table.font_size)
    line = table.font_size * 0.52
    bold = FontFace(emphasis="BOLD", fill_color=HEADER_FILL)
    with pdf.table(
        col_widths=widths,
        width=pdf.epw,
        text_align=tuple(table.align),
        line_height=line,
        padding=(1.0, 1.2, 1.0, 1.2),
        align="LEFT",
        headings_style=bold,
        borders_layout="ALL",
        repeat_headings=1,
        v_align="M",
    ) as grid:
        header = grid.row()
        for cell in table.header:
            header.cell(cell, align="C")
        last = len(table.rows) - 1
        for i, cells in enumerate(table.rows):
            row = grid.row()
            style = FontFace(emphasis="BOLD") if table.total and i == last else None
            for cell in cells:
                row.cell(cell, style=style)
    pdf.ln(3)


def _method(pdf: FPDF, block: Block) -> None:
    _room(pdf, 18)
    pdf.set_font(SERIF, "B", TEXT_SIZE)
    pdf.multi_cell(pdf.epw, 6, block.text, new_x="LMARGIN", new_y="NEXT")
    height = 5.6
    for bullet, runs in method_lines(block.body):
        left = pdf.l_margin
        indent = 6 if bullet else 0
        pdf.set_x(left)
        if bullet:
            pdf.set_font(SERIF, "", TEXT_SIZE - 0.5)
            pdf.cell(indent, height, "•", align="C")
        pdf.set_left_margin(left + indent)
        for run, is_bold, is_italic in runs:
            style = ("B" if is_bold else "") + ("I" if is_italic else "")
            pdf.set_font(SERIF, style, TEXT_SIZE - 0.5)
            pdf.write(height, run)
        pdf.set_left_margin(left)
        pdf.ln(height)
    pdf.ln(2)


def _signature(pdf: FPDF, report: Report) -> None:
    _room(pdf, 42)
    pdf.ln(4)
    top = pdf.get_y()
    left_w = pdf.epw * 0.45
    pdf.set_font(SERIF, "BI", 10)
    pdf.cell(left_w, 5, report.recipients[0], new_x="LEFT", new_y="NEXT")
    pdf.set_font(SERIF, "", 9.5)
    for line in report.recipients[1:]:
        pdf.cell(left_w, 4.6, line, new_x="LEFT", new_y="NEXT")
    bottom = pdf.get_y()
    pdf.set_xy(pdf.l_margin + left_w, top)
    pdf.set_font(SERIF, "B", 11)
    pdf.cell(pdf.epw - left_w, 5.5, report.signer[0], align="C", new_x="LEFT", new_y="NEXT")
    pdf.set_font(SERIF, "I", 10)
    pdf.cell(pdf.epw - left_w, 5, report.signer[1], align="C", new_x="LEFT", new_y="NEXT")
    pdf.set_xy(pdf.l_margin, max(bottom, pdf.get_y()) + 22)
