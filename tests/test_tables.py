"""Figure tables for the screen and for download; formats; exports."""

from __future__ import annotations

import io

import pandas as pd
from openpyxl import load_workbook

from analytics import exports, formats, tables


def figures(**overrides) -> pd.DataFrame:
    row = {"key": "DT", "label": "Ban Dân tộc", "tasks": 2, "hoan_thanh_dung_han": 0,
           "hoan_thanh_qua_han": 1, "dang_thuc_hien": 0, "chua_trien_khai": 0, "qua_han": 1,
           "completion_rate": 0.5, "on_time_rate": 0.0, "avg_progress": 92.5, "extended": 1,
           "progress_delta": float("nan")}  # fmt: skip
    row.update(overrides)
    return pd.DataFrame([row])


def test_vietnamese_number_formats():
    assert formats.number(1234.5, 1) == "1.234,5"
    assert formats.percent(0.725) == "72,5 %"
    assert formats.percent(0.725, language="en") == "72.5%"
    assert formats.signed(4.2, 1) == "+4,2"
    assert formats.signed(-3, 0) == "-3"
    assert formats.signed(0.04, 1) == "0,0"
    assert formats.percent(float("nan")) == "–"


def test_the_table_speaks_the_screen_language_in_percent():
    table = tables.figures_table(figures(), "vi")
    assert list(table.columns[:3]) == ["Nhóm", "Tổng số nhiệm vụ", "Hoàn thành đúng hạn"]
    assert table.loc[0, "Tỷ lệ hoàn thành (%)"] == 50.0
    assert "Tiến độ tăng trong kỳ" not in table.columns  # no window, no delta
    english = tables.figures_table(figures(), "en")
    assert "Completion rate (%)" in english.columns


def test_a_comparison_adds_signed_changes():
    from analytics.trend import side_by_side

    before = figures(tasks=2, qua_han=2, hoan_thanh_qua_han=0, completion_rate=0.0,
                     on_time_rate=0.0, avg_progress=80.0)  # fmt: skip
    after = figures()
    table = tables.compared_table(side_by_side(before, after), "vi")
    assert table.loc[0, "± Quá hạn"] == -1
    assert table.loc[0, "± Tỷ lệ hoàn thành (%)"] == 50.0
    shown = tables.for_screen(table, "vi")
    assert shown.loc[0, "± Quá hạn"] == "-1"
    assert shown.loc[0, "± Tỷ lệ hoàn thành (%)"] == "+50,0"
    assert shown.loc[0, "Tiến độ bình quân (%)"] == "92,5"


def test_downloads_open_in_excel_and_neutralise_formulas():
    notes = ['=HYPERLINK("http://x","y")', "@SUM(A1)", "-3", "bình thường"]
    frame = pd.DataFrame({"Ghi chú": notes, "Số": [1, 2, 3, 4]})
    csv = exports.csv_bytes(frame)
    assert csv.startswith(b"\xef\xbb\xbf")  # UTF-8 with BOM
    text = csv.decode("utf-8-sig")
    assert "'=HYPERLINK" in text and "'@SUM(A1)" in text and "'-3" in text
    assert "bình thường" in text
    book = load_workbook(io.BytesIO(exports.xlsx_bytes(frame, "Số liệu")))
    sheet = book["Số liệu"]
    assert sheet["A2"].value == '=HYPERLINK("http://x","y")'
    assert sheet["A2"].data_type == "s"  # a string, never a formula
    assert sheet["B2"].value == 1 and sheet["B2"].data_type == "n"


def test_rates_on_screen_are_rounded_once():
    # 23 of 34 done: 67.647 %. Rounded to 4 decimals first (0.6765) and then to one
    # decimal it would read 67,7 %; the screen reads the counts: 67,6 %.
    row = figures(tasks=34, hoan_thanh_dung_han=19, hoan_thanh_qua_han=4, qua_han=3,
                  dang_thuc_hien=6, chua_trien_khai=2, completion_rate=0.6765)  # fmt: skip
    shown = tables.for_screen(tables.figures_table(row, "vi"), "vi")
    assert shown.loc[0, "Tỷ lệ hoàn thành (%)"] == "67,6"
    # On time: 19 / (23 + 3) = 73.08 %.
    assert shown.loc[0, "Tỷ lệ đúng hạn (%)"] == "73,1"


def test_rows_ordered_for_a_figure_and_its_columns_first():
    # Completion from the counts: DT 1/2 = 50 %, KT 0/1 = 0 %, TT 2/2 = 100 %, PC no task
    # (empty). Lowest first, empty last. Overdue: DT 1, KT 0, TT 1, PC 0: largest first,
    # ties in the frame's order.
    frame = pd.concat([
        figures(),
        figures(key="KT", label="Ban Kinh tế", tasks=1, hoan_thanh_qua_han=0, qua_han=0,
                dang_thuc_hien=1),
        figures(key="TT", label="Thường trực", tasks=2, hoan_thanh_dung_han=2,
                hoan_thanh_qua_han=0, qua_han=1),
        figures(key="PC", label="Ban Pháp chế", tasks=0, hoan_thanh_qua_han=0, qua_han=0),
    ], ignore_index=True)  # fmt: skip
    assert tables.group_order(frame, "completion_rate") == [1, 0, 2, 3]
    assert tables.group_order(frame, "qua_han") == [0, 2, 1, 3]
    table = tables.figures_table(frame, "vi")
    shown = tables.focused(table, "qua_han", [0, 2, 1, 3], "vi")
    assert list(shown.columns[:3]) == ["Nhóm", "Quá hạn", "Tổng số nhiệm vụ"]
    assert list(shown["Nhóm"]) == ["Ban Dân tộc", "Thường trực", "Ban Kinh tế", "Ban Pháp chế"]
    assert list(shown["Quá hạn"]) == [1, 1, 0, 0]
    assert sorted(shown.columns) == sorted(table.columns)  # every column kept


def test_a_compared_figure_leads_with_its_change():
    from analytics.trend import side_by_side

    before = figures(tasks=2, qua_han=2, hoan_thanh_qua_han=0)
    table = tables.compared_table(side_by_side(before, figures()), "vi")
    shown = tables.focused(table, "completion_rate", [0], "vi")
    assert list(shown.columns[:3]) == ["Nhóm", "Tỷ lệ hoàn thành (%)", "± Tỷ lệ hoàn thành (%)"]
    # 0 of 2 done before, 1 of 2 now: 50 %, up 50 points.
    assert list(shown.iloc[0, 1:3]) == [50.0, 50.0]
