"""What goes into the corpus index and what comes out: plain frozen records."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from tui.search.query import Query

if TYPE_CHECKING:
    from tui.models import Article

__all__ = ["IndexedDoc", "DocLike", "Hit", "SearchResults", "as_doc"]


@dataclass(frozen=True)
class IndexedDoc:
    """What the index needs of an article. ``blocks`` is ``Article.blocks()``: title first."""

    article_id: str
    ward_code: str
    title: str
    blocks: tuple[str, ...]
    content_hash: str = ""

    @classmethod
    def from_article(cls, article: Article) -> IndexedDoc:
        return cls(
            article.id,
            article.ward_code,
            article.title,
            tuple(article.blocks()),
            article.content_hash or "",
        )

    @property
    def hash(self) -> str:
        """The given content hash, or one computed from the indexed text."""
        if self.content_hash:
            return self.content_hash
        digest = hashlib.sha1(usedforsecurity=False)
        for part in (self.ward_code, self.title, *self.blocks):
            digest.update(part.encode())
            digest.update(b"\x1f")
        return digest.hexdigest()


#: An ``IndexedDoc`` or an ``(article_id, ward_code, title, blocks)`` tuple.
DocLike = IndexedDoc | tuple[str, str, str, Sequence[str]]


@dataclass(frozen=True)
class Hit:
    """One matching block of one article.

    ``block`` indexes ``Article.blocks()`` (0 is the title); ``start``/``end`` locate the
    match to scroll to in that block's text, the widest one (most terms side by side).
    ``snippet_spans`` are the highlights within ``snippet``. Higher ``score`` ranks
    first: 4 for exact accents, 2 for the title, 1 for terms next to each other.
    """

    article_id: str
    ward_code: str
    title: str
    block: int
    start: int
    end: int
    snippet: str
    snippet_spans: tuple[tuple[int, int], ...]
    score: int


@dataclass(frozen=True)
class SearchResults:
    """A page of ranked hits and the totals over the whole corpus."""

    query: Query
    total_hits: int
    total_articles: int
    hits: tuple[Hit, ...]
    #: False when the totals may include blocks the matcher would turn down (see
    #: ``tui.search.fts``); the hits themselves are always checked.
    exact: bool = True


def as_doc(doc: DocLike) -> IndexedDoc:
    """Accept the tuple form callers find handy as well as ``IndexedDoc``."""
    if isinstance(doc, IndexedDoc):
        return doc
    article_id, ward_code, title, blocks = doc
    return IndexedDoc(article_id, ward_code, title, tuple(blocks))
