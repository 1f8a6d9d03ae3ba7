"""Reference data every database holds: bodies, areas, positions and periods.

These rows are data, not code paths: another province, a commune council or the
2026-2031 term is added by adding rows (here for the defaults, or in the database),
never by changing logic. The codes of bodies and areas are part of the file contract.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Body:
    code: str
    name_vi: str
    name_en: str


@dataclass(frozen=True)
class Area:
    code: str
    name_vi: str
    name_en: str
    headline: bool


@dataclass(frozen=True)
class Position:
    name_vi: str
    name_en: str


@dataclass(frozen=True)
class Period:
    label: str
    kind: str  # nam | giai_doan | nhiem_ky
    start_year: int
    end_year: int


BODIES: tuple[Body, ...] = (
    Body("TT", "Thường trực HĐND tỉnh", "Council Standing Committee"),
    Body("KTNS", "Ban Kinh tế - Ngân sách", "Economy and Budget Committee"),
    Body("VHXH", "Ban Văn hóa - Xã hội", "Culture and Society Committee"),
    Body("PC", "Ban Pháp chế", "Legal Affairs Committee"),
    Body("DT", "Ban Dân tộc", "Ethnic Affairs Committee"),
    Body(
        "VP",
        "Văn phòng Đoàn ĐBQH và HĐND tỉnh",
        "Office of the National Assembly Delegation and the Council",
    ),
)

# The four headline areas come first in every ordering (UX.md).
AREAS: tuple[Area, ...] = (
    Area("giam_sat", "Giám sát", "Supervision", True),
    Area("chat_van", "Chất vấn", "Questioning", True),
    Area(
        "tin_dung_ho_ngheo",
        "Tín dụng hộ nghèo",
        "Credit for poor and near-poor households",
        True,
    ),
    Area("dau_tu_cong", "Đầu tư công", "Public investment", True),
    Area(
        "khieu_nai_to_cao",
        "Khiếu nại, tố cáo",
        "Complaints and denunciations",
        False,
    ),
    Area("dan_toc", "Dân tộc, miền núi", "Ethnic-minority and mountain areas", False),
    Area("van_phong", "Tham mưu, văn phòng", "Advisory and office work", False),
    Area("cong_nghe_thong_tin", "Công nghệ thông tin", "IT application", False),
)

POSITIONS: tuple[Position, ...] = (
    Position("Phó Chủ tịch HĐND tỉnh", "Vice-Chair of the Council"),
    Position("Trưởng ban", "Committee Head"),
    Position("Phó Trưởng ban", "Deputy Committee Head"),
    Position("Chánh Văn phòng", "Chief of Office"),
    Position("Phó Chánh Văn phòng", "Deputy Chief of Office"),
    Position("Lãnh đạo phòng", "Division head"),
    Position("Chuyên viên", "Specialist"),
    Position("Người lao động", "Employee"),
)

PERIODS: tuple[Period, ...] = (
    Period("2021-2025", "giai_doan", 2021, 2025),
    Period("2021-2026", "nhiem_ky", 2021, 2026),
    Period("2026-2030", "giai_doan", 2026, 2030),
    Period("2026-2031", "nhiem_ky", 2026, 2031),
)

PERIOD_KIND_NAMES: dict[str, tuple[str, str]] = {
    "nam": ("Năm", "Year"),
    "giai_doan": ("Giai đoạn", "Phase"),
    "nhiem_ky": ("Nhiệm kỳ", "Term"),
}


def period_kind(label: str, known: dict[str, str] | None = None) -> str:
    """Kind of a period label: a known row's kind, a single year, else a phase."""
    if known and label in known:
        return known[label]
    return "nam" if label.isdigit() else "giai_doan"


def period_display(label: str, kind: str, language: str = "vi") -> str:
    """'Năm 2021', 'Giai đoạn 2021–2025', 'Nhiệm kỳ 2021–2026' (en dash between years)."""
    vi, en = PERIOD_KIND_NAMES.get(kind, PERIOD_KIND_NAMES["giai_doan"])
    word = vi if language == "vi" else en
    return f"{word} {label.replace('-', '–')}"
