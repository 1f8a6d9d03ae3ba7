"""Every accepted form of file (CONTRACT.md section 3) is read the same way."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from analytics.importing import import_file
from tests.importing.helpers import (
    APPRAISAL_HEADER,
    PROGRESS_HEADER,
    TASKS_HEADER,
    csv_bytes,
    csv_text,
    errors_of,
    to_cp1258,
    xlsx_bytes,
)

TASK = "DP01-GD"  # a demo task, 15/07/2021 to 31/12/2025


def reports(con, code: str = TASK) -> pd.DataFrame:
    return con.execute(
        "SELECT p.report_date, p.progress, p.status, p.note, p.reporter, p.evidence "
        "FROM progress p JOIN tasks t ON t.id = p.task_id "
        "WHERE t.code = ? AND p.report_date > DATE '2026-01-01' ORDER BY 1",
        [code],
    ).df()


def test_bom_vietnamese_headers_semicolons_and_decimal_commas(demo):
    data = csv_bytes(
        [PROGRESS_HEADER,
         [TASK, "15/01/2026", "45,5", "Đang thực hiện", "Đã họp; đã khảo sát", "Phòng Tổng hợp",
          "BC 1"],
         [TASK, "15/02/2026", "100", "Hoàn thành", "", "", ""],
         [TASK, "15/03/2026", "60%", "", "", "", ""]],
        delimiter=";", bom=True,
    )  # fmt: skip
    result = import_file(data, demo, file_name="tien_do.csv", user="staff")
    assert result.to_json() == {
        "status": "ok", "import_id": 1, "kind": "progress", "rows": 3,
        "inserted": 3, "updated": 0, "unchanged": 0,
    }  # fmt: skip
    stored = reports(demo)
    assert stored["progress"].tolist() == [45.5, 100.0, 60.0]
    assert stored["status"].tolist() == ["dang_thuc_hien", "hoan_thanh", "dang_thuc_hien"]
    assert stored["note"].tolist()[0] == "Đã họp; đã khảo sát"
    assert stored["report_date"].dt.date.tolist() == [
        date(2026, 1, 15), date(2026, 2, 15), date(2026, 3, 15)]  # fmt: skip


def test_windows_1258_with_combining_tone_marks_is_read_as_nfc(demo):
    text = csv_text(
        [PROGRESS_HEADER, [TASK, "20/01/2026", "30", "Đang thực hiện", "Đã triển khai ứng dụng",
                           "Phòng Tổng hợp", ""]]
    )  # fmt: skip
    data = to_cp1258(text)
    assert "\u0301".encode("cp1258") in data  # the tone marks really are combining
    result = import_file(data, demo)
    assert result.ok, result.errors
    row = reports(demo).iloc[0]
    assert row["note"] == "Đã triển khai ứng dụng"
    assert row["reporter"] == "Phòng Tổng hợp"


def test_utf16_tab_separated_as_excel_unicode_text(demo):
    # Excel's "Unicode text": UTF-16 LE with BOM, tabs, CRLF, quotes only where needed.
    text = csv_text(
        [PROGRESS_HEADER,
         [TASK, "05/01/2026", "12,5", "", "ghi chú\tcó tab", "", ""],
         [TASK, "06/01/2026", "13", "", 'có "ngoặc"', "", ""]],
        delimiter="\t",
    )  # fmt: skip
    data = b"\xff\xfe" + text.encode("utf-16-le")
    result = import_file(data, demo)
    assert result.ok, result.errors
    stored = reports(demo)
    assert stored["progress"].tolist() == [12.5, 13.0]
    assert stored["note"].tolist() == ["ghi chú\tcó tab", 'có "ngoặc"']


def test_xlsx_with_date_cells_numbers_percent_and_text_codes(demo):
    rows = [
        PROGRESS_HEADER,
        [TASK, date(2026, 1, 10), 40, None, "ô ngày", None, None],
        [TASK, "11/01/2026", 0.455, None, None, None, None],  # a 45,5 % cell
        [TASK, date(2026, 1, 12), "50,5", None, None, None, None],
    ]
    data = xlsx_bytes(rows, formats={"B2": "dd/mm/yyyy", "C3": "0.0%"})
    result = import_file(data, demo, file_name="tien_do.xlsx")
    assert result.ok, result.errors
    stored = reports(demo)
    assert stored["report_date"].dt.date.tolist() == [
        date(2026, 1, 10), date(2026, 1, 11), date(2026, 1, 12)]  # fmt: skip
    assert stored["progress"].tolist() == [40.0, 45.5, 50.5]


def test_english_header_aliases_and_folded_spellings(demo):
    data = csv_bytes(
        [["Task code", "REPORT DATE", "progress", "Status", "note"],
         [TASK, "2026-01-20", "45.5", "dang_thuc_hien", "alias"]]
    )  # fmt: skip
    result = import_file(data, demo)
    assert result.ok, result.errors
    assert reports(demo)["note"].tolist() == ["alias"]
    folded = csv_bytes([["MA NHIEM VU", "ngay_bao_cao", "Tien do (%)"], [TASK, "21/01/2026", "46"]])
    assert import_file(folded, demo).ok


def test_codes_keep_leading_zeros_and_bodies_areas_by_name_or_code(demo):
    data = csv_bytes(
        [TASKS_HEADER,
         ["007", "Nhiệm vụ bảy", "ban kinh te - ngan sach", "truong ban", "", "GIÁM SÁT", "",
          "2026", "01/02/2026", "31/12/2026", "", "", ""],
         ["7", "Nhiệm vụ số bảy", "KTNS", "Trưởng ban", "", "dau_tu_cong", "", "2026-2030",
          "1/2/2026", "31-12-2030", "", "", "de xuat"]]
    )  # fmt: skip
    result = import_file(data, demo)
    assert result.ok, result.errors
    stored = demo.execute(
        "SELECT code, body_code, position, area_code, period_label, due_on, assignment_state "
        "FROM tasks WHERE code IN ('007', '7') ORDER BY code"
    ).fetchall()
    assert stored == [
        ("007", "KTNS", "Trưởng ban", "giam_sat", "2026", date(2026, 12, 31), "da_giao"),
        ("7", "KTNS", "Trưởng ban", "dau_tu_cong", "2026-2030", date(2030, 12, 31), "de_xuat"),
    ]


def test_quoted_cells_with_commas_quotes_and_newlines_keep_row_numbers(demo):
    text = (
        "Mã nhiệm vụ,Ngày báo cáo,Tiến độ (%),Ghi chú\r\n"
        f'{TASK},01/04/2026,10,"một, hai ""ba""\r\nbốn"\r\n'  # row 2 spans two lines
        "\r\n"  # row 3: blank, skipped but counted
        f"{TASK},02/04/2026,abc,\r\n"  # row 4
    )
    result = import_file(text.encode(), demo)
    assert errors_of(result) == [(4, "tien_do", "abc")]
    fixed = text.replace("abc", "11")
    assert import_file(fixed.encode(), demo).ok
    assert reports(demo)["note"].tolist()[0] == 'một, hai "ba"\r\nbốn'


def test_a_malformed_quote_is_read_by_the_careful_reader_with_its_row(demo):
    # a quote inside an unquoted cell: not RFC 4180, read literally by the csv module
    text = f'Mã nhiệm vụ,Ngày báo cáo,Tiến độ (%),Ghi chú\n{TASK},03/04/2026,10,màn hình 5" \n'
    result = import_file(text.encode(), demo)
    assert result.ok, result.errors
    assert reports(demo)["note"].tolist() == ['màn hình 5"']
    broken = f'Mã nhiệm vụ,Ngày báo cáo,Tiến độ (%)\n{TASK},04/04/2026,10\n{TASK},"05/04/2026,10\n'
    result = import_file(broken.encode(), demo)
    assert errors_of(result) == [(3, None, "")]
    assert "ngoặc kép" in result.errors["message"][0]


@pytest.mark.parametrize(
    ("text", "expected"),
    [("31/12/2025", date(2025, 12, 31)), ("1/2/2025", date(2025, 2, 1)),
     ("01-02-2025", date(2025, 2, 1)), ("2025-02-01", date(2025, 2, 1)),
     ("01/02/25", date(2025, 2, 1)), ("29/02/2024", date(2024, 2, 29))],
)  # fmt: skip
def test_day_first_dates(demo, text, expected):
    data = csv_bytes([PROGRESS_HEADER[:3], [TASK, text, "5"]])
    assert import_file(data, demo).ok
    got = demo.execute(
        "SELECT max(import_id IS NOT NULL) FROM progress WHERE report_date = ?", [expected]
    ).fetchall()[0][0]
    assert got


def test_formula_escape_is_dropped_so_export_then_import_round_trips(demo):
    data = csv_bytes([PROGRESS_HEADER, [TASK, "07/01/2026", "5", "", "'=1+2", "'@ai", "'x"]])
    assert import_file(data, demo).ok
    row = reports(demo).iloc[0]
    assert (row["note"], row["reporter"], row["evidence"]) == ("=1+2", "@ai", "'x")


def test_blank_lines_and_rows_of_empty_cells_are_skipped_but_counted(demo):
    text = (
        "\n"  # row 1 blank: the header is row 2
        "Mã nhiệm vụ;Ngày báo cáo;Tiến độ (%)\n"
        ";;\n"  # row 3: every cell empty
        "   \n"  # row 4: spaces only
        f"{TASK};08/01/2026;x\n"  # row 5
    )
    result = import_file(text.encode(), demo)
    assert errors_of(result) == [(5, "tien_do", "x")]


def test_appraisal_file(demo):
    data = csv_bytes(
        [APPRAISAL_HEADER,
         [TASK, "2024", "Hoàn thành tốt", "Thường trực", "20/12/2024", "Tốt"],
         ["DP02-2021", "2021", "xuat_sac", "", "", ""]]
    )  # fmt: skip
    result = import_file(data, demo)
    assert result.to_json()["kind"] == "appraisal" and result.ok, result.errors
    assert demo.execute(
        "SELECT t.code, a.year, a.rating, a.appraised_on FROM appraisals a "
        "JOIN tasks t ON t.id = a.task_id WHERE a.import_id IS NOT NULL ORDER BY 1"
    ).fetchall() == [
        ("DP01-GD", 2024, "tot", date(2024, 12, 20)),
        ("DP02-2021", 2021, "xuat_sac", None),
    ]


def test_absent_column_keeps_stored_values_and_empty_cell_empties_them(demo):
    before = demo.execute(
        "SELECT official, assigner, assignment_state FROM tasks WHERE code = ?", [TASK]
    ).fetchall()[0]
    assert before[0] and before[1]
    header = ["Mã nhiệm vụ", "Tên nhiệm vụ", "Cơ quan", "Chức danh", "Lĩnh vực", "Kỳ",
              "Ngày giao", "Hạn hoàn thành", "Cấp giao"]  # fmt: skip
    row = [TASK, "Tên mới", "TT", "Phó Chủ tịch HĐND tỉnh", "chat_van", "2021-2025",
           "15/07/2021", "31/12/2025", ""]  # fmt: skip
    result = import_file(csv_bytes([header, row]), demo)
    assert (result.inserted, result.updated, result.unchanged) == (0, 1, 0)
    after = demo.execute(
        "SELECT title, official, assigner, assignment_state FROM tasks WHERE code = ?", [TASK]
    ).fetchall()[0]
    # official and assignment state absent: kept; assigner present and empty: emptied
    assert after == ("Tên mới", before[0], None, before[2])


def test_new_period_labels_are_added(demo):
    data = csv_bytes(
        [TASKS_HEADER[:10],
         ["N1", "Một", "TT", "Trưởng ban", "", "giam_sat", "", "2031", "01/01/2031", "31/12/2031"],
         ["N2", "Hai", "TT", "Trưởng ban", "", "giam_sat", "", "2031 - 2036", "01/01/2031",
          "31/12/2036"]]
    )  # fmt: skip
    result = import_file(data, demo, today=date(2031, 6, 1))
    assert result.ok, result.errors
    assert demo.execute(
        "SELECT label, kind, start_year, end_year FROM periods WHERE start_year = 2031 ORDER BY 1"
    ).fetchall() == [("2031", "nam", 2031, 2031), ("2031-2036", "giai_doan", 2031, 2036)]
