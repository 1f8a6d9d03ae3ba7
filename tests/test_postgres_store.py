"""A PostgreSQL store: made by init only, migrated forward, refused with one line when the
address is wrong (CONTRACT.md section 1)."""

from __future__ import annotations

import subprocess
import sys

import psycopg
import pytest

from analytics.store import schema
from analytics.store.connection import open_db, open_store
from analytics.store.errors import BadStoreAddress, StoreMissing, StoreUnavailable
from analytics.store.postgres import PgAdapter
from tests.conftest import ROOT


def _cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "analytics", *args], cwd=ROOT, capture_output=True, text=True,
        check=False,
    )  # fmt: skip


def _tables(url: str) -> set[str]:
    with psycopg.connect(url) as pg:
        return {
            row[0]
            for row in pg.execute(
                "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'"
            )
        }


def test_only_init_makes_the_schema_and_it_is_idempotent(postgres):
    url = postgres.create_database()
    done = _cli("summary", "--db", url)
    assert done.returncode == 1
    assert done.stderr.strip().splitlines() == [str(StoreMissing(url))]
    assert _tables(url) == set()  # nothing was created
    for _ in range(2):
        made = _cli("init", "--db", url)
        assert made.returncode == 0, made.stderr
    assert '"schema_version": ' + str(schema.LATEST_VERSION) in made.stdout
    assert '"tasks": 0' in made.stdout
    assert {"tasks", "progress", "imports", "row_history", "users", "audit"} <= _tables(url)


def test_an_older_schema_is_migrated_forward_keeping_its_rows(postgres):
    url = postgres.create_database()
    with psycopg.connect(url, autocommit=True) as pg:
        adapter = PgAdapter(pg)
        schema.migrate(adapter, 3)  # a database left by a release of schema 3
        schema.seed_reference_data(adapter)
        pg.execute(
            "INSERT INTO tasks (id, code, title, body_code, position, area_code, period_label, "
            "assigned_on, due_on) VALUES (1, 'CU-01', 'Cũ', 'TT', 'Trưởng ban', 'giam_sat', "
            "'2021-2025', '2021-01-01', '2025-12-31')"
        )
        pg.execute(
            "INSERT INTO progress (task_id, report_date, progress, status) "
            "VALUES (1, '2024-03-31', 100, 'hoan_thanh')"
        )
    with open_db(url) as con:
        assert schema.schema_version(con) == schema.LATEST_VERSION
        assert con.execute("SELECT code FROM tasks").fetchall() == [("CU-01",)]
        assert con.execute("SELECT count(*) FROM users").fetchall() == [(0,)]  # migration 4
    with psycopg.connect(url) as pg:
        version = pg.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
    assert version == (str(schema.LATEST_VERSION),)


def test_a_schema_7_database_migrates_to_8_keeping_its_accounts(postgres):
    url = postgres.create_database()
    with psycopg.connect(url, autocommit=True) as pg:
        schema.migrate(PgAdapter(pg), 7)  # a database left by a release of schema 7
        pg.execute(
            "INSERT INTO users (name, role, bodies, password_hash, created_at, updated_at, "
            "password_changed_at, session_generation) VALUES ('vanthu', 'staff', 'TT', 'h', "
            "'2026-01-05 08:00', '2026-01-05 08:00', '2026-01-05 08:00', 2)"
        )
    with open_db(url) as con:
        assert con.execute(
            "SELECT name, role, bodies, session_generation, email, reminders FROM users"
        ).fetchall() == [("vanthu", "staff", "TT", 2, None, True)]
    insert = (
        "INSERT INTO users (name, role, password_hash, created_at, updated_at, "
        "password_changed_at) VALUES (%s, %s, 'h', '2026-01-05', '2026-01-05', '2026-01-05')"
    )
    with psycopg.connect(url) as pg:  # tried, then rolled back: the store's rows stay as read
        pg.execute(insert, ["cb", "official"])  # the rebuilt CHECK admits an official
        with pytest.raises(psycopg.errors.CheckViolation):
            pg.execute(insert, ["x", "boss"])
        pg.rollback()


def test_a_password_in_the_address_is_refused_before_connecting(postgres):
    url = postgres.base.replace("postgresql://postgres@", "postgresql://postgres:secret@")
    with pytest.raises(BadStoreAddress):
        open_store(url + "/postgres")
    done = _cli("summary", "--db", url + "/postgres")
    assert done.returncode == 1
    assert len(done.stderr.strip().splitlines()) == 1
    assert "PGPASSWORD" in done.stderr


def test_an_unreachable_server_is_one_line(postgres):
    url = "postgresql://postgres@127.0.0.1:9/tracker"  # nothing listens on port 9
    with pytest.raises(StoreUnavailable), open_db(url):
        pass
    done = _cli("summary", "--db", url)
    assert done.returncode == 1
    assert done.stderr.count("\n") == 1 and "Traceback" not in done.stderr
    assert "127.0.0.1:9" in done.stderr
