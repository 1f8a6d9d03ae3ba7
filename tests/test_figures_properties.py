"""Invariants of the figures on random histories (hypothesis)."""

from __future__ import annotations

import math
import random
from datetime import date, timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from analytics.figures import summary
from analytics.statuses import report_status_for
from analytics.store.figures_sql import task_states, trend_rows
from tests.test_figures_naive import STATUSES, naive_summary, report

BASE = date(2024, 1, 1)
PROGRESS = (0, 10, 50, 99.5, 100)

task_strategy = st.fixed_dictionaries(
    {
        "assigned": st.integers(0, 60),
        "length": st.integers(0, 90),
        "body": st.sampled_from(("TT", "VP")),
        "official": st.sampled_from(("", None, "Chuyên viên A")),
        "state": st.sampled_from(("da_giao", "da_giao", "da_giao", "de_xuat")),
        "reports": st.dictionaries(st.integers(0, 200), st.sampled_from(PROGRESS), max_size=6),
        # Extension requests: (decision day, days added to the own deadline, decision).
        # Decision days on a coarse grid so that two fall on the same day now and then.
        "extensions": st.lists(
            st.tuples(
                st.integers(0, 8).map(lambda x: 25 * x),
                st.integers(1, 120),
                st.sampled_from(("da_duyet", "da_duyet", "tu_choi", "cho_duyet")),
            ),
            max_size=3,
        ),
    }
)
histories = st.lists(task_strategy, min_size=1, max_size=6)
PROPERTY_SETTINGS = settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)


def load(con, tasks: list[dict], order_seed: int | None = None) -> None:
    """Replace the tables' content with ``tasks``; reports inserted in a shuffled order.

    One statement per table (lists unnested), to keep a hypothesis example cheap.
    """
    con.execute("DELETE FROM progress")
    con.execute("DELETE FROM extensions")
    con.execute("DELETE FROM tasks")
    columns: dict[str, list] = {k: [] for k in ("id", "assigned", "due", "body", "official",
                                                "state")}  # fmt: skip
    rows = []
    extensions = []
    for i, task in enumerate(tasks):
        assigned = BASE + timedelta(days=task["assigned"])
        for name, value in (("id", i + 1), ("assigned", assigned),
                            ("due", assigned + timedelta(days=task["length"])),
                            ("body", task["body"]), ("official", task["official"]),
                            ("state", task["state"])):  # fmt: skip
            columns[name].append(value)
        rows += [(i + 1, BASE + timedelta(days=d), p) for d, p in task["reports"].items()]
        due = assigned + timedelta(days=task["length"])
        extensions += [(i + 1, BASE + timedelta(days=day), due + timedelta(days=added), decision)
                       for day, added, decision in task.get("extensions", ())]  # fmt: skip
    con.execute(
        "INSERT INTO tasks (id, code, title, body_code, position, official, area_code, "
        "assigner, period_label, assigned_on, due_on, assignment_state) "
        "SELECT id, 'T' || id, 'Nhiệm vụ', body, 'Trưởng ban', official, 'giam_sat', "
        "'Thường trực HĐND tỉnh', '2024', assigned, due, state FROM (SELECT "
        "unnest($id) AS id, unnest($assigned) AS assigned, unnest($due) AS due, "
        "unnest($body) AS body, unnest($official) AS official, unnest($state) AS state)",
        columns,
    )
    if order_seed is not None:
        random.Random(order_seed).shuffle(rows)
    if rows:
        ids, days, values = (list(c) for c in zip(*rows, strict=True))
        statuses = [report_status_for(v) for v in values]
        con.execute(
            "INSERT INTO progress (task_id, report_date, progress, status) "
            "SELECT unnest($ids), unnest($days), unnest($values), unnest($statuses)",
            {"ids": ids, "days": days, "values": [float(v) for v in values],
             "statuses": statuses},
        )  # fmt: skip
    for number, (task_id, day, new_due, decision) in enumerate(extensions, start=1):
        decided = None if decision == "cho_duyet" else day
        con.execute(
            "INSERT INTO extensions (id, task_id, requested_on, requested_by, new_due, reason, "
            "decision, decided_on) VALUES (?, ?, ?, 'Chuyên viên A', ?, 'Lý do', ?, ?)",
            [number, task_id, BASE, new_due, decision, decided],
        )


