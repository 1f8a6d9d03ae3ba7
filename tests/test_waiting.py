"""What waits for whom (analytics/waiting.py), on a scenario set by hand (two tests on both
engines, the rest on a DuckDB file).

Today is 02/12/2026, in Quý IV/2026 (15/09/2026 - 14/12/2026).

- K1, KTNS / Trưởng ban: assigned 01/02; report 30/06 40 %; extension asked 20/11 (to
  30/06/2027) by the official; explanation asked 25/11 by the committee.
- K2, KTNS / Trưởng ban: assigned 01/02; report 15/09 60 % (first day of Quý IV);
  explanation asked 01/10 by the analyst, answered 05/10.
- K3, KTNS / Phó Trưởng ban: assigned 01/02; no report.
- K4, TT / Phó Chủ tịch HĐND tỉnh: registered 01/11.
- K5, VP / Chánh Văn phòng: registered 15/10, proposed 16/10.
- K6, KTNS / Trưởng ban: assigned 01/02; report 14/09 100 % (done).
- K7, TT / Phó Chủ tịch HĐND tỉnh: assigned 01/03; report 14/09 30 % (last day of Quý III);
  explanation asked 30/11 by the analyst.
- K8, KTNS / Trưởng ban: registered 01/12.
- K9, KTNS / Trưởng ban: assigned 01/11; no report.
"""

from __future__ import annotations

from datetime import date

import pytest

from analytics import waiting
from analytics.accounts import Account
from analytics.actions import act

# What is checked here runs the same on both engines (a PostgreSQL store's reads and rules
# run on its DuckDB copy): a few tests run on both, the rest on a DuckDB file only.
ONE_ENGINE = pytest.mark.parametrize("engine", ["duckdb"])

TODAY = date(2026, 12, 2)
ADMIN = Account("quan.tri", "admin")
COMMITTEE = Account("tt.hdnd", "committee")
ANALYST = Account("pt.vien", "analyst")
OFFICIAL = Account("ct.ktns", "official", body="KTNS", position="Trưởng ban")
STAFF_TT = Account("vp.tt", "staff", bodies=("TT",))
STAFF_ALL = Account("vp.all", "staff")
PLACES = {
    "K1": ("KTNS", "Trưởng ban"), "K2": ("KTNS", "Trưởng ban"), "K3": ("KTNS", "Phó Trưởng ban"),
    "K4": ("TT", "Phó Chủ tịch HĐND tỉnh"), "K5": ("VP", "Chánh Văn phòng"),
    "K6": ("KTNS", "Trưởng ban"), "K7": ("TT", "Phó Chủ tịch HĐND tỉnh"),
    "K8": ("KTNS", "Trưởng ban"), "K9": ("KTNS", "Trưởng ban"),
}  # fmt: skip
D = date


def register(db, code: str, on: date) -> None:
    body, position = PLACES[code]
    act(db, ADMIN, "register", code, on=on, today=TODAY, title=f"Nhiệm vụ {code}", body=body,
        position=position, area="giam_sat", period="2026", due=D(2026, 12, 31))  # fmt: skip


def assigned(db, code: str, on: date) -> None:
    register(db, code, on)
    act(db, ADMIN, "assign", code, on=on, today=TODAY)


def report(db, code: str, on: date, progress: int) -> None:
    act(db, ADMIN, "report", code, on=on, today=TODAY, progress=progress)


@pytest.fixture
def scenario(empty_store):
    db = empty_store
    assigned(db, "K1", D(2026, 2, 1))
    report(db, "K1", D(2026, 6, 30), 40)
    act(db, OFFICIAL, "extend", "K1", on=D(2026, 11, 20), today=TODAY, due=D(2027, 6, 30),
        reason="Chờ số liệu quyết toán")  # fmt: skip
    act(db, COMMITTEE, "ask", "K1", on=D(2026, 11, 25), today=TODAY, text="Vì sao chậm?")
    assigned(db, "K2", D(2026, 2, 1))
    report(db, "K2", D(2026, 9, 15), 60)
    act(db, ANALYST, "ask", "K2", on=D(2026, 10, 1), today=TODAY, text="Số liệu?")
    act(db, OFFICIAL, "answer", "K2", on=D(2026, 10, 5), today=TODAY, text="Đã bổ sung")
    assigned(db, "K3", D(2026, 2, 1))
    register(db, "K4", D(2026, 11, 1))
    register(db, "K5", D(2026, 10, 15))
    act(db, ADMIN, "propose", "K5", on=D(2026, 10, 16), today=TODAY)
    assigned(db, "K6", D(2026, 2, 1))
    report(db, "K6", D(2026, 9, 14), 100)
    assigned(db, "K7", D(2026, 3, 1))
    report(db, "K7", D(2026, 9, 14), 30)
    act(db, ANALYST, "ask", "K7", on=D(2026, 11, 30), today=TODAY, text="Tiến độ quý IV?")
    register(db, "K8", D(2026, 12, 1))
    assigned(db, "K9", D(2026, 11, 1))
    return db


def listed(found: waiting.Waiting) -> list[tuple[str, str]]:
    return list(zip(found.items["kind"], found.items["code"], strict=True))


