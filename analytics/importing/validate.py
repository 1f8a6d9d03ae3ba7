"""Checking every row of a file and turning it into rows ready to store.

Each check runs on whole columns and reports all the rows it fails on; nothing stops
at the first error. A file with any error is rejected as a whole, so the frame of
rows to store is built only when there is none.

Rules (CONTRACT.md section 3): required cells, codes of tasks, bodies and areas that
exist, real day-first dates, progress 0-100, a deadline not before the assignment,
report dates not in the future, the status agreeing with progress 100, and no two
rows with one key and different values. A row repeating another row exactly is kept
once and counted as unchanged.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

import numpy as np
import pandas as pd

from analytics.formats import number as thousands
from analytics.importing import values
from analytics.importing.headers import (
    APPRAISAL,
    COLUMNS,
    PROGRESS,
    TASKS,
    HeaderMatch,
    fold,
)
from analytics.importing.issues import Issues
from analytics.importing.table import RawTable
from analytics.statuses import (
    APPRAISAL_RATINGS,
    ASSIGNED,
    ASSIGNMENT_STATES,
    REPORT_DONE,
    REPORT_IN_PROGRESS,
    REPORT_NOT_STARTED,
    REPORT_STATUSES,
)
from analytics.store import imports_sql
from analytics.store.connection import Connection

# Each rating by its name, its name with "nhiệm vụ" (as appraisal forms write it) or English.
RATINGS: dict[str, tuple[str, ...]] = {
    code: (vi, f"{vi} nhiệm vụ", en) for code, (vi, en) in APPRAISAL_RATINGS.items()
}
_STATUS_LOOKUP = values.choice_lookup({k: v for k, v in REPORT_STATUSES.items()})
_STATE_LOOKUP = values.choice_lookup({k: v for k, v in ASSIGNMENT_STATES.items()})
_RATING_LOOKUP = values.choice_lookup(RATINGS)


# Optional columns: stored column <- file column. A file without one keeps stored values.
OPTIONAL: dict[str, dict[str, str]] = {
    TASKS: {
        "description": "mo_ta", "target": "chi_tieu", "official": "nguoi_thuc_hien",
        "assigner": "cap_giao", "assignment_state": "trang_thai_giao",
    },
    PROGRESS: {"note": "ghi_chu", "reporter": "nguoi_bao_cao", "evidence": "minh_chung"},
    APPRAISAL: {
        "appraiser": "nguoi_danh_gia", "appraised_on": "ngay_danh_gia", "comment": "nhan_xet",
    },
}  # fmt: skip


@dataclass
class Staged:
    """The outcome of validating one file."""

    kind: str
    rows: int  # data rows in the file (blank lines not counted)
    frame: pd.DataFrame | None = None  # rows to store, one per key; None when rejected
    present: frozenset[str] = frozenset()  # optional columns the file has
    duplicates: int = 0  # rows repeating another row of the file exactly
    new_periods: list[tuple[str, str, int, int]] = field(default_factory=list)


class _Columns:
    """Cleaned text of the file's columns, by column name."""

    def __init__(self, table: RawTable, match: HeaderMatch) -> None:
        self._table = table
        self._positions = match.positions
        self._cache: dict[str, pd.Series] = {}
        self.rows = table.rows

    def has(self, name: str) -> bool:
        return name in self._positions

    def __getitem__(self, name: str) -> pd.Series:
        if name not in self._cache:
            if name in self._positions:
                raw = self._table.cells[str(self._positions[name])]
                self._cache[name] = values.clean(raw).reset_index(drop=True)
            else:
                self._cache[name] = pd.Series([""] * len(self.rows), dtype="str")
        return self._cache[name]


def _present(cols: _Columns, kind: str) -> frozenset[str]:
    return frozenset(stored for stored, name in OPTIONAL[kind].items() if cols.has(name))


def _required(cols: _Columns, issues: Issues, name: str) -> np.ndarray:
    missing = values.empty(cols[name])
    issues.add_rows("required", name, cols.rows[missing], "")
    return missing


