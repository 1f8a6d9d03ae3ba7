"""SQL for the benchmark: synthetic tasks and reports, and the floor query.

Everything is made inside DuckDB from ``range()`` and ``hash()``, so ten million
reports take seconds, and the same scale gives the same rows every time. Values are
plausible, not realistic: every status of CONTRACT.md section 4 occurs, some tasks
are reopened after being reported done, some have no report, some have no official.
No person's name is written: officials are "Cán bộ số N".

The floor (:data:`FLOOR_SQL`) is one hand-written query that computes the figures of
CONTRACT.md section 4 per group entirely inside DuckDB, written apart from
``figures_sql`` and the pandas aggregation: the benchmark times ``summary`` against
it and checks that both give the same figures.
"""

from __future__ import annotations

from datetime import date

import duckdb

from analytics.store.connection import transaction

# Reports stop here: nothing is dated in the future of the benchmark's "as of" date.
SYNTHETIC_LAST_REPORT = date(2026, 9, 30)
SYNTHETIC_FIRST_ASSIGNED = date(2021, 1, 1)

_TASKS_SQL = """
INSERT INTO tasks (id, code, title, description, target, body_code, position, official,
                   area_code, assigner, period_label, assigned_on, due_on, assignment_state)
WITH b AS (SELECT list(code ORDER BY sort_order) AS codes FROM bodies),
     a AS (SELECT list(code ORDER BY sort_order) AS codes FROM areas),
     p AS (SELECT list(name_vi ORDER BY sort_order) AS names FROM positions),
     raw AS (
        SELECT i + 1 AS id,
               $first + CAST(hash(i, 1) % 1700 AS INTEGER) AS assigned_on,
               90 + CAST(hash(i, 2) % 1500 AS INTEGER) AS length_days,
               hash(i, 3) AS h
        FROM range($tasks) r(i)
     )
SELECT id,
       'SYN-' || lpad(CAST(id AS TEXT), 6, '0'),
       'Nhiệm vụ đột phá tổng hợp số ' || id,
       NULL, NULL,
       b.codes[1 + CAST(h % len(b.codes) AS INTEGER)],
       p.names[1 + CAST((h // 7) % len(p.names) AS INTEGER)],
       CASE WHEN (h // 11) % 10 = 0 THEN NULL ELSE 'Cán bộ số ' || ((h // 11) % 5000) END,
       a.codes[1 + CAST((h // 13) % len(a.codes) AS INTEGER)],
       CASE (h // 17) % 4 WHEN 0 THEN 'Ban Thường vụ Tỉnh ủy'
                         WHEN 1 THEN 'Thường trực HĐND tỉnh'
                         WHEN 2 THEN 'Chánh Văn phòng' ELSE NULL END,
       CASE WHEN year(assigned_on + length_days) = year(assigned_on)
            THEN CAST(year(assigned_on) AS TEXT) ELSE '2021-2026' END,
       assigned_on,
       assigned_on + length_days,
       CASE WHEN (h // 19) % 40 = 0 THEN 'de_xuat'
            WHEN (h // 19) % 40 = 1 THEN 'tra_lai' ELSE 'da_giao' END
FROM raw, b, a, p
"""

# Each task gets 0 to 2 x avg reports, spread evenly from the day after it was assigned
# to SYNTHETIC_LAST_REPORT (distinct days: that span is longer than any report count).
# Progress climbs to the task's final value at about 3/4 of its reports and stays there;
# one done report in forty is reopened at 90 %.
_REPORTS_SQL = """
INSERT INTO progress (task_id, report_date, progress, status, note)
WITH t AS (
    SELECT id, assigned_on,
           CAST(floor((hash(id, 4) % 1000000) / 1e6 * (2 * $avg + 1)) AS INTEGER) AS k,
           date_diff('day', assigned_on, $last) - 1 AS span,
           CASE WHEN hash(id, 5) % 10 < 5 THEN 100
                ELSE CAST(hash(id, 6) % 100 AS INTEGER) END AS final
    FROM tasks
),
r AS (
    SELECT t.id, t.assigned_on + 1 + CAST((n * t.span) // t.k AS INTEGER) AS report_date,
           least(t.final, round(t.final * 1.35 * (n + 1) / t.k)) AS raw_progress,
           n, t.k
    FROM t, range(CAST(ceil(2 * $avg + 1) AS BIGINT)) s(n)
    WHERE n < t.k
),
v AS (
    SELECT id, report_date,
           CASE WHEN raw_progress = 100 AND n < k - 1 AND hash(id, n) % 40 = 0 THEN 90
                ELSE raw_progress END AS progress
    FROM r
)
SELECT id, report_date, progress,
       CASE WHEN progress >= 100 THEN 'hoan_thanh'
            WHEN progress <= 0 THEN 'chua_trien_khai' ELSE 'dang_thuc_hien' END,
       NULL
FROM v
ORDER BY id, report_date
"""


