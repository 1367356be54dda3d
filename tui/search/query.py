"""Parse what the user typed into a ``Query``: terms, smart case and smart accents.

Every search in the app (find in article, corpus search, ward filter, facts) starts
here so that one set of rules decides what matches:

* Text is NFC-normalised first, so a query typed in NFD behaves like NFC.
* ``"quoted words"`` form a phrase; other words are separate terms that must all occur.
* Smart case, decided for the whole query: case-sensitive iff it has an upper-case letter.
* Smart accents, also decided for the whole query: if any term carries a diacritic the
  whole query matches accents (with old and new tone placement equal), otherwise accents
  are ignored and ``đ`` reads as ``d``. Deciding per query mirrors smart case, gives one
  fold per query (``Query.fold``) and means a user who switches the IME on gets exact
  accents everywhere rather than a mix that is hard to predict.

Each rule picks one of four same-length folds, applied alike to the query and the text;
a term matches where its folded form occurs in the folded text.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property, partial

from tui.search.tones import tone_fold
from tui.text.fold import fold_for_search, fold_marks, has_diacritics, has_upper, nfc

__all__ = ["FoldMode", "Term", "Query", "parse_query"]


class FoldMode(enum.Enum):
    """Which same-length fold a query applies, from its smart-case and smart-accent rules."""

    BLIND = "blind"  # lower case, no diacritics, đ -> d
    MARKS = "marks"  # case kept, no diacritics
    TONES = "tones"  # lower case, diacritics kept, canonical tone placement
    CANON = "canon"  # case kept, diacritics kept, canonical tone placement

    @classmethod
    def for_rules(cls, case_sensitive: bool, accent_sensitive: bool) -> FoldMode:
        if accent_sensitive:
            return cls.CANON if case_sensitive else cls.TONES
        return cls.MARKS if case_sensitive else cls.BLIND

    @property
    def fold(self) -> Callable[[str], str]:
        """The fold function: same length as its input, so offsets carry over."""
        return _FOLDS[self]

    @property
    def coarse(self) -> FoldMode:
        """The accent-blind mode with the same case rule: a cheap first pass.

        Anything this mode matches, the coarse mode matches at the same place, so a
        search can find candidates in coarse-folded text and check just those.
        """
        if self is FoldMode.TONES:
            return FoldMode.BLIND
        if self is FoldMode.CANON:
            return FoldMode.MARKS
        return self


_FOLDS: dict[FoldMode, Callable[[str], str]] = {
    FoldMode.BLIND: fold_for_search,
    FoldMode.MARKS: fold_marks,
    FoldMode.TONES: partial(tone_fold, keep_case=False),
    FoldMode.CANON: partial(tone_fold, keep_case=True),
}

_QUOTES = '"\u201c\u201d\u201e'
_TOKEN = re.compile(rf"[{_QUOTES}]([^{_QUOTES}]*)[{_QUOTES}]?|[^\s{_QUOTES}]+")


@dataclass(frozen=True)
class Term:
    """One word, or one quoted phrase, of a query.

    ``text`` is the term as typed (NFC, whitespace collapsed); ``folded`` is the same text
    under the query's fold. A phrase of several words also carries ``pattern``, which
    matches its words separated by any run of whitespace in the folded text.
    """

    text: str
    folded: str
    phrase: bool = False
    pattern: re.Pattern[str] | None = field(default=None, compare=False, repr=False)

    @classmethod
    def make(cls, text: str, phrase: bool, fold: Callable[[str], str]) -> Term:
        """The term for ``text`` under ``fold``, with its phrase pattern if it needs one."""
        folded = fold(text)
        pattern = None
        if phrase and " " in folded:
            words = folded.split(" ")
            pattern = re.compile(r"\s+".join(re.escape(word) for word in words))
        return cls(text=text, folded=folded, phrase=phrase, pattern=pattern)


@dataclass(frozen=True)
class Query:
    """A parsed query. An empty query (no terms) matches nothing."""

    text: str
    terms: tuple[Term, ...]
    case_sensitive: bool
    accent_sensitive: bool
    #: The last term may still be being typed (no space or closing quote after it), so
    #: word-based searches treat its last word as a prefix.
    open_ended: bool = True

    @cached_property
    def mode(self) -> FoldMode:
        return FoldMode.for_rules(self.case_sensitive, self.accent_sensitive)

    @property
    def folded_terms(self) -> tuple[str, ...]:
        return tuple(term.folded for term in self.terms)

    def fold(self, text: str) -> str:
        """Fold NFC ``text`` the way this query's terms were folded; same length."""
        return self.mode.fold(text)

    def matches(self, text: str) -> bool:
        """True if every term occurs in ``text``: the test a list filter needs."""
        if not self.terms:
            return False
        folded = self.fold(text)
        return all(
            term.pattern.search(folded) if term.pattern else term.folded in folded
            for term in self.terms
        )

    def __bool__(self) -> bool:
        return bool(self.terms)


def parse_query(text: str) -> Query:
    """Split ``text`` into terms and work out its case and accent rules.

    Unquoted words become separate terms (duplicates dropped); a quoted run becomes one
    phrase term, and an opening quote with no closing one runs to the end, so a phrase
    being typed already matches.
    """
    text = nfc(text)
    raw_terms: list[tuple[str, bool]] = []
    open_ended = False
    for token in _TOKEN.finditer(text):
        quoted = token.group(1)
        if quoted is not None:
            words = quoted.split()
            entry = (" ".join(words), True)
            closed = len(token.group()) > 1 and token.group()[-1] in _QUOTES
            open_ended = not closed and bool(quoted) and not quoted[-1].isspace()
        else:
            entry = (token.group(), False)
            open_ended = True
        if entry[0] and entry not in raw_terms:
            raw_terms.append(entry)
    open_ended = open_ended and not text[-1:].isspace()
    case_sensitive = any(has_upper(term) for term, _ in raw_terms)
    accent_sensitive = any(has_diacritics(term) for term, _ in raw_terms)
    fold = FoldMode.for_rules(case_sensitive, accent_sensitive).fold
    terms = tuple(Term.make(term, phrase, fold) for term, phrase in raw_terms)
    return Query(text, terms, case_sensitive, accent_sensitive, open_ended)
