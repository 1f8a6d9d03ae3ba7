"""Acting on a task: the cycle of DOMAIN.md in the app and on the command line
(CONTRACT.md section 5).

:func:`act` is what the ``task`` command and the task page call. It checks, in this
order, the task (unknown), the role, the account's own tasks, the task's state and the
values; a refusal raises :class:`ActionRefused` with one line in either language and
writes nothing. Otherwise the action is one transaction with its event (who, the day,
before and after), an audit line and a new data version.

A report and a registration are one-row imports: a progress row or a tasks row goes
through the import's own checks, merge, history and undo, and the event is written in
the import's transaction. Nothing here checks a row of a file a second time.
"""

from __future__ import annotations

import csv
import io
import json
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from analytics import accounts
from analytics.accounts import Account
from analytics.action_values import (
    REASON,
    TEXT,
    ActionRefused,
    check_evidence,
    date_value,
    text_value,
)
from analytics.choices import ROLES
from analytics.statuses import ASSIGNED
from analytics.store import accounts_sql, actions_sql
from analytics.store.actions_sql import ACTION_TABLES, TaskRow
from analytics.store.connection import Connection, Database, transaction, use_connection
from analytics.store.figures_sql import due_in_force
from analytics.store.imports_sql import AlsoWrite, Counts
from analytics.store.schema import bump_data_version

WAITING_STATES = ("dang_ky", "de_xuat")  # a committee decides these


@dataclass(frozen=True)
class Rule:
    roles: frozenset[str]
    needs_assigned: bool = False  # only for an assigned task


_OFFICIAL_STAFF = frozenset({"official", "staff"})
RULES: dict[str, Rule] = {
    "register": Rule(frozenset({"official", "staff", "admin"})),
    "propose": Rule(frozenset({"staff", "committee", "admin"})),
    "assign": Rule(frozenset({"committee", "admin"})),
    "return": Rule(frozenset({"committee", "admin"})),
    "report": Rule(frozenset({"official", "staff", "admin"}), needs_assigned=True),
    "extend": Rule(_OFFICIAL_STAFF, needs_assigned=True),
    "approve-extension": Rule(frozenset({"committee", "admin"})),
    "refuse-extension": Rule(frozenset({"committee", "admin"})),
    "ask": Rule(frozenset({"committee", "analyst", "admin"}), needs_assigned=True),
    "answer": Rule(_OFFICIAL_STAFF),
    "comment": Rule(frozenset(ROLES)),
}
ACTIONS = tuple(RULES)


def event_kind(action: str) -> str:
    """The KIND of ``task history`` for an action (underscores, CONTRACT.md section 5)."""
    return action.replace("-", "_")


@dataclass(frozen=True)
class Done:
    """What an action did: the task, the event's kind and its detail."""

    action: str
    code: str
    on: date
    detail: dict[str, Any]

    def to_json(self) -> dict[str, Any]:
        return {"status": "ok", "action": self.action, "task": self.code,
                "on": self.on.isoformat(), "detail": self.detail}  # fmt: skip


# --- who acts ----------------------------------------------------------------------------


def account_named(db: Database, name: str) -> Account:
    """The account acting as ``name`` on the command line: the stored account once
    accounts exist (unknown or disabled: refused), else anyone acts as an admin."""
    with use_connection(db) as con:
        if accounts_sql.count_users(con) == 0:
            shown = unicodedata.normalize("NFC", name or "").strip()
            if not shown:
                raise ActionRefused("Thiếu tên người thực hiện (--user).", "--user is missing.")
            return Account(shown[:64], "admin")
        row = accounts_sql.user(con, accounts.fold_name(name))
    if row is None:
        raise ActionRefused(
            f"Không có tài khoản «{name[:64]}».", f"There is no account {name[:64]!r}."
        )
    if row.disabled:
        raise ActionRefused(
            f"Tài khoản «{row.name}» đã bị khóa.", f"The account {row.name!r} is disabled."
        )
    return Account(
        row.name, row.role, accounts.split_bodies(row.bodies), body=row.body_code,
        position=row.position, email=row.email,
    )  # fmt: skip


def owns(account: Account, body: str, position: str) -> bool:
    """Whether a task of ``body`` and ``position`` is the account's own: an official's
    are those of its body and position, staff's those of its bodies (every body when
    unlimited); the other roles own none and act by their role alone."""
    if account.role == "official":
        return body == account.body and position == account.position
    if account.role == "staff":
        return not account.bodies or body in account.bodies
    return False


