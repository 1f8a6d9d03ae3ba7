"""The import, end to end: bytes → table → kind → checked rows → one transaction.

``import_file`` is what the command line and the upload page call. A file with any
error is rejected whole with every error listed; a file without errors is written
in one transaction, or, with ``dry_run``, only counted.
"""

from __future__ import annotations

import getpass
import os
import threading
import time
from collections.abc import Collection, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import pandas as pd

from analytics.importing.csvtable import read_csv_text
from analytics.importing.encoding import to_utf8
from analytics.importing.filetype import XLSX, detect_type
from analytics.importing.headers import HeaderMatch, match_headers
from analytics.importing.issues import Issues, Rejected, empty_errors, render
from analytics.importing.scope import check_scope
from analytics.importing.source import Readable, read_source
from analytics.importing.table import RawTable
from analytics.importing.validate import Staged, validate
from analytics.store import imports_sql
from analytics.store.connection import Database, WriteConflict, store_of, use_connection

WRITE_ATTEMPTS = 4


class ImportConflict(RuntimeError):
    """Another write kept colliding with this import; nothing of it was written."""

    def __init__(self) -> None:
        super().__init__(
            "Một thao tác ghi khác đang sửa cùng dữ liệu nên lần nhập này chưa được ghi; "
            "hãy thử lại sau ít giây. (Another write collided with this import; "
            "nothing was written, try again.)"
        )


@dataclass
class ImportResult:
    """What an import did, or why it was rejected."""

    status: str  # "ok" or "rejected"
    kind: str | None
    file_name: str
    sha256: str
    rows: int = 0
    inserted: int = 0
    updated: int = 0
    unchanged: int = 0
    import_id: int | None = None
    dry_run: bool = False
    errors: pd.DataFrame = field(default_factory=empty_errors)

    @property
    def ok(self) -> bool:
        return self.status == "ok"

    def error_table(self, language: str = "vi", place: bool = True) -> pd.DataFrame:
        """Errors as row, column, value, message with the messages in ``language``
        (``place`` false: without the "Dòng 5, cột …: " the row and column already say)."""
        table = self.errors[["row", "column", "value"]].copy()
        table["message"] = render(self.errors, language, place) if len(self.errors) else []
        return table

    def to_json(self) -> dict[str, Any]:
        """The JSON object of CONTRACT.md section 2."""
        if not self.ok:
            errors = [
                {
                    "row": None if pd.isna(row) else int(row),
                    "column": column if isinstance(column, str) else None,
                    "value": value,
                    "message": message,
                }
                for row, column, value, message in self.errors[
                    ["row", "column", "value", "message"]
                ].itertuples(index=False)
            ]
            return {"status": "rejected", "kind": self.kind, "errors": errors}
        payload: dict[str, Any] = {
            "status": "ok", "import_id": self.import_id, "kind": self.kind, "rows": self.rows,
            "inserted": self.inserted, "updated": self.updated, "unchanged": self.unchanged,
        }  # fmt: skip
        if self.dry_run:
            payload["dry_run"] = True
        return payload


def default_user() -> str:
    """The operating-system user, the default author of an import."""
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return os.environ.get("USER") or os.environ.get("USERNAME") or "unknown"


def read_table(data: bytes, issues: Issues) -> RawTable:
    """The cells of a CSV or XLSX file (type told by content) with their row numbers."""
    if detect_type(data) == XLSX:
        # openpyxl is loaded only for a spreadsheet: a CSV import starts without it.
        from analytics.importing.xlsxtable import read_xlsx

        return read_xlsx(data, issues)
    return read_csv_text(to_utf8(data), issues)


def check_headers(table: RawTable) -> HeaderMatch:
    """The file's kind and columns; raises :class:`Rejected` for header problems."""
    match = match_headers(table.headers)
    issues = Issues()
    if match.kind is None:
        issues.add_file("unknown_kind")
        raise Rejected(issues)
    for name in match.duplicates:
        issues.add_file("duplicate_column", name)
    for name in match.missing:
        issues.add_file("missing_column", name)
    if len(table.rows) == 0 and not issues:
        issues.add_file("no_data_rows")
    if issues:
        raise Rejected(issues, match.kind)
    return match


