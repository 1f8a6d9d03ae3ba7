"""Accounts: hashes, lockout, idle expiry, the audit log, the body scope of an import, the CLI."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

import duckdb
import pandas as pd
import pytest
from argon2 import PasswordHasher

from analytics import accounts
from analytics.cli import main
from analytics.importing import import_file
from analytics.store.connection import open_db
from tests.conftest import ROOT, run_cli_env
from tests.importing.helpers import PROGRESS_HEADER, TASKS_HEADER, csv_bytes

PASSWORD = "Ngua-Sat-2026-Long"  # a test password, never a real one
T0 = datetime(2026, 11, 2, 8, 0, 0)


@pytest.fixture(autouse=True)
def cheap_hashes(monkeypatch):
    """argon2 at its lightest for speed; the stored text is still a real argon2id hash."""
    monkeypatch.setattr(accounts, "HASHER", PasswordHasher(time_cost=1, memory_cost=1024))
    monkeypatch.setattr(accounts, "_dummy", [])


@pytest.fixture
def db(empty_store: str) -> Path | str:
    """A new store with no account, on each engine (a DuckDB file, PostgreSQL)."""
    return Path(empty_store) if "://" not in empty_store else empty_store


def add(db: Path, name: str = "thuky", role: str = "admin", bodies=(), password=PASSWORD):
    return accounts.add_user(db, name, role, password, bodies, actor="test", when=T0)


def sign_in(db: Path, name: str, password: str, minutes: float = 0) -> accounts.SignIn:
    return accounts.authenticate(db, name, password, when=T0 + timedelta(minutes=minutes))


def audit_actions(db: Path) -> list[tuple[str, str]]:
    log = accounts.audit_log(db)
    return list(zip(log["actor"], log["action"], strict=True))[::-1]


# --- hashes ------------------------------------------------------------------------------


@pytest.fixture
def file_db(tmp_path) -> Path:
    path = tmp_path / "accounts.duckdb"
    with open_db(path, create=True):
        pass
    return path


def test_the_database_file_holds_a_hash_and_never_a_password(file_db):
    db = file_db
    add(db, "thuky")
    sign_in(db, "thuky", "Sai-Mat-Khau-123")  # a wrong one must not be kept either
    assert sign_in(db, "thuky", PASSWORD).ok
    accounts.set_password(db, "thuky", PASSWORD + "-moi", actor="test")
    with duckdb.connect(str(db)) as con:
        stored = con.execute("SELECT password_hash FROM users").fetchall()[0][0]
        con.execute("CHECKPOINT")
    assert stored.startswith("$argon2id$")
    wal = db.with_name(db.name + ".wal")
    raw = db.read_bytes() + (wal.read_bytes() if wal.exists() else b"")
    for secret in (PASSWORD, PASSWORD + "-moi", "Sai-Mat-Khau-123"):
        assert secret.encode() not in raw
        assert secret.encode("utf-16-le") not in raw


def test_two_accounts_with_one_password_get_different_hashes(db):
    add(db, "mot")
    add(db, "hai", role="analyst")
    with open_db(db) as con:
        hashes = [r[0] for r in con.execute("SELECT password_hash FROM users").fetchall()]
    assert len(set(hashes)) == 2  # a salt per hash


def test_names_are_folded_and_checked(db):
    account = add(db, "  VanThu.TongHop ")
    assert account.name == "vanthu.tonghop"
    assert sign_in(db, "VANTHU.tonghop", PASSWORD).ok
    for bad in ("a", "văn thư", "x" * 65, "@local", "ten:co"):
        with pytest.raises(accounts.AccountError) as error:
            add(db, bad)
        assert error.value.code == "bad_name"
    with pytest.raises(accounts.AccountError) as error:
        add(db, "vanthu.tonghop")
    assert error.value.code == "name_taken"


def test_weak_passwords_are_refused(db):
    for password, code in (("ngan", "short_password"), ("x" * 300, "long_password"),
                           ("thuky-2026-abc", "name_in_password")):  # fmt: skip
        with pytest.raises(accounts.AccountError) as error:
            add(db, "thuky", password=password)
        assert error.value.code == code


# --- officials and e-mails --------------------------------------------------------------


def stored(db) -> tuple[list[tuple], int]:
    """Every account's columns but the hash, and how many audit lines there are."""
    with open_db(db) as con:
        users = con.execute(
            "SELECT name, role, bodies, body_code, position, email, reminders, updated_at "
            "FROM users ORDER BY name"
        ).fetchall()
        lines = con.execute("SELECT count(*) FROM audit").fetchall()[0][0]
    return users, lines


