"""Accounts, roles and signing in: who may see which page and do which action.

No Streamlit here: the pages ask :func:`may_open` and :meth:`Account.can`, the sign-in
form calls :func:`authenticate`, the command line and the admin page call
:func:`add_user`, :func:`set_password` and :func:`set_disabled`. Passwords are kept only
as argon2id hashes (argon2-cffi); a wrong password, an unknown name, a disabled or a
locked account all get the same answer, so the answer never tells whether a name exists.
Every sign-in, failed sign-in and account change is written to the audit log in the
same transaction as the change.
"""

from __future__ import annotations

import hashlib
import os
import re
import secrets
import threading
import unicodedata
from collections.abc import Collection
from dataclasses import dataclass
from datetime import datetime, timedelta
from email.utils import parseaddr

import pandas as pd
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

from analytics.choices import ROLES
from analytics.store import accounts_sql
from analytics.store.connection import Connection, Database, transaction, use_connection

Database = Database

ROLE_NAMES: dict[str, tuple[str, str]] = {
    "committee": ("Thường trực HĐND", "Standing Committee"),
    "analyst": ("Chuyên viên phân tích", "Analyst"),
    "staff": ("Cán bộ văn phòng", "Office staff"),
    "admin": ("Quản trị", "Administrator"),
    "official": ("Cán bộ, công chức được giao nhiệm vụ", "Official"),
}

# Pages by key (app.py maps them to files and addresses) and the roles that may open them.
EVERYONE = frozenset(ROLES)
# What account writes change (on PostgreSQL only these tables are compared and sent).
ACCOUNT_TABLES = ("users", "audit", "ended_sessions")
PAGE_ROLES: dict[str, frozenset[str]] = {
    "overview": EVERYONE,
    "analysis": frozenset({"committee", "analyst", "admin", "official"}),
    "tasks": EVERYONE,
    "upload": frozenset({"staff", "admin"}),
    "imports": EVERYONE,
    "method": EVERYONE,
    "cascade": EVERYONE,
    "appraisal": EVERYONE,
    "admin": frozenset({"admin"}),
    "inbox": EVERYONE,
}
# Actions beyond opening a page. Staff may undo only the imports they made themselves. An
# official sees what a committee member sees, without exports.
ACTIONS = ("export", "upload", "undo_own", "undo_any", "manage_accounts")
ROLE_ACTIONS: dict[str, frozenset[str]] = {
    "committee": frozenset({"export"}),
    "analyst": frozenset({"export"}),
    "staff": frozenset({"upload", "undo_own"}),
    "admin": frozenset(ACTIONS),
    "official": frozenset(),
}

MAX_FAILURES = 5
LOCK_FOR = timedelta(minutes=15)
IDLE_LIMIT = timedelta(hours=8)
MIN_PASSWORD = 10
MAX_PASSWORD = 256  # a hash of a megabyte of text would be an easy way to load the server
NAME_PATTERN = re.compile(r"[a-z0-9][a-z0-9._-]{1,63}")
MAX_EMAIL = 254  # RFC 5321's limit on a forward path
# A plain addr-spec: something, one @, a domain with a dot; no space, no display name.
EMAIL_PATTERN = re.compile(r"[^@\s\"<>(),;:\\\[\]]+@[a-z0-9-]+(\.[a-z0-9-]+)+")
LOCAL_ACTOR = "@local"  # who acts in local mode; no account name can start with @

HASHER = PasswordHasher()  # argon2id, RFC 9106 low-memory profile (64 MiB, 3 passes)
_write_lock = threading.Lock()  # account writes of this process take turns
ACCOUNT_TABLES = ("users", "audit")  # what an account change writes


def now() -> datetime:
    """The clock of sign-ins and locks (local time, like the import history)."""
    return datetime.now().replace(microsecond=0)


@dataclass(frozen=True)
class Account:
    """A signed-in person (or, in local mode, whoever opened the app on this machine)."""

    name: str
    role: str
    bodies: tuple[str, ...] = ()  # for staff: the bodies they may import for; () = all
    local: bool = False
    body: str | None = None  # an official's body
    position: str | None = None  # an official's position
    email: str | None = None

    def can(self, action: str) -> bool:
        """Whether this account may do ``action`` (one of :data:`ACTIONS`)."""
        return action in ROLE_ACTIONS.get(self.role, frozenset())

    @property
    def actor(self) -> str:
        """The name the audit log and the import history keep."""
        return LOCAL_ACTOR if self.local else self.name

    @property
    def allowed_bodies(self) -> tuple[str, ...] | None:
        """Bodies an import by this account may touch; None for every body."""
        return self.bodies if self.role == "staff" and self.bodies else None


