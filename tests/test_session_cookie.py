"""The sign-in cookie: what it carries, who can make one, the key, signing out."""

from __future__ import annotations

import base64
import stat
import subprocess
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from analytics import accounts, session_cookie
from analytics.session_cookie import CookieKeyError, cookie_key, decode, encode
from analytics.store.connection import open_db
from tests.conftest import ROOT

KEY = b"k" * 32
T0 = datetime(2026, 11, 2, 8, 0, 0)
SESSION = accounts.Session("thuky", "staff", ("KTNS", "VP"), T0, T0 + timedelta(hours=2), "ab12")
STORED = {"thuky": ("staff", "KTNS,VP", False, T0 - timedelta(days=1), 0)}


def test_a_cookie_gives_back_the_session_it_was_made_from():
    assert decode(encode(SESSION, KEY), KEY) == SESSION


def test_a_changed_forged_or_foreign_cookie_gives_nothing():
    value = encode(SESSION, KEY)
    version, payload, signature = value.split(".")
    as_admin = encode(accounts.Session("thuky", "admin", (), T0, T0, "ab12"), KEY).split(".")[1]
    assert decode(f"{version}.{as_admin}.{signature}", KEY) is None  # payload swapped
    assert decode(f"{version}.{payload}.{'0' * 64}", KEY) is None  # signature made up
    assert decode(value, b"x" * 32) is None  # signed with another server's key
    assert decode(f"v2.{payload}.{signature}", KEY) is None
    for junk in ("", "abc", "v1..", "v1.!!!." + "0" * 64, "v1." + "A" * 3000):
        assert decode(junk, KEY) is None, junk


def test_a_cookie_carries_the_sign_in_generation_and_an_older_one_reads_as_zero():
    later = accounts.Session("thuky", "staff", (), T0, T0, "ab12", 3)
    assert decode(encode(later, KEY), KEY).generation == 3
    # A cookie written before generations existed: the payload has no "g" (made by hand).
    text = "v1." + base64.urlsafe_b64encode(
        b'{"n":"thuky","r":"staff","b":[],"i":"2026-11-02T08:00:00",'
        b'"s":"2026-11-02T08:00:00","id":"ab12"}'
    ).decode().rstrip("=")
    old = decode(f"{text}.{session_cookie._signature(text, KEY)}", KEY)
    assert old == accounts.Session("thuky", "staff", (), T0, T0, "ab12", 0)


def test_a_cookie_without_a_session_id_gives_nothing():
    no_id = accounts.Session("thuky", "staff", (), T0, T0, "")
    assert decode(encode(no_id, KEY), KEY) is None


def test_the_key_is_made_once_beside_the_database_for_its_owner_only(tmp_path, monkeypatch):
    monkeypatch.delenv(session_cookie.KEY_ENV, raising=False)
    db = tmp_path / "tracker.duckdb"
    first = cookie_key(db)
    path = tmp_path / "tracker.cookie-key"
    assert path.exists() and len(first) == 64  # 32 random bytes in hex
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert cookie_key(db) == first
    assert cookie_key(tmp_path / "other.duckdb") != first


def test_the_key_file_is_never_committed():
    ignored = subprocess.run(
        ["git", "check-ignore", "-q", "data/tracker.cookie-key"], cwd=ROOT, check=False
    )
    assert ignored.returncode == 0


def test_the_environment_key_wins_and_must_be_long(tmp_path, monkeypatch):
    monkeypatch.setenv(session_cookie.KEY_ENV, "s" * 40)
    assert cookie_key(tmp_path / "t.duckdb") == b"s" * 40
    assert not (tmp_path / "t.cookie-key").exists()
    monkeypatch.setenv(session_cookie.KEY_ENV, "short")
    with pytest.raises(CookieKeyError, match="32"):
        cookie_key(tmp_path / "t.duckdb")


def test_a_signed_out_session_stays_out_for_the_idle_limit(tmp_path: Path):
    db = tmp_path / "a.duckdb"
    with open_db(db, create=True):
        pass
    when = T0 + timedelta(hours=3)
    assert accounts.session_state(SESSION, STORED, when, accounts.ended_sessions(db, when)) == "ok"
    accounts.sign_out(db, SESSION, when)
    ended = accounts.ended_sessions(db, when + timedelta(minutes=1))
    assert ended == {"ab12"}
    assert accounts.session_state(SESSION, STORED, when, ended) == "signed_out"
    log = accounts.audit_log(db)
    assert list(zip(log["actor"], log["action"], strict=True)) == [("thuky", "signout")]
    # Eight hours later the mark is dropped: by then the cookie has expired anyway.
    later = when + accounts.IDLE_LIMIT + timedelta(minutes=1)
    assert accounts.ended_sessions(db, later) == frozenset()
    assert accounts.session_state(SESSION, STORED, later, frozenset()) == "idle"
