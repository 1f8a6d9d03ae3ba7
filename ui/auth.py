"""Signing in for the pages: who is using this browser session, and what they may open.

The signed-in account lives on the server, in ``st.session_state``, and in a signed
cookie (``analytics.session_cookie``) so that a reload or a new tab of the same browser
stays signed in. Every run checks the session against the stored accounts (cached on
the database file's stamp, so an unchanged rerun reads nothing): eight hours without a
click, a disabled account, a new role, bodies or password, or signing out end it, and
the cookie with it. The cookie is written by a line of script in the page (Streamlit has
no call for it; ``ui.page_scripts``), at sign-in and again at most every few minutes while
the session is used.

While no account exists the app runs in local mode: whoever opens it on this machine
is an administrator, and a banner says how to create the first account. A request that
comes from another machine (or through a proxy) is refused in local mode.

Every page starts with ``auth.require("<page key>")``: signed out, the page shows the
sign-in form instead of itself; signed in without the role, it shows a refusal.
"""

from __future__ import annotations

import ipaddress
import json
import os
from dataclasses import replace
from datetime import datetime, timedelta
from typing import Literal, NoReturn

import streamlit as st

from analytics import accounts, session_cookie
from analytics.accounts import Account
from analytics.labels import LABELS, text
from analytics.throttle import TRUSTED_PROXY_ENV, FailureThrottle, client_address
from ui import data, page_scripts
from ui.widgets import inert

SESSION_KEY = "_auth_session"  # an accounts.Session
NOTICE_KEY = "_auth_notice"  # why the last session ended, shown once on the sign-in form
ROUND_KEY = "_auth_round"  # a new round gives the form new, empty fields
FORWARDED = ("X-Forwarded-For", "X-Real-Ip", "Forwarded")
COOKIE_SENT_KEY = "_auth_cookie_seen"  # the last_seen the cookie was last written with
COOKIE_DEAD_KEY = "_auth_dead_cookie"  # a cookie value this session must not sign in with
COOKIE_CLEAR_KEY = "_auth_clear_cookie"  # remove the browser's cookie on the next run
COOKIE_REFRESH = timedelta(minutes=5)  # idle time is counted to within this
THROTTLE = FailureThrottle()  # failed sign-ins per client address, for this server process


@st.cache_data(ttl=3600, max_entries=8, show_spinner=False)
def _stored(path: str, stamp: tuple) -> dict:
    return accounts.sessions_view(path)


@st.cache_data(ttl=3600, max_entries=8, show_spinner=False)
def _ended(path: str, stamp: tuple) -> frozenset[str]:
    return accounts.ended_sessions(path)


def _language() -> str:
    return st.session_state.get("lang") or "vi"


def _local_client() -> bool:
    """Whether this session comes from this very machine (not through a proxy)."""
    headers = st.context.headers
    if any(headers.get(name) for name in FORWARDED):
        return False
    address = st.context.ip_address
    if not isinstance(address, str):  # None for localhost (a stand-in object under AppTest)
        return True
    try:
        return ipaddress.ip_address(address.split("%")[0]).is_loopback
    except ValueError:
        return False


def _client_address() -> str:
    """Where a sign-in comes from: the connection's own address, or behind the reverse
    proxy named in ``TRACKER_TRUSTED_PROXY`` the address it appended to ``X-Forwarded-For``
    (``throttle.client_address``)."""
    address = st.context.ip_address
    return client_address(
        address if isinstance(address, str) else None,
        st.context.headers.get("X-Forwarded-For"),
        os.environ.get(TRUSTED_PROXY_ENV),
    )


def _accounts() -> dict:
    return _stored(*data.file_key())


def _accounts_and_ended() -> tuple[dict, frozenset[str]]:
    """The stored accounts and the signed-out sessions, read once per change of the file."""
    key = data.file_key()
    return _stored(*key), _ended(*key)


