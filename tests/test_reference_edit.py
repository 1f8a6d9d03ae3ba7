"""Editing the reference lists: whole lists checked row by row, stored at once or not at all."""

from __future__ import annotations

from datetime import date, datetime

import pandas as pd
import pytest
from argon2 import PasswordHasher

from analytics import accounts, reference_edit
from analytics.reference_edit import ListChange, ListRejected, current, save

WHEN = datetime(2026, 11, 27, 9, 0)


def _task(con, code: str, body: str = "KTNS", area: str = "giam_sat", period: str = "2021"):
    con.execute(
        "INSERT INTO tasks (id, code, title, body_code, position, area_code, period_label, "
        "assigned_on, due_on) VALUES ((SELECT coalesce(max(id), 0) + 1 FROM tasks), ?, 'X', "
        "?, 'Trưởng ban', ?, ?, ?, ?)",
        [code, body, area, period, date(2021, 1, 4), date(2021, 12, 31)],
    )


def _version(con) -> int:
    return int(con.execute("SELECT value FROM meta WHERE key = 'data_version'").fetchone()[0])


def _problems(error: ListRejected) -> list[tuple]:
    return [(p.row, p.column, p.key) for p in error.problems]


def test_a_renamed_body_is_stored_counted_logged_and_raises_the_data_version(empty_con):
    bodies = current(empty_con, "bodies")
    before = _version(empty_con)
    bodies.loc[bodies["code"] == "PC", "name_en"] = "Legal Committee"
    assert save(empty_con, "bodies", bodies, "quantri", WHEN) == ListChange(0, 1, 0)
    stored = current(empty_con, "bodies")
    assert stored.loc[stored["code"] == "PC", "name_en"].item() == "Legal Committee"
    assert list(stored["code"]) == ["TT", "KTNS", "VHXH", "PC", "DT", "VP"]
    assert _version(empty_con) == before + 1
    log = accounts.audit_log(empty_con)
    assert log[["actor", "action", "target", "detail"]].values.tolist() == [
        ["quantri", "reference_change", "bodies", "+0 ~1 -0"]
    ]


def test_saving_the_list_unchanged_writes_nothing(empty_con):
    before = _version(empty_con)
    assert save(empty_con, "areas", current(empty_con, "areas"), "quantri") == ListChange(0, 0, 0)
    assert _version(empty_con) == before
    assert accounts.audit_log(empty_con).empty


def test_an_area_added_and_an_unused_one_removed_in_the_order_shown(empty_con):
    areas = current(empty_con, "areas")
    areas = areas[areas["code"] != "cong_nghe_thong_tin"]
    new = pd.DataFrame([{"code": "chuyen_doi_so", "name_vi": " Chuyển đổi số ",
                         "name_en": "Digital transformation", "headline": None}])  # fmt: skip
    blank = pd.DataFrame([{"code": None, "name_vi": None, "name_en": None, "headline": None}])
    edited = pd.concat([new, areas, blank], ignore_index=True)
    assert save(empty_con, "areas", edited, "quantri", WHEN) == ListChange(1, 0, 1)
    stored = current(empty_con, "areas")
    assert stored.iloc[0].tolist() == ["chuyen_doi_so", "Chuyển đổi số", "Digital transformation",
                                       False]  # fmt: skip
    assert len(stored) == 8 and "cong_nghe_thong_tin" not in set(stored["code"])


def test_a_body_that_tasks_or_accounts_use_cannot_be_removed(empty_con, monkeypatch):
    _task(empty_con, "A1", body="KTNS")
    _task(empty_con, "A2", body="KTNS")
    monkeypatch.setattr(accounts, "HASHER", PasswordHasher(time_cost=1, memory_cost=1024))
    accounts.add_user(empty_con, "vanthu.dt", "staff", "Ngua-Sat-2026-Long", ("DT",),
                      actor="test")  # fmt: skip
    bodies = current(empty_con, "bodies")
    kept = bodies[~bodies["code"].isin(["KTNS", "DT"])]
    with pytest.raises(ListRejected) as rejected:
        save(empty_con, "bodies", kept, "quantri")
    messages = [p.message("vi") for p in rejected.value.problems]
    assert messages == [
        "Không bỏ được 'DT': 1 tài khoản chỉ làm việc với cơ quan này.",
        "Không bỏ được 'KTNS': 2 nhiệm vụ đang dùng.",
    ]
    assert current(empty_con, "bodies").equals(bodies)


