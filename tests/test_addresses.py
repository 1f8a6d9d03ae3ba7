"""Which page an address asks for (the notice for an address naming no page uses it)."""

from __future__ import annotations

import pytest

from ui.addresses import requested_address


@pytest.mark.parametrize(
    ("url", "base", "expected"),
    [
        ("http://127.0.0.1:8501/", "", ""),
        ("http://127.0.0.1:8501", "", ""),
        ("http://127.0.0.1:8501/phan-tich?ky=year&nam=2021", "", "phan-tich"),
        ("https://hdnd.example.vn/hdnd/phan-tich/", "hdnd", "phan-tich"),
        ("https://hdnd.example.vn/hdnd/", "/hdnd/", ""),
        ("https://hdnd.example.vn/hdndx/", "hdnd", "hdndx"),
        ("http://h/kh%C3%B4ng-c%C3%B3", "", "không-có"),
    ],
)
def test_the_page_part_of_an_address(url, base, expected):
    assert requested_address(url, base) == expected