def current_user() -> Account | None:
    """The account using this session, the local administrator in local mode, or None
    when someone has to sign in. Ends a session that was idle too long or whose account
    changed, and notes why."""
    stored, ended = _accounts_and_ended()
    if not stored:
        st.session_state.pop(SESSION_KEY, None)
        return accounts.LOCAL_ADMIN if _local_client() else None
    if st.session_state.pop(COOKIE_CLEAR_KEY, False):
        _write_cookie("", 0)
    when = accounts.now()
    session = st.session_state.get(SESSION_KEY) or _from_cookie(stored, ended, when)
    if session is None:
        return None
    state = accounts.session_state(session, stored, when, ended)
    if state != "ok":
        _end(session, state)
        return None
    session = replace(session, last_seen=when)
    st.session_state[SESSION_KEY] = session
    _keep_cookie(session)
    return Account(session.name, session.role, session.bodies)


def _cookies() -> dict[str, str]:
    """The cookies the browser sent when this session opened (none under AppTest)."""
    return dict(st.context.cookies)


def _cookie_key() -> bytes:
    return session_cookie.cookie_key(data.store_location())


def _from_cookie(stored: dict, ended: frozenset[str], when: datetime) -> accounts.Session | None:
    """The session this browser's cookie carries, when it is still good (a reload)."""
    value = _cookies().get(session_cookie.COOKIE_NAME)
    if not value or value == st.session_state.get(COOKIE_DEAD_KEY):
        return None
    session = session_cookie.decode(value, _cookie_key())
    state = "bad" if session is None else accounts.session_state(session, stored, when, ended)
    if state != "ok":
        st.session_state[COOKIE_DEAD_KEY] = value
        st.session_state[COOKIE_CLEAR_KEY] = True
        if state == "idle":
            st.session_state[NOTICE_KEY] = "session_idle"
        return None
    st.session_state[COOKIE_SENT_KEY] = session.last_seen
    return session


def _keep_cookie(session: accounts.Session) -> None:
    """Write the cookie at sign-in, then again when the one written is a few minutes old."""
    sent = st.session_state.get(COOKIE_SENT_KEY)
    if sent is not None and session.last_seen - sent < COOKIE_REFRESH:
        return
    value = session_cookie.encode(session, _cookie_key())
    _write_cookie(value, int(accounts.IDLE_LIMIT.total_seconds()))
    st.session_state[COOKIE_SENT_KEY] = session.last_seen


def _write_cookie(value: str, max_age: int) -> None:
    """Set (or, with ``max_age`` 0, remove) the sign-in cookie in this browser."""
    cookie = f"{session_cookie.COOKIE_NAME}={value}; Path=/; Max-Age={max_age}; SameSite=Strict"
    script = (
        f"document.cookie = {json.dumps(cookie)}"
        " + (window.location.protocol === 'https:' ? '; Secure' : '');"
    )
    page_scripts.send(script)


def _end(session: accounts.Session, reason: str) -> None:
    dead = _cookies().get(session_cookie.COOKIE_NAME)
    _forget()
    st.session_state[COOKIE_DEAD_KEY] = dead
    st.session_state[COOKIE_CLEAR_KEY] = True
    notices = {"idle": "session_idle", "signed_out": "signed_out"}
    st.session_state[NOTICE_KEY] = notices.get(reason, "session_changed")
    if reason != "signed_out":  # signing out was written to the log already
        accounts.record(data.store_location(), session.name, "session_end", None, reason)


def _forget() -> None:
    """Drop everything this session held for the account (previews, choices, the sign-in)
    except the language, so the next person starts afresh."""
    for key in list(st.session_state.keys()):
        if key not in ("lang", ROUND_KEY, page_scripts.SLOT_KEY):
            del st.session_state[key]


def can(action: str) -> bool:
    """Whether the person using this session may do ``action`` (see ``accounts.ACTIONS``)."""
    user = current_user()
    return user is not None and user.can(action)


def visibility(user: Account | None, page: str) -> Literal["visible", "hidden"]:
    """Whether ``page`` shows in the navigation for ``user`` (it stays reachable by address,
    where its own check refuses)."""
    return "visible" if user is not None and accounts.may_open(user.role, page) else "hidden"


def require(page: str) -> Account:
    """The account using this session if it may open ``page``; otherwise the sign-in form
    or a refusal is drawn and the page stops here."""
    language = _language()
    user = current_user()
    if user is None:
        sign_in_gate(language)
    if not accounts.may_open(user.role, page):
        if f"page_{page}" in LABELS:
            st.title(text(f"page_{page}", language))
        st.error(
            text(
                "refused_page", language,
                name=text("local_actor", language) if user.local else inert(user.name),
                role=accounts.role_name(user.role, language),
            )
        )  # fmt: skip
        st.page_link("pages/overview.py", label=text("page_overview", language),
                     icon=":material/arrow_back:")  # fmt: skip
        st.stop()
    return user


