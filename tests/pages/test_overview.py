"""The first overview page, through Streamlit's AppTest."""

from __future__ import annotations

from datetime import date

from streamlit.testing.v1 import AppTest

from analytics import summary
from tests.conftest import ROOT


def run_app() -> AppTest:
    return AppTest.from_file(str(ROOT / "app.py"), default_timeout=60).run()


def test_first_start_creates_the_demo_and_shows_its_figures(tmp_path, monkeypatch):
    db = tmp_path / "first.duckdb"
    monkeypatch.setenv("TRACKER_DB", str(db))
    at = run_app()
    assert not at.exception and not at.error
    assert db.exists()
    shown = {m.label: m.value for m in at.metric}
    expected = summary(db, "all", as_of=date.today()).iloc[0]
    assert shown["Tổng số nhiệm vụ"] == "34"
    assert shown["Quá hạn"] == str(expected["qua_han"])
    done = expected["hoan_thanh_dung_han"] + expected["hoan_thanh_qua_han"]
    rate = f"{done / expected['tasks'] * 100:.1f}".replace(".", ",") + " %"
    assert shown["Tỷ lệ hoàn thành"] == rate
    assert at.header[0].value.startswith("Nhiệm vụ đột phá, đổi mới")


def test_an_empty_database_says_no_task_matches(tmp_path, monkeypatch):
    from analytics.store.connection import open_db

    db = tmp_path / "empty.duckdb"
    with open_db(db, demo_if_missing=False):
        pass
    monkeypatch.setenv("TRACKER_DB", str(db))
    at = run_app()
    assert not at.exception
    assert any("Không có nhiệm vụ nào phù hợp" in i.value for i in at.info)
