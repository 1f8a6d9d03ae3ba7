"""The meeting report of a period compares with the previous period of the same kind and
says which, in the PDF and the DOCX alike.

The figures are worked by hand in tests/test_overview_periods.py (the reasoning is
written out there); here they are read from the files as Vietnamese writes them.
"""

from __future__ import annotations

from datetime import date

import duckdb
import pytest

from analytics.filters import Filters
from analytics.periods import Choice
from analytics.report.content import build_content
from analytics.report.pdf import render_pdf
from analytics.report.source import collect
from analytics.report.word import render_docx
from tests.report.conftest import TODAY, docx_text, pdf_text

CASES = {
    "quarter": (
        Choice(date_from=date(2026, 7, 1), date_to=date(2026, 9, 30)),
        [
            "Kỳ báo cáo: Quý III/2026 (01/07/2026 – 30/09/2026)",
            "Số liệu tính đến ngày 30/09/2026; mức thay đổi so với Quý II/2026 "
            "(01/04/2026 – 30/06/2026), kỳ liền trước cùng loại.",
            "Thay đổi so với Quý II/2026",
            # 11 term tasks both quarters; done 3/11 on 30/09, 2/11 on 30/06/2026.
            "Tổng số nhiệm vụ 11 0",
            "Tỷ lệ hoàn thành 27,3 % +9,1 điểm %",
            "Tỷ lệ đúng hạn 100,0 % 0,0 điểm %",
            "Quá hạn 0 0",
            "Có nguy cơ chậm 6 0",
        ],
    ),
    "year": (
        Choice(date_from=date(2025, 1, 1), date_to=date(2025, 12, 31)),
        [
            "Kỳ báo cáo: Năm 2025 (01/01/2025 – 31/12/2025)",
            "Số liệu tính đến ngày 31/12/2025; mức thay đổi so với Năm 2024 "
            "(01/01/2024 – 31/12/2024), kỳ liền trước cùng loại.",
            "Thay đổi so với Năm 2024",
            # 17 phase and term tasks both years; done 4/17 end 2025, 1/17 end 2024.
            "Tổng số nhiệm vụ 17 0",
            "Tỷ lệ hoàn thành 23,5 % +17,6 điểm %",
            "Tỷ lệ đúng hạn 100,0 % 0,0 điểm %",
            "Quá hạn 0 0",
            "Có nguy cơ chậm 12 0",
        ],
    ),
    "range": (
        Choice(date_from=date(2025, 11, 15), date_to=date(2026, 2, 14)),
        [
            "Kỳ báo cáo: 15/11/2025 – 14/02/2026",
            "Số liệu tính đến ngày 14/02/2026; mức thay đổi so với 15/08/2025 – 14/11/2025, "
            "kỳ liền trước cùng loại.",
            "Thay đổi so với 15/08/2025 – 14/11/2025",
            # On 14/02/2026: 4/17 done, 3 overdue, on time 4/7; on 14/11/2025: 2/17, 0, 2/2.
            "Tổng số nhiệm vụ 17 0",
            "Tỷ lệ hoàn thành 23,5 % +11,8 điểm %",
            "Tỷ lệ đúng hạn 57,1 % -42,9 điểm %",
            "Quá hạn 3 +3",
            "Có nguy cơ chậm 9 -3",
        ],
    ),
}


@pytest.fixture(scope="module")
def files(demo_db) -> dict[str, tuple[bytes, bytes]]:
    """Each case's report as (PDF, DOCX), without chart images (the text is the test)."""
    con = duckdb.connect(str(demo_db), read_only=True)
    try:
        made = {}
        for kind, (choice, _) in CASES.items():
            content = build_content(collect(con, choice, Filters(), "vi", today=TODAY), [])
            made[kind] = (render_pdf(content), render_docx(content))
        return made
    finally:
        con.close()


@pytest.mark.parametrize("fmt", ["pdf", "docx"])
@pytest.mark.parametrize("kind", CASES)
def test_the_report_compares_with_the_previous_period_of_the_same_kind(files, kind, fmt):
    pdf, docx = files[kind]
    shown = pdf_text(pdf) if fmt == "pdf" else docx_text(docx)
    for line in CASES[kind][1]:
        assert line in shown, line