def test_an_official_s_body_and_position_cannot_be_removed(empty_con, monkeypatch):
    monkeypatch.setattr(accounts, "HASHER", PasswordHasher(time_cost=1, memory_cost=1024))
    accounts.add_user(empty_con, "cb.vp", "official", "Ngua-Sat-2026-Long", body="VP",
                      position="Chuyên viên", actor="test")  # fmt: skip
    bodies = current(empty_con, "bodies")
    with pytest.raises(ListRejected) as rejected:
        save(empty_con, "bodies", bodies[bodies["code"] != "VP"], "quantri")
    assert [p.message("vi") for p in rejected.value.problems] == [
        "Không bỏ được 'VP': 1 tài khoản chỉ làm việc với cơ quan này."
    ]
    positions = current(empty_con, "positions")
    with pytest.raises(ListRejected) as rejected:
        save(empty_con, "positions", positions[positions["name_vi"] != "Chuyên viên"], "quantri")
    assert [p.message("vi") for p in rejected.value.problems] == [
        "Không bỏ được 'Chuyên viên': 1 tài khoản cán bộ, công chức mang chức danh này."
    ]
    assert current(empty_con, "positions").equals(positions)


def test_every_problem_of_a_list_is_named_by_row_and_column_and_nothing_is_stored(empty_con):
    bodies = current(empty_con, "bodies")
    before = _version(empty_con)
    edited = pd.concat([bodies, pd.DataFrame([
        {"code": "ktns2", "name_vi": "", "name_en": "Second"},  # row 7
        {"code": "KT2", "name_vi": "ban kinh te - NGAN SACH", "name_en": "Budget 2"},  # row 8
        {"code": "X" * 17, "name_vi": "Ban mới", "name_en": "N" * 151},  # row 9
    ])], ignore_index=True)  # fmt: skip
    with pytest.raises(ListRejected) as rejected:
        save(empty_con, "bodies", edited, "quantri")
    assert _problems(rejected.value) == [
        (7, "name_vi", "ref_required"),
        (7, "code", "ref_bad_code_bodies"),
        (8, "name_vi", "ref_duplicate"),  # Ban Kinh tế - Ngân sách is row 2
        (9, "name_en", "ref_too_long"),
        (9, "code", "ref_bad_code_bodies"),
    ]
    assert (
        rejected.value.problems[2]
        .message("vi")
        .startswith("'ban kinh te - NGAN SACH' trùng với dòng 2")
    )
    table = rejected.value.table("vi")
    assert list(table.columns) == ["Dòng", "Cột", "Nội dung lỗi"]
    assert table.iloc[0].tolist() == [7, "Tên tiếng Việt", "Không được để trống."]
    assert current(empty_con, "bodies").equals(bodies)
    assert _version(empty_con) == before


def test_periods_are_a_year_or_a_span_of_the_right_kind(empty_con):
    periods = current(empty_con, "periods")[["label", "kind"]]
    added = pd.DataFrame([{"label": "2027", "kind": "nam"},
                          {"label": "2031-2036", "kind": "nhiem_ky"}])  # fmt: skip
    good = pd.concat([periods, added])
    assert save(empty_con, "periods", good, "quantri") == ListChange(2, 0, 0)
    stored = current(empty_con, "periods").set_index("label")
    assert stored.loc["2031-2036"].tolist() == ["nhiem_ky", 2031, 2036]
    assert stored.loc["2027"].tolist() == ["nam", 2027, 2027]
    bad = pd.concat([periods, pd.DataFrame([
        {"label": "2028-2027", "kind": "giai_doan"},  # row 5
        {"label": "2029", "kind": "giai_doan"},  # row 6
        {"label": "2030-2034", "kind": "quy"},  # row 7
    ])], ignore_index=True)  # fmt: skip
    with pytest.raises(ListRejected) as rejected:
        save(empty_con, "periods", bad, "quantri")
    assert _problems(rejected.value) == [
        (5, "label", "ref_bad_period"), (6, "kind", "ref_kind_mismatch"),
        (7, "kind", "ref_bad_kind"),
        # the removed 2027 and 2031-2036 are unused, so removing them is no problem
    ]  # fmt: skip


def test_a_period_tasks_use_cannot_be_removed(empty_con):
    _task(empty_con, "B1", period="2021-2025")
    periods = current(empty_con, "periods")
    with pytest.raises(ListRejected) as rejected:
        save(empty_con, "periods", periods[periods["label"] != "2021-2025"], "quantri")
    assert _problems(rejected.value) == [(None, "label", "ref_in_use")]


def test_an_empty_list_is_refused(empty_con):
    empty = current(empty_con, "positions").iloc[0:0]
    with pytest.raises(ListRejected) as rejected:
        save(empty_con, "positions", empty, "quantri")
    assert _problems(rejected.value) == [(None, None, "ref_empty_list")]


def test_the_lists_are_the_four_of_the_reference_data():
    assert reference_edit.LISTS == ("bodies", "areas", "positions", "periods")


def test_the_same_rows_in_another_order_are_saved_as_a_new_order(empty_con):
    positions = current(empty_con, "positions")
    reversed_rows = positions.iloc[::-1]
    change = save(empty_con, "positions", reversed_rows, "quantri", WHEN)
    assert change == ListChange(0, 0, 0, reordered=True)
    assert change.said("Chức danh") == "Đã lưu thứ tự mới của danh mục Chức danh."
    assert list(current(empty_con, "positions")["name_vi"]) == list(reversed_rows["name_vi"])
    assert accounts.audit_log(empty_con)["detail"].tolist() == ["+0 ~0 -0"]
