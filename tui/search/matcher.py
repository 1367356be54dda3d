"""Find a query's matches in the blocks of an article, as offsets into the original text.

Matching runs on folded copies of the blocks (see ``tui.search.query``): every fold keeps
the length, so an offset in the folded block is an offset in the displayed block and a
highlight lands on the right letters.

A block (the title or a paragraph) matches only if every term occurs in it; then every
occurrence of every term is highlighted. Occurrences of different terms separated only
by spaces or punctuation merge into one match, so ``dang vien`` on ``đảng viên`` is one
match to step to, not two.

Speed matters because find-in-article re-runs on each keystroke: the search itself uses
``str.find`` and ``re`` (C loops), and the folded blocks of the last few articles are
cached, since folding a long article costs more than searching it. ``spans_in_text``
serves blocks seen once (corpus hits): it folds only accent-blind, which is cheap, and
re-folds with accents just the syllables around each candidate.
"""

from __future__ import annotations

import re
import threading
from collections import OrderedDict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from tui.search.query import FoldMode, Query, Term, parse_query
from tui.search.snippet import snippet

__all__ = [
    "Match",
    "Span",
    "find_matches",
    "block_spans",
    "spans_in_text",
    "snippet",
    "clear_cache",
]

Span = tuple[int, int]
Accept = Callable[[int, int], bool]

# What may separate two terms' occurrences for them to merge into one match.
_SEPARATORS = re.compile(r"[\W_]*")


@dataclass(frozen=True, slots=True)
class Match:
    """One highlighted run: ``blocks[block][start:end]`` in the original text."""

    block: int
    start: int
    end: int


class _FoldCache:
    """The folded blocks of the last few block lists searched, per fold mode.

    Keyed by the tuple of blocks itself: its hash is cheap (strings cache theirs) and
    equal content is a hit even when the caller rebuilt the list.
    """

    def __init__(self, size: int = 8) -> None:
        self._size = size
        self._entries: OrderedDict[tuple[FoldMode, tuple[str, ...]], list[str]] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, mode: FoldMode, blocks: tuple[str, ...]) -> list[str]:
        key = (mode, blocks)
        with self._lock:
            folded = self._entries.get(key)
            if folded is not None:
                self._entries.move_to_end(key)
                return folded
        fold = mode.fold
        folded = [fold(block) for block in blocks]
        with self._lock:
            self._entries[key] = folded
            while len(self._entries) > self._size:
                self._entries.popitem(last=False)
        return folded

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()


_CACHE = _FoldCache()


def _at_word_start(folded: str, start: int) -> bool:
    return start == 0 or not folded[start - 1].isalnum()


def _at_word_end(folded: str, end: int) -> bool:
    return end == len(folded) or not folded[end].isalnum()


def _term_spans(
    term: Term,
    folded: str,
    word_start: bool,
    accept: Accept | None = None,
    word_end: bool = False,
) -> list[Span]:
    """Non-overlapping occurrences of ``term`` in ``folded``, left to right.

    ``word_start``/``word_end``: only occurrences that begin/end a word. ``accept(start,
    end)`` can turn an occurrence down; the scan then resumes one character on, so the
    spans are what a search of the finer fold would have found.
    """
    spans: list[Span] = []
    pattern = term.pattern
    if pattern is None and not word_start and not word_end and accept is None:  # hot path
        needle = term.folded
        size = len(needle)
        index = folded.find(needle)
        while index != -1:
            spans.append((index, index + size))
            index = folded.find(needle, index + size)
        return spans
    position = 0
    while True:
        if pattern is None:
            start = folded.find(term.folded, position)
            if start == -1:
                return spans
            end = start + len(term.folded)
        else:
            found = pattern.search(folded, position)
            if found is None:
                return spans
            start, end = found.span()
        if (
            (not word_start or _at_word_start(folded, start))
            and (not word_end or _at_word_end(folded, end))
            and (accept is None or accept(start, end))
        ):
            spans.append((start, end))
            position = end
        else:
            position = start + 1


def _merge(folded: str, per_term: list[list[Span]]) -> list[Span]:
    """Union overlapping spans; join different terms' spans separated by non-words only.

    A merged run holds each term at most once, so ``đảng viên, đảng viên`` stays two
    matches for ``dang vien``.
    """
    items = sorted(
        (start, end, index) for index, spans in enumerate(per_term) for start, end in spans
    )
    merged: list[Span] = []
    run_start, run_end, first = items[0]
    seen = {first}
    for start, end, index in items[1:]:
        overlaps = start < run_end
        joins = index not in seen and _SEPARATORS.fullmatch(folded, run_end, start) is not None
        if overlaps or joins:
            run_end = max(run_end, end)
            seen.add(index)
            continue
        merged.append((run_start, run_end))
        run_start, run_end, seen = start, end, {index}
    merged.append((run_start, run_end))
    return merged


