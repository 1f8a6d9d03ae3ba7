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
    "filters": ("Bộ lọc", "Filters"),
    "period_kind": ("Kỳ số liệu", "Period"),
    "as_of_date": ("Tính đến ngày", "As of date"),
    "date_from": ("Từ ngày", "From"),
    "date_to": ("Đến ngày", "To"),
    "half_1": ("6 tháng đầu năm", "First half"),
    "half_2": ("6 tháng cuối năm", "Second half"),
    "all_values": ("Tất cả", "All"),
    "clear_filters": ("Xóa bộ lọc", "Clear filters"),
    "not_recorded": ("(chưa ghi)", "(not recorded)"),
    "range_incomplete": (
        "Chọn đủ ngày bắt đầu và ngày kết thúc.",
        "Choose both a start and an end date.",
    ),
    "page_failed": (
        "Trang gặp lỗi khi tính số liệu. Hãy tải lại trang; nếu lỗi còn, báo cho quản trị viên "
        "(chi tiết đã được ghi vào nhật ký máy chủ).",
        "The page failed while computing figures. Reload it; if it persists, tell the "
        "administrator (details are in the server log).",
    ),
    "last_updated": ("Cập nhật gần nhất: {date}", "Last report: {date}"),
    "change_since": ("{change} so với {date}", "{change} vs {date}"),
    "points": ("điểm %", "pts"),
    "completion_by_body": ("Tỷ lệ hoàn thành theo cơ quan", "Completion rate by body"),
    "status_by_area": ("Tình trạng theo lĩnh vực", "Status by area"),
    "body_by_area": ("Lĩnh vực × cơ quan: tỷ lệ hoàn thành", "Area × body: completion rate"),
    "changes_since": (
        "Mũi tên: thay đổi so với {date} (cuối quý trước), cùng bộ lọc.",
        "Arrows: change since {date} (previous quarter end), same filters.",
    ),
    "completion_by_quarter": ("Tỷ lệ hoàn thành theo quý", "Completion rate by quarter"),
    "attention": ("Nhiệm vụ quá hạn và có nguy cơ chậm", "Overdue and at-risk tasks"),
    "nothing_overdue": (
        "Không có nhiệm vụ quá hạn hay có nguy cơ chậm.",
        "No overdue or at-risk task.",
    ),
    "days_late": ("Số ngày quá hạn", "Days late"),
    "days_left": ("Số ngày còn lại", "Days left"),
    "task_code": ("Mã nhiệm vụ", "Task code"),
    "task_title": ("Tên nhiệm vụ", "Task"),
    "open_task": ("Xem", "Open"),
    "remove_filter": ("Bỏ lọc {name}: {value}", "Remove {name}: {value}"),
    "click_to_filter": (
        "Bấm vào một cột hay một lĩnh vực trong biểu đồ để lọc cả trang.",
        "Click a bar or an area in a chart to filter the whole page.",
    ),
    "flag": ("Cảnh báo", "Flag"),
    "search": ("Tìm nhiệm vụ (không cần dấu)", "Search tasks (accents optional)"),
    "search_hint": ("Ví dụ: chat van, giam sat, DP05", "e.g. chat van, giam sat, DP05"),
    "found": ("{n} nhiệm vụ", "{n} tasks"),
    "back_to_list": ("← Danh sách nhiệm vụ", "← Task list"),
    "task_not_found": ("Không tìm thấy nhiệm vụ có mã {code}.", "No task with code {code}."),
    "details": ("Thông tin nhiệm vụ", "Task details"),
    "description": ("Mô tả", "Description"),
    "target": ("Chỉ tiêu", "Target"),
    "done_on": ("Ngày hoàn thành", "Done on"),
    "reporter": ("Người báo cáo", "Reporter"),
    "history": ("Lịch sử báo cáo tiến độ", "Progress history"),
    "no_reports": ("Chưa có báo cáo tiến độ nào.", "No progress report yet."),
    "status_as_of": ("Trạng thái tính đến {date}", "Status as of {date}"),
    "group_by": ("Nhóm theo", "Group by"),
    "compare_with": ("So sánh với", "Compare with"),
    "compare_none": ("Không so sánh", "No comparison"),
    "compare_previous_period": ("Kỳ liền trước", "Previous period"),
    "compare_last_year": ("Cùng kỳ năm trước", "Same period last year"),
    "compared_with": ("So sánh với {period}", "Compared with {period}"),
    "change_short": ("± {figure}", "± {figure}"),
    "download_csv": ("Tải CSV", "Download CSV"),
    "download_xlsx": ("Tải Excel (XLSX)", "Download Excel (XLSX)"),
    "figures_table": ("Bảng số liệu", "Figures"),
    "change": ("Thay đổi", "Change"),
    "group": ("Nhóm", "Group"),
    "all_group": ("Tất cả", "All"),
    "period_delta": ("Tiến độ tăng trong kỳ", "Progress gained in the period"),
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
    # Early warning (analytics/early_warning.py states the same rule).
    "early_warning": ("Cảnh báo sớm", "Early warning"),
    "needed_per_month": ("Tiến độ cần đạt mỗi tháng", "Progress needed per month"),
    "pace_per_month": ("Tốc độ thực hiện mỗi tháng", "Pace per month"),
    "projected_finish": ("Dự kiến hoàn thành", "Projected finish"),
    "early_warning_rule": (
        "Có nguy cơ chậm: với mỗi nhiệm vụ chưa hoàn thành và chưa quá hạn tính đến ngày "
        "xem số liệu (D), so sánh tiến độ cần đạt mỗi tháng để kịp hạn — phần còn lại "
        "(100% trừ tiến độ hiện tại) chia cho số tháng còn lại đến hạn (ít nhất 1 ngày; "
        "1 tháng = 30,44 ngày) — với tốc độ thực hiện: tiến độ tăng thêm bình quân mỗi "
        "tháng trong 180 ngày gần nhất (từ D trừ 180 ngày, hoặc từ ngày giao, coi như 0%, "
        "nếu nhiệm vụ được giao sau đó). Nhiệm vụ có nguy cơ chậm khi tốc độ thực hiện thấp "
        "hơn tiến độ cần đạt, tức là giữ nguyên tốc độ hiện tại thì sẽ hoàn thành sau hạn. "
        "Nhiệm vụ không có báo cáo mới trong 180 ngày có tốc độ bằng 0; nhiệm vụ chưa có "
        "báo cáo nào và mới giao dưới 90 ngày thì chưa đánh giá. Nhiệm vụ đã quá hạn không "
        "xếp vào nhóm này vì đã được tính là quá hạn.",
        "At risk: for each task not done and not yet overdue on the date of the figures "
        "(D), compare the progress needed per month to meet the deadline — what is left "
        "(100% minus the current progress) divided by the months left until the deadline "
        "(at least one day; a month is 30.44 days) — with the task's pace: the progress "
        "gained per month over the last 180 days (from D minus 180 days, or from the "
        "assignment date at 0% if the task was assigned later). A task is at risk when its "
        "pace is below the progress needed, that is, at its current pace it would finish "
        "after the deadline. A task with no new report in 180 days has a pace of 0; a task "
        "with no report at all, assigned less than 90 days ago, is not judged yet. Overdue "
        "tasks are not counted here: they already count as overdue.",
    ),
}
for _status in (*TASK_STATUSES, AT_RISK):
    LABELS[_status.code] = (_status.name_vi, _status.name_en)


def text(key: str, language: str = "vi", **values: object) -> str:
    """The word or sentence for ``key`` in ``language`` ('vi' or 'en'), filled with ``values``."""
    vi, en = LABELS[key]
    chosen = en if language == "en" else vi
    return chosen.format(**values) if values else chosen
