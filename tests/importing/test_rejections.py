"""Every rejection of CONTRACT.md section 3: the exact rows reported, and nothing written."""

from __future__ import annotations

import io
import zipfile
from datetime import date

import pytest

from analytics.importing import import_file
from analytics.importing.source import MAX_BYTES
from tests.importing.helpers import (
    APPRAISAL_HEADER,
    PROGRESS_HEADER,
    TASKS_HEADER,
    csv_bytes,
    dump,
    errors_of,
    xlsx_bytes,
)

P3 = PROGRESS_HEADER[:3]
TODAY = date(2026, 11, 27)


def task_row(code="N1", body="TT", area="giam_sat", period="2026", start="01/01/2026",
             end="31/12/2026", state=""):  # fmt: skip
    return [code, "Tên", body, "Trưởng ban", "", area, "", period, start, end, "", "", state]


CASES = {
    "missing required column": (
        csv_bytes([["Mã nhiệm vụ", "Tiến độ (%)"], ["DP01-GD", "5"]]),
        [(None, "ngay_bao_cao", "")],
    ),
    "unknown task": (
        csv_bytes(
            [
                P3,
                ["DP01-GD", "01/01/2024", "5"],
                ["NOPE", "01/01/2024", "5"],
                ["dp01-gd", "02/01/2024", "5"],
            ]
        ),
        [(3, "ma_nhiem_vu", "NOPE"), (4, "ma_nhiem_vu", "dp01-gd")],
    ),
    "unknown body and area": (
        csv_bytes([TASKS_HEADER, task_row(body="Ban Kinh te"), task_row("N2", area="nong_nghiep")]),
        [(2, "co_quan", "Ban Kinh te"), (3, "linh_vuc", "nong_nghiep")],
    ),
    "impossible date": (
        csv_bytes(
            [
                P3,
                ["DP01-GD", "28/02/2022", "5"],
                ["DP01-GD", "31/02/2022", "5"],
                ["DP01-GD", "12/31/2022", "5"],
                ["DP01-GD", "", "5"],
            ]
        ),
        [
            (3, "ngay_bao_cao", "31/02/2022"),
            (4, "ngay_bao_cao", "12/31/2022"),
            (5, "ngay_bao_cao", ""),
        ],
    ),
    "progress outside 0-100 or not a number": (
        csv_bytes(
            [
                P3,
                ["DP01-GD", "01/03/2022", "101"],
                ["DP01-GD", "02/03/2022", "-1"],
                ["DP01-GD", "03/03/2022", "mười"],
                ["DP01-GD", "04/03/2022", "1.234,5"],
                ["DP01-GD", "05/03/2022", "100"],
            ]
        ),
        [
            (2, "tien_do", "101"),
            (3, "tien_do", "-1"),
            (4, "tien_do", "mười"),
            (5, "tien_do", "1.234,5"),
        ],
    ),
    "deadline before assignment date": (
        csv_bytes([TASKS_HEADER, task_row(), task_row("N2", start="01/06/2026", end="31/05/2026")]),
        [(3, "han_hoan_thanh", "31/05/2026")],
    ),
    "report date in the future": (
        csv_bytes([P3, ["DP01-GD", "27/11/2026", "5"], ["DP01-GD", "28/11/2026", "5"]]),
        [(3, "ngay_bao_cao", "28/11/2026")],
    ),
    "same key twice with other values": (
        csv_bytes(
            [
                P3,
                ["DP01-GD", "01/01/2024", "5"],
                ["DP01-GD", "01/01/2024", "5"],
                ["DP01-GD", "2024-01-01", "6"],
            ]
        ),
        [(4, "ma_nhiem_vu", "DP01-GD")],
    ),
    "status disagrees with progress": (
        csv_bytes(
            [
                PROGRESS_HEADER[:4],
                ["DP01-GD", "01/01/2024", "90", "Hoàn thành"],
                ["DP01-GD", "02/01/2024", "100", "Đang thực hiện"],
                ["DP01-GD", "03/01/2024", "50", "Xong"],
            ]
        ),
        [
            (2, "trang_thai", "Hoàn thành"),
            (3, "trang_thai", "Đang thực hiện"),
            (4, "trang_thai", "Xong"),
        ],
    ),
    "appraisal: unknown rating, year outside the task, unknown task": (
        csv_bytes(
            [
                APPRAISAL_HEADER[:3],
                ["DP01-2021", "2021", "Tốt lắm"],
                ["DP01-2021", "2022", "tot"],
                ["X9", "2021", "tot"],
                ["DP01-GD", "năm nay", "tot"],
            ]
        ),
        [
            (2, "muc_danh_gia", "Tốt lắm"),
            (3, "nam", "2022"),
            (4, "ma_nhiem_vu", "X9"),
            (5, "nam", "năm nay"),
        ],
    ),
    "tasks: bad period, unknown assignment state, missing title": (
        csv_bytes(
            [
                TASKS_HEADER,
                task_row(period="2026/27"),
                task_row("N2", state="Đã xong"),
                [
                    "N3",
                    "",
                    "TT",
                    "Trưởng ban",
                    "",
                    "giam_sat",
                    "",
                    "2026",
                    "01/01/2026",
                    "31/12/2026",
                    "",
                    "",
                    "",
                ],
            ]
        ),
        [(2, "ky", "2026/27"), (3, "trang_thai_giao", "Đã xong"), (4, "ten_nhiem_vu", "")],
    ),
    "empty file": (b"", [(None, None, "")]),
    "only blank lines and a BOM": (b"\xef\xbb\xbf\r\n \r\n", [(None, None, "")]),
    "header only": (csv_bytes([P3]), [(None, None, "")]),
    "not text": (bytes(range(256)) * 8, [(None, None, "")]),
    "a PDF": (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n", [(None, None, "")]),
    "an old .xls": (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600, [(None, None, "")]),
    "a zip that is no workbook": (None, [(None, None, "")]),
    "unknown headers": (csv_bytes([["a", "b"], ["1", "2"]]), [(None, None, "")]),
    "a column twice": (
        csv_bytes([[*P3, "Tien do"], ["DP01-GD", "01/01/2024", "5", "6"]]),
        [(None, "tien_do", "")],
    ),
    "a cell beyond the header": (
        csv_bytes([P3, ["DP01-GD", "01/01/2024", "5", "lạc"]]),
        [(2, None, "lạc")],
    ),
}


def _zip() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("word/document.xml", "<w/>")
    return out.getvalue()


@pytest.mark.parametrize("name", list(CASES))
def test_rejected_with_exact_rows_and_nothing_written(demo, name):
    data, expected = CASES[name]
    data = _zip() if data is None else data
    before = dump(demo)
    result = import_file(data, demo, file_name="f.csv", today=TODAY)
    assert result.status == "rejected"
    assert errors_of(result) == expected
    assert all(m for m in result.errors["message"])
    assert dump(demo) == before


def test_the_message_says_row_column_value_in_vietnamese(demo):
    data = csv_bytes([P3, ["DP01-GD", "01/01/2022", "5"], ["DP01-GD", "02/01/2022", "5"],
                      ["DP01-GD", "03/01/2022", "5"], ["DP01-GD", "31/02/2022", "5"]])  # fmt: skip
    message = import_file(data, demo).errors["message"][0]
    assert (
        message == "Dòng 5, cột Ngày báo cáo: '31/02/2022' không phải ngày hợp lệ (ngày/tháng/năm)"
    )


def test_unknown_codes_name_the_nearest_or_the_allowed_values(demo):
    data = csv_bytes([TASKS_HEADER, task_row(body="Ban Kinh te"), task_row("N2", area="xyz")])
    near, allowed = import_file(data, demo).errors["message"]
    assert "có phải 'KTNS (Ban Kinh tế - Ngân sách)'" in near
    assert "giam_sat (Giám sát)" in allowed and "cong_nghe_thong_tin" in allowed
    result = import_file(csv_bytes([P3, ["dp01-gd", "01/01/2024", "5"]]), demo)
    assert "có phải 'DP01-GD'" in result.errors["message"][0]


def test_every_bad_row_is_reported_not_only_the_first(demo):
    rows = [P3] + [["DP01-GD", f"{d:02d}/02/2022", "200"] for d in range(1, 29)]
    result = import_file(csv_bytes(rows), demo)
    assert [e[0] for e in errors_of(result)] == list(range(2, 30))


def test_rows_and_quoted_newlines_in_xlsx_and_csv_give_the_same_row_numbers(demo):
    rows = [[*P3, "Ghi chú"], ["DP01-GD", "01/01/2024", "5", "a\nb"], [], ["DP01-GD", "x", "5", ""]]
    from_csv = import_file(csv_bytes(rows), demo)
    from_xlsx = import_file(xlsx_bytes(rows), demo)
    assert errors_of(from_csv) == errors_of(from_xlsx) == [(4, "ngay_bao_cao", "x")]


def test_a_file_over_100_mb_is_refused_before_reading(tmp_path, demo):
    big = tmp_path / "big.csv"
    with big.open("wb") as out:
        out.truncate(MAX_BYTES + 1)  # sparse: costs no disk and no time
    result = import_file(big, demo)
    assert errors_of(result) == [(None, None, "")]
    assert "100 MB" in result.errors["message"][0]


def test_more_than_two_million_rows_is_refused(demo):
    data = ("Mã nhiệm vụ,Ngày báo cáo,Tiến độ (%)\n" + "A,1,1\n" * 2_000_001).encode()
    result = import_file(data, demo)
    assert errors_of(result) == [(None, None, "")]
    assert "2.000.000" in result.errors["message"][0]
