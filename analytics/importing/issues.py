"""What is wrong with a file: every error with its row, column, value and message.

Errors are collected in bulk (one call per check, for all the rows it failed on) and
kept as a table, so a file with a million bad rows is still reported in full and fast.
The message is rendered from a template in Vietnamese or English.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np
import pandas as pd

from analytics.importing.headers import display_name

# code -> (Vietnamese, English). {row}, {col}, {value} and {detail} are filled in.
TEMPLATES: dict[str, tuple[str, str]] = {
    # whole file
    "empty_file": ("Tệp rỗng: không có dữ liệu.", "The file is empty."),
    "no_data_rows": (
        "Tệp chỉ có dòng tiêu đề, không có dòng dữ liệu nào.",
        "The file has a header row and no data row.",
    ),
    "not_text": (
        "Tệp không phải CSV (văn bản) hay Excel .xlsx; hãy lưu lại từ Excel dưới dạng "
        "CSV UTF-8 hoặc .xlsx.",
        "The file is neither CSV (text) nor Excel .xlsx; save it from Excel as CSV UTF-8 or .xlsx.",
    ),
    "old_xls": (
        "Tệp Excel cũ (.xls) không đọc được; hãy mở trong Excel và lưu thành .xlsx hoặc CSV UTF-8.",
        "Old Excel files (.xls) cannot be read; open it in Excel and save as .xlsx or CSV UTF-8.",
    ),
    "bad_xlsx": (
        "Không đọc được tệp Excel .xlsx ({detail}); hãy mở lại trong Excel và lưu lại.",
        "The Excel .xlsx file cannot be read ({detail}); open it in Excel and save it again.",
    ),
    "bad_encoding": (
        "Không nhận ra bảng mã của tệp; hãy lưu dạng CSV UTF-8.",
        "The file's character encoding is not recognised; save it as CSV UTF-8.",
    ),
    "too_big": (
        "Tệp nặng {detail} MB, vượt giới hạn 100 MB; hãy chia thành nhiều tệp.",
        "The file is {detail} MB, over the 100 MB limit; split it into several files.",
    ),
    "too_many_rows": (
        "Tệp có hơn 2.000.000 dòng dữ liệu; hãy chia thành nhiều tệp.",
        "The file has more than 2,000,000 data rows; split it into several files.",
    ),
    "row_beyond_limit": (
        "Trang tính có dòng số {detail}, vượt giới hạn 2.000.000 dòng (tính cả dòng trống); "
        "hãy xóa các dòng thừa ở cuối trang tính hoặc chia thành nhiều tệp.",
        "The sheet has a row numbered {detail}, past the limit of 2,000,000 rows (blank rows "
        "counted); delete the extra rows at the end of the sheet or split it into several files.",
    ),
    "xlsx_too_large": (
        "Tệp Excel khi giải nén lớn hơn {detail} MB, mức tối đa cho tệp này (100 lần dung "
        "lượng tệp, ít nhất 16 MB, không quá 1.024 MB); hãy mở trong Excel, xóa các trang tính "
        "và định dạng thừa rồi lưu lại, hoặc lưu thành CSV UTF-8.",
        "The Excel file unpacks to more than {detail} MB, the most allowed for this file "
        "(100 times its size, at least 16 MB, at most 1,024 MB); open it in Excel, delete "
        "extra sheets and formatting and save it again, or save it as CSV UTF-8.",
    ),
    "xlsx_too_much_text": (
        "Trang tính chứa hơn {detail} ký tự; hãy chia thành nhiều tệp.",
        "The sheet holds more than {detail} characters; split it into several files.",
    ),
    "cell_too_long": (
        "Ô {detail} dài hơn 32.767 ký tự, giới hạn của một ô Excel; hãy rút ngắn nội dung ô đó.",
        "Cell {detail} is longer than 32,767 characters, the limit of an Excel cell; shorten it.",
    ),
    "shared_string_too_long": (
        "Chuỗi thứ {detail} trong bảng chuỗi dùng chung của tệp dài hơn 32.767 ký tự, giới hạn "
        "của một ô Excel; hãy rút ngắn ô chứa chuỗi đó và lưu lại.",
        "Shared string number {detail} of the file is longer than 32,767 characters, the "
        "limit of an Excel cell; shorten the cell that holds it and save again.",
    ),
    "xlsx_dtd": (
        "Tệp Excel chứa khai báo DTD/thực thể XML, điều mà Excel không bao giờ ghi; tệp bị từ "
        "chối. Hãy mở trong Excel và lưu lại.",
        "The Excel file holds an XML DTD or entity declaration, which Excel never writes; "
        "it is refused. Open it in Excel and save it again.",
    ),
    "unknown_kind": (
        "Không nhận ra loại tệp từ dòng tiêu đề: cần các cột của tệp nhiệm vụ, tiến độ hoặc "
        "đánh giá (xem tệp mẫu).",
        "The header row matches no kind of file: it needs the columns of a tasks, progress "
        "or appraisal file (see the templates).",
    ),
    "missing_column": (
        "Thiếu cột bắt buộc '{col}'.",
        "The required column '{col}' is missing.",
    ),
    "duplicate_column": (
        "Cột '{col}' có hai lần trong dòng tiêu đề.",
        "The column '{col}' appears twice in the header row.",
    ),
    # one row
    "bad_quotes": (
        'Dòng {row}: dấu ngoặc kép " không khớp; kiểm tra các ô có dấu này',
        'Row {row}: unmatched double quotes "; check the cells that contain them',
    ),
    "extra_cells": (
        "Dòng {row}: có ô dữ liệu nằm ngoài các cột của dòng tiêu đề ('{value}')",
        "Row {row}: a cell lies beyond the columns of the header row ('{value}')",
    ),
    "required": (
        "Dòng {row}, cột {col}: không được để trống",
        "Row {row}, column {col}: must not be empty",
    ),
    "too_long": (
        "Dòng {row}, cột {col}: dài hơn {detail} ký tự, giới hạn của cột này; hãy rút ngắn "
        "(nội dung dài để trong văn bản minh chứng)",
        "Row {row}, column {col}: longer than {detail} characters, this column's limit; "
        "shorten it (keep long text in the evidence document)",
    ),
    "bad_date": (
        "Dòng {row}, cột {col}: '{value}' không phải ngày hợp lệ (ngày/tháng/năm)",
        "Row {row}, column {col}: '{value}' is not a valid date (day/month/year)",
    ),
    "future_date": (
        "Dòng {row}, cột {col}: '{value}' là ngày trong tương lai (hôm nay là {detail})",
        "Row {row}, column {col}: '{value}' is in the future (today is {detail})",
    ),
    "due_before_assigned": (
        "Dòng {row}, cột {col}: hạn '{value}' trước ngày giao {detail}",
        "Row {row}, column {col}: the deadline '{value}' is before the assignment date {detail}",
    ),
    "bad_number": (
        "Dòng {row}, cột {col}: '{value}' không phải số (ví dụ 45, 45%, 45,5)",
        "Row {row}, column {col}: '{value}' is not a number (e.g. 45, 45%, 45.5)",
    ),
    "out_of_range": (
        "Dòng {row}, cột {col}: '{value}' phải nằm trong khoảng 0 đến 100",
        "Row {row}, column {col}: '{value}' must be between 0 and 100",
    ),
    "bad_choice": (
        "Dòng {row}, cột {col}: '{value}' không hợp lệ; chọn một trong: {detail}",
        "Row {row}, column {col}: '{value}' is not allowed; use one of: {detail}",
    ),
    "unknown_code": (
        "Dòng {row}, cột {col}: '{value}' không có trong danh mục; giá trị hợp lệ: {detail}",
        "Row {row}, column {col}: '{value}' is not in the list; allowed values: {detail}",
    ),
    "unknown_code_near": (
        "Dòng {row}, cột {col}: '{value}' không có trong danh mục; có phải {detail}?",
        "Row {row}, column {col}: '{value}' is not in the list; did you mean {detail}?",
    ),
    "unknown_task": (
        "Dòng {row}, cột {col}: không có nhiệm vụ mã '{value}'; hãy nhập tệp nhiệm vụ trước",
        "Row {row}, column {col}: there is no task with code '{value}'; import the tasks first",
    ),
    "unknown_task_near": (
        "Dòng {row}, cột {col}: không có nhiệm vụ mã '{value}'; có phải '{detail}'?",
        "Row {row}, column {col}: there is no task with code '{value}'; did you mean '{detail}'?",
    ),
    "status_mismatch": (
        "Dòng {row}, cột {col}: '{value}' không khớp tiến độ {detail}% "
        "(Hoàn thành khi và chỉ khi tiến độ là 100%)",
        "Row {row}, column {col}: '{value}' does not match progress {detail}% "
        "(done if and only if progress is 100%)",
    ),
    "bad_period": (
        "Dòng {row}, cột {col}: '{value}' không phải kỳ hợp lệ (ví dụ 2021 hoặc 2021-2025)",
        "Row {row}, column {col}: '{value}' is not a valid period (e.g. 2021 or 2021-2025)",
    ),
    "bad_year": (
        "Dòng {row}, cột {col}: '{value}' không phải năm hợp lệ (ví dụ 2024)",
        "Row {row}, column {col}: '{value}' is not a valid year (e.g. 2024)",
    ),
    "year_outside": (
        "Dòng {row}, cột {col}: năm {value} nằm ngoài thời gian của nhiệm vụ ({detail})",
        "Row {row}, column {col}: the year {value} is outside the task's time span ({detail})",
    ),
    "other_body": (
        "Dòng {row}, cột {col}: '{value}' nằm ngoài phạm vi của tài khoản: chỉ được nhập cho "
        "cơ quan {detail}",
        "Row {row}, column {col}: '{value}' is outside this account's scope: it may import "
        "only for the bodies {detail}",
    ),
    "duplicate_key": (
        "Dòng {row}, cột {col}: '{value}' trùng khóa với dòng {detail} nhưng khác nội dung",
        "Row {row}, column {col}: '{value}' repeats the key of row {detail} with other values",
    ),
}

_COLUMNS = ["row", "column", "value", "code", "detail"]
SHOWN_CHARS = 100  # an error keeps and shows at most this much of a cell's value


class Issues:
    """The errors found in one file, added check by check.

    Each check adds one part (its rows, column, values, details); the table is built
    once, when asked for.
    """

    def __init__(self) -> None:
        self._parts: list[tuple[np.ndarray, str | None, list[str], str, list[str]]] = []
        self._count = 0

    def __bool__(self) -> bool:
        return self._count > 0

    def __len__(self) -> int:
        return self._count

    def add_file(
        self, code: str, column: str | None = None, value: str = "", detail: str = ""
    ) -> None:
        """An error about the whole file (``row`` is null, kept as -1 until the table)."""
        self._add((np.array([-1], dtype=np.int64), column, [shorten(value)], code, [detail]))

    def add_rows(
        self,
        code: str,
        column: str | None,
        rows: np.ndarray | Sequence[int],
        values: object,
        detail: object = "",
    ) -> None:
        """One error per row in ``rows``; ``values`` and ``detail`` are per row or one for all.

        Each value is kept as an error shows it (:func:`shorten`): a cell of megabytes is
        never copied into the error table."""
        rows = np.asarray(rows, dtype=np.int64)
        if len(rows) == 0:
            return
        n = len(rows)
        self._add((rows, column, _texts(values, n, cut=True), code, _texts(detail, n)))

    def extend(self, other: Issues) -> None:
        """Add every error of ``other`` (nothing when it is this same collection)."""
        if other is self:
            return
        for part in list(other._parts):
            self._add(part)

    def _add(self, part: tuple[np.ndarray, str | None, list[str], str, list[str]]) -> None:
        self._parts.append(part)
        self._count += len(part[0])

    def frame(self, language: str = "vi") -> pd.DataFrame:
        """Every error, ordered by row (whole-file errors first): row, column, value, message."""
        if not self._parts:
            return empty_errors()
        rows = np.concatenate([p[0] for p in self._parts])
        table = pd.DataFrame({
            "row": pd.array(np.where(rows < 0, 0, rows), dtype="Int64"),
            "column": [p[1] for p in self._parts for _ in range(len(p[0]))],
            "value": [v for p in self._parts for v in p[2]],
            "code": [p[3] for p in self._parts for _ in range(len(p[0]))],
            "detail": [d for p in self._parts for d in p[4]],
        })  # fmt: skip
        table.loc[rows < 0, "row"] = pd.NA
        table = table.sort_values("row", kind="stable", na_position="first", ignore_index=True)
        table["message"] = render(table, language)
        return table[["row", "column", "value", "message", "code", "detail"]]


def _texts(values: object, n: int, cut: bool = False) -> list[str]:
    """``n`` texts from one value or one per row (``cut``: each as :func:`shorten` keeps it)."""
    keep = shorten if cut else str
    if isinstance(values, str):
        return [keep(values)] * n
    return ["" if v is None else keep(str(v)) for v in np.asarray(values, dtype=object)][:n]


def empty_errors() -> pd.DataFrame:
    """An error table with no row."""
    return pd.DataFrame({
        "row": pd.array([], dtype="Int64"), "column": pd.Series([], dtype=object),
        "value": pd.Series([], dtype=object), "message": pd.Series([], dtype=object),
        "code": pd.Series([], dtype=object), "detail": pd.Series([], dtype=object),
    })  # fmt: skip


# "Dòng 5, cột Ngày báo cáo: " at the start of a template: a table that shows the row and
# the column beside the message can leave it out.
_PLACE = re.compile(r"^(Dòng|Row) \{row\}(, (cột|column) \{col\})?: ")


def render(table: pd.DataFrame, language: str = "vi", place: bool = True) -> list[str]:
    """The message of each error row in ``language`` (without "Dòng 5, cột …: " if not
    ``place``)."""
    pick = 1 if language == "en" else 0
    out = []
    for row, column, value, code, detail in zip(
        table["row"], table["column"], table["value"], table["code"], table["detail"], strict=True
    ):
        template = TEMPLATES[code][pick]
        if not place:
            template = _PLACE.sub("", template)
            template = template[:1].upper() + template[1:]
        out.append(
            template.format(
                row="" if pd.isna(row) else int(row),
                col=display_name(column, language) if isinstance(column, str) else "",
                value=value,
                detail=detail,
            )
        )
    return out


def shorten(value: str, limit: int = SHOWN_CHARS) -> str:
    """``value`` as an error shows it: the first ``limit`` characters, then "…"."""
    return value if len(value) <= limit else value[:limit] + "…"


class Rejected(Exception):
    """The file cannot be read at all (the issues say why); nothing is written."""

    def __init__(self, issues: Issues, kind: str | None = None) -> None:
        super().__init__("rejected")
        self.issues = issues
        self.kind = kind


def reject_file(code: str, column: str | None = None, detail: str = "") -> Rejected:
    """A :class:`Rejected` carrying one whole-file error."""
    issues = Issues()
    issues.add_file(code, column, detail=detail)
    return Rejected(issues)