LOCAL_ADMIN = Account(LOCAL_ACTOR, "admin", (), local=True)


def may_open(role: str, page: str) -> bool:
    """Whether ``role`` may open ``page`` (a key of :data:`PAGE_ROLES`)."""
    return role in PAGE_ROLES.get(page, frozenset())


def role_name(role: str, language: str = "vi") -> str:
    vi, en = ROLE_NAMES.get(role, (role, role))
    return en if language == "en" else vi


# --- errors ------------------------------------------------------------------------------

ERRORS: dict[str, tuple[str, str]] = {
    "bad_name": (
        "Tên đăng nhập '{name}' không hợp lệ: 2–64 ký tự, chữ thường không dấu, số, dấu chấm, "
        "gạch dưới hoặc gạch ngang (ví dụ vanthu.tonghop).",
        "The sign-in name '{name}' is not valid: 2-64 characters, lower-case letters without "
        "accents, digits, dots, underscores or hyphens (e.g. clerk.office).",
    ),
    "bad_role": (
        "Vai trò '{role}' không có; chọn một trong: committee, analyst, staff, admin, official.",
        "There is no role '{role}'; use one of: committee, analyst, staff, admin, official.",
    ),
    "name_taken": ("Đã có tài khoản '{name}'.", "An account '{name}' already exists."),
    "unknown_user": ("Không có tài khoản '{name}'.", "There is no account '{name}'."),
    "short_password": (
        "Mật khẩu phải có ít nhất {min} ký tự.",
        "The password must have at least {min} characters.",
    ),
    "long_password": (
        "Mật khẩu dài quá {max} ký tự.",
        "The password is longer than {max} characters.",
    ),
    "name_in_password": (
        "Mật khẩu không được chứa tên đăng nhập.",
        "The password must not contain the sign-in name.",
    ),
    "unknown_body": (
        "Không có cơ quan mã '{body}'; mã hợp lệ: {allowed}.",
        "There is no body with code '{body}'; allowed codes: {allowed}.",
    ),
    "bodies_not_staff": (
        "Chỉ tài khoản vai trò staff mới giới hạn theo cơ quan (--body).",
        "Only staff accounts are limited to bodies (--body).",
    ),
    "official_needs_body": (
        "Tài khoản vai trò official phải gắn với đúng một cơ quan (--body).",
        "An official account needs exactly one body (--body).",
    ),
    "official_needs_position": (
        "Tài khoản vai trò official phải có chức danh (--position).",
        "An official account needs a position (--position).",
    ),
    "unknown_position": (
        "Không có chức danh '{position}' trong danh mục Chức danh.",
        "There is no position '{position}' in the list of positions.",
    ),
    "position_not_official": (
        "Chỉ tài khoản vai trò official mới có chức danh (--position).",
        "Only official accounts have a position (--position).",
    ),
    "bad_email": (
        "Địa chỉ thư điện tử '{email}' không hợp lệ (ví dụ vanthu@hdnd.gov.vn, tối đa {max} "
        "ký tự).",
        "The e-mail address '{email}' is not valid (e.g. clerk@council.gov.vn, at most {max} "
        "characters).",
    ),
    "last_admin": (
        "Không thể khoá tài khoản quản trị cuối cùng đang hoạt động.",
        "The last active administrator account cannot be disabled.",
    ),
}


class AccountError(ValueError):
    """An account change refused; ``code`` says why, :meth:`message` in either language."""

    def __init__(self, code: str, **values: object) -> None:
        self.code = code
        self.values = values
        super().__init__(self.message("en"))

    def message(self, language: str = "vi") -> str:
        vi, en = ERRORS[self.code]
        return (en if language == "en" else vi).format(**self.values)


# --- names, passwords, bodies ------------------------------------------------------------


def fold_name(name: str) -> str:
    """A sign-in name as stored: NFC, trimmed, lower case."""
    return unicodedata.normalize("NFC", name or "").strip().lower()


def check_name(name: str) -> str:
    folded = fold_name(name)
    if not NAME_PATTERN.fullmatch(folded):
        raise AccountError("bad_name", name=name[:64])
    return folded


