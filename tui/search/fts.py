"""Turn a ``Query`` into SQLite FTS5 expressions for the corpus index.

The index has two FTS5 tables, ``titles`` and ``bodies`` (so title hits come from a small
table of their own rather than a column filter FTS5 checks row by row), each with four
columns, all tokenized by ``unicode61`` without removing diacritics:

* ``blind``: ``fold_for_search(text)``, for queries without accents (we fold ourselves:
  ``unicode61 remove_diacritics 2`` keeps ``đ``);
* ``raw``: the text as written, which FTS5 lower-cases. Accented queries search it with
  every tone placement of each syllable (``hoà`` OR ``hòa``); an accented query *as
  typed* searches it to rank exact-accent hits first (an unaccented one does not: its
  accents are unknown, and unaccented spellings are chance matches);
* ``cblind`` and ``craw``: only the words with a capital letter, spelled so that case
  survives FTS5's lower-casing (``Đảng`` becomes ``đ<U>ảng<E>``), for smart case.

FTS5 keeps one doclist per token whatever the column, so every token outside ``blind``
ends in a private-use marker: ``kinh`` in ``raw`` would otherwise share the doclist of the
far more frequent ``kinh`` of ``blind`` and every raw look-up would read both.

FTS5 matches whole tokens. Every word of a term must be a whole token except the last
word of a query still being typed (``Query.open_ended``), a prefix. A prefix query
(``"vie" *``) makes FTS5 read every matching doclist in full before the first row
(20-300 ms at 10,000 articles), so the prefix is expanded through the index's vocabulary
into whole tokens (``expand``); only one-letter prefixes, which FTS5's prefix index
serves, or prefixes with too many completions keep the star.

A few queries can only be narrowed, not decided, here (``Plan.exact`` is then False):
lower-case words in a case-sensitive query, and accented phrases with too many tone
spellings. Every hit shown is still checked by the matcher; only totals can overcount.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from tui.search.query import FoldMode, Query, Term
from tui.search.tones import lower_each, tone_variants
from tui.text.fold import fold_for_search, fold_marks

__all__ = [
    "BLIND",
    "RAW",
    "CASED_BLIND",
    "CASED_RAW",
    "COLUMNS",
    "MAX_SPELLINGS",
    "CLOSE_DISTANCE",
    "Expand",
    "Plan",
    "Tier",
    "index_block",
    "fts_tokens",
    "plan_query",
]

BLIND = "blind"
RAW = "raw"
CASED_BLIND = "cblind"
CASED_RAW = "craw"
COLUMNS = (BLIND, RAW, CASED_BLIND, CASED_RAW)
#: Above this many spellings (tone placements times completions) a term is searched
#: more loosely: with a prefix star, or accent-blind.
MAX_SPELLINGS = 64
#: Terms this many tokens apart or closer count as "close" for ranking.
CLOSE_DISTANCE = 0

_RAW_END = "\ue000"
_UPPER = "\ue001"  # follows a letter that was upper case
_CASED_END = "\ue002"

#: ``expand(column, prefix)``: the indexed tokens of ``column`` (as ``column_tokens``
#: gives them) starting with ``prefix``, or None if there are more than ``MAX_SPELLINGS``.
Expand = Callable[[str, str], Sequence[str] | None]

# FTS5 ``unicode61`` keeps letters, digits and private-use characters in tokens.
_TOKEN = re.compile(r"[^\W_]+")
# Where a token ends; substituting a plain string there is 3x faster than a template.
_TOKEN_END = re.compile(r"(?<=[^\W_])(?![^\W_])")


def fts_tokens(text: str) -> list[str]:
    """Split ``text`` the way the ``unicode61`` tokenizer does."""
    return _TOKEN.findall(text)


def _encode_case(word: str) -> str:
    """``Đảng`` -> ``đ<U>ảng``: lower case with a marker after each capital."""
    rest = word[1:]
    if rest == rest.lower():  # the usual capitalised word: only the first letter
        first = word[0]
        return first.lower() + _UPPER + rest if first.isupper() else word
    return "".join(
        char.lower() + _UPPER if char.isupper() and len(char.lower()) == 1 else char
        for char in word
    )


def _has_upper(word: str) -> bool:
    return word.lower() != word


@lru_cache(maxsize=1 << 16)
def _word_forms(word: str) -> tuple[str, str, str, str]:
    """One word's token in each column ("" in the cased ones unless it has a capital)."""
    cased_blind = cased_raw = ""
    if word.lower() != word:
        cased_blind = _encode_case(fold_marks(word))
        cased_raw = _encode_case(word)
    return fold_for_search(word), lower_each(word), cased_blind, cased_raw


