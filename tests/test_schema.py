"""The store: schema creation, migrations, constraints, reference data."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import duckdb
import pytest

from analytics.store.connection import StoreMissing, open_db, resolve_db
from analytics.store.schema import LATEST_VERSION, migrate, prepare, schema_version

EXPECTED_TABLES = {
    "meta", "bodies", "areas", "positions", "periods", "imports", "tasks", "progress",
    "row_history", "appraisals", "users", "audit", "task_events", "extensions", "explanations",
    "reminders_sent", "inbox",
}  # fmt: skip


def tables(con: duckdb.DuckDBPyConnection) -> set[str]:
    rows = con.execute(
        "SELECT table_name FROM information_schema.tables WHERE table_schema = 'main'"
    ).fetchall()
    return {r[0] for r in rows}


def test_new_database_has_every_table_at_the_latest_version(empty_con):
    assert tables(empty_con) >= EXPECTED_TABLES
    assert schema_version(empty_con) == LATEST_VERSION == 10


def test_prepare_is_idempotent(empty_con):
    prepare(empty_con)
    prepare(empty_con)
    assert empty_con.execute("SELECT count(*) FROM bodies").fetchall()[0][0] == 6
    assert empty_con.execute("SELECT count(*) FROM areas").fetchall()[0][0] == 8


def test_a_version_1_file_migrates_forward_keeping_its_data(tmp_path: Path):
    path = tmp_path / "old.duckdb"
    con = duckdb.connect(str(path))
    assert migrate(con, target=1) == 1
    # A task as a version-1 release wrote it: no assignment state yet.
    con.execute(
        "INSERT INTO tasks (id, code, title, body_code, position, area_code, period_label, "
        "assigned_on, due_on) VALUES (1, '007', 'Giám sát', 'KTNS', 'Trưởng ban', "
        "'giam_sat', '2021', DATE '2021-01-04', DATE '2021-12-31')"
    )
    con.execute(
        "INSERT INTO progress (task_id, report_date, progress, status) "
        "VALUES (1, DATE '2021-03-31', 40, 'dang_thuc_hien')"
    )
    con.close()

    with open_db(path) as con:
        assert schema_version(con) == LATEST_VERSION
        row = con.execute("SELECT code, assignment_state, return_reason FROM tasks").fetchall()
        assert row == [("007", "da_giao", None)]
        assert con.execute("SELECT progress FROM progress").fetchall() == [(40.0,)]
        assert {"row_history", "appraisals"} <= tables(con)
        # Reference data is added to an old file that lacked it.
        assert con.execute("SELECT count(*) FROM bodies").fetchall()[0][0] == 6


# An account as a schema-7 release wrote it (migration 7 added session_generation).
VERSION_7_ACCOUNT = (
    "INSERT INTO users (name, role, bodies, password_hash, disabled, failed_count, "
    "locked_until, created_at, updated_at, password_changed_at, session_generation) VALUES "
    "('vanthu', 'staff', 'TT,DT', '$argon2id$v=19$m=1024,t=1,p=4$x$y', false, 2, NULL, "
    "TIMESTAMP '2026-01-05 08:00:00', TIMESTAMP '2026-02-01 09:30:00', "
    "TIMESTAMP '2026-01-05 08:00:00', 3)"
)


def test_a_version_7_file_migrates_forward_keeping_its_accounts(tmp_path: Path):
    path = tmp_path / "v7.duckdb"
    con = duckdb.connect(str(path))
    assert migrate(con, target=7) == 7
    con.execute(VERSION_7_ACCOUNT)
    with pytest.raises(duckdb.ConstraintException):  # no official at schema 7
        con.execute(VERSION_7_ACCOUNT.replace("'vanthu', 'staff'", "'cb', 'official'"))
    con.close()

    with open_db(path) as con:
        assert schema_version(con) == LATEST_VERSION
        assert con.execute(
            "SELECT name, role, bodies, password_hash, disabled, failed_count, locked_until, "
            "created_at, updated_at, session_generation, body_code, position, email, reminders "
            "FROM users"
        ).fetchall() == [
            ("vanthu", "staff", "TT,DT", "$argon2id$v=19$m=1024,t=1,p=4$x$y", False, 2, None,
             datetime(2026, 1, 5, 8), datetime(2026, 2, 1, 9, 30), 3, None, None, None, True)
        ]  # fmt: skip
        # The role CHECK now admits an official (and still refuses an unknown role).
        con.execute(VERSION_7_ACCOUNT.replace("'vanthu', 'staff'", "'cb', 'official'"))
        with pytest.raises(duckdb.ConstraintException):
            con.execute(VERSION_7_ACCOUNT.replace("'vanthu', 'staff'", "'x', 'boss'"))


def test_a_file_from_a_newer_release_is_refused(empty_con):
    empty_con.execute("UPDATE meta SET value = '99' WHERE key = 'schema_version'")
    with pytest.raises(RuntimeError, match="99"):
        migrate(empty_con)


def _task(con, code="A1", assigned="2021-01-01", due="2021-12-31"):
    con.execute(
        "INSERT INTO tasks (id, code, title, body_code, position, area_code, period_label, "
        "assigned_on, due_on) VALUES ((SELECT coalesce(max(id), 0) + 1 FROM tasks), ?, 't', "
        "'TT', 'Trưởng ban', 'giam_sat', '2021', ?, ?)",
        [code, date.fromisoformat(assigned), date.fromisoformat(due)],
    )


@pytest.mark.parametrize(
    ("progress", "status"),
    [(101, "dang_thuc_hien"), (-1, "dang_thuc_hien"), (90, "hoan_thanh"),
     (100, "dang_thuc_hien"), (50, "xong")],
)  # fmt: skip
def test_the_database_refuses_an_impossible_report(empty_con, progress, status):
    _task(empty_con)
    with pytest.raises(duckdb.ConstraintException):
        empty_con.execute(
            "INSERT INTO progress (task_id, report_date, progress, status) VALUES (1, ?, ?, ?)",
            [date(2021, 3, 31), progress, status],
        )


def test_the_database_refuses_a_deadline_before_assignment_and_duplicate_codes(empty_con):
    with pytest.raises(duckdb.ConstraintException):
        _task(empty_con, assigned="2021-05-01", due="2021-04-30")
    _task(empty_con, code="X")
    with pytest.raises(duckdb.ConstraintException):
        _task(empty_con, code="X")


def test_reference_bodies_and_areas_carry_the_codes_and_names_of_the_domain(empty_con):
    bodies = dict(empty_con.execute("SELECT code, name_vi FROM bodies").fetchall())
    assert bodies == {
        "TT": "Thường trực HĐND tỉnh",
        "KTNS": "Ban Kinh tế - Ngân sách",
        "VHXH": "Ban Văn hóa - Xã hội",
        "PC": "Ban Pháp chế",
        "DT": "Ban Dân tộc",
        "VP": "Văn phòng Đoàn ĐBQH và HĐND tỉnh",
    }
    areas = empty_con.execute(
        "SELECT code, name_vi, headline FROM areas ORDER BY sort_order"
    ).fetchall()
    assert areas == [
        ("giam_sat", "Giám sát", True),
        ("chat_van", "Chất vấn", True),
        ("tin_dung_ho_ngheo", "Tín dụng hộ nghèo", True),
        ("dau_tu_cong", "Đầu tư công", True),
        ("khieu_nai_to_cao", "Khiếu nại, tố cáo", False),
        ("dan_toc", "Dân tộc, miền núi", False),
        ("van_phong", "Tham mưu, văn phòng", False),
        ("cong_nghe_thong_tin", "Công nghệ thông tin", False),
    ]
    english = dict(empty_con.execute("SELECT code, name_en FROM areas").fetchall())
    assert english["dau_tu_cong"] == "Public investment"


def test_a_missing_file_is_refused_unless_asked_to_create_it_without_any_task(tmp_path: Path):
    path = tmp_path / "sub" / "new.duckdb"
    with pytest.raises(StoreMissing), open_db(path):
        pass
    assert not path.exists() and not path.parent.exists()
    with open_db(tmp_path / "bare.duckdb", create=True) as con:
        assert con.execute("SELECT count(*) FROM tasks").fetchall()[0][0] == 0
        assert con.execute("SELECT count(*) FROM bodies").fetchall()[0][0] == 6


def test_the_path_comes_from_the_argument_then_the_environment(tmp_path, monkeypatch):
    monkeypatch.setenv("TRACKER_DB", str(tmp_path / "env.duckdb"))
    assert resolve_db(None) == tmp_path / "env.duckdb"
    assert resolve_db(tmp_path / "arg.duckdb") == tmp_path / "arg.duckdb"
    monkeypatch.delenv("TRACKER_DB")
    assert resolve_db(None).parts[-2:] == ("data", "tracker.duckdb")