def _ends_word(query: Query, whole_words: bool) -> list[bool]:
    """Per term: must an occurrence end a word? With ``whole_words``, yes but for the last
    term of a query still being typed (``Query.open_ended``), a word's beginning."""
    last = len(query.terms) - 1
    return [
        whole_words and not (query.open_ended and number == last)
        for number in range(len(query.terms))
    ]


def block_spans(query: Query, folded: str, whole_words: bool = False) -> list[Span]:
    """Match spans in one block already folded with ``query.fold``; [] unless all terms occur.

    ``whole_words`` keeps only whole words (the last word of a query still being typed:
    any word it begins), the rule the corpus index retrieves by: ``bi thu`` must not
    highlight the ``bi`` of ``biểu``.
    """
    ends = _ends_word(query, whole_words)
    return _all_terms(
        folded,
        (
            _term_spans(term, folded, whole_words, word_end=end)
            for term, end in zip(query.terms, ends, strict=True)
        ),
    )


def _all_terms(folded: str, spans_per_term: Iterable[list[Span]]) -> list[Span]:
    """The terms' spans merged, or [] as soon as one term has none (a block must hold
    every term). ``spans_per_term`` is lazy, so later terms are not searched for then."""
    per_term = []
    for spans in spans_per_term:
        if not spans:
            return []
        per_term.append(spans)
    if len(per_term) == 1:
        return per_term[0]
    return _merge(folded, per_term)


@lru_cache(maxsize=256)
def _coarse_term(term: Term, mode: FoldMode) -> Term:
    return Term.make(term.text, term.phrase, mode.fold)


def _is_letter(char: str) -> bool:
    """A letter as the tone folds see one (``[^\\W\\d_]``): they re-spell letter runs."""
    return char.isalnum() and not char.isdecimal()


def _tone_check(query: Query, term: Term, text: str) -> Accept:
    """Accept a candidate if the query's fold of its whole syllables matches ``term``.

    Tone placement depends on the whole syllable, so the candidate is widened to the
    letter runs it touches before folding; the fold of those runs alone equals the fold
    of the whole text there, because the folds re-spell each run on its own.
    """
    fold = query.fold
    size = len(text)

    def accept(start: int, end: int) -> bool:
        low, high = start, end
        while low > 0 and _is_letter(text[low - 1]):
            low -= 1
        while high < size and _is_letter(text[high]):
            high += 1
        piece = fold(text[low:high])
        if term.pattern is not None:
            return term.pattern.fullmatch(piece, start - low, end - low) is not None
        return piece[start - low : end - low] == term.folded

    return accept


def spans_in_text(query: Query, text: str, whole_words: bool = False) -> list[Span]:
    """Like ``block_spans`` on ``query.fold(text)``, for a block seen once (no cache).

    For accented queries it folds ``text`` accent-blind (a ``str.translate``), finds
    candidates there and re-folds only the syllables around each candidate.
    """
    coarse = query.mode.coarse
    if coarse is query.mode:
        return block_spans(query, query.fold(text), whole_words)
    folded = coarse.fold(text)
    ends = _ends_word(query, whole_words)
    return _all_terms(
        folded,
        (
            _term_spans(
                _coarse_term(term, coarse), folded, whole_words,
                _tone_check(query, term, text), word_end=end,
            )
            for term, end in zip(query.terms, ends, strict=True)
        ),
    )


def find_matches(
    query: Query | str, blocks: Sequence[str], whole_words: bool = False
) -> list[Match]:
    """Every match of ``query`` in ``blocks`` (NFC text), sorted by block then start."""
    if isinstance(query, str):
        query = parse_query(query)
    if not query.terms:
        return []
    folded_blocks = _CACHE.get(query.mode, tuple(blocks))
    matches = []
    for number, folded in enumerate(folded_blocks):
        for start, end in block_spans(query, folded, whole_words):
            matches.append(Match(number, start, end))
    return matches


def clear_cache() -> None:
    """Forget the folded copies kept for find-as-you-type (for benchmarks and tests)."""
    _CACHE.clear()
