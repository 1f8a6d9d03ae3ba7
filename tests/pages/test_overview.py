"""The first overview page, through Streamlit's AppTest."""

from __future__ import annotations

from datetime import date

from streamlit.testing.v1 import AppTest

from analytics import summary
from analytics.store import connection
from tests.conftest import ROOT


def run_app() -> AppTest:
    return AppTest.from_file(str(ROOT / "app.py"), default_timeout=60).run()


def test_first_start_on_the_default_file_creates_the_demo_and_shows_its_figures(
    tmp_path, monkeypatch
):
    db = tmp_path / "data" / "tracker.duckdb"  # stands for data/tracker.duckdb
    monkeypatch.delenv("TRACKER_DB")
    monkeypatch.setattr(connection, "DEFAULT_DB", db)
    at = run_app()
    assert not at.exception and not at.error
    assert db.exists()
    assert oct(db.stat().st_mode & 0o777) == "0o600"  # accounts and audit live in it
    assert oct(db.parent.stat().st_mode & 0o777) == "0o700"  # the folder made for it
    shown = {m.label: m.value for m in at.metric}
    expected = summary(db, "all", as_of=date.today()).iloc[0]
    assert shown["Tổng số nhiệm vụ"] == "34"
    assert shown["Quá hạn"] == str(expected["qua_han"])
    done = expected["hoan_thanh_dung_han"] + expected["hoan_thanh_qua_han"]
    rate = f"{done / expected['tasks'] * 100:.1f}".replace(".", ",") + " %"
    assert shown["Tỷ lệ hoàn thành"] == rate
    assert at.header[0].value.startswith("Nhiệm vụ đột phá, đổi mới")


def test_a_missing_file_named_by_tracker_db_is_explained_and_not_created(tmp_path, monkeypatch):
    db = tmp_path / "go-nham.duckdb"  # a mistyped path
    monkeypatch.setenv("TRACKER_DB", str(db))
    at = run_app()
    assert not at.exception
    messages = [e.value for e in at.error]
    assert len(messages) == 1
    assert str(db) in messages[0] and f"python -m analytics init --db {db}" in messages[0]
    assert not at.metric and not db.exists() and list(tmp_path.iterdir()) == []


def test_an_empty_database_says_no_task_matches(tmp_path, monkeypatch):
    from analytics.store.connection import open_db

    db = tmp_path / "empty.duckdb"
    with open_db(db, create=True):
        pass
    monkeypatch.setenv("TRACKER_DB", str(db))
    at = run_app()
    assert not at.exception
    assert any("Không có nhiệm vụ nào phù hợp" in i.value for i in at.info)


def test_the_page_and_the_report_assemble_one_overview_and_visits_share_it(demo_file):
    import duckdb
    import pandas as pd

    from analytics.filters import Filters
    from analytics.periods import Choice
    from analytics.report.source import collect
    from ui import data

    year = Choice(date_from=date(2025, 1, 1), date_to=date(2025, 12, 31))
    model, charts = data.overview_of(year, Filters(), "vi")
    again, charts_again = data.overview_of(year, Filters(), "vi")
    # A second visit gets the same objects: nothing is copied or rebuilt per visit.
    assert again is model and charts_again["body"] is charts["body"]
    # 2025 holds the demo's 6 phase and 11 term tasks (tests/test_overview_periods.py).
    assert model.cards[0].value == 17
    with duckdb.connect(str(demo_file), read_only=True) as con:
        report = collect(con, year, Filters(), "vi").overview
    assert model.cards == report.cards and model.compared == report.compared == "Năm 2024"
    for name in ("by_body", "by_area", "cells", "trend", "attention"):
        pd.testing.assert_frame_equal(getattr(model, name), getattr(report, name))
