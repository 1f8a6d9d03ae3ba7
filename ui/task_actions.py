"""Acting on a task from the task page: the open requests, shown prominently; one small
form per action the signed-in account may take now (``analytics.task_offers``); the
registration form of the task list. Every form calls ``actions.act``: a refusal shows in
place, under the form; a success shows once, and the page runs again on the new data.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

import pandas as pd
import streamlit as st

from analytics import action_values, actions, formats, task_offers
from analytics.accounts import Account
from analytics.importing import ImportConflict
from analytics.labels import text
from analytics.statuses import ASSIGNMENT_STATES, REPORT_STATUSES
from analytics.store.connection import DatabaseBusy, WriteConflict
from analytics.timeline import shown_name
from analytics.waiting import TaskRequests
from ui import data
from ui.widgets import inert, plain_text

ROUND_KEY = "_act_round"  # a new round gives every form new, empty fields
DONE_KEY = "_act_done"  # what the last action did, shown once
REGISTERED_KEY = "_act_registered"  # the code just registered, linked once
DATE_FORMAT = "DD/MM/YYYY"


def _day(value: object) -> date | None:
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return None
    return pd.Timestamp(value).date()


# --- the state of the task and its open requests -------------------------------------------


def open_requests(task: dict, requests: TaskRequests, language: str) -> None:
    """The assignment state of a task not assigned (a returned one with its reason), the
    deadline in force when extended, the open extension request, the open explanation
    requests. User text is escaped (inert)."""
    state = task["assignment_state"]
    if state in ("dang_ky", "de_xuat", "tra_lai"):
        name = ASSIGNMENT_STATES[state][0 if language == "vi" else 1]
        st.markdown(f"**{text('assignment_state', language)}:** :orange-badge[{name}]")
    if state == "tra_lai" and task.get("return_reason"):
        st.warning(
            f"{text('returned_reason', language)} {inert(task['return_reason'])}",
            icon=":material/undo:",
        )
    original = _day(task["due_on"])
    if requests.due_in_force is not None and requests.due_in_force != original:
        st.info(
            text("due_extended", language, date=formats.day(requests.due_in_force),
                 original=formats.day(original)),
            icon=":material/event_available:",
        )  # fmt: skip
    if requests.extension is not None:
        ask = requests.extension
        st.warning(
            text("open_extension", language, who=inert(shown_name(ask["who"], language)),
                 date=formats.day(ask["since"]), due=formats.day(ask["new_due"]))
            + f"  \n{text('request_reason', language)} {inert(ask['text'])}",
            icon=":material/event:",
        )  # fmt: skip
    for asked in requests.explanations:
        st.warning(
            text("open_explanation", language, who=inert(shown_name(asked["who"], language)),
                 date=formats.day(asked["since"]))
            + f"  \n{inert(asked['text'])}",
            icon=":material/contact_support:",
        )  # fmt: skip


# --- the actions ---------------------------------------------------------------------------


def action_panel(
    user: Account, task: dict, reports: pd.DataFrame, requests: TaskRequests, language: str
) -> None:
    """The actions ``user`` may take on ``task`` now, one tab each, and the outcome of the
    last one."""
    today = date.today()
    account = data.acting_account(user)
    offers = task_offers.offered(
        account, task, done=task_offers.is_done(reports, today),
        extension_open=requests.extension is not None,
        explanation_open=bool(requests.explanations),
    )  # fmt: skip
    st.subheader(text("actions_title", language))
    notice = st.session_state.pop(DONE_KEY, None)
    if notice is not None:
        st.success(notice, icon=":material/check_circle:")
    round_ = st.session_state.setdefault(ROUND_KEY, 0)
    tabs = st.tabs([text(f"action_{action}", language) for action in offers])
    for tab, action in zip(tabs, offers, strict=True):
        with tab:
            form, key = _FORMS[action], f"act_{action}_{round_}"
            with st.form(key, border=True):
                submitted = form(task, reports, requests, language, today, key)
            if submitted is not None:
                on, options = submitted
                _submit(user, action, str(task["code"]), on, options, language)


# A form draws its fields (keyed ``<form key>_<field>``) and returns, once submitted, the
# day the action happened (None: today) and its options.
Submitted = tuple[date | None, dict[str, Any]] | None
Form = Callable[[dict, pd.DataFrame, TaskRequests, str, date, str], Submitted]


def _button(action: str, language: str) -> bool:
    return st.form_submit_button(text(f"submit_{action}", language), type="primary")


def _propose(
    task: dict, reports: pd.DataFrame, requests: TaskRequests, language: str, today: date, key: str
) -> Submitted:
    st.caption(text("propose_help", language))
    return (None, {}) if _button("propose", language) else None


def _assign(
    task: dict, reports: pd.DataFrame, requests: TaskRequests, language: str, today: date, key: str
) -> Submitted:
    left, right = st.columns([1, 2])
    on = left.date_input(text("assigned_on", language), value=today, max_value=today,
                         format=DATE_FORMAT, key=f"{key}_on")  # fmt: skip
    assigner = right.text_input(text("assigner", language), value=task.get("assigner") or "",
                                max_chars=200, key=f"{key}_assigner")  # fmt: skip
    return (on, {"assigner": assigner}) if _button("assign", language) else None


def _reason(action: str) -> Form:
    def form(
        task: dict,
        reports: pd.DataFrame,
        requests: TaskRequests,
        language: str,
        today: date,
        key: str,
    ) -> Submitted:
        reason = st.text_area(text("field_reason", language), max_chars=action_values.MAX_TEXT,
                              height=90, key=f"{key}_reason")  # fmt: skip
        return (None, {"reason": reason}) if _button(action, language) else None

    return form


def _report(
    task: dict, reports: pd.DataFrame, requests: TaskRequests, language: str, today: date, key: str
) -> Submitted:
    latest = float(reports["progress"].iloc[-1]) if len(reports) else 0.0
    statuses = ["", *REPORT_STATUSES]
    index = 0 if language == "vi" else 1
    first, second, third = st.columns(3)
    progress = first.number_input(
        text("field_progress", language), min_value=0, max_value=100, value=int(latest),
        step=1, key=f"{key}_progress",
    )  # fmt: skip
    status = second.selectbox(
        text("status", language), statuses, key=f"{key}_status",
        format_func=lambda s: REPORT_STATUSES[s][index] if s else text("status_from_progress",
                                                                         language),
    )  # fmt: skip
    assigned = _day(task["assigned_on"]) or today
    on = third.date_input(text("report_date", language), value=today,
                          min_value=min(assigned, today), max_value=today,
                          format=DATE_FORMAT, key=f"{key}_on")  # fmt: skip
    note = st.text_area(text("note", language), max_chars=action_values.MAX_TEXT, height=90,
                        key=f"{key}_note")  # fmt: skip
    evidence = st.text_input(
        text("field_evidence", language), max_chars=action_values.MAX_EVIDENCE,
        placeholder=text("evidence_placeholder", language), key=f"{key}_evidence",
    )  # fmt: skip
    st.caption(text("report_form_help", language))
    if not _button("report", language):
        return None
    return on, {"progress": progress, "status": status, "note": note, "evidence": evidence}


def _extend(
    task: dict, reports: pd.DataFrame, requests: TaskRequests, language: str, today: date, key: str
) -> Submitted:
    in_force = requests.due_in_force or _day(task["due_on"]) or today
    st.caption(text("extend_help", language, date=formats.day(in_force)))
    later = in_force + timedelta(days=1)
    new_due = st.date_input(text("field_new_due", language), value=max(later, today),
                            min_value=later, format=DATE_FORMAT, key=f"{key}_due")  # fmt: skip
    reason = st.text_area(text("field_reason", language), max_chars=action_values.MAX_TEXT,
                          height=90, key=f"{key}_reason")  # fmt: skip
    return (None, {"due": new_due, "reason": reason}) if _button("extend", language) else None


def _approve(
    task: dict, reports: pd.DataFrame, requests: TaskRequests, language: str, today: date, key: str
) -> Submitted:
    asked = (requests.extension or {}).get("since") or today
    on = st.date_input(text("field_decided_on", language), value=today,
                       min_value=min(asked, today), max_value=today,
                       format=DATE_FORMAT, key=f"{key}_on")  # fmt: skip
    return (on, {}) if _button("approve-extension", language) else None


def _written(action: str, field: str) -> Form:
    def form(
        task: dict,
        reports: pd.DataFrame,
        requests: TaskRequests,
        language: str,
        today: date,
        key: str,
    ) -> Submitted:
        if action == "answer" and requests.explanations:
            st.caption(text("answer_help", language))
            plain_text(requests.explanations[0]["text"])
        written = st.text_area(text(field, language), max_chars=action_values.MAX_TEXT, height=90,
                               key=f"{key}_text")  # fmt: skip
        return (None, {"text": written}) if _button(action, language) else None

    return form


_FORMS: dict[str, Form] = {
    "propose": _propose,
    "assign": _assign,
    "return": _reason("return"),
    "report": _report,
    "answer": _written("answer", "field_answer"),
    "extend": _extend,
    "approve-extension": _approve,
    "refuse-extension": _reason("refuse-extension"),
    "ask": _written("ask", "field_question"),
    "comment": _written("comment", "field_comment"),
}


def _submit(
    user: Account, action: str, code: str, on: date | None, options: dict[str, Any],
    language: str,
) -> None:  # fmt: skip
    """Do the action as the stored account; a refusal shows here, a success on the next
    run (which reads the new data)."""
    db = data.store_location()
    try:
        account = actions.acting_account(db, user)
        done = actions.act(db, account, action, code, on=on, channel="app", **options)
    except actions.ActionRefused as refused:
        st.error(inert(refused.message(language)), icon=":material/block:")
        return
    except (WriteConflict, ImportConflict, DatabaseBusy):
        st.error(text("action_conflict", language))
        return
    st.session_state[DONE_KEY] = text(
        "action_done", language, action=text(f"action_{action}", language), code=inert(code),
        date=formats.day(done.on),
    )  # fmt: skip
    st.session_state[ROUND_KEY] = st.session_state.get(ROUND_KEY, 0) + 1
    st.rerun()


# --- registering a task ------------------------------------------------------------------


def register_form(user: Account, ref: dict, language: str) -> None:
    """The registration form, in an expander of the task list, for the roles that may
    register: an official's body and position are its own; staff choose among its bodies."""
    account = data.acting_account(user)
    if not actions.may(account, "register", None):
        return
    just = st.session_state.pop(REGISTERED_KEY, None)
    if just is not None:
        st.success(text("registered_done", language, code=inert(just)))
        st.page_link("pages/tasks.py", label=text("open_task", language) + f" {inert(just)} →",
                     query_params={"ma": just, "lang": language})  # fmt: skip
    round_ = st.session_state.setdefault(ROUND_KEY, 0)
    with st.expander(text("register_task", language), icon=":material/add_task:"):
        form = f"register_{round_}"
        with st.form(form):
            options = _registration_fields(account, ref, language, form)
            submitted = st.form_submit_button(text("submit_register", language), type="primary")
        if submitted:
            _register(user, options.pop("code"), options, language)


