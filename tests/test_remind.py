"""``remind`` (CONTRACT.md section 6) against a real SMTP server on loopback: who gets which
items on a hand-made day, what a second run and later runs send, a refusing server, the
dry run, and the message itself (a Vietnamese subject, escaped user text in HTML)."""

from __future__ import annotations

import json
from datetime import date

import pytest

from analytics import accounts
from analytics.actions import account_named, act
from analytics.cli import main
from analytics.importing import import_file
from analytics.store.connection import open_db
from tests.smtp_sink import smtp_sink

PASSWORD = "Ngua-Sat-2026-Long"  # a test password, never a real one
TODAY = date(2026, 12, 2)
SCRIPT_TITLE = "Giám sát <script>alert(1)</script> vốn"

# The main scenario's first day runs on both engines; the later days, a refusing server
# and the dry run on a DuckDB file (the items are computed alike on both).
ONE_ENGINE = pytest.mark.parametrize("engine", ["duckdb"])

# name -> (role, official body, position, e-mail)
PEOPLE = {
    "truongban": ("official", "KTNS", "Trưởng ban", "tb@hdnd.example.vn"),
    "phoban": ("official", "KTNS", "Phó Trưởng ban", "pb@hdnd.example.vn"),
    "vanthu": ("staff", None, None, "vt@hdnd.example.vn"),
    "uyvien": ("committee", None, None, "uv@hdnd.example.vn"),
    "quantri": ("admin", None, None, None),
    "phantich": ("analyst", None, None, "pt@hdnd.example.vn"),
}

# Every task is the KTNS head's unless said, assigned 05/01/2026. Today 02/12/2026:
# A14 due 15/12 (13 days left: the 14-day threshold), A7 due 07/12 (5 left: the 7-day one,
# the 14-day one never sent), A1 due 03/12 (1 left), A0 due today (0 left: the 1-day one),
# OD due 20/11 (12 days late), DONE done, FAR and NR due 30/06/2027, NEW assigned
# 01/07/2026 (after the last ended quarter began), PB the deputy head's due 10/12 (8 left),
# REG registered (waiting for a decision).
TASKS = f"""ma_nhiem_vu,ten_nhiem_vu,co_quan,chuc_danh,linh_vuc,ky,ngay_giao,han_hoan_thanh,\
trang_thai_giao
A14,"{SCRIPT_TITLE}",KTNS,Trưởng ban,giam_sat,2026,05/01/2026,15/12/2026,
A7,Giám sát chợ,KTNS,Trưởng ban,giam_sat,2026,05/01/2026,07/12/2026,
A1,Chất vấn tín dụng,KTNS,Trưởng ban,chat_van,2026,05/01/2026,03/12/2026,
A0,Khảo sát bến xe,KTNS,Trưởng ban,giam_sat,2026,05/01/2026,02/12/2026,
OD,Giám sát thu ngân sách,KTNS,Trưởng ban,giam_sat,2026,05/01/2026,20/11/2026,
DONE,Khảo sát trường học,KTNS,Trưởng ban,giam_sat,2026,05/01/2026,05/12/2026,
FAR,Đầu tư công trung hạn,KTNS,Trưởng ban,dau_tu_cong,2026-2030,05/01/2026,30/06/2027,
NR,Tín dụng hộ nghèo,KTNS,Trưởng ban,tin_dung_ho_ngheo,2026-2030,05/01/2026,30/06/2027,
NEW,Chuyển đổi số,KTNS,Trưởng ban,cong_nghe_thong_tin,2026-2030,01/07/2026,30/06/2027,
PB,Giám sát đất đai,KTNS,Phó Trưởng ban,giam_sat,2026,05/01/2026,10/12/2026,
REG,Giám sát môi trường,KTNS,Trưởng ban,giam_sat,2027,02/11/2026,31/12/2027,Đăng ký
"""
# The last ended quarter on 02/12/2026 ran 15/06/2026-14/09/2026: every open task has a
# report in it on 01/08 except NR (reports on 10/06 and 20/09, both outside) and NEW.
REPORTS = (
    "ma_nhiem_vu,ngay_bao_cao,tien_do\n"
    + "".join(f"{code},01/08/2026,20\n" for code in ("A14", "A7", "A1", "A0", "OD", "FAR", "PB"))
    + "DONE,01/08/2026,100\nNR,10/06/2026,10\nNR,20/09/2026,15\n"
)


def _build(where: str) -> None:
    with open_db(where, create=True):
        pass
    when = accounts.now()
    for name, (role, body, position, address) in PEOPLE.items():
        accounts.add_user(where, name, role, PASSWORD, body=body, position=position,
                          email=address, actor="test", channel="cli", when=when)  # fmt: skip
    accounts.edit_user(where, "phoban", reminders=False, actor="test", channel="cli")
    for data, name in ((TASKS, "nv.csv"), (REPORTS, "td.csv")):
        assert import_file(data.encode(), where, file_name=name, user="t", today=TODAY).ok
    act(where, account_named(where, "uyvien"), "ask", "OD", on=date(2026, 11, 25), today=TODAY,
        text="Vì sao chậm?")  # fmt: skip
    act(where, account_named(where, "truongban"), "extend", "FAR", on=date(2026, 11, 30),
        today=TODAY, due="2027-12-31", reason="Chờ vốn")  # fmt: skip