# One import at a time per store inside this process, so two uploads at the same moment
# are written one after the other instead of colliding, and a key the first one adds is
# found stored by the second (the store keeps one report per task and day this way; see
# migration 5 in analytics/store/schema.py). Across processes the store's transaction
# refuses a write made on stale reads (WriteConflict) and the import is validated again.
_locks_guard = threading.Lock()
_connection_locks: dict[int, threading.Lock] = {}


def _lock_for(db: Database) -> threading.Lock:
    store = store_of(db)
    if store is not None:
        return store.exclusive()
    with _locks_guard:  # a connection to a database in memory: its own lock
        return _connection_locks.setdefault(id(db), threading.Lock())


@contextmanager
def exclusive(db: Database) -> Iterator[None]:
    """Hold the in-process lock of ``db`` (imports and undos of one store take turns)."""
    with _lock_for(db):
        yield


def import_file(
    source: Readable,
    db: Database = None,
    *,
    file_name: str | None = None,
    user: str | None = None,
    dry_run: bool = False,
    today: date | None = None,
    allowed_bodies: Collection[str] | None = None,
    also: imports_sql.AlsoWrite | None = None,
) -> ImportResult:
    """Import one tasks, progress or appraisal file (CSV or XLSX) into ``db``.

    ``source`` is a path, bytes, or a binary file object (an upload). Returns an
    :class:`ImportResult`: rejected with every error, or ok with the counts (and the
    new import's id unless ``dry_run``). Nothing is written when the file is rejected.
    With ``allowed_bodies`` (an account limited to some bodies), a row touching a task of
    another body rejects the file, the row named. ``also`` writes an action's record in
    the import's transaction (see :func:`analytics.store.imports_sql.write_import`).
    Raises :class:`ImportConflict` when other writes kept colliding with this one, and
    :class:`~analytics.store.connection.DatabaseBusy` when another process holds the file.
    """
    issues = Issues()
    kind: str | None = None
    try:
        src = read_source(source, file_name)
    except Rejected as rejected:
        name = file_name or str(getattr(source, "name", "") or source)
        return _rejected(rejected.issues, None, os.path.basename(name), "")
    try:
        table = read_table(src.data, issues)
        match = check_headers(table)
        kind = match.kind
    except Rejected as rejected:
        issues.extend(rejected.issues)
        return _rejected(issues, rejected.kind, src.file_name, src.sha256)
    assert kind is not None
    record = imports_sql.ImportRecord(
        user_name=user or default_user(), file_name=src.file_name, sha256=src.sha256,
        kind=kind, rows=len(table.rows),
    )  # fmt: skip
    with exclusive(db), use_connection(db) as con:
        for attempt in range(WRITE_ATTEMPTS):
            row_issues = Issues()
            row_issues.extend(issues)  # problems met while reading, such as extra cells
            staged = validate(con, table, match, row_issues, today)
            if allowed_bodies is not None and not row_issues and staged.frame is not None:
                check_scope(con, kind, staged.frame, allowed_bodies, row_issues)
            if row_issues or staged.frame is None:
                return _rejected(row_issues, kind, src.file_name, src.sha256)
            if dry_run:
                counts = imports_sql.classify_counts(con, kind, staged.frame, staged.present)
                return _ok(staged, counts, None, src, dry_run=True)
            try:
                import_id, counts = imports_sql.write_import(
                    con, kind, staged.frame, staged.present, record, staged.new_periods,
                    staged.duplicates, also,
                )  # fmt: skip
            except WriteConflict:
                if attempt == WRITE_ATTEMPTS - 1:
                    raise ImportConflict() from None
                time.sleep(0.05 * 2**attempt)
                continue
            return _ok(staged, counts, import_id, src, dry_run=False)
    raise ImportConflict()


def _ok(
    staged: Staged, counts: imports_sql.Counts, import_id: int | None, src: Any, dry_run: bool
) -> ImportResult:
    unchanged = counts.unchanged + (staged.duplicates if dry_run else 0)
    return ImportResult(
        "ok", staged.kind, src.file_name, src.sha256, rows=staged.rows,
        inserted=counts.inserted, updated=counts.updated, unchanged=unchanged,
        import_id=import_id, dry_run=dry_run,
    )  # fmt: skip


def _rejected(issues: Issues, kind: str | None, file_name: str, sha256: str) -> ImportResult:
    return ImportResult("rejected", kind, file_name, sha256, errors=issues.frame())
