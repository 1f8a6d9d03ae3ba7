"""The Quản trị page's account form: the official role with its body and position, and an
e-mail for every role."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from argon2 import PasswordHasher
from streamlit.testing.v1 import AppTest

from analytics import accounts
from tests.conftest import ROOT
from tests.pages.helpers import empty_database
from ui import auth

PASSWORD = "Ngua-Sat-2026-Long"  # a test password, never a real one
SUBMIT = "FormSubmitter:add_account-Tạo tài khoản"


@pytest.fixture
def admin_page(tmp_path, monkeypatch) -> tuple[AppTest, Path]:
    monkeypatch.setattr(accounts, "HASHER", PasswordHasher(time_cost=1, memory_cost=1024))
    db = empty_database(tmp_path / "admin.duckdb")
    monkeypatch.setenv("TRACKER_DB", str(db))
    accounts.add_user(db, "quantri", "admin", PASSWORD, actor="test")
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=90)
    now = accounts.now()
    at.session_state[auth.SESSION_KEY] = accounts.Session("quantri", "admin", (), now, now)
    at.run()
    at.switch_page("pages/audit.py").run()
    assert not at.exception, at.exception
    return at, db


def shown(markdown: str) -> str:
    """A message as read on screen (user text in it is escaped, so it stays inert)."""
    return markdown.replace("\\", "")


def _fill(at: AppTest, name: str, role: str, body: str | None, position: str | None,
          email: str) -> AppTest:  # fmt: skip
    at.text_input(key="new_name").input(name)
    at.selectbox(key="new_role").set_value(role)
    at.selectbox(key="new_official_body").set_value(body)
    at.selectbox(key="new_position").set_value(position)
    at.text_input(key="new_email").input(email)
    at.text_input(key="new_password").input(PASSWORD)
    at.text_input(key="new_again").input(PASSWORD)
    at.button(key=SUBMIT).click().run()
    assert not at.exception, at.exception
    return at


def test_the_form_offers_the_official_role_with_a_body_and_a_position(admin_page):
    at, _ = admin_page
    assert "Cán bộ, công chức được giao nhiệm vụ" in at.selectbox(key="new_role").options
    assert "Ban Kinh tế - Ngân sách" in at.selectbox(key="new_official_body").options
    assert "Trưởng ban" in at.selectbox(key="new_position").options
    _fill(at, "cb.ktns", "official", "KTNS", "Trưởng ban", "CB.Ktns@Tinh.VN")
    assert [shown(s.value) for s in at.success] == ["Đã tạo tài khoản cb.ktns."]
    table = at.dataframe[0].value.set_index("Tên đăng nhập")
    assert table.loc["cb.ktns", ["Vai trò", "Cơ quan", "Chức danh", "Thư điện tử"]].tolist() == [
        "Cán bộ, công chức được giao nhiệm vụ", "KTNS", "Trưởng ban", "cb.ktns@tinh.vn",
    ]  # fmt: skip
    assert table.loc["quantri", ["Cơ quan", "Chức danh", "Thư điện tử"]].tolist() == [
        "Mọi cơ quan", "", "",
    ]  # fmt: skip


def test_an_official_without_a_position_is_refused_in_place(admin_page):
    at, db = admin_page
    _fill(at, "cb.ktns", "official", "KTNS", None, "")
    assert [shown(e.value) for e in at.error] == [
        "Tài khoản vai trò official phải có chức danh (--position)."
    ]
    assert accounts.list_users(db)["name"].tolist() == ["quantri"]


def test_the_admin_changes_an_accounts_email_and_reminder_choice(admin_page):
    at, db = admin_page
    accounts.add_user(db, "vanthu", "staff", PASSWORD, email="vt@tinh.vn", actor="test")
    at.run()
    mail = "FormSubmitter:account_mail-Lưu"

    at.selectbox(key="mail_name").set_value("vanthu")
    at.text_input(key="mail_address").input("Van.Thu@Tinh.VN")
    at.radio(key="mail_reminders").set_value("off")
    at.button(key=mail).click().run()
    row = accounts.list_users(db).set_index("name").loc["vanthu"]
    assert (row["email"], bool(row["reminders"])) == ("van.thu@tinh.vn", False)

    # An empty address keeps the stored one; "Xóa địa chỉ thư" removes it.
    at.selectbox(key="mail_name").set_value("vanthu")
    at.radio(key="mail_reminders").set_value("on")
    at.button(key=mail).click().run()
    row = accounts.list_users(db).set_index("name").loc["vanthu"]
    assert (row["email"], bool(row["reminders"])) == ("van.thu@tinh.vn", True)
    at.selectbox(key="mail_name").set_value("vanthu")
    at.checkbox(key="mail_remove").check()
    at.button(key=mail).click().run()
    assert pd.isna(accounts.list_users(db).set_index("name").loc["vanthu"]["email"])

    # A bad address is refused in place, nothing changed.
    at.selectbox(key="mail_name").set_value("vanthu")
    at.text_input(key="mail_address").input("khong-phai-thu")
    at.button(key=mail).click().run()
    assert at.error