def _dates(cols: _Columns, issues: Issues, name: str, required: bool) -> np.ndarray:
    """Parsed dates; errors for empty required cells and for text that is no date."""
    text = cols[name]
    is_empty = _required(cols, issues, name) if required else values.empty(text)
    parsed = values.parse_dates(text)
    bad = ~is_empty & np.isnat(parsed)
    issues.add_rows("bad_date", name, cols.rows[bad], text[bad])
    return parsed


def _choices(
    cols: _Columns, issues: Issues, name: str, lookup: dict[str, str], names: list[str]
) -> pd.Categorical:
    """Codes named by each cell (missing for empty cells); an error for unknown ones."""
    text = cols[name]
    codes = values.parse_choices(text, lookup)
    bad = codes.isna() & ~values.empty(text)
    issues.add_rows("bad_choice", name, cols.rows[bad], text[bad], ", ".join(names))
    return codes


def _reference_codes(
    cols: _Columns, issues: Issues, name: str, table: pd.DataFrame
) -> pd.Categorical:
    """Body or area codes: a cell may hold the code or a name (accents and case ignored)."""
    lookup: dict[str, str] = {}
    for code, name_vi, name_en in table[["code", "name_vi", "name_en"]].itertuples(index=False):
        for spelling in (name_en, name_vi, code):
            lookup[fold(spelling)] = code
    text = cols[name]
    codes = values.parse_choices(text, lookup)
    unknown = codes.isna() & ~values.empty(text)
    if unknown.any():
        labels = {
            code: f"{code} ({name_vi})"
            for code, name_vi in zip(table["code"], table["name_vi"], strict=True)
        }
        allowed = ", ".join(labels.values())

        def hint(value: str) -> str:
            near = difflib.get_close_matches(fold(value), list(lookup), n=1, cutoff=0.6)
            return f"'{labels[lookup[near[0]]]}'" if near else ""

        rows = cols.rows[unknown]
        bad_text = text[unknown].to_numpy(dtype=object)
        hints = values.by_distinct(pd.Series(bad_text, dtype="str"), hint, object)
        near = hints != ""
        issues.add_rows("unknown_code_near", name, rows[near], bad_text[near], hints[near])
        issues.add_rows("unknown_code", name, rows[~near], bad_text[~near], allowed)
    return codes


def _task_lookup(
    con: Connection, cols: _Columns, issues: Issues
) -> tuple[np.ndarray, pd.DataFrame, np.ndarray]:
    """Stored task of each row: (index into the returned tasks or -1, tasks, code missing)."""
    text = cols["ma_nhiem_vu"]
    missing = _required(cols, issues, "ma_nhiem_vu")
    codes, uniques = pd.factorize(text, use_na_sentinel=False)
    found = imports_sql.tasks_by_code(con, uniques[uniques != ""]).set_index("code")
    position = found.index.get_indexer(pd.Index(uniques, dtype="str"))
    per_row = position[codes] if len(uniques) else np.empty(0, dtype=np.int64)
    unknown = (per_row < 0) & ~missing
    if unknown.any():
        unknown_text = pd.Series(text[unknown].to_numpy(dtype=object), dtype="str")
        near = _near_task_codes(con, unknown_text.unique().tolist())
        hints = unknown_text.map(lambda v: near.get(v, "")).to_numpy(dtype=object)
        has_hint = hints != ""
        rows = cols.rows[unknown]
        issues.add_rows("unknown_task_near", "ma_nhiem_vu", rows[has_hint],
                        unknown_text[has_hint], hints[has_hint])  # fmt: skip
        issues.add_rows("unknown_task", "ma_nhiem_vu", rows[~has_hint], unknown_text[~has_hint])
    return per_row, found.reset_index(), missing


def _near_task_codes(con: Connection, unknown: list[str]) -> dict[str, str]:
    """Stored codes that differ from an unknown one only in case or spaces."""
    folded = {"".join(u.split()).upper(): u for u in unknown[:1000]}
    stored = imports_sql.tasks_matching_folded(con, list(folded))
    return {folded[key]: code for key, code in stored.items()}