def add_official(db, name="cb.ktns", body="KTNS", position="Trưởng ban", email=None):
    return accounts.add_user(db, name, "official", PASSWORD, body=body, position=position,
                             email=email, actor="test", when=T0)  # fmt: skip


def test_an_official_is_bound_to_one_body_and_one_position(db):
    made = add_official(db, body="ktns", email="  CB.Ktns@HDND.Gov.VN ")
    assert (made.role, made.body, made.position, made.email, made.bodies) == (
        "official",
        "KTNS",
        "Trưởng ban",
        "cb.ktns@hdnd.gov.vn",
        (),
    )
    listed = accounts.list_users(db).set_index("name").loc["cb.ktns"]
    assert (listed["role"], listed["bodies"], listed["body_code"], listed["position"],
            listed["email"], bool(listed["reminders"])) == (
        "official", "", "KTNS", "Trưởng ban", "cb.ktns@hdnd.gov.vn", True)  # fmt: skip
    log = accounts.audit_log(db)
    assert list(log["detail"]) == [
        "role=official body=KTNS position=Trưởng ban email=cb.ktns@hdnd.gov.vn"
    ]
    assert sign_in(db, "cb.ktns", PASSWORD).ok
    # What an official may do: every page a committee member opens, no export, no upload.
    assert accounts.Account("cb.ktns", "official").can("export") is False
    assert {p for p in accounts.PAGE_ROLES if accounts.may_open("official", p)} == {
        p for p in accounts.PAGE_ROLES if accounts.may_open("committee", p)}  # fmt: skip


def test_any_role_may_have_an_e_mail(db):
    made = accounts.add_user(db, "phantich", "analyst", PASSWORD, email="Phan.Tich@Tinh.VN",
                             actor="test", when=T0)  # fmt: skip
    assert made.email == "phan.tich@tinh.vn"
    assert accounts.list_users(db)["email"].tolist() == ["phan.tich@tinh.vn"]


@pytest.mark.parametrize(
    ("role", "changes", "code"),
    [
        ("official", {"body": None}, "official_needs_body"),
        ("official", {"position": None}, "official_needs_position"),
        ("official", {"body": "XX"}, "unknown_body"),
        ("official", {"position": "Trưởng phòng không có"}, "unknown_position"),
        ("analyst", {"body": None}, "position_not_official"),
        ("staff", {"position": None, "body": "KTNS"}, "bodies_not_staff"),
        ("official", {"email": "a@"}, "bad_email"),
        ("official", {"email": "a b@c.vn"}, "bad_email"),
        ("official", {"email": "Cán Bộ <cb@c.vn>"}, "bad_email"),
        ("official", {"email": "x" * 250 + "@c.vn"}, "bad_email"),  # 255 characters
    ],
)
def test_a_refused_account_leaves_the_store_unchanged(db, role, changes, code):
    add(db, "quantri")
    before = stored(db)
    values = {"body": "KTNS", "position": "Trưởng ban", "email": None} | changes
    with pytest.raises(accounts.AccountError) as error:
        accounts.add_user(db, "moi", role, PASSWORD, actor="test", when=T0, **values)
    assert error.value.code == code
    assert error.value.message("vi") and error.value.message("en")
    assert stored(db) == before


