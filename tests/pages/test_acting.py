"""Acting on tasks in the app, under AppTest: the task page's forms (only those the account
may use), a refusal in place, the timeline (newest first, user text inert), what waits for
whom on the overview, registering, and Giao việc's bulk assign. Three tests run on both
engines, the rest on a DuckDB file.

Every scenario is set by hand with ``actions.act``, its dates counted from today (the pages
read the real clock): a report 200 days old is before the current reporting quarter began
(a quarter is at most 92 days), a report dated today is within it.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from urllib.parse import parse_qs

import pytest
from argon2 import PasswordHasher
from streamlit.testing.v1 import AppTest

from analytics import accounts
from analytics.accounts import Account
from analytics.actions import act
from analytics.store import lookups
from analytics.store.connection import open_db
from tests.conftest import ROOT
from ui import auth

PASSWORD = "Ngua-Sat-2026-Long"  # a test password, never a real one
TODAY = date.today()
# What is checked here runs the same on both engines (a PostgreSQL store's reads and rules
# run on its DuckDB copy): a few tests run on both, the rest on a DuckDB file only.
ONE_ENGINE = pytest.mark.parametrize("engine", ["duckdb"])
ADMIN = Account("quan.tri", "admin")
COMMITTEE = Account("tt.hdnd", "committee")
ANALYST = Account("pt.vien", "analyst")
OFFICIAL = Account("ct.ktns", "official", body="KTNS", position="Trưởng ban")
OWN = ("KTNS", "Trưởng ban")
DAY_CELL = re.compile(r"\*\*(\d\d/\d\d/\d{4})\*\*")


def days(n: int) -> date:
    return TODAY + timedelta(days=n)


@pytest.fixture(autouse=True)
def cheap_hashes(monkeypatch):
    monkeypatch.setattr(accounts, "HASHER", PasswordHasher(time_cost=1, memory_cost=1024))
    monkeypatch.setattr(accounts, "_dummy", [])


@pytest.fixture
def store(empty_store, monkeypatch):
    """A store with no task, an account per role (the official of KTNS's Head), served."""
    monkeypatch.setenv("TRACKER_DB", empty_store)
    for account in (ADMIN, COMMITTEE, ANALYST):
        accounts.add_user(empty_store, account.name, account.role, PASSWORD, actor="test")
    accounts.add_user(empty_store, OFFICIAL.name, "official", PASSWORD, body=OWN[0],
                      position=OWN[1], actor="test")  # fmt: skip
    return empty_store


def register(db, code, place=OWN, on=None, due=None, title=None) -> None:
    act(db, ADMIN, "register", code, on=on or days(-300), title=title or f"Nhiệm vụ {code}",
        body=place[0], position=place[1], area="giam_sat", period="2026",
        due=due or days(200))  # fmt: skip


def assigned(db, code, place=OWN, on=None) -> None:
    register(db, code, place, on=on)
    act(db, ADMIN, "assign", code, on=on or days(-300))


def signed_in(account: Account, page: str, query: dict | None = None) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=90)
    now = accounts.now()
    at.session_state[auth.SESSION_KEY] = accounts.Session(account.name, account.role, (), now, now)
    for key, value in (query or {}).items():
        at.query_params[key] = value
    at.run()
    if page != "pages/overview.py":
        at.switch_page(page).run()
    assert not at.exception, at.exception
    return at


def click(at: AppTest, form: str, label: str) -> AppTest:
    at.button(key=f"FormSubmitter:{form}-{label}").click().run()
    assert not at.exception, at.exception
    return at


def unescaped(value: str) -> str:
    """Markdown text as it reads on screen (the escapes of ``widgets.inert`` removed)."""
    return value.replace("\\", "").replace("\u2060", "")


def reports_of(db, code: str):
    with open_db(db) as con:
        return lookups.task_reports(con, code)


def state_of(db, code: str) -> tuple[str, str | None]:
    with open_db(db) as con:
        task = lookups.task_detail(con, code)
    return task["assignment_state"], task["return_reason"]


# --- the task page ---------------------------------------------------------------------