def sign_in_gate(language: str) -> NoReturn:
    """What a signed-out session sees instead of any page: the sign-in form, or in local
    mode reached from another machine, how to create the first account. Stops the run."""
    if not _accounts():
        st.error(text("local_only", language))
    else:
        sign_in_form(language)
    st.stop()


def sign_in_form(language: str) -> None:
    """The sign-in form; on success the session is signed in and the app runs again."""
    _, column, _ = st.columns([1, 1.2, 1])  # a narrow form in the middle, at any width
    column.header(text("app_title", language))
    column.caption(text("signin_intro", language))
    notice = st.session_state.pop(NOTICE_KEY, None)
    if notice == "signed_out":
        column.success(text("signed_out", language))
    elif notice == "failed":
        column.error(text("signin_failed", language))
    elif notice == "empty":
        column.warning(text("signin_empty", language))
    elif notice is not None:
        column.info(text(notice, language))
    round_ = st.session_state.setdefault(ROUND_KEY, 0)
    with column.form(f"signin_{round_}", border=True):
        st.subheader(text("page_signin", language))
        name = st.text_input(
            text("signin_name", language), key=f"signin_name_{round_}",
            value=st.session_state.get("_auth_last_name", ""), autocomplete="username",
        )  # fmt: skip
        password = st.text_input(
            text("signin_password", language), type="password",
            key=f"signin_password_{round_}", autocomplete="current-password",
        )  # fmt: skip
        submitted = st.form_submit_button(
            text("signin_button", language), type="primary", width="stretch"
        )
    column.caption(text("signin_help", language))
    if not submitted:
        return
    st.session_state[ROUND_KEY] = round_ + 1  # the next form starts with an empty password
    if not name.strip() or not password:
        st.session_state[NOTICE_KEY] = "empty"
        st.session_state["_auth_last_name"] = name.strip()
        st.rerun()
    address, when = _client_address(), accounts.now()
    if THROTTLE.blocked(address, when):  # refused unchecked, with the usual message
        result = accounts.SignIn(None, "throttled")
    else:
        result = accounts.authenticate(data.store_location(), name, password, when=when)
        if not result.ok and THROTTLE.failed(address, when):
            accounts.record(data.store_location(), address, "throttled", None,
                            f"{THROTTLE.limit} / {THROTTLE.window.seconds // 60} min")  # fmt: skip
    if not result.ok:
        st.session_state[NOTICE_KEY] = "failed"
        st.session_state["_auth_last_name"] = name.strip()
        st.rerun()
    sign_in(result.account, result.generation)
    st.rerun()


def sign_in(account: Account, generation: int) -> None:
    """Mark this session signed in as ``account`` (after its password was checked), of the
    account's sign-in ``generation``."""
    st.session_state[SESSION_KEY] = accounts.new_session(account, accounts.now(), generation)
    st.session_state.pop(COOKIE_SENT_KEY, None)  # the next run writes this session's cookie
    st.session_state.pop("_auth_last_name", None)
    st.session_state.pop(NOTICE_KEY, None)


def sign_out() -> None:
    """End this session's sign-in (a button callback)."""
    session = st.session_state.get(SESSION_KEY)
    dead = _cookies().get(session_cookie.COOKIE_NAME)
    _forget()
    if session is not None:
        accounts.sign_out(data.store_location(), session)
    st.session_state[NOTICE_KEY] = "signed_out"
    st.session_state[COOKIE_DEAD_KEY] = dead
    st.session_state[COOKIE_CLEAR_KEY] = True


def account_box(user: Account, language: str) -> None:
    """Who is signed in, and the sign-out button, at the top of the sidebar."""
    side = st.sidebar
    role = accounts.role_name(user.role, language)
    if user.local:
        side.caption(text("local_mode_user", language, role=role))
        return
    side.caption(text("signed_in_as", language, name=inert(user.name), role=role))
    side.button(
        text("signout", language), key="signout", on_click=sign_out, icon=":material/logout:"
    )


def local_banner(language: str) -> None:
    """The warning every page shows in local mode."""
    st.warning(text("local_banner", language), icon=":material/lock_open:")