@pytest.fixture
def store(engine, request, tmp_path) -> str:
    where = (str(tmp_path / "remind.duckdb") if engine == "duckdb"
             else request.getfixturevalue("postgres").create_database())  # fmt: skip
    _build(where)
    return where


@pytest.fixture
def smtp_env(monkeypatch):
    def set_port(port: int) -> None:
        monkeypatch.setenv("TRACKER_SMTP_HOST", "127.0.0.1")
        monkeypatch.setenv("TRACKER_SMTP_PORT", str(port))
        monkeypatch.setenv("TRACKER_SMTP_TLS", "none")
        monkeypatch.setenv("TRACKER_SMTP_FROM", "nhacviec@hdnd.example.vn")
        monkeypatch.setenv("TRACKER_BASE_URL", "https://theodoi.hdnd.example.vn")

    monkeypatch.delenv("TRACKER_REPORTING", raising=False)
    return set_port


def remind(store: str, capsys, *args: str) -> tuple[int, dict, str]:
    code = main(["remind", "--db", store, *args])
    out, err = capsys.readouterr()
    return code, json.loads(out), err


def items_of(payload: dict) -> dict[str, list[tuple]]:
    return {
        m["user"]: [(i["kind"], i["task"], i["days"]) for i in m["items"]]
        for m in payload["messages"]
    }


TRUONGBAN_DAY_1 = [
    ("sap_den_han", "A0", 0), ("sap_den_han", "A1", 1), ("sap_den_han", "A14", 13),
    ("sap_den_han", "A7", 5), ("qua_han", "OD", 12), ("chua_bao_cao", "NR", None),
    ("giai_trinh", "OD", None),
]  # fmt: skip
DECISIONS = [("cho_duyet", "FAR", None), ("cho_duyet", "REG", None)]


def test_each_account_gets_its_items_once(store, capsys, smtp_env):
    with smtp_sink() as (sink, port):
        smtp_env(port)
        code, payload, err = remind(store, capsys, "--today", "2026-12-02")
        assert code == 0, err
        assert items_of(payload) == {
            "phoban": [("sap_den_han", "PB", 8)],  # reminders off: the inbox only
            "quantri": DECISIONS,  # no address: the inbox only
            "truongban": TRUONGBAN_DAY_1,
            "uyvien": DECISIONS,
            # staff of KTNS: the head's items and the deputy head's
            "vanthu": [
                ("sap_den_han", "A0", 0), ("sap_den_han", "A1", 1), ("sap_den_han", "A14", 13),
                ("sap_den_han", "A7", 5), ("sap_den_han", "PB", 8), ("qua_han", "OD", 12),
                ("chua_bao_cao", "NR", None), ("giai_trinh", "OD", None),
            ],
        }  # fmt: skip
        emails = {m["user"]: m["email"] for m in payload["messages"]}
        assert emails == {
            "phoban": None, "quantri": None, "truongban": "tb@hdnd.example.vn",
            "uyvien": "uv@hdnd.example.vn", "vanthu": "vt@hdnd.example.vn",
        }  # fmt: skip
        assert (payload["sent"], payload["failed"]) == (5, 0)
        assert sorted(m["To"] for m in sink.received) == [
            "tb@hdnd.example.vn", "uv@hdnd.example.vn", "vt@hdnd.example.vn"
        ]  # fmt: skip

        mail = sink.to("tb@hdnd.example.vn")[0]
        assert mail["Subject"] == "Nhắc việc ngày 02/12/2026: 7 việc cần anh/chị xử lý"
        assert mail["From"] == "nhacviec@hdnd.example.vn"
        text = mail.get_body(("plain",)).get_content()
        page = mail.get_body(("html",)).get_content()
        assert "A7: Giám sát chợ (hạn 07/12/2026, còn 5 ngày)" in text
        assert "OD: Giám sát thu ngân sách (hạn 20/11/2026, quá hạn 12 ngày)" in text
        assert "https://theodoi.hdnd.example.vn/nhiem-vu?ma=A14" in text
        assert "<script>" not in page
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
        assert 'href="https://theodoi.hdnd.example.vn/nhiem-vu?ma=OD"' in page

        # The same day again: nothing is due.
        code, again, _ = remind(store, capsys, "--today", "2026-12-02")
        assert code == 0 and again["messages"] == [] and again["sent"] == 0
        assert len(sink.received) == 3

    with open_db(store) as con:
        inbox = con.execute(
            "SELECT user_name, emailed, read_at IS NULL FROM inbox ORDER BY user_name"
        ).fetchall()
    assert inbox == [("phoban", False, True), ("quantri", False, True),
                     ("truongban", True, True), ("uyvien", True, True),
                     ("vanthu", True, True)]  # fmt: skip


