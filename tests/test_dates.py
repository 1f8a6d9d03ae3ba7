"""Dates as people type them, on the command line as in every import (CONTRACT.md 2, 3)."""

from __future__ import annotations

import json
from datetime import date

import pytest

from analytics.cli import main
from analytics.dates import NotADate, parse_date
from tests.conftest import copy_demo


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2024-12-31", date(2024, 12, 31)),
        ("31/12/2024", date(2024, 12, 31)),
        ("1/2/2024", date(2024, 2, 1)),  # day 1 of February: day first
        ("01-02-2024", date(2024, 2, 1)),
        ("29/02/2024", date(2024, 2, 29)),  # 2024 is a leap year
        ("31/12/24", date(2024, 12, 31)),  # a vi-VN spreadsheet's short year: 20yy
    ],
)
def test_day_first_and_iso_dates_are_read(text, expected):
    assert parse_date(text) == expected


@pytest.mark.parametrize(
    ("text", "why"),
    [
        ("12/31/2024", "never month first"),
        ("31/02/2024", "no day of the calendar"),
        ("29/02/2023", "no day of the calendar"),  # 2023 is not a leap year
        ("2024-13-01", "no day of the calendar"),
        ("31.12.2024", "YYYY-MM-DD or dd/mm/yyyy"),
        ("hôm qua", "YYYY-MM-DD or dd/mm/yyyy"),
        ("01/01/1800", "between 1900 and 2200"),
    ],
)
def test_anything_else_is_refused_saying_why_in_one_line(text, why):
    with pytest.raises(NotADate) as refused:
        parse_date(text)
    message = str(refused.value)
    assert why in message and f"'{text}'" in message and "\n" not in message


def _summary(capsys, db, *args: str) -> tuple[int, str, str]:
    try:
        code = main(["summary", "--db", str(db), *args])
    except SystemExit as exit_:  # argparse refuses a bad argument
        code = int(exit_.code or 0)
    out = capsys.readouterr()
    return code, out.out, out.err


def test_as_of_day_first_gives_the_same_figures_as_iso(demo_db, tmp_path, capsys):
    db = copy_demo(demo_db, tmp_path / "demo.duckdb")
    iso = _summary(capsys, db, "--by", "body", "--as-of", "2024-12-31")
    typed = _summary(capsys, db, "--by", "body", "--as-of", "31/12/2024")
    assert iso[0] == typed[0] == 0
    assert json.loads(typed[1])["as_of"] == "2024-12-31"
    assert typed[1] == iso[1]
    window = _summary(capsys, db, "--from", "1/7/2026", "--to", "30/09/2026")
    assert json.loads(window[1]) == json.loads(
        _summary(capsys, db, "--from", "2026-07-01", "--to", "2026-09-30")[1]
    )


@pytest.mark.parametrize("text", ["12/31/2024", "31/02/2024"])
def test_a_month_first_or_impossible_date_is_misuse_in_one_line(text, tmp_path, capsys):
    code, out, err = _summary(capsys, tmp_path / "none.duckdb", "--as-of", text)
    assert code == 2 and out == ""
    errors = [line for line in err.splitlines() if "error:" in line]
    assert len(errors) == 1 and f"'{text}'" in errors[0] and "--as-of" in errors[0]
    assert "Traceback" not in err
    assert not (tmp_path / "none.duckdb").exists()
