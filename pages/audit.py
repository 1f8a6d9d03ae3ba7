"""Quản trị: accounts (add, disable, enable, new password) and the audit log with its export."""

import streamlit as st

from analytics import accounts, exports, reference_edit
from analytics.labels import text
from ui import auth, data, widgets
from ui.widgets import inert

account = auth.require("admin")  # signed in, with a role that may open it
lang = st.session_state.get("lang") or "vi"
db = data.store_location()
SHOWN = 500  # audit lines on screen; the download has them all
REMINDER_CHOICES = {"keep": "reminders_keep", "on": "reminders_on", "off": "reminders_off"}

st.title(text("page_admin", lang))
notice = st.session_state.pop("admin_notice", None)
if notice is not None:
    (st.success if notice[0] else st.error)(inert(notice[1]))


def _notice(ok: bool, message: str) -> None:
    st.session_state["admin_notice"] = (ok, message)
    st.rerun()


# --- accounts ----------------------------------------------------------------------------
st.subheader(text("accounts", lang))
users = accounts.list_users(db)
if users.empty:
    st.info(text("no_accounts", lang))
else:
    st.dataframe(accounts.user_rows(users, lang), hide_index=True, width="stretch")

bodies = data.reference()["bodies"]
names_column = "name_vi" if lang == "vi" else "name_en"
body_names = dict(zip(bodies["code"], bodies[names_column], strict=True))
positions = data.reference()["positions"]
position_names = dict(zip(positions["name_vi"], positions[names_column], strict=True))
left, right = st.columns(2)
with left.form("add_account", clear_on_submit=True):
    st.markdown(f"**{text('add_account', lang)}**")
    name = st.text_input(text("col_account", lang), key="new_name", placeholder="vanthu.tonghop")
    role = st.selectbox(
        text("role", lang), accounts.ROLES, index=None if not users.empty else 3,
        format_func=lambda r: accounts.role_name(r, lang), key="new_role",
        placeholder=text("choose_role", lang),
    )  # fmt: skip
    chosen_bodies = st.multiselect(
        text("account_bodies", lang), list(body_names), format_func=lambda c: body_names[c],
        help=text("account_bodies_help", lang), key="new_bodies",
        placeholder=text("every_body", lang),
    )  # fmt: skip
    official_body = st.selectbox(
        text("official_body", lang), list(body_names), index=None,
        format_func=lambda c: body_names[c], key="new_official_body",
        help=text("official_place_help", lang), placeholder=text("choose_body", lang),
    )  # fmt: skip
    official_position = st.selectbox(
        text("official_position", lang), list(position_names), index=None,
        format_func=lambda p: position_names[p], key="new_position",
        placeholder=text("choose_position", lang),
    )  # fmt: skip
    email = st.text_input(
        text("account_email", lang), key="new_email", placeholder="vanthu@hdnd.gov.vn",
        max_chars=accounts.MAX_EMAIL,
    )  # fmt: skip
    password = st.text_input(text("new_password", lang), type="password", key="new_password",
                             autocomplete="new-password")  # fmt: skip
    again = st.text_input(text("repeat_password", lang), type="password", key="new_again",
                          autocomplete="new-password")  # fmt: skip
    create = st.form_submit_button(text("create_account", lang), type="primary")
if create:
    if password != again:
        _notice(False, text("passwords_differ", lang))
    try:
        made = accounts.add_user(
            db, name, role or "", password, tuple(chosen_bodies), body=official_body,
            position=official_position, email=email.strip() or None, actor=account.actor,
        )  # fmt: skip
    except accounts.AccountError as error:
        _notice(False, error.message(lang))
    _notice(True, text("account_created", lang, name=made.name))

