"""Dates as the Vietnamese press writes them."""

from __future__ import annotations

import datetime as dt

import pytest

from tui.text.dates import find_dates, parse_dateline, parse_iso_prefix


@pytest.mark.parametrize(
    ("text", "expected", "span_end"),
    [
        ("Ngày 24/7, tại Trung tâm", dt.date(2025, 7, 24), None),
        ("Trong 2 ngày 22-23/7, Đảng bộ", dt.date(2025, 7, 22), dt.date(2025, 7, 23)),
        ("Chiều 14-8, Đảng bộ", dt.date(2025, 8, 14), None),
        ("Sáng 13/8, Đảng bộ", dt.date(2025, 8, 13), None),
        ("Ngày 18.8, Đảng bộ", dt.date(2025, 8, 18), None),
        ("Trong 2 ngày 15/8-16/8/2025", dt.date(2025, 8, 15), dt.date(2025, 8, 16)),
        ("Chiều ngày 27/8/2025, Đảng bộ", dt.date(2025, 8, 27), None),
        ("ngày 26 tháng 7 năm 2025", dt.date(2025, 7, 26), None),
    ],
)
def test_forms(text: str, expected: dt.date, span_end: dt.date | None) -> None:
    found = find_dates(text, 2025)
    assert found[0].date == expected
    assert found[0].span_end == span_end


@pytest.mark.parametrize(
    "text",
    [
        "nhiệm kỳ 2025-2030",
        "đảng viên 4.632 người",
        "diện tích 115,689 km2",
        "20/20 trường học",
        "tăng 12%/năm",
        "1.789 đảng viên",
    ],
)
def test_not_dates(text: str) -> None:
    assert find_dates(text, 2025) == []


def test_year_comes_from_caller() -> None:
    assert find_dates("Ngày 3/1", 2026)[0].date == dt.date(2026, 1, 3)


def test_iso_prefix() -> None:
    assert parse_iso_prefix(" date 2025-07-23 Tập trung") == (dt.date(2025, 7, 23), "Tập trung")
    assert parse_iso_prefix("Tiêu đề") == (None, "Tiêu đề")


@pytest.mark.parametrize(
    "line",
    [
        "Thứ Sáu, 25/07/2025 08:30",
        "25/07/2025 08:30 GMT+7",
        "Cập nhật: 25/07/2025",
        "Cập nhật lúc 08:30 25/07/2025",
        "Thứ sáu, ngày 25/7/2025, 08:30 (GMT+7)",
        "Thứ 6, 25-07-2025 08:30:12 (GMT+07:00)",
        "08:30 | 25/07/2025",
        "25/07/2025",
    ],
)
def test_dateline(line: str) -> None:
    assert parse_dateline(line) == dt.date(2025, 7, 25)


@pytest.mark.parametrize(
    "line",
    [
        "Ngày 25/7/2025, Đảng bộ phường Kỳ Sơn tổ chức Đại hội",
        "25/07/2025 Đại hội Đảng bộ phường",
        "Nghị quyết số 01/2025",
        "Thứ Sáu, 25/7",  # no year: not a publication stamp
        "15/8-16/8/2025",
        "32/07/2025",
    ],
)
def test_not_a_dateline(line: str) -> None:
    assert parse_dateline(line) is None