def _distinct_rows(
    frame: pd.DataFrame,
    key: list[str],
    compare: list[str],
    issues: Issues,
    key_text: pd.Series,
    valid_key: np.ndarray,
) -> tuple[pd.DataFrame, int]:
    """Keep one row per key; a repeated key with the same values is a duplicate, else an error.

    Only rows whose key is valid take part. Returns the frame without exact repeats and
    their number.
    """
    if _unique(frame, key, valid_key):  # the usual case, checked fast
        return frame, 0
    repeated = frame.duplicated(subset=key, keep=False).to_numpy() & valid_key
    if not repeated.any():
        return frame, 0
    group = frame.loc[repeated, key + compare + ["row"]].copy()
    group["_text"] = key_text[repeated].to_numpy(dtype=object)
    for column in compare:  # compare missing values as equal
        group[column] = group[column].astype(object).where(group[column].notna(), "\x00")
    first = group.groupby(key, sort=False, dropna=False).transform("first")
    later = group["row"].to_numpy() != first["row"].to_numpy()
    differs = np.zeros(len(group), dtype=bool)
    for column in compare:
        differs |= group[column].to_numpy() != first[column].to_numpy()
    conflict = later & differs
    rows, texts, firsts = (
        group["row"].to_numpy(),
        group["_text"].to_numpy(),
        first["row"].to_numpy(),
    )
    issues.add_rows(
        "duplicate_key", "ma_nhiem_vu", rows[conflict], texts[conflict], firsts[conflict]
    )
    drop = group.index[later]
    return frame.drop(index=drop), int((later & ~differs).sum())


def _unique(frame: pd.DataFrame, key: list[str], valid_key: np.ndarray) -> bool:
    """Whether no two rows with a valid key share it (one hash of one column)."""
    if len(key) == 1:
        return bool(pd.Index(frame[key[0]][valid_key]).is_unique)
    first, second = (frame[k].to_numpy()[valid_key] for k in key)
    second = second.astype(np.int64)
    if len(second) == 0:
        return True
    combined = first.astype(np.int64) * (1 << 32) + (second - second.min())
    return bool(pd.Index(combined).is_unique)


def _today_error(
    cols: _Columns, issues: Issues, name: str, parsed: np.ndarray, today: date
) -> None:
    future = ~np.isnat(parsed) & (parsed > np.datetime64(today, "D"))
    issues.add_rows(
        "future_date", name, cols.rows[future], cols[name][future], today.strftime("%d/%m/%Y")
    )


# --- kinds -------------------------------------------------------------------------------


def _validate_tasks(con: Connection, cols: _Columns, issues: Issues, today: date) -> Staged:
    reference = imports_sql.reference(con)
    n = len(cols.rows)
    for name in ("ma_nhiem_vu", "ten_nhiem_vu", "chuc_danh"):
        _required(cols, issues, name)
    _required(cols, issues, "co_quan")
    bodies = _reference_codes(cols, issues, "co_quan", reference.bodies)
    _required(cols, issues, "linh_vuc")
    areas = _reference_codes(cols, issues, "linh_vuc", reference.areas)
    period_missing = _required(cols, issues, "ky")
    periods = values.parse_periods(cols["ky"])
    bad_period = (periods == "") & ~period_missing
    issues.add_rows("bad_period", "ky", cols.rows[bad_period], cols["ky"][bad_period])
    assigned = _dates(cols, issues, "ngay_giao", required=True)
    due = _dates(cols, issues, "han_hoan_thanh", required=True)
    early = ~np.isnat(assigned) & ~np.isnat(due) & (due < assigned)
    issues.add_rows("due_before_assigned", "han_hoan_thanh", cols.rows[early],
                    cols["han_hoan_thanh"][early], cols["ngay_giao"][early])  # fmt: skip
    state_names = [vi for vi, _ in ASSIGNMENT_STATES.values()]
    states = _choices(cols, issues, "trang_thai_giao", _STATE_LOOKUP, state_names)
    positions = _canonical(cols["chuc_danh"], reference.positions)
    staged = Staged(TASKS, n)
    present = _present(cols, TASKS)
    frame = pd.DataFrame({
        "row": cols.rows, "code": cols["ma_nhiem_vu"], "title": cols["ten_nhiem_vu"],
        "body_code": bodies, "position": positions, "area_code": areas,
        "period_label": pd.Series(periods, dtype="str"),
        "assigned_on": assigned, "due_on": due,
        "description": cols["mo_ta"], "target": cols["chi_tieu"],
        "official": cols["nguoi_thuc_hien"], "assigner": cols["cap_giao"],
        "assignment_state": states.fillna(ASSIGNED),
    })  # fmt: skip
    compare = [c for c in frame.columns if c not in ("row", "code")]
    code_given = ~values.empty(cols["ma_nhiem_vu"])
    frame, duplicates = _distinct_rows(
        frame, ["code"], compare, issues, cols["ma_nhiem_vu"], code_given
    )
    if issues:
        return staged
    staged.frame, staged.present, staged.duplicates = frame, present, duplicates
    staged.new_periods = _new_periods(frame["period_label"].unique(), reference.periods)
    return staged