def may(account: Account, action: str, task: TaskRow | None) -> bool:
    """Whether ``account`` may do ``action`` on ``task`` by role and ownership (state
    aside): what the task page offers."""
    rule = RULES[action]
    if account.role not in rule.roles:
        return False
    if action == "comment" or account.role not in _OFFICIAL_STAFF or task is None:
        return True
    return owns(account, task.body_code, task.position)


# --- acting ------------------------------------------------------------------------------


def act(
    db: Database, account: Account, action: str, code: str, *, on: date | None = None,
    today: date | None = None, channel: str = "cli", **options: Any,
) -> Done:  # fmt: skip
    """Do ``action`` on task ``code`` as ``account`` on day ``on`` (default today)."""
    if action not in RULES:
        raise ActionRefused(f"Không có thao tác «{action}».", f"Unknown action {action!r}.")
    today = today or date.today()
    on = on or today
    if on > today:
        raise ActionRefused(
            f"Ngày thực hiện {on:%d/%m/%Y} ở tương lai.", f"The day {on:%d/%m/%Y} is in the future."
        )
    code = unicodedata.normalize("NFC", str(code or "")).strip()
    if not code:
        raise ActionRefused("Thiếu mã nhiệm vụ.", "The task code is missing.")
    if account.role not in RULES[action].roles:
        raise ActionRefused(
            f"Vai trò {accounts.role_name(account.role)} không được {_VERB[action][0]}.",
            f"The role {accounts.role_name(account.role, 'en')} may not {_VERB[action][1]}.",
        )
    context = _Context(db, account, action, code, on, today, channel)
    if action == "register":
        return _register(context, options)
    if action == "report":
        return _report(context, options)
    write = _WRITERS[action]
    with use_connection(db) as con, transaction(con, strict=True, tables=ACTION_TABLES):
        task = _task_for(con, context)
        detail = write(con, context, task, options)
        _record(con, context, task.id, detail)
    return Done(action, code, on, detail)


_VERB = {
    "register": ("đăng ký nhiệm vụ", "register a task"),
    "propose": ("đề xuất nhiệm vụ", "propose a task"),
    "assign": ("giao nhiệm vụ", "assign a task"),
    "return": ("trả lại nhiệm vụ", "return a task"),
    "report": ("báo cáo tiến độ", "report progress"),
    "extend": ("xin gia hạn", "ask for an extension"),
    "approve-extension": ("duyệt gia hạn", "approve an extension"),
    "refuse-extension": ("từ chối gia hạn", "refuse an extension"),
    "ask": ("yêu cầu giải trình", "ask for an explanation"),
    "answer": ("giải trình", "answer an explanation request"),
    "comment": ("bình luận", "comment"),
}


@dataclass(frozen=True)
class _Context:
    db: Database
    account: Account
    action: str
    code: str
    on: date
    today: date
    channel: str

    @property
    def user(self) -> str:
        return self.account.actor

    @property
    def kind(self) -> str:
        return event_kind(self.action)


def _task_for(con: Connection, context: _Context) -> TaskRow:
    task = actions_sql.task(con, context.code)
    if task is None:
        raise ActionRefused(
            f"Không có nhiệm vụ mã «{context.code[:64]}».",
            f"There is no task with code {context.code[:64]!r}.",
        )
    if not may(context.account, context.action, task):
        raise ActionRefused(
            f"Nhiệm vụ {task.code} không thuộc phạm vi của tài khoản «{context.user}».",
            f"Task {task.code} is not one of {context.user!r}'s own tasks.",
        )
    if RULES[context.action].needs_assigned and task.assignment_state != ASSIGNED:
        raise ActionRefused(
            f"Nhiệm vụ {task.code} chưa được giao.", f"Task {task.code} is not assigned."
        )
    return task


def _record(con: Connection, context: _Context, task_id: int, detail: dict[str, Any],
            import_id: int | None = None) -> None:  # fmt: skip
    when = accounts.now()
    actions_sql.add_event(
        con, task_id, context.on, context.kind, context.user, detail, when, import_id
    )
    summary = json.dumps(detail, ensure_ascii=False, default=str)[:500]
    accounts_sql.add_audit(
        con, when, context.user, f"task.{context.kind}", context.code, summary, context.channel
    )
    bump_data_version(con)


# --- state changes -----------------------------------------------------------------------


def _waiting_state(task: TaskRow) -> None:
    if task.assignment_state not in WAITING_STATES:
        raise ActionRefused(
            f"Nhiệm vụ {task.code} không ở trạng thái chờ giao (đang là «{_state(task)}»).",
            f"Task {task.code} is not waiting to be assigned (it is {_state(task, 'en')!r}).",
        )