@ONE_ENGINE
def test_later_days_send_only_what_is_newly_due(store, capsys, smtp_env):
    with smtp_sink() as (_sink, port):
        smtp_env(port)
        assert remind(store, capsys, "--today", "2026-12-02")[0] == 0
        # 03/12: A0 is now late (the first overdue item); A1 has 0 days left but its 1-day
        # threshold went yesterday; the rest waits for its interval or next threshold.
        _, day2, _ = remind(store, capsys, "--today", "2026-12-03")
        assert items_of(day2)["truongban"] == [("qua_han", "A0", 1)]
        assert "uyvien" not in items_of(day2)
        # 09/12, 7 days after the first run: OD's overdue item and the explanation request
        # again; A1 (late since 04/12) and A7 (since 08/12) for the first time; A14 has 6
        # days left, its 7-day threshold. A0's overdue item went on 03/12: not yet.
        _, day8, _ = remind(store, capsys, "--today", "2026-12-09")
        assert items_of(day8)["truongban"] == [
            ("sap_den_han", "A14", 6), ("qua_han", "A1", 6), ("qua_han", "A7", 2),
            ("qua_han", "OD", 19), ("giai_trinh", "OD", None),
        ]  # fmt: skip
        assert items_of(day8)["uyvien"] == DECISIONS  # every 7 days while waiting


@ONE_ENGINE
def test_a_server_that_refuses_leaves_the_items_for_the_next_run(store, capsys, smtp_env):
    with smtp_sink(refuse=True) as (sink, port):
        smtp_env(port)
        code, payload, err = remind(store, capsys, "--today", "2026-12-02")
    assert code == 1
    assert payload["failed"] == 3 and payload["sent"] == 2  # the two inbox-only messages
    assert "truongban" in err and "uyvien" in err and "vanthu" in err
    assert sink.received == []
    with open_db(store) as con:
        assert con.execute("SELECT DISTINCT user_name FROM reminders_sent ORDER BY 1").fetchall() \
            == [("phoban",), ("quantri",)]  # fmt: skip
    with smtp_sink() as (sink, port):
        smtp_env(port)
        code, payload, _ = remind(store, capsys, "--today", "2026-12-02")
    assert code == 0
    assert sorted(items_of(payload)) == ["truongban", "uyvien", "vanthu"]
    assert len(sink.received) == 3


@ONE_ENGINE
def test_a_dry_run_sends_and_records_nothing(store, capsys, smtp_env):
    with smtp_sink() as (sink, port):
        smtp_env(port)
        code, payload, _ = remind(store, capsys, "--today", "2026-12-02", "--dry-run")
        assert code == 0 and payload["sent"] == 0
        assert items_of(payload)["truongban"] == TRUONGBAN_DAY_1
        assert sink.received == []
    with open_db(store) as con:
        assert con.execute("SELECT count(*) FROM reminders_sent").fetchone() == (0,)
        assert con.execute("SELECT count(*) FROM inbox").fetchone() == (0,)


@pytest.mark.parametrize(
    ("kind", "today", "expected"),
    [
        # M reported on 10/11/2026 only. Monthly: on 14/12 the last ended month ran
        # 15/10-14/11 (reported); on 15/12 it ran 15/11-14/12 (nothing).
        ("monthly", "2026-12-14", []),
        ("monthly", "2026-12-15", [("chua_bao_cao", "M", None)]),
        # Quarterly: on 14/12 the last ended quarter ran 15/06-14/09 (nothing); on 15/12
        # it ran 15/09-14/12 (reported).
        ("quarterly", "2026-12-14", [("chua_bao_cao", "M", None)]),
        ("quarterly", "2026-12-15", []),
    ],
)
def test_a_missing_report_follows_the_reporting_calendar(
    tmp_path, capsys, monkeypatch, kind, today, expected
):
    where = str(tmp_path / "calendar.duckdb")
    with open_db(where, create=True):
        pass
    accounts.add_user(where, "truongban", "official", PASSWORD, body="KTNS",
                      position="Trưởng ban", actor="t", channel="cli")  # fmt: skip
    tasks = ("ma_nhiem_vu,ten_nhiem_vu,co_quan,chuc_danh,linh_vuc,ky,ngay_giao,han_hoan_thanh\n"
             "M,Giám sát,KTNS,Trưởng ban,giam_sat,2026-2030,05/01/2026,30/06/2028\n")  # fmt: skip
    reports = "ma_nhiem_vu,ngay_bao_cao,tien_do\nM,10/11/2026,30\n"
    for data in (tasks, reports):
        assert import_file(data.encode(), where, file_name="x.csv", user="t", today=TODAY).ok
    monkeypatch.setenv("TRACKER_REPORTING", kind)
    monkeypatch.delenv("TRACKER_SMTP_HOST", raising=False)
    code, payload, _ = remind(where, capsys, "--today", today)
    assert code == 0
    assert items_of(payload).get("truongban", []) == expected
