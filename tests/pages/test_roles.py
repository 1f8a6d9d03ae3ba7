"""Roles under AppTest: every role × page × action allowed or refused, signing in and out,
the idle limit, the lockout, local mode and its end when the first account is made."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import duckdb
import pytest
from argon2 import PasswordHasher
from streamlit.testing.v1 import AppTest

from analytics import accounts
from analytics.importing import import_file
from tests.conftest import ROOT, copy_demo
from tests.importing.helpers import PROGRESS_HEADER, csv_bytes
from ui import auth

PASSWORD = "Ngua-Sat-2026-Long"  # a test password, never a real one
ROLES = ("committee", "analyst", "staff", "admin", "official")
PAGES = {
    "overview": "pages/overview.py",
    "analysis": "pages/analysis.py",
    "tasks": "pages/tasks.py",
    "method": "pages/method.py",
    "upload": "pages/upload.py",
    "imports": "pages/imports.py",
    "cascade": "pages/cascade.py",
    "appraisal": "pages/appraisal.py",
    "admin": "pages/audit.py",
}
TITLES = {
    "analysis": "Phân tích", "tasks": "Nhiệm vụ", "method": "Cách tính", "upload": "Tải lên",
    "imports": "Lịch sử nhập", "admin": "Quản trị",
}  # fmt: skip
# The decision, written out by hand: which role may open which page...
MAY_OPEN = {
    "committee": {"overview", "analysis", "tasks", "method", "imports", "cascade", "appraisal"},
    "analyst": {"overview", "analysis", "tasks", "method", "imports", "cascade", "appraisal"},
    "staff": {"overview", "tasks", "method", "upload", "imports", "cascade", "appraisal"},
    "admin": set(PAGES),
    "official": {"overview", "analysis", "tasks", "method", "imports", "cascade", "appraisal"},
}
# ... and do which action.
MAY_DO = {
    "committee": {"view", "export"},
    "analyst": {"view", "export"},
    "staff": {"view", "upload", "undo"},
    "admin": {"view", "export", "upload", "undo", "manage_accounts"},
    "official": {"view"},
}
REFUSED = "không được mở trang này"
# DP01-GD belongs to Thường trực (TT), DP05-GD to Ban Dân tộc (DT).
TT_FILE = csv_bytes([PROGRESS_HEADER[:3], ["DP01-GD", "01/02/2024", "5"]])
DT_FILE = csv_bytes([PROGRESS_HEADER[:3], ["DP01-GD", "02/02/2024", "6"],
                     ["DP05-GD", "02/02/2024", "6"]])  # fmt: skip


@pytest.fixture(autouse=True)
def cheap_hashes(monkeypatch):
    monkeypatch.setattr(accounts, "HASHER", PasswordHasher(time_cost=1, memory_cost=1024))
    monkeypatch.setattr(accounts, "_dummy", [])


@pytest.fixture
def db(demo_db, tmp_path, monkeypatch) -> Path:
    """The demo with one account per role (staff limited to TT) and one import by someone else."""
    path = copy_demo(demo_db, tmp_path / "roles.duckdb")
    monkeypatch.setenv("TRACKER_DB", str(path))
    for role in ROLES:
        bodies = ("TT",) if role == "staff" else ()
        place = {"body": "KTNS", "position": "Trưởng ban"} if role == "official" else {}
        accounts.add_user(path, f"tk.{role}", role, PASSWORD, bodies, actor="test", **place)
    assert import_file(TT_FILE, path, file_name="cu.csv", user="nguoi.khac").ok
    return path


def app(signed_in_as: str | None = None, role: str | None = None) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=90)
    if signed_in_as is not None:
        now = accounts.now()
        bodies = ("TT",) if role == "staff" else ()
        at.session_state[auth.SESSION_KEY] = accounts.Session(signed_in_as, role, bodies, now, now)
    return at.run()


def go(at: AppTest, page: str) -> AppTest:
    at.switch_page(PAGES[page]).run()
    assert not at.exception, at.exception
    return at


def refused(at: AppTest) -> bool:
    return any(REFUSED in e.value for e in at.error)


def on_sign_in_form(at: AppTest) -> bool:
    return any(b.label == "Đăng nhập" for b in at.button) and not at.sidebar.button


def count(db: Path, sql: str) -> int:
    with duckdb.connect(str(db)) as con:
        return con.execute(sql).fetchall()[0][0]


@pytest.mark.parametrize("role", ROLES)
def test_role_by_page_by_action(db, role):
    name = f"tk.{role}"
    at = app(name, role)
    done: set[str] = set()
    for page in PAGES:
        go(at, page)
        assert refused(at) == (page not in MAY_OPEN[role]), (role, page)
        if page in TITLES and not refused(at):
            assert at.title[0].value == TITLES[page], (role, page)
        downloads = {b.proto.id: b for b in at.get("download_button")}
        if page == "overview" and not refused(at):
            assert at.metric, role
            done.add("view")
            reports = len([d for d in downloads.values() if "báo cáo" in d.proto.label])
            assert reports == (2 if "export" in MAY_DO[role] else 0), role
        if page == "analysis" and downloads:
            done.add("export")
        entry = [b for b in at.button if b.key and b.key.startswith("FormSubmitter:nhap_danh_gia")]
        if page == "appraisal":
            assert bool(entry) == ("upload" in MAY_DO[role]), role  # rating entry writes data
        if page == "upload" and at.file_uploader:
            at.file_uploader[0].set_value(("td.csv", TT_FILE.replace(b"01/02", b"03/02"),
                                           "text/csv")).run()  # fmt: skip
            assert not at.text_input, "a signed-in account is not asked for a name"
            at.button(key="confirm").click().run()
            assert count(db, f"SELECT count(*) FROM imports WHERE user_name = '{name}'") == 1
            done.add("upload")
        if page == "imports" and not refused(at):
            undo = [b for b in at.button if b.key == "undo_chosen"]
            if undo:
                choices = at.selectbox(key="undo_choice").options
                own = [c for c in choices if "td.csv" in c]
                # Staff may undo only their own import; admin every one.
                assert len(choices) == (1 if role == "staff" else 2), choices
                at.selectbox(key="undo_choice").set_value(
                    int(own[0].split()[1]) if own else 1
                ).run()
                at.button(key="undo_chosen").click().run()
                assert any("Đã hoàn tác" in s.value for s in at.success), role
                done.add("undo")
        if page == "admin" and not refused(at):
            at.text_input(key="new_name").input("tk.moi")
            at.selectbox(key="new_role").set_value("analyst")
            at.text_input(key="new_password").input(PASSWORD + "-2")
            at.text_input(key="new_again").input(PASSWORD + "-2")
            at.button(key="FormSubmitter:add_account-Tạo tài khoản").click().run()
            assert any("Đã tạo tài khoản" in s.value for s in at.success)
            assert count(db, "SELECT count(*) FROM users WHERE name = 'tk.moi'") == 1
            assert at.get("download_button")  # the audit log's CSV
            done.add("manage_accounts")
    assert done == MAY_DO[role]


def test_hidden_pages_are_left_out_of_the_navigation(db):
    # The navigation lists for staff neither the analysis nor the admin page.
    at = app("tk.staff", "staff")
    assert not at.exception
    # AppTest does not expose the navigation; the role table decides it (ui.auth.visibility).
    staff = accounts.Account("tk.staff", "staff")
    assert auth.visibility(staff, "analysis") == "hidden"
    assert auth.visibility(staff, "upload") == "visible"
    assert auth.visibility(None, "overview") == "hidden"


@pytest.mark.parametrize("page", PAGES)
def test_signed_out_every_page_shows_the_sign_in_form(db, page):
    at = app()
    go(at, page)
    assert on_sign_in_form(at), page
    assert not at.metric and not at.file_uploader and not at.get("download_button")


def sign_in(at: AppTest, name: str, password: str) -> AppTest:
    round_ = at.session_state[auth.ROUND_KEY]
    at.text_input(key=f"signin_name_{round_}").input(name)
    at.text_input(key=f"signin_password_{round_}").input(password)
    at.button[0].click().run()
    assert not at.exception, at.exception
    return at


def test_signing_in_through_the_form_then_out(db):
    at = go(app(), "analysis")  # a link to the analysis page, opened signed out
    sign_in(at, "TK.Analyst", PASSWORD)
    assert at.title[0].value == "Phân tích"  # the page the link named
    assert any("tk.analyst" in c.value.replace("\\", "") for c in at.sidebar.caption)
    assert count(db, "SELECT count(*) FROM audit WHERE action = 'signin'") == 1
    at.sidebar.button(key="signout").click().run()
    assert on_sign_in_form(at)
    assert any("Đã đăng xuất" in s.value for s in at.success)
    assert count(db, "SELECT count(*) FROM audit WHERE action = 'signout'") == 1


def test_the_form_never_tells_whether_a_name_exists_and_locks_after_five(db):
    at = app()
    messages = []
    for name in ("khong.co", "tk.analyst"):
        sign_in(at, name, "sai-mat-khau-x")
        messages.append([e.value for e in at.error])
    assert messages[0] == messages[1] and "không đúng" in messages[0][0]
    for _ in range(4):
        sign_in(at, "tk.analyst", "sai-mat-khau-x")
    sign_in(at, "tk.analyst", PASSWORD)  # locked: the right password is refused too
    assert on_sign_in_form(at) and [e.value for e in at.error] == messages[0]
    assert count(db, "SELECT count(*) FROM audit WHERE action = 'lockout'") == 1
    assert count(db, "SELECT count(*) FROM users WHERE locked_until IS NOT NULL") == 1


def test_one_address_trying_many_names_is_held_back(db, monkeypatch):
    from analytics.throttle import FailureThrottle

    monkeypatch.setattr(auth, "THROTTLE", FailureThrottle(limit=3))
    monkeypatch.setattr(auth, "_client_address", lambda: "203.0.113.7")
    at = app()
    for name in ("tk.committee", "tk.analyst", "tk.staff"):  # one wrong password each
        sign_in(at, name, "sai-mat-khau-x")
    sign_in(at, "tk.admin", PASSWORD)  # right, but from an address that has used up its tries
    assert on_sign_in_form(at) and "không đúng" in at.error[0].value
    assert count(db, "SELECT count(*) FROM audit WHERE action = 'throttled' "
                     "AND actor = '203.0.113.7'") == 1  # fmt: skip
    assert count(db, "SELECT count(*) FROM audit WHERE action = 'signin'") == 0
    assert count(db, "SELECT count(*) FROM audit WHERE action = 'signin_failed'") == 3
    monkeypatch.setattr(auth, "_client_address", lambda: "203.0.113.8")  # another machine
    sign_in(at, "tk.admin", PASSWORD)
    assert not on_sign_in_form(at)


def test_a_session_ends_after_eight_hours_idle(db, monkeypatch):
    at = app("tk.committee", "committee")
    assert at.metric
    start = accounts.now()
    monkeypatch.setattr(accounts, "now", lambda: start + timedelta(hours=7, minutes=59))
    at.run()
    assert at.metric  # 7 h 59 min idle: still signed in; the click counts as activity
    later = start + timedelta(hours=7, minutes=59) + timedelta(hours=8, seconds=1)
    monkeypatch.setattr(accounts, "now", lambda: later)
    at.run()
    assert on_sign_in_form(at) and not at.metric
    assert any("không hoạt động quá 8 giờ" in i.value for i in at.info)
    assert count(db, "SELECT count(*) FROM audit WHERE action = 'session_end'") == 1


def test_disabling_an_account_ends_its_session(db):
    at = app("tk.analyst", "analyst")
    assert at.metric
    accounts.set_disabled(db, "tk.analyst", actor="test")
    at.run()
    assert on_sign_in_form(at)


def test_a_cookie_from_before_a_disable_stays_dead_after_enabling_again(db, monkeypatch):
    from analytics import session_cookie

    at = sign_in(app(), "tk.analyst", PASSWORD)
    cookie = session_cookie.encode(at.session_state[auth.SESSION_KEY], auth._cookie_key())
    monkeypatch.setattr(auth, "_cookies", lambda: {session_cookie.COOKIE_NAME: cookie})
    assert app().metric  # the cookie, copied into another tab, signs in
    accounts.set_disabled(db, "tk.analyst", actor="test")
    accounts.set_disabled(db, "tk.analyst", False, actor="test")
    assert on_sign_in_form(app())  # the same cookie after the account came back
    monkeypatch.setattr(auth, "_cookies", dict)
    at = sign_in(app(), "tk.analyst", PASSWORD)  # signing in again works
    assert at.metric and not on_sign_in_form(at)
    cookie = session_cookie.encode(at.session_state[auth.SESSION_KEY], auth._cookie_key())
    monkeypatch.setattr(auth, "_cookies", lambda: {session_cookie.COOKIE_NAME: cookie})
    assert app().metric  # and so does the new cookie


def test_staff_limited_to_a_body_cannot_import_for_another(db):
    at = go(app("tk.staff", "staff"), "upload")
    assert any("chỉ được nhập số liệu cho cơ quan: TT" in c.value for c in at.caption)
    at.file_uploader[0].set_value(("td.csv", DT_FILE, "text/csv")).run()
    table = at.dataframe[0].value
    assert table["Dòng"].tolist() == [3]  # DP05-GD belongs to Ban Dân tộc
    assert not [b for b in at.button if b.key == "confirm"]


def test_local_mode_banner_until_the_first_account_is_made(demo_db, tmp_path, monkeypatch):
    monkeypatch.setenv("TRACKER_DB", str(copy_demo(demo_db, tmp_path / "local.duckdb")))
    at = app()
    banner = [w.value for w in at.warning if "Chế độ máy cục bộ" in w.value]
    assert banner and "python -m analytics user add" in banner[0]
    go(at, "admin")  # whoever is on this machine is an administrator
    at.text_input(key="new_name").input("quantri")
    at.text_input(key="new_password").input(PASSWORD)
    at.text_input(key="new_again").input(PASSWORD)
    at.button(key="FormSubmitter:add_account-Tạo tài khoản").click().run()
    assert on_sign_in_form(at)  # the first account switches local mode off at once
    assert not [w for w in at.warning if "Chế độ máy cục bộ" in w.value]
    fresh = app()
    assert on_sign_in_form(fresh) and not fresh.metric
    sign_in(fresh, "quantri", PASSWORD)
    assert fresh.metric and not [w for w in fresh.warning if "Chế độ máy cục bộ" in w.value]


def test_local_mode_refuses_a_request_from_another_machine(demo_db, tmp_path, monkeypatch):
    monkeypatch.setenv("TRACKER_DB", str(copy_demo(demo_db, tmp_path / "local.duckdb")))
    monkeypatch.setattr(auth, "_local_client", lambda: False)
    at = app()
    assert any("chỉ mở được trên chính máy chủ" in e.value for e in at.error)
    assert not at.metric


def test_user_text_stays_inert_in_filter_chips_and_messages(tmp_path, monkeypatch):
    from analytics.store.connection import open_db

    path = tmp_path / "inert.duckdb"
    with open_db(path, create=True) as con:
        con.execute(
            "INSERT INTO tasks (id, code, title, body_code, position, official, area_code, "
            "period_label, assigned_on, due_on) VALUES (1, 'X1', 'Nhiệm vụ', 'TT', 'Trưởng ban', "
            "'[bấm](http://x.example)', 'giam_sat', '2021', DATE '2021-01-01', DATE '2021-12-31')"
        )
    monkeypatch.setenv("TRACKER_DB", str(path))
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=90)
    at.session_state["nguoi"] = ["[bấm](http://x.example)"]
    at.run()
    chips = [b.label for b in at.button if (b.key or "").startswith("chip_")]
    # Escaped, and a word joiner after "http:" so that no link starts there.
    assert chips and "\\[bấm\\]\\(http\\:\u2060//x\\.example\\)" in chips[0]
    at.query_params["ma"] = "[link](http://x.example)"
    go(at, "tasks")
    assert "\\[link\\]\\(http\\:\u2060//x\\.example\\)" in at.warning[-1].value


def test_the_sign_in_address_leads_a_signed_in_account_to_the_overview(db):
    at = app("tk.analyst", "analyst")
    at.switch_page("pages/signin.py").run()
    assert not at.exception, at.exception
    assert at.metric and not on_sign_in_form(at)
