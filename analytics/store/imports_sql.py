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
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime

import duckdb
import pandas as pd
import pyarrow as pa

from analytics.store.connection import transaction
from analytics.store.errors import WriteConflict
from analytics.store.schema import bump_data_version

STAGE_VIEW = "import_rows"  # the registered frame of valid rows


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
    con.register(name, _arrow(frame))


def _arrow(frame: pd.DataFrame) -> pa.Table:
    """The frame as one-chunk Arrow columns DuckDB scans fastest: ``string``, not
    ``large_string`` (pandas' own), and dates as dates. About twice as fast to read
    as the pandas frame for a million rows."""
    table = pa.Table.from_pandas(frame, preserve_index=False)
    columns = []
    for column in table.columns:
        kind = column.type
        if pa.types.is_large_string(kind):
            column = column.cast(pa.string())
        elif pa.types.is_dictionary(kind) and pa.types.is_large_string(kind.value_type):
            column = column.cast(pa.dictionary(kind.index_type, pa.string()))
        elif pa.types.is_timestamp(kind):
            column = column.cast(pa.date32())
        columns.append(column)
    return pa.table(columns, names=table.column_names).combine_chunks()


# --- the merge ---------------------------------------------------------------------------

# Per kind: ``source`` normalises the registered frame ``import_rows`` (empty text to
# NULL, dates as dates); ``keys`` finds the rows whose key is stored already, reading
# only the key columns of the stored table; ``match`` then yields, for those rows alone,
# the action (``update`` or ``same``) and the stored row as JSON (joining all of a
# national table's columns at once took twice as long). A column the file leaves
# out (``$has_<column>`` false) keeps the stored value: it neither counts as a change
# nor is written. Rows with no match are inserted. The frame's text is read only where
# needed, so a file of a million new reports costs one scan of its strings.


@dataclass(frozen=True)
class _Kind:
    table: str
    optional: tuple[str, ...]  # columns a file may leave out
    source: str
    match: str  # over import_keys: the action and the stored row of every stored key
    keys: str  # the file's rows whose key is stored, and where: ``"row", stored`` (a rowid)
    row_key: str  # over the normalised rows ``s``: the JSON key kept in history
    update: str
    insert: str


_TASKS = _Kind(
    table="tasks",
    optional=("description", "target", "official", "assigner", "assignment_state"),
    source="""
        SELECT "row", code, title, CAST(body_code AS VARCHAR) AS body_code, position,
               CAST(area_code AS VARCHAR) AS area_code, period_label,
               CAST(assigned_on AS DATE) AS assigned_on, CAST(due_on AS DATE) AS due_on,
               nullif(description, '') AS description, nullif(target, '') AS target,
               nullif(official, '') AS official, nullif(assigner, '') AS assigner,
               CAST(assignment_state AS VARCHAR) AS assignment_state
        FROM import_rows
    """,
    match="""
        SELECT s."row",
               CASE WHEN t.title = s.title AND t.body_code = s.body_code
                     AND t.position = s.position AND t.area_code = s.area_code
                     AND t.period_label = s.period_label AND t.assigned_on = s.assigned_on
                     AND t.due_on = s.due_on
                     AND (NOT $has_assignment_state OR t.assignment_state = s.assignment_state)
                     AND (NOT $has_description
                          OR coalesce(t.description, '') = coalesce(s.description, ''))
                     AND (NOT $has_target OR coalesce(t.target, '') = coalesce(s.target, ''))
                     AND (NOT $has_official
                          OR coalesce(t.official, '') = coalesce(s.official, ''))
                     AND (NOT $has_assigner
                          OR coalesce(t.assigner, '') = coalesce(s.assigner, ''))
                    THEN 'same' ELSE 'update' END AS action,
               to_json(t) AS before_json
        FROM import_keys k JOIN s ON s."row" = k."row" JOIN tasks t ON t.rowid = k.stored
    """,
    keys="""
        SELECT s."row", t.rowid AS stored FROM s JOIN tasks t ON t.code = s.code
    """,
    row_key="to_json([s.code])",
    update="""
        UPDATE tasks AS t SET
            title = s.title, body_code = s.body_code, position = s.position,
            area_code = s.area_code, period_label = s.period_label,
            assigned_on = s.assigned_on, due_on = s.due_on,
            description = CASE WHEN $has_description THEN s.description ELSE t.description END,
            target = CASE WHEN $has_target THEN s.target ELSE t.target END,
            official = CASE WHEN $has_official THEN s.official ELSE t.official END,
            assigner = CASE WHEN $has_assigner THEN s.assigner ELSE t.assigner END,
            assignment_state = CASE WHEN $has_assignment_state THEN s.assignment_state
                                    ELSE t.assignment_state END,
            import_id = $import_id
        FROM s JOIN import_matched m ON m."row" = s."row" AND m.action = 'update'
        WHERE t.code = s.code
    """,
    insert="""
        INSERT INTO tasks (id, code, title, description, target, body_code, position,
                           official, area_code, assigner, period_label, assigned_on, due_on,
                           import_id, assignment_state)
        SELECT (SELECT coalesce(max(id), 0) FROM tasks) + row_number() OVER (ORDER BY s."row"),
               s.code, s.title, s.description, s.target, s.body_code, s.position,
               s.official, s.area_code, s.assigner, s.period_label, s.assigned_on, s.due_on,
               $import_id, coalesce(s.assignment_state, 'da_giao')
        FROM s ANTI JOIN import_matched m ON m."row" = s."row"
    """,
)

