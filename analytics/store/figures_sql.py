"""The SQL behind the figures: one row per task with its state as of a date.

DuckDB does the heavy part here (the latest report per task as of D, the done
date, the status); ``analytics.figures``, ``analytics.trend`` and
``analytics.early_warning`` aggregate the rows in pandas. Every value comes in as a
parameter; the only identifiers that vary (the grouping columns) come from
:data:`GROUP_COLUMNS`, a fixed allow-list.

Two facts of the schema keep this fast at ten million reports:
- a report is done exactly when its progress is 100 (the ``progress`` table's CHECK
  ties ``status = 'hoan_thanh'`` to ``progress = 100``), so the SQL compares numbers
  instead of text;
- the done date C (CONTRACT.md section 4) is the earliest done report after the last
  report that was not done. One pass over the reports keeps, per task, the date of
  the last open report and the list of done report dates; C is then the smallest
  listed date after that last open one (``list_filter`` with a lambda).

The deadline U of every query is the deadline in force (CONTRACT.md section 4), defined
once, in :data:`_DUE_IN_FORCE`.
"""

from __future__ import annotations

from datetime import date
from functools import cache

import duckdb
import pandas as pd

from analytics.statuses import TASK_STATUS_CODES

EARLIEST = date(1, 1, 1)

# Grouping name -> column of ``tasks`` (the allow-list for varying identifiers).
# An empty official or assigner is its own group, keyed "".
GROUP_COLUMNS: dict[str, str] = {
    "body": "t.body_code",
    "area": "t.area_code",
    "position": "t.position",
    "official": "coalesce(t.official, '')",
    "assigner": "coalesce(t.assigner, '')",
    "period": "t.period_label",
}

# The status of a task as of D (CONTRACT.md section 4) as an index into
# TASK_STATUS_CODES, in one place. ``done_on`` is C, ``due_on`` is U.
_STATUS_INDEX = """
    CASE
        WHEN done_on IS NOT NULL AND done_on <= due_on THEN 0  -- hoan_thanh_dung_han
        WHEN done_on IS NOT NULL THEN 1                        -- hoan_thanh_qua_han
        WHEN $as_of > due_on THEN 4                            -- qua_han
        WHEN progress > 0 THEN 2                               -- dang_thuc_hien
        ELSE 3                                                 -- chua_trien_khai
    END
"""
_STATUS_ORDER = (
    "hoan_thanh_dung_han",
    "hoan_thanh_qua_han",
    "dang_thuc_hien",
    "chua_trien_khai",
    "qua_han",
)
assert _STATUS_ORDER == TASK_STATUS_CODES, "status indexes above follow TASK_STATUS_CODES"

# The deadline in force (CONTRACT.md section 4), the one definition every query here
# uses. For each day D of ``{days}`` (a FROM item with a DATE column ``day``) and each
# task with an extension approved on or before D: the new deadline of the latest such
# approval (latest decision day; two decided the same day, the larger id). A task with no
# row keeps its own deadline: U = coalesce(x.due_on, t.due_on), extended when x is found.
# Only approved extensions are read, so the join adds almost nothing to a store with few.
_DUE_IN_FORCE = """
due_in_force AS (
    SELECT d.day, e.task_id, arg_max(e.new_due, (e.decided_on, e.id)) AS due_on
    FROM {days} d
    JOIN extensions e ON e.decision = 'da_duyet' AND e.decided_on <= d.day
    GROUP BY d.day, e.task_id
)"""
# The days of a query read as of one date D.
_AS_OF_DAY = "(SELECT CAST($as_of AS DATE) AS day)"


def _due_in_force(days: str) -> str:
    return _DUE_IN_FORCE.format(days=days)


