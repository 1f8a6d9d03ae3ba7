"""The one place that defines a status: codes, names and colours.

Task status as of a date (CONTRACT.md section 4), the status a progress report
carries (CONTRACT.md section 3), and the assignment state of a task.
Colours are Okabe-Ito, safe for colour-blind readers (UX.md).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Status:
    code: str
    name_vi: str
    name_en: str
    colour: str


# Task status as of D, in the order the screens list them.
TASK_STATUSES: tuple[Status, ...] = (
    Status("hoan_thanh_dung_han", "Hoàn thành đúng hạn", "Done on time", "#009E73"),
    Status("hoan_thanh_qua_han", "Hoàn thành quá hạn", "Done late", "#0072B2"),
    Status("dang_thuc_hien", "Đang thực hiện trong hạn", "In progress", "#56B4E9"),
    Status("chua_trien_khai", "Chưa triển khai", "Not started", "#999999"),
    Status("qua_han", "Quá hạn", "Overdue", "#D55E00"),
)
TASK_STATUS_CODES: tuple[str, ...] = tuple(s.code for s in TASK_STATUSES)
AT_RISK = Status("nguy_co", "Có nguy cơ chậm", "At risk", "#E69F00")

# Status written on a progress report.
REPORT_NOT_STARTED = "chua_trien_khai"
REPORT_IN_PROGRESS = "dang_thuc_hien"
REPORT_DONE = "hoan_thanh"
REPORT_STATUSES: dict[str, tuple[str, str]] = {
    REPORT_NOT_STARTED: ("Chưa triển khai", "Not started"),
    REPORT_IN_PROGRESS: ("Đang thực hiện", "In progress"),
    REPORT_DONE: ("Hoàn thành", "Done"),
}

# Assignment state of a task: only assigned tasks count in the figures.
ASSIGNED = "da_giao"
ASSIGNMENT_STATES: dict[str, tuple[str, str]] = {
    "dang_ky": ("Đăng ký", "Registered"),
    "de_xuat": ("Đề xuất", "Proposed"),
    ASSIGNED: ("Đã giao", "Assigned"),
    "tra_lai": ("Trả lại", "Returned"),
}


def report_status_for(progress: float) -> str:
    """Status a report gets when its file leaves it empty: 0, 100 or in between."""
    if progress >= 100:
        return REPORT_DONE
    if progress <= 0:
        return REPORT_NOT_STARTED
    return REPORT_IN_PROGRESS


def status_colour(code: str) -> str:
    """Colour of a task status (or of the at-risk flag)."""
    for status in (*TASK_STATUSES, AT_RISK):
        if status.code == code:
            return status.colour
    raise KeyError(code)


# Year-end appraisal of a task's result (it counts toward the official's rating).
APPRAISAL_RATINGS: dict[str, tuple[str, str]] = {
    "xuat_sac": ("Hoàn thành xuất sắc", "Excellent"),
    "tot": ("Hoàn thành tốt", "Good"),
    "hoan_thanh": ("Hoàn thành", "Done"),
    "khong_hoan_thanh": ("Không hoàn thành", "Not done"),
}
NOT_APPRAISED = "chua_danh_gia"
