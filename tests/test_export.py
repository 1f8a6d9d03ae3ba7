"""``export``: the stored rows in the import format, a round trip, formulas made inert."""

from __future__ import annotations

import csv
import io
import json
import zipfile
from datetime import date
from pathlib import Path

import pandas as pd
import pytest
from openpyxl import load_workbook

from analytics import exports, summary
from analytics.cli import main
from analytics.importing import import_file
from analytics.store.connection import open_db
from tests.importing.helpers import PROGRESS_HEADER, TASKS_HEADER, csv_bytes

# The display headers exactly as CONTRACT.md section 2 lists them.
CONTRACT_HEADERS = {
    "tasks": ["Mã nhiệm vụ", "Tên nhiệm vụ", "Cơ quan", "Chức danh", "Người thực hiện",
              "Lĩnh vực", "Cấp giao", "Kỳ", "Ngày giao", "Hạn hoàn thành", "Mô tả",
              "Chỉ tiêu", "Trạng thái giao"],
    "progress": ["Mã nhiệm vụ", "Ngày báo cáo", "Tiến độ (%)", "Trạng thái", "Ghi chú",
                 "Người báo cáo", "Minh chứng"],
}  # fmt: skip
HYPERLINK = '=HYPERLINK("http://x","y")'
FORMULAS = (HYPERLINK, "@SUM(A1)", "+84 912", "-3", "=1+2")


def export(capsys, db: Path, out: Path, *kind: str) -> dict:
    code = main(["export", str(out), "--db", str(db), *kind])
    payload = json.loads(capsys.readouterr().out)
    assert code == 0, payload
    return payload


def empty_db(path: Path) -> Path:
    with open_db(path, create=True):
        pass
    return path