# Per task with a report on or before D: the latest progress, the last report date,
# the done date C. ``progress_before`` (the progress before the window's first day)
# is added only when a window asks for it.
_PER_TASK = """
per_task AS (
    SELECT task_id,
           arg_max(progress, report_date) AS progress,
           max(report_date) AS last_report_on,
           max(report_date) FILTER (WHERE progress < 100) AS last_open_on,
           list(report_date) FILTER (WHERE progress = 100) AS done_dates
           {before}{recent}
    FROM progress
    WHERE report_date <= $as_of
    GROUP BY task_id
),{due_in_force},
state AS (
    SELECT t.* REPLACE (coalesce(x.due_on, t.due_on) AS due_on),
           t.due_on AS own_due_on,
           x.task_id IS NOT NULL AS extended,
           coalesce(s.progress, 0) AS progress,
           s.last_report_on,
           CASE WHEN s.progress = 100 THEN
               list_min(list_filter(s.done_dates,
                   lambda d: s.last_open_on IS NULL OR d > s.last_open_on))
           END AS done_on,
           {before_column} AS progress_before{recent_columns}
    FROM tasks t
    LEFT JOIN per_task s ON s.task_id = t.id
    LEFT JOIN due_in_force x ON x.task_id = t.id
    WHERE t.assignment_state = 'da_giao'
      AND t.assigned_on <= $scope_to
      -- A window's "han_hoan_thanh >= F" reads the deadline in force on D, not the
      -- task's own: a task whose deadline was extended into the window is in it.
      AND coalesce(x.due_on, t.due_on) >= $scope_from
)
"""
# The progress "as of the day before F" (CONTRACT.md section 4): the latest report
# dated before F. Only reports up to D are read: F after D happens only when F is after
# today, and no report is dated in the future.
_BEFORE = (
    ",\n           arg_max(progress, report_date) FILTER (WHERE report_date < $window_from)"
    " AS progress_before"
)


# Early warning: the progress as of the start of the pace window ($pace_from).
_RECENT = (
    ",\n           arg_max(progress, report_date) FILTER (WHERE report_date <= $pace_from)"
    " AS pace_base_progress"
)
_RECENT_COLUMNS = ",\n           coalesce(s.pace_base_progress, 0) AS pace_base_progress"


def _per_task(with_before: bool, with_recent: bool = False) -> str:
    return _PER_TASK.format(
        before=_BEFORE if with_before else "",
        before_column="coalesce(s.progress_before, 0)" if with_before else "CAST(0 AS DOUBLE)",
        recent=_RECENT if with_recent else "",
        recent_columns=_RECENT_COLUMNS if with_recent else "",
        due_in_force=_due_in_force(_AS_OF_DAY),
    )


TASK_STATES_SQL = (
    "WITH "
    + _per_task(True)
    + """
SELECT id AS task_id, code, title, body_code, area_code, position,
       coalesce(official, '') AS official, coalesce(assigner, '') AS assigner,
       period_label, assigned_on, due_on, own_due_on, extended, progress, last_report_on,
       done_on, progress_before,
       $status_names[1 + """
    + _STATUS_INDEX
    + """] AS status
FROM state t
ORDER BY id
"""
)

LABELS_SQL = {
    "body": "SELECT code AS key, name_vi, name_en, sort_order FROM bodies",
    "area": "SELECT code AS key, name_vi, name_en, sort_order FROM areas",
    "position": "SELECT name_vi AS key, name_vi, name_en, sort_order FROM positions",
    "period": "SELECT label AS key, kind, start_year FROM periods",
}


def _scope_params(
    as_of: date, scope_from: date | None, scope_to: date | None, window_from: date | None
) -> dict[str, object]:
    return {
        "as_of": as_of,
        "scope_to": scope_to or as_of,
        "scope_from": scope_from or EARLIEST,
        "window_from": window_from or EARLIEST,
    }


def task_states(
    con: duckdb.DuckDBPyConnection,
    as_of: date,
    *,
    scope_from: date | None = None,
    scope_to: date | None = None,
    window_from: date | None = None,
) -> pd.DataFrame:
    """One row per assigned task in scope with its progress, done date and status as of ``as_of``.

    ``due_on`` is the deadline in force as of ``as_of``, ``own_due_on`` the task's own
    deadline, ``extended`` whether an extension was approved on or before ``as_of``.
    Scope: ``assigned_on <= scope_to`` and ``due_on >= scope_from`` (defaults: as_of, no
    lower bound). ``progress_before`` is the progress before ``window_from`` (0 if none).
    ``status`` is one of the codes of ``analytics.statuses.TASK_STATUS_CODES``.
    """
    params = _scope_params(as_of, scope_from, scope_to, window_from)
    params["status_names"] = list(TASK_STATUS_CODES)
    return con.execute(TASK_STATES_SQL, params).df()


