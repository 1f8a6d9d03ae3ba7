"""Giao việc: the committee assigns, or returns with one reason, several registered or
proposed tasks at once; each is its own action, and each task's outcome is listed."""

from __future__ import annotations

from datetime import date

import pandas as pd
import streamlit as st

from analytics import action_values, actions, bulk_actions
from analytics.accounts import Account
from analytics.labels import text
from ui import data

RESULTS_KEY = "_bulk_results"  # (action, [(code, ok, message)]) of the last submission
ROUND_KEY = "_bulk_round"  # a new round empties the form
DATE_FORMAT = "DD/MM/YYYY"


def draw(user: Account, waiting: pd.DataFrame, language: str) -> None:
    """The form, for the roles that may assign; the outcome of the last submission."""
    account = data.acting_account(user)
    if not actions.may(account, "assign", None):
        return
    st.subheader(text("bulk_title", language))
    st.caption(text("bulk_help", language))
    _results(st.session_state.pop(RESULTS_KEY, None), language)
    undecided = waiting[waiting["assignment_state"].isin(actions.WAITING_STATES)]
    if undecided.empty:
        st.info(text("no_undecided", language))
        return
    titles = dict(zip(undecided["code"], undecided["title"], strict=True))
    today = date.today()
    round_ = st.session_state.setdefault(ROUND_KEY, 0)
    form = f"bulk_{round_}"
    with st.form(form):
        codes = st.multiselect(text("bulk_tasks", language), list(titles), key=f"{form}_codes",
                               format_func=lambda c: f"{c} · {titles[c]}",
                               placeholder=text("bulk_choose", language))  # fmt: skip
        left, right = st.columns([1, 2])
        on = left.date_input(text("assigned_on", language), value=today, max_value=today,
                             format=DATE_FORMAT, key=f"{form}_on")  # fmt: skip
        assigner = right.text_input(text("assigner", language), max_chars=200,
                                    key=f"{form}_assigner")  # fmt: skip
        reason = st.text_area(text("field_reason", language), max_chars=action_values.MAX_TEXT,
                              height=80, help=text("bulk_reason_help", language),
                              key=f"{form}_reason")  # fmt: skip
        with st.container(horizontal=True):
            assign = st.form_submit_button(text("bulk_assign", language), type="primary")
            give_back = st.form_submit_button(text("bulk_return", language))
    if not (assign or give_back):
        return
    if not codes:
        st.warning(text("bulk_none_chosen", language))
        return
    action = "assign" if assign else "return"
    options = {"assigner": assigner} if assign else {"reason": reason}
    db = data.store_location()
    acting = actions.acting_account(db, user)
    outcomes = bulk_actions.act_on_each(
        db, acting, action, codes, on=on if assign else None, channel="app", **options
    )
    st.session_state[RESULTS_KEY] = (
        action, [(o.code, o.ok, o.message(language)) for o in outcomes],
    )  # fmt: skip
    st.session_state[ROUND_KEY] = round_ + 1
    st.rerun()


def _results(results: tuple | None, language: str) -> None:
    if results is None:
        return
    action, rows = results
    done = sum(ok for _, ok, _ in rows)
    summary = text(f"bulk_done_{action}", language, ok=done, n=len(rows))
    (st.success if done == len(rows) else st.warning)(summary)
    table = pd.DataFrame(
        {
            text("task_code", language): [code for code, _, _ in rows],
            text("col_result", language): [
                text(f"result_{action}", language) if ok else message for _, ok, message in rows
            ],
        }
    )
    st.dataframe(table, hide_index=True, width="stretch")