def index_block(text: str) -> tuple[tuple[str, str, str, str], dict[str, set[str]]]:
    """The four column values the index stores for one block, and their tokens.

    The tokens (without end markers) fill the vocabulary ``expand`` searches. The cased
    columns only need to say which capitalised words a block has, so they hold each once.
    """
    forms = [_word_forms(word) for word in set(fts_tokens(text))]
    cased_blind = sorted(form[2] for form in forms if form[2])
    cased_raw = sorted(form[3] for form in forms if form[3])
    values = (
        fold_for_search(text),
        _TOKEN_END.sub(_RAW_END, text),
        " ".join(token + _CASED_END for token in cased_blind),
        " ".join(token + _CASED_END for token in cased_raw),
    )
    tokens = {
        BLIND: {form[0] for form in forms},
        RAW: {form[1] for form in forms},
        CASED_BLIND: set(cased_blind),
        CASED_RAW: set(cased_raw),
    }
    return values, tokens


_END = {BLIND: "", RAW: _RAW_END, CASED_BLIND: _CASED_END, CASED_RAW: _CASED_END}


class _NoMatch(Exception):
    """A word completes to no indexed token: nothing can match."""


class _TooMany(Exception):
    """A term has more spellings than one FTS5 expression should carry."""


def _quote(tokens: Sequence[str]) -> str:
    return '"' + " ".join(token.replace('"', '""') for token in tokens) + '"'


def _completions(column: str, starts: list[str], expand: Expand) -> list[str] | None:
    """Whole tokens completing any of ``starts``; None if too many; [] if none."""
    found: list[str] = []
    for start in starts:
        tokens = expand(column, start)
        if tokens is None:
            return None
        if column in (CASED_BLIND, CASED_RAW):  # "Đả" must not complete to "ĐẢNG"
            tokens = [token for token in tokens if token[len(start) : len(start) + 1] != _UPPER]
        found.extend(tokens)
    return found if len(found) <= MAX_SPELLINGS else None


def _phrases(choices: list[list[str]], column: str, expand: Expand, prefix: bool) -> list[str]:
    """FTS5 phrases (to be OR-ed) for a run of words, each with alternative spellings.

    With ``prefix`` the last word may be the start of a token: its completions are
    looked up, or a one-letter start left to FTS5's prefix index.
    """
    end = _END[column]
    star = False
    if prefix:
        one_letter = all(len(start) == 1 for start in choices[-1]) and column in (BLIND, RAW)
        completions = None if one_letter else _completions(column, choices[-1], expand)
        if completions is None:
            star = True
        elif not completions:
            raise _NoMatch
        else:
            choices = [*choices[:-1], completions]
    count = 1
    for choice in choices:
        count *= len(choice)
    if count > MAX_SPELLINGS:
        raise _TooMany
    phrases = []
    for spelling in itertools.product(*choices):
        if star:
            phrases.append(_quote([token + end for token in spelling[:-1]] + [spelling[-1]]) + " *")
        else:
            phrases.append(_quote([token + end for token in spelling]))
    return phrases


def _within(column: str, phrases: list[str]) -> str:
    return f"{{{column}}}: (" + " OR ".join(phrases) + ")"


@dataclass(frozen=True)
class Tier:
    """One ranking tier: which table, the FTS5 expression, and the score its rows get."""

    table: str
    expression: str
    score: int


@dataclass(frozen=True)
class Plan:
    """What the index runs for one query.

    ``everything`` matches every candidate block, in either table, for the totals;
    ``tiers`` split the candidates, best first. ``exact`` is False when ``everything``
    can match blocks the matcher would turn down, so totals may overcount.
    """

    everything: str
    tiers: tuple[Tier, ...]
    exact: bool = True


_NEVER = "never"  # no block matches the query as typed: nothing ranks as exact
_UNKNOWN = "unknown"  # too costly to tell: nothing ranks as exact
_EVERYTHING = "everything"  # accents not typed: every match ranks as exact


@dataclass
class _TermPlan:
    matching: str
    exact: str
    close: str | None
    loose: bool