def stored(db: Path) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Tasks and reports as stored, without ids and import bookkeeping, in a fixed order.

    An empty text is one value whether stored as '' or NULL (the demo writes '' for a
    missing evidence, an import NULL for an empty cell): a file cannot tell them apart.
    The reason a task was returned is not a column of the import file (CONTRACT.md §3).
    """
    with open_db(db) as con:
        tasks = con.execute(
            "SELECT * EXCLUDE (id, import_id, return_reason) FROM tasks ORDER BY code"
        ).df()
        reports = con.execute(
            "SELECT t.code, p.* EXCLUDE (task_id, import_id) FROM progress p "
            "JOIN tasks t ON t.id = p.task_id ORDER BY t.code, p.report_date"
        ).df()
    return tuple(frame.replace("", None) for frame in (tasks, reports))


def reimport(files: list[Path], db: Path) -> None:
    for file in files:
        result = import_file(file, db, user="kiem-thu")
        assert result.ok, result.error_table().to_dict("records")[:5]


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_export_then_import_into_an_empty_database_gives_the_same_data(
    demo_db, tmp_path, capsys, suffix
):
    files = [tmp_path / f"{kind}{suffix}" for kind in ("tasks", "progress")]
    with open_db(demo_db) as con:
        count = con.execute("SELECT count(*) FROM tasks").fetchall()[0][0]
    assert export(capsys, demo_db, files[0], "--kind", "tasks")["rows"] == count
    assert export(capsys, demo_db, files[1])["kind"] == "progress"  # the default kind
    copy = empty_db(tmp_path / "copy.duckdb")
    reimport(files, copy)

    for before, after in zip(stored(demo_db), stored(copy), strict=True):
        pd.testing.assert_frame_equal(before, after)
    for by in ("body", "area", "official"):
        for window in ({"as_of": date(2024, 6, 30)},
                       {"date_from": date(2025, 1, 1), "date_to": date(2025, 12, 31)}):  # fmt: skip
            expected = summary(demo_db, by, **window)
            pd.testing.assert_frame_equal(expected, summary(copy, by, **window))


def test_csv_is_utf8_with_bom_commas_day_first_dates_and_decimal_points(demo_db, tmp_path, capsys):
    out = tmp_path / "tien-do.csv"
    export(capsys, demo_db, out)
    data = out.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows[0] == CONTRACT_HEADERS["progress"]
    first = dict(zip(rows[0], rows[1], strict=True))
    assert first["Mã nhiệm vụ"] == "DP01-2021"
    assert first["Ngày báo cáo"] == "31/03/2021"
    assert first["Tiến độ (%)"] == "25"
    assert first["Trạng thái"] == "Đang thực hiện"
    assert b"\r\n" in data
    tasks = tmp_path / "nhiem-vu.csv"
    export(capsys, demo_db, tasks, "--kind", "tasks")
    header = next(csv.reader(io.StringIO(tasks.read_text("utf-8-sig"))))
    assert header == CONTRACT_HEADERS["tasks"]


def test_xlsx_has_the_contract_headers_and_real_date_and_number_cells(demo_db, tmp_path, capsys):
    out = tmp_path / "tien-do.xlsx"
    export(capsys, demo_db, out)
    sheet = load_workbook(out).active
    assert [c.value for c in sheet[1]] == CONTRACT_HEADERS["progress"]
    assert sheet["B2"].is_date and sheet["B2"].value.date() == date(2021, 3, 31)
    assert sheet["B2"].number_format.upper() == "DD/MM/YYYY"
    assert sheet["C2"].data_type == "n" and sheet["C2"].value == 25
    tasks = tmp_path / "nhiem-vu.xlsx"
    export(capsys, demo_db, tasks, "--kind", "tasks")
    sheet = load_workbook(tasks).active
    assert [c.value for c in sheet[1]] == CONTRACT_HEADERS["tasks"]
    periods = [row[7] for row in sheet.iter_rows(min_row=2) if row[0].value == "DP01-2021"]
    assert periods[0].value == "2021" and periods[0].data_type == "s"  # the period stays text


@pytest.fixture(scope="module")
def tricky_db(tmp_path_factory) -> Path:
    """A database whose texts would run as formulas, with a code 007 and a fine progress."""
    db = empty_db(tmp_path_factory.mktemp("tricky") / "tricky.duckdb")
    tasks = csv_bytes([TASKS_HEADER,
        ["007", "-Giảm hồ sơ tồn", "KTNS", "Trưởng ban", "", "giam_sat", "", "2026",
         "05/01/2026", "31/12/2026", "@mô tả", "+10 %", "Đã giao"],
        ["DX-01", "Đề xuất mới", "Ban Pháp chế", "Chuyên viên", "=cmd|' /C calc'!A0",
         "Chất vấn", "", "2026", "05/01/2026", "30/06/2026", "", "", "Đề xuất"],
    ])  # fmt: skip
    progress = csv_bytes([PROGRESS_HEADER,
        ["007", "31/03/2026", "33.3333333333", "", "'" + HYPERLINK, "'@SUM(A1)", "'+84 912"],
        ["007", "30/06/2026", "45,5", "Đang thực hiện", "'-3", "", "'=1+2"],
        ["DX-01", "31/03/2026", "0", "", "bình thường", "", ""],
    ])  # fmt: skip
    for data in (tasks, progress):
        assert import_file(data, db, file_name="x.csv").ok
    return db


def test_the_import_drops_the_apostrophe_so_formulas_are_stored_as_typed(tricky_db):
    _, reports = stored(tricky_db)
    assert reports["note"].tolist()[:2] == [HYPERLINK, "-3"]
    assert reports["reporter"].tolist()[0] == "@SUM(A1)"


def test_formulas_come_out_inert_in_csv_and_the_numbers_stay_numbers(tricky_db, tmp_path, capsys):
    out = tmp_path / "p.csv"
    export(capsys, tricky_db, out)
    text = out.read_text("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    cells = [cell for row in rows[1:] for cell in row]
    for formula in FORMULAS:
        assert "'" + formula in cells
    for cell in cells:
        assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), cell
    assert rows[1][2] == "33.3333333333" and rows[2][2] == "45.5"  # numbers, not text
    assert '"\'=HYPERLINK(""http://x"",""y"")"' in text  # quoted as CSV quotes a quote

    tasks = tmp_path / "t.csv"
    export(capsys, tricky_db, tasks, "--kind", "tasks")
    rows = list(csv.reader(io.StringIO(tasks.read_text("utf-8-sig"))))
    assert rows[1][:2] == ["007", "'-Giảm hồ sơ tồn"]
    assert rows[2][4] == "'=cmd|' /C calc'!A0"


def test_formulas_come_out_as_text_cells_in_xlsx(tricky_db, tmp_path, capsys):
    out = tmp_path / "p.xlsx"
    export(capsys, tricky_db, out)
    sheet = load_workbook(out).active
    assert sheet["E2"].value == HYPERLINK and sheet["E2"].data_type == "s"
    assert sheet["E2"].quotePrefix  # Excel keeps it text even when the cell is edited
    assert sheet["F2"].value == "@SUM(A1)" and sheet["F2"].data_type == "s"
    assert sheet["C2"].data_type == "n" and sheet["C2"].value == pytest.approx(33.3333333333)
    with zipfile.ZipFile(out) as book:
        xml = book.read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in xml and "<f " not in xml  # not one formula in the sheet


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_inert_exports_import_back_to_the_same_text(tricky_db, tmp_path, capsys, suffix):
    files = [tmp_path / f"{kind}{suffix}" for kind in ("tasks", "progress")]
    export(capsys, tricky_db, files[0], "--kind", "tasks")
    export(capsys, tricky_db, files[1])
    copy = empty_db(tmp_path / "copy.duckdb")
    reimport(files, copy)
    for before, after in zip(stored(tricky_db), stored(copy), strict=True):
        pd.testing.assert_frame_equal(before, after)


def test_exit_codes(demo_db, tmp_path, capsys, monkeypatch):
    assert main(["export", str(tmp_path / "x.txt"), "--db", str(demo_db)]) == 2
    assert main(["export", str(tmp_path / "nowhere" / "x.csv"), "--db", str(demo_db)]) == 2
    assert "csv" in capsys.readouterr().err
    with pytest.raises(SystemExit) as stopped:
        main(["export", str(tmp_path / "x.csv"), "--kind", "appraisal", "--db", str(demo_db)])
    assert stopped.value.code == 2
    monkeypatch.setattr(exports, "XLSX_MAX_ROWS", 100)
    out = tmp_path / "big.xlsx"
    assert main(["export", str(out), "--db", str(demo_db)]) == 1  # 387 reports
    assert json.loads(capsys.readouterr().out)["status"] == "rejected"
    assert not out.exists() and list(tmp_path.glob("*.part")) == []