_PROGRESS = _Kind(
    table="progress",
    optional=("note", "reporter", "evidence"),
    source="""
        SELECT "row", code, task_id, CAST(report_date AS DATE) AS report_date, progress,
               CAST(status AS VARCHAR) AS status, nullif(note, '') AS note,
               nullif(reporter, '') AS reporter, nullif(evidence, '') AS evidence
        FROM import_rows
    """,
    match="""
        SELECT s."row",
               CASE WHEN p.progress = s.progress AND p.status = s.status
                     AND (NOT $has_note OR coalesce(p.note, '') = coalesce(s.note, ''))
                     AND (NOT $has_reporter
                          OR coalesce(p.reporter, '') = coalesce(s.reporter, ''))
                     AND (NOT $has_evidence
                          OR coalesce(p.evidence, '') = coalesce(s.evidence, ''))
                    THEN 'same' ELSE 'update' END AS action,
               to_json(p) AS before_json
        FROM import_keys k JOIN s ON s."row" = k."row" JOIN progress p ON p.rowid = k.stored
    """,
    keys="""
        SELECT s."row", p.rowid AS stored
        FROM s JOIN progress p ON p.task_id = s.task_id AND p.report_date = s.report_date
    """,
    row_key="to_json([s.code, strftime(s.report_date, '%Y-%m-%d')])",
    update="""
        UPDATE progress AS p SET
            progress = s.progress, status = s.status,
            note = CASE WHEN $has_note THEN s.note ELSE p.note END,
            reporter = CASE WHEN $has_reporter THEN s.reporter ELSE p.reporter END,
            evidence = CASE WHEN $has_evidence THEN s.evidence ELSE p.evidence END,
            import_id = $import_id
        FROM s JOIN import_matched m ON m."row" = s."row" AND m.action = 'update'
        WHERE p.task_id = s.task_id AND p.report_date = s.report_date
    """,
    # In key order: the primary-key index takes sorted keys much faster.
    insert="""
        INSERT INTO progress (task_id, report_date, progress, status, note, reporter,
                              evidence, import_id)
        SELECT s.task_id, s.report_date, s.progress, s.status, s.note, s.reporter,
               s.evidence, $import_id
        FROM s ANTI JOIN import_matched m ON m."row" = s."row"
        ORDER BY s.task_id, s.report_date
    """,
)

