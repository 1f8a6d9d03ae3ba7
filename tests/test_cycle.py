"""The assignment cycle: waiting tasks out of the figures, reporting discipline, the
year-end appraisal per group and per official."""

from __future__ import annotations

import json
from datetime import date

import pandas as pd
import pytest

from analytics import cycle, summary
from analytics.cli import main
from analytics.store.writes import add_appraisals, add_tasks_and_reports


def task(code: str, **fields) -> dict:
    row = {"code": code, "title": f"Nhiệm vụ {code}", "description": "", "target": "",
           "body_code": "KTNS", "position": "Trưởng ban", "official": "Trưởng Ban KT-NS",
           "area_code": "giam_sat", "assigner": "Ban Thường vụ Tỉnh ủy",
           "period_label": "2024-2025", "assigned_on": date(2024, 3, 1),
           "due_on": date(2025, 12, 31), "assignment_state": "da_giao",
           "return_reason": None}  # fmt: skip
    row.update(fields)
    return row


def report(code: str, day: date, progress: float) -> dict:
    status = (
        "hoan_thanh" if progress == 100 else "dang_thuc_hien" if progress else "chua_trien_khai"
    )
    return {"task_code": code, "report_date": day, "progress": progress, "status": status,
            "note": "", "reporter": "", "evidence": ""}  # fmt: skip


@pytest.fixture
def con(store_con):
    tasks = [
        task("A"),
        task("B", official="Phó Trưởng Ban KT-NS", position="Phó Trưởng ban",
             assigner="Thường trực HĐND tỉnh"),
        task("C", body_code="VP", official="", assigned_on=date(2025, 1, 10),
             due_on=date(2025, 6, 30), period_label="2025"),
        task("R", assignment_state="dang_ky"),
        task("T", assignment_state="tra_lai", return_reason="Trùng nhiệm vụ thường xuyên"),
    ]  # fmt: skip
    reports = [
        report("A", date(2024, 6, 30), 40), report("A", date(2025, 3, 31), 100),
        report("B", date(2024, 6, 30), 20),
        report("R", date(2024, 6, 30), 100), report("T", date(2024, 6, 30), 50),
    ]  # fmt: skip
    add_tasks_and_reports(store_con, pd.DataFrame(tasks), pd.DataFrame(reports))
    return store_con


def test_registered_and_returned_tasks_are_out_of_every_figure_and_waiting(con):
    # Assigned: A (done 31/03/2025, on time), B (20 %, overdue as of 2026), C (never
    # reported, due 30/06/2025: overdue). R and T are not assigned: not counted, even with
    # reports (R's 100 % would otherwise be a done task).
    row = summary(con, "all", as_of=date(2026, 1, 31)).iloc[0]
    assert row["tasks"] == 3
    assert row["hoan_thanh_dung_han"] == 1 and row["qua_han"] == 2
    for by in ("body", "official", "assigner", "position", "area", "period"):
        assert summary(con, by, as_of=date(2026, 1, 31))["tasks"].sum() == 3
    waiting = cycle.waiting(con)
    assert list(waiting["code"]) == ["R", "T"]
    assert list(waiting["assignment_state"]) == ["dang_ky", "tra_lai"]
    assert waiting.loc[1, "return_reason"] == "Trùng nhiệm vụ thường xuyên"


def test_silent_tasks_are_found_by_report_dates(con):
    # As of 30/09/2024 with 90 days (since 02/07/2024): A and B last reported 30/06/2024,
    # 92 days before: both silent. C is not assigned yet (10/01/2025). Done tasks never are.
    silent = cycle.stale(con, date(2024, 9, 30), days=90)
    assert list(silent["code"]) == ["A", "B"]
    assert list(silent["days_silent"]) == [92, 92]
    # As of 30/09/2025: A is done; B silent since 30/06/2024 (457 days); C never reported,
    # assigned 10/01/2025 (263 days).
    silent = cycle.stale(con, date(2025, 9, 30), days=90)
    assert list(silent["code"]) == ["B", "C"]
    assert list(silent["days_silent"]) == [457, 263]


