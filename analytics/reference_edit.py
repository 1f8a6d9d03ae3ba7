"""Editing the reference lists: bodies, areas, positions and periods (administrators).

The Quản trị page hands over a whole edited list; :func:`save` checks every row, and
either stores the list at once (one transaction, with a line in the audit log and a new
data version, so every screen shows the new names) or rejects it with every problem by
row and column, storing nothing. Rules:

- every cell filled; names at most :data:`MAX_NAME` characters;
- codes of bodies like ``KTNS`` and of areas like ``dau_tu_cong`` (files carry them);
- no two rows that a file could not tell apart: imports accept a code or a name with
  accents and case ignored, so no spelling may stand for two rows;
- a period is ``2026`` (a year) or ``2026-2030`` (a phase or a term);
- a row that tasks (or an account bound to a body or position) still use cannot be removed; to
  rename a code, add the new one, move the tasks by importing them, then remove the old.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

import pandas as pd

from analytics.accounts import Database, now, split_bodies
from analytics.labels import text
from analytics.reference_data import PERIOD_KIND_NAMES
from analytics.store import accounts_sql, reference_sql
from analytics.store.connection import transaction, use_connection
from analytics.store.schema import bump_data_version
from analytics.textfold import fold

LISTS = tuple(reference_sql.LISTS)  # bodies, areas, positions, periods
MAX_NAME = 150
CODE_PATTERNS = {
    "bodies": re.compile(r"[A-Z][A-Z0-9_]{0,15}"),
    "areas": re.compile(r"[a-z][a-z0-9_]{1,39}"),
}
PERIOD_LABEL = re.compile(r"(\d{4})(?:-(\d{4}))?")
TEXT_COLUMNS = {
    "bodies": ("code", "name_vi", "name_en"),
    "areas": ("code", "name_vi", "name_en"),
    "positions": ("name_vi", "name_en"),
    "periods": ("label", "kind"),
}
# The columns an administrator edits (a period's years follow from its label).
EDITED_COLUMNS = {**TEXT_COLUMNS, "areas": ("code", "name_vi", "name_en", "headline")}
# Spellings a file may use for a row (they must not be shared by two rows).
SPELLINGS = {"bodies": ("code", "name_vi", "name_en"), "areas": ("code", "name_vi", "name_en"),
             "positions": ("name_vi",), "periods": ("label",)}  # fmt: skip


@dataclass(frozen=True)
class Problem:
    """One reason a list is refused: the row (1 = the first row shown) and column it is in
    (None for the list as a whole), a message key of ``analytics.labels`` and its values."""

    row: int | None
    column: str | None
    key: str
    values: tuple[tuple[str, object], ...] = ()

    def message(self, language: str = "vi") -> str:
        return text(self.key, language, **dict(self.values))


class ListRejected(ValueError):
    """The edited list has problems; nothing was stored."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(f"{len(problems)} problem(s)")
        self.problems = problems

    def table(self, language: str = "vi") -> pd.DataFrame:
        """Row, column and message of every problem, for the screen."""
        return pd.DataFrame({
            text("col_row", language): ["" if p.row is None else p.row for p in self.problems],
            text("col_column", language): [
                "" if p.column is None else text(f"ref_col_{p.column}", language)
                for p in self.problems
            ],
            text("col_message", language): [p.message(language) for p in self.problems],
        })  # fmt: skip


@dataclass(frozen=True)
class ListChange:
    added: int
    changed: int
    removed: int
    reordered: bool = False  # the same rows in another order

    def said(self, list_name: str, language: str = "vi") -> str:
        """What saving did, for the screen."""
        if self.added or self.changed or self.removed:
            return text("ref_saved", language, list=list_name, added=self.added,
                        changed=self.changed, removed=self.removed)  # fmt: skip
        return text("ref_reordered" if self.reordered else "ref_unchanged", language,
                    list=list_name)  # fmt: skip


def current(db: Database, name: str) -> pd.DataFrame:
    """The list as stored, in its order."""
    with use_connection(db) as con:
        return reference_sql.rows(con, name)


def save(db: Database, name: str, edited: pd.DataFrame, actor: str,
         when: datetime | None = None) -> ListChange:  # fmt: skip
    """Check ``edited`` (the list's columns, rows in the order wanted) and store it whole.

    Raises :class:`ListRejected` with every problem; stores nothing then.
    """
    spec = reference_sql.LISTS[name]
    frame = _clean(name, edited)
    with use_connection(db) as con, transaction(con):
        stored = reference_sql.rows(con, name)
        problems = _problems(name, frame)
        key = spec.columns[0]
        removed = sorted(set(stored[key]) - set(frame[key]))
        uses = reference_sql.uses(con, name)
        scopes = _account_scopes(accounts_sql.list_users(con), name)
        in_scope = "ref_position_held" if name == "positions" else "ref_in_scope"
        for value in removed:
            for reason, counts in (("ref_in_use", uses), (in_scope, scopes)):
                if counts.get(value):
                    values = (("value", value), ("n", counts[value]))
                    problems.append(Problem(None, key, reason, values))
        if problems:  # the list-wide ones first, then by row
            raise ListRejected(sorted(problems, key=lambda p: (p.row is not None, p.row or 0)))
        change = _change(stored, frame, key)
        if change == ListChange(0, 0, 0):
            return change
        reference_sql.replace(con, name, frame)
        bump_data_version(con)
        accounts_sql.add_audit(
            con, when or now(), actor, "reference_change", name,
            f"+{change.added} ~{change.changed} -{change.removed}", "app",
        )  # fmt: skip
    return change


