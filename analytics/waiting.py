"""What waits for someone (*việc cần xử lý*): for the signed-in account, the tasks and
requests on which it is the next to act; and, for one task, its open requests.

By role (CONTRACT.md section 5 says who may do what):

- committee and admin: registrations and proposals to decide (``cho_quyet_dinh``), open
  extension requests (``cho_duyet_gia_han``), and the explanation requests they asked
  still unanswered (``cho_tra_loi``);
- analyst: the explanation requests it asked still unanswered (``cho_tra_loi``);
- official: explanation requests to answer on its own tasks (``can_giai_trinh``) and its
  own open assigned tasks without a report dated in the current reporting period
  (``chua_bao_cao``, Decree 09/2019's cut-off: ``analytics.reporting_calendar``);
- staff: the same for its bodies (every body when unlimited), and the registrations of
  its bodies to propose (``cho_de_xuat``).

No Streamlit here.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pandas as pd

from analytics import formats, reporting_calendar
from analytics.accounts import Account
from analytics.actions import owns
from analytics.labels import text
from analytics.store import actions_sql, waiting_sql
from analytics.store.connection import Database, use_connection
from analytics.store.figures_sql import due_in_force

# In the order the screen lists them.
KINDS = (
    "cho_quyet_dinh",
    "cho_de_xuat",
    "cho_duyet_gia_han",
    "can_giai_trinh",
    "chua_bao_cao",
    "cho_tra_loi",
)
ROLE_KINDS: dict[str, tuple[str, ...]] = {
    "committee": ("cho_quyet_dinh", "cho_duyet_gia_han", "cho_tra_loi"),
    "admin": ("cho_quyet_dinh", "cho_duyet_gia_han", "cho_tra_loi"),
    "analyst": ("cho_tra_loi",),
    "official": ("can_giai_trinh", "chua_bao_cao"),
    "staff": ("cho_de_xuat", "can_giai_trinh", "chua_bao_cao"),
}
COLUMNS = ("kind", "code", "title", "body_code", "position", "since", "who", "text", "new_due",
           "state")  # fmt: skip


@dataclass(frozen=True)
class Waiting:
    """The items waiting for one account: one row per item (:data:`COLUMNS`), in the
    order of :data:`KINDS` and oldest first within a kind; ``period`` is the reporting
    period a ``chua_bao_cao`` item lacks a report in, ``kind_of_period`` its kind."""

    items: pd.DataFrame
    period: tuple[date, date]
    kind_of_period: str

    def counts(self) -> dict[str, int]:
        """How many items of each kind, for the kinds that have any, in screen order."""
        found = self.items["kind"].value_counts()
        return {kind: int(found[kind]) for kind in KINDS if kind in found}

    @property
    def empty(self) -> bool:
        return self.items.empty


def for_account(db: Database, account: Account, today: date, kind: str | None = None) -> Waiting:
    """What waits for ``account`` on ``today`` (``kind``: the reporting period, monthly or
    quarterly; by default ``TRACKER_REPORTING``'s)."""
    kind = kind or reporting_calendar.reporting_kind()
    period = reporting_calendar.period_containing(today, kind)
    wanted = set(ROLE_KINDS.get(account.role, ()))
    parts: list[pd.DataFrame] = []
    with use_connection(db) as con:
        if wanted & {"cho_quyet_dinh", "cho_de_xuat"}:
            undecided = waiting_sql.undecided_tasks(con)
            if "cho_quyet_dinh" in wanted:
                parts.append(_as_items(undecided, "cho_quyet_dinh"))
            if "cho_de_xuat" in wanted:
                registered = undecided[undecided["state"] == "dang_ky"]
                parts.append(_as_items(_own(registered, account), "cho_de_xuat"))
        if "cho_duyet_gia_han" in wanted:
            parts.append(_as_items(waiting_sql.open_extensions(con), "cho_duyet_gia_han"))
        if wanted & {"can_giai_trinh", "cho_tra_loi"}:
            asked = waiting_sql.open_explanations(con)
            if "can_giai_trinh" in wanted:
                parts.append(_as_items(_own(asked, account), "can_giai_trinh"))
            if "cho_tra_loi" in wanted:
                parts.append(_as_items(asked[asked["who"] == account.actor], "cho_tra_loi"))
        if "chua_bao_cao" in wanted:
            silent = waiting_sql.unreported_tasks(con, period[0], today)
            parts.append(_as_items(_own(silent, account), "chua_bao_cao"))
    items = pd.concat(parts, ignore_index=True) if parts else _as_items(pd.DataFrame(), "")
    order = {k: i for i, k in enumerate(KINDS)}
    items = items.sort_values(
        ["kind", "since", "code"], key=lambda c: c.map(order) if c.name == "kind" else c,
        na_position="first", kind="stable",
    ).reset_index(drop=True)  # fmt: skip
    return Waiting(items, period, kind)


def _own(frame: pd.DataFrame, account: Account) -> pd.DataFrame:
    """The rows of the account's own tasks (an official's body and position, staff's
    bodies)."""
    mine = [owns(account, b, p) for b, p in zip(frame["body_code"], frame["position"], strict=True)]
    return frame[pd.Series(mine, index=frame.index, dtype=bool)]


def _as_items(frame: pd.DataFrame, kind: str) -> pd.DataFrame:
    """``frame`` with the columns of an item, dates as ``date``, absent ones empty."""
    items = pd.DataFrame(index=frame.index)
    for column in COLUMNS:
        if column == "kind":
            items[column] = kind
        elif column in frame.columns:
            items[column] = frame[column]
        else:
            items[column] = None
    for column in ("since", "new_due"):  # kept as ``date`` or None, never NaT
        days = [_day(v) for v in items[column]]
        items[column] = pd.Series(days, index=items.index, dtype=object)
    return items


def _day(value: object) -> date | None:
    if value is None or value is pd.NaT or (isinstance(value, float) and pd.isna(value)):
        return None
    return pd.Timestamp(value).date()


# --- how the screen words an item ---------------------------------------------------------


def item_line(item: dict, waiting: Waiting, language: str) -> str:
    """What the item asks for, in one line of fixed words and dates (no user text):
    ``Chờ quyết định giao · đăng ký 15/11/2026``."""
    kind = item["kind"]
    if kind in ("cho_quyet_dinh", "cho_de_xuat"):
        state = text(f"waiting_state_{item['state']}", language, date=formats.day(item["since"]))
        return f"{text(f'waiting_{kind}', language)} · {state}"
    if kind == "cho_duyet_gia_han":
        return text("waiting_line_extension", language, due=formats.day(item["new_due"]),
                    date=formats.day(item["since"]))  # fmt: skip
    if kind in ("can_giai_trinh", "cho_tra_loi"):
        return text(f"waiting_line_{kind}", language, date=formats.day(item["since"]))
    period = reporting_calendar.period_name(waiting.period, waiting.kind_of_period, language)
    last = (
        text("waiting_last_report", language, date=formats.day(item["since"]))
        if item["since"] is not None
        else text("waiting_never_reported", language)
    )
    return text("waiting_line_unreported", language, period=period, last=last)


# --- one task's open requests -----------------------------------------------------------


@dataclass(frozen=True)
class TaskRequests:
    """What is open on one task: its extension request waiting for a decision, its
    unanswered explanation requests (oldest first), the deadline in force today."""

    extension: dict | None
    explanations: tuple[dict, ...]
    due_in_force: date | None


def task_requests(db: Database, code: str, today: date) -> TaskRequests:
    """The open requests of task ``code`` as of ``today``."""
    with use_connection(db) as con:
        task = actions_sql.task(con, code)
        if task is None:
            return TaskRequests(None, (), None)
        extensions = _as_items(waiting_sql.open_extensions(con, code), "cho_duyet_gia_han")
        asked = _as_items(waiting_sql.open_explanations(con, code), "cho_tra_loi")
        due = _day(due_in_force(con, task.id, today))
    extension = extensions.iloc[0].to_dict() if len(extensions) else None
    return TaskRequests(extension, tuple(asked.to_dict("records")), due)
