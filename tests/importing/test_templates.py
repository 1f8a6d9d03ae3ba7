"""The committed templates are what the code makes, and they import."""

from __future__ import annotations

import io

import pytest
from openpyxl import load_workbook

from analytics.importing import import_file
from analytics.importing.headers import KINDS, PROGRESS, TASKS
from analytics.importing.templates import TEMPLATE_DIR, template_bytes, template_name


def _cells(data: bytes) -> list[list[object]]:
    book = load_workbook(io.BytesIO(data))
    return [[c.value for c in row] for sheet in book.worksheets for row in sheet.iter_rows()]


@pytest.mark.parametrize("kind", KINDS)
def test_committed_templates_are_up_to_date(kind):
    csv_file = TEMPLATE_DIR / template_name(kind, "csv")
    assert csv_file.read_bytes() == template_bytes(kind, "csv")
    xlsx_file = TEMPLATE_DIR / template_name(kind, "xlsx")
    assert _cells(xlsx_file.read_bytes()) == _cells(template_bytes(kind, "xlsx"))


def test_csv_templates_carry_the_contract_display_headers():
    text = template_bytes(PROGRESS, "csv").decode("utf-8")
    assert text == (
        "\ufeffMã nhiệm vụ,Ngày báo cáo,Tiến độ (%),Trạng thái,Ghi chú,Người báo cáo,Minh chứng\r\n"
    )
    assert template_bytes(TASKS, "csv").decode("utf-8-sig").strip() == (
        "Mã nhiệm vụ,Tên nhiệm vụ,Cơ quan,Chức danh,Người thực hiện,Lĩnh vực,Cấp giao,Kỳ,"
        "Ngày giao,Hạn hoàn thành,Mô tả,Chỉ tiêu,Trạng thái giao"
    )


def test_the_xlsx_examples_import_in_order(demo):
    for kind in KINDS:  # tasks first: the others name its example task
        result = import_file(template_bytes(kind, "xlsx"), demo, file_name=f"{kind}.xlsx")
        assert result.ok and result.inserted == 1, (kind, result.errors)
    sheet = load_workbook(io.BytesIO(template_bytes(TASKS, "xlsx"))).worksheets[0]
    assert sheet.freeze_panes == "A2" and sheet.column_dimensions["B"].width == 50
