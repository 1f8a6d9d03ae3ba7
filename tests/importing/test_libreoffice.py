"""Files saved by LibreOffice Calc (CSV and XLSX) import like the originals.

Needs ``soffice`` (Debian: ``apt-get install -y libreoffice-calc-nogui``); skipped
where it is missing, except in CI (``REQUIRE_BROWSER`` set), where that fails.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest

from analytics.importing import import_file
from analytics.store.connection import transaction
from tests.importing.helpers import PROGRESS_HEADER, errors_of, xlsx_bytes

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
if SOFFICE is None and os.environ.get("REQUIRE_BROWSER"):
    raise RuntimeError("soffice is required here (apt-get install -y libreoffice-calc-nogui)")
pytestmark = pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) not installed")

ROWS = [
    PROGRESS_HEADER,
    [
        "DP01-GD",
        date(2026, 1, 15),
        45.5,
        "Đang thực hiện",
        'Đã họp, khảo sát; "đợt 1"',
        "Phòng Tổng hợp",
        "Báo cáo số 1/BC-VP",
    ],
    ["007", date(2026, 2, 15), 1, None, None, None, None],  # 100 % as a percentage cell
    [],
    ["DP02-GD", date(2026, 3, 1), 0, None, "dòng một\ndòng hai", None, None],
]


def _convert(source: Path, target: str, outdir: Path, profile: Path) -> Path:
    subprocess.run(
        [SOFFICE, f"-env:UserInstallation=file://{profile}", "--headless", "--norestore",
         "--convert-to", target, "--outdir", str(outdir), str(source)],
        check=True, capture_output=True, timeout=120,
    )  # fmt: skip
    return next(outdir.iterdir())


def _add_task_007(con) -> None:
    with transaction(con):  # the store's way to write (on PostgreSQL it reaches the server)
        _insert_task_007(con)


def _insert_task_007(con) -> None:
    con.execute(
        "INSERT INTO tasks (id, code, title, body_code, position, area_code, period_label, "
        "assigned_on, due_on) VALUES (999, '007', 'Bảy', 'TT', 'Trưởng ban', 'giam_sat', "
        "'2026', DATE '2026-01-01', DATE '2026-12-31')"
    )


@pytest.fixture(scope="module")
def saved(tmp_path_factory) -> dict[str, bytes]:
    root = tmp_path_factory.mktemp("lo")
    source = root / "tien_do.xlsx"
    rows = [list(r) for r in ROWS]
    source.write_bytes(xlsx_bytes(rows, formats={"B2": "dd/mm/yyyy", "B3": "dd/mm/yyyy",
                                                 "B5": "dd/mm/yyyy", "C3": "0%"}))  # fmt: skip
    profile = root / "profile"
    csv_out, xlsx_out = root / "csv", root / "xlsx"
    csv_out.mkdir()
    xlsx_out.mkdir()
    csv_file = _convert(source, "csv:Text - txt - csv (StarCalc):44,34,76,1", csv_out, profile)
    xlsx_file = _convert(source, "xlsx:Calc MS Excel 2007 XML", xlsx_out, profile)
    return {"csv": csv_file.read_bytes(), "xlsx": xlsx_file.read_bytes()}


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_a_file_saved_by_libreoffice_imports(demo, saved, fmt):
    _add_task_007(demo)
    result = import_file(saved[fmt], demo, file_name=f"lo.{fmt}")
    assert result.ok, result.errors
    assert (result.rows, result.inserted) == (3, 3)
    stored = demo.execute(
        "SELECT t.code, p.report_date, p.progress, p.status, p.note FROM progress p "
        "JOIN tasks t ON t.id = p.task_id WHERE p.import_id IS NOT NULL ORDER BY 2"
    ).fetchall()
    assert stored == [
        ("DP01-GD", date(2026, 1, 15), 45.5, "dang_thuc_hien", 'Đã họp, khảo sát; "đợt 1"'),
        ("007", date(2026, 2, 15), 100.0, "hoan_thanh", None),
        ("DP02-GD", date(2026, 3, 1), 0.0, "chua_trien_khai", "dòng một\ndòng hai"),
    ]


def test_row_numbers_of_a_libreoffice_csv_count_the_blank_row(demo, saved):
    _add_task_007(demo)
    broken = saved["csv"].replace(b"DP02-GD", b"KHONG-CO")
    assert errors_of(import_file(broken, demo)) == [(5, "ma_nhiem_vu", "KHONG-CO")]
