"""Columns of the three import files, header folding, and telling the kind of a file.

Headers are matched after folding (CONTRACT.md section 3): accents removed (đ→d),
lower case, every run of other characters turned into ``_``, leading and trailing
``_`` dropped. The English alias in brackets is accepted too.
"""

from __future__ import annotations

from dataclasses import dataclass

from analytics.textfold import fold

TASKS = "tasks"
PROGRESS = "progress"
APPRAISAL = "appraisal"
KINDS = (TASKS, PROGRESS, APPRAISAL)


# The longest a cell may be, in characters after trimming: far past anything a council
# writes, so only a mistake or a hostile file reaches them (README, "Importing files").
CODE_CHARS = 100  # task codes; dates, numbers, periods, statuses and ratings too (the default)
NAME_CHARS = 300  # names: a body, area, position, person or assigning level
TITLE_CHARS = 1_000
TEXT_CHARS = 4_000  # a target, note, comment; evidence (a link or document numbers)
DESCRIPTION_CHARS = 10_000


@dataclass(frozen=True)
class Column:
    """One column of an import file."""

    name: str  # the folded Vietnamese name: what errors and JSON call the column
    alias: str  # the English alias
    display_vi: str  # the header templates and exports write
    display_en: str
    required: bool = False
    max_chars: int = CODE_CHARS  # a longer cell is a row error

    def display(self, language: str = "vi") -> str:
        return self.display_en if language == "en" else self.display_vi


_CODE = Column("ma_nhiem_vu", "task_code", "Mã nhiệm vụ", "Task code", True, CODE_CHARS)

COLUMNS: dict[str, tuple[Column, ...]] = {
    TASKS: (
        _CODE,
        Column("ten_nhiem_vu", "title", "Tên nhiệm vụ", "Title", True, TITLE_CHARS),
        Column("co_quan", "body", "Cơ quan", "Body", True, NAME_CHARS),
        Column("chuc_danh", "position", "Chức danh", "Position", True, NAME_CHARS),
        Column("nguoi_thuc_hien", "official", "Người thực hiện", "Official", False, NAME_CHARS),
        Column("linh_vuc", "area", "Lĩnh vực", "Area", True, NAME_CHARS),
        Column("cap_giao", "assigner", "Cấp giao", "Assigned by", False, NAME_CHARS),
        Column("ky", "period", "Kỳ", "Period", True),
        Column("ngay_giao", "assigned_on", "Ngày giao", "Assigned on", True),
        Column("han_hoan_thanh", "due_on", "Hạn hoàn thành", "Deadline", True),
        Column("mo_ta", "description", "Mô tả", "Description", False, DESCRIPTION_CHARS),
        Column("chi_tieu", "target", "Chỉ tiêu", "Target", False, TEXT_CHARS),
        Column("trang_thai_giao", "assignment_state", "Trạng thái giao", "Assignment state"),
    ),
    PROGRESS: (
        _CODE,
        Column("ngay_bao_cao", "report_date", "Ngày báo cáo", "Report date", True),
        Column("tien_do", "progress", "Tiến độ (%)", "Progress (%)", True),
        Column("trang_thai", "status", "Trạng thái", "Status"),
        Column("ghi_chu", "note", "Ghi chú", "Note", False, TEXT_CHARS),
        Column("nguoi_bao_cao", "reporter", "Người báo cáo", "Reporter", False, NAME_CHARS),
        Column("minh_chung", "evidence", "Minh chứng", "Evidence", False, TEXT_CHARS),
    ),
    APPRAISAL: (
        _CODE,
        Column("nam", "year", "Năm", "Year", True),
        Column("muc_danh_gia", "rating", "Mức đánh giá", "Rating", True),
        Column("nguoi_danh_gia", "appraiser", "Người đánh giá", "Appraiser", False, NAME_CHARS),
        Column("ngay_danh_gia", "appraised_on", "Ngày đánh giá", "Appraised on"),
        Column("nhan_xet", "comment", "Nhận xét", "Comment", False, TEXT_CHARS),
    ),
}

# Every folded header (Vietnamese name or English alias) -> the column's name, per kind.
_NAMES: dict[str, dict[str, str]] = {
    kind: {key: col.name for col in cols for key in (col.name, col.alias)}
    for kind, cols in COLUMNS.items()
}
KNOWN_HEADERS: frozenset[str] = frozenset(k for names in _NAMES.values() for k in names)


def column(kind: str, name: str) -> Column:
    """The column ``name`` of ``kind``."""
    for col in COLUMNS[kind]:
        if col.name == name:
            return col
    raise KeyError(name)


def display_name(name: str, language: str = "vi") -> str:
    """The display header of a column name, whatever kind it belongs to."""
    for cols in COLUMNS.values():
        for col in cols:
            if col.name == name:
                return col.display(language)
    return name


@dataclass(frozen=True)
class HeaderMatch:
    """What the header row says: the kind, and which position holds which column."""

    kind: str | None
    positions: dict[str, int]  # column name -> position in the row
    duplicates: tuple[str, ...]  # column names given twice
    missing: tuple[str, ...]  # required columns absent


def recognised(headers: list[str]) -> int:
    """How many cells of a header row name a known column (for choosing a delimiter)."""
    return sum(1 for h in headers if fold(h) in KNOWN_HEADERS)


def match_headers(headers: list[str]) -> HeaderMatch:
    """Tell the kind of file from its header row and map its columns.

    The kind is the one whose own columns (all but ``ma_nhiem_vu``) appear most often;
    no such column at all means the kind is unknown.
    """
    folded = [fold(h) for h in headers]
    best_kind, best_score = None, 0
    for kind in KINDS:
        score = len({_NAMES[kind][f] for f in folded if f in _NAMES[kind]} - {_CODE.name})
        if score > best_score:
            best_kind, best_score = kind, score
    if best_kind is None:
        return HeaderMatch(None, {}, (), ())
    names = _NAMES[best_kind]
    positions: dict[str, int] = {}
    duplicates: list[str] = []
    for i, f in enumerate(folded):
        if f in names:
            name = names[f]
            if name in positions:
                duplicates.append(name)
            else:
                positions[name] = i
    missing = tuple(c.name for c in COLUMNS[best_kind] if c.required and c.name not in positions)
    return HeaderMatch(best_kind, positions, tuple(dict.fromkeys(duplicates)), missing)