def check_password(password: str, name: str) -> None:
    if len(password) < MIN_PASSWORD:
        raise AccountError("short_password", min=MIN_PASSWORD)
    if len(password) > MAX_PASSWORD:
        raise AccountError("long_password", max=MAX_PASSWORD)
    if name and name in password.lower():
        raise AccountError("name_in_password")


def hash_password(password: str) -> str:
    """An argon2id hash with its own random salt (the text stored, never the password)."""
    return HASHER.hash(password)


def _verify(password_hash: str, password: str) -> bool:
    try:
        return HASHER.verify(password_hash, password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


_dummy: list[str] = []


def _dummy_hash() -> str:
    # Checked against when the name is unknown, so that answer takes as long as a real one.
    if not _dummy:
        _dummy.append(HASHER.hash(os.urandom(16).hex()))
    return _dummy[0]


def _bodies(con: Connection, role: str, bodies: tuple[str, ...]) -> str:
    if not bodies:
        return ""
    if role != "staff":
        raise AccountError("bodies_not_staff")
    known = accounts_sql.body_codes(con)
    by_folded = {code.upper(): code for code in known}
    chosen: list[str] = []
    for body in bodies:
        code = by_folded.get(str(body).strip().upper())
        if code is None:
            raise AccountError("unknown_body", body=str(body)[:20], allowed=", ".join(known))
        if code not in chosen:
            chosen.append(code)
    return ",".join(chosen)


def split_bodies(text: str) -> tuple[str, ...]:
    return tuple(b for b in (text or "").split(",") if b)


def check_email(email: str) -> str:
    """An e-mail address as stored: trimmed, lower case; a plain ``local@domain.tld`` of at
    most :data:`MAX_EMAIL` characters, or :class:`AccountError`."""
    folded = unicodedata.normalize("NFC", email or "").strip().lower()
    display, address = parseaddr(folded)
    if (
        len(folded) > MAX_EMAIL
        or display
        or address != folded
        or not EMAIL_PATTERN.fullmatch(folded)
    ):
        raise AccountError("bad_email", email=(email or "")[:64], max=MAX_EMAIL)
    return folded


def _official_place(
    con: Connection, role: str, body: str | None, position: str | None
) -> tuple[str | None, str | None]:
    """The stored body code and position of an account: an official needs both (a known
    body, a position of the list), any other role neither."""
    body = (body or "").strip() or None
    position = unicodedata.normalize("NFC", position or "").strip() or None
    if role != "official":
        if position is not None:
            raise AccountError("position_not_official")
        if body is not None:
            raise AccountError("bodies_not_staff")
        return None, None
    if body is None:
        raise AccountError("official_needs_body")
    if position is None:
        raise AccountError("official_needs_position")
    known = accounts_sql.body_codes(con)
    code = {c.upper(): c for c in known}.get(body.upper())
    if code is None:
        raise AccountError("unknown_body", body=body[:20], allowed=", ".join(known))
    if position not in accounts_sql.position_names(con):
        raise AccountError("unknown_position", position=position[:80])
    return code, position


# --- account changes ---------------------------------------------------------------------


def add_user(
    db: Database, name: str, role: str, password: str, bodies: tuple[str, ...] = (), *,
    body: str | None = None, position: str | None = None, email: str | None = None,
    actor: str, channel: str = "app", when: datetime | None = None,
) -> Account:  # fmt: skip
    """Create an account. Raises :class:`AccountError` for a bad name, role, password, body,
    position or e-mail, or a name already taken.

    ``bodies``: staff only, the bodies it may import for. ``body`` and ``position``: an
    official's (both required, and only for an official). ``email``: any role, optional.
    """
    folded = check_name(name)
    if role not in ROLES:
        raise AccountError("bad_role", role=role[:20])
    check_password(password, folded)
    stored_email = check_email(email) if email else None
    password_hash = hash_password(password)
    when = when or now()
    with _write_lock, use_connection(db) as con:
        stored_bodies = _bodies(con, role, tuple(bodies))
        body_code, stored_position = _official_place(con, role, body, position)
        if accounts_sql.user(con, folded) is not None:
            raise AccountError("name_taken", name=folded)
        with transaction(con, tables=ACCOUNT_TABLES):
            accounts_sql.insert_user(
                con, folded, role, stored_bodies, password_hash, when, body_code,
                stored_position, stored_email,
            )  # fmt: skip
            detail = " ".join(
                f"{key}={value}"
                for key, value in (("role", role), ("bodies", stored_bodies),
                                   ("body", body_code), ("position", stored_position),
                                   ("email", stored_email))
                if value
            )  # fmt: skip
            accounts_sql.add_audit(con, when, actor, "user_add", folded, detail, channel)
    return Account(folded, role, split_bodies(stored_bodies), body=body_code,
                   position=stored_position, email=stored_email)  # fmt: skip


KEEP = object()  # :func:`edit_user`: leave this value as it is


def edit_user(
    db: Database, name: str, *, email: object = KEEP, reminders: bool | None = None,
    actor: str, channel: str = "app", when: datetime | None = None,
) -> None:  # fmt: skip
    """Change an account's e-mail (``None`` removes it) and whether reminder e-mails go to
    it; each change is one audit line, all in one transaction."""
    folded = fold_name(name)
    stored_email = email if email is KEEP or email is None else check_email(str(email))
    when = when or now()
    with _write_lock, use_connection(db) as con:
        if accounts_sql.user(con, folded) is None:
            raise AccountError("unknown_user", name=name[:64])
        with transaction(con, tables=ACCOUNT_TABLES):
            if stored_email is not KEEP:
                accounts_sql.set_email(con, folded, stored_email, when)
                detail = f"email={stored_email}" if stored_email else "email removed"
                accounts_sql.add_audit(con, when, actor, "user_edit", folded, detail, channel)
            if reminders is not None:
                accounts_sql.set_reminders(con, folded, reminders, when)
                detail = f"reminders={'on' if reminders else 'off'}"
                accounts_sql.add_audit(con, when, actor, "user_edit", folded, detail, channel)


def reminder_choice(db: Database, name: str) -> bool | None:
    """Whether reminder e-mails go to the account ``name``; None when there is no such one."""
    with use_connection(db) as con:
        row = accounts_sql.user(con, fold_name(name))
    return None if row is None else bool(row.reminders)


def set_password(
    db: Database, name: str, password: str, *, actor: str, channel: str = "app",
    when: datetime | None = None,
) -> None:  # fmt: skip
    """Give an account a new password; its lock and failure count are cleared and its
    open sessions end (they were signed in under the old password)."""
    folded = fold_name(name)
    check_password(password, folded)
    password_hash = hash_password(password)
    when = when or now()
    with _write_lock, use_connection(db) as con:
        if accounts_sql.user(con, folded) is None:
            raise AccountError("unknown_user", name=name[:64])
        with transaction(con, tables=ACCOUNT_TABLES):
            accounts_sql.set_password(con, folded, password_hash, when)
            accounts_sql.add_audit(con, when, actor, "user_passwd", folded, None, channel)


def set_disabled(
    db: Database, name: str, disabled: bool = True, *, actor: str, channel: str = "app",
    when: datetime | None = None,
) -> None:  # fmt: skip
    """Disable (or enable again) an account; a disabled account cannot sign in and its
    open sessions end at their next click. The last active admin cannot be disabled."""
    folded = fold_name(name)
    when = when or now()
    with _write_lock, use_connection(db) as con:
        row = accounts_sql.user(con, folded)
        if row is None:
            raise AccountError("unknown_user", name=name[:64])
        if disabled and row.role == "admin" and not row.disabled and _active_admins(con) <= 1:
            raise AccountError("last_admin")
        with transaction(con, tables=ACCOUNT_TABLES):
            accounts_sql.set_disabled(con, folded, disabled, when)
            action = "user_disable" if disabled else "user_enable"
            accounts_sql.add_audit(con, when, actor, action, folded, None, channel)


def _active_admins(con: Connection) -> int:
    return sum(1 for _, role, _, disabled, _, _ in accounts_sql.sessions_view(con)
               if role == "admin" and not disabled)  # fmt: skip


def list_users(db: Database) -> pd.DataFrame:
    """Every account without its hash (see :func:`accounts_sql.list_users`)."""
    with use_connection(db) as con:
        return accounts_sql.list_users(con)


def has_accounts(db: Database) -> bool:
    """Whether any account exists; while none does the app runs in local mode."""
    with use_connection(db) as con:
        return accounts_sql.count_users(con) > 0


def audit_log(db: Database, limit: int | None = None) -> pd.DataFrame:
    """The audit log, newest first (see :func:`accounts_sql.audit_log`)."""
    with use_connection(db) as con:
        return accounts_sql.audit_log(con, limit)


def record(
    db: Database, actor: str, action: str, target: str | None = None, detail: str | None = None,
    *, channel: str = "app", when: datetime | None = None,
) -> None:  # fmt: skip
    """Write one line to the audit log (sign-out, a session that expired)."""
    with use_connection(db) as con, transaction(con, tables=ACCOUNT_TABLES):
        accounts_sql.add_audit(con, when or now(), actor, action, target, detail, channel)


# --- signing in --------------------------------------------------------------------------


@dataclass(frozen=True)
class SignIn:
    """The outcome of one attempt. ``account`` is None when refused; why is kept in the
    audit log only (``reason``), never shown."""

    account: Account | None
    reason: str  # ok, unknown, disabled, locked, wrong_password
    generation: int = 0  # the account's sign-in generation, which its session carries

    @property
    def ok(self) -> bool:
        return self.account is not None


def authenticate(
    db: Database, name: str, password: str, *, when: datetime | None = None,
    channel: str = "app",
) -> SignIn:  # fmt: skip
    """Check a name and password; count failures and lock after :data:`MAX_FAILURES`.

    Five wrong passwords in a row lock the account for :data:`LOCK_FOR`; while locked
    even the right password is refused (and does not extend the lock). A success
    clears the count.
    """
    when = when or now()
    folded = fold_name(name)
    password = password[:MAX_PASSWORD]
    with _write_lock, use_connection(db) as con:
        row = accounts_sql.user(con, folded) if NAME_PATTERN.fullmatch(folded) else None
        if row is None:
            _verify(_dummy_hash(), password)
            _audit(con, when, _unknown_actor(folded), "signin_failed", "unknown", channel)
            return SignIn(None, "unknown")
        matches = _verify(row.password_hash, password)
        locked = row.locked_until is not None and when < row.locked_until
        if row.disabled or locked:
            reason = "disabled" if row.disabled else "locked"
            _audit(con, when, folded, "signin_failed", reason, channel)
            return SignIn(None, reason)
        if not matches:
            failures = row.failed_count + 1
            lock = when + LOCK_FOR if failures >= MAX_FAILURES else None
            with transaction(con, tables=ACCOUNT_TABLES):
                accounts_sql.set_failures(con, folded, 0 if lock else failures, lock)
                accounts_sql.add_audit(con, when, folded, "signin_failed",
                                       None, f"wrong_password {failures}", channel)  # fmt: skip
                if lock:
                    accounts_sql.add_audit(con, when, folded, "lockout", None,
                                           f"until {lock:%Y-%m-%d %H:%M:%S}", channel)  # fmt: skip
            return SignIn(None, "wrong_password")
        with transaction(con, tables=ACCOUNT_TABLES):
            accounts_sql.set_failures(con, folded, 0, None)
            if HASHER.check_needs_rehash(row.password_hash):
                accounts_sql.rehash(con, folded, hash_password(password))
            accounts_sql.add_audit(con, when, folded, "signin", None, None, channel)
        account = Account(folded, row.role, split_bodies(row.bodies))
        return SignIn(account, "ok", row.session_generation)


def _audit(
    con: Connection, when: datetime, actor: str, action: str, detail: str,
    channel: str,
) -> None:  # fmt: skip
    with transaction(con, tables=ACCOUNT_TABLES):
        accounts_sql.add_audit(con, when, actor, action, None, detail, channel)


def _unknown_actor(folded: str) -> str:
    # People sometimes type their password into the name field: an unknown name is kept
    # only as a short fingerprint, enough to see repeated attempts.
    return "?" + hashlib.sha256(folded.encode()).hexdigest()[:10]


# --- sessions ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Session:
    """What a signed-in browser session keeps on the server (never a password)."""

    name: str
    role: str
    bodies: tuple[str, ...]
    signed_in_at: datetime
    last_seen: datetime
    sid: str = ""  # random; names the session in its cookie and when it is signed out
    generation: int = 0  # the account's sign-in generation when it signed in


def new_session(account: Account, when: datetime, generation: int = 0) -> Session:
    """A session just signed in as ``account`` (of sign-in ``generation``)."""
    return Session(
        account.name, account.role, account.bodies, when, when, secrets.token_hex(16), generation
    )


def session_state(
    session: Session,
    accounts: dict[str, tuple[str, str, bool, datetime, int]],
    when: datetime,
    ended: Collection[str] = (),
) -> str:
    """``ok``, or why the session ends: ``signed_out`` (its id is in ``ended``), ``idle``
    (over :data:`IDLE_LIMIT` without a click), ``gone`` (account removed or disabled),
    ``changed`` (role, bodies or password changed since signing in, or the account was
    disabled meanwhile: its generation moved on). ``accounts`` maps name to (role,
    bodies, disabled, password changed, generation)."""
    if session.sid and session.sid in ended:
        return "signed_out"
    if when - session.last_seen > IDLE_LIMIT:
        return "idle"
    stored = accounts.get(session.name)
    if stored is None or stored[2]:
        return "gone"
    role, bodies, _, password_changed, generation = stored
    if (
        role != session.role
        or split_bodies(bodies) != session.bodies
        or password_changed > session.signed_in_at
        or generation != session.generation
    ):
        return "changed"
    return "ok"


def sign_out(db: Database, session: Session, when: datetime | None = None) -> None:
    """End ``session``: its cookie signs nobody in any more; written to the audit log."""
    when = when or now()
    with use_connection(db) as con, transaction(con, tables=ACCOUNT_TABLES):
        if session.sid:
            accounts_sql.end_session(con, session.sid, when, when - IDLE_LIMIT)
        accounts_sql.add_audit(con, when, session.name, "signout", None, None, "app")


def ended_sessions(db: Database, when: datetime | None = None) -> frozenset[str]:
    """Ids of the sessions signed out within the idle limit (older ones have expired)."""
    with use_connection(db) as con:
        return frozenset(accounts_sql.ended_sessions(con, (when or now()) - IDLE_LIMIT))


def sessions_view(db: Database) -> dict[str, tuple[str, str, bool, datetime, int]]:
    """Every account's role, bodies, disabled flag, last password change and sign-in
    generation, by name: what :func:`session_state` checks a signed-in session against."""
    with use_connection(db) as con:
        return {n: (r, b, d, p, g) for n, r, b, d, p, g in accounts_sql.sessions_view(con)}


# --- tables for the admin page -----------------------------------------------------------


def _stamp(value: object) -> str:
    if value is None or pd.isna(value):
        return ""
    return f"{pd.Timestamp(value):%d/%m/%Y %H:%M}"


def _text_or_blank(value: object) -> str:
    return "" if value is None or pd.isna(value) else str(value)


def _bodies_shown(role: str, bodies: str, body: object, language: str) -> str:
    from analytics.labels import text

    if role == "official":
        return _text_or_blank(body)
    return bodies.replace(",", ", ") if bodies else text("every_body", language)


def user_rows(
    users: pd.DataFrame, language: str = "vi", when: datetime | None = None
) -> pd.DataFrame:
    """The accounts as the admin page lists them (never a hash)."""
    from analytics.labels import text

    when = when or now()

    def state(disabled: bool, locked_until: object) -> str:
        if disabled:
            return text("state_disabled", language)
        if (
            locked_until is not None
            and not pd.isna(locked_until)
            and pd.Timestamp(locked_until) > when
        ):
            return text("state_locked", language, when=_stamp(locked_until))
        return text("state_enabled", language)

    return pd.DataFrame({
        text("col_account", language): users["name"],
        text("role", language): [role_name(r, language) for r in users["role"]],
        text("col_bodies", language): [
            _bodies_shown(role, bodies, body, language)
            for role, bodies, body in zip(
                users["role"], users["bodies"], users["body_code"], strict=True
            )
        ],
        text("position", language): [_text_or_blank(p) for p in users["position"]],
        text("col_email", language): [_text_or_blank(e) for e in users["email"]],
        text("col_state", language): [
            state(d, lu) for d, lu in zip(users["disabled"], users["locked_until"], strict=True)
        ],
        text("col_created", language): [_stamp(v) for v in users["created_at"]],
        text("col_updated", language): [_stamp(v) for v in users["updated_at"]],
    })  # fmt: skip


def audit_rows(log: pd.DataFrame, language: str = "vi") -> pd.DataFrame:
    """The audit log as the admin page shows it and its CSV holds."""
    from analytics.labels import LABELS, text

    def action(code: str) -> str:
        key = f"audit_{code}"
        return text(key, language) if key in LABELS else code

    def actor(name: str) -> str:
        return text("local_actor", language) if name == LOCAL_ACTOR else name

    return pd.DataFrame({
        text("col_when", language): [_stamp(v) for v in log["occurred_at"]],
        text("col_actor", language): [actor(a) for a in log["actor"]],
        text("col_action", language): [action(a) for a in log["action"]],
        text("col_target", language): log["target"].fillna(""),
        text("col_detail", language): log["detail"].fillna(""),
        text("col_channel", language): [
            "" if c is None or pd.isna(c) else text(f"channel_{c}", language)
            for c in log["channel"]
        ],
    })  # fmt: skip
