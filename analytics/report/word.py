"""The report as DOCX, with python-docx, for offices that edit reports in Word.

Times New Roman (the administrative standard, with every Vietnamese glyph on any
office computer), A4, the national header as a borderless two-column table, real
Word headings, tables with a repeated header row, charts as pictures, and page
numbers as fields.
"""

from __future__ import annotations

import io

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor
from docx.table import Table as DocxTable
from docx.text.paragraph import Paragraph

from analytics.report.content import Block, Report, Table, method_lines

FONT = "Times New Roman"
TEXT_SIZE = 13
MARGINS_CM = {"left": 2.5, "right": 1.5, "top": 1.5, "bottom": 1.6}
GREY = RGBColor(0x5A, 0x5A, 0x5A)
HEADER_FILL = "E8ECF1"
ALIGN = {"L": WD_ALIGN_PARAGRAPH.LEFT, "R": WD_ALIGN_PARAGRAPH.RIGHT,
         "C": WD_ALIGN_PARAGRAPH.CENTER}  # fmt: skip


def render_docx(report: Report) -> bytes:
    """The DOCX bytes of ``report``."""
    doc = Document()
    _page(doc)
    _styles(doc)
    _footer(doc, report)
    _title(doc, report)
    width = _content_width(doc)
    for block in report.blocks:
        _block(doc, block, report, width)
    doc.core_properties.title = f"{report.kind} {report.subject}"
    doc.core_properties.language = "vi-VN" if report.language == "vi" else "en-GB"
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def _page(doc: Document) -> None:
    section = doc.sections[0]
    section.page_width, section.page_height = Cm(21.0), Cm(29.7)
    section.left_margin = Cm(MARGINS_CM["left"])
    section.right_margin = Cm(MARGINS_CM["right"])
    section.top_margin = Cm(MARGINS_CM["top"])
    section.bottom_margin = Cm(MARGINS_CM["bottom"])


def _content_width(doc: Document) -> int:
    section = doc.sections[0]
    return section.page_width - section.left_margin - section.right_margin


def _font(style_or_run: object, size: float | None = None) -> None:
    font = style_or_run.font
    font.name = FONT
    if size is not None:
        font.size = Pt(size)
    element = style_or_run.element
    properties = element.get_or_add_rPr()
    fonts = properties.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        properties.insert(0, fonts)
    for attribute in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attribute), FONT)
    for attribute in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(attribute), None)  # a theme font would win over the one named


def _styles(doc: Document) -> None:
    normal = doc.styles["Normal"]
    _font(normal, TEXT_SIZE)
    normal.paragraph_format.space_after = Pt(4)
    normal.paragraph_format.line_spacing = 1.1
    heading = doc.styles["Heading 1"]
    _font(heading, TEXT_SIZE)
    heading.font.bold = True
    heading.font.color.rgb = RGBColor(0, 0, 0)
    heading.paragraph_format.space_before = Pt(12)
    heading.paragraph_format.space_after = Pt(6)
    heading.paragraph_format.keep_with_next = True
    for name in ("List Bullet", "Table Grid"):
        _font(doc.styles[name])


def _footer(doc: Document, report: Report) -> None:
    paragraph = doc.sections[0].footer.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    before, _, rest = report.page_words.partition("{page}")
    middle, _, after = rest.partition("{pages}")
    _run(paragraph, report.footer + "    ", size=8, colour=GREY)
    _run(paragraph, before, size=8, colour=GREY)
    _field(paragraph, "PAGE", 8)
    _run(paragraph, middle, size=8, colour=GREY)
    _field(paragraph, "NUMPAGES", 8)
    _run(paragraph, after, size=8, colour=GREY)


def _field(paragraph: Paragraph, code: str, size: float) -> None:
    """A field Word fills in (the page number, the page count)."""
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), code)
    run = OxmlElement("w:r")
    properties = OxmlElement("w:rPr")
    half_points = OxmlElement("w:sz")
    half_points.set(qn("w:val"), str(int(size * 2)))
    properties.append(half_points)
    run.append(properties)
    value = OxmlElement("w:t")
    value.text = "1"
    run.append(value)
    field.append(run)
    paragraph._p.append(field)


def _run(
    paragraph: Paragraph,
    words: str,
    *,
    bold: bool = False,
    italic: bool = False,
    size: float | None = None,
    colour: RGBColor | None = None,
    underline: bool = False,
) -> None:
    run = paragraph.add_run(words)
    # None, not False: a run inherits its style's emphasis (a heading stays bold).
    run.bold, run.italic, run.underline = bold or None, italic or None, underline or None
    if size is not None:
        run.font.size = Pt(size)
    if colour is not None:
        run.font.color.rgb = colour


def _paragraph(
    container: object, words: str = "", *, align: str = "L", size: float | None = None,
    bold: bool = False, italic: bool = False, underline: bool = False, after: float = 0,
) -> Paragraph:  # fmt: skip
    paragraph = container.add_paragraph()
    paragraph.alignment = ALIGN[align]
    paragraph.paragraph_format.space_after = Pt(after)
    if words:
        _run(paragraph, words, bold=bold, italic=italic, size=size, underline=underline)
    return paragraph


