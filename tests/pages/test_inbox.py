"""The inbox page: the reminders an account was sent, its unread count in the navigation,
and marking a message read."""

from __future__ import annotations

from datetime import date

import pytest
from argon2 import PasswordHasher
from streamlit.testing.v1 import AppTest

from analytics import accounts
from analytics.reminders.run import remind
from tests.conftest import ROOT, copy_demo
from ui import auth, inbox_view

PASSWORD = "Ngua-Sat-2026-Long"  # a test password, never a real one


@pytest.fixture(autouse=True)
def cheap_hashes(monkeypatch):
    monkeypatch.setattr(accounts, "HASHER", PasswordHasher(time_cost=1, memory_cost=1024))
    monkeypatch.setattr(accounts, "_dummy", [])


def signed_in(name: str, role: str) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=90)
    now = accounts.now()
    at.session_state[auth.SESSION_KEY] = accounts.Session(name, role, (), now, now)
    return at.run()


def test_an_official_reads_its_reminders_and_marks_one_read(demo_db, tmp_path, monkeypatch):
    path = copy_demo(demo_db, tmp_path / "inbox.duckdb")
    monkeypatch.setenv("TRACKER_DB", str(path))
    monkeypatch.delenv("TRACKER_SMTP_HOST", raising=False)
    accounts.add_user(path, "truongban.dt", "official", PASSWORD, body="DT",
                      position="Trưởng ban", actor="test")  # fmt: skip
    accounts.add_user(path, "khac", "analyst", PASSWORD, actor="test")
    # 15/10/2026: the demo's Ethnic Affairs head has open tasks; whatever their items, the
    # run puts one message in this account's inbox (no SMTP: the inbox only).
    result = remind(path, date(2026, 10, 15))
    mine = [m for m in result.messages if m.user == "truongban.dt"]
    assert len(mine) == 1 and mine[0].email is None
    items = mine[0].items

    official = accounts.Account("truongban.dt", "official", body="DT", position="Trưởng ban")
    # AppTest does not expose the navigation: its title for the inbox is asked directly.
    assert inbox_view.navigation_title(official, "vi") == "Hộp thư (1)"
    at = signed_in("truongban.dt", "official")
    at.switch_page("pages/inbox.py").run()
    assert not at.exception
    assert at.title[0].value == "Hộp thư"
    (box,) = at.expander
    shown = box.label.replace("\\", "")  # the label is inert: its colons escaped
    assert shown.startswith(f"● Nhắc việc ngày 15/10/2026: {len(items)} việc cần anh/chị xử lý")
    assert len(box.get("page_link")) == len(items)  # one link to its task page per item
    at.button(key="inbox_1").click().run()
    assert not at.expander[0].label.startswith("●")
    assert inbox_view.navigation_title(official, "vi") == "Hộp thư"
    # The account turns its reminder e-mails off itself; the inbox stays.
    assert at.toggle(key="my_reminders").value is True
    at.toggle(key="my_reminders").set_value(False).run()
    assert accounts.reminder_choice(path, "truongban.dt") is False
    assert len(at.expander) == 1

    other = signed_in("khac", "analyst")
    other.switch_page("pages/inbox.py").run()
    assert [i.value for i in other.info] == ["Chưa có thư nào."]
