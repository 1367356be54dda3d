"""Vietnamese number formats: parse what the press writes, format the way readers expect.

Vietnamese uses ``.`` to group thousands and ``,`` for decimals (``4.632`` = 4632,
``115,689`` = 115.689), and words for large multiples (``41 nghìn`` = 41000). Some
copies use an English decimal point (``0.27%``): a dot followed by anything other than
exactly three digits is read as a decimal point.
"""

from __future__ import annotations

import re
from typing import NamedTuple

__all__ = [
    "NumberParseError",
    "ParsedNumber",
    "parse_vietnamese_number",
    "find_numbers",
    "format_vietnamese_number",
]

_MULTIPLIERS = {
    "nghìn": 1_000,
    "ngàn": 1_000,
    "vạn": 10_000,
    "triệu": 1_000_000,
    "tỷ": 1_000_000_000,
    "tỉ": 1_000_000_000,
}

_NUMBER_CORE = r"\d+(?:[.,]\d+)*"
_NUMBER_WITH_WORD = re.compile(
    rf"(?<![\w.,])({_NUMBER_CORE})(?:\s*(nghìn|ngàn|vạn|triệu|tỷ|tỉ)(?!\w))?",
)


class NumberParseError(ValueError):
    """Raised when a string is not a Vietnamese-formatted number."""


class ParsedNumber(NamedTuple):
    """A number found in text, with the span it came from.

    (A ``NamedTuple``: immutable like a frozen dataclass, and a fifth of the cost to
    define at import, which counts before the first frame.)
    """

    value: int | float
    start: int
    end: int
    text: str
    #: The number before any multiplier word ("15.200 tỷ" -> 15200): values kept in the
    #: quote's own unit (tỷ đồng) compare with this.
    base: int | float | None = None


def _parse_core(text: str) -> int | float:
    if not re.fullmatch(_NUMBER_CORE, text):
        raise NumberParseError(f"not a number: {text!r}")
    if "," in text and "." in text:
        # "1.234,5": dots group thousands, the comma is the decimal mark.
        if text.rfind(",") < text.rfind("."):
            raise NumberParseError(f"ambiguous separators in {text!r}")
        whole, _, fraction = text.rpartition(",")
        groups = whole.split(".")
        if any(len(g) != 3 for g in groups[1:]):
            raise NumberParseError(f"bad thousands grouping in {text!r}")
        return float("".join(groups) + "." + fraction)
    if "," in text:
        if text.count(",") > 1:
            raise NumberParseError(f"more than one decimal comma in {text!r}")
        return float(text.replace(",", "."))
    if "." in text:
        groups = text.split(".")
        if len(groups) > 1 and all(len(g) == 3 for g in groups[1:]) and len(groups[0]) <= 3:
            return int("".join(groups))
        if len(groups) == 2:  # English decimal point, e.g. "0.27"
            return float(text)
        raise NumberParseError(f"bad thousands grouping in {text!r}")
    return int(text)


def _apply_multiplier(value: int | float, word: str | None) -> int | float:
    if not word:
        return value
    scaled = value * _MULTIPLIERS[word]
    return int(round(scaled)) if float(scaled).is_integer() else scaled


def parse_vietnamese_number(text: str) -> int | float:
    """Parse ``"4.632"`` -> 4632, ``"115,689"`` -> 115.689, ``"41 nghìn"`` -> 41000.

    Raises :class:`NumberParseError` when ``text`` is not one number.
    """
    stripped = text.strip()
    match = _NUMBER_WITH_WORD.fullmatch(stripped)
    if not match:
        raise NumberParseError(f"not a number: {text!r}")
    return _apply_multiplier(_parse_core(match.group(1)), match.group(2))


def find_numbers(text: str) -> list[ParsedNumber]:
    """Every number in ``text`` (with its multiplier word), skipping unparseable runs."""
    found = []
    for match in _NUMBER_WITH_WORD.finditer(text):
        try:
            base = _parse_core(match.group(1))
        except NumberParseError:
            continue
        value = _apply_multiplier(base, match.group(2))
        found.append(ParsedNumber(value, match.start(), match.end(), match.group(), base))
    return found


def format_vietnamese_number(value: int | float, decimals: int | None = None) -> str:
    """Format as Vietnamese readers expect: ``4632`` -> ``4.632``, ``115.689`` -> ``115,689``."""
    if isinstance(value, bool):
        raise TypeError("booleans are not numbers here")
    if isinstance(value, int) or (decimals is None and float(value).is_integer()):
        whole = f"{int(value):,}".replace(",", ".")
        return whole
    text = f"{value:,.{decimals}f}" if decimals is not None else repr(float(value))
    if decimals is None:
        whole_part, _, fraction = text.partition(".")
        whole = f"{int(whole_part):,}".replace(",", ".")
        return f"{whole},{fraction}"
    whole_part, _, fraction = text.partition(".")
    return whole_part.replace(",", ".") + ("," + fraction if fraction else "")