def test_an_e_mail_of_254_characters_is_the_longest_kept(db):
    longest = "x" * 248 + "@c.vn"  # 248 + 5 = 253 characters; one more letter makes 254
    assert len("y" + longest) == 254
    assert add_official(db, email="y" + longest).email == "y" + longest


def test_an_e_mail_is_changed_removed_and_reminders_turned_off(db):
    add_official(db, email="cb@tinh.vn")
    later = T0 + timedelta(days=1)
    accounts.edit_user(db, "CB.KTNS", email="Moi@Tinh.VN", actor="test", when=later)
    assert stored(db)[0][0][5:] == ("moi@tinh.vn", True, later)
    with pytest.raises(accounts.AccountError) as error:
        accounts.edit_user(db, "cb.ktns", email="moi@", actor="test", when=later)
    assert error.value.code == "bad_email"
    with pytest.raises(accounts.AccountError) as error:
        accounts.edit_user(db, "khongco", email="a@b.vn", actor="test", when=later)
    assert error.value.code == "unknown_user"
    accounts.edit_user(db, "cb.ktns", email=None, reminders=False, actor="test", when=later)
    assert stored(db)[0][0][5:] == (None, False, later)
    log = accounts.audit_log(db)
    assert list(log["detail"])[::-1][1:] == ["email=moi@tinh.vn", "email removed",
                                             "reminders=off"]  # fmt: skip


# --- lockout -----------------------------------------------------------------------------


def test_five_wrong_passwords_lock_the_account_for_fifteen_minutes(db):
    add(db, "thuky")
    for i in range(5):
        assert sign_in(db, "thuky", f"sai-{i}-xxxxxxx", minutes=i).reason == "wrong_password"
    # Locked from minute 4 to minute 19: even the right password is refused.
    assert sign_in(db, "thuky", PASSWORD, minutes=5).reason == "locked"
    assert sign_in(db, "thuky", PASSWORD, minutes=18.9).reason == "locked"
    assert sign_in(db, "thuky", PASSWORD, minutes=19).ok
    actions = [a for _, a in audit_actions(db)]
    assert actions.count("signin_failed") == 7 and actions.count("lockout") == 1
    assert actions[-1] == "signin"


def test_a_success_clears_the_count_so_only_five_in_a_row_lock(db):
    add(db, "thuky")
    for i in range(4):
        sign_in(db, "thuky", "sai-mat-khau-x", minutes=i)
    assert sign_in(db, "thuky", PASSWORD, minutes=5).ok
    for i in range(4):
        sign_in(db, "thuky", "sai-mat-khau-x", minutes=6 + i)
    assert sign_in(db, "thuky", PASSWORD, minutes=11).ok


def test_the_answer_never_tells_whether_a_name_exists(db):
    add(db, "thuky")
    add(db, "nghi", role="analyst")
    accounts.set_disabled(db, "nghi", actor="test")
    unknown = sign_in(db, "khongco", PASSWORD)
    wrong = sign_in(db, "thuky", "sai-mat-khau-x")
    disabled = sign_in(db, "nghi", PASSWORD)
    for outcome in (unknown, wrong, disabled):
        assert not outcome.ok and outcome.account is None
    # The reasons differ only in the audit log; the unknown name is kept as a fingerprint.
    log = accounts.audit_log(db)
    failed = log[log["action"] == "signin_failed"]
    assert "khongco" not in " ".join(failed["actor"]) + " ".join(failed["detail"].fillna(""))


def test_a_new_password_clears_a_lock(db):
    add(db, "thuky")
    for i in range(5):
        sign_in(db, "thuky", "sai-mat-khau-x", minutes=i)
    accounts.set_password(db, "thuky", "Mat-Khau-Moi-2026", actor="admin", when=T0)
    assert sign_in(db, "thuky", "Mat-Khau-Moi-2026", minutes=6).ok


