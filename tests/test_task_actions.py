"""The ``task`` command (CONTRACT.md section 5): every action by the roles allowed to do it,
and every refusal of its table (role, not own task, wrong state, unknown task, bad value),
each leaving the store exactly as it was. Run on a DuckDB file and on PostgreSQL."""

from __future__ import annotations

import json
import shutil
from datetime import date
from pathlib import Path

import pytest

from analytics import accounts
from analytics.cli import main
from analytics.importing import import_file
from analytics.store import catalogue
from analytics.store.connection import open_db

PASSWORD = "Ngua-Sat-2026-Long"  # a test password, never a real one
T0 = accounts.now()

# The rules run on a PostgreSQL store's DuckDB copy: the whole scenario and every refusal
# run on both engines, the finer cases on a DuckDB file only.
ONE_ENGINE = pytest.mark.parametrize("engine", ["duckdb"])

# Accounts: name -> (role, staff bodies, official body, official position).
ACCOUNTS = {
    "quantri": ("admin", (), None, None),
    "uyvien": ("committee", (), None, None),
    "phantich": ("analyst", (), None, None),
    "vanthu": ("staff", ("KTNS",), None, None),
    "vanthu.vhxh": ("staff", ("VHXH",), None, None),
    "vanthu.chung": ("staff", (), None, None),
    "truongban": ("official", (), "KTNS", "Trưởng ban"),
    "phoban": ("official", (), "KTNS", "Phó Trưởng ban"),
    "truongban.vhxh": ("official", (), "VHXH", "Trưởng ban"),
    "nghiviec": ("staff", ("KTNS",), None, None),
}

# K1: the KTNS head's assigned task (due 30/09/2026); V1: the VHXH head's; R1 registered,
# P1 proposed (both the KTNS head's); D1 done on 15/06/2026; W1 proposed, due 30/11/2026.
TASKS_CSV = """\
ma_nhiem_vu,ten_nhiem_vu,co_quan,chuc_danh,linh_vuc,ky,ngay_giao,han_hoan_thanh,trang_thai_giao
K1,Giám sát vốn đầu tư công,KTNS,Trưởng ban,dau_tu_cong,2026,05/01/2026,30/09/2026,Đã giao
V1,Giám sát giáo dục,VHXH,Trưởng ban,giam_sat,2026,05/01/2026,30/09/2026,Đã giao
R1,Chất vấn tín dụng,KTNS,Trưởng ban,chat_van,2026,02/11/2026,31/12/2026,Đăng ký
P1,Giám sát thu ngân sách,KTNS,Trưởng ban,giam_sat,2026,02/11/2026,31/12/2026,Đề xuất
D1,Khảo sát chợ,KTNS,Trưởng ban,giam_sat,2026,05/01/2026,30/09/2026,Đã giao
W1,Giám sát bến xe,KTNS,Trưởng ban,giam_sat,2026,02/11/2026,30/11/2026,Đề xuất
"""
REPORTS_CSV = """ma_nhiem_vu,ngay_bao_cao,tien_do
K1,01/04/2026,30
D1,15/06/2026,100
"""


def _build(where: str) -> None:
    with open_db(where, create=True):
        pass
    for name, (role, bodies, body, position) in ACCOUNTS.items():
        accounts.add_user(
            where, name, role, PASSWORD, bodies, body=body, position=position,
            actor="test", channel="cli", when=T0,
        )  # fmt: skip
    accounts.set_disabled(where, "nghiviec", actor="test", channel="cli", when=T0)
    for data, name in ((TASKS_CSV, "nv.csv"), (REPORTS_CSV, "td.csv")):
        result = import_file(data.encode(), where, file_name=name, user="test",
                             today=date(2026, 12, 1))  # fmt: skip
        assert result.ok, result.errors


@pytest.fixture(scope="module")
def _templates(tmp_path_factory: pytest.TempPathFactory, request: pytest.FixtureRequest) -> dict:
    """The scenario, made once per engine and copied by each test."""
    made: dict[str, str] = {}
    path = tmp_path_factory.mktemp("actions") / "scenario.duckdb"
    _build(str(path))
    made["duckdb"] = str(path)
    return made


