"""Tone-mark helpers for search: a memoised tone fold and the spellings of one syllable.

``tui.text.fold.fold_tones`` re-spells every syllable in Python, about 3 µs each, which is
too slow to run over a 10,000-word article on a keystroke. A news corpus uses a few
thousand distinct syllables, so remembering each syllable's canonical spelling makes the
fold a regex pass plus dictionary look-ups while giving exactly the same result.

The corpus index keeps text with its accents as written; to find old and new tone
placement alike there (``hoà`` and ``hòa``), a query syllable is expanded into every
placement of its tone mark (``tone_variants``).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from tui.text.fold import canonical_tones

__all__ = ["tone_fold", "tone_variants", "lower_each"]

# The same letter runs ``tui.text.fold`` re-spells one at a time.
_LETTER_RUN = re.compile(r"[^\W\d_]+")

_TONE_MARKS = frozenset("\u0300\u0301\u0303\u0309\u0323")
_VOWEL_BASES = frozenset("aeiouy")


class _LowerTable(dict[int, int]):
    """``str.translate`` table lower-casing one code point to one code point.

    ``str.lower`` may change the length (``İ``) or look at neighbours (final sigma);
    search offsets need neither.
    """

    def __missing__(self, code: int) -> int:
        lowered = chr(code).lower()
        self[code] = ord(lowered) if len(lowered) == 1 else code
        return self[code]


_LOWER = _LowerTable()


def lower_each(text: str) -> str:
    """Lower-case ``text`` character by character, keeping its length."""
    return text.translate(_LOWER)


@lru_cache(maxsize=1 << 16)
def _canonical_run(run: str) -> str:
    return canonical_tones(run)


def _canonical_match(match: re.Match[str]) -> str:
    return _canonical_run(match.group())


def tone_fold(text: str, keep_case: bool) -> str:
    """``fold_tones`` (or ``canonical_tones`` when ``keep_case``), memoised per syllable.

    Same length as ``text``. Equal to the ``tui.text.fold`` functions because those
    re-spell each letter run on its own and lower-case character by character.
    """
    folded = _LETTER_RUN.sub(_canonical_match, text)
    return folded if keep_case else lower_each(folded)


def _split_tone(syllable: str) -> tuple[list[str], str | None]:
    """Return the letters of ``syllable`` without its tone, and the tone mark if any."""
    letters: list[str] = []
    tone = None
    for char in syllable:
        decomposed = unicodedata.normalize("NFD", char)
        kept = "".join(part for part in decomposed if part not in _TONE_MARKS)
        if len(kept) != len(decomposed):
            tone = next(part for part in decomposed if part in _TONE_MARKS)
        letters.append(unicodedata.normalize("NFC", kept))
    return letters, tone


@lru_cache(maxsize=4096)
def tone_variants(syllable: str) -> tuple[str, ...]:
    """Every spelling of an NFC ``syllable`` with its tone mark on one of its vowels.

    ``thuỷ`` gives ``("thuỷ", "thủy")``: the spelling as given comes first. A syllable
    without a tone mark has only itself.
    """
    letters, tone = _split_tone(syllable)
    if tone is None or any(len(letter) != 1 for letter in letters):
        return (syllable,)
    variants = [syllable]
    for position, letter in enumerate(letters):
        if unicodedata.normalize("NFD", letter)[0].lower() not in _VOWEL_BASES:
            continue
        toned = unicodedata.normalize("NFC", letter + tone)
        if len(toned) != 1:
            continue
        spelling = "".join(letters[:position]) + toned + "".join(letters[position + 1 :])
        if spelling not in variants:
            variants.append(spelling)
    return tuple(variants)
