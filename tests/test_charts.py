"""The analysis chart: a figure per group, two periods side by side, worked by hand."""

from __future__ import annotations

import pandas as pd
import pytest

from analytics import charts
from analytics.statuses import TASK_STATUSES

COLUMNS = ("key", "label", "tasks", "hoan_thanh_dung_han", "hoan_thanh_qua_han",
           "dang_thuc_hien", "chua_trien_khai", "qua_han")  # fmt: skip


def frame(rows: list[tuple]) -> pd.DataFrame:
    """A figure frame from (key, label, tasks, on time, late, in progress, not started,
    overdue); the stored rates are deliberately wrong, as the chart must compute rates
    from the counts (the table does, see tables.exact_rates)."""
    out = pd.DataFrame(rows, columns=COLUMNS)
    out["completion_rate"] = 0.999
    out["on_time_rate"] = 0.999
    out["avg_progress"] = [50.0 + i for i in range(len(out))]
    out["extended"] = 0
    out["progress_delta"] = float("nan")
    return out


# Quý III/2026: A 4 tasks (1 on time, 1 late, 1 in progress, 1 overdue), B 3 on time,
# C 2 (1 not started, 1 overdue).
CURRENT = frame([
    ("a", "Ban A", 4, 1, 1, 1, 0, 1),
    ("b", "Ban B", 3, 3, 0, 0, 0, 0),
    ("c", "Ban C", 2, 0, 0, 0, 1, 1),
])  # fmt: skip
# Quý II/2026: A 4 (1 on time, 2 in progress, 1 overdue), B 2 (1 on time, 1 in
# progress), D 1 (on time); C had no task.
PREVIOUS = frame([
    ("a", "Ban A", 4, 1, 0, 2, 0, 1),
    ("b", "Ban B", 2, 1, 0, 1, 0, 0),
    ("d", "Ban D", 1, 1, 0, 0, 0, 0),
])  # fmt: skip
NAMES = ("Quý III/2026", "Quý II/2026")


def test_completion_rate_lowest_first_both_periods_printed_on_the_bars():
    fig = charts.figure_by_group(CURRENT, PREVIOUS, "completion_rate", "body", NAMES)
    now, before = fig.data
    # Completion = (on time + late) / tasks. Now: C 0/2 = 0 %, A 2/4 = 50 %, B 3/3 = 100 %,
    # D has no task now (empty, listed last). Before: C none (empty), A 1/4 = 25 %,
    # B 1/2 = 50 %, D 1/1 = 100 %.
    assert list(now.y) == ["Ban C", "Ban A", "Ban B", "Ban D"]
    assert list(before.y) == list(now.y)
    assert list(now.x) == pytest.approx([0, 50, 100, 0])
    assert list(now.text) == ["0,0 %", "50,0 %", "100,0 %", "–"]
    assert list(before.x) == pytest.approx([0, 25, 50, 100])
    assert list(before.text) == ["–", "25,0 %", "50,0 %", "100,0 %"]
    assert (now.name, before.name) == NAMES
    assert fig.layout.showlegend is True
    assert fig.layout.separators == ",."
    assert fig.layout.title.text == "Tỷ lệ hoàn thành theo cơ quan"
    assert fig.layout.title.subtitle.text == "Thấp nhất ở trên cùng"
    assert fig.layout.yaxis.autorange == "reversed"  # the first group on top
    # Not a status: the neutral pair, neither of them a status colour.
    assert (now.marker.color, before.marker.color) == charts.NEUTRAL_PAIR
    assert not set(charts.NEUTRAL_PAIR) & {s.colour for s in TASK_STATUSES}


