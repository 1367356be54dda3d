"""Command palette entries: "Go to ward …" for every ward with articles."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content

from .text.fold import fold_for_search, has_diacritics

if TYPE_CHECKING:
    from .app import WardReaderApp

__all__ = ["WardCommands"]


class WardCommands(Provider):
    """Offers "Go to ward <name> (<province>)" for each listed ward."""

    def _targets(self) -> list[tuple[str, str]]:
        app: WardReaderApp = self.app  # type: ignore[assignment]
        return [
            (f"Go to ward {item.name} ({item.province})", item.code)
            for item in app.ward_items()
        ]

    async def discover(self) -> Hits:
        app: WardReaderApp = self.app  # type: ignore[assignment]
        yield DiscoveryHit("Search all articles", app.action_search, help="Corpus search (s)")
        for label, code in self._targets():
            yield DiscoveryHit(label, partial(app.read_ward, code), help="Open this ward")

    async def search(self, query: str) -> Hits:
        # Fuzzy-match on folded text so "ky son" finds "Kỳ Sơn"; the fold keeps
        # lengths, so the matcher's highlights fall on the right accented letters.
        accented = has_diacritics(query)
        matcher = self.matcher(query if accented else fold_for_search(query))
        app: WardReaderApp = self.app  # type: ignore[assignment]
        search_label = "Search all articles"
        score = matcher.match(fold_for_search(search_label))
        if score > 0:
            yield Hit(score, search_label, app.action_search, help="Corpus search (s)")
        for label, code in self._targets():
            haystack = label if accented else fold_for_search(label)
            score = matcher.match(haystack)
            if score > 0:
                highlighted = matcher.highlight(haystack)
                display = Content(label).add_spans(highlighted.spans)
                yield Hit(score, display, partial(app.read_ward, code), help="Open this ward")
