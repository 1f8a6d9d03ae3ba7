"""Who may send a file to Streamlit's upload endpoint (checked before its body is read)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from argon2 import PasswordHasher

from analytics import accounts, session_cookie
from analytics.store.connection import open_db
from analytics.upload_gate import may_upload

PASSWORD = "Ngua-Sat-2026-Long"  # a test password, never a real one


@pytest.fixture(autouse=True)
def cheap_hashes(monkeypatch):
    monkeypatch.setattr(accounts, "HASHER", PasswordHasher(time_cost=1, memory_cost=1024))


def cookie(db, name: str, role: str, when) -> str:
    session = accounts.new_session(accounts.Account(name, role), when)
    return session_cookie.encode(session, session_cookie.cookie_key(db))


def test_local_mode_lets_only_this_machine_upload(tmp_path):
    db = tmp_path / "local.duckdb"
    assert may_upload(None, db, local_request=True)  # no database yet
    assert not may_upload(None, db, local_request=False)
    with open_db(db, create=True):
        pass
    assert may_upload(None, db, local_request=True)
    assert not may_upload(None, db, local_request=False)  # another machine, or a proxy


def test_only_a_live_session_whose_role_may_import(tmp_path):
    db = tmp_path / "a.duckdb"
    with open_db(db, create=True):
        pass
    for role in ("staff", "analyst", "admin"):
        accounts.add_user(db, f"tk.{role}", role, PASSWORD, actor="test")
    now = accounts.now()
    staff, admin = cookie(db, "tk.staff", "staff", now), cookie(db, "tk.admin", "admin", now)
    assert may_upload(staff, db, local_request=False, when=now)
    assert may_upload(admin, db, local_request=True, when=now)
    # Refused: no cookie (even on this machine), a forged one, a role that may not import,
    # a session idle over 8 hours, an account disabled since.
    assert not may_upload(None, db, local_request=True, when=now)
    assert not may_upload("v1.e30." + "0" * 64, db, local_request=False, when=now)
    analyst = cookie(db, "tk.analyst", "analyst", now)
    assert not may_upload(analyst, db, local_request=False, when=now)
    late = now + accounts.IDLE_LIMIT + timedelta(seconds=1)
    assert not may_upload(staff, db, local_request=False, when=late)
    accounts.set_disabled(db, "tk.staff", actor="test")
    assert not may_upload(staff, db, local_request=False, when=now)


def test_a_store_that_stays_busy_refuses_the_upload_instead_of_failing(monkeypatch, tmp_path):
    from analytics.store.connection import DatabaseBusy
    from ui import http_guard

    def busy(*args, **kwargs):
        raise DatabaseBusy(tmp_path / "busy.duckdb", 10)

    monkeypatch.setattr(http_guard, "may_upload", busy)
    scope = {"type": "http", "headers": [], "client": ("127.0.0.1", 5000)}
    assert http_guard._allowed(scope) is False
