"""Command palette entries: "Go to ward …" for every ward with articles."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from textual.command import DiscoveryHit, Hit, Hits, Provider

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
        for label, code in self._targets():
            yield DiscoveryHit(label, partial(app.open_ward, code), help="Open this ward")

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        app: WardReaderApp = self.app  # type: ignore[assignment]
        for label, code in self._targets():
            score = matcher.match(label)
            if score > 0:
                yield Hit(score, matcher.highlight(label), partial(app.open_ward, code),
                          help="Open this ward")