_APPRAISALS = _Kind(
    table="appraisals",
    optional=("appraiser", "appraised_on", "comment"),
    source="""
        SELECT "row", code, task_id, CAST(year AS INTEGER) AS year,
               CAST(rating AS VARCHAR) AS rating, nullif(appraiser, '') AS appraiser,
               CAST(appraised_on AS DATE) AS appraised_on, nullif(comment, '') AS comment
        FROM import_rows
    """,
    match="""
        SELECT s."row",
               CASE WHEN a.rating = s.rating
                     AND (NOT $has_appraised_on
                          OR a.appraised_on IS NOT DISTINCT FROM s.appraised_on)
                     AND (NOT $has_appraiser
                          OR coalesce(a.appraiser, '') = coalesce(s.appraiser, ''))
                     AND (NOT $has_comment
                          OR coalesce(a.comment, '') = coalesce(s.comment, ''))
                    THEN 'same' ELSE 'update' END AS action,
               to_json(a) AS before_json
        FROM import_keys k JOIN s ON s."row" = k."row" JOIN appraisals a ON a.rowid = k.stored
    """,
    keys="""
        SELECT s."row", a.rowid AS stored
        FROM s JOIN appraisals a ON a.task_id = s.task_id AND a.year = s.year
    """,
    row_key="to_json([s.code, CAST(s.year AS VARCHAR)])",
    update="""
        UPDATE appraisals AS a SET
            rating = s.rating,
            appraiser = CASE WHEN $has_appraiser THEN s.appraiser ELSE a.appraiser END,
            appraised_on = CASE WHEN $has_appraised_on THEN s.appraised_on
                                ELSE a.appraised_on END,
            comment = CASE WHEN $has_comment THEN s.comment ELSE a.comment END,
            import_id = $import_id
        FROM s JOIN import_matched m ON m."row" = s."row" AND m.action = 'update'
        WHERE a.task_id = s.task_id AND a.year = s.year
    """,
    insert="""
        INSERT INTO appraisals (task_id, year, rating, appraiser, appraised_on, comment,
                                import_id)
        SELECT s.task_id, s.year, s.rating, s.appraiser, s.appraised_on, s.comment, $import_id
        FROM s ANTI JOIN import_matched m ON m."row" = s."row"
        ORDER BY s.task_id, s.year
    """,
)


@dataclass(frozen=True)
class _Statements:
    """The whole text of every statement of one kind's merge, made once from the fixed
    pieces above (no text from a file or a caller ever goes into SQL; values are
    parameters). ``import_keys`` and ``import_matched`` are temporary tables."""

    find_keys: str  # the rows whose key is stored, and where
    find_matched: str  # their action and stored values
    history: str  # the previous values of the rows the import changes or adds
    update: str
    insert: str


def _statements(spec: _Kind) -> _Statements:
    with_source = "WITH s AS (" + spec.source + ") "
    return _Statements(
        find_keys="CREATE TEMP TABLE import_keys AS " + with_source + spec.keys,
        find_matched="CREATE TEMP TABLE import_matched AS " + with_source + spec.match,
        history=with_source
        + "INSERT INTO row_history (import_id, table_name, row_key, action, before_json) "
        + "SELECT $import_id, $table, "
        + spec.row_key
        + """, coalesce(m.action, 'insert'), m.before_json
        FROM s LEFT JOIN import_matched m ON m."row" = s."row"
        WHERE m.action IS NULL OR m.action = 'update'""",
        update=with_source + spec.update,
        insert=with_source + spec.insert,
    )


_KINDS = {"tasks": _TASKS, "progress": _PROGRESS, "appraisal": _APPRAISALS}
_SQL = {kind: _statements(spec) for kind, spec in _KINDS.items()}
_COUNT_MATCHED = "SELECT action, count(*) FROM import_matched GROUP BY 1"


@dataclass(frozen=True)
class Counts:
    inserted: int
    updated: int
    unchanged: int


@dataclass(frozen=True)
class AlsoWrite:
    """More to write in an import's transaction: ``write(con, import_id, counts)`` and the
    tables it changes."""

    write: Callable[[duckdb.DuckDBPyConnection, int, Counts], None]
    tables: tuple[str, ...]


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