def _registration_fields(account: Account, ref: dict, language: str, form: str) -> dict:
    """The registration's fields (keyed ``<form>_<option>``) and what they hold."""
    today = date.today()
    name = "name_vi" if language == "vi" else "name_en"
    bodies = dict(zip(ref["bodies"]["code"], ref["bodies"][name], strict=True))
    areas = dict(zip(ref["areas"]["code"], ref["areas"][name], strict=True))
    fixed = account.role == "official"  # its own body and position, nothing else
    if fixed:
        body_choices, position_choices = [account.body], [account.position]
    else:
        body_choices = [b for b in bodies if account.role != "staff" or not account.bodies
                        or b in account.bodies]  # fmt: skip
        position_choices = list(ref["positions"]["name_vi"])
    periods = list(dict.fromkeys([str(today.year), *ref["periods"]["label"]]))
    st.caption(text("register_intro", language))
    values: dict[str, Any] = {}
    left, right = st.columns([1, 3])
    values["code"] = left.text_input(
        text("task_code", language), max_chars=40, key=f"{form}_code",
        help=text("code_help", language, example=f"DK{today:%y}-01"),
    )  # fmt: skip
    values["title"] = right.text_input(
        text("task_title", language), max_chars=500, key=f"{form}_title"
    )
    first, second, third = st.columns(3)
    values["body"] = first.selectbox(
        text("body", language), body_choices, disabled=fixed, key=f"{form}_body",
        format_func=lambda b: bodies.get(b, b),
    )  # fmt: skip
    values["position"] = second.selectbox(
        text("position", language), position_choices, disabled=fixed, key=f"{form}_position"
    )
    values["area"] = third.selectbox(
        text("area", language), list(areas), format_func=areas.get, key=f"{form}_area"
    )
    first, second, third = st.columns(3)
    values["period"] = first.selectbox(
        text("period", language), periods, accept_new_options=True, key=f"{form}_period",
        help=text("period_help", language),
    )  # fmt: skip
    values["due"] = second.date_input(
        text("due_on", language), value=date(today.year, 12, 31), min_value=today,
        format=DATE_FORMAT, key=f"{form}_due",
    )  # fmt: skip
    values["official"] = third.text_input(
        text("official", language), max_chars=200, key=f"{form}_official"
    )
    values["description"] = st.text_area(
        text("description", language), max_chars=action_values.MAX_TEXT, height=80,
        key=f"{form}_description",
    )  # fmt: skip
    values["target"] = st.text_input(
        text("target", language), max_chars=action_values.MAX_TEXT, key=f"{form}_target"
    )
    return values


def _register(user: Account, code: str, options: dict[str, Any], language: str) -> None:
    db = data.store_location()
    try:
        done = actions.act(db, actions.acting_account(db, user), "register", code,
                           channel="app", **options)  # fmt: skip
    except actions.ActionRefused as refused:
        st.error(inert(refused.message(language)), icon=":material/block:")
        return
    except (WriteConflict, ImportConflict, DatabaseBusy):
        st.error(text("action_conflict", language))
        return
    st.session_state[REGISTERED_KEY] = done.code
    st.session_state[ROUND_KEY] = st.session_state.get(ROUND_KEY, 0) + 1
    st.rerun()