def test_a_status_count_in_its_colour_largest_first_the_comparison_lighter():
    fig = charts.figure_by_group(CURRENT, PREVIOUS, "qua_han", "body", NAMES)
    now, before = fig.data
    # Overdue now: A 1, B 0, C 1, D 0. Largest first, ties in the frame's order (A before
    # C; B before D, D being only in the comparison period). Before: A 1, B 0, C 0 (no
    # task then), D 0.
    assert list(now.y) == ["Ban A", "Ban C", "Ban B", "Ban D"]
    assert list(now.text) == ["1", "1", "0", "0"]
    assert list(before.text) == ["1", "0", "0", "0"]
    assert now.marker.color == "#D55E00"  # UX.md: Quá hạn
    # 55 % white mixed in: D5 -> 213 + 0.55 * 42 = 236 (EC), 5E -> 94 + 0.55 * 161 = 183
    # (B7), 00 -> 0.55 * 255 = 140 (8C).
    assert before.marker.color == "#ECB78C"
    assert before.marker.line.color == "#D55E00"  # outlined in the status colour
    assert fig.layout.title.text == "Quá hạn theo cơ quan"
    assert fig.layout.title.subtitle.text == "Nhiều nhất ở trên cùng"


def test_one_period_alone_says_so_in_english():
    note = "Not compared with another period"
    fig = charts.figure_by_group(
        CURRENT, None, "tasks", "area", ("Q3 2026", None), language="en", note=note
    )
    assert len(fig.data) == 1
    (only,) = fig.data
    assert only.name == "Q3 2026"
    assert list(only.y) == ["Ban A", "Ban B", "Ban C"]  # 4, 3, 2 tasks
    assert list(only.text) == ["4", "3", "2"]
    assert fig.layout.separators == ".,"
    assert fig.layout.title.text == "Tasks by area"
    assert fig.layout.title.subtitle.text == f"Largest on top · {note}"


def test_on_time_rate_empty_when_nothing_is_due_and_english_percent():
    fig = charts.figure_by_group(CURRENT, None, "on_time_rate", "all", ("Q3", None), "en")
    # On time / (done + overdue): A 1/3 = 33.3 %, B 3/3 = 100 %, C 0/1 = 0 %.
    assert list(fig.data[0].y) == ["Ban C", "Ban A", "Ban B"]
    assert list(fig.data[0].text) == ["0.0%", "33.3%", "100.0%"]
    assert fig.layout.title.text == "On-time rate"  # grouped by "all": no "by ..."
    # Nothing done and nothing overdue: no task is due, the rate is empty: a dash.
    empty = CURRENT.assign(hoan_thanh_dung_han=0, hoan_thanh_qua_han=0, qua_han=0)
    shown = charts.figure_by_group(empty, None, "on_time_rate", "body", NAMES).data[0].text
    assert list(shown) == ["–", "–", "–"]


def test_values_as_printed_on_the_bars():
    assert charts.figure_text(61.89, "avg_progress", "vi") == "61,9 %"
    assert charts.figure_text(-2.5, "progress_delta", "vi") == "-2,5 điểm %"
    assert charts.figure_text(11.0, "progress_delta", "en") == "+11.0 pts"
    assert charts.figure_text(1234, "tasks", "vi") == "1.234"
    assert charts.figure_text(float("nan"), "completion_rate", "vi") == "–"


def test_long_and_typed_group_names_are_wrapped_and_escaped():
    # 49 characters; cut at the space nearest the middle (24): spaces at 22 and 29.
    long = "Chuyên viên phòng Hành chính - Tổ chức - Quản trị"
    typed = frame([("x", long, 1, 1, 0, 0, 0, 0), ("y", "<b>Ông</b> A", 1, 1, 0, 0, 0, 0)])
    fig = charts.figure_by_group(typed, None, "tasks", "official", NAMES)
    assert list(fig.data[0].y) == [
        "Chuyên viên phòng Hành<br>chính - Tổ chức - Quản trị",
        "&lt;b&gt;Ông&lt;/b&gt; A",
    ]


def test_the_chart_grows_with_the_groups():
    one = charts.figure_by_group(CURRENT.head(1), PREVIOUS, "tasks", "body", NAMES)
    three = charts.figure_by_group(CURRENT, PREVIOUS, "tasks", "body", NAMES)
    assert three.layout.height > one.layout.height