def test_a_report_imported_today_about_an_old_date_is_still_old(con):
    from analytics.importing import import_file

    csv = b"ma_nhiem_vu,ngay_bao_cao,tien_do\nB,01/07/2024,30\n"
    result = import_file(csv, con, file_name="cu.csv", user="test")
    assert result.ok, result.errors
    silent = cycle.stale(con, date(2025, 9, 30), days=90)
    # B's latest report is now dated 01/07/2024 (456 days before), imported today.
    assert dict(zip(silent["code"], silent["days_silent"], strict=True))["B"] == 456


def test_appraisal_counts_per_group_over_tasks_covering_the_year(con):
    add_appraisals(con, pd.DataFrame([
        {"task_code": "A", "year": 2025, "rating": "xuat_sac", "appraiser": "BTV",
         "appraised_on": date(2026, 1, 15), "comment": ""},
        {"task_code": "C", "year": 2025, "rating": "khong_hoan_thanh", "appraiser": "CVP",
         "appraised_on": date(2026, 1, 15), "comment": ""},
        {"task_code": "A", "year": 2024, "rating": "tot", "appraiser": "BTV",
         "appraised_on": date(2025, 1, 15), "comment": ""},
    ]))  # fmt: skip
    # 2025: A, B, C cover it (R and T are not assigned). By body: KTNS has A (xuất sắc)
    # and B (not appraised); VP has C (không hoàn thành).
    by_body = cycle.appraisal_summary(con, 2025, "body")
    assert by_body.to_dict(orient="records") == [
        {"key": "KTNS", "label": "Ban Kinh tế - Ngân sách", "xuat_sac": 1, "tot": 0,
         "hoan_thanh": 0, "khong_hoan_thanh": 0, "chua_danh_gia": 1},
        {"key": "VP", "label": "Văn phòng Đoàn ĐBQH và HĐND tỉnh", "xuat_sac": 0, "tot": 0,
         "hoan_thanh": 0, "khong_hoan_thanh": 1, "chua_danh_gia": 0},
    ]  # fmt: skip
    # 2024: A and B only (C was assigned in 2025). C's empty official is "(chưa ghi)".
    by_official = cycle.appraisal_summary(con, 2024, "official")
    assert list(by_official["key"]) == ["Phó Trưởng Ban KT-NS", "Trưởng Ban KT-NS"]
    assert list(by_official["tot"]) == [0, 1]
    assert next(iter(cycle.appraisal_summary(con, 2025, "official")["label"])) == "(chưa ghi)"


def test_the_official_sheet_lists_every_task_of_the_year(con):
    add_tasks_and_reports(con, pd.DataFrame([task("D", due_on=date(2024, 12, 31))]),
                          pd.DataFrame())  # fmt: skip
    sheet = cycle.official_sheet(con, "Trưởng Ban KT-NS", 2024)
    # A (covers 2024-2025) and D (2024), both the same official; R and T are not assigned.
    assert list(sheet["code"]) == ["A", "D"]
    # As of 31/12/2024: A at 40 % in progress; D never reported and due that day.
    assert list(sheet["status"]) == ["dang_thuc_hien", "chua_trien_khai"]
    assert list(sheet["progress"]) == [40.0, 0.0]


def test_appraisal_cli(tmp_path, capsys):
    db = str(tmp_path / "a.duckdb")
    assert main(["init", "--demo", "--db", db]) == 0
    capsys.readouterr()
    assert main(["appraisal", "--year", "2021", "--by", "body", "--db", db]) == 0
    payload = json.loads(capsys.readouterr().out)
    assert payload["year"] == 2021
    # Every one of the 34 assigned demo tasks covers 2021; each group's counts add up.
    columns = ("xuat_sac", "tot", "hoan_thanh", "khong_hoan_thanh", "chua_danh_gia")
    assert sum(sum(g[c] for c in columns) for g in payload["groups"]) == 34
    assert [g["key"] for g in payload["groups"]] == ["TT", "KTNS", "VHXH", "PC", "DT", "VP"]
    assert main(["appraisal", "--year", "2021", "--format", "csv", "--db", db]) == 0
    header = capsys.readouterr().out.splitlines()[0]
    assert header == "key,label,xuat_sac,tot,hoan_thanh,khong_hoan_thanh,chua_danh_gia"
    with pytest.raises(SystemExit) as misuse:
        main(["appraisal", "--year", "21", "--db", db])
    assert misuse.value.code == 2
