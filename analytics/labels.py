"""Every word the screen shows, in Vietnamese and English: one table.

Pages call ``text(key, language)``; status names come from ``analytics.statuses``.
"""

from __future__ import annotations

from analytics.statuses import AT_RISK, TASK_STATUSES

LANGUAGES = ("vi", "en")

LABELS: dict[str, tuple[str, str]] = {
    "app_title": (
        "Nhiệm vụ đột phá, đổi mới — HĐND tỉnh",
        "Breakthrough tasks — Provincial Council",
    ),
    "app_short": ("Nhiệm vụ đột phá", "Breakthrough tasks"),
    "language": ("Ngôn ngữ", "Language"),
    "page_overview": ("Tổng quan", "Overview"),
    "page_analysis": ("Phân tích", "Analysis"),
    "page_tasks": ("Nhiệm vụ", "Tasks"),
    "page_upload": ("Tải lên", "Upload"),
    "page_imports": ("Lịch sử nhập", "Import history"),
    "page_method": ("Cách tính", "How figures are computed"),
    "body": ("Cơ quan", "Body"),
    "area": ("Lĩnh vực", "Area"),
    "position": ("Chức danh", "Position"),
    "official": ("Người thực hiện", "Official"),
    "assigner": ("Cấp giao", "Assigned by"),
    "period": ("Kỳ", "Period"),
    "assigned_on": ("Ngày giao", "Assigned on"),
    "due_on": ("Hạn hoàn thành", "Deadline"),
    "report_date": ("Ngày báo cáo", "Report date"),
    "progress": ("Tiến độ", "Progress"),
    "status": ("Trạng thái", "Status"),
    "note": ("Ghi chú", "Note"),
    "evidence": ("Minh chứng", "Evidence"),
    "tasks_total": ("Tổng số nhiệm vụ", "Tasks"),
    "completion_rate": ("Tỷ lệ hoàn thành", "Completion rate"),
    "on_time_rate": ("Tỷ lệ đúng hạn", "On-time rate"),
    "avg_progress": ("Tiến độ bình quân", "Average progress"),
    "as_of": ("Tính đến ngày", "As of"),
    "data_as_of": ("Số liệu tính đến {date}", "Figures as of {date}"),
    "compare_previous": ("So với kỳ trước", "Compared with the previous period"),
    "year": ("Năm", "Year"),
    "quarter": ("Quý", "Quarter"),
    "half_year": ("6 tháng", "Half-year"),
    "term": ("Nhiệm kỳ", "Term"),
    "custom_range": ("Khoảng thời gian", "Date range"),
    "no_match": ("Không có nhiệm vụ nào phù hợp", "No task matches"),
    "download_template": ("Tải mẫu", "Download template"),
    "preview": ("Xem trước", "Preview"),
    "confirm_write": ("Xác nhận ghi", "Confirm and write"),
    "undo": ("Hoàn tác", "Undo"),
    "status_by_count": ("Số nhiệm vụ theo trạng thái", "Tasks by status"),
    "tasks_unit": ("nhiệm vụ", "tasks"),
    "first_page_note": (
        "Trang tổng quan đầy đủ (biểu đồ theo cơ quan, lĩnh vực, theo quý) đang được xây dựng.",
        "The full overview (charts by body, area and quarter) is being built.",
    ),
    "db_busy": (
        "Cơ sở dữ liệu đang bận (một tiến trình khác đang ghi). Hãy tải lại trang sau ít phút.",
        "The database is busy (another process is writing). Reload the page in a minute.",
    ),
}
for _status in (*TASK_STATUSES, AT_RISK):
    LABELS[_status.code] = (_status.name_vi, _status.name_en)


def text(key: str, language: str = "vi", **values: object) -> str:
    """The word or sentence for ``key`` in ``language`` ('vi' or 'en'), filled with ``values``."""
    vi, en = LABELS[key]
    chosen = en if language == "en" else vi
    return chosen.format(**values) if values else chosen