if not users.empty:
    names = users["name"].tolist()
    with right.form("change_account", clear_on_submit=True):
        st.markdown(f"**{text('change_account', lang)}**")
        chosen = st.selectbox(text("choose_account", lang), names, key="change_name")
        new_password = st.text_input(
            text("new_password", lang), type="password", key="change_password",
            autocomplete="new-password",
        )  # fmt: skip
        new_again = st.text_input(
            text("repeat_password", lang), type="password", key="change_again",
            autocomplete="new-password",
        )  # fmt: skip
        set_password = st.form_submit_button(text("set_password", lang))
        st.divider()
        off, on = st.columns(2)
        disable = off.form_submit_button(text("disable_account", lang), width="stretch")
        enable = on.form_submit_button(text("enable_account", lang), width="stretch")
    try:
        if set_password:
            if new_password != new_again:
                _notice(False, text("passwords_differ", lang))
            accounts.set_password(db, chosen, new_password, actor=account.actor)
            _notice(True, text("password_set", lang, name=chosen))
        if disable or enable:
            accounts.set_disabled(db, chosen, bool(disable), actor=account.actor)
            _notice(True, text("account_disabled" if disable else "account_enabled", lang,
                               name=chosen))  # fmt: skip
    except accounts.AccountError as error:
        _notice(False, error.message(lang))

    with right.form("account_mail", clear_on_submit=True):
        st.markdown(f"**{text('account_mail', lang)}**")
        mail_for = st.selectbox(text("choose_account", lang), names, key="mail_name")
        address = st.text_input(text("new_email", lang), key="mail_address",
                                placeholder="vanthu@hdnd.gov.vn")  # fmt: skip
        remove = st.checkbox(text("email_remove", lang), key="mail_remove")
        choice = st.radio(
            text("reminders_choice", lang), list(REMINDER_CHOICES), horizontal=True,
            format_func=lambda c: text(REMINDER_CHOICES[c], lang), key="mail_reminders",
        )  # fmt: skip
        save_mail = st.form_submit_button(text("save_mail", lang))
    if save_mail:
        try:
            accounts.edit_user(
                db, mail_for, actor=account.actor,
                email=None if remove else (address.strip() or accounts.KEEP),
                reminders=None if choice == "keep" else choice == "on",
            )  # fmt: skip
        except accounts.AccountError as error:
            _notice(False, error.message(lang))
        _notice(True, text("mail_saved", lang, name=mail_for))

# --- reference lists ---------------------------------------------------------------------
st.subheader(text("reference", lang))
st.caption(text("reference_intro", lang))
chosen_list = st.segmented_control(
    text("reference_list", lang), reference_edit.LISTS, default="bodies", key="ref_list",
    format_func=lambda name: text(f"ref_list_{name}", lang), required=True,
)  # fmt: skip
list_name = text(f"ref_list_{chosen_list}", lang)
edited = st.data_editor(
    data.reference()[chosen_list], key=f"ref_editor_{chosen_list}",
    num_rows="dynamic", hide_index=True, width="stretch",
    column_order=reference_edit.EDITED_COLUMNS[chosen_list],
    column_config=widgets.reference_columns(chosen_list, lang),
)  # fmt: skip
saved = st.session_state.pop("ref_notice", None)  # said under the list, where one looks
if st.button(text("ref_save", lang), key="ref_save", type="primary"):
    try:
        change = reference_edit.save(db, chosen_list, edited, account.actor)
    except reference_edit.ListRejected as rejected:
        st.error(text("ref_rejected", lang, n=len(rejected.problems)))
        st.dataframe(rejected.table(lang), hide_index=True, width="stretch")
    else:
        st.session_state["ref_notice"] = change.said(list_name, lang)
        st.session_state.pop(f"ref_editor_{chosen_list}", None)  # show the list as stored
        st.rerun()
elif saved:
    st.success(saved)

# --- audit log ---------------------------------------------------------------------------
st.subheader(text("audit", lang))
st.caption(text("audit_intro", lang, n=SHOWN))
st.dataframe(
    accounts.audit_rows(accounts.audit_log(db, limit=SHOWN), lang), hide_index=True,
    width="stretch",
)  # fmt: skip


def _whole_log() -> bytes:
    # Made on the click only: the whole log can be long.
    return exports.csv_bytes(accounts.audit_rows(accounts.audit_log(db), lang))


st.download_button(
    text("download_audit", lang), data=_whole_log, file_name="nhat-ky.csv", mime="text/csv",
    on_click="ignore", key="download_audit", icon=":material/download:",
)  # fmt: skip
