"""The meeting report: the figures of ``summary``, in Vietnamese, in the PDF and the DOCX."""

from __future__ import annotations

import io
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

import pytest

from analytics import summary
from analytics.early_warning import early_warning
from analytics.reference_data import BODIES
from tests.report.conftest import TODAY, WINDOW, docx_text, need_charts, pdf_text


def percent(numerator: int, denominator: int) -> str:
    """A rate as a person writes it from the counts: 23/34 -> '67,6 %' (half up)."""
    value = Decimal(Fraction(numerator * 100, denominator).numerator) / Decimal(
        Fraction(numerator * 100, denominator).denominator
    )
    shown = value.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    return f"{shown}".replace(".", ",") + " %"


def test_percent_helper_rounds_as_a_person_does():
    assert percent(23, 34) == "67,6 %"
    assert percent(1, 3) == "33,3 %"
    assert percent(2, 3) == "66,7 %"


@pytest.fixture(scope="module")
def expected(demo_db) -> dict[str, str]:
    """The headline figures of ``summary`` over the same window, written as the report must."""
    row = summary(demo_db, "all", date_from=WINDOW.date_from, date_to=WINDOW.date_to,
                  today=TODAY).iloc[0]  # fmt: skip
    done = int(row["hoan_thanh_dung_han"] + row["hoan_thanh_qua_han"])
    due = done + int(row["qua_han"])
    warnings = early_warning(demo_db, WINDOW.date_to)
    return {
        "tasks": str(int(row["tasks"])),
        "done": str(done),
        "completion": percent(done, int(row["tasks"])),
        "on_time": percent(int(row["hoan_thanh_dung_han"]), due),
        "overdue": str(int(row["qua_han"])),
        "at_risk": str(int(warnings["nguy_co"].sum())),
        "on_time_count": str(int(row["hoan_thanh_dung_han"])),
        "late_count": str(int(row["hoan_thanh_qua_han"])),
        "extended": str(int(row["extended"])),
    }


def headline_lines(e: dict[str, str]) -> list[str]:
    return [
        f"trong {e['tasks']} nhiệm vụ thuộc phạm vi báo cáo có {e['done']} nhiệm vụ đã hoàn "
        f"thành (tỷ lệ hoàn thành {e['completion']}), trong đó {e['on_time_count']} nhiệm vụ "
        f"hoàn thành đúng hạn; {e['overdue']} nhiệm vụ quá hạn; {e['at_risk']} nhiệm vụ có "
        "nguy cơ chậm",
        f"Tổng số nhiệm vụ {e['tasks']}",
        f"Tỷ lệ hoàn thành {e['completion']}",
        f"Tỷ lệ đúng hạn {e['on_time']}",
        f"Quá hạn {e['overdue']}",
        f"Có nguy cơ chậm {e['at_risk']}",
        f"Hoàn thành đúng hạn {e['on_time_count']}",
        f"Hoàn thành quá hạn {e['late_count']}",
        f"Được gia hạn {e['extended']}",
    ]


TITLE = [
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    "Độc lập - Tự do - Hạnh phúc",
    "BÁO CÁO",
    "Kết quả thực hiện nhiệm vụ đột phá, đổi mới",
    "Kỳ báo cáo: Giai đoạn 2021–2025 (01/01/2021 – 31/12/2025)",
    # A window compares with the window of the same length just before it: the 60 months
    # before the phase 2021-2025 are 2016-2020 (tasks start in 2021, so no change shows).
    "Số liệu tính đến ngày 31/12/2025; mức thay đổi so với 01/01/2016 – 31/12/2020, kỳ liền "
    "trước cùng loại.",
    "Thay đổi so với 01/01/2016 – 31/12/2020",
    "Phạm vi: tất cả nhiệm vụ đã giao.",
    "III. Kết quả theo cơ quan",
    "IV. Kết quả theo lĩnh vực",
    "V. Nhiệm vụ quá hạn và có nguy cơ chậm",
    "Phụ lục: Cách tính số liệu",
    "Tỷ lệ hoàn thành = (hoàn thành đúng hạn + hoàn thành quá hạn) / tổng số",
]


@pytest.mark.parametrize("kind", ["pdf", "docx"])
def test_the_report_shows_the_headline_figures_of_summary_in_vietnamese(made, expected, kind):
    shown = pdf_text(made.pdf) if kind == "pdf" else docx_text(made.docx)
    for line in headline_lines(expected) + TITLE:
        assert line in shown, line


@pytest.mark.parametrize("kind", ["pdf", "docx"])
def test_every_body_is_named_with_its_diacritics(made, demo_db, kind):
    shown = pdf_text(made.pdf) if kind == "pdf" else docx_text(made.docx)
    groups = summary(demo_db, "body", date_from=WINDOW.date_from, date_to=WINDOW.date_to,
                     today=TODAY)  # fmt: skip
    assert len(groups) == len(BODIES)  # every body has a task in the window
    for body in BODIES:
        assert body.name_vi in shown, body.name_vi
    for name in ("Thường trực HĐND tỉnh", "Ban Văn hóa - Xã hội", "Văn phòng Đoàn ĐBQH"):
        assert name in shown  # spelled out: ư, ờ, ự, Đ, ĐB, ă, ó, ã, ộ


def test_the_body_table_rows_carry_the_summary_figures(made, demo_db):
    shown = pdf_text(made.pdf)
    groups = summary(demo_db, "body", date_from=WINDOW.date_from, date_to=WINDOW.date_to,
                     today=TODAY)  # fmt: skip
    for g in groups.itertuples(index=False):
        done = g.hoan_thanh_dung_han + g.hoan_thanh_qua_han
        counts = (f"{g.tasks} {g.hoan_thanh_dung_han} {g.hoan_thanh_qua_han} "
                  f"{g.dang_thuc_hien} {g.chua_trien_khai} {g.qua_han} ")  # fmt: skip
        rate = percent(done, g.tasks).removesuffix(" %")
        assert counts + rate in shown, (g.label, counts + rate)


def test_the_pdf_has_the_four_charts_as_images(made):
    from pypdf import PdfReader

    need_charts(made.images)
    reader = PdfReader(io.BytesIO(made.pdf))
    images = [image for page in reader.pages for image in page.images]
    assert len(made.images) == 4
    assert len(images) == 4
    assert all(len(image.data) > 10_000 for image in images)


def test_the_docx_has_the_four_charts_as_pictures_and_real_headings(made):
    from docx import Document

    need_charts(made.images)
    doc = Document(io.BytesIO(made.docx))
    assert len(doc.inline_shapes) == 4
    headings = [p.text for p in doc.paragraphs if p.style.name == "Heading 1"]
    assert headings[0] == "I. Số liệu chính" and len(headings) == 6


def test_the_pdf_embeds_its_fonts(made):
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(made.pdf))
    fonts = set()
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            descriptor = font.get_object()["/DescendantFonts"][0].get_object()["/FontDescriptor"]
            assert "/FontFile2" in descriptor  # the glyphs travel with the file
            fonts.add(str(font.get_object()["/BaseFont"]))
    assert any("NotoSerif" in f for f in fonts) and any("NotoSans" in f for f in fonts)
