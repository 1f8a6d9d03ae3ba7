"""What the overview computes: headline changes, the quarterly line under filters, the
list of tasks needing attention."""

from __future__ import annotations

from datetime import date

import pytest

from analytics.figures import task_frame
from analytics.filters import Filters, apply_filters
from analytics.overview import headline, needs_attention, quarter_rows, quarterly_completion
from analytics.periods import Choice


@pytest.fixture
def frames(demo_con):
    def at(day: date):
        return task_frame(demo_con, Choice(as_of=day).window())

    return at


def test_headline_changes_since_the_previous_quarter_end(frames):
    # 30/06/2026 -> 30/09/2026 on the demo: DP15-GD is reported done on 30/09/2026 (its
    # deadline is 31/12/2026), so done on time goes from 18 to 19 and completion from
    # 22/34 to 23/34; nothing new is overdue (3 both times).
    cards = {c.key: c for c in headline(frames(date(2026, 9, 30)), frames(date(2026, 6, 30)))}
    assert cards["tasks_total"].value == 34 and cards["tasks_total"].change == 0
    assert cards["completion_rate"].value == pytest.approx(23 / 34, abs=1e-4)
    assert cards["completion_rate"].change == pytest.approx(1 / 34, abs=1e-4)
    assert cards["qua_han"].value == 3 and cards["qua_han"].change == 0
    assert cards["qua_han"].higher_is_better is False


def test_the_quarterly_line_follows_the_filters(demo_con, frames):
    rows = quarter_rows(demo_con, date(2022, 6, 30))
    everything = quarterly_completion(rows, frames(date(2022, 6, 30)), Filters(), "vi")
    # 31/03/2021: only the 17 year tasks are assigned (the phase ones on 15/07/2021).
    assert list(everything["tasks"])[:3] == [17, 17, 34]
    assert list(everything["period_label"])[-1] == "Quý II/2022"
    # Ban Dân tộc: task 5 for 2021 (done 31/03/2022) and for the phase (open).
    dt = quarterly_completion(rows, frames(date(2022, 6, 30)), Filters(body=("DT",)), "vi")
    by_end = dict(zip(dt["period_end"], dt["completion_rate"], strict=True))
    assert by_end[date(2021, 12, 31)] == 0.0
    assert by_end[date(2022, 3, 31)] == 0.5
    # The status filter does not narrow the line (a task's status changes along it).
    same = quarterly_completion(
        rows, frames(date(2022, 6, 30)), Filters(body=("DT",), status=("qua_han",)), "vi"
    )
    assert list(same["tasks"]) == list(dt["tasks"])


def test_attention_lists_overdue_first_then_at_risk(frames):
    tasks = frames(date(2026, 9, 30))
    listed = needs_attention(tasks, {"DP14-GD", "DP10-GD"}, date(2026, 9, 30))
    # Overdue as of 30/09/2026: DP16-2021 (due 31/12/2021, 1734 days late), DP05-GD and
    # DP06-GD (due 31/12/2025, 273 days late; DP06-GD at 60 % before DP05-GD at 85 %).
    assert list(listed["code"]) == ["DP16-2021", "DP06-GD", "DP05-GD", "DP14-GD", "DP10-GD"]
    assert list(listed["days_late"])[:3] == [1734, 273, 273]
    assert list(listed["flag"]) == ["qua_han"] * 3 + ["nguy_co"] * 2


def test_filters_keep_only_matching_tasks(frames):
    tasks = frames(date(2026, 9, 30))
    chosen = apply_filters(tasks, Filters(area=("chat_van",), status=("hoan_thanh_dung_han",)))
    assert sorted(chosen["code"]) == ["DP01-2021", "DP01-GD"]
