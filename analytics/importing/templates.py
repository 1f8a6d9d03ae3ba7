"""Blank import templates: CSV (UTF-8 with BOM) and XLSX, for each kind of file.

The CSV holds the Vietnamese display headers only. The XLSX has the header row
(bold, frozen), column widths, cell formats (codes as text, so ``007`` stays
``007``; dates as dd/mm/yyyy), drop-down lists for the fixed choices, and one
example row to overwrite. ``python -m analytics templates`` writes them all to
``data/templates/``; the upload page offers the same bytes.
"""

from __future__ import annotations

import csv
import io
from datetime import date, datetime
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from analytics import reference_data
from analytics.importing.headers import APPRAISAL, COLUMNS, KINDS, PROGRESS, TASKS
from analytics.importing.validate import RATINGS
from analytics.statuses import ASSIGNMENT_STATES, REPORT_STATUSES
from analytics.store.connection import PROJECT_ROOT

TEMPLATE_DIR = PROJECT_ROOT / "data" / "templates"
FORMATS = ("csv", "xlsx")
FILE_STEMS = {TASKS: "mau_nhiem_vu", PROGRESS: "mau_tien_do", APPRAISAL: "mau_danh_gia"}
_FIXED_TIME = datetime(2026, 1, 1)  # file properties, so regenerating changes nothing

# One example row per kind, by column name. The code "VD-001" (ví dụ) is meant to be
# replaced: a progress or appraisal row naming it is rejected until that task exists.
EXAMPLES: dict[str, dict[str, object]] = {
    TASKS: {
        "ma_nhiem_vu": "VD-001",
        "ten_nhiem_vu": "Nâng cao chất lượng giám sát chuyên đề của Ban",
        "co_quan": "Ban Kinh tế - Ngân sách",
        "chuc_danh": "Trưởng ban",
        "nguoi_thuc_hien": "Trưởng Ban Kinh tế - Ngân sách",
        "linh_vuc": "Giám sát",
        "cap_giao": "Ban Thường vụ Tỉnh ủy",
        "ky": "2026",
        "ngay_giao": date(2026, 1, 15),
        "han_hoan_thanh": date(2026, 12, 31),
        "mo_ta": "Tổ chức giám sát chuyên đề theo kế hoạch năm",
        "chi_tieu": "Ít nhất 2 cuộc giám sát",
        "trang_thai_giao": "Đã giao",
    },
    PROGRESS: {
        "ma_nhiem_vu": "VD-001",
        "ngay_bao_cao": date(2026, 3, 31),
        "tien_do": 45.5,
        "trang_thai": "Đang thực hiện",
        "ghi_chu": "Đã ban hành kế hoạch, đang khảo sát",
        "nguoi_bao_cao": "Phòng Tổng hợp",
        "minh_chung": "Báo cáo số 12/BC-VP",
    },
    APPRAISAL: {
        "ma_nhiem_vu": "VD-001",
        "nam": 2026,
        "muc_danh_gia": "Hoàn thành tốt",
        "nguoi_danh_gia": "Thường trực HĐND tỉnh",
        "ngay_danh_gia": date(2026, 12, 20),
        "nhan_xet": "Hoàn thành đúng tiến độ",
    },
}

_WIDTHS = {
    "ma_nhiem_vu": 14, "ten_nhiem_vu": 50, "co_quan": 30, "chuc_danh": 22,
    "nguoi_thuc_hien": 30, "linh_vuc": 22, "cap_giao": 24, "ky": 12, "ngay_giao": 14,
    "han_hoan_thanh": 16, "mo_ta": 40, "chi_tieu": 30, "trang_thai_giao": 16,
    "ngay_bao_cao": 14, "tien_do": 12, "trang_thai": 18, "ghi_chu": 40,
    "nguoi_bao_cao": 22, "minh_chung": 26, "nam": 8, "muc_danh_gia": 22,
    "nguoi_danh_gia": 26, "ngay_danh_gia": 14, "nhan_xet": 40,
}  # fmt: skip
_DATES = {"ngay_giao", "han_hoan_thanh", "ngay_bao_cao", "ngay_danh_gia"}
_TEXT = {"ma_nhiem_vu", "ky"}  # typed as text so Excel keeps leading zeros and dashes