def _title(doc: Document, report: Report) -> None:
    width = _content_width(doc)
    grid = doc.add_table(rows=1, cols=2)
    grid.autofit = False
    left, right = grid.rows[0].cells
    _widths(grid, [int(width * 0.4), width - int(width * 0.4)])
    left.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    _run(left.paragraphs[0], report.org[0], size=12)
    _paragraph(left, report.org[1], align="C", size=12, bold=True, underline=True, after=6)
    _paragraph(left, report.number, align="C", size=12)
    right.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    _run(right.paragraphs[0], report.nation[0], bold=True, size=12)
    _paragraph(right, report.nation[1], align="C", size=13, bold=True, underline=True, after=6)
    _paragraph(right, report.place_date, align="C", size=13, italic=True)
    _paragraph(doc, after=6)
    _paragraph(doc, report.kind, align="C", size=14, bold=True)
    _paragraph(doc, report.subject, align="C", size=14, bold=True)
    _paragraph(doc, report.period, align="C", size=13, italic=True, after=12)


def _block(doc: Document, block: Block, report: Report, width: int) -> None:
    if block.kind == "heading":
        heading = doc.add_paragraph(style="Heading 1")
        _run(heading, block.text)
    elif block.kind == "paragraph":
        paragraph = _paragraph(doc, block.text, align="L", after=6)
        paragraph.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        paragraph.paragraph_format.first_line_indent = Cm(1)
    elif block.kind == "note":
        _paragraph(doc, block.text, size=9, italic=True, after=6).runs[0].font.color.rgb = GREY
    elif block.kind == "table" and block.table is not None:
        _table(doc, block.table, width)
    elif block.kind == "chart" and block.chart is not None:
        doc.add_picture(io.BytesIO(block.chart.png), width=width)
        doc.paragraphs[-1].alignment = WD_ALIGN_PARAGRAPH.CENTER
    elif block.kind == "method":
        _paragraph(doc, block.text, bold=True, after=2).paragraph_format.keep_with_next = True
        for bullet, runs in method_lines(block.body):
            paragraph = doc.add_paragraph(style="List Bullet" if bullet else None)
            paragraph.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
            for words, bold, italic in runs:
                _run(paragraph, words, bold=bold, italic=italic, size=12)
    elif block.kind == "signature":
        _signature(doc, report, width)
    elif block.kind == "page_break":
        doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)


def _widths(grid: DocxTable, widths: list[int]) -> None:
    for row in grid.rows:
        for cell, width in zip(row.cells, widths, strict=True):
            cell.width = width
    for column, width in zip(grid.columns, widths, strict=True):
        column.width = width


def _shade(cell: object, fill: str) -> None:
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), fill)
    cell._tc.get_or_add_tcPr().append(shading)


def _repeat_header(row: object) -> None:
    properties = row._tr.get_or_add_trPr()
    marker = OxmlElement("w:tblHeader")
    marker.set(qn("w:val"), "true")
    properties.append(marker)


def _table(doc: Document, table: Table, width: int) -> None:
    grid = doc.add_table(rows=1 + len(table.rows), cols=len(table.header))
    grid.style = doc.styles["Table Grid"]
    grid.alignment = WD_TABLE_ALIGNMENT.CENTER
    grid.autofit = False
    total = sum(table.widths)
    _widths(grid, [int(width * w / total) for w in table.widths])
    size = table.font_size + 1  # Times reads smaller than the PDF's Noto Sans
    header = grid.rows[0]
    _repeat_header(header)
    for cell, words in zip(header.cells, table.header, strict=True):
        _shade(cell, HEADER_FILL)
        cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
        _run(cell.paragraphs[0], words, bold=True, size=size)
    last = len(table.rows) - 1
    for i, (row, cells) in enumerate(zip(grid.rows[1:], table.rows, strict=True)):
        bold = table.total and i == last
        for cell, words, align in zip(row.cells, cells, table.align, strict=True):
            paragraph = cell.paragraphs[0]
            paragraph.alignment = ALIGN[align]
            paragraph.paragraph_format.space_after = Pt(0)
            _run(paragraph, words, bold=bold, size=size)
    _paragraph(doc, after=4)


def _signature(doc: Document, report: Report, width: int) -> None:
    _paragraph(doc, after=6)
    grid = doc.add_table(rows=1, cols=2)
    grid.autofit = False
    _widths(grid, [int(width * 0.45), width - int(width * 0.45)])
    left, right = grid.rows[0].cells
    _run(left.paragraphs[0], report.recipients[0], bold=True, italic=True, size=12)
    for line in report.recipients[1:]:
        _paragraph(left, line, size=11)
    right.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    _run(right.paragraphs[0], report.signer[0], bold=True, size=13)
    _paragraph(right, report.signer[1], align="C", size=12, italic=True)
