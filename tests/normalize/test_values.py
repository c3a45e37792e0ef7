from __future__ import annotations

import datetime as dt

import pytest

from normalize.values import parse_partial_date, parse_percent, parse_vi_date, parse_vi_number


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("ngày 24 tháng 6 năm 2022", dt.date(2022, 6, 24)),
        ("Hà Nội, ngày 15 tháng 3 năm 2022", dt.date(2022, 3, 15)),
        ("24/6/2022", dt.date(2022, 6, 24)),
        ("01/6/2022", dt.date(2022, 6, 1)),
        ("24-6-2022", dt.date(2022, 6, 24)),
        ("24.6.2022", dt.date(2022, 6, 24)),
        ("ngay 24 thang 6 nam 2022", dt.date(2022, 6, 24)),
        ("31/02/2022", None),
        ("không có ngày", None),
    ],
)
def test_full_dates(text: str, date: dt.date | None) -> None:
    assert parse_vi_date(text) == date


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("trước ngày 31/5/2022", "2022-05-31"),
        ("cuối tháng 3/2022", "2022-03"),
        ("trong tháng 12 năm 2023", "2023-12"),
        ("đến hết năm 2025", "2025"),
        ("18 giờ 00 ngày 22/11/2025", "2025-11-22T18:00"),
        ("18h30 ngày 22/11/2025", "2025-11-22T18:30"),
        ("tháng 13/2022", None),
    ],
)
def test_dates_at_the_precision_of_the_text(text: str, iso: str | None) -> None:
    assert parse_partial_date(text) == iso


@pytest.mark.parametrize(
    ("text", "value"),
    [("1.775", 1775), ("47,5", 47.5), ("1.200.000", 1_200_000), ("01", 1), ("2,5 triệu", 2_500_000), ("350 tỷ", 350e9)],
)
def test_numbers_use_dot_thousands_and_comma_decimals(text: str, value: float) -> None:
    assert parse_vi_number(text) == value


@pytest.mark.parametrize(("text", "value"), [("148%", 148), ("148 %", 148), ("đạt 47,5%", 47.5), ("148", None)])
def test_percents(text: str, value: float | None) -> None:
    assert parse_percent(text) == value