@cache
def _group_rows_sql(groups: tuple[str, ...], with_before: bool) -> str:
    keys = "".join(f"{GROUP_COLUMNS[g]} AS {g}, " for g in groups)  # allow-listed only
    return (
        "WITH "
        + _per_task(with_before)
        + f"""
SELECT {keys}CAST({_STATUS_INDEX} AS TINYINT) AS status, progress, progress_before,
       extended
FROM state t
"""
    )


def group_rows(
    con: duckdb.DuckDBPyConnection,
    groups: tuple[str, ...],
    as_of: date,
    *,
    scope_from: date | None = None,
    scope_to: date | None = None,
    window_from: date | None = None,
) -> pd.DataFrame:
    """The narrow per-task frame the figures aggregate, one row per task in scope.

    Columns: one per name in ``groups`` (keys of :data:`GROUP_COLUMNS`), ``status`` (an
    index into ``TASK_STATUS_CODES``), ``progress``, ``progress_before`` (0 without
    ``window_from``) and ``extended``. Read through Arrow: much faster than ``.df()`` for
    text columns.
    """
    unknown = [g for g in groups if g not in GROUP_COLUMNS]
    if unknown:
        raise ValueError(f"unknown group {unknown[0]!r}")
    sql = _group_rows_sql(tuple(groups), window_from is not None)
    params = _scope_params(as_of, scope_from, scope_to, window_from)
    if window_from is None:
        del params["window_from"]
    return _arrow_frame(con, sql, params)


def _arrow_frame(
    con: duckdb.DuckDBPyConnection, sql: str, params: dict, *, dates: bool = False
) -> pd.DataFrame:
    # A result someone left half-read (a fetchone()) would block con.sql(): finish it.
    con.complete()
    table = con.sql(sql, params=params).to_arrow_table()
    # dates=True: DATE columns as datetime64 (as .df() gives them), not date objects.
    return table.to_pandas(date_as_object=not dates)


def reference_labels(con: duckdb.DuckDBPyConnection, kind: str) -> pd.DataFrame:
    """Codes and names of bodies, areas, positions or periods, as stored."""
    return con.execute(LABELS_SQL[kind]).df()


# ---------------------------------------------------------------------------
# Trend: the state of every task at several dates in one query.
# One window pass marks the reports that start a run of done reports (done, and the
# report before is not). For a date D, a task is done when its latest report on or
# before D is done, and then C is the latest run start on or before D (the runs are
# contiguous). Two ASOF joins pick both for every (task, D) at once; the deadline in
# force at each D joins on (task, D).
_TREND_SQL = """
WITH marked AS (
    SELECT task_id, report_date, progress,
           progress = 100 AND coalesce(lag(progress) OVER (
               PARTITION BY task_id ORDER BY report_date), 0) < 100 AS run_start
    FROM progress
    WHERE report_date <= $last_end
),
run_starts AS (
    SELECT task_id, report_date FROM marked WHERE run_start
),
ends AS (
    SELECT CAST(i - 1 AS SMALLINT) AS end_index, $ends[i] AS as_of
    FROM range(1, len($ends) + 1) r(i)
),{due_in_force},
grid AS (
    SELECT {keys}t.id AS task_id, coalesce(x.due_on, t.due_on) AS due_on,
           x.task_id IS NOT NULL AS extended, e.as_of, e.end_index
    FROM tasks t
    JOIN ends e ON t.assigned_on <= e.as_of
    LEFT JOIN due_in_force x ON x.task_id = t.id AND x.day = e.as_of
    WHERE t.assignment_state = 'da_giao'
),
latest AS (
    SELECT g.*, coalesce(m.progress, 0) AS progress
    FROM grid g
    ASOF LEFT JOIN marked m ON g.task_id = m.task_id AND g.as_of >= m.report_date
),
joined AS (
    SELECT l.*, CASE WHEN l.progress = 100 THEN r.report_date END AS done_on
    FROM latest l
    ASOF LEFT JOIN run_starts r ON l.task_id = r.task_id AND l.as_of >= r.report_date
)
SELECT end_index, {key_names}CAST({status} AS TINYINT) AS status, progress, extended
FROM joined
"""


