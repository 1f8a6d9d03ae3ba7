"""Reports missing for the last ended reporting period, per task and by body."""

from __future__ import annotations

from datetime import date

import pandas as pd

from analytics.importing import import_file
from analytics.missing_reports import missing_reports
from analytics.store.connection import open_db

# Today 02/12/2026: the last ended quarter ran 15/06/2026-14/09/2026, the last ended month
# 15/10/2026-14/11/2026. Q1 (KTNS) reported in both; Q2 (KTNS) reported 20/09 only;
# Q3 (DT) never; Q4 (DT) done on 01/08; Q5 (DT) assigned 01/07 (after the quarter began);
# W (KTNS) registered, not assigned.
TASKS = """ma_nhiem_vu,ten_nhiem_vu,co_quan,chuc_danh,linh_vuc,ky,ngay_giao,han_hoan_thanh,\
trang_thai_giao
Q1,Một,KTNS,Trưởng ban,giam_sat,2026-2030,05/01/2026,30/06/2028,
Q2,Hai,KTNS,Trưởng ban,giam_sat,2026-2030,05/01/2026,30/06/2028,
Q3,Ba,DT,Trưởng ban,giam_sat,2026-2030,05/01/2026,30/06/2028,
Q4,Bốn,DT,Trưởng ban,giam_sat,2026-2030,05/01/2026,30/06/2028,
Q5,Năm,DT,Trưởng ban,giam_sat,2026-2030,01/07/2026,30/06/2028,
W,Sáu,KTNS,Trưởng ban,giam_sat,2026-2030,05/01/2026,30/06/2028,Đăng ký
"""
REPORTS = """ma_nhiem_vu,ngay_bao_cao,tien_do
Q1,01/08/2026,20
Q1,01/11/2026,30
Q2,20/09/2026,10
Q4,01/08/2026,100
"""
BODIES = pd.DataFrame({"code": ["KTNS", "DT"], "name_vi": ["Ban Kinh tế - Ngân sách",
                       "Ban Dân tộc"], "name_en": ["Economy", "Ethnic"]})  # fmt: skip


def _store(tmp_path) -> str:
    where = str(tmp_path / "missing.duckdb")
    with open_db(where, create=True):
        pass
    for data in (TASKS, REPORTS):
        assert import_file(data.encode(), where, file_name="x.csv", user="t",
                           today=date(2026, 12, 2)).ok  # fmt: skip
    return where


def test_quarterly_and_monthly_periods_name_the_silent_tasks(tmp_path):
    where = _store(tmp_path)
    quarter = missing_reports(where, date(2026, 12, 2), "quarterly")
    assert quarter.period == (date(2026, 6, 15), date(2026, 9, 14))
    assert quarter.name() == "Quý III/2026"
    assert sorted(quarter.tasks["code"]) == ["Q2", "Q3"]
    assert quarter.by_body(BODIES).to_dict("records") == [
        {"key": "DT", "label": "Ban Dân tộc", "tasks": 1},
        {"key": "KTNS", "label": "Ban Kinh tế - Ngân sách", "tasks": 1},
    ]
    month = missing_reports(where, date(2026, 12, 2), "monthly")
    assert month.period == (date(2026, 10, 15), date(2026, 11, 14))
    # Q1 reported 01/11; Q2, Q3 and Q5 (assigned 01/07, before 15/10) did not.
    assert sorted(month.tasks["code"]) == ["Q2", "Q3", "Q5"]
    assert month.by_body(BODIES)["tasks"].tolist() == [2, 1]  # DT first, the most