def test_an_official_reports_on_its_own_task_and_has_no_form_on_another(store):
    assigned(store, "CUAMINH")
    assigned(store, "BANKHAC", ("DT", "Trưởng ban"))
    at = signed_in(OFFICIAL, "pages/tasks.py", {"ma": "CUAMINH"})
    # Its own assigned task, not done, no open request: report, ask for time, comment.
    assert [t.label for t in at.tabs] == ["Báo cáo tiến độ", "Xin gia hạn", "Bình luận"]
    at.number_input(key="act_report_0_progress").set_value(40)
    at.text_area(key="act_report_0_note").input("Đã khảo sát 3 huyện")
    at.text_input(key="act_report_0_evidence").input("15/BC-KTNS")
    click(at, "act_report_0", "Gửi báo cáo")
    assert not at.error, [e.value for e in at.error]
    assert any("Đã ghi «Báo cáo tiến độ»" in s.value for s in at.success)
    stored = reports_of(store, "CUAMINH")
    assert list(stored["progress"]) == [40.0]
    assert list(stored["status"]) == ["dang_thuc_hien"]  # derived: between 0 and 100
    assert list(stored["reporter"]) == ["ct.ktns"] and list(stored["evidence"]) == ["15/BC-KTNS"]
    assert pd_day(stored["report_date"].iloc[0]) == TODAY
    # The page read the new data: the report is the timeline's newest line.
    texts = [t.value for t in at.text]
    assert "Đã khảo sát 3 huyện · Minh chứng: 15/BC-KTNS" in texts
    assert "Báo cáo tiến độ 40 %" in [m.value for m in at.markdown]
    # Another body's task: a comment, nothing else.
    at.query_params["ma"] = "BANKHAC"
    at.run()
    assert [t.label for t in at.tabs] == ["Bình luận"]
    assert not [w for w in at.number_input if (w.key or "").startswith("act_report")]


def pd_day(value) -> date:
    import pandas as pd

    return pd.Timestamp(value).date()


@ONE_ENGINE
def test_a_refusal_shows_in_place_and_writes_nothing(store):
    assigned(store, "CUAMINH")
    at = signed_in(OFFICIAL, "pages/tasks.py", {"ma": "CUAMINH"})
    at.number_input(key="act_report_0_progress").set_value(30)
    at.text_input(key="act_report_0_evidence").input("xem hồ sơ")  # neither a link nor a number
    click(at, "act_report_0", "Gửi báo cáo")
    shown = [unescaped(e.value) for e in at.error]
    assert shown == [
        "Minh chứng phải là đường dẫn http(s):// hoặc số hiệu văn bản (ví dụ 123/BC-HĐND)."
    ]
    assert reports_of(store, "CUAMINH").empty
    assert at.text_input(key="act_report_0_evidence").value == "xem hồ sơ"  # kept to correct
    assert not at.success


@ONE_ENGINE
def test_the_committee_decides_an_extension_request_shown_on_the_page(store):
    assigned(store, "GIAHAN")
    act(store, OFFICIAL, "extend", "GIAHAN", on=days(-3), due=days(260), reason="Chờ số liệu")
    at = signed_in(COMMITTEE, "pages/tasks.py", {"ma": "GIAHAN"})
    request = unescaped(next(w.value for w in at.warning if "Đề nghị gia hạn" in w.value))
    assert f"ct.ktns đề nghị ngày {days(-3):%d/%m/%Y} gia hạn đến **{days(260):%d/%m/%Y}**" in (
        request
    )
    assert "Lý do: Chờ số liệu" in request
    assert [t.label for t in at.tabs] == [
        "Duyệt gia hạn", "Từ chối gia hạn", "Yêu cầu giải trình", "Bình luận",
    ]  # fmt: skip
    at.text_area(key="act_refuse-extension_0_reason").input("Hạn quá dài")
    click(at, "act_refuse-extension_0", "Từ chối gia hạn")
    assert any("Từ chối gia hạn" in s.value for s in at.success)
    assert not [w for w in at.warning if "Đề nghị gia hạn" in w.value]  # decided
    assert [t.label for t in at.tabs] == ["Yêu cầu giải trình", "Bình luận"]


@ONE_ENGINE
def test_the_timeline_lists_events_newest_first_with_user_text_inert(store):
    title = "**đậm** <b>thẻ</b>"
    comment = "Ý kiến **đậm** <b>thẻ</b> [bấm](http://x.example)"
    register(store, "DONG", on=days(-10), title=title)
    act(store, ADMIN, "assign", "DONG", on=days(-9), assigner="<i>Thường trực</i>")
    act(store, COMMITTEE, "comment", "DONG", on=days(-5), text=comment)
    act(store, ANALYST, "comment", "DONG", on=days(-2), text="Lần hai")
    at = signed_in(ADMIN, "pages/tasks.py", {"ma": "DONG"})
    shown_days = [m.group(1) for v in at.markdown if (m := DAY_CELL.fullmatch(v.value))]
    assert shown_days == [f"{days(n):%d/%m/%Y}" for n in (-2, -5, -9, -10)]
    markdown = [m.value for m in at.markdown]
    row = markdown.index(f"**{days(-5):%d/%m/%Y}**")
    assert [unescaped(v) for v in markdown[row + 1 : row + 3]] == ["tt.hdnd", "Bình luận"]
    texts = [t.value for t in at.text]
    assert texts[0] == title  # the heading, as typed
    assert comment in texts and "Lần hai" in texts
    assert "Cấp giao: <i>Thường trực</i>" in texts
    for value in markdown:  # nothing a person typed reached markdown unescaped
        assert "<b>" not in value and "**đậm**" not in value and "](http" not in value


