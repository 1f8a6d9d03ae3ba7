"""SQL of the actions taken on a task in the app (CONTRACT.md section 5): the task as an
action sees it, its open extension and explanation requests, the writes of each action
with its event, and the task's history, read back from the events, the imports and the
reports.

Every function here runs inside the caller's transaction (``analytics.actions`` opens
it, naming :data:`ACTION_TABLES`); values are always parameters.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

import pandas as pd

from analytics.store.connection import Connection

# Every table an action may change (the transaction names them).
ACTION_TABLES = ("tasks", "task_events", "extensions", "explanations", "audit", "meta")


@dataclass(frozen=True)
class TaskRow:
    """What the rules of an action look at."""

    id: int
    code: str
    title: str
    body_code: str
    position: str
    official: str | None
    assignment_state: str
    assigned_on: date
    due_on: date


def task(con: Connection, code: str) -> TaskRow | None:
    """The stored task ``code``, or None."""
    row = con.execute(
        "SELECT id, code, title, body_code, position, official, assignment_state, "
        "assigned_on, due_on FROM tasks WHERE code = ?",
        [code],
    ).fetchone()
    return TaskRow(*row) if row else None


def latest_progress(con: Connection, task_id: int, on: date) -> float | None:
    """The progress of the latest report dated on or before ``on``; None without one."""
    row = con.execute(
        "SELECT progress FROM progress WHERE task_id = ? AND report_date <= ? "
        "ORDER BY report_date DESC LIMIT 1",
        [task_id, on],
    ).fetchone()
    return float(row[0]) if row else None


def task_fields(con: Connection, task_id: int) -> dict[str, Any]:
    """The stored values of a task, as an event keeps them."""
    frame = con.execute(
        "SELECT code, title, body_code, position, official, area_code, period_label, "
        "assigned_on, due_on, description, target, assignment_state FROM tasks WHERE id = ?",
        [task_id],
    ).df()
    return _record_of(frame)


def report_row(con: Connection, task_id: int, on: date) -> dict[str, Any] | None:
    """The stored report of a task on a day, as an event keeps it."""
    frame = con.execute(
        "SELECT report_date, progress, status, note, reporter, evidence FROM progress "
        "WHERE task_id = ? AND report_date = ?",
        [task_id, on],
    ).df()
    return _record_of(frame) if len(frame) else None


def replaced_report(con: Connection, import_id: int) -> dict[str, Any] | None:
    """The report an import replaced (its values before), None when it added one."""
    row = con.execute(
        "SELECT before_json FROM row_history WHERE import_id = ? AND table_name = 'progress' "
        "AND before_json IS NOT NULL",
        [import_id],
    ).fetchone()
    if not row:
        return None
    stored = json.loads(row[0])
    keep = ("report_date", "progress", "status", "note", "reporter", "evidence")
    return {k: stored.get(k) for k in keep}


def body_code(con: Connection, text: str) -> str | None:
    """The code of the body named or coded ``text`` (accents and case as typed), or None."""
    row = con.execute(
        "SELECT code FROM bodies WHERE upper(code) = upper(?) OR name_vi = ? OR name_en = ? "
        "LIMIT 1",
        [text, text, text],
    ).fetchone()
    return str(row[0]) if row else None


def _record_of(frame: pd.DataFrame) -> dict[str, Any]:
    record = frame.iloc[0].to_dict()
    return {k: (None if _missing(v) else _plain_value(v)) for k, v in record.items()}


def _missing(value: Any) -> bool:
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def _plain_value(value: Any) -> Any:
    if isinstance(value, pd.Timestamp):
        return value.date().isoformat()
    if isinstance(value, (date, datetime)):
        return value.isoformat()[:10] if not isinstance(value, datetime) else value.isoformat()
    if hasattr(value, "item"):
        return value.item()
    return value


@dataclass(frozen=True)
class ExtensionRow:
    id: int
    requested_on: date
    requested_by: str
    new_due: date
    reason: str


def open_extension(con: Connection, task_id: int) -> ExtensionRow | None:
    """The task's extension request still waiting for a decision, or None."""
    row = con.execute(
        "SELECT id, requested_on, requested_by, new_due, reason FROM extensions "
        "WHERE task_id = ? AND decision = 'cho_duyet' ORDER BY id LIMIT 1",
        [task_id],
    ).fetchone()
    return ExtensionRow(*row) if row else None


@dataclass(frozen=True)
class ExplanationRow:
    id: int
    asked_on: date
    asked_by: str
    question: str


def oldest_open_explanation(con: Connection, task_id: int) -> ExplanationRow | None:
    """The task's oldest explanation request not yet answered, or None."""
    row = con.execute(
        "SELECT id, asked_on, asked_by, question FROM explanations "
        "WHERE task_id = ? AND answered_on IS NULL ORDER BY asked_on, id LIMIT 1",
        [task_id],
    ).fetchone()
    return ExplanationRow(*row) if row else None


def _next_id(con: Connection, table: str) -> int:
    sql = {
        "task_events": "SELECT coalesce(max(id), 0) + 1 FROM task_events",
        "extensions": "SELECT coalesce(max(id), 0) + 1 FROM extensions",
        "explanations": "SELECT coalesce(max(id), 0) + 1 FROM explanations",
    }[table]
    return int(con.execute(sql).fetchall()[0][0])


def add_event(
    con: Connection, task_id: int, on: date, kind: str, user: str, detail: dict[str, Any],
    when: datetime, import_id: int | None = None,
) -> int:  # fmt: skip
    """Record one action on a task; returns the event's id."""
    event_id = _next_id(con, "task_events")
    con.execute(
        "INSERT INTO task_events (id, task_id, occurred_on, recorded_at, kind, user_name, "
        "detail, import_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        [event_id, task_id, on, when, kind, user, _json(detail), import_id],
    )
    return event_id


