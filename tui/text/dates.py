"""Dates as the Vietnamese press writes them: ``24/7``, ``22-23/7``, ``14-8``, ``18.8``,
``15/8-16/8/2025``, ``27/8/2025``, ``ngày 26 tháng 7 năm 2025``.

Day comes first, the year is often missing (the caller supplies it). A span yields its
first day, with the span's text kept so a reader sees both ends.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

__all__ = ["DateMention", "find_dates", "parse_dateline", "parse_iso_prefix"]

_D = r"(\d{1,2})"
_Y = r"(\d{4})"
_NO_DIGIT_BEFORE = r"(?<![\d.,/])"
_NO_DIGIT_AFTER = r"(?![\d]|[.,/-]\d)"

# "15/8-16/8/2025"
_SPAN_FULL = re.compile(
    rf"{_NO_DIGIT_BEFORE}{_D}\s*/\s*{_D}\s*[-–]\s*{_D}\s*/\s*{_D}(?:\s*/\s*{_Y})?{_NO_DIGIT_AFTER}"
)
# "22-23/7", "22 - 23/7/2025", "22-23.7"
_SPAN_DAYS = re.compile(
    rf"{_NO_DIGIT_BEFORE}{_D}\s*[-–]\s*{_D}\s*([/.])\s*{_D}(?:\s*\3\s*{_Y})?{_NO_DIGIT_AFTER}"
)
# "24/7", "14-8", "18.8", "27/8/2025"
_SINGLE = re.compile(rf"{_NO_DIGIT_BEFORE}{_D}\s*([/.\-])\s*{_D}(?:\2{_Y})?{_NO_DIGIT_AFTER}")
# "ngày 26 tháng 7 năm 2025"
_WORDS = re.compile(r"(?i)ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})(?:\s+năm\s+(\d{4}))?")
# A line that is only a publication stamp: "Thứ Sáu, 25/07/2025 08:30",
# "25/07/2025 08:30 GMT+7", "Cập nhật: 25/07/2025", "Cập nhật lúc 08:30 25/07/2025",
# "Thứ sáu, ngày 25/7/2025, 08:30 (GMT+7)". The whole line must be the stamp.
_TIME = r"\d{1,2}\s*[:hg]\s*\d{2}(?::\d{2})?(?:\s*(?:AM|PM|SA|CH))?"
_ZONE = r"\(?\s*(?:GMT|UTC)\s*[+]\s*0?7(?::?00)?\s*\)?"
_DATELINE = re.compile(
    r"(?i)^\s*(?:(?:cập nhật|đăng|đăng tải|ngày đăng|ngày cập nhật|xuất bản|thời gian|"
    r"published|updated)(?:\s+(?:lúc|ngày|vào))*\s*:?\s*)?"
    r"(?:(?:thứ\s+(?:hai|ba|tư|năm|sáu|bảy|[2-7])|chủ\s+nhật|CN|T[2-7])\s*[,\-–|]?\s*)?"
    rf"(?:{_TIME}\s*(?:ngày\s+)?[,\-–|]?\s*)?"
    r"(?:ngày\s+)?"
    r"(\d{1,2})\s*([/.\-])\s*(\d{1,2})\s*\2\s*(\d{4})"
    rf"(?:\s*[,\-–|]?\s*(?:lúc\s+)?{_TIME})?"
    rf"(?:\s*[,\-–|]?\s*{_ZONE})?"
    r"\s*$"
)
_ISO_PREFIX = re.compile(r"^\s*date[:\s]\s*(\d{4})-(\d{2})-(\d{2})\b\s*")


@dataclass(frozen=True)
class DateMention:
    """A date found in text: its value, where it is, and whether the year was written."""

    date: dt.date
    start: int
    end: int
    text: str
    has_year: bool
    span_end: dt.date | None = None


def _make(day: str, month: str, year: str | None, default_year: int) -> dt.date | None:
    try:
        return dt.date(int(year) if year else default_year, int(month), int(day))
    except ValueError:
        return None


def find_dates(text: str, default_year: int) -> list[DateMention]:
    """Every day-month date in ``text`` in order; ranges give their first day."""
    found: list[DateMention] = []
    taken: list[tuple[int, int]] = []

    def free(start: int, end: int) -> bool:
        return all(end <= s or start >= e for s, e in taken)

    for match in _SPAN_FULL.finditer(text):
        d1, m1, d2, m2, year = match.groups()
        first = _make(d1, m1, year, default_year)
        last = _make(d2, m2, year, default_year)
        if first and last and first <= last:
            found.append(DateMention(first, match.start(), match.end(), match.group(),
                                     bool(year), last))
            taken.append(match.span())
    for match in _SPAN_DAYS.finditer(text):
        if not free(*match.span()):
            continue
        d1, d2, _, month, year = match.groups()
        first = _make(d1, month, year, default_year)
        last = _make(d2, month, year, default_year)
        if first and last and first < last:
            found.append(DateMention(first, match.start(), match.end(), match.group(),
                                     bool(year), last))
            taken.append(match.span())
    for match in _WORDS.finditer(text):
        if not free(*match.span()):
            continue
        day, month, year = match.groups()
        date = _make(day, month, year, default_year)
        if date:
            found.append(DateMention(date, match.start(), match.end(), match.group(), bool(year)))
            taken.append(match.span())
    for match in _SINGLE.finditer(text):
        if not free(*match.span()):
            continue
        day, sep, month, year = match.groups()
        if sep == "-" and year is None and _looks_like_year_span(text, match):
            continue
        date = _make(day, month, year, default_year)
        if date:
            found.append(DateMention(date, match.start(), match.end(), match.group(), bool(year)))
            taken.append(match.span())
    found.sort(key=lambda m: m.start)
    return found


def _looks_like_year_span(text: str, match: re.Match[str]) -> bool:
    """``2020-25`` style pieces are not dates; day-month with '-' must be short numbers."""
    before = text[max(0, match.start() - 1) : match.start()]
    return before.isdigit()


def parse_iso_prefix(line: str) -> tuple[dt.date | None, str]:
    """``" date 2025-07-23 Title"`` -> (2025-07-23, ``"Title"``); otherwise (None, line)."""
    match = _ISO_PREFIX.match(line)
    if not match:
        return None, line
    try:
        date = dt.date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
    except ValueError:
        return None, line
    return date, line[match.end() :]


def parse_dateline(line: str) -> dt.date | None:
    """The date of a line that is only a publication stamp (``"Thứ Sáu, 25/07/2025 08:30"``,
    ``"25/07/2025 08:30 GMT+7"``, ``"Cập nhật: 25/07/2025"``), else None.

    The whole line must be the stamp, with a four-digit year, so a sentence that merely
    contains a date is never taken for one.
    """
    match = _DATELINE.match(line)
    if not match:
        return None
    day, _, month, year = match.groups()
    return _make(day, month, year, 0)