def _canonical(column: pd.Series, names: list[str]) -> pd.Series:
    """A known name in its stored spelling when the cell matches it folded; else the cell."""
    lookup = {fold(name): name for name in names}
    return pd.Series(
        values.by_distinct(column, lambda v: lookup.get(fold(v), v), object), dtype="str"
    )


def _new_periods(labels: np.ndarray, known: dict[str, str]) -> list[tuple[str, str, int, int]]:
    """Period labels not yet stored: ``2021`` is a year, ``2021-2025`` a phase."""
    added = []
    for label in sorted(str(x) for x in labels if str(x) not in known):
        start, _, end = label.partition("-")
        added.append((label, "giai_doan" if end else "nam", int(start), int(end or start)))
    return added


def _validate_progress(con: Connection, cols: _Columns, issues: Issues, today: date) -> Staged:
    n = len(cols.rows)
    task_index, tasks, _ = _task_lookup(con, cols, issues)
    report_dates = _dates(cols, issues, "ngay_bao_cao", required=True)
    _today_error(cols, issues, "ngay_bao_cao", report_dates, today)
    progress = _progress(cols, issues)
    status_names = [vi for vi, _ in REPORT_STATUSES.values()]
    status = _choices(cols, issues, "trang_thai", _STATUS_LOOKUP, status_names)
    given = ~status.isna() & (progress >= 0) & (progress <= 100)  # else progress is wrong
    mismatch = given & ((status == REPORT_DONE) != (progress == 100))
    issues.add_rows("status_mismatch", "trang_thai", cols.rows[mismatch],
                    cols["trang_thai"][mismatch], cols["tien_do"][mismatch])  # fmt: skip
    staged = Staged(PROGRESS, n)
    status = _with_default_status(status, progress)
    frame = pd.DataFrame({
        "row": cols.rows, "code": cols["ma_nhiem_vu"],
        "task_id": _task_ids(tasks, task_index), "report_date": report_dates, "progress": progress,
        "status": status,
        "note": cols["ghi_chu"], "reporter": cols["nguoi_bao_cao"],
        "evidence": cols["minh_chung"],
    })  # fmt: skip
    compare = ["progress", "status", "note", "reporter", "evidence"]
    valid_key = (task_index >= 0) & ~np.isnat(report_dates)
    frame, duplicates = _distinct_rows(frame, ["task_id", "report_date"], compare, issues,
                                       cols["ma_nhiem_vu"], valid_key)  # fmt: skip
    if issues:
        return staged
    staged.frame, staged.duplicates = frame, duplicates
    staged.present = _present(cols, PROGRESS)
    return staged


def _with_default_status(status: pd.Categorical, progress: np.ndarray) -> pd.Categorical:
    """An empty status follows the progress: 0 not started, 100 done, else in progress."""
    categories = list(status.categories)
    derived = np.where(
        progress >= 100, categories.index(REPORT_DONE),
        np.where(progress <= 0, categories.index(REPORT_NOT_STARTED),
                 categories.index(REPORT_IN_PROGRESS)),
    ).astype(status.codes.dtype)  # fmt: skip
    codes = np.where(status.codes < 0, derived, status.codes)
    return pd.Categorical.from_codes(codes, categories=categories)


def _task_ids(tasks: pd.DataFrame, task_index: np.ndarray) -> np.ndarray:
    """The stored id of each row's task; -1 where the task is unknown."""
    ids = tasks["id"].to_numpy(dtype=np.int64)
    if len(ids) == 0:
        return np.full(len(task_index), -1, dtype=np.int64)
    return np.where(task_index >= 0, ids[np.maximum(task_index, 0)], -1)


