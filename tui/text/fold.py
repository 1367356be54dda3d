"""Fold Vietnamese text for matching, one code point to one character.

Every fold here returns a string of exactly the same length as its (NFC) input, so an
offset found in the folded text is an offset in the displayed text: highlights land on
the right letters. That is why we never use ``str.casefold`` (``ß`` -> ``ss``) or NFD.

Four folds cover the smart-case / smart-accent rules:

* ``fold_for_search``: lower case, every diacritic removed, ``đ`` -> ``d``.
* ``fold_marks``: every diacritic removed, case kept.
* ``fold_tones``: lower case, tone marks moved to a canonical vowel so that old and new
  tone placement compare equal (``hoà`` = ``hòa``, ``thuỷ`` = ``thủy``).
* ``canonical_tones``: as ``fold_tones`` but case kept.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

__all__ = [
    "nfc",
    "fold_for_search",
    "fold_marks",
    "fold_tones",
    "canonical_tones",
    "has_diacritics",
    "has_upper",
    "strip_control",
    "mask_control",
]

# Combining marks that carry the tone of a Vietnamese syllable.
_TONE_MARKS = {
    "\u0300": 1,  # huyền (grave)
    "\u0309": 2,  # hỏi (hook above)
    "\u0303": 3,  # ngã (tilde)
    "\u0301": 4,  # sắc (acute)
    "\u0323": 5,  # nặng (dot below)
}
_TONE_BY_NUMBER = {number: mark for mark, number in _TONE_MARKS.items()}


def nfc(text: str) -> str:
    """Return ``text`` in Unicode NFC, the form all stored and displayed text uses."""
    return unicodedata.normalize("NFC", text)


class _FoldTable(dict[int, int]):
    """A ``str.translate`` table filled lazily: each code point maps to one code point."""

    def __init__(self, keep_case: bool) -> None:
        super().__init__()
        self._keep_case = keep_case

    def __missing__(self, code: int) -> int:
        char = chr(code)
        if char in "đĐ":
            base = "d" if char == "đ" else "D"
        else:
            decomposed = unicodedata.normalize("NFD", char)
            base = decomposed[0] if decomposed else char
            if unicodedata.combining(base):
                base = char
        if not self._keep_case:
            lowered = base.lower()
            if len(lowered) == 1:
                base = lowered
        self[code] = ord(base)
        return self[code]


_FOLD_LOWER = _FoldTable(keep_case=False)
_FOLD_KEEP_CASE = _FoldTable(keep_case=True)


def fold_for_search(text: str) -> str:
    """Lower-case ``text`` and strip every diacritic (``đ`` -> ``d``); same length as input.

    ``text`` must already be NFC: a lone combining mark folds to itself.
    """
    return text.translate(_FOLD_LOWER)


def fold_marks(text: str) -> str:
    """Strip every diacritic but keep case (for case-sensitive, accent-blind matching)."""
    return text.translate(_FOLD_KEEP_CASE)


_LETTER_RUN = re.compile(r"[^\W\d_]+")


@lru_cache(maxsize=4096)
def _split_tone(char: str) -> tuple[str, int]:
    """Split one precomposed letter into (letter without tone, tone number)."""
    decomposed = unicodedata.normalize("NFD", char)
    tone = 0
    kept = []
    for part in decomposed:
        if part in _TONE_MARKS:
            tone = _TONE_MARKS[part]
        else:
            kept.append(part)
    return unicodedata.normalize("NFC", "".join(kept)), tone


#: The vowel pairs written with the tone on either letter (hoà/hòa, khoẻ/khỏe, thuỷ/thủy).
_VARIANT_PAIRS = frozenset({"oa", "oe", "uy"})


@lru_cache(maxsize=65536)  # Vietnamese has a few thousand syllables: folding a corpus
def _canonical_syllable(word: str) -> str:  # repeats the same ones endlessly
    """Put the tone of ``word`` on the first letter of an ``oa``/``oe``/``uy`` pair (after
    any ``qu``/``gi`` onset), the one place where spellings differ; elsewhere the tone
    stays where it is written. (Moving every tone to the first vowel made ``bí`` a
    prefix of ``biến``, folded ``bíên``, for find-as-you-type.)"""
    letters = []
    tone = 0
    for char in word:
        bare, char_tone = _split_tone(char)
        if len(bare) != 1:  # not a single precomposed letter: leave the word alone
            return word
        letters.append(bare)
        tone = tone or char_tone
    if not tone:
        return word
    lower = "".join(letters).lower()
    start = 2 if lower.startswith(("qu", "gi")) and len(lower) > 2 else 0
    position = next(
        (i for i in range(start, len(lower) - 1) if lower[i : i + 2] in _VARIANT_PAIRS), None
    )
    if position is None:
        return word
    toned = unicodedata.normalize("NFC", letters[position] + _TONE_BY_NUMBER[tone])
    if len(toned) != 1:
        return word
    letters[position] = toned
    return "".join(letters)


def canonical_tones(text: str) -> str:
    """Put each syllable's tone mark where one spelling of it would (see
    ``_canonical_syllable``); same length as input."""
    return _LETTER_RUN.sub(lambda m: _canonical_syllable(m.group()), text)


def fold_tones(text: str) -> str:
    """Lower case with canonical tone placement: ``Hoá`` and ``hóa`` fold alike."""
    folded = canonical_tones(text)
    lowered = folded.lower()
    if len(lowered) == len(folded):
        return lowered
    return "".join(ch.lower() if len(ch.lower()) == 1 else ch for ch in folded)


def has_diacritics(text: str) -> bool:
    """True if ``text`` carries any Vietnamese diacritic (``đ`` included)."""
    return fold_marks(text) != text


def has_upper(text: str) -> bool:
    """True if ``text`` has an upper-case letter (smart case turns sensitive)."""
    return any(ch.isupper() for ch in text)


# C0/C1 controls except tab and newline, plus ANSI/VT escape sequences.
_ESCAPE_SEQUENCE = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]"  # CSI
    r"|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)"  # OSC
    r"|\x1b[PX^_][^\x1b]*\x1b\\"  # DCS, SOS, PM, APC
    r"|\x1b[@-Z\\-_]"  # two-character escapes
    r"|\x9b[0-?]*[ -/]*[@-~]"  # 8-bit CSI
)
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def strip_control(text: str) -> str:
    """Remove terminal escape sequences and control characters (tab and newline stay)."""
    return _CONTROL.sub("", _ESCAPE_SEQUENCE.sub("", text))


def mask_control(text: str) -> str:
    """Replace escape sequences and control characters with spaces, keeping the length.

    For display of text whose offsets matter (search hits, quotes): nothing reaches the
    terminal, and an offset into the stored text is still an offset into what is shown.
    """
    masked = _ESCAPE_SEQUENCE.sub(lambda m: " " * len(m.group()), text)
    return _CONTROL.sub(" ", masked)