def test_the_committee_decides_registrations_and_extensions_and_awaits_its_questions(scenario):
    found = waiting.for_account(scenario, COMMITTEE, TODAY)
    assert found.period == (D(2026, 9, 15), D(2026, 12, 14))
    # Waiting tasks oldest first: K5 (15/10), K4 (01/11), K8 (01/12).
    assert listed(found) == [
        ("cho_quyet_dinh", "K5"), ("cho_quyet_dinh", "K4"), ("cho_quyet_dinh", "K8"),
        ("cho_duyet_gia_han", "K1"),
        ("cho_tra_loi", "K1"),  # K7's question is the analyst's, not the committee's
    ]  # fmt: skip
    assert found.counts() == {"cho_quyet_dinh": 3, "cho_duyet_gia_han": 1, "cho_tra_loi": 1}
    extension = found.items.iloc[3]
    assert extension["since"] == D(2026, 11, 20) and extension["new_due"] == D(2027, 6, 30)
    assert extension["who"] == "ct.ktns" and extension["text"] == "Chờ số liệu quyết toán"
    assert list(found.items["state"][:3]) == ["de_xuat", "dang_ky", "dang_ky"]


@ONE_ENGINE
def test_an_admin_sees_the_committee_kinds_with_its_own_questions_only(scenario):
    found = waiting.for_account(scenario, ADMIN, TODAY)
    assert listed(found) == [
        ("cho_quyet_dinh", "K5"), ("cho_quyet_dinh", "K4"), ("cho_quyet_dinh", "K8"),
        ("cho_duyet_gia_han", "K1"),
    ]  # fmt: skip


@ONE_ENGINE
def test_the_analyst_awaits_only_its_unanswered_questions(scenario):
    found = waiting.for_account(scenario, ANALYST, TODAY)
    assert listed(found) == [("cho_tra_loi", "K7")]  # K2's was answered on 05/10
    assert found.items.iloc[0]["text"] == "Tiến độ quý IV?"


def test_an_official_answers_and_reports_on_its_own_tasks(scenario):
    found = waiting.for_account(scenario, OFFICIAL, TODAY)
    # Not reported since 15/09/2026: K9 (never), K1 (30/06). K2 reported on 15/09, K6 is
    # done, K3 is another position's, K8 is not assigned.
    assert listed(found) == [
        ("can_giai_trinh", "K1"), ("chua_bao_cao", "K9"), ("chua_bao_cao", "K1"),
    ]  # fmt: skip
    assert found.items.iloc[1]["since"] is None
    assert found.items.iloc[2]["since"] == D(2026, 6, 30)


@ONE_ENGINE
def test_monthly_reporting_asks_for_a_report_since_the_15th_of_last_month(scenario):
    found = waiting.for_account(scenario, OFFICIAL, TODAY, kind="monthly")
    assert found.period == (D(2026, 11, 15), D(2026, 12, 14))
    assert listed(found) == [
        ("can_giai_trinh", "K1"),
        ("chua_bao_cao", "K9"), ("chua_bao_cao", "K1"), ("chua_bao_cao", "K2"),
    ]  # fmt: skip


@ONE_ENGINE
def test_staff_see_their_bodies_and_registrations_to_propose(scenario):
    found = waiting.for_account(scenario, STAFF_TT, TODAY)
    # K7's last report, 14/09/2026, is the last day of Quý III: none in Quý IV.
    assert listed(found) == [
        ("cho_de_xuat", "K4"), ("can_giai_trinh", "K7"), ("chua_bao_cao", "K7"),
    ]  # fmt: skip
    every = waiting.for_account(scenario, STAFF_ALL, TODAY)
    assert listed(every) == [
        ("cho_de_xuat", "K4"), ("cho_de_xuat", "K8"),  # K5 is already proposed
        ("can_giai_trinh", "K1"), ("can_giai_trinh", "K7"),
        ("chua_bao_cao", "K3"), ("chua_bao_cao", "K9"),  # never reported, by code
        ("chua_bao_cao", "K1"), ("chua_bao_cao", "K7"),
    ]  # fmt: skip


@ONE_ENGINE
def test_nothing_waits_once_everything_is_done(scenario):
    act(scenario, COMMITTEE, "approve-extension", "K1", on=TODAY, today=TODAY)
    act(scenario, OFFICIAL, "answer", "K1", on=TODAY, today=TODAY, text="Đã giải trình")
    for code in ("K4", "K5", "K8"):
        act(scenario, COMMITTEE, "return", code, on=TODAY, today=TODAY, reason="Chưa rõ")
    assert waiting.for_account(scenario, COMMITTEE, TODAY).empty
    assert waiting.for_account(scenario, COMMITTEE, TODAY).counts() == {}
    report(scenario, "K1", TODAY, 50)
    report(scenario, "K9", TODAY, 10)
    assert waiting.for_account(scenario, OFFICIAL, TODAY).empty


@ONE_ENGINE
def test_one_tasks_open_requests(scenario):
    requests = waiting.task_requests(scenario, "K1", TODAY)
    assert requests.extension is not None
    assert requests.extension["new_due"] == D(2027, 6, 30)
    assert requests.extension["text"] == "Chờ số liệu quyết toán"
    assert [(r["since"], r["who"], r["text"]) for r in requests.explanations] == [
        (D(2026, 11, 25), "tt.hdnd", "Vì sao chậm?")
    ]
    assert requests.due_in_force == D(2026, 12, 31)  # not approved yet
    act(scenario, COMMITTEE, "approve-extension", "K1", on=TODAY, today=TODAY)
    after = waiting.task_requests(scenario, "K1", TODAY)
    assert after.extension is None and after.due_in_force == D(2027, 6, 30)
    assert waiting.task_requests(scenario, "K2", TODAY).explanations == ()
    assert waiting.task_requests(scenario, "NONE", TODAY) == waiting.TaskRequests(None, (), None)
