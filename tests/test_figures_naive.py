"""Helpers for the figures tests: hand-built tasks and reports, and a naive second
implementation of CONTRACT.md section 4 to check ``summary`` against."""

from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

import duckdb

from analytics.store.connection import transaction

STATUSES = ("hoan_thanh_dung_han", "hoan_thanh_qua_han", "dang_thuc_hien",
            "chua_trien_khai", "qua_han")  # fmt: skip


def add_task(
    con: duckdb.DuckDBPyConnection,
    code: str,
    assigned: date,
    due: date,
    *,
    body: str = "TT",
    area: str = "giam_sat",
    position: str = "Trưởng ban",
    official: str | None = "Trưởng ban A",
    assigner: str | None = "Thường trực HĐND tỉnh",
    period: str = "2024",
    state: str = "da_giao",
) -> int:
    """Insert one task; return its id (through the store's transaction, so on PostgreSQL
    the row reaches the server)."""
    with transaction(con, tables=("tasks",)):
        task_id = con.execute("SELECT coalesce(max(id), 0) + 1 FROM tasks").fetchall()[0][0]
        con.execute(
            "INSERT INTO tasks (id, code, title, body_code, position, official, area_code, "
            "assigner, period_label, assigned_on, due_on, assignment_state) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [task_id, code, f"Nhiệm vụ {code}", body, position, official, area, assigner,
             period, assigned, due, state],
        )  # fmt: skip
    return task_id


def report(con: duckdb.DuckDBPyConnection, task_id: int, day: date, progress: float) -> None:
    """Insert one progress report; its status follows the progress (100 = done)."""
    status = (
        "hoan_thanh"
        if progress >= 100
        else ("chua_trien_khai" if progress <= 0 else "dang_thuc_hien")
    )
    with transaction(con, tables=("progress",)):
        con.execute(
            "INSERT INTO progress (task_id, report_date, progress, status) VALUES (?, ?, ?, ?)",
            [task_id, day, progress, status],
        )


def add_extension(
    con: duckdb.DuckDBPyConnection,
    task_id: int,
    requested: date,
    new_due: date,
    decided: date | None = None,
    decision: str = "da_duyet",
) -> int:
    """Insert one extension request and its decision (none: still waiting); return its id."""
    decision = decision if decided is not None else "cho_duyet"
    with transaction(con, tables=("extensions",)):
        next_id = "SELECT coalesce(max(id), 0) + 1 FROM extensions"
        extension_id = con.execute(next_id).fetchall()[0][0]
        con.execute(
            "INSERT INTO extensions (id, task_id, requested_on, requested_by, new_due, reason, "
            "decision, decided_on, decided_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [extension_id, task_id, requested, "Chuyên viên A", new_due, "Cần thêm thời gian",
             decision, decided, None if decided is None else "Thường trực HĐND tỉnh"],
        )  # fmt: skip
    return extension_id


def half_up(value: Fraction, digits: int) -> float:
    """Round an exact fraction half up, as a person would."""
    exact = Decimal(value.numerator) / Decimal(value.denominator)
    return float(exact.quantize(Decimal(1).scaleb(-digits), rounding=ROUND_HALF_UP))