# --- sessions ----------------------------------------------------------------------------


def session(last_seen: datetime, signed_in_at: datetime = T0) -> accounts.Session:
    return accounts.Session("thuky", "admin", (), signed_in_at, last_seen)


def test_a_session_ends_after_eight_hours_idle():
    stored = {"thuky": ("admin", "", False, T0 - timedelta(days=1), 0)}
    seen = T0 + timedelta(hours=1)
    assert accounts.session_state(session(seen), stored, seen + timedelta(hours=8)) == "ok"
    late = seen + timedelta(hours=8, seconds=1)
    assert accounts.session_state(session(seen), stored, late) == "idle"


def test_a_session_ends_when_its_account_changes():
    when = T0 + timedelta(minutes=5)
    base = ("admin", "", False, T0 - timedelta(days=1), 0)
    cases = {
        "gone": {},
        "disabled": {"thuky": ("admin", "", True, base[3], 0)},
        "role": {"thuky": ("analyst", "", False, base[3], 0)},
        "password": {"thuky": ("admin", "", False, T0 + timedelta(minutes=1), 0)},
        "generation": {"thuky": ("admin", "", False, base[3], 1)},
    }
    expected = {"gone": "gone", "disabled": "gone", "role": "changed", "password": "changed",
                "generation": "changed"}  # fmt: skip
    for case, stored in cases.items():
        assert accounts.session_state(session(when), stored, when) == expected[case], case


def test_disabling_moves_the_sign_in_generation_on_for_good(db):
    add(db, "thuky")
    add(db, "quantri")
    first = sign_in(db, "thuky", PASSWORD)
    assert first.generation == 0
    old = accounts.new_session(first.account, T0, first.generation)
    accounts.set_disabled(db, "thuky", actor="test", when=T0 + timedelta(minutes=1))
    accounts.set_disabled(db, "thuky", False, actor="test", when=T0 + timedelta(minutes=2))
    when = T0 + timedelta(minutes=3)
    # Enabled again, same role, bodies and password: the session from before is still over.
    assert accounts.session_state(old, accounts.sessions_view(db), when) == "changed"
    again = sign_in(db, "thuky", PASSWORD, minutes=3)
    assert again.generation == 1  # one disable; enabling does not move it
    new = accounts.new_session(again.account, when, again.generation)
    assert accounts.session_state(new, accounts.sessions_view(db), when) == "ok"
    # A new password moves it on too (even within the second the session began).
    accounts.set_password(db, "thuky", "Mat-Khau-Moi-2026", actor="test", when=when)
    assert accounts.sessions_view(db)["thuky"][4] == 2
    assert accounts.session_state(new, accounts.sessions_view(db), when) == "changed"


def test_the_last_active_admin_cannot_be_disabled(db):
    add(db, "quantri")
    with pytest.raises(accounts.AccountError) as error:
        accounts.set_disabled(db, "quantri", actor="test")
    assert error.value.code == "last_admin"
    add(db, "quantri2")
    accounts.set_disabled(db, "quantri", actor="test")


# --- roles -------------------------------------------------------------------------------


def test_role_table():
    table = {role: {a for a in accounts.ACTIONS if accounts.Account("x", role).can(a)}
             for role in accounts.ROLES}  # fmt: skip
    assert table == {
        "committee": {"export"},
        "analyst": {"export"},
        "staff": {"upload", "undo_own"},
        "admin": {"export", "upload", "undo_own", "undo_any", "manage_accounts"},
        "official": set(),
    }
    assert not accounts.may_open("staff", "analysis")
    assert accounts.may_open("committee", "imports")
    assert [r for r in accounts.ROLES if accounts.may_open(r, "admin")] == ["admin"]


# --- the body scope of an import ---------------------------------------------------------


