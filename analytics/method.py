"""How the figures are computed (CONTRACT.md section 4), in plain words for the screen."""

from __future__ import annotations

METHOD: dict[str, list[tuple[str, str]]] = {
    "vi": [
        (
            "Ngày tính số liệu",
            'Mọi số liệu được tính **tại một ngày D** ("tính đến ngày"). Chỉ các báo cáo tiến độ '
            "có ngày báo cáo **đến hết ngày D** được xét; báo cáo sau ngày D không ảnh hưởng. "
            "Chỉ các nhiệm vụ **đã giao** được tính.",
        ),
        (
            "Hạn hoàn thành",
            "Hạn của nhiệm vụ tại ngày D là **hạn đang có hiệu lực**: hạn mới của lần gia hạn "
            "**được duyệt gần nhất** có ngày duyệt **đến hết ngày D**; nếu đến ngày D chưa có "
            "lần gia hạn nào được duyệt thì là hạn hoàn thành ban đầu. Đề nghị gia hạn đang chờ "
            "duyệt hoặc bị từ chối không làm thay đổi hạn. Mọi trạng thái, chỉ số và kỳ dưới "
            "đây đều tính theo hạn này.",
        ),
        (
            "Ngày hoàn thành",
            "Nhiệm vụ được coi là hoàn thành tại ngày D khi báo cáo mới nhất (đến ngày D) có trạng "
            "thái *Hoàn thành* (tiến độ 100 %). Ngày hoàn thành là ngày của báo cáo hoàn thành "
            "**đầu tiên trong chuỗi báo cáo hoàn thành cuối cùng**: nếu nhiệm vụ đã báo hoàn thành "
            "rồi bị mở lại, ngày hoàn thành là lần hoàn thành sau cùng.",
        ),
        (
            "Trạng thái (mỗi nhiệm vụ đúng một trạng thái)",
            "- **Hoàn thành đúng hạn**: đã hoàn thành, ngày hoàn thành không muộn hơn hạn "
            "đang có hiệu lực tại ngày D.\n"
            "- **Hoàn thành quá hạn**: đã hoàn thành, ngày hoàn thành sau hạn.\n"
            "- **Quá hạn**: chưa hoàn thành và ngày D đã qua hạn.\n"
            "- **Đang thực hiện trong hạn**: chưa hoàn thành, chưa qua hạn, báo cáo mới nhất có "
            "tiến độ lớn hơn 0.\n"
            "- **Chưa triển khai**: chưa hoàn thành, chưa qua hạn, chưa có báo cáo hoặc báo cáo "
            "mới nhất có tiến độ 0.",
        ),
        (
            "Các chỉ số của một nhóm",
            "- **Tổng số nhiệm vụ**: số nhiệm vụ trong phạm vi.\n"
            "- **Tỷ lệ hoàn thành** = (hoàn thành đúng hạn + hoàn thành quá hạn) / tổng số.\n"
            "- **Tỷ lệ đúng hạn** = hoàn thành đúng hạn / (số đã hoàn thành + số quá hạn); để "
            "trống khi chưa có nhiệm vụ nào đến hạn hoặc hoàn thành.\n"
            "- **Tiến độ bình quân**: trung bình tiến độ của báo cáo mới nhất "
            "(0 nếu chưa có báo cáo).\n"
            "- **Được gia hạn**: số nhiệm vụ có ít nhất một lần gia hạn được duyệt đến hết "
            "ngày D.",
        ),
        (
            "Khi chọn một kỳ (năm, quý, 6 tháng, nhiệm kỳ, khoảng thời gian)",
            "Kỳ từ ngày F đến ngày T gồm các nhiệm vụ **giao không muộn hơn T** và **có hạn không "
            "sớm hơn F** (hạn đang có hiệu lực tại ngày tính số liệu). Số liệu tính tại ngày T "
            "(hoặc hôm nay, nếu T chưa tới). **Tiến độ tăng trong kỳ** = tiến độ tại T trừ tiến "
            "độ tại ngày trước F, lấy bình quân trong nhóm. "
            "Mọi số liệu của trang Tổng quan và của báo cáo là của các nhiệm vụ trong kỳ; đường "
            "tỷ lệ hoàn thành theo quý cũng chỉ gồm các nhiệm vụ ấy, các quý của kỳ được tô nền.",
        ),
        (
            "So với kỳ trước",
            "Trên trang Tổng quan và trong báo cáo, mỗi chỉ số có mức thay đổi (tỷ lệ tính bằng "
            "**điểm phần trăm**), ghi rõ so với gì, cùng bộ lọc:\n"
            "- xem **tính đến ngày D**: so với **ngày cuối quý liền trước** ngày D;\n"
            "- xem **một kỳ**: so với **kỳ liền trước cùng loại**, tính theo cùng cách chọn "
            "nhiệm vụ của kỳ: quý trước, năm trước, 6 tháng trước, nhiệm kỳ trước cùng độ dài; "
            "một khoảng thời gian khác so với khoảng dài bằng nó ngay trước đó.",
        ),
    ],
    "en": [
        (
            "The date figures are read at",
            "Every figure is read **as of a date D**. Only progress reports dated **on or before "
            "D** count; later reports change nothing. Only **assigned** tasks count.",
        ),
        (
            "Deadline",
            "A task's deadline as of D is the **deadline in force**: the new deadline of the "
            "**latest extension approved on or before D**; with no extension approved by D, the "
            "task's own deadline. A request waiting for a decision, or refused, changes nothing. "
            "Every status, figure and period below reads this deadline.",
        ),
        (
            "Done date",
            "A task is done as of D when its latest report up to D is *Done* (100 %). Its done "
            "date is the **first report of the final run of done reports**: a task reported done, "
            "reopened and done again is done at the last completion.",
        ),
        (
            "Status (exactly one per task)",
            "- **Done on time**: done, on or before the deadline in force on D.\n"
            "- **Done late**: done, after the deadline.\n"
            "- **Overdue**: not done and D is past the deadline.\n"
            "- **In progress**: not done, not past the deadline, latest progress above 0.\n"
            "- **Not started**: not done, not past the deadline, no report or latest progress 0.",
        ),
        (
            "Figures of a group",
            "- **Tasks**: the tasks in scope.\n"
            "- **Completion rate** = (done on time + done late) / tasks.\n"
            "- **On-time rate** = done on time / (done + overdue); blank when that is 0.\n"
            "- **Average progress**: mean of the latest progress (0 when no report).\n"
            "- **Extended**: tasks with at least one extension approved on or before D.",
        ),
        (
            "Choosing a period (year, quarter, half-year, term, range)",
            "A period from F to T holds the tasks **assigned by T** whose **deadline is not before "
            "F** (the deadline in force on the date the figures are read at). Figures are read "
            "at T (or today, if T is later). **Progress gained** = progress at T minus progress "
            "the day before F, averaged per group. Every figure of the "
            "overview and of the report is of the period's tasks; the completion line by quarter "
            "holds those tasks only, the period's quarters shaded.",
        ),
        (
            "Compared with the previous period",
            "On the overview and in the report each figure shows its change (rates in "
            "**percentage points**), saying against what, with the same filters:\n"
            "- **as of a date D**: against the **last quarter end before D**;\n"
            "- **a period**: against the **previous period of the same kind**, its tasks chosen "
            "the same way: the quarter, year or half-year before, the term before of the same "
            "length; another range against the range of the same length just before it.",
        ),
    ],
}
