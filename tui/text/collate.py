"""Vietnamese alphabetical order.

Code-point order puts ``Đ`` after ``Z`` and ``Ă``/``Â`` far from ``A``. Vietnamese
dictionaries order letters a ă â b c d đ e ê g h i k l m n o ô ơ p q r s t u ư v x y and,
for otherwise equal words, tones: none, huyền, hỏi, ngã, sắc, nặng.
"""

from __future__ import annotations

import unicodedata

__all__ = ["vietnamese_sort_key"]

_ALPHABET = "aăâbcdđeêfghijklmnoôơpqrstuưvwxyz"
_RANK = {letter: index for index, letter in enumerate(_ALPHABET)}
_TONES = {"\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}
_SHAPE_MARKS = {"\u0306", "\u0302", "\u031b"}  # breve, circumflex, horn


def _letter_key(char: str) -> tuple[int, int, int]:
    """(primary rank, tone, case) for one character."""
    lower = char.lower()
    decomposed = unicodedata.normalize("NFD", lower)
    tone = 0
    kept = []
    for part in decomposed:
        if part in _TONES:
            tone = _TONES[part]
        elif part in _SHAPE_MARKS or not unicodedata.combining(part):
            kept.append(part)
    base = unicodedata.normalize("NFC", "".join(kept))
    rank = _RANK.get(base)
    if rank is None:
        # Digits and punctuation sort before letters, other letters after ours.
        rank = -1000 + ord(base[0]) if not base[:1].isalpha() else 1000 + ord(base[0])
    return rank, tone, 0 if char == lower else 1


def vietnamese_sort_key(text: str) -> tuple[tuple[int, ...], tuple[int, ...], tuple[int, ...]]:
    """A sort key giving Vietnamese dictionary order (letters first, then tones, then case)."""
    keys = [_letter_key(ch) for ch in unicodedata.normalize("NFC", text)]
    return (
        tuple(k[0] for k in keys),
        tuple(k[1] for k in keys),
        tuple(k[2] for k in keys),
    )