def _progress(cols: _Columns, issues: Issues) -> np.ndarray:
    text = cols["tien_do"]
    missing = _required(cols, issues, "tien_do")
    parsed = values.parse_numbers(text)
    not_number = ~missing & np.isnan(parsed)
    issues.add_rows("bad_number", "tien_do", cols.rows[not_number], text[not_number])
    outside = ~np.isnan(parsed) & ((parsed < 0) | (parsed > 100))
    issues.add_rows("out_of_range", "tien_do", cols.rows[outside], text[outside])
    return parsed


def _validate_appraisals(con: Connection, cols: _Columns, issues: Issues, today: date) -> Staged:
    n = len(cols.rows)
    task_index, tasks, _ = _task_lookup(con, cols, issues)
    year_missing = _required(cols, issues, "nam")
    years = values.parse_years(cols["nam"])
    bad_year = ~year_missing & (years == 0)
    issues.add_rows("bad_year", "nam", cols.rows[bad_year], cols["nam"][bad_year])
    known = task_index >= 0
    if known.any() and len(tasks):
        first = pd.DatetimeIndex(tasks["assigned_on"]).year.to_numpy()[np.maximum(task_index, 0)]
        last = pd.DatetimeIndex(tasks["due_on"]).year.to_numpy()[np.maximum(task_index, 0)]
        outside = known & (years != 0) & ((years < first) | (years > last))
        span = pd.Series(first[outside]).astype(str) + "–" + pd.Series(last[outside]).astype(str)
        issues.add_rows("year_outside", "nam", cols.rows[outside], years[outside], span)
    _required(cols, issues, "muc_danh_gia")
    rating_names = [names[0] for names in RATINGS.values()]
    ratings = _choices(cols, issues, "muc_danh_gia", _RATING_LOOKUP, rating_names)
    appraised = _dates(cols, issues, "ngay_danh_gia", required=False)
    staged = Staged(APPRAISAL, n)
    frame = pd.DataFrame({
        "row": cols.rows, "code": cols["ma_nhiem_vu"],
        "task_id": _task_ids(tasks, task_index), "year": years,
        "rating": ratings, "appraiser": cols["nguoi_danh_gia"],
        "appraised_on": appraised, "comment": cols["nhan_xet"],
    })  # fmt: skip
    compare = ["rating", "appraiser", "appraised_on", "comment"]
    valid_key = (task_index >= 0) & (years != 0)
    frame, duplicates = _distinct_rows(frame, ["task_id", "year"], compare, issues,
                                       cols["ma_nhiem_vu"], valid_key)  # fmt: skip
    if issues:
        return staged
    staged.frame, staged.duplicates = frame, duplicates
    staged.present = _present(cols, APPRAISAL)
    return staged


_VALIDATORS: dict[str, Callable[[Connection, _Columns, Issues, date], Staged]] = {
    TASKS: _validate_tasks,
    PROGRESS: _validate_progress,
    APPRAISAL: _validate_appraisals,
}


def validate(
    con: Connection,
    table: RawTable,
    match: HeaderMatch,
    issues: Issues,
    today: date | None = None,
) -> Staged:
    """Check every row of ``table`` (a file of kind ``match.kind``) against the store.

    Errors go to ``issues``; when there is none, the result holds the rows to store.
    """
    assert match.kind is not None
    cols = _Columns(table, match)
    if _too_long(cols, match.kind, issues):
        return Staged(match.kind, len(cols.rows))
    return _VALIDATORS[match.kind](con, cols, issues, today or date.today())


def _too_long(cols: _Columns, kind: str, issues: Issues) -> bool:
    """An error for each cell longer than its column allows; whether there was one.

    Checked first, and alone when it fails, so no later check (the nearest code, a
    folded comparison) ever works on a cell of megabytes.
    """
    found = False
    for col in COLUMNS[kind]:
        if not cols.has(col.name):
            continue
        text = cols[col.name]
        long = (text.str.len() > col.max_chars).to_numpy(dtype=bool, na_value=False)
        if long.any():
            found = True
            limit = thousands(col.max_chars)
            issues.add_rows("too_long", col.name, cols.rows[long], text[long], limit)
    return found