def test_an_import_touching_another_body_is_rejected_with_its_rows(demo_db, tmp_path):
    path = tmp_path / "scope.duckdb"
    path.write_bytes(demo_db.read_bytes())
    # DP01-GD belongs to TT; DP05-GD to DT (Ban Dân tộc), DP04-GD to KTNS.
    progress = csv_bytes([
        PROGRESS_HEADER[:3], ["DP01-GD", "01/02/2024", "5"], ["DP05-GD", "01/02/2024", "5"],
        ["DP04-GD", "01/02/2024", "5"],
    ])  # fmt: skip
    result = import_file(progress, path, file_name="td.csv", allowed_bodies=["TT"])
    assert not result.ok
    assert result.errors["row"].tolist() == [3, 4]
    assert "chỉ được nhập cho cơ quan TT" in result.errors["message"][0]
    assert import_file(progress, path, file_name="td.csv", allowed_bodies=["TT", "DT", "KTNS"]).ok

    new_task = ["MOI-1", "Nhiệm vụ mới", "DT", "Trưởng ban", "", "giam_sat", "", "2026",
                "01/01/2026", "31/12/2026"]  # fmt: skip
    moved = ["DP01-GD", "Chuyển cơ quan", "KTNS", "Trưởng ban", "", "giam_sat", "", "2021-2026",
             "01/01/2021", "31/12/2026"]  # fmt: skip
    tasks = csv_bytes([TASKS_HEADER[:10], new_task, moved])
    result = import_file(tasks, path, file_name="nv.csv", allowed_bodies=["KTNS"])
    assert not result.ok
    # Row 2 names body DT; row 3 moves TT's task DP01-GD to KTNS: both touch another body.
    assert list(zip(result.errors["row"], result.errors["column"], strict=True)) == [
        (2, "co_quan"),
        (3, "ma_nhiem_vu"),
    ]


# --- command line ------------------------------------------------------------------------


@dataclass
class Ran:
    returncode: int
    stdout: str
    stderr: str


def cli(monkeypatch, capsys, *args: str, stdin: str = "") -> Ran:
    """``python -m analytics user ...`` in this process (a subprocess costs a second)."""
    monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
    try:
        code = main(["user", *args])
    except SystemExit as exit_:  # argparse refuses unknown options and choices
        code = int(exit_.code or 0)
    out = capsys.readouterr()
    return Ran(code, out.out, out.err)


def test_a_password_is_read_from_a_pipe_and_never_from_an_argument(tmp_path):
    db = str(tmp_path / "pipe.duckdb")
    with open_db(db, create=True):  # as `init` makes it
        pass

    def run(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "analytics", "user", *args, "--db", db], input=stdin,
            capture_output=True, text=True, cwd=ROOT, env=run_cli_env(tmp_path), timeout=60,
        )  # fmt: skip

    made = run("add", "quantri", "--role", "admin", "--password-stdin", stdin=PASSWORD + "\n")
    assert made.returncode == 0, made.stderr
    assert PASSWORD not in made.stdout + made.stderr
    argument = run("add", "khac", "--role", "admin", "--password", PASSWORD)
    assert argument.returncode == 2  # there is no such option: misuse, nothing created
    assert [u for u in accounts.list_users(db)["name"]] == ["quantri"]