def set_state(con: Connection, task_id: int, state: str, reason: str | None) -> None:
    """Move a task to ``state`` (propose, return), keeping a return's reason."""
    con.execute(
        "UPDATE tasks SET assignment_state = ?, return_reason = ? WHERE id = ?",
        [state, reason, task_id],
    )


def assign(con: Connection, task_id: int, on: date, assigner: str | None) -> None:
    """Assign a task on ``on`` (its assignment date from now on), by ``assigner`` if given."""
    con.execute(
        "UPDATE tasks SET assignment_state = 'da_giao', assigned_on = ?, return_reason = NULL, "
        "assigner = coalesce(?, assigner) WHERE id = ?",
        [on, assigner, task_id],
    )


def add_extension(
    con: Connection, task_id: int, on: date, user: str, new_due: date, reason: str
) -> int:
    extension_id = _next_id(con, "extensions")
    con.execute(
        "INSERT INTO extensions (id, task_id, requested_on, requested_by, new_due, reason) "
        "VALUES (?, ?, ?, ?, ?, ?)",
        [extension_id, task_id, on, user, new_due, reason],
    )
    return extension_id


def decide_extension(
    con: Connection, extension_id: int, decision: str, on: date, user: str, reason: str | None
) -> None:
    con.execute(
        "UPDATE extensions SET decision = ?, decided_on = ?, decided_by = ?, "
        "decision_reason = ? WHERE id = ?",
        [decision, on, user, reason, extension_id],
    )


def add_explanation(con: Connection, task_id: int, on: date, user: str, question: str) -> int:
    explanation_id = _next_id(con, "explanations")
    con.execute(
        "INSERT INTO explanations (id, task_id, asked_on, asked_by, question) "
        "VALUES (?, ?, ?, ?, ?)",
        [explanation_id, task_id, on, user, question],
    )
    return explanation_id


def answer_explanation(
    con: Connection, explanation_id: int, on: date, user: str, answer: str
) -> None:
    con.execute(
        "UPDATE explanations SET answered_on = ?, answered_by = ?, answer = ? WHERE id = ?",
        [on, user, answer, explanation_id],
    )


def _json(detail: dict[str, Any]) -> str:
    return json.dumps(detail, ensure_ascii=False, sort_keys=True, default=_plain)


def _plain(value: Any) -> Any:
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if hasattr(value, "item"):  # numpy scalars
        return value.item()
    raise TypeError(f"not JSON: {value!r}")


# --- history -----------------------------------------------------------------------------

# Oldest first: by the day it happened, then when it was recorded, then the order of
# writing. Actions come from task_events. What came by file comes from each import's
# history rows keyed by the task's code (``["CODE", ...]``): one ``import`` event per
# row it inserted or changed, and one ``undo`` per undone import; an import made by an
# action (a report or a registration in the app) is that action's event instead.
# Reports stored with neither (the demo's) are ``report`` events on their own date.
HISTORY_SQL = """
WITH t AS (SELECT id FROM tasks WHERE code = $code),
touched AS (
    SELECT h.import_id, h.table_name, h.action, h.row_key
    FROM row_history h
    WHERE h.table_name IN ('tasks', 'progress', 'appraisals')
      AND (h.row_key = $exact_key OR starts_with(h.row_key, $key_prefix))
),
events AS (
    SELECT e.occurred_on AS on_date, e.recorded_at AS recorded, e.kind, e.user_name AS user_name,
           e.detail, 0 AS source, e.id AS seq
    FROM task_events e JOIN t ON e.task_id = t.id
    UNION ALL
    SELECT CAST(i.imported_at AS DATE), i.imported_at, 'import', i.user_name,
           json_object('import_id', i.id, 'file', i.file_name, 'table', k.table_name,
                       'action', k.action, 'key', json(k.row_key)),
           1, i.id
    FROM touched k JOIN imports i ON i.id = k.import_id
    WHERE NOT EXISTS (SELECT 1 FROM task_events e WHERE e.import_id = i.id)
    UNION ALL
    SELECT DISTINCT CAST(i.undone_at AS DATE), i.undone_at, 'undo', coalesce(i.undone_by, ''),
           json_object('import_id', i.id, 'file', i.file_name), 2, i.id
    FROM touched k JOIN imports i ON i.id = k.import_id
    WHERE i.undone_at IS NOT NULL
    UNION ALL
    SELECT p.report_date, NULL, 'report', coalesce(p.reporter, ''),
           json_object('report_date', strftime(p.report_date, '%Y-%m-%d'),
                       'progress', p.progress, 'status', p.status, 'note', p.note,
                       'evidence', p.evidence),
           3, 0
    FROM progress p JOIN t ON p.task_id = t.id
    WHERE p.import_id IS NULL
)
SELECT on_date, recorded, kind, user_name, CAST(detail AS VARCHAR) AS detail
FROM events
ORDER BY on_date, recorded NULLS FIRST, source, seq, detail
"""


def history(con: Connection, code: str) -> pd.DataFrame:
    """Every event of task ``code``, oldest first: on_date, recorded, kind, user_name, detail
    (JSON text)."""
    exact = json.dumps([code], ensure_ascii=False, separators=(",", ":"))
    params = {"code": code, "exact_key": exact, "key_prefix": exact[:-1] + ","}
    return con.execute(HISTORY_SQL, params).df()


def action_import_ids(con: Connection, task_id: int) -> list[int]:
    """Imports that were made by an action on the task (its reports and registration)."""
    rows = con.execute(
        "SELECT import_id FROM task_events WHERE task_id = ? AND import_id IS NOT NULL",
        [task_id],
    ).fetchall()
    return [int(r[0]) for r in rows]
