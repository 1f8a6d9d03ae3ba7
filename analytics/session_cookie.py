"""The sign-in a browser keeps across reloads: a signed cookie, and the key that signs it.

A signed-in session is written to a cookie as ``v1.<payload>.<signature>``: the payload is
the account name, role and bodies, when the session began, when it was last seen, a
random session id and the account's sign-in generation (base64url JSON); the signature
is HMAC-SHA256 under the server's key. A reload or a new tab reads it back; the page
then checks it like any session (eight hours idle, the account disabled or changed, the
session signed out: see ``accounts.session_state``), so the cookie proves only who
signed in and when.

The key comes from ``TRACKER_COOKIE_KEY`` or, when unset, from a file next to the
database (``tracker.cookie-key`` beside ``tracker.duckdb``), made with 32 random bytes on
first use, readable by its owner only, and git-ignored. Changing the key signs everyone out.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import json
import os
import secrets
from datetime import datetime
from pathlib import Path

from analytics.accounts import Session
from analytics.store.address import is_url

COOKIE_NAME = "hdnd_phien"
KEY_ENV = "TRACKER_COOKIE_KEY"
MIN_KEY_LENGTH = 32
MAX_TOKEN_LENGTH = 2048  # a longer cookie is not ours
_VERSION = "v1"


class CookieKeyError(ValueError):
    """The key given in the environment is too short to sign anything with."""


def key_path(db_path: Path | str) -> Path:
    """Where the key of the store at ``db_path`` is kept when the environment has none:
    beside a database file; for a PostgreSQL URL, in the user's configuration folder
    (``~/.config/tracker``, owner-only). Processes on several machines share one key only
    through ``TRACKER_COOKIE_KEY``."""
    if not is_url(str(db_path)):
        return Path(db_path).with_suffix(".cookie-key")
    folder = Path(os.environ.get("XDG_CONFIG_HOME") or Path.home() / ".config") / "tracker"
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    digest = hashlib.sha256(db_path.encode("utf-8")).hexdigest()[:16]
    return folder / f"cookie-{digest}.key"


def cookie_key(db_path: Path | str) -> bytes:
    """The key that signs sign-in cookies (made on first use when none exists)."""
    given = os.environ.get(KEY_ENV, "").strip()
    if given:
        if len(given) < MIN_KEY_LENGTH:
            raise CookieKeyError(
                f"{KEY_ENV} phải dài ít nhất {MIN_KEY_LENGTH} ký tự "
                f"({KEY_ENV} must be at least {MIN_KEY_LENGTH} characters long)."
            )
        return given.encode("utf-8")
    path = key_path(db_path)
    try:
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return _read_key(path)
    with os.fdopen(descriptor, "w", encoding="ascii") as file:
        file.write(secrets.token_hex(32) + "\n")
    return _read_key(path)


def _read_key(path: Path) -> bytes:
    key = path.read_text(encoding="ascii").strip()
    if len(key) < MIN_KEY_LENGTH:  # a file half-written by another process this moment
        raise CookieKeyError(f"{path}: khoá quá ngắn (the key is too short).")
    return key.encode("ascii")


def encode(session: Session, key: bytes) -> str:
    """The cookie value for ``session``."""
    payload = {
        "n": session.name, "r": session.role, "b": list(session.bodies),
        "i": session.signed_in_at.isoformat(), "s": session.last_seen.isoformat(),
        "id": session.sid, "g": session.generation,
    }  # fmt: skip
    body = base64.urlsafe_b64encode(json.dumps(payload, separators=(",", ":")).encode())
    text = f"{_VERSION}.{body.decode('ascii').rstrip('=')}"
    return f"{text}.{_signature(text, key)}"


def decode(value: str | None, key: bytes) -> Session | None:
    """The session a cookie value carries, or None when it is missing, malformed or not
    signed with ``key``. Whether the session may still be used is for the caller to check."""
    if not value or len(value) > MAX_TOKEN_LENGTH:
        return None
    text, _, signature = value.rpartition(".")
    version, _, body = text.partition(".")
    if version != _VERSION or not hmac.compare_digest(signature, _signature(text, key)):
        return None
    try:
        payload = json.loads(base64.urlsafe_b64decode(body + "=" * (-len(body) % 4)))
        session = Session(
            str(payload["n"]), str(payload["r"]), tuple(str(b) for b in payload["b"]),
            datetime.fromisoformat(payload["i"]), datetime.fromisoformat(payload["s"]),
            str(payload["id"]), int(payload.get("g", 0)),
        )  # fmt: skip
    except (binascii.Error, ValueError, KeyError, TypeError):
        return None
    return session if session.sid else None


def _signature(text: str, key: bytes) -> str:
    return hmac.new(key, text.encode("ascii"), hashlib.sha256).hexdigest()
