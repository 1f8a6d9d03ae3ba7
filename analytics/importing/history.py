"""The list of past imports, and undoing one of them."""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from analytics import formats
from analytics.importing.pipeline import default_user, exclusive
from analytics.store import imports_sql
from analytics.store.connection import Database, use_connection

Database = Database

# code -> (Vietnamese, English); {id}, {later}, {when}, {who} are filled in.
UNDO_MESSAGES: dict[str, tuple[str, str]] = {
    "ok": (
        "Đã hoàn tác lần nhập số {id}: xoá {removed} dòng đã thêm, khôi phục {restored} dòng "
        "đã sửa.",
        "Import {id} undone: {removed} added rows removed, {restored} changed rows restored.",
    ),
    "not_found": ("Không có lần nhập số {id}.", "There is no import {id}."),
    "already_undone": (
        "Lần nhập số {id} đã được hoàn tác lúc {when} (bởi {who}); không hoàn tác lần nữa.",
        "Import {id} was already undone at {when} (by {who}); it cannot be undone twice.",
    ),
    "later_changed": (
        "Không thể hoàn tác lần nhập số {id}: lần nhập số {later} (sau đó) đã sửa cùng các "
        "dòng. Hãy hoàn tác lần nhập số {later} trước.",
        "Import {id} cannot be undone: the later import {later} changed the same rows. "
        "Undo import {later} first.",
    ),
    "later_reports": (
        "Không thể hoàn tác lần nhập số {id}: lần nhập số {later} (sau đó) đã ghi báo cáo "
        "hoặc đánh giá cho các nhiệm vụ mà lần nhập này thêm. Hãy hoàn tác lần nhập số "
        "{later} trước.",
        "Import {id} cannot be undone: the later import {later} gave reports or appraisals "
        "to tasks this import added. Undo import {later} first.",
    ),
    "unimported_reports": (
        "Không thể hoàn tác lần nhập số {id}: các nhiệm vụ mà lần nhập này thêm đã có báo "
        "cáo không đến từ tệp nhập.",
        "Import {id} cannot be undone: tasks it added have reports that came from no import.",
    ),
    "later_actions": (
        "Không thể hoàn tác lần nhập số {id}: đã có thao tác trên ứng dụng (đề xuất, giao, "
        "gia hạn, giải trình…) với nhiệm vụ {who} sau lần nhập này.",
        "Import {id} cannot be undone: task {who} was acted on in the app (proposed, "
        "assigned, extended, explained…) after it.",
    ),
}


@dataclass
class UndoResult:
    """Whether an undo happened, and if not, why (with the imports standing in the way)."""

    status: str  # ok, not_found, already_undone, later_changed, later_reports, ...
    import_id: int
    removed: int = 0
    restored: int = 0
    blocking: list[int] = field(default_factory=list)
    when: str = ""
    who: str = ""

    @property
    def ok(self) -> bool:
        return self.status == "ok"

    def message(self, language: str = "vi") -> str:
        vi, en = UNDO_MESSAGES[self.status]
        later = ", ".join(str(b) for b in self.blocking)
        return (en if language == "en" else vi).format(
            id=self.import_id, later=later, removed=self.removed, restored=self.restored,
            when=self.when, who=self.who,
        )  # fmt: skip

    def to_json(self) -> dict:
        payload = {
            "status": "ok" if self.ok else "refused", "import_id": self.import_id,
            "message": self.message(),
        }  # fmt: skip
        if self.ok:
            payload.update(removed=self.removed, restored=self.restored)
        else:
            payload.update(reason=self.status, blocking_imports=self.blocking)
        return payload


def list_imports(db: Database = None) -> pd.DataFrame:
    """Every import, newest first: id, imported_at, user_name, file_name, sha256, kind,
    rows, inserted, updated, unchanged, undone, undone_at, undone_by."""
    with use_connection(db) as con:
        return imports_sql.list_imports(con)


def undo_import(import_id: int, db: Database = None, *, user: str | None = None) -> UndoResult:
    """Put the database back as it was before import ``import_id``, in one transaction.

    Refused (nothing changes) when the import does not exist or was undone already,
    when a later import that is not undone changed the same rows, or when later
    imports gave reports or appraisals to tasks this import added.
    """
    with exclusive(db), use_connection(db) as con:
        record = imports_sql.import_row(con, import_id)
        if record is None:
            return UndoResult("not_found", import_id)
        if record["undone_at"] is not None and not pd.isna(record["undone_at"]):
            when = pd.Timestamp(record["undone_at"])
            return UndoResult(
                "already_undone", import_id,
                when=f"{formats.day(when.date())} {when:%H:%M}", who=record["undone_by"] or "",
            )  # fmt: skip
        later = imports_sql.later_imports_on_same_rows(con, import_id)
        if later:
            return UndoResult("later_changed", import_id, blocking=later)
        using = imports_sql.imports_using_added_tasks(con, import_id)
        if using:
            named = [i for i in using if i is not None]
            if named:
                return UndoResult("later_reports", import_id, blocking=named)
            return UndoResult("unimported_reports", import_id)
        acted = imports_sql.tasks_acted_on_since(con, import_id)
        if acted:
            return UndoResult("later_actions", import_id, who=", ".join(acted))
        counts = imports_sql.undo_import(con, import_id, user or default_user())
    return UndoResult("ok", import_id, removed=counts.inserted, restored=counts.updated)