def _state(task: TaskRow, language: str = "vi") -> str:
    from analytics.statuses import ASSIGNMENT_STATES

    vi, en = ASSIGNMENT_STATES.get(task.assignment_state, (task.assignment_state,) * 2)
    return en if language == "en" else vi


def _propose(con: Connection, context: _Context, task: TaskRow, options: dict) -> dict:
    if task.assignment_state != "dang_ky":
        raise ActionRefused(
            f"Chỉ đề xuất được nhiệm vụ đang đăng ký; {task.code} đang là «{_state(task)}».",
            f"Only a registered task can be proposed; {task.code} is {_state(task, 'en')!r}.",
        )
    actions_sql.set_state(con, task.id, "de_xuat", None)
    return {"before": {"state": task.assignment_state}, "after": {"state": "de_xuat"}}


def _assign(con: Connection, context: _Context, task: TaskRow, options: dict) -> dict:
    _waiting_state(task)
    assigner = text_value(options, "assigner", ("cấp giao", "assigner"), required=False, limit=200)
    if task.due_on < context.on:
        raise ActionRefused(
            f"Hạn hoàn thành {task.due_on:%d/%m/%Y} trước ngày giao {context.on:%d/%m/%Y}.",
            f"The deadline {task.due_on:%d/%m/%Y} is before the assignment day "
            f"{context.on:%d/%m/%Y}.",
        )
    actions_sql.assign(con, task.id, context.on, assigner)
    after: dict[str, Any] = {"state": ASSIGNED, "assigned_on": context.on}
    if assigner:
        after["assigner"] = assigner
    before = {"state": task.assignment_state, "assigned_on": task.assigned_on}
    return {"before": before, "after": after}


def _return(con: Connection, context: _Context, task: TaskRow, options: dict) -> dict:
    _waiting_state(task)
    reason = text_value(options, "reason", REASON)
    actions_sql.set_state(con, task.id, "tra_lai", reason)
    return {"before": {"state": task.assignment_state}, "after": {"state": "tra_lai"},
            "reason": reason}  # fmt: skip


def _not_done(con: Connection, task: TaskRow, on: date) -> None:
    if actions_sql.latest_progress(con, task.id, on) == 100:
        raise ActionRefused(
            f"Nhiệm vụ {task.code} đã hoàn thành.", f"Task {task.code} is already done."
        )


def _extend(con: Connection, context: _Context, task: TaskRow, options: dict) -> dict:
    _not_done(con, task, context.on)
    if actions_sql.open_extension(con, task.id) is not None:
        raise ActionRefused(
            f"Nhiệm vụ {task.code} đã có một đề nghị gia hạn đang chờ duyệt.",
            f"Task {task.code} already has an extension request waiting for a decision.",
        )
    new_due = date_value(options, "due", ("hạn mới", "new deadline"))
    in_force = due_in_force(con, task.id, context.on)
    if new_due <= in_force:
        raise ActionRefused(
            f"Hạn mới {new_due:%d/%m/%Y} phải sau hạn đang áp dụng {in_force:%d/%m/%Y}.",
            f"The new deadline {new_due:%d/%m/%Y} must be after the one in force "
            f"{in_force:%d/%m/%Y}.",
        )
    reason = text_value(options, "reason", REASON)
    actions_sql.add_extension(con, task.id, context.on, context.user, new_due, reason)
    return {"due_in_force": in_force, "new_due": new_due, "reason": reason}


def _open_extension(con: Connection, task: TaskRow, on: date) -> actions_sql.ExtensionRow:
    request = actions_sql.open_extension(con, task.id)
    if request is None:
        raise ActionRefused(
            f"Nhiệm vụ {task.code} không có đề nghị gia hạn nào đang chờ duyệt.",
            f"Task {task.code} has no extension request waiting for a decision.",
        )
    if on < request.requested_on:
        raise ActionRefused(
            f"Ngày quyết định {on:%d/%m/%Y} trước ngày đề nghị {request.requested_on:%d/%m/%Y}.",
            f"The decision day {on:%d/%m/%Y} is before the request "
            f"({request.requested_on:%d/%m/%Y}).",
        )
    return request


def _approve(con: Connection, context: _Context, task: TaskRow, options: dict) -> dict:
    request = _open_extension(con, task, context.on)
    before = due_in_force(con, task.id, context.on)
    actions_sql.decide_extension(con, request.id, "da_duyet", context.on, context.user, None)
    return {"before": {"due": before}, "after": {"due": request.new_due},
            "requested_by": request.requested_by, "requested_on": request.requested_on}  # fmt: skip