def figures(con, as_of: date, by: str = "body") -> list[dict]:
    return summary(con, by, as_of=as_of).to_dict(orient="records")


@PROPERTY_SETTINGS
@given(histories, st.integers(0, 220))
def test_counts_add_up_and_rates_are_fractions(empty_con, tasks, d):
    load(empty_con, tasks)
    as_of = BASE + timedelta(days=d)
    for by in ("all", "body", "official"):
        for group in figures(empty_con, as_of, by):
            assert sum(group[s] for s in STATUSES) == group["tasks"] > 0
            assert 0 <= group["completion_rate"] <= 1
            assert math.isnan(group["on_time_rate"]) or 0 <= group["on_time_rate"] <= 1
            assert 0 <= group["avg_progress"] <= 100


@PROPERTY_SETTINGS
@given(histories, st.integers(0, 220))
def test_summary_agrees_with_the_naive_reading(empty_con, tasks, d):
    load(empty_con, tasks)
    as_of = BASE + timedelta(days=d)
    for by in ("body", "official"):
        expected = naive_summary(empty_con, by, as_of=as_of)
        got = {g["key"]: g for g in figures(empty_con, as_of, by)}
        assert set(got) == set(expected)
        for key, want in expected.items():
            for name, value in want.items():
                if value is None:
                    assert math.isnan(got[key][name]), (key, name)
                else:
                    assert got[key][name] == value, (key, name)


@PROPERTY_SETTINGS
@given(histories, st.integers(0, 220), st.integers(1, 30), st.sampled_from(PROGRESS), st.data())
def test_a_report_after_d_never_changes_the_figures(empty_con, tasks, d, later, value, data):
    load(empty_con, tasks)
    as_of = BASE + timedelta(days=d)
    before = {by: figures(empty_con, as_of, by) for by in ("all", "body")}
    task_ids = [r[0] for r in empty_con.execute("SELECT id FROM tasks").fetchall()]
    task_id = data.draw(st.sampled_from(task_ids))
    day = as_of + timedelta(days=later)
    empty_con.execute("DELETE FROM progress WHERE task_id = ? AND report_date = ?", [task_id, day])
    report(empty_con, task_id, day, value)
    after = {by: figures(empty_con, as_of, by) for by in ("all", "body")}
    assert repr(after) == repr(before)  # repr: NaN compares equal to itself


@PROPERTY_SETTINGS
@given(histories, st.integers(0, 220), st.integers(0, 10_000))
def test_a_status_never_depends_on_the_order_of_rows(empty_con, tasks, d, seed):
    as_of = BASE + timedelta(days=d)
    load(empty_con, tasks)
    first = task_states(empty_con, as_of)[["code", "status", "progress", "done_on"]]
    load(empty_con, tasks, order_seed=seed)
    second = task_states(empty_con, as_of)[["code", "status", "progress", "done_on"]]
    assert repr(first.to_dict(orient="records")) == repr(second.to_dict(orient="records"))


@PROPERTY_SETTINGS
@given(histories, st.lists(st.integers(0, 220), min_size=1, max_size=4, unique=True))
def test_the_trend_query_agrees_with_the_naive_reading_at_every_date(empty_con, tasks, days):
    # The trend finds done dates another way (run starts and ASOF joins): same answers.
    load(empty_con, tasks)
    ends = [BASE + timedelta(days=d) for d in days]
    rows = trend_rows(empty_con, ends)
    for end in ends:
        point = rows[rows["as_of"] == end]
        expected = naive_summary(empty_con, "all", as_of=end).get("all")
        if expected is None:
            assert point.empty
            continue
        counts = point["status"].value_counts()
        for index, status in enumerate(STATUSES):
            assert counts.get(index, 0) == expected[status], (end, status)
        assert len(point) == expected["tasks"]
        assert int(point["extended"].sum()) == expected["extended"], end