def _counts(con: duckdb.DuckDBPyConnection, rows: int) -> Counts:
    """Inserted, updated and unchanged rows, from ``import_matched``."""
    found = dict(con.execute(_COUNT_MATCHED).fetchall())
    updated, same = found.get("update", 0), found.get("same", 0)
    return Counts(rows - updated - same, updated, same)


def _match_stored(con: duckdb.DuckDBPyConnection, sql: _Statements, flags: dict[str, bool]) -> None:
    """Fill the temporary table of stored keys with their action and stored row (inside a
    transaction: the rowids found in the first step are read in the second)."""
    con.execute(sql.find_keys)
    con.execute(sql.find_matched, flags)
    con.execute("DROP TABLE import_keys")


def classify_counts(
    con: duckdb.DuckDBPyConnection, kind: str, stage: pd.DataFrame, present: Iterable[str]
) -> Counts:
    """How many rows of ``stage`` would be inserted, updated or left unchanged (reads only:
    the transaction is rolled back)."""
    _register(con, STAGE_VIEW, stage)
    con.execute("BEGIN TRANSACTION")
    try:
        _match_stored(con, _SQL[kind], _flags(_KINDS[kind], present))
        return _counts(con, len(stage))
    finally:
        _rollback(con)
        con.unregister(STAGE_VIEW)