@pytest.fixture
def store(engine: str, _templates: dict, request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if engine == "duckdb":
        target = tmp_path / "store.duckdb"
        shutil.copy(_templates["duckdb"], target)
        return str(target)
    server = request.getfixturevalue("postgres")
    if "postgresql" not in _templates:
        template = server.create_database()
        _build(template)
        from analytics.store.connection import forget_stores

        forget_stores()  # a template must have no open connection
        _templates["postgresql"] = template
    return server.create_database(template=_templates["postgresql"].rsplit("/", 1)[1])


def task(store: str, capsys, *args: str) -> tuple[int, dict | None, str]:
    code = main(["task", *args, "--db", store])
    out, err = capsys.readouterr()
    return code, (json.loads(out) if out.strip() else None), err


def everything(store: str) -> dict[str, list]:
    """Every row of every table, in a fixed order."""
    with open_db(store) as con:
        return {
            table: con.execute(
                "SELECT * FROM " + catalogue.quoted(table) + " ORDER BY ALL"
            ).fetchall()
            for table in catalogue.table_names(con)
        }


# --- a task's whole life -----------------------------------------------------------------


def test_a_task_goes_through_the_whole_cycle_by_four_accounts(store, capsys):
    steps = [
        ("register", "N1", "--title", "Giám sát chợ đầu mối", "--body", "KTNS",
         "--position", "Trưởng ban", "--area", "giam_sat", "--period", "2026",
         "--due", "30/11/2026", "--description", "Khảo sát 3 chợ", "--user", "truongban",
         "--on", "2026-03-02"),
        ("propose", "N1", "--user", "vanthu", "--on", "2026-03-03"),
        ("assign", "N1", "--assigner", "Thường trực HĐND", "--user", "uyvien",
         "--on", "2026-03-05"),
        ("report", "N1", "--progress", "40", "--evidence", "https://so.example.vn/bc/12",
         "--note", "Đã khảo sát 1 chợ", "--user", "truongban", "--on", "2026-04-01"),
        ("ask", "N1", "--text", "Vì sao mới khảo sát 1 chợ?", "--user", "uyvien",
         "--on", "2026-05-04"),
        ("answer", "N1", "--text", "Chờ kinh phí quý II", "--user", "truongban",
         "--on", "2026-05-06"),
        ("extend", "N1", "--due", "2027-03-31", "--reason", "Kinh phí cấp chậm",
         "--user", "truongban", "--on", "2026-06-01"),
        ("approve-extension", "N1", "--user", "uyvien", "--on", "2026-06-08"),
        ("comment", "N1", "--text", "Theo dõi sát", "--user", "phantich", "--on", "2026-06-09"),
    ]  # fmt: skip
    for step in steps:
        code, payload, err = task(store, capsys, *step)
        assert code == 0, (step[0], err)
        assert payload["status"] == "ok" and payload["task"] == "N1"

    code, history, _ = task(store, capsys, "history", "N1")
    assert code == 0
    events = [(e["on"], e["kind"], e["user"]) for e in history["events"]]
    assert events == [
        ("2026-03-02", "register", "truongban"),
        ("2026-03-03", "propose", "vanthu"),
        ("2026-03-05", "assign", "uyvien"),
        ("2026-04-01", "report", "truongban"),
        ("2026-05-04", "ask", "uyvien"),
        ("2026-05-06", "answer", "truongban"),
        ("2026-06-01", "extend", "truongban"),
        ("2026-06-08", "approve_extension", "uyvien"),
        ("2026-06-09", "comment", "phantich"),
    ]
    detail = {e["kind"]: e["detail"] for e in history["events"]}
    assert detail["register"]["after"]["assignment_state"] == "dang_ky"
    assert detail["register"]["after"]["assigned_on"] == "2026-03-02"
    assert detail["assign"]["before"] == {"state": "de_xuat", "assigned_on": "2026-03-02"}
    assert detail["assign"]["after"] == {
        "state": "da_giao", "assigned_on": "2026-03-05", "assigner": "Thường trực HĐND"
    }  # fmt: skip
    assert detail["report"]["before"] is None
    assert detail["report"]["after"]["progress"] == 40
    assert detail["report"]["after"]["evidence"] == "https://so.example.vn/bc/12"
    assert detail["answer"]["question"] == "Vì sao mới khảo sát 1 chợ?"
    assert detail["extend"]["due_in_force"] == "2026-11-30"
    assert detail["approve_extension"]["before"] == {"due": "2026-11-30"}
    assert detail["approve_extension"]["after"] == {"due": "2027-03-31"}

    with open_db(store) as con:
        stored = con.execute(
            "SELECT assignment_state, assigned_on, due_on, assigner FROM tasks WHERE code = 'N1'"
        ).fetchall()
        assert [(s, str(a), str(d), g) for s, a, d, g in stored] == [
            ("da_giao", "2026-03-05", "2026-11-30", "Thường trực HĐND")
        ]  # the task's own deadline stays; the approved one is in ``extensions``
        assert con.execute(
            "SELECT decision, CAST(decided_on AS VARCHAR), decided_by FROM extensions"
        ).fetchall() == [("da_duyet", "2026-06-08", "uyvien")]
        assert con.execute("SELECT answered_by, answer FROM explanations").fetchall() == [
            ("truongban", "Chờ kinh phí quý II")
        ]
        audit = con.execute(
            "SELECT actor, action, target, channel FROM audit WHERE action LIKE 'task.%' "
            "ORDER BY id"
        ).fetchall()
    assert [a[1] for a in audit] == [f"task.{kind}" for _, kind, _ in events]
    assert {(a[2], a[3]) for a in audit} == {("N1", "cli")}

    # The figures as of 01/12/2026, Ban Kinh tế - Ngân sách (KTNS): K1 (30 %, due 30/09:
    # overdue), D1 (done 15/06, due 30/09: on time), N1 (40 %; its own deadline 30/11 has
    # passed, but the one in force since 08/06 is 31/03/2027: in progress, extended).
    # R1, P1 and W1 are not assigned.
    assert main(["summary", "--by", "body", "--as-of", "2026-12-01", "--db", store]) == 0
    (ktns,) = [g for g in json.loads(capsys.readouterr()[0])["groups"] if g["key"] == "KTNS"]
    assert (ktns["tasks"], ktns["qua_han"], ktns["hoan_thanh_dung_han"],
            ktns["dang_thuc_hien"], ktns["extended"]) == (3, 1, 1, 1, 1)  # fmt: skip


@ONE_ENGINE
def test_each_action_raises_the_data_version_by_one(store, capsys):
    def version() -> int:
        with open_db(store) as con:
            row = con.execute("SELECT value FROM meta WHERE key = 'data_version'").fetchone()
        return int(row[0])

    start = version()
    assert task(store, capsys, "comment", "K1", "--text", "Một", "--user", "uyvien")[0] == 0
    assert version() == start + 1
    assert task(store, capsys, "propose", "R1", "--user", "uyvien", "--on", "2026-11-20")[0] == 0
    assert version() == start + 2


@ONE_ENGINE
def test_a_second_report_of_the_same_day_replaces_the_first_and_keeps_both_events(store, capsys):
    first = ("report", "K1", "--progress", "50", "--note", "Lần đầu", "--user", "truongban",
             "--on", "2026-06-30")  # fmt: skip
    second = ("report", "K1", "--progress", "60", "--user", "vanthu", "--on", "2026-06-30")
    assert task(store, capsys, *first)[0] == 0
    code, payload, _ = task(store, capsys, *second)
    assert code == 0
    # The second replaces the whole report: its empty note empties the first's.
    assert payload["detail"]["before"]["progress"] == 50
    assert payload["detail"]["before"]["note"] == "Lần đầu"
    assert payload["detail"]["after"]["progress"] == 60
    assert payload["detail"]["after"]["note"] is None
    with open_db(store) as con:
        assert con.execute(
            "SELECT progress, note, reporter FROM progress p JOIN tasks t ON t.id = p.task_id "
            "WHERE t.code = 'K1' AND report_date = DATE '2026-06-30'"
        ).fetchall() == [(60.0, None, "vanthu")]
    kinds = [e["kind"] for e in task(store, capsys, "history", "K1")[1]["events"]]
    # The two reports by hand happened on 30/06/2026; K1 and its 01/04 report came by file
    # when the scenario was made (today), so later.
    assert kinds == ["report", "report", "import", "import"]


def test_a_report_by_hand_is_an_import_that_can_be_undone(store, capsys):
    assert task(store, capsys, "report", "K1", "--progress", "45", "--user", "truongban",
                "--on", "2026-07-01")[0] == 0  # fmt: skip
    assert main(["imports", "--db", store]) == 0
    newest = json.loads(capsys.readouterr()[0])["imports"][0]
    assert (newest["user"], newest["kind"], newest["rows"]) == ("truongban", "progress", 1)
    assert main(["undo", str(newest["id"]), "--user", "quantri", "--db", store]) == 0
    capsys.readouterr()
    events = task(store, capsys, "history", "K1")[1]["events"]
    # The report happened on 01/07/2026; the scenario's two files and the undo today.
    assert [e["kind"] for e in events] == ["report", "import", "import", "undo"]
    assert events[-1]["user"] == "quantri"


@ONE_ENGINE
def test_returning_a_task_keeps_the_reason_and_the_official_can_read_it(store, capsys):
    code, payload, _ = task(store, capsys, "return", "P1", "--reason", "Trùng với nhiệm vụ K1",
                            "--user", "uyvien", "--on", "2026-11-20")  # fmt: skip
    assert code == 0 and payload["detail"]["after"] == {"state": "tra_lai"}
    with open_db(store) as con:
        assert con.execute(
            "SELECT assignment_state, return_reason FROM tasks WHERE code = 'P1'"
        ).fetchall() == [("tra_lai", "Trùng với nhiệm vụ K1")]


@ONE_ENGINE
def test_a_refused_extension_and_then_a_new_request(store, capsys):
    ok = [
        ("extend", "K1", "--due", "2026-12-31", "--reason", "Chờ vốn", "--user", "truongban",
         "--on", "2026-09-01"),
        ("refuse-extension", "K1", "--reason", "Không đủ căn cứ", "--user", "uyvien",
         "--on", "2026-09-03"),
        ("extend", "K1", "--due", "2026-11-30", "--reason", "Bổ sung căn cứ", "--user", "vanthu",
         "--on", "2026-09-05"),
    ]  # fmt: skip
    for step in ok:
        assert task(store, capsys, *step)[0] == 0, step
    with open_db(store) as con:
        assert con.execute(
            "SELECT decision, decision_reason, requested_by FROM extensions ORDER BY id"
        ).fetchall() == [("tu_choi", "Không đủ căn cứ", "truongban"),
                         ("cho_duyet", None, "vanthu")]  # fmt: skip


@ONE_ENGINE
def test_answers_go_to_the_oldest_open_request(store, capsys):
    for text, day in (("Câu một", "2026-07-01"), ("Câu hai", "2026-07-02")):
        assert task(store, capsys, "ask", "K1", "--text", text, "--user", "phantich",
                    "--on", day)[0] == 0  # fmt: skip
    code, payload, _ = task(store, capsys, "answer", "K1", "--text", "Trả lời", "--user",
                            "vanthu.chung", "--on", "2026-07-03")  # fmt: skip
    assert code == 0 and payload["detail"]["question"] == "Câu một"
    with open_db(store) as con:
        assert con.execute("SELECT question, answer FROM explanations ORDER BY id").fetchall() == [
            ("Câu một", "Trả lời"),
            ("Câu hai", None),
        ]


def test_in_local_mode_any_name_acts_as_an_admin(empty_store, capsys):
    csv = TASKS_CSV.encode()
    assert import_file(csv, empty_store, file_name="nv.csv", user="t", today=date(2026, 12, 1)).ok
    code, _, err = task(empty_store, capsys, "assign", "R1", "--user", "ai.do",
                              "--on", "2026-11-20")  # fmt: skip
    assert code == 0, err
    # The admin's rights, not more: asking for an extension is an official's or staff's.
    code, _, err = task(empty_store, capsys, "extend", "K1", "--due", "2026-12-31",
                        "--reason", "x", "--user", "ai.do")  # fmt: skip
    assert code == 1 and "Quản trị" in err


# --- every refusal leaves the store as it was --------------------------------------------

_REGISTER = ("--title", "Mới", "--body", "KTNS", "--position", "Trưởng ban", "--area",
             "giam_sat", "--period", "2026", "--due", "2026-12-31")  # fmt: skip

REFUSALS = {
    # role
    "analyst registers": ("register", "N2", *_REGISTER, "--user", "phantich"),
    "committee registers": ("register", "N2", *_REGISTER, "--user", "uyvien"),
    "official proposes": ("propose", "R1", "--user", "truongban"),
    "analyst proposes": ("propose", "R1", "--user", "phantich"),
    "staff assigns": ("assign", "P1", "--user", "vanthu"),
    "official assigns": ("assign", "P1", "--user", "truongban"),
    "staff returns": ("return", "P1", "--reason", "x", "--user", "vanthu"),
    "committee reports": ("report", "K1", "--progress", "50", "--user", "uyvien"),
    "analyst reports": ("report", "K1", "--progress", "50", "--user", "phantich"),
    "committee asks for an extension": ("extend", "K1", "--due", "2026-12-31",
                                        "--reason", "x", "--user", "uyvien"),
    "admin asks for an extension": ("extend", "K1", "--due", "2026-12-31", "--reason", "x",
                                    "--user", "quantri"),
    "official approves": ("approve-extension", "K1", "--user", "truongban"),
    "staff refuses an extension": ("refuse-extension", "K1", "--reason", "x",
                                   "--user", "vanthu"),
    "official asks": ("ask", "K1", "--text", "?", "--user", "truongban"),
    "staff asks": ("ask", "K1", "--text", "?", "--user", "vanthu"),
    "committee answers": ("answer", "K1", "--text", "!", "--user", "uyvien"),
    # not own task
    "official reports another body's task": ("report", "V1", "--progress", "50",
                                             "--user", "truongban"),
    "official reports another position's task": ("report", "K1", "--progress", "50",
                                                 "--user", "phoban"),
    "staff reports another body's task": ("report", "K1", "--progress", "50",
                                          "--user", "vanthu.vhxh"),
    "staff proposes another body's task": ("propose", "R1", "--user", "vanthu.vhxh"),
    "official registers for another position": ("register", "N2", *_REGISTER,
                                                "--user", "phoban"),
    "staff registers for another body": ("register", "N2", *_REGISTER,
                                         "--user", "vanthu.vhxh"),
    "official asks another's extension": ("extend", "V1", "--due", "2026-12-31",
                                          "--reason", "x", "--user", "truongban"),
    # state
    "register an existing code": ("register", "K1", *_REGISTER, "--user", "quantri"),
    "propose an assigned task": ("propose", "K1", "--user", "uyvien"),
    "propose a proposed task": ("propose", "P1", "--user", "uyvien"),
    "assign an assigned task": ("assign", "K1", "--user", "uyvien"),
    "return an assigned task": ("return", "K1", "--reason", "x", "--user", "uyvien"),
    "report on a registered task": ("report", "R1", "--progress", "10",
                                    "--user", "truongban"),
    "extension of a registered task": ("extend", "R1", "--due", "2027-01-31",
                                       "--reason", "x", "--user", "truongban"),
    "extension of a done task": ("extend", "D1", "--due", "2026-12-31", "--reason", "x",
                                 "--user", "truongban"),
    "approve with no request": ("approve-extension", "K1", "--user", "uyvien"),
    "refuse with no request": ("refuse-extension", "K1", "--reason", "x", "--user", "uyvien"),
    "answer with no request": ("answer", "K1", "--text", "!", "--user", "truongban"),
    "ask about a done task": ("ask", "D1", "--text", "?", "--user", "uyvien"),
    "ask about a registered task": ("ask", "R1", "--text", "?", "--user", "uyvien"),
    "assign after the deadline": ("assign", "W1", "--user", "uyvien", "--on", "2026-12-01"),
    # unknown task or account
    "unknown task": ("report", "KHONG-CO", "--progress", "10", "--user", "truongban"),
    "unknown task comment": ("comment", "KHONG-CO", "--text", "x", "--user", "uyvien"),
    "unknown account": ("comment", "K1", "--text", "x", "--user", "ai.do"),
    "disabled account": ("comment", "K1", "--text", "x", "--user", "nghiviec"),
    # bad values
    "progress above 100": ("report", "K1", "--progress", "120", "--user", "truongban"),
    "progress not a number": ("report", "K1", "--progress", "nhiều", "--user", "truongban"),
    "done with 50": ("report", "K1", "--progress", "50", "--status", "Hoàn thành",
                     "--user", "truongban"),
    "evidence a script link": ("report", "K1", "--progress", "50", "--evidence",
                               "javascript:alert(1)", "--user", "truongban"),
    "evidence free words": ("report", "K1", "--progress", "50", "--evidence",
                            "xem tệp đính kèm", "--user", "truongban"),
    "extension not later": ("extend", "K1", "--due", "2026-09-30", "--reason", "x",
                            "--user", "truongban"),
    "extension not a date": ("extend", "K1", "--due", "31/02/2027", "--reason", "x",
                             "--user", "truongban"),
    "empty reason": ("return", "P1", "--reason", "   ", "--user", "uyvien"),
    "empty comment": ("comment", "K1", "--text", "", "--user", "uyvien"),
    "comment too long": ("comment", "K1", "--text", "x" * 2001, "--user", "uyvien"),
    "unknown area": ("register", "N2", "--title", "Mới", "--body", "KTNS", "--position",
                     "Trưởng ban", "--area", "khong_co", "--period", "2026",
                     "--due", "2026-12-31", "--user", "quantri"),
    "unknown body": ("register", "N2", "--title", "Mới", "--body", "XYZ", "--position",
                     "Trưởng ban", "--area", "giam_sat", "--period", "2026",
                     "--due", "2026-12-31", "--user", "quantri"),
    "deadline before registration": ("register", "N2", "--title", "Mới", "--body", "KTNS",
                                     "--position", "Trưởng ban", "--area", "giam_sat",
                                     "--period", "2026", "--due", "2026-01-31",
                                     "--user", "quantri", "--on", "2026-03-01"),
    "a day in the future": ("comment", "K1", "--text", "x", "--user", "uyvien",
                            "--on", "2099-01-01"),
}  # fmt: skip


def test_every_refusal_exits_1_with_one_line_and_writes_nothing(store, capsys):
    # One store for all the cases: each must leave it exactly as it was, so the next one
    # meets the same store (and a case that wrote would show here, named).
    before = everything(store)
    wrong = []
    for case, args in REFUSALS.items():
        code, payload, err = task(store, capsys, *args)
        if code != 1 or payload is not None or len(err.strip().splitlines()) != 1:
            wrong.append((case, code, err))
        elif everything(store) != before:
            wrong.append((case, "wrote", err))
            before = everything(store)
    assert wrong == []


@ONE_ENGINE
def test_extension_refusals_that_need_a_request_first(store, capsys):
    assert task(store, capsys, "extend", "K1", "--due", "2026-12-31", "--reason", "Chờ vốn",
                "--user", "truongban", "--on", "2026-09-10")[0] == 0  # fmt: skip
    before = everything(store)
    for step in (
        ("extend", "K1", "--due", "2027-01-31", "--reason", "y", "--user", "vanthu"),  # one open
        ("approve-extension", "K1", "--user", "uyvien", "--on", "2026-09-09"),  # before request
        ("refuse-extension", "K1", "--reason", " ", "--user", "uyvien"),  # no reason
    ):
        code, _, err = task(store, capsys, *step)
        assert code == 1 and len(err.strip().splitlines()) == 1, (step, err)
    assert everything(store) == before


@ONE_ENGINE
def test_history_of_an_unknown_task_is_refused(store, capsys):
    code, payload, err = task(store, capsys, "history", "KHONG-CO")
    assert code == 1 and payload is None and "KHONG-CO" in err


def test_an_import_whose_task_was_acted_on_cannot_be_undone(store, capsys):
    # Import 1 (the scenario's tasks file) added R1; the committee then proposes it. Import 2
    # (the reports) is undone first: it would stand in the way on its own.
    assert task(store, capsys, "propose", "R1", "--user", "uyvien", "--on", "2026-11-20")[0] == 0
    assert main(["undo", "2", "--user", "quantri", "--db", store]) == 0
    capsys.readouterr()
    before = everything(store)
    assert main(["undo", "1", "--user", "quantri", "--db", store]) == 1
    out, err = capsys.readouterr()
    assert json.loads(out)["status"] == "refused" and "R1" in err
    assert everything(store) == before


@ONE_ENGINE
def test_a_registration_by_hand_can_be_undone_until_the_task_is_acted_on(store, capsys):
    register = ("register", "N3", *_REGISTER, "--user", "truongban", "--on", "2026-11-02")
    assert task(store, capsys, *register)[0] == 0
    main(["imports", "--db", store])
    newest = json.loads(capsys.readouterr()[0])["imports"][0]
    assert (newest["user"], newest["kind"], newest["inserted"]) == ("truongban", "tasks", 1)
    assert task(store, capsys, "comment", "N3", "--text", "Xem lại", "--user", "uyvien")[0] == 0
    assert main(["undo", str(newest["id"]), "--user", "quantri", "--db", store]) == 1
    capsys.readouterr()
