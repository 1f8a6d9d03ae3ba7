"""One task's whole life in the browser, by four accounts: an official registers it, staff
propose it, the committee assigns it, the official reports 40 % with an evidence link, the
committee asks for an explanation, the official answers and asks for an extension, a
second committee member approves it. The overview's figures and the task's timeline show
each step, in that order, with the right names and dates."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from argon2 import PasswordHasher
from playwright.sync_api import expect

from analytics import accounts
from tests.conftest import ROOT, copy_demo, run_cli_env
from tests.e2e.conftest import screenshot, start_app, stop_app, wait_for_rerun

pytestmark = pytest.mark.browser

PASSWORD = "Ngua-Sat-2026-Long"  # a test password, never a real one
CODE = "DT-27-01"
TITLE = "Giám sát chính sách hỗ trợ đồng bào dân tộc thiểu số"
EVIDENCE = "https://hdnd.example.vn/bao-cao/12"
PEOPLE = {  # name -> role and place
    "truongban.dt": ("official", {"body": "DT", "position": "Trưởng ban"}),
    "vanthu.dt": ("staff", {"bodies": ("DT",)}),
    "thuongtruc": ("committee", {}),
    "phochutich": ("committee", {}),
}


@pytest.fixture
def served(demo_db, tmp_path, monkeypatch):
    monkeypatch.setattr(accounts, "HASHER", PasswordHasher(time_cost=1, memory_cost=1024))
    db = copy_demo(demo_db, tmp_path / "cycle.duckdb")
    for name, (role, place) in PEOPLE.items():
        bodies = place.get("bodies", ())
        where = {k: v for k, v in place.items() if k != "bodies"}
        accounts.add_user(db, name, role, PASSWORD, bodies, actor="test", **where)
    app = start_app(db, tmp_path / "streamlit.log")
    yield app, db
    stop_app(app)


def signed_in(browser, url: str, name: str):
    page = browser.new_context(viewport={"width": 1920, "height": 1080}).new_page()
    page.goto(url)
    wait_for_rerun(page, timeout=60_000)
    page.get_by_label("Tên đăng nhập").fill(name)
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    page.locator("[data-testid=stForm]").wait_for(state="detached", timeout=30_000)
    wait_for_rerun(page, timeout=60_000)
    return page


def open_task(page, url: str) -> None:
    page.goto(f"{url}/nhiem-vu?ma={CODE}")
    wait_for_rerun(page, timeout=60_000)
    expect(page.locator(".st-key-task_title")).to_contain_text(TITLE, timeout=30_000)


def act(page, tab: str, button: str, fill: dict[str, str] | None = None) -> None:
    """Open the action's tab, fill its fields (by label) and send it; the confirmation
    names the action."""
    page.get_by_role("tab", name=tab).click()
    panel = page.get_by_role("tabpanel", name=tab)
    for label, value in (fill or {}).items():
        panel.get_by_role("textbox", name=label).fill(value)
    panel.get_by_role("button", name=button).click()
    wait_for_rerun(page)
    expect(page.locator("[data-testid=stAlertContentSuccess]")).to_contain_text(
        f"Đã ghi «{tab}» cho nhiệm vụ {CODE}", timeout=30_000
    )
    assert page.locator("[data-testid=stException]").count() == 0


def total_tasks(page) -> str:
    card = page.locator("[data-testid=stMetric]").filter(has_text="Tổng số nhiệm vụ").first
    return card.locator("[data-testid=stMetricValue]").inner_text()


def test_a_task_from_registration_to_an_approved_extension(browser, served):
    app, db = served
    today = date.today()
    official = signed_in(browser, app.url, "truongban.dt")
    staff = signed_in(browser, app.url, "vanthu.dt")
    committee = signed_in(browser, app.url, "thuongtruc")
    vice_chair = signed_in(browser, app.url, "phochutich")
    # The demo as of today: 34 assigned tasks.
    expect(committee.locator("[data-testid=stMetric]").first).to_contain_text("34")

    # 1. The official registers the task from the task list (its body and position fixed).
    official.goto(f"{app.url}/nhiem-vu")
    wait_for_rerun(official, timeout=60_000)
    official.get_by_text("Đăng ký nhiệm vụ", exact=True).click()
    form = official.locator("[data-testid=stForm]").filter(has_text="Đăng ký")
    form.get_by_role("textbox", name="Mã nhiệm vụ").fill(CODE)
    form.get_by_role("textbox", name="Tên nhiệm vụ").fill(TITLE)
    form.get_by_role("button", name="Đăng ký").click()
    wait_for_rerun(official)
    expect(official.get_by_text(f"Đã đăng ký nhiệm vụ {CODE}.")).to_be_visible(timeout=30_000)

    # 2. Staff of the Ethnic Affairs Committee propose it; 3. the committee assigns it.
    open_task(staff, app.url)
    act(staff, "Đề xuất", "Đề xuất nhiệm vụ")
    open_task(committee, app.url)
    act(committee, "Giao", "Giao nhiệm vụ", {"Cấp giao": "Thường trực HĐND tỉnh"})
    committee.goto(app.url)
    wait_for_rerun(committee, timeout=60_000)
    expect(committee.locator("[data-testid=stMetric]").first).to_contain_text("35")

    # 4. The official reports 40 % with an evidence link.
    open_task(official, app.url)
    official.get_by_role("tab", name="Báo cáo tiến độ").click()
    panel = official.get_by_role("tabpanel", name="Báo cáo tiến độ")
    panel.get_by_role("spinbutton", name="Tiến độ (%)").fill("40")
    act(official, "Báo cáo tiến độ", "Gửi báo cáo", {"Minh chứng": EVIDENCE})
    expect(official.locator("[data-testid=stMain]")).to_contain_text("Đang thực hiện trong hạn")

    # 5. The committee asks why; 6. the official answers and 7. asks for more time.
    open_task(committee, app.url)
    act(committee, "Yêu cầu giải trình", "Gửi yêu cầu giải trình",
        {"Nội dung cần giải trình": "Vì sao mới đạt 40 %?"})  # fmt: skip
    open_task(official, app.url)
    expect(official.locator("[data-testid=stMain]")).to_contain_text("Vì sao mới đạt 40 %?")
    act(official, "Giải trình", "Gửi giải trình",
        {"Nội dung giải trình": "Chờ số liệu của các huyện"})  # fmt: skip
    act(official, "Xin gia hạn", "Gửi đề nghị gia hạn", {"Lý do": "Số liệu về chậm"})

    # 8. The vice-chair approves the extension.
    open_task(vice_chair, app.url)
    act(vice_chair, "Duyệt gia hạn", "Duyệt gia hạn")
    main = vice_chair.locator("[data-testid=stMain]")
    expect(main).to_contain_text("Hạn hoàn thành đang áp dụng: 01/01/2027")
    screenshot(vice_chair, "cycle-task-after-approval-1920")

    # The timeline, newest first: every step, who and the day.
    day = today.strftime("%d/%m/%Y")
    expected = [
        ("phochutich", "Duyệt gia hạn"),
        ("truongban.dt", "Xin gia hạn đến 01/01/2027"),
        ("truongban.dt", "Giải trình"),
        ("thuongtruc", "Yêu cầu giải trình"),
        ("truongban.dt", "Báo cáo tiến độ 40 %"),
        ("thuongtruc", "Giao"),
        ("vanthu.dt", "Đề xuất"),
        ("truongban.dt", "Đăng ký"),
    ]
    for i, (who, what) in enumerate(expected):
        row = vice_chair.locator(f".st-key-timeline_row_{i}")
        expect(row).to_contain_text(day)
        expect(row).to_contain_text(who)
        expect(row).to_contain_text(what)
    assert vice_chair.locator(f".st-key-timeline_row_{len(expected)}").count() == 0
    expect(vice_chair.locator(".st-key-timeline_row_4")).to_contain_text(EVIDENCE)

    # The command line reads the same history, oldest first, and the figures count the
    # task as assigned, in progress (40 %) and extended.
    history = json.loads(_cli("task", "history", CODE, "--db", str(db)))
    assert [(e["kind"], e["user"], e["on"]) for e in history["events"]] == [
        (kind, who, today.isoformat())
        for kind, who in (
            ("register", "truongban.dt"), ("propose", "vanthu.dt"), ("assign", "thuongtruc"),
            ("report", "truongban.dt"), ("ask", "thuongtruc"), ("answer", "truongban.dt"),
            ("extend", "truongban.dt"), ("approve_extension", "phochutich"),
        )
    ]  # fmt: skip
    summary = json.loads(_cli("summary", "--by", "body", "--db", str(db)))
    (dt,) = [g for g in summary["groups"] if g["key"] == "DT"]
    assert dt["extended"] == 1

    # The morning's reminders land in each inbox (no SMTP here: the inbox only); the
    # committee's lists the next term's tasks waiting for a decision (DK26-01, DK26-02).
    reminded = json.loads(_cli("remind", "--db", str(db)))
    (mine,) = [m for m in reminded["messages"] if m["user"] == "thuongtruc"]
    assert [(i["kind"], i["task"]) for i in mine["items"]] == [
        ("cho_duyet", "DK26-01"), ("cho_duyet", "DK26-02")
    ]  # fmt: skip
    committee.goto(app.url)
    wait_for_rerun(committee, timeout=60_000)
    sidebar = committee.locator("[data-testid=stSidebar]")
    sidebar.get_by_role("link", name="Hộp thư (1)").click()
    wait_for_rerun(committee, timeout=60_000)
    box = committee.locator("[data-testid=stExpander]").first
    expect(box).to_contain_text(f"Nhắc việc ngày {day}: 2 việc cần anh/chị xử lý")
    expect(box).to_contain_text("Chờ Thường trực quyết định: DK26-01")
    screenshot(committee, "cycle-inbox-1920")
    box.get_by_role("button", name="Đánh dấu đã đọc").click()
    wait_for_rerun(committee)
    expect(sidebar.get_by_role("link", name="Hộp thư", exact=True)).to_be_visible()


def _cli(*args: str) -> str:
    command = [sys.executable, "-m", "analytics", *args]
    env = run_cli_env(Path("/tmp"))
    done = subprocess.run(command, capture_output=True, text=True, cwd=ROOT, env=env, timeout=120)
    assert done.returncode == 0, done.stderr
    return done.stdout
