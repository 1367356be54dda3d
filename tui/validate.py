"""Semantic checks of ward documents beyond their shape.

Every quote must be text the article really contains, and every value must be what its
quote says (numbers are parsed the Vietnamese way), so a reader can trust the sidebar.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from pathlib import Path

from .errors import DataError
from .models import Article, Fact
from .register import Register
from .text.fold import fold_for_search
from .text.numbers import find_numbers
from .wardfile import WardDocument, locate_line, read_text

__all__ = ["check_document", "value_agrees_with_quote", "quote_in_article"]

_DASHES = re.compile(r"\s*[-–—]\s*")
_SPACES = re.compile(r"\s+")


def _loose(text: str) -> str:
    """Fold for comparing a text value with its quote: case, dashes, spacing."""
    return _SPACES.sub(" ", _DASHES.sub("-", text)).strip().lower()


def quote_in_article(quote: str, article: Article) -> bool:
    """True if ``quote`` occurs verbatim in the article's title or one of its paragraphs."""
    return bool(quote) and any(quote in block for block in article.blocks())


def value_agrees_with_quote(fact: Fact) -> bool:
    """True if the quote states the value: a number that parses to it, the date, the names."""
    value = fact.value
    quote = fact.quote
    if isinstance(value, bool):
        return False
    if isinstance(value, int | float):
        return any(
            _close(n.value, value) or (n.base is not None and _close(n.base, value))
            for n in find_numbers(quote)
        )
    if isinstance(value, dt.date):
        return _date_in_quote(value, quote)
    if isinstance(value, tuple):
        folded = fold_for_search(quote)
        return all(fold_for_search(name) in folded for name in value)
    return _loose(value) in _loose(quote)


def _close(found: int | float, value: int | float) -> bool:
    return abs(float(found) - float(value)) <= 1e-9 * max(1.0, abs(float(value)))


def _date_in_quote(value: dt.date, quote: str) -> bool:
    for match in re.finditer(r"(\d{1,2})\s*[/.\-]\s*(\d{1,2})", quote):
        day, month = int(match.group(1)), int(match.group(2))
        if (day, month) == (value.day, value.month):
            return True
    # A span "22-23/7": the congress date is either end.
    for match in re.finditer(r"(\d{1,2})\s*-\s*(\d{1,2})\s*/\s*(\d{1,2})", quote):
        first, last, month = (int(g) for g in match.groups())
        if month == value.month and value.day in (first, last):
            return True
    return False


def check_document(
    document: WardDocument,
    path: Path,
    register: Register | None,
    seen_ids: dict[str, Path] | None = None,
) -> list[DataError]:
    """All semantic problems of one ward file, each naming the file and line."""
    errors: list[DataError] = []
    text: str | None = None

    def error(keys: Iterable[str | int], reason: str) -> None:
        nonlocal text
        if text is None:
            try:
                text = read_text(path)
            except DataError:
                text = ""
        errors.append(DataError(path, locate_line(text, list(keys)) if text else None, reason))

    header = document.header
    if register is not None:
        unit = register.basic(header.code)
        if unit is None:
            error(["ward", "code"], f"ward code {header.code} is not in the 2025 register")
        elif fold_for_search(unit.name) != fold_for_search(header.name):
            error(
                ["ward", "name"],
                f"ward {header.code} is {unit.unit_type} {unit.name} in the register,"
                f" not {header.name!r}",
            )
    articles = {}
    for index, article in enumerate(document.articles):
        if article.id in articles:
            error(["articles", index, "id"], f"duplicate article id {article.id!r}")
        articles[article.id] = article
        if seen_ids is not None:
            other = seen_ids.get(article.id)
            if other is not None and other != path:
                error(["articles", index, "id"], f"article id {article.id!r} is also in {other}")
            seen_ids.setdefault(article.id, path)
        if not article.title.strip():
            error(["articles", index, "title"], "article has an empty title")
    for index, fact in enumerate(document.facts):
        where: list[str | int] = ["facts", index]
        source = articles.get(fact.article_id)
        if source is None:
            error(
                [*where, "article"],
                f"fact {fact.key!r} cites unknown article {fact.article_id!r}",
            )
            continue
        if not quote_in_article(fact.quote, source):
            error([*where, "quote"], f"quote of fact {fact.key!r} is not in article {source.id}")
        elif not value_agrees_with_quote(fact):
            error(
                [*where, "value"],
                f"value {fact.value!r} of fact {fact.key!r} does not agree with its quote",
            )
    return errors