def test_user_commands_exit_codes_and_output(tmp_path, monkeypatch, capsys):
    db = str(tmp_path / "cli.duckdb")
    with open_db(db, create=True):  # as `init` makes it
        pass
    made = cli(monkeypatch, capsys, "add", "QuanTri", "--role", "admin", "--password-stdin",
               "--db", db, stdin=PASSWORD + "\n")  # fmt: skip
    assert made.returncode == 0, made.stderr
    assert json.loads(made.stdout) == {"status": "ok", "name": "quantri", "role": "admin",
                                       "bodies": []}  # fmt: skip
    missing = cli(monkeypatch, capsys, "add", "khac", "--role", "admin", "--db", db,
                  stdin=PASSWORD)  # fmt: skip
    assert missing.returncode == 2 and "--password-stdin" in missing.stderr
    assert cli(monkeypatch, capsys, "add", "khac", "--role", "boss", "--password-stdin",
               "--db", db, stdin=PASSWORD).returncode == 2  # fmt: skip
    body_misuse = cli(monkeypatch, capsys, "add", "khac", "--role", "analyst", "--body", "TT",
                      "--password-stdin", "--db", db, stdin=PASSWORD)  # fmt: skip
    assert body_misuse.returncode == 2
    short = cli(monkeypatch, capsys, "add", "khac", "--role", "staff", "--password-stdin",
                "--db", db, stdin="ngan\n")  # fmt: skip
    assert short.returncode == 1 and json.loads(short.stdout)["reason"] == "short_password"
    staff = cli(monkeypatch, capsys, "add", "vanthu", "--role", "staff", "--body", "tt",
                "--body", "DT", "--password-stdin", "--db", db,
                stdin=PASSWORD + "-2\n")  # fmt: skip
    assert staff.returncode == 0 and json.loads(staff.stdout)["bodies"] == ["TT", "DT"]
    unknown_body = cli(monkeypatch, capsys, "add", "vt2", "--role", "staff", "--body", "XX",
                       "--password-stdin", "--db", db, stdin=PASSWORD)  # fmt: skip
    assert unknown_body.returncode == 1 and "TT" in unknown_body.stderr
    taken = cli(monkeypatch, capsys, "add", "vanthu", "--role", "staff", "--password-stdin",
                "--db", db, stdin=PASSWORD)  # fmt: skip
    assert taken.returncode == 1 and json.loads(taken.stdout)["reason"] == "name_taken"

    listed = json.loads(cli(monkeypatch, capsys, "list", "--db", db).stdout)["users"]
    assert [(u["name"], u["role"], u["bodies"], u["disabled"]) for u in listed] == [
        ("quantri", "admin", [], False),
        ("vanthu", "staff", ["TT", "DT"], False),
    ]
    assert "hash" not in json.dumps(listed) and "argon2" not in json.dumps(listed)
    assert cli(monkeypatch, capsys, "disable", "vanthu", "--db", db).returncode == 0
    assert cli(monkeypatch, capsys, "disable", "khongco", "--db", db).returncode == 1
    assert cli(monkeypatch, capsys, "disable", "quantri", "--db", db).returncode == 1  # last admin
    assert cli(monkeypatch, capsys, "enable", "vanthu", "--db", db).returncode == 0
    passwd = cli(monkeypatch, capsys, "passwd", "vanthu", "--password-stdin", "--db", db,
                 stdin="Mat-Khau-Moi-2026\n")  # fmt: skip
    assert passwd.returncode == 0
    assert cli(monkeypatch, capsys, "passwd", "vanthu", "--db", db).returncode == 2
    assert cli(monkeypatch, capsys, "passwd", "khongco", "--password-stdin", "--db", db,
               stdin=PASSWORD).returncode == 1  # fmt: skip
    for result in (made, staff, passwd):
        assert PASSWORD not in result.stdout + result.stderr
        assert "Mat-Khau-Moi" not in result.stdout + result.stderr
    assert accounts.authenticate(db, "vanthu", "Mat-Khau-Moi-2026").ok

    log = accounts.audit_log(db)
    actions = list(log[log["channel"] == "cli"]["action"])[::-1]
    assert actions == ["user_add", "user_add", "user_disable", "user_enable", "user_passwd"]


