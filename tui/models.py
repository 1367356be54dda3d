"""The domain model: frozen dataclasses shared by the repository, ingest, search and UI.

The register's units live in :mod:`tui.units` (re-exported here): they are all the first
frame needs, and defining the article classes too would add ~5 ms to every start.

Nothing here knows about YAML or Textual: the repository turns files into these, the
widgets display them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Literal

from .units import FormerUnit, RegisterUnit

__all__ = [
    "PARAGRAPH_KINDS",
    "FACT_KEYS",
    "ParagraphKind",
    "FactValue",
    "Paragraph",
    "Article",
    "ArticleSummary",
    "Fact",
    "FormerUnit",
    "RegisterUnit",
    "Ward",
]

ParagraphKind = Literal["text", "caption", "heading", "byline"]
PARAGRAPH_KINDS: tuple[str, ...] = ("text", "caption", "heading", "byline")

FactValue = int | float | dt.date | tuple[str, ...] | str

#: The fact vocabulary, with the type each value must have.
FACT_KEYS: dict[str, str] = {
    "unit_name": "text",
    "unit_type": "text",
    "province": "text",
    "congress_date": "date",
    "term": "text",
    "delegates": "int",
    "party_members": "int",
    "party_organizations": "int",
    "population": "int",
    "area_km2": "float",
    "merged_from": "list",
    "secretary": "text",
    "theme": "text",
    "breakthroughs": "text",
    "targets": "text",
    "executive_committee_size": "int",
    "standing_committee_size": "int",
    "total_investment_bn_vnd": "float",
    "budget_revenue_bn_vnd": "float",
    "poverty_rate_pct": "float",
    "near_poverty_rate_pct": "float",
}


@dataclass(frozen=True)
class Paragraph:
    """One block of an article: body text, a photo caption, a heading or a byline."""

    kind: ParagraphKind
    text: str


@dataclass(frozen=True)
class ArticleSummary:
    """What the ward list and the index need of an article, without its body."""

    id: str
    ward_code: str
    title: str
    date: dt.date | None


@dataclass(frozen=True)
class Article:
    """A cleaned article; ``raw`` keeps the text exactly as it was imported."""

    id: str
    ward_code: str
    title: str
    date: dt.date | None
    paragraphs: tuple[Paragraph, ...]
    raw: str
    outlet: str | None = None
    byline: str | None = None
    url: str | None = None
    source_name: str | None = None
    content_hash: str | None = None

    @property
    def summary(self) -> ArticleSummary:
        return ArticleSummary(self.id, self.ward_code, self.title, self.date)

    def blocks(self) -> list[str]:
        """Title followed by every paragraph's text: what find-in-article searches."""
        return [self.title, *(p.text for p in self.paragraphs)]


@dataclass(frozen=True)
class Fact:
    """A fact an article states, with the exact quote that states it."""

    key: str
    value: FactValue
    article_id: str
    quote: str
    unit: str | None = None
    qualifier: str | None = None
    note: str | None = None


@dataclass(frozen=True)
class Ward:
    """A ward with the articles filed under it and the facts they state."""

    unit: RegisterUnit
    articles: tuple[Article, ...]
    facts: tuple[Fact, ...] = field(default=())
    source_path: str | None = None

    @property
    def code(self) -> str:
        return self.unit.code

    def article(self, article_id: str) -> Article | None:
        return next((a for a in self.articles if a.id == article_id), None)
