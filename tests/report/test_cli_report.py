"""``python -m analytics report``: filters, exit codes, a report without a browser."""

from __future__ import annotations

import json
from datetime import date

import pytest

from analytics import summary
from analytics.cli import main
from analytics.filters import Filters
from analytics.periods import Choice
from analytics.report import build_report, file_name
from analytics.report.images import browser_path
from analytics.report.source import describe
from analytics.store import lookups
from analytics.store.connection import open_db
from tests.report.conftest import docx_text, pdf_text


def report(capsys, *args: str) -> tuple[int, dict, str]:
    code = main(["report", *args])
    captured = capsys.readouterr()
    return code, (json.loads(captured.out) if captured.out.strip() else {}), captured.err


def test_a_body_filter_gives_that_body_s_figures(demo_db, tmp_path, capsys):
    out = tmp_path / "bao-cao.pdf"
    code, payload, _ = report(capsys, "--db", str(demo_db), "--from", "2025-01-01",
                              "--to", "2025-12-31", "--body", "VP", "--out", str(out))  # fmt: skip
    assert code == 0
    assert payload["status"] == "ok" and payload["format"] == "pdf"
    assert payload["as_of"] == "2025-12-31" and payload["body"] == ["VP"]
    assert payload["charts"] == (4 if browser_path() else 0)
    row = summary(demo_db, "body", date_from=date(2025, 1, 1), date_to=date(2025, 12, 31))
    vp = row[row["key"] == "VP"].iloc[0]
    assert payload["tasks"] == vp["tasks"]
    shown = pdf_text(out.read_bytes())
    assert "Phạm vi: Cơ quan: Văn phòng Đoàn ĐBQH và HĐND tỉnh." in shown
    assert f"Tổng số nhiệm vụ {vp['tasks']}" in shown
    assert "Kỳ báo cáo: Năm 2025 (01/01/2025 – 31/12/2025)" in shown
    assert list(tmp_path.glob("*.part")) == []


def test_exit_codes(demo_db, tmp_path, capsys):
    db = ["--db", str(demo_db)]
    window = ["--from", "2025-01-01", "--to", "2025-12-31"]
    assert report(capsys, *db, *window, "--out", str(tmp_path / "x.txt"))[0] == 2
    assert report(capsys, *db, "--from", "2025-02-01", "--to", "2025-01-01",
                  "--out", str(tmp_path / "x.pdf"))[0] == 2  # fmt: skip
    assert report(capsys, *db, *window, "--out", str(tmp_path / "no" / "x.pdf"))[0] == 2
    for missing in (["--from", "2025-01-01"], window):  # no --to; no --out
        with pytest.raises(SystemExit) as stopped:
            main(["report", *db, *missing] + (["--out", "x.pdf"] if missing != window else []))
        assert stopped.value.code == 2
    capsys.readouterr()
    code, payload, err = report(capsys, *db, *window, "--body", "XYZ", "--area", "giam_sat",
                                "--out", str(tmp_path / "x.pdf"))  # fmt: skip
    assert code == 1 and payload["status"] == "rejected"
    assert "XYZ" in err and "KTNS" in err  # says which codes exist
    assert not (tmp_path / "x.pdf").exists()


def test_without_a_browser_the_report_is_made_without_charts(demo_db, tmp_path, monkeypatch):
    monkeypatch.setenv("BROWSER_PATH", str(tmp_path / "no-chromium"))
    made = build_report(demo_db, Choice(date_from=date(2025, 1, 1), date_to=date(2025, 12, 31)),
                        Filters(area=("giam_sat",)), "docx")  # fmt: skip
    assert made.charts == 0 and "Chromium" in made.charts_note
    shown = docx_text(made.data)
    assert "Không tạo được hình biểu đồ" in shown
    assert "Phạm vi: Lĩnh vực: Giám sát." in shown


def test_periods_are_named_as_the_sidebar_names_them(demo_db):
    with open_db(demo_db) as con:
        ref = lookups.reference_tables(con)
    cases = {
        (date(2025, 1, 1), date(2025, 12, 31)): "Năm 2025",
        (date(2026, 7, 1), date(2026, 9, 30)): "Quý III/2026",
        (date(2026, 1, 1), date(2026, 6, 30)): "6 tháng đầu năm 2026",
        (date(2021, 1, 1), date(2026, 12, 31)): "Nhiệm kỳ 2021–2026",
        (date(2026, 2, 3), date(2026, 3, 4)): "03/02/2026 – 04/03/2026",
    }
    for (start, end), name in cases.items():
        assert describe(Choice(date_from=start, date_to=end), ref, "vi") == name
    assert describe(Choice(as_of=date(2026, 9, 30)), ref, "vi") == ""
    window = Choice(date_from=date(2025, 1, 1), date_to=date(2025, 12, 31))
    assert file_name(window, "pdf") == "bao-cao-nhiem-vu-dot-pha_2025-01-01_2025-12-31.pdf"
