"""Tables the upload and history pages show, in the chosen language (no Streamlit here)."""

from __future__ import annotations

import pandas as pd

from analytics import formats
from analytics.importing.headers import display_name
from analytics.importing.pipeline import ImportResult
from analytics.labels import text

KIND_WORDS = {"tasks": "kind_tasks", "progress": "kind_progress", "appraisal": "kind_appraisal"}


def kind_name(kind: str | None, language: str = "vi") -> str:
    """``Tiến độ`` for ``progress``, and so on; a dash when unknown."""
    return text(KIND_WORDS[kind], language) if kind in KIND_WORDS else "–"


def error_rows(result: ImportResult, language: str = "vi") -> pd.DataFrame:
    """Every error of a rejected file: row, column (as its header reads), value, message."""
    table = result.error_table(language, place=False)
    return pd.DataFrame({
        text("col_row", language): table["row"],
        text("col_column", language): [
            display_name(c, language) if isinstance(c, str) else "" for c in table["column"]
        ],
        text("col_value", language): table["value"],
        text("col_message", language): table["message"],
    })  # fmt: skip


def _when(value: object) -> str:
    if value is None or pd.isna(value):
        return ""
    stamp = pd.Timestamp(value)
    return f"{formats.day(stamp.date())} {stamp:%H:%M}"


def history_rows(imports: pd.DataFrame, language: str = "vi") -> pd.DataFrame:
    """The import history as the page lists it, newest first."""
    state = [
        text("state_undone", language, when=_when(at)) if undone else text("state_active", language)
        for undone, at in zip(imports["undone"], imports["undone_at"], strict=True)
    ]
    return pd.DataFrame({
        text("col_import_id", language): imports["id"],
        text("col_imported_at", language): [_when(t) for t in imports["imported_at"]],
        text("col_user", language): imports["user_name"],
        text("col_file", language): imports["file_name"],
        text("col_kind", language): [kind_name(k, language) for k in imports["kind"]],
        text("rows_in_file", language): imports["rows"],
        text("new_rows", language): imports["inserted"],
        text("changed_rows", language): imports["updated"],
        text("unchanged_rows", language): imports["unchanged"],
        text("col_state", language): state,
        text("col_sha256", language): [s[:12] for s in imports["sha256"]],
    })  # fmt: skip


def import_choice(row: pd.Series, language: str = "vi") -> str:
    """``Số 3 — tien_do.csv (27/11/2026 10:20)``: one import in a list to choose from."""
    return text("import_choice", language, id=int(row["id"]), file=row["file_name"],
                when=_when(row["imported_at"]))  # fmt: skip