def naive_summary(
    con: duckdb.DuckDBPyConnection,
    by: str,
    as_of: date | None = None,
    date_from: date | None = None,
    date_to: date | None = None,
    today: date = date(2026, 11, 27),
) -> dict[str, dict]:
    """CONTRACT.md section 4 read literally, one task at a time, in plain Python.

    Deliberately simple and independent of analytics/: it walks each task's reports in
    date order using the report's status text, and uses exact fractions.
    """
    if date_from is None and date_to is None:
        d = as_of or today
        low, high = date.min, d
    else:
        end = date_to or today
        d = min(end, today)
        low, high = date_from or date.min, end
    column = {"body": 1, "area": 2, "position": 3, "official": 4, "assigner": 5,
              "period": 6}  # fmt: skip
    tasks = con.execute(
        "SELECT id, body_code, area_code, position, official, assigner, period_label, "
        "assigned_on, due_on, assignment_state FROM tasks"
    ).fetchall()
    reports: dict[int, list] = defaultdict(list)
    for task_id, day, progress, status in con.execute(
        "SELECT task_id, report_date, progress, status FROM progress"
    ).fetchall():
        reports[task_id].append((day, progress, status))
    approvals: dict[int, list] = defaultdict(list)
    for extension_id, task_id, new_due, decided_on in con.execute(
        "SELECT id, task_id, new_due, decided_on FROM extensions WHERE decision = 'da_duyet'"
    ).fetchall():
        approvals[task_id].append((decided_on, extension_id, new_due))

    groups: dict[str, dict] = {}
    for task in tasks:
        task_id, assigned, due, state = task[0], task[7], task[8], task[9]
        # The deadline in force on d: the latest approval by d (decision day, then id).
        in_force = [a for a in approvals[task_id] if a[0] <= d]
        if in_force:
            due = max(in_force)[2]
        if state != "da_giao" or not (assigned <= high and due >= low):
            continue
        seen = sorted(r for r in reports[task_id] if r[0] <= d)
        progress = seen[-1][1] if seen else 0
        done_on = None
        if seen and seen[-1][2] == "hoan_thanh":
            i = len(seen) - 1
            while i > 0 and seen[i - 1][2] == "hoan_thanh":
                i -= 1
            done_on = seen[i][0]
        if done_on is not None:
            status = "hoan_thanh_dung_han" if done_on <= due else "hoan_thanh_qua_han"
        elif d > due:
            status = "qua_han"
        elif progress > 0:
            status = "dang_thuc_hien"
        else:
            status = "chua_trien_khai"
        before = 0
        if date_from is not None:
            earlier = [r for r in seen if r[0] <= date_from - timedelta(days=1)]
            before = earlier[-1][1] if earlier else 0
        key = "all" if by == "all" else (task[column[by]] or "")
        g = groups.setdefault(key, {"tasks": 0, **dict.fromkeys(STATUSES, 0), "extended": 0,
                                    "progress": Fraction(0), "delta": Fraction(0)})  # fmt: skip
        g["tasks"] += 1
        g["extended"] += bool(in_force)
        g[status] += 1
        g["progress"] += Fraction(progress)
        g["delta"] += Fraction(progress) - Fraction(before)

    out = {}
    for key, g in groups.items():
        done = g["hoan_thanh_dung_han"] + g["hoan_thanh_qua_han"]
        due_count = done + g["qua_han"]
        out[key] = {
            "tasks": g["tasks"],
            **{s: g[s] for s in STATUSES},
            "completion_rate": half_up(Fraction(done, g["tasks"]), 4),
            "on_time_rate": half_up(Fraction(g["hoan_thanh_dung_han"], due_count), 4)
            if due_count
            else None,
            "avg_progress": half_up(g["progress"] / g["tasks"], 2),
            "extended": g["extended"],
            "progress_delta": half_up(g["delta"] / g["tasks"], 2)
            if date_from is not None
            else None,
        }
    return out


# --- summary agrees with the naive reading on the demo data -------------------------

DEMO_READINGS = (
    {"as_of": date(2021, 6, 30)},
    {"as_of": date(2021, 12, 31)},
    {"as_of": date(2022, 1, 1)},
    {"as_of": date(2024, 2, 29)},
    {"as_of": date(2025, 12, 31)},
    {"as_of": date(2026, 9, 30)},
    {"date_from": date(2021, 10, 1), "date_to": date(2021, 12, 31)},
    {"date_from": date(2025, 1, 1), "date_to": date(2025, 12, 31)},
    {"date_from": date(2026, 7, 1)},
    {"date_to": date(2022, 3, 31)},
    {"date_from": date(2026, 1, 1), "date_to": date(2027, 6, 30)},
)


def _compare(frame, expected: dict[str, dict]) -> None:
    assert list(frame["key"]).count("") <= 1
    assert sorted(frame["key"]) == sorted(expected), "the same groups"
    for row in frame.to_dict(orient="records"):
        want = expected[row["key"]]
        for name, value in want.items():
            got = row[name]
            if value is None:
                assert got != got, (row["key"], name, got)  # NaN
            else:
                assert got == value, (row["key"], name, got, value)


def test_summary_agrees_with_the_naive_reading_on_the_demo(demo_con):
    from analytics.figures import GROUPS, summary

    for reading in DEMO_READINGS:
        for by in GROUPS:
            frame = summary(demo_con, by, today=date(2026, 11, 27), **reading)
            _compare(frame, naive_summary(demo_con, by, **reading))