@ONE_ENGINE
def test_a_long_timeline_is_shown_a_page_at_a_time(store):
    assigned(store, "DAI", on=days(-60))
    for n in range(24):  # 2 events + 24 comments = 26: pages of 20 and 6
        act(store, COMMITTEE, "comment", "DAI", on=days(-50 + n), text=f"Ý kiến số {n + 1}")
    at = signed_in(ADMIN, "pages/tasks.py", {"ma": "DAI"})
    assert len([v for v in at.markdown if DAY_CELL.fullmatch(v.value)]) == 20
    assert "Ý kiến số 24" in [t.value for t in at.text]
    assert any("Sự kiện 1–20 trong 26" in c.value for c in at.caption)
    at.selectbox(key="timeline_page").set_value(20).run()
    rows = [m.group(1) for v in at.markdown if (m := DAY_CELL.fullmatch(v.value))]
    # The oldest six: comments 1-4 (days -50..-47), assigned and registered on day -60.
    assert rows == [f"{days(n):%d/%m/%Y}" for n in (-47, -48, -49, -50, -60, -60)]


# --- what waits ------------------------------------------------------------------------


def waiting_links(at: AppTest) -> list[str]:
    """The codes the overview's waiting list links to, in order."""
    links = [p.proto for p in at.get("page_link") if p.proto.page == "nhiem-vu"]
    return [parse_qs(link.query_string)["ma"][0] for link in links]


def waiting_counts(at: AppTest) -> str:
    return next(m.value for m in at.markdown if m.value.startswith("**Việc cần xử lý**"))


@ONE_ENGINE
def test_the_committee_sees_what_it_must_decide(store):
    register(store, "DKMOI", on=days(-20))
    register(store, "DXCU", on=days(-30))
    act(store, ADMIN, "propose", "DXCU", on=days(-29))
    assigned(store, "GIAHAN")
    act(store, OFFICIAL, "extend", "GIAHAN", on=days(-3), due=days(260), reason="Chờ số liệu")
    assigned(store, "HOI")
    act(store, COMMITTEE, "ask", "HOI", on=days(-4), text="Vì sao chậm?")
    act(store, ANALYST, "ask", "HOI", on=days(-1), text="Câu của người khác")
    at = signed_in(COMMITTEE, "pages/overview.py")
    assert waiting_counts(at) == (
        "**Việc cần xử lý** :blue-badge[Chờ quyết định giao (2)] "
        ":blue-badge[Đề nghị gia hạn chờ duyệt (1)] :blue-badge[Giải trình chưa nhận được (1)]"
    )
    # Decisions oldest first (DXCU registered 30 days ago), then the extension, then its
    # own question (the analyst's is not the committee's to wait for).
    assert waiting_links(at) == ["DXCU", "DKMOI", "GIAHAN", "HOI"]
    link = next(p.proto for p in at.get("page_link") if p.proto.label.startswith("**GIAHAN**"))
    assert f"Đề nghị gia hạn đến {days(260):%d/%m/%Y}" in unescaped(link.label)


@ONE_ENGINE
def test_an_official_sees_what_to_answer_and_to_report(store):
    assigned(store, "CU", on=days(-400))
    act(store, ADMIN, "report", "CU", on=days(-200), progress=30)  # before this quarter
    assigned(store, "MOI", on=days(-400))
    act(store, ADMIN, "report", "MOI", on=TODAY, progress=50)  # reported this quarter
    act(store, COMMITTEE, "ask", "MOI", on=days(-1), text="Bổ sung số liệu")
    assigned(store, "CHUA", on=days(-10))  # never reported
    assigned(store, "KHAC", ("KTNS", "Phó Trưởng ban"), on=days(-10))  # not its own
    at = signed_in(OFFICIAL, "pages/overview.py")
    assert waiting_counts(at) == (
        "**Việc cần xử lý** :blue-badge[Cần giải trình (1)] :blue-badge[Chưa báo cáo kỳ này (2)]"
    )
    assert waiting_links(at) == ["MOI", "CHUA", "CU"]
    assert any("Nghị định 09/2019" in c.value for c in at.caption)