def _account_scopes(users: pd.DataFrame, name: str) -> dict[str, int]:
    """How many accounts are bound to each body (staff limited to it, an official of it) or,
    for the positions, how many officials hold each position."""
    counts: dict[str, int] = {}
    if name == "bodies":
        for bodies, body in zip(users["bodies"], users["body_code"], strict=True):
            codes = set(split_bodies(bodies)) | ({str(body)} if isinstance(body, str) else set())
            for code in codes:
                counts[code] = counts.get(code, 0) + 1
    elif name == "positions":
        for position in users["position"]:
            if isinstance(position, str):
                counts[position] = counts.get(position, 0) + 1
    return counts


def _clean(name: str, edited: pd.DataFrame) -> pd.DataFrame:
    """Text stripped, empty rows (an editor's blank new line) dropped, years derived."""
    spec = reference_sql.LISTS[name]
    frame = edited.reindex(columns=list(spec.columns)).reset_index(drop=True).copy()
    for column in TEXT_COLUMNS[name]:
        frame[column] = [
            "" if value is None or (isinstance(value, float) and pd.isna(value))
            else str(value).strip()
            for value in frame[column]
        ]  # fmt: skip
    blank = (frame[list(TEXT_COLUMNS[name])] == "").all(axis=1)
    frame = frame.loc[~blank]
    frame.index = frame.index + 1  # the row as the editor shows it, counted from 1
    if name == "areas":
        frame["headline"] = frame["headline"].fillna(False).astype(bool)
    if name == "periods":
        years = [PERIOD_LABEL.fullmatch(label) for label in frame["label"]]
        frame["start_year"] = [int(m[1]) if m else 0 for m in years]
        frame["end_year"] = [int(m[2] or m[1]) if m else 0 for m in years]
    return frame


def _problems(name: str, frame: pd.DataFrame) -> list[Problem]:
    problems: list[Problem] = []
    if frame.empty:
        return [Problem(None, None, "ref_empty_list")]
    for row, values in frame.iterrows():
        for column in TEXT_COLUMNS[name]:
            value = values[column]
            if value == "":
                problems.append(Problem(row, column, "ref_required"))
            elif len(value) > MAX_NAME:
                problems.append(Problem(row, column, "ref_too_long", (("n", MAX_NAME),)))
        pattern = CODE_PATTERNS.get(name)
        if pattern and values["code"] and not pattern.fullmatch(values["code"]):
            code = (("value", values["code"]),)
            problems.append(Problem(row, "code", f"ref_bad_code_{name}", code))
        if name == "periods":
            problems += _period_problems(row, values)
    seen: dict[str, int] = {}
    for row, values in frame.iterrows():
        for column in SPELLINGS[name]:
            spelling = fold(values[column]) if values[column] else ""
            if not spelling:
                continue
            other = seen.setdefault(spelling, row)
            if other != row:
                clash = (("other", other), ("value", values[column]))
                problems.append(Problem(row, column, "ref_duplicate", clash))
    return problems


def _period_problems(row: int, values: pd.Series) -> list[Problem]:
    label, kind = values["label"], values["kind"]
    if label and (not PERIOD_LABEL.fullmatch(label) or values["end_year"] < values["start_year"]):
        return [Problem(row, "label", "ref_bad_period", (("value", label),))]
    if kind and kind not in PERIOD_KIND_NAMES:
        allowed = ", ".join(PERIOD_KIND_NAMES)
        return [Problem(row, "kind", "ref_bad_kind", (("value", kind), ("allowed", allowed)))]
    if label and kind and (kind == "nam") != (values["start_year"] == values["end_year"]):
        return [Problem(row, "kind", "ref_kind_mismatch")]
    return []


def _change(stored: pd.DataFrame, frame: pd.DataFrame, key: str) -> ListChange:
    """How many rows the edit adds, changes (same key, other values) and removes."""

    def by_key(table: pd.DataFrame) -> dict[str, tuple[str, ...]]:
        columns = list(stored.columns)
        return {
            str(row[0]): tuple(str(value) for value in row)
            for row in table[columns].astype(object).itertuples(index=False)
        }

    before, after = by_key(stored), by_key(frame)
    kept = set(before) & set(after)
    return ListChange(
        added=len(set(after) - kept),
        changed=sum(before[k] != after[k] for k in kept),
        removed=len(set(before) - kept),
        reordered=[k for k in before if k in kept] != [k for k in after if k in kept],
    )
