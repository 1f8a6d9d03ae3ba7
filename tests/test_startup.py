"""The command line loads only what a command needs, when it needs it (issue: slow start).

Each case runs the command in a fresh process and lists the modules it loaded; the
libraries named here are those that made every command pay a second at start.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT, copy_demo, run_cli_env

HEAVY = {"pandas", "numpy", "pyarrow", "duckdb", "plotly", "openpyxl", "streamlit", "docx",
         "fpdf", "reportlab", "kaleido", "argon2"}  # fmt: skip
# Whatever a CSV import does not use: charts, the report, spreadsheets, the app.
NOT_FOR_A_CSV_IMPORT = {"plotly", "openpyxl", "streamlit", "docx", "fpdf", "reportlab",
                        "kaleido", "analytics.report", "analytics.charts",
                        "analytics.figures", "analytics.overview"}  # fmt: skip

PROBE = """
import json, sys
from analytics.cli import main
try:
    code = main(sys.argv[2:])
except SystemExit as stop:
    code = stop.code
with open(sys.argv[1], "w") as out:
    json.dump({"code": code, "modules": sorted(sys.modules)}, out)
"""


def loaded(tmp_path: Path, *args: str) -> tuple[int, set[str]]:
    """Run ``python -m analytics ARGS`` in a fresh process; its exit code and modules."""
    out = tmp_path / "modules.json"
    subprocess.run(
        [sys.executable, "-c", PROBE, str(out), *args], capture_output=True, text=True,
        cwd=ROOT, env=run_cli_env(tmp_path), timeout=120, check=False,
    )  # fmt: skip
    found = json.loads(out.read_text())
    names = set(found["modules"])
    return found["code"], names | {n.split(".")[0] for n in names}


@pytest.mark.parametrize(
    "args",
    [
        ["--help"],
        ["summary", "--help"],
        ["import", "--help"],
        ["report", "--help"],
        ["copy", "--help"],
        ["serve", "--help"],
    ],
)
def test_help_loads_no_heavy_library(tmp_path, args):
    code, modules = loaded(tmp_path, *args)
    assert code == 0
    assert modules & HEAVY == set()


def test_a_refused_date_loads_no_heavy_library(tmp_path):
    code, modules = loaded(tmp_path, "summary", "--as-of", "12/31/2024")
    assert code == 2
    assert modules & HEAVY == set()


def test_a_csv_import_loads_neither_charts_nor_report_nor_spreadsheets(demo_db, tmp_path):
    db = copy_demo(demo_db, tmp_path / "demo.duckdb")
    csv = tmp_path / "tien_do.csv"
    csv.write_text("Mã nhiệm vụ,Ngày báo cáo,Tiến độ (%)\nDP05-GD,30/09/2026,90\n", "utf-8")
    code, modules = loaded(tmp_path, "import", str(csv), "--db", str(db), "--dry-run")
    assert code == 0
    assert {"pandas", "duckdb"} <= modules  # what it does need
    assert modules & NOT_FOR_A_CSV_IMPORT == set()


def test_the_package_exports_summary_without_loading_pandas_first(tmp_path):
    probe = (
        "import sys, analytics; before = 'pandas' in sys.modules; "
        "from analytics import summary; print(before, summary.__module__)"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                          cwd=ROOT, env=run_cli_env(tmp_path), timeout=60)  # fmt: skip
    assert done.stdout.split() == ["False", "analytics.figures"]
