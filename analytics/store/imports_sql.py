"""SQL of the file import: reference look-ups, the merge, history, listing and undo.

The import pipeline (``analytics.importing``) validates a file and hands a frame of
valid rows here. :func:`write_import` merges it in one transaction: rows with a new
key are inserted, rows whose values differ are updated, the rest are counted as
unchanged. Before a row changes, its previous values go to ``row_history``
(``before_json``; null for an inserted row), so :func:`undo_import` can put every
row back exactly. The import itself is recorded in ``imports``.

Identifiers in these statements come from fixed tables below or from the database's
own catalogue, never from a file; values are always parameters.
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

import duckdb
import pandas as pd

from analytics.store.schema import bump_data_version

STAGE_VIEW = "import_rows"  # the registered frame of valid rows
_STAGE = "import_stage"  # the classified rows, a temporary table inside the transaction


@dataclass(frozen=True)
class Reference:
    """The reference lists a file is checked against."""

    bodies: pd.DataFrame  # code, name_vi, name_en
    areas: pd.DataFrame  # code, name_vi, name_en
    positions: list[str]
    periods: dict[str, str]  # label -> kind


def reference(con: duckdb.DuckDBPyConnection) -> Reference:
    """Bodies, areas, positions and periods as stored."""
    bodies = con.execute("SELECT code, name_vi, name_en FROM bodies ORDER BY sort_order").df()
    areas = con.execute("SELECT code, name_vi, name_en FROM areas ORDER BY sort_order").df()
    positions = [
        r[0] for r in con.execute("SELECT name_vi FROM positions ORDER BY sort_order").fetchall()
    ]
    periods = dict(con.execute("SELECT label, kind FROM periods").fetchall())
    return Reference(bodies, areas, positions, periods)


def tasks_by_code(con: duckdb.DuckDBPyConnection, codes: Iterable[str]) -> pd.DataFrame:
    """``code, id, assigned_on, due_on`` of the stored tasks among ``codes``."""
    wanted = pd.DataFrame({"code": pd.Series(codes, dtype="str")})
    _register(con, "import_codes", wanted)
    try:
        return con.execute(
            "SELECT t.code, t.id, t.assigned_on, t.due_on "
            "FROM tasks t JOIN import_codes w ON w.code = t.code"
        ).df()
    finally:
        con.unregister("import_codes")


def _register(con: duckdb.DuckDBPyConnection, name: str, frame: pd.DataFrame) -> None:
    # A result left half-read on this connection (a fetchone() elsewhere) would make
    # register() fail with ResourceInUseException; finish it first.
    con.complete()
    con.register(name, frame)


# --- the merge -------------------------------------------------------------------------

# Per kind: the table, its key, the row key kept in history, the columns a file may
# leave out (a missing column keeps the stored value), and the classifying query.
# The query reads the registered frame ``import_rows`` and yields, per file row, the
# values to store, the stored row's id (tasks), ``action`` (insert, update, same) and
# the stored row as JSON.


@dataclass(frozen=True)
class _Kind:
    table: str
    optional: tuple[str, ...]  # columns a file may leave out
    classify: str
    row_key: str  # SQL over import_stage giving the JSON row key
    update: str
    insert: str


_TASKS = _Kind(
    table="tasks",
    optional=("description", "target", "official", "assigner", "assignment_state"),
    classify="""
        WITH s AS (
            SELECT n."row", n.code, n.title, n.body_code, n.position, n.area_code,
                   n.period_label, CAST(n.assigned_on AS DATE) AS assigned_on,
                   CAST(n.due_on AS DATE) AS due_on,
                   nullif(n.description, '') AS description, nullif(n.target, '') AS target,
                   nullif(n.official, '') AS official, nullif(n.assigner, '') AS assigner,
                   n.assignment_state
            FROM import_rows n
        ), merged AS (
            SELECT s."row", s.code, s.title, s.body_code, s.position, s.area_code,
                   s.period_label, s.assigned_on, s.due_on,
                   CASE WHEN $has_description THEN s.description ELSE t.description END
                       AS description,
                   CASE WHEN $has_target THEN s.target ELSE t.target END AS target,
                   CASE WHEN $has_official THEN s.official ELSE t.official END AS official,
                   CASE WHEN $has_assigner THEN s.assigner ELSE t.assigner END AS assigner,
                   CASE WHEN $has_assignment_state THEN s.assignment_state
                        ELSE coalesce(t.assignment_state, 'da_giao') END AS assignment_state,
                   t.id AS existing_id,
                   CASE WHEN t.id IS NULL THEN NULL ELSE to_json(t) END AS before_json,
                   t AS old
            FROM s LEFT JOIN tasks t ON t.code = s.code
        )
        SELECT * EXCLUDE (old),
               CASE WHEN existing_id IS NULL THEN 'insert'
                    WHEN old.title = title AND old.body_code = body_code
                     AND old.position = position AND old.area_code = area_code
                     AND old.period_label = period_label AND old.assigned_on = assigned_on
                     AND old.due_on = due_on AND old.assignment_state = assignment_state
                     AND coalesce(old.description, '') = coalesce(description, '')
                     AND coalesce(old.target, '') = coalesce(target, '')
                     AND coalesce(old.official, '') = coalesce(official, '')
                     AND coalesce(old.assigner, '') = coalesce(assigner, '')
                    THEN 'same' ELSE 'update' END AS action
        FROM merged
    """,
    row_key="to_json([code])",
    update="""
        UPDATE tasks AS t SET
            title = s.title, description = s.description, target = s.target,
            body_code = s.body_code, position = s.position, official = s.official,
            area_code = s.area_code, assigner = s.assigner, period_label = s.period_label,
            assigned_on = s.assigned_on, due_on = s.due_on,
            assignment_state = s.assignment_state, import_id = $import_id
        FROM import_stage s
        WHERE s.action = 'update' AND t.id = s.existing_id
    """,
    insert="""
        INSERT INTO tasks (id, code, title, description, target, body_code, position,
                           official, area_code, assigner, period_label, assigned_on, due_on,
                           import_id, assignment_state)
        SELECT (SELECT coalesce(max(id), 0) FROM tasks) + row_number() OVER (ORDER BY s."row"),
               s.code, s.title, s.description, s.target, s.body_code, s.position,
               s.official, s.area_code, s.assigner, s.period_label, s.assigned_on, s.due_on,
               $import_id, s.assignment_state
        FROM import_stage s
        WHERE s.action = 'insert'
    """,
)

_PROGRESS = _Kind(
    table="progress",
    optional=("note", "reporter", "evidence"),
    classify="""
        WITH s AS (
            SELECT n."row", n.code, n.task_id, CAST(n.report_date AS DATE) AS report_date,
                   n.progress, n.status, nullif(n.note, '') AS note,
                   nullif(n.reporter, '') AS reporter, nullif(n.evidence, '') AS evidence
            FROM import_rows n
        ), merged AS (
            SELECT s."row", s.code, s.task_id, s.report_date, s.progress, s.status,
                   CASE WHEN $has_note THEN s.note ELSE p.note END AS note,
                   CASE WHEN $has_reporter THEN s.reporter ELSE p.reporter END AS reporter,
                   CASE WHEN $has_evidence THEN s.evidence ELSE p.evidence END AS evidence,
                   p.task_id IS NOT NULL AS existed,
                   CASE WHEN p.task_id IS NULL THEN NULL ELSE to_json(p) END AS before_json,
                   p AS old
            FROM s LEFT JOIN progress p
              ON p.task_id = s.task_id AND p.report_date = s.report_date
        )
        SELECT * EXCLUDE (old, existed),
               CASE WHEN NOT existed THEN 'insert'
                    WHEN old.progress = progress AND old.status = status
                     AND coalesce(old.note, '') = coalesce(note, '')
                     AND coalesce(old.reporter, '') = coalesce(reporter, '')
                     AND coalesce(old.evidence, '') = coalesce(evidence, '')
                    THEN 'same' ELSE 'update' END AS action
        FROM merged
    """,
    row_key="to_json([code, strftime(report_date, '%Y-%m-%d')])",
    update="""
        UPDATE progress AS p SET
            progress = s.progress, status = s.status, note = s.note,
            reporter = s.reporter, evidence = s.evidence, import_id = $import_id
        FROM import_stage s
        WHERE s.action = 'update' AND p.task_id = s.task_id AND p.report_date = s.report_date
    """,
    insert="""
        INSERT INTO progress (task_id, report_date, progress, status, note, reporter,
                              evidence, import_id)
        SELECT task_id, report_date, progress, status, note, reporter, evidence, $import_id
        FROM import_stage
        WHERE action = 'insert'
        ORDER BY task_id, report_date
    """,
)

_APPRAISALS = _Kind(
    table="appraisals",
    optional=("appraiser", "appraised_on", "comment"),
    classify="""
        WITH s AS (
            SELECT n."row", n.code, n.task_id, CAST(n.year AS INTEGER) AS year, n.rating,
                   nullif(n.appraiser, '') AS appraiser,
                   CAST(n.appraised_on AS DATE) AS appraised_on, nullif(n.comment, '') AS comment
            FROM import_rows n
        ), merged AS (
            SELECT s."row", s.code, s.task_id, s.year, s.rating,
                   CASE WHEN $has_appraiser THEN s.appraiser ELSE a.appraiser END AS appraiser,
                   CASE WHEN $has_appraised_on THEN s.appraised_on ELSE a.appraised_on END
                       AS appraised_on,
                   CASE WHEN $has_comment THEN s.comment ELSE a.comment END AS comment,
                   a.task_id IS NOT NULL AS existed,
                   CASE WHEN a.task_id IS NULL THEN NULL ELSE to_json(a) END AS before_json,
                   a AS old
            FROM s LEFT JOIN appraisals a ON a.task_id = s.task_id AND a.year = s.year
        )
        SELECT * EXCLUDE (old, existed),
               CASE WHEN NOT existed THEN 'insert'
                    WHEN old.rating = rating
                     AND old.appraised_on IS NOT DISTINCT FROM appraised_on
                     AND coalesce(old.appraiser, '') = coalesce(appraiser, '')
                     AND coalesce(old.comment, '') = coalesce(comment, '')
                    THEN 'same' ELSE 'update' END AS action
        FROM merged
    """,
    row_key="to_json([code, CAST(year AS VARCHAR)])",
    update="""
        UPDATE appraisals AS a SET
            rating = s.rating, appraiser = s.appraiser, appraised_on = s.appraised_on,
            comment = s.comment, import_id = $import_id
        FROM import_stage s
        WHERE s.action = 'update' AND a.task_id = s.task_id AND a.year = s.year
    """,
    insert="""
        INSERT INTO appraisals (task_id, year, rating, appraiser, appraised_on, comment,
                                import_id)
        SELECT task_id, year, rating, appraiser, appraised_on, comment, $import_id
        FROM import_stage
        WHERE action = 'insert'
        ORDER BY task_id, year
    """,
)

_KINDS = {"tasks": _TASKS, "progress": _PROGRESS, "appraisal": _APPRAISALS}


@dataclass(frozen=True)
class Counts:
    inserted: int
    updated: int
    unchanged: int


@dataclass(frozen=True)
class ImportRecord:
    """What ``imports`` keeps about one import."""

    user_name: str
    file_name: str
    sha256: str
    kind: str
    rows: int


def _flags(kind: _Kind, present: Iterable[str]) -> dict[str, bool]:
    present = set(present)
    return {f"has_{column}": column in present for column in kind.optional}


def classify_counts(
    con: duckdb.DuckDBPyConnection, kind: str, stage: pd.DataFrame, present: Iterable[str]
) -> Counts:
    """How many rows of ``stage`` would be inserted, updated or left unchanged (reads only)."""
    spec = _KINDS[kind]
    _register(con, STAGE_VIEW, stage)
    try:
        counts = dict(
            con.execute(
                f"SELECT action, count(*) FROM ({spec.classify}) GROUP BY action",
                _flags(spec, present),
            ).fetchall()
        )
    finally:
        con.unregister(STAGE_VIEW)
    return Counts(counts.get("insert", 0), counts.get("update", 0), counts.get("same", 0))


def write_import(
    con: duckdb.DuckDBPyConnection,
    kind: str,
    stage: pd.DataFrame,
    present: Iterable[str],
    record: ImportRecord,
    new_periods: Sequence[tuple[str, str, int, int]] = (),
    duplicates: int = 0,
) -> tuple[int, Counts]:
    """Merge ``stage`` into the kind's table in one transaction; return the import id and counts.

    ``duplicates`` (rows repeating another row of the same file) are counted unchanged.
    Any error rolls everything back and is raised again.
    """
    spec = _KINDS[kind]
    _register(con, STAGE_VIEW, stage)
    con.execute("BEGIN TRANSACTION")
    try:
        import_id = con.execute("SELECT coalesce(max(id), 0) + 1 FROM imports").fetchall()[0][0]
        con.execute(f"CREATE TEMP TABLE {_STAGE} AS {spec.classify}", _flags(spec, present))
        counts = dict(
            con.execute(f"SELECT action, count(*) FROM {_STAGE} GROUP BY action").fetchall()
        )
        result = Counts(
            counts.get("insert", 0), counts.get("update", 0), counts.get("same", 0) + duplicates
        )
        _add_periods(con, import_id, new_periods)
        con.execute(
            f"""INSERT INTO row_history (import_id, table_name, row_key, action, before_json)
                SELECT $import_id, $table, {spec.row_key}, action, before_json
                FROM {_STAGE} WHERE action <> 'same'""",
            {"import_id": import_id, "table": spec.table},
        )
        if result.updated:
            con.execute(spec.update, {"import_id": import_id})
        if result.inserted:
            con.execute(spec.insert, {"import_id": import_id})
        con.execute(
            """INSERT INTO imports (id, imported_at, user_name, file_name, sha256, kind, rows,
                                    inserted, updated, unchanged)
               VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
            [import_id, _now(), record.user_name, record.file_name, record.sha256, kind,
             record.rows, result.inserted, result.updated, result.unchanged],
        )  # fmt: skip
        con.execute(f"DROP TABLE {_STAGE}")
        bump_data_version(con)
        con.execute("COMMIT")
    except BaseException:
        _rollback(con)
        raise
    finally:
        con.unregister(STAGE_VIEW)
    return import_id, result


