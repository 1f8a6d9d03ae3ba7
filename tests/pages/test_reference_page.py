"""Quản trị → Danh mục under AppTest: an edit saved, a bad edit listed by row and refused."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from analytics.reference_edit import current
from tests.conftest import ROOT
from tests.pages.helpers import empty_database


def _admin_page(tmp_path, monkeypatch) -> tuple[AppTest, object]:
    # Local mode (no account yet): whoever is on this machine is an administrator.
    db = empty_database(tmp_path / "ref.duckdb")
    monkeypatch.setenv("TRACKER_DB", str(db))
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=90).run()
    at.switch_page("pages/audit.py").run()
    assert not at.exception, at.exception
    return at, db


def _edit(at: AppTest, list_name: str, edited_rows=None, added_rows=None, deleted_rows=None):
    # What the editor in the browser sends back: the changes against the list shown.
    at.session_state[f"ref_editor_{list_name}"] = {
        "edited_rows": edited_rows or {}, "added_rows": added_rows or [],
        "deleted_rows": deleted_rows or [],
    }  # fmt: skip
    at.button(key="ref_save").click().run()
    assert not at.exception, at.exception


def test_a_renamed_area_is_saved_and_said(tmp_path, monkeypatch):
    at, db = _admin_page(tmp_path, monkeypatch)
    at.segmented_control(key="ref_list").set_value("areas").run()
    _edit(at, "areas", edited_rows={1: {"name_en": "Questioning sessions"}})  # row 2: chat_van
    said = [s.value for s in at.success]
    assert said == ["Đã lưu danh mục Lĩnh vực: thêm 0, sửa 1, bỏ 0 dòng."]
    areas = current(db, "areas").set_index("code")
    assert areas.loc["chat_van", "name_en"] == "Questioning sessions"


def test_a_bad_row_is_listed_and_nothing_is_saved(tmp_path, monkeypatch):
    at, db = _admin_page(tmp_path, monkeypatch)
    before = current(db, "bodies")
    _edit(at, "bodies", added_rows=[{"code": "ban moi", "name_vi": "Ban mới", "name_en": ""}])
    assert [e.value for e in at.error] == ["Chưa lưu: danh mục có 2 lỗi, sửa rồi bấm Lưu lại."]
    problems = next(t.value for t in at.dataframe if "Dòng" in t.value.columns)
    assert problems["Dòng"].tolist() == [7, 7]
    assert problems["Cột"].tolist() == ["Tên tiếng Anh", "Mã"]
    assert current(db, "bodies").equals(before)