def fill_synthetic(con: duckdb.DuckDBPyConnection, tasks: int, reports_per_task: float) -> None:
    """Add ``tasks`` synthetic tasks with about ``reports_per_task`` reports each.

    The database must have the schema and reference data and no task yet. One transaction.
    """
    with transaction(con):
        con.execute(_TASKS_SQL, {"tasks": tasks, "first": SYNTHETIC_FIRST_ASSIGNED})
        con.execute(_REPORTS_SQL, {"avg": reports_per_task, "last": SYNTHETIC_LAST_REPORT})
        con.execute(
            "UPDATE meta SET value = CAST(CAST(value AS BIGINT) + 1 AS TEXT) "
            "WHERE key = 'data_version'"
        )


def checkpoint(con: duckdb.DuckDBPyConnection) -> None:
    """Write the file's log into the file (a store made once and then copied, timed)."""
    con.execute("CHECKPOINT")


def table_counts(con: duckdb.DuckDBPyConnection) -> tuple[int, int]:
    """Numbers of tasks and of progress reports stored."""
    row = con.execute(
        "SELECT (SELECT count(*) FROM tasks), (SELECT count(*) FROM progress)"
    ).fetchall()[0]
    return int(row[0]), int(row[1])


# One statement, the whole of CONTRACT.md section 4 (as of D, no window) per group.
# {key} is an allow-listed column (see floor_sql); everything else is a parameter.
_FLOOR_SQL = """
WITH latest AS (
    SELECT task_id,
           arg_max(progress, report_date) AS progress,
           max(report_date) FILTER (WHERE progress < 100) AS last_open,
           list(report_date) FILTER (WHERE progress = 100) AS done_dates
    FROM progress
    WHERE report_date <= $as_of
    GROUP BY task_id
),
task AS (
    SELECT t.{key} AS key, t.due_on, coalesce(l.progress, 0) AS progress,
           CASE WHEN l.progress = 100 THEN
               list_min(list_filter(l.done_dates,
                   lambda d: l.last_open IS NULL OR d > l.last_open))
           END AS done_on
    FROM tasks t
    LEFT JOIN latest l ON l.task_id = t.id
    WHERE t.assignment_state = 'da_giao' AND t.assigned_on <= $as_of
)
SELECT key,
       count(*) AS tasks,
       count(*) FILTER (WHERE done_on <= due_on) AS hoan_thanh_dung_han,
       count(*) FILTER (WHERE done_on > due_on) AS hoan_thanh_qua_han,
       count(*) FILTER (WHERE done_on IS NULL AND $as_of <= due_on AND progress > 0)
           AS dang_thuc_hien,
       count(*) FILTER (WHERE done_on IS NULL AND $as_of <= due_on AND progress = 0)
           AS chua_trien_khai,
       count(*) FILTER (WHERE done_on IS NULL AND $as_of > due_on) AS qua_han,
       round(count(done_on) / count(*), 4) AS completion_rate,
       round(count(*) FILTER (WHERE done_on <= due_on)
             / nullif(count(*) FILTER (WHERE done_on IS NOT NULL OR $as_of > due_on), 0), 4)
           AS on_time_rate,
       round(avg(progress), 2) AS avg_progress
FROM task
GROUP BY key
ORDER BY key
"""
FLOOR_KEYS = {"body": "body_code", "area": "area_code"}


def floor_figures(con: duckdb.DuckDBPyConnection, by: str, as_of: date) -> list[tuple]:
    """The figures per group (``body`` or ``area``) by the floor query, as plain rows."""
    sql = _FLOOR_SQL.format(key=FLOOR_KEYS[by])  # allow-listed column only
    return con.execute(sql, {"as_of": as_of}).fetchall()