def write_import(
    con: duckdb.DuckDBPyConnection,
    kind: str,
    stage: pd.DataFrame,
    present: Iterable[str],
    record: ImportRecord,
    new_periods: Sequence[tuple[str, str, int, int]] = (),
    duplicates: int = 0,
    also: AlsoWrite | None = None,
) -> tuple[int, Counts]:
    """Merge ``stage`` into the kind's table in one transaction; return the import id and counts.

    ``duplicates`` (rows repeating another row of the same file) are counted unchanged.
    ``also`` (an action in the app made as a one-row import) writes its own record in the
    same transaction, after the rows, and may refuse by raising. Any error rolls
    everything back and is raised again.
    """
    spec, sql = _KINDS[kind], _SQL[kind]
    flags = _flags(spec, present)
    _register(con, STAGE_VIEW, stage)
    tables = (spec.table, "periods", "row_history", "imports", "meta")
    if also is not None:  # transaction() takes each table once, however often it is named
        tables = (*tables, *also.tables)
    try:
        with _conflicts_raised(), transaction(con, strict=True, tables=tables):
            import_id = con.execute("SELECT coalesce(max(id), 0) + 1 FROM imports").fetchall()[0][0]
            params = {**flags, "import_id": import_id}
            _match_stored(con, sql, flags)
            found = _counts(con, len(stage))
            result = Counts(found.inserted, found.updated, found.unchanged + duplicates)
            _add_periods(con, import_id, new_periods)
            con.execute(sql.history, {"import_id": import_id, "table": spec.table})
            if result.updated:
                con.execute(sql.update, params)
            if result.inserted:
                con.execute(sql.insert, {"import_id": import_id})
            con.execute(
                """INSERT INTO imports (id, imported_at, user_name, file_name, sha256, kind, rows,
                                        inserted, updated, unchanged)
                   VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                [import_id, _now(), record.user_name, record.file_name, record.sha256, kind,
                 record.rows, result.inserted, result.updated, result.unchanged],
            )  # fmt: skip
            con.execute("DROP TABLE import_matched")
            if also is not None:
                also.write(con, import_id, result)
            bump_data_version(con)
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


@contextlib.contextmanager
def _conflicts_raised() -> Iterator[None]:
    """Another connection's write that collided with this one (a transaction conflict or a
    key it added meanwhile) as :class:`WriteConflict`: the caller validates again."""
    try:
        yield
    except (duckdb.TransactionException, duckdb.ConstraintException) as error:
        text = str(error).lower()
        if "conflict" in text or "transaction" in text or "duplicate key" in text:
            raise WriteConflict(str(error)) from None
        raise


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


def tasks_acted_on_since(con: duckdb.DuckDBPyConnection, import_id: int) -> list[str]:
    """Codes of the tasks this import added or changed on which an action was taken in the
    app afterwards (its own registration aside): undoing it would lose or contradict them."""
    rows = con.execute(
        """SELECT DISTINCT t.code
           FROM row_history h
           JOIN imports i ON i.id = h.import_id
           JOIN tasks t ON t.code = json_extract_string(h.row_key, '$[0]')
           JOIN task_events e ON e.task_id = t.id
           WHERE h.import_id = ? AND h.table_name = 'tasks'
             AND e.import_id IS DISTINCT FROM h.import_id
             AND e.recorded_at >= i.imported_at
           ORDER BY 1""",
        [import_id],
    ).fetchall()
    return [str(r[0]) for r in rows]


# Putting back the rows an import changed: every column but the key (never changed by an
# import) and a task's code, from the stored row kept as JSON in ``row_history``. One fixed
# statement per table; the structure names each column's type for ``from_json``.
# tests/importing/test_history.py checks that they name every column of their table.
_RESTORED = {
    "tasks": (
        {"id": "INTEGER", "code": "VARCHAR", "title": "VARCHAR", "description": "VARCHAR",
         "target": "VARCHAR", "body_code": "VARCHAR", "position": "VARCHAR",
         "official": "VARCHAR", "area_code": "VARCHAR", "assigner": "VARCHAR",
         "period_label": "VARCHAR", "assigned_on": "DATE", "due_on": "DATE",
         "import_id": "INTEGER", "assignment_state": "VARCHAR", "return_reason": "VARCHAR"},
        """UPDATE tasks AS x SET
               title = b.title, description = b.description, target = b.target,
               body_code = b.body_code, position = b.position, official = b.official,
               area_code = b.area_code, assigner = b.assigner, period_label = b.period_label,
               assigned_on = b.assigned_on, due_on = b.due_on, import_id = b.import_id,
               assignment_state = b.assignment_state, return_reason = b.return_reason
           FROM (SELECT unnest(from_json(before_json, $structure)) FROM row_history
                 WHERE import_id = $import_id AND table_name = 'tasks'
                   AND action = 'update') b
           WHERE x.id = b.id""",
    ),
    "progress": (
        {"task_id": "INTEGER", "report_date": "DATE", "progress": "DOUBLE",
         "status": "VARCHAR", "note": "VARCHAR", "reporter": "VARCHAR",
         "evidence": "VARCHAR", "import_id": "INTEGER"},
        """UPDATE progress AS x SET
               progress = b.progress, status = b.status, note = b.note,
               reporter = b.reporter, evidence = b.evidence, import_id = b.import_id
           FROM (SELECT unnest(from_json(before_json, $structure)) FROM row_history
                 WHERE import_id = $import_id AND table_name = 'progress'
                   AND action = 'update') b
           WHERE x.task_id = b.task_id AND x.report_date = b.report_date""",
    ),
    "appraisals": (
        {"task_id": "INTEGER", "year": "INTEGER", "rating": "VARCHAR",
         "appraiser": "VARCHAR", "appraised_on": "DATE", "comment": "VARCHAR",
         "import_id": "INTEGER"},
        """UPDATE appraisals AS x SET
               rating = b.rating, appraiser = b.appraiser, appraised_on = b.appraised_on,
               comment = b.comment, import_id = b.import_id
           FROM (SELECT unnest(from_json(before_json, $structure)) FROM row_history
                 WHERE import_id = $import_id AND table_name = 'appraisals'
                   AND action = 'update') b
           WHERE x.task_id = b.task_id AND x.year = b.year""",
    ),
}  # fmt: skip


def _restore_updated(con: duckdb.DuckDBPyConnection, import_id: int, table: str) -> int:
    structure, statement = _RESTORED[table]
    count = con.execute(
        "SELECT count(*) FROM row_history WHERE import_id = $import_id "
        "AND table_name = $table AND action = 'update'",
        {"import_id": import_id, "table": table},
    ).fetchall()[0][0]
    if count:
        con.execute(statement, {"import_id": import_id, "structure": json.dumps(structure)})
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
    tables = ("progress", "appraisals", "tasks", "periods", "imports", "meta")
    with _conflicts_raised(), transaction(con, strict=True, tables=tables):
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