def test_user_add_official_edit_and_list_on_the_command_line(tmp_path, monkeypatch, capsys):
    db = str(tmp_path / "official.duckdb")
    with open_db(db, create=True):  # as `init` makes it
        pass

    def run(*args: str) -> Ran:
        return cli(monkeypatch, capsys, *args, "--db", db, stdin=PASSWORD + "\n")

    made = run("add", "cb.ktns", "--role", "official", "--body", "KTNS", "--position",
               "Trưởng ban", "--email", "CB@Tinh.VN", "--password-stdin")  # fmt: skip
    assert made.returncode == 0, made.stderr
    assert json.loads(made.stdout) == {
        "status": "ok", "name": "cb.ktns", "role": "official", "bodies": [], "body": "KTNS",
        "position": "Trưởng ban", "email": "cb@tinh.vn",
    }  # fmt: skip
    before = accounts.list_users(db)
    for args, code in (
        (("add", "x1", "--role", "official", "--position", "Trưởng ban"), 1),  # no body
        (("add", "x2", "--role", "official", "--body", "KTNS"), 1),  # no position
        (("add", "x3", "--role", "official", "--body", "KTNS", "--body", "TT"), 2),  # two
        (("add", "x4", "--role", "staff", "--position", "Trưởng ban"), 2),
        (("add", "x5", "--role", "analyst", "--email", "a b@c.vn"), 1),
        (("edit", "cb.ktns", "--email", "a@"), 1),
        (("edit", "cb.ktns", "--email", "a@b.vn", "--no-email"), 2),
        (("edit", "cb.ktns"), 2),
        (("edit", "khongco", "--reminders", "off"), 1),
    ):
        refused = run(*args, "--password-stdin") if args[0] == "add" else run(*args)
        assert refused.returncode == code, (args, refused.stderr)
        if code == 1:
            assert len(refused.stderr.strip().splitlines()) == 1
            assert json.loads(refused.stdout)["status"] == "rejected"
    pd.testing.assert_frame_equal(accounts.list_users(db), before)

    edited = run("edit", "cb.ktns", "--no-email", "--reminders", "off")
    assert edited.returncode == 0, edited.stderr
    assert json.loads(edited.stdout) == {
        "status": "ok", "name": "cb.ktns", "email": None, "reminders": False,
    }  # fmt: skip
    assert run("edit", "cb.ktns", "--email", "Moi@Tinh.VN").returncode == 0
    listed = json.loads(run("list").stdout)["users"]
    assert [(u["name"], u["role"], u["body"], u["position"], u["email"], u["reminders"])
            for u in listed] == [
        ("cb.ktns", "official", "KTNS", "Trưởng ban", "moi@tinh.vn", False)]  # fmt: skip


def test_the_audit_export_lists_sign_ins_imports_and_undos(db, demo_db, tmp_path):
    from analytics import exports
    from analytics.importing import undo_import

    add(db, "thuky")
    sign_in(db, "thuky", "sai-mat-khau-x", minutes=1)
    sign_in(db, "thuky", PASSWORD, minutes=2)
    progress = csv_bytes([PROGRESS_HEADER[:3], ["DP01-GD", "01/02/2024", "5"]])
    path = tmp_path / "audit-demo.duckdb"
    path.write_bytes(demo_db.read_bytes())
    accounts.add_user(path, "vanthu", "staff", PASSWORD, actor="test")
    assert import_file(progress, path, file_name="td.csv", user="vanthu").ok
    assert undo_import(1, path, user="quantri").ok
    text = exports.csv_bytes(accounts.audit_rows(accounts.audit_log(path))).decode("utf-8-sig")
    lines = text.splitlines()
    assert lines[0] == "Thời điểm,Người thực hiện,Thao tác,Đối tượng,Chi tiết,Qua"
    assert "quantri,Hoàn tác lần nhập,1,td.csv," in lines[1]
    assert "vanthu,Nhập tệp,1,td.csv (progress): 1 / +1 ~0 =0," in lines[2]
    assert lines[3].endswith("test,Tạo tài khoản,vanthu,role=staff,Ứng dụng")
    actions = list(accounts.audit_rows(accounts.audit_log(db))["Thao tác"])
    assert actions == ["Đăng nhập", "Đăng nhập không thành công", "Tạo tài khoản"]