@ONE_ENGINE
def test_more_than_five_items_wait_behind_one_click(store):
    for n in range(7):
        register(store, f"DK{n}", on=days(-20 + n))
    at = signed_in(COMMITTEE, "pages/overview.py")
    assert waiting_links(at) == [f"DK{n}" for n in range(7)]  # oldest first
    more = next(e for e in at.expander if e.label == "Xem thêm 2 việc")
    inside = [p.proto for p in more.get("page_link")]
    assert [parse_qs(link.query_string)["ma"][0] for link in inside] == ["DK5", "DK6"]


@ONE_ENGINE
def test_nothing_waits_nothing_is_drawn(store):
    at = signed_in(ANALYST, "pages/overview.py")
    assert not [m for m in at.markdown if "Việc cần xử lý" in m.value]


def test_local_mode_shows_the_administrators_list(empty_store, monkeypatch):
    monkeypatch.setenv("TRACKER_DB", empty_store)
    register(empty_store, "DKMOI", on=days(-20))
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=90).run()
    assert not at.exception, at.exception
    assert waiting_counts(at) == "**Việc cần xử lý** :blue-badge[Chờ quyết định giao (1)]"
    assert waiting_links(at) == ["DKMOI"]


# --- registering, and deciding several at once ---------------------------------------------


@ONE_ENGINE
def test_an_official_registers_its_own_task(store):
    at = signed_in(OFFICIAL, "pages/tasks.py")
    assert at.selectbox(key="register_0_body").value == "KTNS"
    assert at.selectbox(key="register_0_body").disabled
    assert at.selectbox(key="register_0_position").value == "Trưởng ban"
    at.text_input(key="register_0_code").input("DKMOI")
    at.text_input(key="register_0_title").input("Giám sát chuyên đề mới")
    click(at, "register_0", "Đăng ký")
    assert not at.error, [e.value for e in at.error]
    assert any("Đã đăng ký nhiệm vụ DKMOI" in s.value for s in at.success)
    with open_db(store) as con:
        task = lookups.task_detail(con, "DKMOI")
    assert (task["body_code"], task["position"], task["assignment_state"]) == (
        "KTNS", "Trưởng ban", "dang_ky",
    )  # fmt: skip
    assert pd_day(task["due_on"]) == date(TODAY.year, 12, 31)


@ONE_ENGINE
def test_an_analyst_is_offered_no_registration(store):
    at = signed_in(ANALYST, "pages/tasks.py")
    assert not [e for e in at.expander if e.label == "Đăng ký nhiệm vụ"]


def test_giao_viec_assigns_several_tasks_and_names_each_refusal(store):
    register(store, "DK1", on=days(-20))
    register(store, "DX2", on=days(-20))
    act(store, ADMIN, "propose", "DX2", on=days(-19))
    register(store, "DK3", on=days(-400), due=days(-300))  # its deadline has passed
    at = signed_in(COMMITTEE, "pages/cascade.py")
    at.multiselect(key="bulk_0_codes").set_value(["DK1", "DX2", "DK3"])
    at.text_input(key="bulk_0_assigner").input("Thường trực HĐND tỉnh")
    click(at, "bulk_0", "Giao các nhiệm vụ đã chọn")
    assert any(w.value == "Đã giao 2/3 nhiệm vụ." for w in at.warning)
    results = next(d.value for d in at.dataframe if "Kết quả" in d.value.columns)
    assert list(results["Mã nhiệm vụ"]) == ["DK1", "DX2", "DK3"]
    assert list(results["Kết quả"])[:2] == ["Đã giao", "Đã giao"]
    assert list(results["Kết quả"])[2] == (
        f"Hạn hoàn thành {days(-300):%d/%m/%Y} trước ngày giao {TODAY:%d/%m/%Y}."
    )
    assert state_of(store, "DK1") == ("da_giao", None)
    assert state_of(store, "DX2") == ("da_giao", None)
    assert state_of(store, "DK3") == ("dang_ky", None)
    # What is left can be returned with one reason.
    at.multiselect(key="bulk_1_codes").set_value(["DK3"])
    at.text_area(key="bulk_1_reason").input("Hạn đã qua, đăng ký lại")
    click(at, "bulk_1", "Trả lại các nhiệm vụ đã chọn")
    assert any(s.value == "Đã trả lại 1/1 nhiệm vụ." for s in at.success)
    assert state_of(store, "DK3") == ("tra_lai", "Hạn đã qua, đăng ký lại")


@ONE_ENGINE
def test_giao_viec_offers_no_bulk_form_to_an_official(store):
    register(store, "DK1", on=days(-20))
    at = signed_in(OFFICIAL, "pages/cascade.py")
    assert not [w for w in at.multiselect if (w.key or "").startswith("bulk_")]
    assert any("Trạng thái giao" in d.value.columns for d in at.dataframe)  # the list stays