@cache
def _trend_sql(groups: tuple[str, ...], with_task: bool = False) -> str:
    keys = "".join(f"{GROUP_COLUMNS[g]} AS {g}, " for g in groups)  # allow-listed only
    key_names = ("task_id, " if with_task else "") + "".join(f"{g}, " for g in groups)
    status = _STATUS_INDEX.replace("$as_of", "as_of")
    due_in_force = _due_in_force("(SELECT as_of AS day FROM ends)")
    return _TREND_SQL.format(
        keys=keys, key_names=key_names, status=status, due_in_force=due_in_force
    )


def trend_rows(
    con: duckdb.DuckDBPyConnection,
    ends: list[date],
    groups: tuple[str, ...] = (),
    *,
    with_task: bool = False,
) -> pd.DataFrame:
    """One row per (date in ``ends``, task assigned on or before it): its state as of that date.

    Columns: ``as_of`` (a categorical of the dates, cheap to group on), ``task_id`` when
    ``with_task``, one per name in ``groups``, ``status`` (index into
    ``TASK_STATUS_CODES``), ``progress`` and ``extended`` (an extension approved on or
    before that date); the status reads the deadline in force at that date.
    """
    unknown = [g for g in groups if g not in GROUP_COLUMNS]
    if unknown:
        raise ValueError(f"unknown group {unknown[0]!r}")
    if not ends:
        raise ValueError("no date given")
    dates = sorted(set(ends))
    params = {"ends": dates, "last_end": dates[-1]}
    frame = _arrow_frame(con, _trend_sql(tuple(groups), with_task), params)
    as_of = pd.Categorical.from_codes(frame.pop("end_index"), categories=dates)
    frame.insert(0, "as_of", as_of)
    return frame


# ---------------------------------------------------------------------------
# Early warning: each open task's progress and its last four reports as of D.
EARLY_WARNING_SQL = (
    "WITH "
    + _per_task(False, with_recent=True)
    + """,
open_task AS (
    SELECT t.*, CAST("""
    + _STATUS_INDEX
    + """ AS TINYINT) AS status_index
    FROM state t
)
SELECT id AS task_id, code, title, body_code, area_code, position,
       coalesce(official, '') AS official, coalesce(assigner, '') AS assigner,
       period_label, assigned_on, due_on, own_due_on, extended, progress, last_report_on,
       $status_names[1 + status_index] AS status, pace_base_progress
FROM open_task
WHERE done_on IS NULL
"""
)


def open_task_history(con: duckdb.DuckDBPyConnection, as_of: date, pace_from: date) -> pd.DataFrame:
    """Every assigned task, assigned on or before ``as_of`` and not done as of it.

    Besides the task's columns (``due_on`` the deadline in force as of ``as_of``,
    ``own_due_on`` the task's own, ``extended``), ``progress``, ``last_report_on`` and
    ``status``: ``pace_base_progress``, its progress as of ``pace_from`` (0 without a
    report by then).
    """
    params = _scope_params(as_of, None, None, None)
    del params["window_from"]
    params["status_names"] = list(TASK_STATUS_CODES)
    params["pace_from"] = pace_from
    return _arrow_frame(con, EARLY_WARNING_SQL, params, dates=True)


def first_assigned_on(con: duckdb.DuckDBPyConnection) -> date | None:
    """The earliest assignment date of an assigned task; None when there is none."""
    return con.execute(
        "SELECT min(assigned_on) FROM tasks WHERE assignment_state = 'da_giao'"
    ).fetchall()[0][0]


DUE_IN_FORCE_SQL = (
    "WITH "
    + _due_in_force(_AS_OF_DAY)
    + """
SELECT coalesce(x.due_on, t.due_on)
FROM tasks t
LEFT JOIN due_in_force x ON x.task_id = t.id
WHERE t.id = $task_id
"""
)


def due_in_force(con: duckdb.DuckDBPyConnection, task_id: int, as_of: date) -> date:
    """The task's deadline in force on ``as_of`` (CONTRACT.md section 4): the new deadline
    of the latest extension approved on or before it, else the task's own deadline.

    Raises :class:`LookupError` when no task has the id ``task_id``.
    """
    rows = con.execute(DUE_IN_FORCE_SQL, {"task_id": task_id, "as_of": as_of}).fetchall()
    if not rows:
        raise LookupError(f"no task with id {task_id}")
    return rows[0][0]
