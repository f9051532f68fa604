"""Dates: absolute dates in many formats and languages are read; nothing is ever invented."""

import datetime as dt

import pytest

from generator.extract.dates import find_dates, parse_crawler_date


@pytest.mark.parametrize("text, expected", [
    ("August 31, 2018", "2018-08-31"),
    ("Aug. 31, 2018", "2018-08-31"),
    ("By Reuters | Updated: 5 February 2020 16:49 IST", "2020-02-05"),
    ("17 SEP 2018", "2018-09-17"),
    ("25-Feb-2019 Intellasia | Straits Times", "2019-02-25"),
    ("By Reuters | May 22nd 2021", "2021-05-22"),
    ("2023-08-17", "2023-08-17"),
    ("23. Mai 2024", "2024-05-23"),
    ("le 3 mars 2021", "2021-03-03"),
    ("5 de fevereiro de 2020", "2020-02-05"),
    ("12 de marzo de 2022", "2022-03-12"),
    ("2025年9月13日", "2025-09-13"),
    ("2020년 6월 2일", "2020-06-02"),
    ("12.03.2021", "2021-03-12"),
    ("Berlin, 12. März 2019", "2019-03-12"),  # month names with accents, as written
    ("Paris, le 5 février 2019", "2019-02-05"),
    ("5 décembre 2018", "2018-12-05"),
])
def test_absolute_dates(text, expected):
    assert [f.date.isoformat() for f in find_dates(text)] == [expected]


@pytest.mark.parametrize("text", [
    "6 hours ago", "Monday", "on Dec. 1 at the request", "SINGAPORE, March 25 —", "in April next year",
    "February 30, 2020", "US$5.4 billion", "the 2020 Summer Olympics",
])
def test_no_date_is_invented(text):
    assert find_dates(text) == []


def test_crawler_header_needs_a_day():
    assert parse_crawler_date("2023-12") is None
    assert parse_crawler_date("2023-12-05") == dt.date(2023, 12, 5)
