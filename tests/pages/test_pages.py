"""Every page under AppTest: no exception on the demo and on an empty database, true figures."""

from __future__ import annotations

from datetime import date

import pytest

from analytics import summary
from tests.pages.helpers import PAGES, empty_database, metrics, open_page


def percent(fraction: float) -> str:
    return f"{fraction * 100:.1f}".replace(".", ",") + " %"


def done_share(row) -> str:
    """The completion rate a person computes from the counts, as the screen writes it."""
    return percent((row["hoan_thanh_dung_han"] + row["hoan_thanh_qua_han"]) / row["tasks"])


@pytest.fixture
def demo_file(demo_store, monkeypatch):
    """The demo on each engine (a DuckDB file, PostgreSQL), served by the page under test."""
    monkeypatch.setenv("TRACKER_DB", demo_store)
    return demo_store


@pytest.mark.parametrize("page", PAGES)
def test_every_page_runs_on_the_demo(demo_file, page):
    at = open_page(page)
    assert not at.exception, at.exception
    assert not at.error, [e.value for e in at.error]


@pytest.mark.parametrize("page", PAGES)
def test_every_page_runs_on_an_empty_database(tmp_path, monkeypatch, page):
    monkeypatch.setenv("TRACKER_DB", str(empty_database(tmp_path / "empty.duckdb")))
    at = open_page(page)
    assert not at.exception, at.exception
    assert not at.error
    if page in ("pages/overview.py", "pages/analysis.py", "pages/tasks.py"):
        assert any("Không có nhiệm vụ nào phù hợp" in i.value for i in at.info)


def test_overview_headline_equals_summary(demo_file):
    at = open_page("pages/overview.py")
    expected = summary(demo_file, "all", as_of=date.today()).iloc[0]
    shown = metrics(at)
    assert shown["Tổng số nhiệm vụ"] == str(expected["tasks"])
    assert shown["Tỷ lệ hoàn thành"] == done_share(expected)
    on_time = expected["hoan_thanh_dung_han"] / (
        expected["hoan_thanh_dung_han"] + expected["hoan_thanh_qua_han"] + expected["qua_han"]
    )
    assert shown["Tỷ lệ đúng hạn"] == percent(on_time)
    assert abs(on_time - expected["on_time_rate"]) < 5e-5  # the same figure, unrounded
    assert shown["Quá hạn"] == str(expected["qua_han"])


def test_choosing_the_year_2021_reads_figures_at_its_end(demo_file):
    # Year 2021: every demo task is assigned by 31/12/2021 and due after 01/01/2021, so
    # all 34 are in scope, read as of 31/12/2021. Done by then: the 13 year tasks finished
    # in 2021 (task 7 was reopened on 31/12/2021, tasks 5 and 14 finish in 2022, task 16
    # never). Nothing is past its deadline on 31/12/2021, so nothing is overdue and the
    # on-time rate is 13 / 13.
    at = open_page("pages/overview.py", state={"ky": "year", "nam": 2021})
    shown = metrics(at)
    assert shown["Tổng số nhiệm vụ"] == "34"
    assert shown["Tỷ lệ hoàn thành"] == percent(13 / 34)
    assert shown["Tỷ lệ đúng hạn"] == "100,0 %"
    assert shown["Quá hạn"] == "0"
    expected = summary(demo_file, "all", date_from=date(2021, 1, 1), date_to=date(2021, 12, 31))
    assert shown["Tỷ lệ hoàn thành"] == done_share(expected.iloc[0])


def test_a_body_filter_narrows_the_overview(demo_file):
    # Ban Dân tộc holds task 5 twice: 2021 (done late, 31/03/2022) and the phase (overdue).
    at = open_page("pages/overview.py", state={"co_quan": ["DT"]})
    shown = metrics(at)
    assert shown["Tổng số nhiệm vụ"] == "2"
    assert shown["Tỷ lệ hoàn thành"] == "50,0 %"
    assert shown["Quá hạn"] == "1"
    chips = [b.label for b in at.button]
    assert any("Ban Dân tộc" in label for label in chips)


def test_search_ignores_accents_and_case(demo_file):
    at = open_page("pages/tasks.py")
    at.text_input(key="tim").input("CHAT van").run()
    table = at.dataframe[0].value
    assert sorted(table["link"].str.extract(r"ma=([^&]+)")[0]) == ["DP01-2021", "DP01-GD"]


def test_a_task_page_shows_its_history(demo_file):
    at = open_page("pages/tasks.py", query={"ma": "DP07-2021"})
    assert not at.exception
    # DP07-2021 was reported done on 30/09/2021, reopened on 31/12/2021, done on 31/03/2022.
    reports = at.dataframe[0].value
    assert list(reports["report_date"])[:3] == ["31/03/2022", "31/12/2021", "30/09/2021"]
    assert any("Hoàn thành quá hạn" in m.value for m in at.markdown)


def test_user_text_is_shown_inert(tmp_path, monkeypatch):
    import duckdb

    from analytics.store.schema import prepare

    path = tmp_path / "inert.duckdb"
    con = duckdb.connect(str(path))
    prepare(con)
    con.execute(
        "INSERT INTO tasks (id, code, title, body_code, position, area_code, period_label, "
        "assigned_on, due_on) VALUES (1, 'X1', '[bấm](http://x.example) <script>alert(1)</script>',"
        " 'TT', 'Trưởng ban', 'giam_sat', '2021', DATE '2021-01-01', DATE '2021-12-31')"
    )
    con.close()
    monkeypatch.setenv("TRACKER_DB", str(path))
    at = open_page("pages/tasks.py", query={"ma": "X1"})
    # The title is drawn as plain text (no markdown, no HTML), exactly as stored.
    assert at.text[0].value == "[bấm](http://x.example) <script>alert(1)</script>"
    assert not [h for h in at.subheader if "bấm" in h.value]


def test_inert_breaks_the_bare_addresses_markdown_would_link():
    from ui.widgets import WORD_JOINER, inert

    # By hand: a word joiner (invisible) after "http:" and "www", and before "@"; every
    # markdown sign escaped, ":" and "@" included.
    shown = inert("http://a.vn www.b.vn c@d.vn")
    joiner = WORD_JOINER
    assert shown == f"http\\:{joiner}//a\\.vn www{joiner}\\.b\\.vn c{joiner}\\@d\\.vn"


def test_an_unreachable_postgresql_server_is_explained(monkeypatch):
    monkeypatch.setenv("TRACKER_DB", "postgresql://postgres@127.0.0.1:9/tracker")  # no server
    at = open_page("pages/overview.py")
    assert not at.exception, at.exception
    assert any("Không kết nối được cơ sở dữ liệu PostgreSQL" in e.value for e in at.error)


def test_a_postgresql_database_without_the_schema_is_explained(postgres, monkeypatch):
    url = postgres.create_database()  # exists, but init never ran on it
    monkeypatch.setenv("TRACKER_DB", url)
    at = open_page("pages/overview.py")
    assert not at.exception, at.exception
    assert any(f"init --db {url}" in e.value for e in at.error)