def _add_periods(
    con: duckdb.DuckDBPyConnection, import_id: int, periods: Sequence[tuple[str, str, int, int]]
) -> None:
    """Add period labels a tasks file uses and the store lacks, with their history."""
    for label, kind, start, end in periods:
        con.execute(
            "INSERT INTO periods (label, kind, start_year, end_year) VALUES (?, ?, ?, ?)",
            [label, kind, start, end],
        )
        con.execute(
            "INSERT INTO row_history VALUES (?, 'periods', to_json([?]), 'insert', NULL)",
            [import_id, label],
        )


def _rollback(con: duckdb.DuckDBPyConnection) -> None:
    with contextlib.suppress(duckdb.Error):  # a failed COMMIT has ended the transaction already
        con.execute("ROLLBACK")


def _now() -> datetime:
    return datetime.now().replace(microsecond=0)


# --- history and undo --------------------------------------------------------------------


def list_imports(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Every import, newest first, with its counts and whether it was undone."""
    return con.execute(
        """SELECT id, imported_at, user_name, file_name, sha256, kind, rows, inserted,
                  updated, unchanged, undone_at IS NOT NULL AS undone, undone_at, undone_by
           FROM imports ORDER BY id DESC"""
    ).df()


def import_row(con: duckdb.DuckDBPyConnection, import_id: int) -> dict | None:
    """One import's record, or None."""
    frame = con.execute(
        "SELECT id, kind, file_name, undone_at, undone_by FROM imports WHERE id = ?", [import_id]
    ).df()
    return None if frame.empty else frame.iloc[0].to_dict()


def later_imports_on_same_rows(con: duckdb.DuckDBPyConnection, import_id: int) -> list[int]:
    """Later imports, not undone, that changed a row this import changed."""
    rows = con.execute(
        """SELECT DISTINCT later.import_id
           FROM row_history mine
           JOIN row_history later
             ON later.table_name = mine.table_name AND later.row_key = mine.row_key
            AND later.import_id > mine.import_id
           JOIN imports i ON i.id = later.import_id AND i.undone_at IS NULL
           WHERE mine.import_id = ?
           ORDER BY 1""",
        [import_id],
    ).fetchall()
    return [r[0] for r in rows]


def imports_using_added_tasks(con: duckdb.DuckDBPyConnection, import_id: int) -> list[int | None]:
    """Imports whose reports or appraisals hang on tasks this import added (None: not imported)."""
    rows = con.execute(
        """WITH added AS (
               SELECT t.id FROM row_history h
               JOIN tasks t ON t.code = json_extract_string(h.row_key, '$[0]')
               WHERE h.import_id = ? AND h.table_name = 'tasks' AND h.action = 'insert'
           )
           SELECT DISTINCT x.import_id FROM (
               SELECT task_id, import_id FROM progress
               UNION ALL SELECT task_id, import_id FROM appraisals
           ) x JOIN added ON added.id = x.task_id
           ORDER BY 1 NULLS LAST""",
        [import_id],
    ).fetchall()
    return [r[0] for r in rows]


# Key columns are never changed by an import, so undo matches on them and restores the rest.
_KEYS = {
    "tasks": ("id",),
    "progress": ("task_id", "report_date"),
    "appraisals": ("task_id", "year"),
}
_NEVER_RESTORED = {"tasks": ("code",)}


def _table_columns(con: duckdb.DuckDBPyConnection, table: str) -> list[tuple[str, str]]:
    return con.execute(
        """SELECT column_name, data_type FROM information_schema.columns
           WHERE table_schema = 'main' AND table_name = ? ORDER BY ordinal_position""",
        [table],
    ).fetchall()


def _restore_updated(con: duckdb.DuckDBPyConnection, import_id: int, table: str) -> int:
    columns = _table_columns(con, table)
    structure = json.dumps({name: kind for name, kind in columns})
    keys = _KEYS[table]
    fixed = set(keys) | set(_NEVER_RESTORED.get(table, ()))
    assignments = ", ".join(f'"{n}" = b."{n}"' for n, _ in columns if n not in fixed)
    match = " AND ".join(f'x."{k}" = b."{k}"' for k in keys)
    params = {"import_id": import_id, "table": table, "structure": structure}
    count = con.execute(
        "SELECT count(*) FROM row_history WHERE import_id = $import_id "
        "AND table_name = $table AND action = 'update'",
        {"import_id": import_id, "table": table},
    ).fetchall()[0][0]
    if count:
        con.execute(
            f"""UPDATE {table} AS x SET {assignments}
                FROM (SELECT unnest(from_json(before_json, $structure)) FROM row_history
                      WHERE import_id = $import_id AND table_name = $table
                        AND action = 'update') b
                WHERE {match}""",
            params,
        )
    return count


_DELETE_INSERTED = {
    "progress": """
        DELETE FROM progress AS p USING (
            SELECT t.id AS task_id,
                   CAST(json_extract_string(h.row_key, '$[1]') AS DATE) AS report_date
            FROM row_history h JOIN tasks t ON t.code = json_extract_string(h.row_key, '$[0]')
            WHERE h.import_id = $import_id AND h.table_name = 'progress'
              AND h.action = 'insert') d
        WHERE p.task_id = d.task_id AND p.report_date = d.report_date
    """,
    "appraisals": """
        DELETE FROM appraisals AS a USING (
            SELECT t.id AS task_id,
                   CAST(json_extract_string(h.row_key, '$[1]') AS INTEGER) AS year
            FROM row_history h JOIN tasks t ON t.code = json_extract_string(h.row_key, '$[0]')
            WHERE h.import_id = $import_id AND h.table_name = 'appraisals'
              AND h.action = 'insert') d
        WHERE a.task_id = d.task_id AND a.year = d.year
    """,
    "tasks": """
        DELETE FROM tasks WHERE code IN (
            SELECT json_extract_string(row_key, '$[0]') FROM row_history
            WHERE import_id = $import_id AND table_name = 'tasks' AND action = 'insert')
    """,
    "periods": """
        DELETE FROM periods WHERE label IN (
            SELECT json_extract_string(row_key, '$[0]') FROM row_history
            WHERE import_id = $import_id AND table_name = 'periods' AND action = 'insert')
          AND label NOT IN (SELECT period_label FROM tasks)
    """,
}


def undo_import(con: duckdb.DuckDBPyConnection, import_id: int, user_name: str) -> Counts:
    """Put back every row the import changed and mark it undone, in one transaction.

    The caller checks first that no later import stands in the way. Returns how many
    rows were removed (``inserted``) and restored (``updated``).
    """
    con.execute("BEGIN TRANSACTION")
    try:
        removed = con.execute(
            "SELECT count(*) FROM row_history WHERE import_id = ? AND action = 'insert' "
            "AND table_name <> 'periods'",
            [import_id],
        ).fetchall()[0][0]
        restored = 0
        for table in ("progress", "appraisals", "tasks"):
            restored += _restore_updated(con, import_id, table)
        for table in ("progress", "appraisals", "tasks", "periods"):
            con.execute(_DELETE_INSERTED[table], {"import_id": import_id})
        con.execute(
            "UPDATE imports SET undone_at = ?, undone_by = ? WHERE id = ?",
            [_now(), user_name, import_id],
        )
        bump_data_version(con)
        con.execute("COMMIT")
    except BaseException:
        _rollback(con)
        raise
    return Counts(removed, restored, 0)


def tasks_matching_folded(con: duckdb.DuckDBPyConnection, keys: Sequence[str]) -> dict[str, str]:
    """Stored codes whose upper-case form without spaces is one of ``keys``: key -> code."""
    if not keys:
        return {}
    rows = con.execute(
        """SELECT k, min(code) FROM (
               SELECT upper(regexp_replace(code, '\\s', '', 'g')) AS k, code FROM tasks)
           WHERE k IN (SELECT unnest(?::VARCHAR[])) GROUP BY k""",
        [list(keys)],
    ).fetchall()
    return dict(rows)
