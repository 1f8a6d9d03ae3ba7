"""The overview in a period view: the cards' arrows compare with the previous period of
the same kind and say which, and the quarterly line marks the chosen period.

The figures are worked by hand in tests/test_overview_periods.py (where the reasoning is
written out); here they are read off the screen as Vietnamese writes them.
"""

from __future__ import annotations

from datetime import date

import plotly.io
import pytest

from tests.pages.helpers import metrics, open_page

QUARTER = {"ky": "quarter", "quy": 3, "nam": 2026}
YEAR = {"ky": "year", "nam": 2025}
RANGE = {"ky": "range", "tu": date(2025, 11, 15), "den": date(2026, 2, 14)}

# Card label -> (value, change with what it compares with).
SHOWN = {
    "quarter": (
        QUARTER,
        "Quý II/2026",
        {
            # 11 term tasks both quarters; done 3/11 on 30/09, 2/11 on 30/06/2026.
            "Tổng số nhiệm vụ": ("11", "0 so với Quý II/2026"),
            "Tỷ lệ hoàn thành": ("27,3 %", "+9,1 điểm % so với Quý II/2026"),
            "Tỷ lệ đúng hạn": ("100,0 %", "0,0 điểm % so với Quý II/2026"),
            "Quá hạn": ("0", "0 so với Quý II/2026"),
            "Có nguy cơ chậm": ("6", "0 so với Quý II/2026"),
        },
        "Mũi tên: thay đổi so với Quý II/2026 (01/04/2026 – 30/06/2026), kỳ liền trước",
    ),
    "year": (
        YEAR,
        "Năm 2024",
        {
            # 17 phase and term tasks both years; done 4/17 end 2025, 1/17 end 2024.
            "Tổng số nhiệm vụ": ("17", "0 so với Năm 2024"),
            "Tỷ lệ hoàn thành": ("23,5 %", "+17,6 điểm % so với Năm 2024"),
            "Tỷ lệ đúng hạn": ("100,0 %", "0,0 điểm % so với Năm 2024"),
            "Quá hạn": ("0", "0 so với Năm 2024"),
            "Có nguy cơ chậm": ("12", "0 so với Năm 2024"),
        },
        "Mũi tên: thay đổi so với Năm 2024 (01/01/2024 – 31/12/2024), kỳ liền trước",
    ),
    "range": (
        RANGE,
        "15/08/2025 – 14/11/2025",
        {
            # On 14/02/2026: 4/17 done, 3 overdue, on time 4/7; on 14/11/2025: 2/17, 0, 2/2.
            "Tổng số nhiệm vụ": ("17", "0 so với 15/08/2025 – 14/11/2025"),
            "Tỷ lệ hoàn thành": ("23,5 %", "+11,8 điểm % so với 15/08/2025 – 14/11/2025"),
            "Tỷ lệ đúng hạn": ("57,1 %", "-42,9 điểm % so với 15/08/2025 – 14/11/2025"),
            "Quá hạn": ("3", "+3 so với 15/08/2025 – 14/11/2025"),
            "Có nguy cơ chậm": ("9", "-3 so với 15/08/2025 – 14/11/2025"),
        },
        "Mũi tên: thay đổi so với 15/08/2025 – 14/11/2025, kỳ liền trước",
    ),
}


def deltas(at) -> dict[str, str]:
    """Each card's change and, beside it, what it compares with."""
    return {m.label: f"{m.delta} {m.proto.delta_description}" for m in at.metric}


@pytest.mark.parametrize("kind", SHOWN)
def test_period_cards_compare_with_the_previous_period_and_say_so(demo_file, kind):
    state, _, cards, caption = SHOWN[kind]
    at = open_page("pages/overview.py", state=state)
    assert not at.exception, at.exception
    shown, changes = metrics(at), deltas(at)
    for label, (value, change) in cards.items():
        assert (shown[label], changes[label]) == (value, change), label
    assert any(c.value.startswith(caption) for c in at.caption), [c.value for c in at.caption]


def test_the_quarterly_line_marks_the_chosen_quarter(demo_file):
    at = open_page("pages/overview.py", state=QUARTER)
    figures = [plotly.io.from_json(chart.proto.spec) for chart in at.get("plotly_chart")]
    line = next(f for f in figures if f.layout.title.text == "Tỷ lệ hoàn thành theo quý")
    # One shaded band around the last point (Quý III/2026), named at its top.
    labels = list(line.data[0].x)
    assert labels[-2:] == ["Quý II/2026", "Quý III/2026"]
    (band,) = [s for s in line.layout.shapes if s.type == "rect"]
    assert (band.x0, band.x1) == (len(labels) - 1.5, len(labels) - 0.5)
    assert [a.text for a in line.layout.annotations] == ["Quý III/2026"]
    # The line holds the quarter's 11 tasks: 2/11 then 3/11 done at its last two points.
    assert list(line.data[0].customdata[-2:]) == ["18,2 %", "27,3 %"]


def test_a_date_compares_with_the_previous_quarter_end(demo_file):
    at = open_page("pages/overview.py", state={"ky": "as_of", "ngay": date(2026, 9, 30)})
    # All 34 tasks; DP15-GD done on 30/09/2026: 22/34 -> 23/34, +2,9 points.
    assert deltas(at)["Tỷ lệ hoàn thành"] == "+2,9 điểm % so với 30/06/2026"
    assert any("so với 30/06/2026 (cuối quý trước)" in c.value for c in at.caption)
