"""The demo data: the 17 source tasks, positions, assigners and a history with every status."""

from __future__ import annotations

from datetime import date

import pandas as pd

from analytics.demo import LAST_REPORT_DATE, demo_frames
from analytics.figures import summary

# Task number -> (area, the positions DOMAIN.md gives that group of tasks).
VICE_CHAIR = {"Phó Chủ tịch HĐND tỉnh"}
COMMITTEE = {"Trưởng ban", "Phó Trưởng ban"}
OFFICE_LEAD = {"Chánh Văn phòng", "Phó Chánh Văn phòng"}
OFFICE_STAFF = {"Lãnh đạo phòng", "Chuyên viên", "Người lao động"}
EXPECTED = {
    1: ("chat_van", VICE_CHAIR), 2: ("giam_sat", VICE_CHAIR),
    3: ("tin_dung_ho_ngheo", VICE_CHAIR), 4: ("giam_sat", COMMITTEE),
    5: ("dan_toc", COMMITTEE), 6: ("dau_tu_cong", COMMITTEE),
    7: ("khieu_nai_to_cao", COMMITTEE), 8: ("tin_dung_ho_ngheo", COMMITTEE),
    9: ("van_phong", OFFICE_LEAD), 10: ("van_phong", OFFICE_LEAD), 11: ("van_phong", OFFICE_LEAD),
    12: ("van_phong", OFFICE_STAFF), 13: ("giam_sat", OFFICE_STAFF),
    14: ("khieu_nai_to_cao", OFFICE_STAFF), 15: ("van_phong", OFFICE_STAFF),
    16: ("cong_nghe_thong_tin", OFFICE_STAFF), 17: ("van_phong", OFFICE_STAFF),
}  # fmt: skip
# Who assigns to whom (DOMAIN.md, the cascade).
ASSIGNER_OF = {
    "Phó Chủ tịch HĐND tỉnh": "Ban Thường vụ Tỉnh ủy",
    "Trưởng ban": "Ban Thường vụ Tỉnh ủy",
    "Chánh Văn phòng": "Ban Thường vụ Tỉnh ủy",
    "Phó Trưởng ban": "Thường trực HĐND tỉnh",
    "Phó Chánh Văn phòng": "Thường trực HĐND tỉnh",
    "Lãnh đạo phòng": "Chánh Văn phòng",
    "Chuyên viên": "Chánh Văn phòng",
    "Người lao động": "Chánh Văn phòng",
}
KEYWORDS = {  # a phrase of each source task, as the article words it
    1: "chất vấn", 2: "HĐND cấp huyện, xã", 3: "hộ cận nghèo", 4: "Đại hội Đảng bộ tỉnh",
    5: "miền núi", 6: "đầu tư công", 7: "khiếu nại", 8: "vốn vay", 9: "Tổ đại biểu",
    10: "quản trị hành chính", 11: "phòng Tổng hợp", 12: "pháp luật mới", 13: "thẩm tra",
    14: "tiếp công dân", 15: "kỳ họp", 16: "công nghệ thông tin", 17: "lễ tân",
}  # fmt: skip


def test_every_source_task_is_there_for_2021_and_for_its_phase():
    tasks, _ = demo_frames()
    for number, (area, positions) in EXPECTED.items():
        mine = tasks[tasks["code"].str.startswith(f"DP{number:02d}-")]
        assert sorted(mine["period_label"]) in (["2021", "2021-2025"], ["2021", "2021-2026"])
        assert set(mine["area_code"]) == {area}, number
        assert set(mine["position"]) <= positions, number
        assert mine["title"].str.contains(KEYWORDS[number], regex=False).all(), number
        for _, task in mine.iterrows():
            assert task["assigner"] == ASSIGNER_OF[task["position"]], number


def test_bodies_follow_the_positions():
    tasks, _ = demo_frames()
    by_position = tasks.groupby("position")["body_code"].agg(set).to_dict()
    assert by_position["Phó Chủ tịch HĐND tỉnh"] == {"TT"}
    assert by_position["Trưởng ban"] <= {"KTNS", "VHXH", "PC", "DT"}
    assert by_position["Phó Trưởng ban"] <= {"KTNS", "VHXH", "PC", "DT"}
    for office in ("Chánh Văn phòng", "Phó Chánh Văn phòng", "Chuyên viên", "Người lao động"):
        assert by_position[office] == {"VP"}
    # Two Vice-Chairs, each named by the position only.
    vice_chairs = set(tasks.loc[tasks["position"] == "Phó Chủ tịch HĐND tỉnh", "official"])
    assert vice_chairs == {"Phó Chủ tịch HĐND tỉnh thứ nhất", "Phó Chủ tịch HĐND tỉnh thứ hai"}


def test_officials_are_named_by_position():
    tasks, _ = demo_frames()
    words = ("Phó Chủ tịch", "Trưởng Ban", "Phó Trưởng Ban", "Chánh Văn phòng",
             "Phó Chánh Văn phòng", "Trưởng phòng", "Chuyên viên", "Nhân viên")  # fmt: skip
    for official in tasks["official"]:
        assert official.startswith(words), official


def test_the_demo_is_the_same_every_time():
    first_tasks, first_reports = demo_frames()
    second_tasks, second_reports = demo_frames()
    pd.testing.assert_frame_equal(first_tasks, second_tasks)
    pd.testing.assert_frame_equal(first_reports, second_reports)


def test_reports_are_quarterly_plausible_and_in_the_past():
    tasks, reports = demo_frames()
    assert reports["report_date"].max() == LAST_REPORT_DATE
    assert reports["report_date"].min() >= date(2021, 3, 31)
    quarter_ends = {(3, 31), (6, 30), (9, 30), (12, 31)}
    assert {(d.month, d.day) for d in reports["report_date"]} <= quarter_ends
    assert reports["progress"].between(0, 100).all()
    done = reports["status"] == "hoan_thanh"
    assert (reports.loc[done, "progress"] == 100).all()
    assert (reports.loc[~done, "progress"] < 100).all()
    merged = reports.merge(tasks, left_on="task_code", right_on="code")
    assert (merged["report_date"] > merged["assigned_on"]).all()


def test_every_status_occurs_as_of_the_last_report(demo_db):
    # Counted by hand from the courses in analytics/demo.py as of 30/09/2026:
    # 2021 tasks: 13 on time, 3 late (5, 7 reopened, 14), 1 overdue (16);
    # phase tasks: 6 on time (1, 3, 7, 9, 12, 15), 1 late (4), 2 overdue (5, 6),
    # 6 in progress (2, 8, 10, 11, 13, 14), 2 not started (16 at 0 %, 17 never reported).
    row = summary(demo_db, "all", as_of=LAST_REPORT_DATE).iloc[0]
    assert row["tasks"] == 34
    assert row["hoan_thanh_dung_han"] == 19
    assert row["hoan_thanh_qua_han"] == 4
    assert row["qua_han"] == 3
    assert row["dang_thuc_hien"] == 6
    assert row["chua_trien_khai"] == 2
