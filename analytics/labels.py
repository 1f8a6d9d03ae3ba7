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
    "page_inbox": ("Hộp thư", "Inbox"),
    "missing_line": (
        "{n} nhiệm vụ chưa báo cáo {period}: {bodies} — xem trang Giao việc.",
        "{n} tasks without a report in {period}: {bodies} — see Assignment.",
    ),
    "missing_title": ("Chưa báo cáo kỳ này: {period}", "No report this period: {period}"),
    "missing_note": (
        "Kỳ báo cáo gần nhất đã kết thúc, theo thời gian chốt số liệu ngày 14 của Nghị định "
        "09/2019/NĐ-CP: nhiệm vụ đã giao trước khi kỳ bắt đầu, chưa hoàn thành, không có báo "
        "cáo nào ghi ngày trong kỳ.",
        "The last reporting period that ended, by the cut-off on the 14th of Decree "
        "09/2019/NĐ-CP: tasks assigned before it began, not done, with no report dated in it.",
    ),
    "missing_none": (
        "Mọi nhiệm vụ đã giao đều có báo cáo trong kỳ.",
        "Every assigned task reported in it.",
    ),
    "missing_count": ("Chưa báo cáo", "Missing"),
    "page_inbox_unread": ("Hộp thư ({n})", "Inbox ({n})"),
    "inbox_intro": (
        "Thư nhắc việc gửi cho tài khoản này (hạn sắp đến, quá hạn, chưa báo cáo, giải trình, "
        "chờ quyết định), mới nhất trước.",
        "Reminders sent to this account (deadlines near, overdue, missing reports, "
        "explanations, decisions waiting), newest first.",
    ),
    "inbox_empty": ("Chưa có thư nào.", "No messages yet."),
    "inbox_days": ("{n} ngày", "{n} days"),
    "inbox_emailed": ("Đã gửi kèm qua thư điện tử.", "Also sent by e-mail."),
    "inbox_only": ("Chỉ trong hộp thư (không gửi thư điện tử).", "In the inbox only (no e-mail)."),
    "inbox_mark_read": ("Đánh dấu đã đọc", "Mark as read"),
    "inbox_mark_unread": ("Đánh dấu chưa đọc", "Mark as unread"),
    "page_method": ("Cách tính", "How figures are computed"),
    # Accounts, signing in, the admin page (ui/auth.py, pages/signin.py, pages/audit.py)
    "page_signin": ("Đăng nhập", "Sign in"),
    "page_admin": ("Quản trị", "Administration"),
    "signin_intro": (
        "Số liệu của Hội đồng chỉ dành cho tài khoản được cấp. Hãy đăng nhập để tiếp tục.",
        "The council's figures are for issued accounts only. Sign in to continue.",
    ),
    "signin_name": ("Tên đăng nhập", "Sign-in name"),
    "signin_password": ("Mật khẩu", "Password"),
    "signin_button": ("Đăng nhập", "Sign in"),
    "signin_failed": (
        "Tên đăng nhập hoặc mật khẩu không đúng, hoặc tài khoản đang bị khoá. Sau 5 lần sai "
        "liên tiếp, tài khoản bị tạm khoá 15 phút.",
        "Wrong sign-in name or password, or the account is locked. After 5 wrong passwords in "
        "a row an account is locked for 15 minutes.",
    ),
    "signin_empty": ("Hãy nhập tên đăng nhập và mật khẩu.", "Enter a name and a password."),
    "signin_help": (
        "Quên mật khẩu hoặc bị khoá? Liên hệ quản trị viên để đặt lại.",
        "Forgot the password or locked out? Ask the administrator to reset it.",
    ),
    "signin_already": ("Bạn đang đăng nhập với tên {name}.", "You are signed in as {name}."),
    "session_idle": (
        "Phiên làm việc đã kết thúc vì không hoạt động quá 8 giờ. Hãy đăng nhập lại.",
        "The session ended after 8 hours without activity. Sign in again.",
    ),
    "session_changed": (
        "Tài khoản vừa được thay đổi (vai trò, mật khẩu hoặc bị khoá). Hãy đăng nhập lại.",
        "The account was just changed (role, password, or disabled). Sign in again.",
    ),
    "signed_out": ("Đã đăng xuất.", "Signed out."),
    "signout": ("Đăng xuất", "Sign out"),
    "signed_in_as": (
        ":material/person: **{name}** · {role}",
        ":material/person: **{name}** · {role}",
    ),
    "local_mode_user": ("Chế độ máy cục bộ · {role}", "Local mode · {role}"),
    "local_banner": (
        "**Chế độ máy cục bộ** — chưa có tài khoản nào nên ai dùng máy này cũng là quản trị viên. "
        "Tạo tài khoản đầu tiên ở trang Quản trị hoặc bằng lệnh "
        "`python -m analytics user add TEN --role admin --password-stdin`; sau đó mọi trang "
        "đều cần đăng nhập.",
        "**Local mode** — no account exists, so whoever uses this machine is an administrator. "
        "Create the first account on the Administration page or with "
        "`python -m analytics user add NAME --role admin --password-stdin`; from then on every "
        "page asks to sign in.",
    ),
    "local_only": (
        "Ứng dụng chưa có tài khoản nào nên chỉ mở được trên chính máy chủ. Quản trị viên hãy "
        "tạo tài khoản đầu tiên bằng lệnh `python -m analytics user add TEN --role admin "
        "--password-stdin`.",
        "No account exists yet, so the app opens only on the server itself. The administrator "
        "should create the first account with `python -m analytics user add NAME --role admin "
        "--password-stdin`.",
    ),
    "refused_page": (
        "Tài khoản {name} (vai trò: {role}) không được mở trang này. Nếu cần, hãy đề nghị quản "
        "trị viên cấp quyền.",
        "The account {name} (role: {role}) may not open this page. Ask the administrator if you "
        "need it.",
    ),
    "refused_action": (
        "Tài khoản của bạn không được thực hiện thao tác này.",
        "Your account may not do this.",
    ),
    "scope_note": (
        "Tài khoản này chỉ được nhập số liệu cho cơ quan: {bodies}.",
        "This account may import only for the bodies: {bodies}.",
    ),
    "undo_own_only": (
        "Bạn chỉ hoàn tác được các lần nhập của chính mình.",
        "You can undo only your own imports.",
    ),
    "accounts": ("Tài khoản", "Accounts"),
    "add_account": ("Thêm tài khoản", "Add an account"),
    "role": ("Vai trò", "Role"),
    "choose_role": ("Chọn vai trò", "Choose a role"),
    "account_bodies": ("Giới hạn cơ quan (chỉ cho vai trò tải số liệu)", "Limit to bodies (staff)"),
    "official_body": ("Cơ quan (chỉ cho vai trò cán bộ, công chức)", "Body (officials only)"),
    "official_position": (
        "Chức danh (chỉ cho vai trò cán bộ, công chức)",
        "Position (officials only)",
    ),
    "official_place_help": (
        "Tài khoản cán bộ, công chức gắn với một cơ quan và một chức danh: nhiệm vụ của nó là "
        "các nhiệm vụ của chức danh đó.",
        "An official's account is bound to one body and one position: its tasks are that "
        "position's.",
    ),
    "choose_body": ("Chọn cơ quan", "Choose a body"),
    "choose_position": ("Chọn chức danh", "Choose a position"),
    "account_email": ("Thư điện tử (không bắt buộc)", "E-mail (optional)"),
    "account_mail": ("Thư điện tử và thư nhắc việc", "E-mail and reminders"),
    "new_email": ("Địa chỉ thư mới (để trống: giữ nguyên)", "New address (empty: keep)"),
    "email_remove": ("Xóa địa chỉ thư", "Remove the address"),
    "reminders_choice": ("Thư nhắc việc qua e-mail", "Reminder e-mails"),
    "reminders_keep": ("Giữ nguyên", "Keep"),
    "reminders_on": ("Bật", "On"),
    "reminders_off": ("Tắt (vẫn vào hộp thư)", "Off (the inbox stays)"),
    "save_mail": ("Lưu", "Save"),
    "mail_saved": ("Đã lưu thư điện tử và thư nhắc của {name}.", "Saved {name}'s e-mail settings."),
    "my_reminders": ("Gửi thư nhắc việc qua e-mail cho tôi", "E-mail my reminders to me"),
    "col_email": ("Thư điện tử", "E-mail"),
    "account_bodies_help": (
        "Để trống: được nhập cho mọi cơ quan.",
        "Leave empty for every body.",
    ),
    "new_password": ("Mật khẩu (ít nhất 10 ký tự)", "Password (at least 10 characters)"),
    "repeat_password": ("Nhập lại mật khẩu", "Repeat the password"),
    "passwords_differ": ("Hai mật khẩu không giống nhau.", "The two passwords differ."),
    "create_account": ("Tạo tài khoản", "Create the account"),
    "account_created": ("Đã tạo tài khoản {name}.", "Account {name} created."),
    "change_account": ("Khoá, mở lại hoặc đặt mật khẩu mới", "Disable, enable or reset"),
    "choose_account": ("Tài khoản", "Account"),
    "set_password": ("Đặt mật khẩu mới", "Set the new password"),
    "password_set": ("Đã đặt mật khẩu mới cho {name}.", "New password set for {name}."),
    "disable_account": ("Khoá tài khoản", "Disable the account"),
    "enable_account": ("Mở lại tài khoản", "Enable the account"),
    "account_disabled": ("Đã khoá tài khoản {name}.", "Account {name} disabled."),
    "account_enabled": ("Đã mở lại tài khoản {name}.", "Account {name} enabled."),
    "no_accounts": ("Chưa có tài khoản nào.", "No account yet."),
    "col_account": ("Tên đăng nhập", "Name"),
    "col_bodies": ("Cơ quan", "Bodies"),
    "col_created": ("Tạo lúc", "Created"),
    "col_updated": ("Cập nhật", "Updated"),
    "state_enabled": ("Đang hoạt động", "Active"),
    "state_disabled": ("Đã khoá", "Disabled"),
    "state_locked": ("Tạm khoá đến {when}", "Locked until {when}"),
    "every_body": ("Mọi cơ quan", "Every body"),
    "audit": ("Nhật ký", "Audit log"),
    "audit_intro": (
        "Đăng nhập, đăng nhập sai, nhập tệp, hoàn tác và thay đổi tài khoản: ai, lúc nào, "
        "việc gì. Màn hình hiện {n} dòng gần nhất; tệp tải về có đủ mọi dòng.",
        "Sign-ins, failed sign-ins, imports, undos and account changes: who, when, what. "
        "The screen shows the latest {n} lines; the download has them all.",
    ),
    "download_audit": ("Tải nhật ký (CSV)", "Download the log (CSV)"),
    "col_when": ("Thời điểm", "When"),
    "col_actor": ("Người thực hiện", "Who"),
    "col_action": ("Thao tác", "Action"),
    "col_target": ("Đối tượng", "Object"),
    "col_detail": ("Chi tiết", "Detail"),
    "col_channel": ("Qua", "Via"),
    "channel_app": ("Ứng dụng", "App"),
    "channel_cli": ("Dòng lệnh", "Command line"),
    "audit_signin": ("Đăng nhập", "Sign-in"),
    "audit_signin_failed": ("Đăng nhập không thành công", "Failed sign-in"),
    "audit_lockout": ("Tạm khoá sau 5 lần sai", "Locked after 5 failures"),
    "audit_signout": ("Đăng xuất", "Sign-out"),
    "audit_throttled": (
        "Tạm chặn địa chỉ vì đăng nhập sai nhiều lần",
        "Address held back after many failures",
    ),
    "audit_session_end": ("Hết phiên", "Session ended"),
    "audit_user_add": ("Tạo tài khoản", "Account created"),
    "audit_user_disable": ("Khoá tài khoản", "Account disabled"),
    "audit_user_enable": ("Mở lại tài khoản", "Account enabled"),
    "audit_user_passwd": ("Đặt mật khẩu mới", "Password set"),
    "audit_user_edit": ("Sửa tài khoản", "Account changed"),
    "audit_import": ("Nhập tệp", "Import"),
    "audit_undo": ("Hoàn tác lần nhập", "Import undone"),
    "local_actor": ("(máy cục bộ)", "(local machine)"),
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
    "extended": ("Được gia hạn", "Extended"),
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
    # A period view compares with the previous period of the same kind (overview, report)
    "vs_period": ("so với {period}", "vs {period}"),
    "changes_since_period": (
        "Mũi tên: thay đổi so với {period}, kỳ liền trước cùng loại, cùng phạm vi (các nhiệm "
        "vụ có thời gian thực hiện trùng kỳ) và cùng bộ lọc.",
        "Arrows: change from {period}, the previous period of the same kind, same scope (the "
        "tasks running during the period) and same filters.",
    ),
    "report_as_of_period": (
        "Số liệu tính đến ngày {date}; mức thay đổi so với {period}, kỳ liền trước cùng loại.",
        "Figures as of {date}; changes from {period}, the previous period of the same kind.",
    ),
    "report_change_period": ("Thay đổi so với {period}", "Change from {period}"),
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
    "pace_line": (
        "Tốc độ 180 ngày gần nhất: {pace} điểm %/tháng · cần {needed} điểm %/tháng để kịp hạn"
        "{finish}",
        "Pace over the last 180 days: {pace} points/month · {needed} points/month needed{finish}",
    ),
    "projected": (" · dự kiến hoàn thành {date}", " · projected finish {date}"),
    "not_judged": ("Chưa đủ dữ liệu để đánh giá tốc độ.", "Not enough reports to judge the pace."),
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
    # The analysis page's chart (analytics/charts.figure_by_group, pages/analysis.py)
    "figure_shown": ("Chỉ số", "Figure"),
    "figure_by_group": ("{figure} theo {group}", "{figure} by {group}"),
    "as_of_short": ("Tính đến {date}", "As of {date}"),
    "lowest_first": ("Thấp nhất ở trên cùng", "Lowest on top"),
    "highest_first": ("Nhiều nhất ở trên cùng", "Largest on top"),
    "no_comparison": (
        "Không so sánh với kỳ nào (chọn kỳ ở ô «So sánh với»)",
        "Not compared with another period (choose one under «Compare with»)",
    ),
    "nothing_to_compare": (
        "{period} không có nhiệm vụ nào phù hợp để so sánh",
        "{period} has no matching task to compare with",
    ),
    "page_cascade": ("Giao việc", "Assignment"),
    "nav_data": ("Dữ liệu", "Data"),
    "nav_more": ("Khác", "More"),
    "page_appraisal": ("Đánh giá cuối năm", "Year-end appraisal"),
    "cascade_title": (
        "Ai giao việc cho ai: cấp giao → cơ quan → chức danh → nhiệm vụ",
        "Who assigned what to whom: level → body → position → task",
    ),
    "cascade_hint": (
        "Mỗi vòng ghi tỷ lệ hoàn thành (màu đậm hơn: hoàn thành nhiều hơn); nhiệm vụ ở vòng "
        "ngoài tô màu theo trạng thái. Bấm vào một vòng để xem gần hơn, bấm vào tâm để quay lại.",
        "Every ring shows its completion rate (darker: more done); tasks on the outer ring are "
        "coloured by status. Click a ring to zoom in; click the centre to go back.",
    ),
    "cascade_table": ("Bảng phân cấp", "The cascade as a table"),
    "narrow_to": (
        "Thu hẹp cả trang theo một cấp giao, cơ quan hoặc chức danh",
        "Narrow the page to a level, body or position",
    ),
    "level_name": ("Cấp giao / cơ quan / chức danh / nhiệm vụ", "Level / body / position / task"),
    "done_count": ("Đã hoàn thành", "Done"),
    "waiting_title": ("Nhiệm vụ đang chờ giao", "Tasks waiting to be assigned"),
    "waiting_note": (
        "Nhiệm vụ đăng ký, đề xuất hoặc bị trả lại chưa được tính vào số liệu.",
        "Registered, proposed or returned tasks are not counted in the figures.",
    ),
    "no_waiting": ("Không có nhiệm vụ nào đang chờ giao.", "No task is waiting."),
    "assignment_state": ("Trạng thái giao", "Assignment state"),
    "return_reason": ("Lý do trả lại", "Reason returned"),
    "silent_title": ("Nhiệm vụ chưa báo cáo tiến độ", "Tasks without a recent report"),
    "silent_days": ("Số ngày không có báo cáo", "Days without a report"),
    "silent_note": (
        "Nhiệm vụ đã giao, chưa hoàn thành, không có báo cáo tiến độ nào ghi ngày trong {days} "
        "ngày gần nhất (tính theo ngày báo cáo, không theo ngày nhập).",
        "Assigned, open tasks with no progress report dated in the last {days} days (report "
        "dates, not import dates).",
    ),
    "silent_count": (
        "{n} nhiệm vụ chưa có báo cáo tiến độ trong {days} ngày — xem trang Giao việc.",
        "{n} tasks have no progress report in {days} days — see the Assignment page.",
    ),
    "no_silent": ("Mọi nhiệm vụ đều có báo cáo gần đây.", "Every task has a recent report."),
    "last_report": ("Báo cáo gần nhất", "Last report"),
    "appraisal_year": ("Năm đánh giá", "Year appraised"),
    "appraisal_by": ("Tổng hợp theo", "Summed by"),
    "not_appraised": ("Chưa đánh giá", "Not appraised"),
    "official_sheet": ("Phiếu đánh giá của một người", "One official's sheet"),
    "choose_official": ("Người thực hiện", "Official"),
    "rating": ("Mức đánh giá", "Rating"),
    "appraiser": ("Người đánh giá", "Appraiser"),
    "appraised_on": ("Ngày đánh giá", "Appraised on"),
    "comment": ("Nhận xét", "Comment"),
    "status_at_year_end": ("Trạng thái tại 31/12/{year}", "Status on 31/12/{year}"),
    "download_docx": ("Tải Word (DOCX)", "Download Word (DOCX)"),
    "enter_appraisal": ("Nhập đánh giá", "Enter a rating"),
    "enter_appraisal_note": (
        "Ghi đánh giá cho một nhiệm vụ; mỗi lần ghi được lưu trong Lịch sử nhập và có thể "
        "hoàn tác.",
        "Record a task's rating; every entry is kept in the import history and can be undone.",
    ),
    "save_rating": ("Ghi đánh giá", "Save the rating"),
    "rating_saved": ("Đã ghi đánh giá (lần nhập số {id}).", "Rating saved (import {id})."),
    "no_tasks_year": ("Không có nhiệm vụ nào trong năm này.", "No task covers this year."),
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
    "db_unreachable": (
        "Không kết nối được cơ sở dữ liệu PostgreSQL. Hãy báo quản trị viên kiểm tra máy chủ "
        "cơ sở dữ liệu, rồi tải lại trang.",
        "Cannot reach the PostgreSQL database. Ask the administrator to check the database "
        "server, then reload the page.",
    ),
    "db_missing": (
        "Không có cơ sở dữ liệu {path}. Ứng dụng không tự tạo tệp ở đường dẫn do TRACKER_DB "
        "chỉ định (có thể gõ nhầm). Hãy kiểm tra TRACKER_DB, hoặc tạo tệp bằng lệnh: "
        "python -m analytics init --db {path}",
        "There is no database at {path}. The app does not create a file at a path TRACKER_DB "
        "names (it may be mistyped). Check TRACKER_DB, or create the file with: "
        "python -m analytics init --db {path}",
    ),
    # Early warning (analytics/early_warning.py states the same rule).
    "early_warning": ("Cảnh báo sớm", "Early warning"),
    "needed_per_month": ("Tiến độ cần đạt mỗi tháng", "Progress needed per month"),
    "pace_per_month": ("Tốc độ thực hiện mỗi tháng", "Pace per month"),
    "projected_finish": ("Dự kiến hoàn thành", "Projected finish"),
    "early_warning_rule": (
        "Có nguy cơ chậm: với mỗi nhiệm vụ chưa hoàn thành và chưa quá hạn tính đến ngày "
        "xem số liệu (D), so sánh tiến độ cần đạt mỗi tháng để kịp hạn — phần còn lại "
        "(100% trừ tiến độ hiện tại) chia cho số tháng còn lại đến hạn đang có hiệu lực "
        "(hạn mới nếu đã được duyệt gia hạn; ít nhất 1 ngày; 1 tháng = 30,44 ngày) — với "
        "tốc độ thực hiện: tiến độ tăng thêm bình quân mỗi tháng trong 180 ngày gần nhất "
        "(từ D trừ 180 ngày, hoặc từ ngày giao, coi như 0%, nếu nhiệm vụ được giao sau "
        "đó). Nhiệm vụ có nguy cơ chậm khi tốc độ thực hiện thấp "
        "hơn tiến độ cần đạt, tức là giữ nguyên tốc độ hiện tại thì sẽ hoàn thành sau hạn. "
        "Nhiệm vụ không có báo cáo mới trong 180 ngày có tốc độ bằng 0; nhiệm vụ chưa có "
        "báo cáo nào và mới giao dưới 90 ngày thì chưa đánh giá. Nhiệm vụ đã quá hạn không "
        "xếp vào nhóm này vì đã được tính là quá hạn.",
        "At risk: for each task not done and not yet overdue on the date of the figures "
        "(D), compare the progress needed per month to meet the deadline — what is left "
        "(100% minus the current progress) divided by the months left until the deadline "
        "in force (an approved extension's, if any; at least one day; a month is 30.44 "
        "days) — with the task's pace: the progress gained per month over the last 180 "
        "days (from D minus 180 days, or from the assignment date at 0% if the task was "
        "assigned later). A task is at risk when its "
        "pace is below the progress needed, that is, at its current pace it would finish "
        "after the deadline. A task with no new report in 180 days has a pace of 0; a task "
        "with no report at all, assigned less than 90 days ago, is not judged yet. Overdue "
        "tasks are not counted here: they already count as overdue.",
    ),
    # Upload and import history (pages/upload.py, pages/imports.py)
    "upload_intro": (
        "Tải lên tệp CSV hoặc Excel (.xlsx) về nhiệm vụ, tiến độ hoặc đánh giá cuối năm. "
        "Loại tệp được nhận ra từ dòng tiêu đề. Xem trước kết quả, rồi mới xác nhận ghi.",
        "Upload a CSV or Excel (.xlsx) file of tasks, progress reports or year-end "
        "appraisals. The kind is told from the header row. Check the preview, then confirm.",
    ),
    "templates_intro": (
        "Mẫu trống có sẵn tiêu đề cột; bản Excel có một dòng ví dụ để ghi đè.",
        "Blank templates with the column headers; the Excel one has an example row to overwrite.",
    ),
    "template_button": ("{kind} ({fmt})", "{kind} ({fmt})"),
    "kind_tasks": ("Nhiệm vụ", "Tasks"),
    "kind_progress": ("Tiến độ", "Progress"),
    "kind_appraisal": ("Đánh giá cuối năm", "Year-end appraisal"),
    "choose_file": (
        "Chọn tệp (CSV hoặc .xlsx, tối đa 100 MB)",
        "Choose a file (CSV or .xlsx, at most 100 MB)",
    ),
    "uploader_name": ("Người tải lên", "Uploaded by"),
    "uploader_name_help": (
        "Tên được ghi vào lịch sử nhập cùng với tệp.",
        "The name kept in the import history with the file.",
    ),
    "file_kind": ("Loại tệp", "Kind of file"),
    "rows_in_file": ("Số dòng", "Rows"),
    "new_rows": ("Mới", "New"),
    "changed_rows": ("Thay đổi", "Changed"),
    "unchanged_rows": ("Không đổi", "Unchanged"),
    "preview_ok": (
        "Tệp hợp lệ. Chưa có gì được ghi: hãy kiểm tra các số trên rồi bấm «Xác nhận ghi».",
        "The file is valid. Nothing is written yet: check the counts, then press «Confirm and "
        "write».",
    ),
    "preview_nothing_new": (
        "Mọi dòng của tệp đã có trong cơ sở dữ liệu với cùng giá trị; ghi lại không thay đổi gì.",
        "Every row of the file is already stored with the same values; writing changes nothing.",
    ),
    "preview_rejected": (
        "Tệp có {n} lỗi nên chưa thể ghi. Hãy sửa tệp theo bảng dưới đây rồi tải lên lại.",
        "The file has {n} errors and cannot be written. Fix them as listed below and upload "
        "it again.",
    ),
    "need_name": ("Hãy nhập tên người tải lên để ghi.", "Enter who uploads to write the file."),
    "import_written": (
        "Đã ghi lần nhập số {id} ({file}): {new} dòng mới, {changed} dòng thay đổi, "
        "{unchanged} dòng không đổi.",
        "Import {id} written ({file}): {new} new rows, {changed} changed, {unchanged} unchanged.",
    ),
    "import_undo_hint": (
        "Ghi nhầm? Bấm «Hoàn tác» để đưa dữ liệu về đúng như trước lần nhập này.",
        "Wrong file? Press «Undo» to put the data back exactly as before this import.",
    ),
    "import_conflict": (
        "Một thao tác ghi khác đang chạy nên chưa ghi gì. Hãy bấm «Xác nhận ghi» lại sau ít giây.",
        "Another write is running, so nothing was written. Press «Confirm and write» again in "
        "a few seconds.",
    ),
    "col_row": ("Dòng", "Row"),
    "col_column": ("Cột", "Column"),
    "col_value": ("Giá trị", "Value"),
    "col_message": ("Nội dung lỗi", "Error"),
    "go_to_history": ("Xem lịch sử nhập", "See the import history"),
    "imports_intro": (
        "Mỗi lần ghi tệp được lưu lại. Hoàn tác đưa dữ liệu về đúng như trước lần nhập đó; "
        "không hoàn tác được khi một lần nhập sau đã sửa cùng các dòng (hãy hoàn tác lần sau "
        "trước).",
        "Every written file is kept here. Undo puts the data back exactly as before that "
        "import; it is refused while a later import changed the same rows (undo that one "
        "first).",
    ),
    "imports_empty": ("Chưa có lần nhập nào.", "No import yet."),
    "col_import_id": ("Số", "No."),
    "col_imported_at": ("Thời điểm", "Time"),
    "col_user": ("Người nhập", "By"),
    "col_file": ("Tệp", "File"),
    "col_kind": ("Loại", "Kind"),
    "col_sha256": ("SHA-256", "SHA-256"),
    "col_state": ("Tình trạng", "State"),
    "state_active": ("Đang hiệu lực", "In effect"),
    "state_undone": ("Đã hoàn tác {when}", "Undone {when}"),
    "choose_import": ("Lần nhập cần hoàn tác", "Import to undo"),
    "import_choice": ("Số {id} — {file} ({when})", "No. {id} — {file} ({when})"),
    "nothing_to_undo": ("Không còn lần nhập nào để hoàn tác.", "No import left to undo."),
    "checking_file": ("Đang kiểm tra tệp…", "Checking the file…"),
    "writing_file": ("Đang ghi…", "Writing…"),
    # The meeting report (analytics/report): PDF and DOCX.
    "report_pdf": ("Tải báo cáo (PDF)", "Download the report (PDF)"),
    "report_docx": ("Tải báo cáo (Word)", "Download the report (Word)"),
    "report_help": (
        "Báo cáo họp cho kỳ và bộ lọc đang chọn: số liệu chính, biểu đồ, bảng theo cơ quan "
        "và lĩnh vực, nhiệm vụ quá hạn và có nguy cơ chậm, cách tính. Tạo khi bấm (vài giây).",
        "A meeting report for the chosen period and filters: headline figures, charts, "
        "tables by body and area, overdue and at-risk tasks, definitions. Made when you "
        "click (a few seconds).",
    ),
    "report_org": ("HỘI ĐỒNG NHÂN DÂN TỈNH", "PROVINCIAL PEOPLE'S COUNCIL"),
    "report_org_unit": ("THƯỜNG TRỰC HĐND", "STANDING COMMITTEE"),
    "report_nation": ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "SOCIALIST REPUBLIC OF VIET NAM"),
    "report_motto": ("Độc lập - Tự do - Hạnh phúc", "Independence - Freedom - Happiness"),
    "report_number": ("Số: ....../BC-HĐND", "No. ....../BC-HĐND"),
    "report_place_date": (
        "......, ngày {day} tháng {month} năm {year}",
        "......, {month_name} {day}, {year}",
    ),
    "report_kind": ("BÁO CÁO", "REPORT"),
    "report_subject": (
        "Kết quả thực hiện nhiệm vụ đột phá, đổi mới",
        "on the results of the breakthrough and innovation tasks",
    ),
    "report_period": ("Kỳ báo cáo: {period}", "Period: {period}"),
    "report_as_of": (
        "Số liệu tính đến ngày {date}; mức thay đổi so với ngày {since} (cuối quý trước).",
        "Figures as of {date}; changes since {since} (the previous quarter end).",
    ),
    "report_scope": ("Phạm vi: {scope}.", "Scope: {scope}."),
    "report_scope_all": ("tất cả nhiệm vụ đã giao", "every assigned task"),
    "report_last_update": (
        "Báo cáo tiến độ mới nhất trong cơ sở dữ liệu: ngày {date}.",
        "Latest progress report in the database: {date}.",
    ),
    "report_headline": ("I. Số liệu chính", "I. Headline figures"),
    "report_charts": ("II. Biểu đồ", "II. Charts"),
    "report_by_body": ("III. Kết quả theo cơ quan", "III. Results by body"),
    "report_by_area": ("IV. Kết quả theo lĩnh vực", "IV. Results by area"),
    "report_attention": (
        "V. Nhiệm vụ quá hạn và có nguy cơ chậm",
        "V. Overdue and at-risk tasks",
    ),
    "report_method": ("Phụ lục: Cách tính số liệu", "Appendix: how the figures are computed"),
    "report_sentence": (
        "Tính đến ngày {date}, trong {tasks} nhiệm vụ thuộc phạm vi báo cáo có {done} nhiệm vụ "
        "đã hoàn thành (tỷ lệ hoàn thành {rate}), trong đó {on_time} nhiệm vụ hoàn thành đúng "
        "hạn; {overdue} nhiệm vụ quá hạn; {at_risk} nhiệm vụ có nguy cơ chậm.",
        "As of {date}, of the {tasks} tasks in scope {done} are done (completion rate "
        "{rate}), {on_time} of them on time; {overdue} are overdue; {at_risk} are at risk.",
    ),
    "report_figure": ("Chỉ tiêu", "Figure"),
    "report_value": ("Giá trị", "Value"),
    "report_change": ("Thay đổi so với {date}", "Change since {date}"),
    "report_total": ("Tổng cộng", "Total"),
    "report_days": ("Quá hạn / còn lại (ngày)", "Days late / left"),
    "report_progress": ("Tiến độ (%)", "Progress (%)"),
    "report_no_charts": (
        "Không tạo được hình biểu đồ ({reason}); các bảng số liệu dưới đây vẫn đầy đủ.",
        "The chart images could not be made ({reason}); the tables below are complete.",
    ),
    "report_recipients": ("Nơi nhận:", "To:"),
    "report_recipient_lines": (
        "- Thường trực HĐND tỉnh;\n- Các Ban HĐND tỉnh;\n- Lưu: VT.",
        "- The Council's Standing Committee;\n- The Council's committees;\n- File.",
    ),
    "report_signer": ("TM. THƯỜNG TRỰC HĐND", "FOR THE STANDING COMMITTEE"),
    "report_signature": ("(Ký, ghi rõ họ tên)", "(Signature and full name)"),
    "report_generated": (
        "Lập ngày {date} từ hệ thống theo dõi nhiệm vụ đột phá, đổi mới.",
        "Made on {date} by the breakthrough-task tracker.",
    ),
    "report_page": ("Trang {page}/{pages}", "Page {page} of {pages}"),
    "unknown_address": (
        "Không có trang '{address}'; đang mở trang Tổng quan.",
        "There is no page '{address}'; showing the overview.",
    ),
    # The reference lists (Quản trị → Danh mục).
    "reference": ("Danh mục", "Reference lists"),
    "reference_intro": (
        "Sửa tên, thêm hoặc bỏ một dòng rồi bấm Lưu; thứ tự các dòng là thứ tự trên mọi "
        "màn hình. Mã cơ quan và mã lĩnh vực là mã trong tệp nhập: muốn đổi mã, hãy thêm mã "
        "mới, nhập lại các nhiệm vụ với mã mới, rồi bỏ mã cũ.",
        "Rename, add or remove a row, then Save; the order of the rows is the order on every "
        "screen. Body and area codes are the codes files carry: to change one, add the new "
        "code, import the tasks again with it, then remove the old one.",
    ),
    "reference_list": ("Danh mục cần sửa", "List to edit"),
    "ref_list_bodies": ("Cơ quan", "Bodies"),
    "ref_list_areas": ("Lĩnh vực", "Areas"),
    "ref_list_positions": ("Chức danh", "Positions"),
    "ref_list_periods": ("Kỳ giao nhiệm vụ", "Periods"),
    "ref_col_code": ("Mã", "Code"),
    "ref_col_name_vi": ("Tên tiếng Việt", "Vietnamese name"),
    "ref_col_name_en": ("Tên tiếng Anh", "English name"),
    "ref_col_headline": ("Lĩnh vực chính", "Headline area"),
    "ref_col_label": ("Kỳ", "Period"),
    "ref_col_kind": ("Loại kỳ", "Kind"),
    "ref_save": ("Lưu danh mục", "Save the list"),
    "ref_saved": (
        "Đã lưu danh mục {list}: thêm {added}, sửa {changed}, bỏ {removed} dòng.",
        "Saved {list}: {added} added, {changed} changed, {removed} removed.",
    ),
    "ref_unchanged": ("Danh mục {list} không có gì thay đổi.", "Nothing changed in {list}."),
    "ref_reordered": ("Đã lưu thứ tự mới của danh mục {list}.", "Saved the new order of {list}."),
    "ref_rejected": (
        "Chưa lưu: danh mục có {n} lỗi, sửa rồi bấm Lưu lại.",
        "Not saved: the list has {n} problem(s); fix them and save again.",
    ),
    "ref_required": ("Không được để trống.", "Must not be empty."),
    "ref_too_long": ("Dài quá {n} ký tự.", "Longer than {n} characters."),
    "ref_bad_code_bodies": (
        "Mã '{value}' không hợp lệ: mã cơ quan gồm chữ in hoa không dấu, chữ số hoặc '_', "
        "tối đa 16 ký tự (ví dụ KTNS).",
        "Code '{value}' is not valid: body codes are capital letters without accents, digits "
        "or '_', at most 16 (e.g. KTNS).",
    ),
    "ref_bad_code_areas": (
        "Mã '{value}' không hợp lệ: mã lĩnh vực gồm chữ thường không dấu, chữ số hoặc '_', "
        "2–40 ký tự (ví dụ dau_tu_cong).",
        "Code '{value}' is not valid: area codes are small letters without accents, digits or "
        "'_', 2–40 of them (e.g. dau_tu_cong).",
    ),
    "ref_duplicate": (
        "'{value}' trùng với dòng {other} (không phân biệt dấu, hoa thường): tệp nhập sẽ "
        "không biết là dòng nào.",
        "'{value}' is the same as row {other} (accents and case aside): a file could not tell "
        "them apart.",
    ),
    "ref_in_use": (
        "Không bỏ được '{value}': {n} nhiệm vụ đang dùng.",
        "Cannot remove '{value}': {n} task(s) use it.",
    ),
    "ref_in_scope": (
        "Không bỏ được '{value}': {n} tài khoản chỉ làm việc với cơ quan này.",
        "Cannot remove '{value}': {n} account(s) are limited to this body.",
    ),
    "ref_position_held": (
        "Không bỏ được '{value}': {n} tài khoản cán bộ, công chức mang chức danh này.",
        "Cannot remove '{value}': {n} official account(s) hold this position.",
    ),
    "ref_bad_period": (
        "Kỳ '{value}' không hợp lệ: ghi 2026 (một năm) hoặc 2026-2030 (năm sau không nhỏ hơn "
        "năm trước).",
        "Period '{value}' is not valid: write 2026 (a year) or 2026-2030 (the second year not "
        "before the first).",
    ),
    "ref_bad_kind": (
        "Loại kỳ '{value}' không có; chọn một trong: {allowed}.",
        "No period kind '{value}'; choose one of: {allowed}.",
    ),
    "ref_kind_mismatch": (
        "Một năm là loại 'Năm'; từ năm này đến năm khác là 'Giai đoạn' hoặc 'Nhiệm kỳ'.",
        "A single year is of kind 'Year'; a span of years is a 'Phase' or a 'Term'.",
    ),
    "ref_empty_list": ("Danh mục không được trống.", "The list must not be empty."),
    "audit_reference_change": ("Sửa danh mục", "Reference list changed"),
    # Acting on a task (pages/tasks.py, ui/task_actions.py)
    "actions_title": ("Thao tác", "Actions"),
    "action_propose": ("Đề xuất", "Propose"),
    "action_assign": ("Giao", "Assign"),
    "action_return": ("Trả lại", "Return"),
    "action_report": ("Báo cáo tiến độ", "Report progress"),
    "action_answer": ("Giải trình", "Explain"),
    "action_extend": ("Xin gia hạn", "Ask for more time"),
    "action_approve-extension": ("Duyệt gia hạn", "Approve the extension"),
    "action_refuse-extension": ("Từ chối gia hạn", "Refuse the extension"),
    "action_ask": ("Yêu cầu giải trình", "Ask for an explanation"),
    "action_comment": ("Bình luận", "Comment"),
    "submit_propose": ("Đề xuất nhiệm vụ", "Propose the task"),
    "submit_assign": ("Giao nhiệm vụ", "Assign the task"),
    "submit_return": ("Trả lại nhiệm vụ", "Return the task"),
    "submit_report": ("Gửi báo cáo", "Send the report"),
    "submit_answer": ("Gửi giải trình", "Send the explanation"),
    "submit_extend": ("Gửi đề nghị gia hạn", "Send the request"),
    "submit_approve-extension": ("Duyệt gia hạn", "Approve"),
    "submit_refuse-extension": ("Từ chối gia hạn", "Refuse"),
    "submit_ask": ("Gửi yêu cầu giải trình", "Send the request"),
    "submit_comment": ("Gửi bình luận", "Send the comment"),
    "action_done": (
        "Đã ghi «{action}» cho nhiệm vụ {code}, ngày {date}.",
        "Recorded «{action}» on task {code}, {date}.",
    ),
    "action_conflict": (
        "Một thao tác ghi khác đang chạy nên chưa ghi gì. Hãy bấm gửi lại sau ít giây.",
        "Another write is running, so nothing was written. Send again in a few seconds.",
    ),
    "field_progress": ("Tiến độ (%)", "Progress (%)"),
    "status_from_progress": ("(theo tiến độ)", "(from the progress)"),
    "field_evidence": (
        "Minh chứng: đường dẫn http(s):// hoặc số hiệu văn bản",
        "Evidence: an http(s):// link or a document number",
    ),
    "evidence_placeholder": ("https://… hoặc 123/BC-HĐND", "https://… or 123/BC-HĐND"),
    "field_reason": ("Lý do", "Reason"),
    "field_new_due": ("Hạn mới", "New deadline"),
    "field_question": ("Nội dung cần giải trình", "What to explain"),
    "field_answer": ("Nội dung giải trình", "The explanation"),
    "field_comment": ("Nội dung bình luận", "The comment"),
    "field_decided_on": ("Ngày quyết định", "Decision date"),
    "propose_help": (
        "Chuyển nhiệm vụ đăng ký sang trạng thái Đề xuất để Thường trực HĐND giao.",
        "Move the registered task to Proposed, for the Standing Committee to assign.",
    ),
    "report_form_help": (
        "Mỗi ngày một báo cáo: gửi lần nữa trong cùng ngày thì báo cáo mới thay báo cáo cũ. "
        "Để trống trạng thái thì trạng thái theo tiến độ (0 %: chưa triển khai, 100 %: hoàn "
        "thành).",
        "One report a day: a second one on the same day replaces the first. Without a status, "
        "the progress decides it (0%: not started, 100%: done).",
    ),
    "extend_help": (
        "Hạn đang áp dụng: {date}. Hạn mới phải sau ngày này.",
        "Deadline in force: {date}. The new one must be later.",
    ),
    "answer_help": ("Trả lời yêu cầu giải trình cũ nhất:", "Answers the oldest open request:"),
    "open_extension": (
        "**Đề nghị gia hạn đang chờ duyệt** — {who} đề nghị ngày {date} gia hạn đến **{due}**.",
        "**Extension request waiting for a decision** — {who} asked on {date} for a new "
        "deadline of **{due}**.",
    ),
    "open_explanation": (
        "**Yêu cầu giải trình chưa được trả lời** — {who} hỏi ngày {date}:",
        "**Explanation request not yet answered** — {who} asked on {date}:",
    ),
    "request_reason": ("Lý do:", "Reason:"),
    "returned_reason": ("**Nhiệm vụ đã bị trả lại.** Lý do:", "**The task was returned.** Reason:"),
    "due_extended": (
        "Hạn hoàn thành đang áp dụng: **{date}** (đã gia hạn; hạn ban đầu {original}).",
        "Deadline in force: **{date}** (extended; first set to {original}).",
    ),
    # The task's timeline (analytics/timeline.py, ui/timeline.py)
    "timeline": ("Diễn biến", "Timeline"),
    "timeline_empty": ("Chưa có diễn biến nào.", "Nothing recorded yet."),
    "timeline_page": ("Trang", "Page"),
    "col_on": ("Ngày", "Date"),
    "col_what": ("Việc", "What"),
    "col_written": ("Nội dung", "Text"),
    "timeline_range": (
        "Sự kiện {first}–{last} trong {n}, mới nhất trước",
        "Events {first}–{last} of {n}, newest first",
    ),
    "event_register": ("Đăng ký", "Registered"),
    "event_propose": ("Đề xuất", "Proposed"),
    "event_assign": ("Giao", "Assigned"),
    "event_assigner": ("Cấp giao: {name}", "Assigned by: {name}"),
    "event_return": ("Trả lại", "Returned"),
    "event_report": ("Báo cáo tiến độ", "Progress report"),
    "event_report_progress": ("Báo cáo tiến độ {progress}", "Progress report {progress}"),
    "event_evidence": ("Minh chứng: {evidence}", "Evidence: {evidence}"),
    "event_extend": ("Xin gia hạn đến {date}", "Asked for a new deadline of {date}"),
    "event_approve_extension": ("Duyệt gia hạn đến {date}", "Extension approved to {date}"),
    "event_refuse_extension": ("Từ chối gia hạn", "Extension refused"),
    "event_ask": ("Yêu cầu giải trình", "Explanation requested"),
    "event_answer": ("Giải trình", "Explanation given"),
    "event_comment": ("Bình luận", "Comment"),
    "event_import": ("Nhập tệp", "File import"),
    "event_undo": ("Hoàn tác", "Import undone"),
    "event_file": ("Tệp {file} (lần nhập số {id})", "File {file} (import {id})"),
    # What waits for the signed-in account (analytics/waiting.py, the overview)
    "waiting_for_you": ("Việc cần xử lý", "Waiting for you"),
    "waiting_cho_quyet_dinh": ("Chờ quyết định giao", "To assign or return"),
    "waiting_cho_de_xuat": ("Chờ đề xuất", "To propose"),
    "waiting_cho_duyet_gia_han": ("Đề nghị gia hạn chờ duyệt", "Extension requests"),
    "waiting_can_giai_trinh": ("Cần giải trình", "Explanations to give"),
    "waiting_chua_bao_cao": ("Chưa báo cáo kỳ này", "No report this period"),
    "waiting_cho_tra_loi": ("Giải trình chưa nhận được", "Explanations awaited"),
    "waiting_state_dang_ky": ("đăng ký ngày {date}", "registered on {date}"),
    "waiting_state_de_xuat": ("đã đề xuất, đăng ký ngày {date}", "proposed, registered on {date}"),
    "waiting_line_extension": (
        "Đề nghị gia hạn đến {due}, gửi ngày {date}",
        "New deadline of {due} asked on {date}",
    ),
    "waiting_line_can_giai_trinh": (
        "Yêu cầu giải trình ngày {date}, chưa trả lời",
        "Explanation asked on {date}, not answered",
    ),
    "waiting_line_cho_tra_loi": (
        "Bạn yêu cầu giải trình ngày {date}, chưa có trả lời",
        "You asked on {date}; no answer yet",
    ),
    "waiting_line_unreported": (
        "Chưa báo cáo {period} · {last}",
        "No report for {period} · {last}",
    ),
    "waiting_last_report": ("báo cáo gần nhất {date}", "last report {date}"),
    "waiting_never_reported": ("chưa có báo cáo nào", "no report yet"),
    "waiting_more": ("Xem thêm {n} việc", "{n} more items"),
    "waiting_period_note": (
        "Kỳ báo cáo {period}: {start} – {end} (chốt số liệu theo Nghị định 09/2019/NĐ-CP).",
        "Reporting period {period}: {start} – {end} (Decree 09/2019's cut-off).",
    ),
    # Registering a task (pages/tasks.py)
    "register_task": ("Đăng ký nhiệm vụ", "Register a task"),
    "register_intro": (
        "Nhiệm vụ mới ở trạng thái Đăng ký; chỉ được tính vào số liệu sau khi được giao.",
        "A new task starts as Registered; it counts in the figures once it is assigned.",
    ),
    "code_help": ("Mã chưa dùng, ví dụ {example}.", "A code not used yet, e.g. {example}."),
    "period_help": (
        "Một năm (2026) hoặc giai đoạn (2026-2030).",
        "A year (2026) or a span (2026-2030).",
    ),
    "submit_register": ("Đăng ký", "Register"),
    "registered_done": ("Đã đăng ký nhiệm vụ {code}.", "Task {code} registered."),
    # Assigning or returning several tasks (pages/cascade.py)
    "bulk_title": ("Giao hoặc trả lại nhiều nhiệm vụ", "Assign or return several tasks"),
    "bulk_help": (
        "Mỗi nhiệm vụ được ghi riêng: nhiệm vụ bị từ chối không ảnh hưởng đến nhiệm vụ khác.",
        "Each task is written on its own: a refusal leaves the others as they are.",
    ),
    "bulk_tasks": ("Nhiệm vụ đăng ký, đề xuất", "Registered and proposed tasks"),
    "bulk_choose": ("Chọn một hay nhiều nhiệm vụ", "Choose one or more tasks"),
    "bulk_reason_help": ("Chỉ cần khi trả lại.", "Needed only to return."),
    "bulk_assign": ("Giao các nhiệm vụ đã chọn", "Assign the chosen tasks"),
    "bulk_return": ("Trả lại các nhiệm vụ đã chọn", "Return the chosen tasks"),
    "bulk_none_chosen": ("Hãy chọn ít nhất một nhiệm vụ.", "Choose at least one task."),
    "bulk_done_assign": ("Đã giao {ok}/{n} nhiệm vụ.", "Assigned {ok} of {n} tasks."),
    "bulk_done_return": ("Đã trả lại {ok}/{n} nhiệm vụ.", "Returned {ok} of {n} tasks."),
    "col_result": ("Kết quả", "Result"),
    "result_assign": ("Đã giao", "Assigned"),
    "result_return": ("Đã trả lại", "Returned"),
    "no_undecided": ("Không có nhiệm vụ nào chờ quyết định.", "No task waits for a decision."),
}
for _status in (*TASK_STATUSES, AT_RISK):
    LABELS[_status.code] = (_status.name_vi, _status.name_en)


def text(key: str, language: str = "vi", **values: object) -> str:
    """The word or sentence for ``key`` in ``language`` ('vi' or 'en'), filled with ``values``."""
    vi, en = LABELS[key]
    chosen = en if language == "en" else vi
    return chosen.format(**values) if values else chosen