def _refuse(con: Connection, context: _Context, task: TaskRow, options: dict) -> dict:
    request = _open_extension(con, task, context.on)
    reason = text_value(options, "reason", REASON)
    actions_sql.decide_extension(con, request.id, "tu_choi", context.on, context.user, reason)
    return {"new_due": request.new_due, "requested_by": request.requested_by,
            "requested_on": request.requested_on, "reason": reason}  # fmt: skip


def _ask(con: Connection, context: _Context, task: TaskRow, options: dict) -> dict:
    _not_done(con, task, context.on)
    question = text_value(options, "text", TEXT)
    explanation_id = actions_sql.add_explanation(con, task.id, context.on, context.user, question)
    return {"request": explanation_id, "text": question}


def _answer(con: Connection, context: _Context, task: TaskRow, options: dict) -> dict:
    request = actions_sql.oldest_open_explanation(con, task.id)
    if request is None:
        raise ActionRefused(
            f"Nhiệm vụ {task.code} không có yêu cầu giải trình nào đang chờ trả lời.",
            f"Task {task.code} has no open explanation request.",
        )
    answer = text_value(options, "text", TEXT)
    actions_sql.answer_explanation(con, request.id, context.on, context.user, answer)
    return {"request": request.id, "question": request.question, "asked_by": request.asked_by,
            "text": answer}  # fmt: skip


def _comment(con: Connection, context: _Context, task: TaskRow, options: dict) -> dict:
    return {"text": text_value(options, "text", TEXT)}


_WRITERS: dict[str, Callable[[Connection, _Context, TaskRow, dict], dict]] = {
    "propose": _propose,
    "assign": _assign,
    "return": _return,
    "extend": _extend,
    "approve-extension": _approve,
    "refuse-extension": _refuse,
    "ask": _ask,
    "answer": _answer,
    "comment": _comment,
}


# --- one-row imports: a report, a registration --------------------------------------------


