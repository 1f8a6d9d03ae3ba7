"""The analysis page under AppTest: the chart of the chosen figure, and its table."""

from __future__ import annotations

import json
from datetime import date

from tests.pages.helpers import open_page

# As of 30/09/2026 (the demo's last report), compared with the previous quarter end.
AS_OF = {"ky": "as_of", "ngay": date(2026, 9, 30)}


def chart(at) -> dict:
    """The page's one Plotly chart, as the browser receives it."""
    (element,) = at.get("plotly_chart")
    return json.loads(element.proto.spec)


def bars(spec: dict) -> list[tuple[str, list[str], list[str]]]:
    """(legend name, groups top to bottom, values printed) per series."""
    return [(t["name"], t["y"], t["text"]) for t in spec["data"]]


def test_the_chart_shows_completion_per_body_for_both_dates(demo_file):
    at = open_page("pages/analysis.py", state=AS_OF)
    assert not at.exception, at.exception
    # Worked from analytics/demo.py: each source task is given twice (for 2021 and for
    # its phase). As of 30/09/2026, 16 of the 17 tasks for 2021 are done (16 never is);
    # of the phase tasks 1, 3, 4, 7, 9, 12 and 15 are done. Per body: Thường trực (1-3)
    # 5/6 = 83,3 %; Kinh tế - Ngân sách (4, 6) 3/4 = 75 %; Dân tộc (5) 1/2; Pháp chế (7)
    # 2/2; Văn hóa - Xã hội (8) 1/2; Văn phòng (9-17) 8 + 3 = 11/18 = 61,1 %.
    # On 30/06/2026, phase task 15 (done 30/09/2026) was not yet: Văn phòng 10/18 = 55,6 %.
    # Lowest first; the two at 50 % in the reference list's order (VHXH before DT).
    now, before = bars(chart(at))
    order = [
        "Ban Văn hóa - Xã hội", "Ban Dân tộc", "Văn phòng Đoàn ĐBQH và HĐND tỉnh",
        "Ban Kinh tế - Ngân sách", "Thường trực HĐND tỉnh", "Ban Pháp chế",
    ]  # fmt: skip
    assert now == ("Tính đến 30/09/2026", order,
                   ["50,0 %", "50,0 %", "61,1 %", "75,0 %", "83,3 %", "100,0 %"])  # fmt: skip
    assert before == ("Tính đến 30/06/2026", order,
                      ["50,0 %", "50,0 %", "55,6 %", "75,0 %", "83,3 %", "100,0 %"])  # fmt: skip
    # The table reads in the chart's order, the chosen figure right after the group.
    table = at.dataframe[0].value
    assert list(table.columns[:3]) == ["Nhóm", "Tỷ lệ hoàn thành (%)", "± Tỷ lệ hoàn thành (%)"]
    assert list(table["Nhóm"]) == order
    assert list(table["± Tỷ lệ hoàn thành (%)"])[2] == "+5,6"  # 61,1 - 55,6 (11/18 - 10/18)


def test_choosing_another_figure_changes_the_chart_and_the_table(demo_file):
    at = open_page("pages/analysis.py", state=AS_OF)
    first = chart(at)
    at.selectbox(key="chi_so").set_value("qua_han").run()
    assert not at.exception, at.exception
    spec = chart(at)
    assert spec["data"] != first["data"]
    # Overdue as of 30/09/2026 (tests/test_demo.py): the 2021 task 16 (Văn phòng) and the
    # phase tasks 5 (Dân tộc) and 6 (Kinh tế - Ngân sách); the same three on 30/06/2026.
    # Largest first, ties in the reference list's order.
    now, before = bars(spec)
    assert now[1] == [
        "Ban Kinh tế - Ngân sách", "Ban Dân tộc", "Văn phòng Đoàn ĐBQH và HĐND tỉnh",
        "Thường trực HĐND tỉnh", "Ban Văn hóa - Xã hội", "Ban Pháp chế",
    ]  # fmt: skip
    assert now[2] == ["1", "1", "1", "0", "0", "0"]
    assert before[2] == now[2]
    colours = [t["marker"]["color"] for t in spec["data"]]
    assert colours[0] == "#D55E00"  # UX.md: Quá hạn
    assert colours[1] != colours[0]  # the comparison in a lighter shade
    assert spec["layout"]["title"]["text"] == "Quá hạn theo cơ quan"
    assert at.dataframe[0].value.columns[1] == "Quá hạn"


def test_no_comparison_draws_one_series_and_says_so(demo_file):
    at = open_page("pages/analysis.py", state={**AS_OF, "so_sanh": "none", "nhom": "all"})
    spec = chart(at)
    # All 34 tasks as of 30/09/2026: 19 on time + 4 late done (tests/test_demo.py).
    assert bars(spec) == [("Tính đến 30/09/2026", ["Tất cả"], ["67,6 %"])]
    # The demo has no extension of a deadline: the table's "Được gia hạn" reads 0.
    table = at.dataframe[0].value
    assert list(table["Được gia hạn"]) == ["0"]
    assert "Không so sánh với kỳ nào" in spec["layout"]["title"]["subtitle"]["text"]


def test_a_comparison_period_without_tasks_is_said(demo_file):
    # Year 2021 against 2020: every demo task was given in 2021, so 2020 has none.
    at = open_page("pages/analysis.py", state={"ky": "year", "nam": 2021})
    spec = chart(at)
    assert [t["name"] for t in spec["data"]] == ["Năm 2021"]
    assert spec["layout"]["title"]["subtitle"]["text"].endswith(
        "Năm 2020 không có nhiệm vụ nào phù hợp để so sánh"
    )