def _plan_term(term: Term, query: Query, prefix: bool, expand: Expand) -> _TermPlan:
    blind_words = fts_tokens(fold_for_search(term.text))
    words = fts_tokens(term.text)
    if not blind_words or not words:
        raise _NoMatch
    blind_phrases = _phrases([[word] for word in blind_words], BLIND, expand, prefix)
    blind = _within(BLIND, blind_phrases)
    close = blind_phrases[0] if len(blind_phrases) == 1 else None
    exact = _UNKNOWN
    if not query.accent_sensitive:
        # Typed without accents: the accents are unknown, not absent. Ranking the rare
        # unaccented spellings first ("thu" in "thu ngân sách" for "bi thu") put chance
        # matches above the thousands of "Bí thư" paragraphs.
        exact = _EVERYTHING
    elif not (prefix and len(words[-1]) == 1):  # "dang v": too many completions to matter
        try:
            raw_words = [[lower_each(word)] for word in words]
            exact = _within(RAW, _phrases(raw_words, RAW, expand, prefix))
        except _NoMatch:
            exact = _NEVER
        except _TooMany:
            exact = _UNKNOWN
    loose = False
    parts = []
    if query.accent_sensitive:
        variants = [list(tone_variants(lower_each(word))) for word in words]
        try:
            parts.append(_within(RAW, _phrases(variants, RAW, expand, prefix)))
        except _TooMany:  # a long accented phrase: search blind, the matcher checks
            parts.append(blind)
            loose = True
    else:
        parts.append(blind)
    if query.case_sensitive:
        parts_cased, loose_cased = _cased_parts(words, query.mode, prefix, expand)
        parts.extend(parts_cased)
        loose = loose or loose_cased
    return _TermPlan(" AND ".join(parts), exact, close, loose)


def _cased_parts(
    words: list[str], mode: FoldMode, prefix: bool, expand: Expand
) -> tuple[list[str], bool]:
    """Conditions on the cased columns for each capitalised word of a case-sensitive term.

    Words all in lower case get none (FTS5 cannot say "written in lower case"), so the
    plan is then loose.
    """
    parts = []
    loose = False
    for number, word in enumerate(words):
        word_prefix = prefix and number == len(words) - 1
        if not _has_upper(word):
            loose = True
            continue
        if mode is FoldMode.CANON:
            column, spellings = CASED_RAW, [_encode_case(v) for v in tone_variants(word)]
        else:
            column, spellings = CASED_BLIND, [_encode_case(fold_marks(word))]
        try:
            parts.append(_within(column, _phrases([spellings], column, expand, word_prefix)))
        except _TooMany:
            loose = True
    return parts, loose


def _tiers(matching: str, exact: str, close: str | None) -> tuple[Tier, ...]:
    """Split the candidates into tiers: exact accents, then words side by side, then
    titles. (Closeness before titles: for ``bi thu`` a paragraph on the "Bí thư" ranks
    above a title with "Mường Bi" and "lần thứ" far apart.)

    ``exact`` is an expression, ``_NEVER`` or ``_UNKNOWN`` (nothing ranks as exact), or
    ``matching`` itself (everything does).
    """
    tiers = []
    split_exact = exact not in (_NEVER, _UNKNOWN, matching)
    exact_levels: tuple[bool, ...] = (True, False) if split_exact else (exact == matching,)
    close_levels: tuple[bool | None, ...] = (True, False) if close else (None,)
    for is_exact, is_close, table in itertools.product(
        exact_levels, close_levels, ("titles", "bodies")
    ):
        positive: list[str] = [matching]
        negative: list[str] = []
        if split_exact:
            (positive if is_exact else negative).append(exact)
        if close is not None:
            (positive if is_close else negative).append(close)
        text = " AND ".join(f"({part})" for part in positive)
        for part in negative:
            text = f"({text}) NOT ({part})"
        score = 4 * is_exact + 2 * (is_close is True) + (table == "titles")
        tiers.append(Tier(table, text, score))
    return tuple(tiers)


def plan_query(query: Query, expand: Expand) -> Plan | None:
    """The FTS5 plan for ``query``, or None if nothing can match it."""
    if not query.terms:
        return None
    try:
        terms = [
            _plan_term(term, query, query.open_ended and number == len(query.terms) - 1, expand)
            for number, term in enumerate(query.terms)
        ]
    except _NoMatch:
        return None
    everything = " AND ".join(f"({term.matching})" for term in terms)
    exacts = [term.exact for term in terms]
    if all(part == _EVERYTHING for part in exacts):
        exact = everything
    elif _NEVER in exacts:
        exact = _NEVER
    elif _UNKNOWN in exacts:
        exact = _UNKNOWN
    else:
        exact = " AND ".join(f"({part})" for part in exacts)
    close = None
    closes = [term.close for term in terms if term.close is not None]
    if len(closes) == len(terms) > 1:
        close = f"{{{BLIND}}}: NEAR({' '.join(closes)}, {CLOSE_DISTANCE})"
    loose = any(term.loose for term in terms)
    return Plan(everything, _tiers(everything, exact, close), exact=not loose)