def _one_row_csv(header: list[str], row: list[str]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerow(row)
    return out.getvalue().encode("utf-8")


def _run_import(context: _Context, data: bytes, also: AlsoWrite) -> None:
    from analytics.importing import import_file

    file_name = f"{context.action} {context.code}.csv"
    result = import_file(
        data, context.db, file_name=file_name, user=context.user, today=context.today,
        also=also,
    )  # fmt: skip
    if not result.ok:
        raise ActionRefused(_import_errors(result, "vi"), _import_errors(result, "en"))


# The one-row file's columns as the options that filled them.
_OPTION_OF_COLUMN = {
    "ten_nhiem_vu": "--title", "co_quan": "--body", "chuc_danh": "--position",
    "nguoi_thuc_hien": "--official", "linh_vuc": "--area", "ky": "--period",
    "ngay_giao": "--on", "han_hoan_thanh": "--due", "mo_ta": "--description",
    "chi_tieu": "--target", "ngay_bao_cao": "--on", "tien_do": "--progress",
    "trang_thai": "--status", "ghi_chu": "--note", "minh_chung": "--evidence",
}  # fmt: skip


def _import_errors(result: Any, language: str) -> str:
    table = result.error_table(language, place=False)
    parts = []
    for column, message in zip(table["column"], table["message"], strict=True):
        option = _OPTION_OF_COLUMN.get(column) if isinstance(column, str) else None
        parts.append(f"{option}: {message}" if option else message)
    return "; ".join(parts)


def _report(context: _Context, options: dict[str, Any]) -> Done:
    progress = options.get("progress")
    if progress is None or str(progress).strip() == "":
        raise ActionRefused("Thiếu tiến độ (--progress).", "The progress is missing.")
    note = text_value(options, "note", ("ghi chú", "note"), required=False)
    evidence = check_evidence(options.get("evidence"))
    with use_connection(context.db) as con:
        _task_for(con, context)  # unknown, not own or not assigned: refused before reading
    data = _one_row_csv(
        ["ma_nhiem_vu", "ngay_bao_cao", "tien_do", "trang_thai", "ghi_chu", "nguoi_bao_cao",
         "minh_chung"],
        [context.code, context.on.isoformat(), str(progress).strip(),
         str(options.get("status") or "").strip(), note or "", context.user, evidence or ""],
    )  # fmt: skip
    detail: dict[str, Any] = {}

    def write(con: Connection, import_id: int, counts: Counts) -> None:
        stored = _task_for(con, context)  # the state as this transaction sees it
        before = actions_sql.replaced_report(con, import_id)
        after = actions_sql.report_row(con, stored.id, context.on)
        detail.update(before=before, after=after)
        _record(con, context, stored.id, detail, import_id)

    _run_import(context, data, AlsoWrite(write, ACTION_TABLES))
    return Done(context.action, context.code, context.on, detail)


def _register(context: _Context, options: dict[str, Any]) -> Done:
    body = text_value(options, "body", ("cơ quan", "body"), limit=100)
    position = text_value(options, "position", ("chức danh", "position"), limit=200)
    assert body is not None and position is not None
    with use_connection(context.db) as con:
        body = actions_sql.body_code(con, body) or body
        if actions_sql.task(con, context.code) is not None:
            raise ActionRefused(
                f"Mã nhiệm vụ «{context.code}» đã có.",
                f"A task with code {context.code!r} already exists.",
            )
    if context.account.role in _OFFICIAL_STAFF and not owns(context.account, body, position):
        raise ActionRefused(
            f"Tài khoản «{context.user}» chỉ đăng ký được nhiệm vụ của mình "
            f"(cơ quan, chức danh của mình).",
            f"The account {context.user!r} may register only its own tasks (its body and "
            f"position).",
        )
    values = {
        "ten_nhiem_vu": text_value(options, "title", ("tên nhiệm vụ", "title"), limit=500),
        "linh_vuc": text_value(options, "area", ("lĩnh vực", "area"), limit=100),
        "ky": text_value(options, "period", ("kỳ", "period"), limit=20),
        "han_hoan_thanh": date_value(options, "due", ("hạn hoàn thành", "deadline")).isoformat(),
        "nguoi_thuc_hien": text_value(
            options, "official", ("người thực hiện", "official"), required=False, limit=200
        ),
        "mo_ta": text_value(options, "description", ("mô tả", "description"), required=False),
        "chi_tieu": text_value(options, "target", ("chỉ tiêu", "target"), required=False),
    }
    header = ["ma_nhiem_vu", "ten_nhiem_vu", "co_quan", "chuc_danh", "nguoi_thuc_hien",
              "linh_vuc", "ky", "ngay_giao", "han_hoan_thanh", "mo_ta", "chi_tieu",
              "trang_thai_giao"]  # fmt: skip
    row = [context.code, values["ten_nhiem_vu"], body, position, values["nguoi_thuc_hien"],
           values["linh_vuc"], values["ky"], context.on.isoformat(), values["han_hoan_thanh"],
           values["mo_ta"], values["chi_tieu"], "dang_ky"]  # fmt: skip
    detail: dict[str, Any] = {}

    def write(con: Connection, import_id: int, counts: Counts) -> None:
        if counts.inserted != 1:  # registered meanwhile by someone else
            raise ActionRefused(
                f"Mã nhiệm vụ «{context.code}» đã có.",
                f"A task with code {context.code!r} already exists.",
            )
        stored = actions_sql.task(con, context.code)
        assert stored is not None
        detail.update(after=actions_sql.task_fields(con, stored.id))
        _record(con, context, stored.id, detail, import_id)

    _run_import(context, _one_row_csv(header, [v or "" for v in row]),
                AlsoWrite(write, ACTION_TABLES))  # fmt: skip
    return Done(context.action, context.code, context.on, detail)


# --- the history -------------------------------------------------------------------------


def history(db: Database, code: str) -> dict[str, Any]:
    """``{"task": CODE, "events": [...]}`` oldest first (CONTRACT.md section 5)."""
    code = unicodedata.normalize("NFC", str(code or "")).strip()
    with use_connection(db) as con:
        if actions_sql.task(con, code) is None:
            raise ActionRefused(
                f"Không có nhiệm vụ mã «{code[:64]}».",
                f"There is no task with code {code[:64]!r}.",
            )
        rows = actions_sql.history(con, code)
    events = [
        {
            "on": str(on)[:10],
            "kind": kind,
            "user": user,
            "detail": json.loads(detail),
        }
        for on, kind, user, detail in rows[["on_date", "kind", "user_name", "detail"]].itertuples(
            index=False
        )
    ]
    return {"task": code, "events": events}


def acting_account(db: Database, account: Account) -> Account:
    """The signed-in account as it is stored now (an official's body and position, a
    disabled account refused); in local mode the local admin as it is."""
    return account if account.local else account_named(db, account.name)