def _choices() -> dict[str, list[str]]:
    return {
        "co_quan": [b.name_vi for b in reference_data.BODIES],
        "linh_vuc": [a.name_vi for a in reference_data.AREAS],
        "trang_thai": [vi for vi, _ in REPORT_STATUSES.values()],
        "trang_thai_giao": [vi for vi, _ in ASSIGNMENT_STATES.values()],
        "muc_danh_gia": [names[0] for names in RATINGS.values()],
    }


def csv_template(kind: str) -> bytes:
    """The CSV template: UTF-8 with BOM, ``,``-separated Vietnamese display headers."""
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerow([c.display_vi for c in COLUMNS[kind]])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def xlsx_template(kind: str) -> bytes:
    """The XLSX template: header row, widths, formats, drop-down lists, one example row."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = {TASKS: "Nhiệm vụ", PROGRESS: "Tiến độ", APPRAISAL: "Đánh giá"}[kind]
    columns = COLUMNS[kind]
    header_fill = PatternFill("solid", fgColor="DDEBF7")
    choices = _choices()
    lists = workbook.create_sheet("Danh mục")
    list_column = 0
    for i, col in enumerate(columns, start=1):
        letter = get_column_letter(i)
        head = sheet.cell(row=1, column=i, value=col.display_vi)
        head.font = Font(bold=True)
        head.fill = header_fill
        head.alignment = Alignment(vertical="center", wrap_text=True)
        sheet.column_dimensions[letter].width = _WIDTHS.get(col.name, 18)
        example = sheet.cell(row=2, column=i, value=EXAMPLES[kind].get(col.name))
        if col.name in _DATES:
            example.number_format = "dd/mm/yyyy"
        elif col.name in _TEXT:
            example.number_format = "@"
        if col.name in choices:
            list_column += 1
            list_letter = get_column_letter(list_column)
            lists.cell(row=1, column=list_column, value=col.display_vi).font = Font(bold=True)
            for j, choice in enumerate(choices[col.name], start=2):
                lists.cell(row=j, column=list_column, value=choice)
            lists.column_dimensions[list_letter].width = 34
            last = len(choices[col.name]) + 1
            validation = DataValidation(
                type="list",
                formula1=f"='Danh mục'!${list_letter}$2:${list_letter}${last}",
                allow_blank=True,
                showErrorMessage=False,  # a code typed by hand is fine too
            )
            sheet.add_data_validation(validation)
            validation.add(f"{letter}2:{letter}10000")
    sheet.freeze_panes = "A2"
    sheet.row_dimensions[1].height = 30
    workbook.properties.creator = "HĐND tỉnh"
    workbook.properties.created = _FIXED_TIME
    workbook.properties.modified = _FIXED_TIME
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def template_bytes(kind: str, fmt: str) -> bytes:
    """The template of ``kind`` (tasks, progress, appraisal) as ``csv`` or ``xlsx`` bytes."""
    return csv_template(kind) if fmt == "csv" else xlsx_template(kind)


def template_name(kind: str, fmt: str) -> str:
    """The file name of a template, e.g. ``mau_tien_do.xlsx``."""
    return f"{FILE_STEMS[kind]}.{fmt}"


def write_templates(directory: Path = TEMPLATE_DIR) -> list[Path]:
    """Write every template into ``directory``; return the paths written."""
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    for kind in KINDS:
        for fmt in FORMATS:
            path = directory / template_name(kind, fmt)
            path.write_bytes(template_bytes(kind, fmt))
            written.append(path)
    return written
