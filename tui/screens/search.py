"""Search across the corpus: every article of every ward, results as you type.

Queries run in a worker thread (exclusive, so a stale query is cancelled by the next
keystroke) and post their results back; typing never waits for the index.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from rich.padding import Padding
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.events import Key
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer, Input, OptionList, Static
from textual.widgets.option_list import Option
from textual.worker import get_current_worker

from ..register import Register
from ..search.index import CorpusIndex, Hit, SearchInterrupted, SearchResults
from ..text.fold import mask_control, strip_control
from ..widgets.pick_list import PickList

__all__ = ["SearchScreen", "grouped_hits"]

RESULT_LIMIT = 60
MATCH_STYLE = "bold black on dark_goldenrod"


def grouped_hits(hits: tuple[Hit, ...]) -> list[tuple[str, list[Hit]]]:
    """Hits grouped by ward, wards in the order of their best-ranked hit."""
    groups: dict[str, list[Hit]] = {}
    for hit in hits:
        groups.setdefault(hit.ward_code, []).append(hit)
    return list(groups.items())


class SearchScreen(Screen[None]):
    """The corpus search screen; Enter opens a hit, Escape goes back."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "Back", id="search.back"),
        Binding("ctrl+f", "focus_query", "Edit query", id="search.focus_query"),
    ]

    @dataclass
    class Opened(Message):
        """Open ``hit`` with find active on ``query``."""

        hit: Hit
        query: str

    @dataclass
    class _Results(Message):
        results: SearchResults
        query: str

    @dataclass
    class _Totals(Message):
        """Totals over the whole corpus, counted after the first page is shown."""

        query: str
        hits: int
        articles: int

    def __init__(self, register: Register) -> None:
        super().__init__()
        self.register = register
        self.index: CorpusIndex | None = None
        self.index_status = "Building the search index…"
        self.results: SearchResults | None = None
        self.totals: tuple[int, int] | None = None
        self.hits: list[Hit] = []

    def compose(self) -> ComposeResult:
        yield Static(Text("Search all articles", style="bold"), classes="pane-title")
        yield Input(placeholder='words, or "a phrase" — accents optional', id="search-input")
        yield Static("", id="search-status")
        yield PickList(id="search-results")
        yield Footer()

    @property
    def query_input(self) -> Input:
        return self.query_one("#search-input", Input)

    def on_mount(self) -> None:
        self.query_input.focus()
        self._status()

    def set_index(self, index: CorpusIndex | None, status: str = "") -> None:
        """The app tells the screen when the index is ready (or how far it got)."""
        self.index = index
        self.index_status = status
        if not self.is_mounted:
            return  # on_mount shows the status
        if index is not None and self.query_input.value.strip():
            self._search(self.query_input.value)
        else:
            self._status()

    def _status(self) -> None:
        status = self.query_one("#search-status", Static)
        query = self.query_input.value.strip()
        if self.index is None:
            status.update(Text(self.index_status, style="italic"))
        elif not query:
            status.update(Text("Type to search every article of every ward.", style="dim"))
        elif self.results is not None:
            results = self.results
            if not results.hits:
                status.update(Text("No match", style="bold red"))
            elif self.totals is None:
                status.update(Text(f"first {len(results.hits)} shown; counting…", style="dim"))
            else:
                hits, articles = self.totals
                about = "" if results.exact else "about "
                shown = f" (showing the first {len(results.hits)})" if (
                    len(results.hits) < hits) else ""
                status.update(
                    Text(f"{about}{hits} matching paragraphs in {articles} articles{shown}")
                )

    @on(Input.Changed, "#search-input")
    def _changed(self, event: Input.Changed) -> None:
        event.stop()
        if self.index is None:
            self._status()
            return
        self.index.interrupt()  # the running query is stale: free the index for this one
        self._search(event.value)

    @work(thread=True, exclusive=True, group="corpus-search")
    def _search(self, query: str) -> None:
        """The first page (a few ms), then the totals (which read every match)."""
        index = self.index
        if index is None:
            return
        worker = get_current_worker()
        try:
            results = index.search(query, limit=RESULT_LIMIT, count=False)
            if worker.is_cancelled:
                return
            self.post_message(self._Results(results, query))
            if not results.hits:
                return
            hits, articles = index.count(query)
        except SearchInterrupted:
            return
        if not worker.is_cancelled:
            self.post_message(self._Totals(query, hits, articles))

    @on(_Totals)
    def _show_totals(self, message: _Totals) -> None:
        if message.query == self.query_input.value:
            self.totals = (message.hits, message.articles)
            self._status()

    @on(_Results)
    def _show_results(self, message: _Results) -> None:
        if message.query != self.query_input.value:
            return  # a newer query is on its way
        self.results = message.results
        self.totals = None
        options: list[Option | None] = []
        self.hits = []
        for ward_code, hits in grouped_hits(message.results.hits):
            unit = self.register.basic(ward_code)
            label = f"{unit.unit_type.capitalize()} {unit.name} · {unit.province}" if unit else (
                ward_code)
            heading = Text(label, style="bold")
            count = f"{len(hits)} paragraph" + ("s" if len(hits) > 1 else "")
            heading.append(f"  ({count})", style="dim")
            options.append(Option(heading, disabled=True))
            article = None
            for hit in hits:
                if hit.article_id != article:
                    article = hit.article_id
                    title = Text(strip_control(hit.title), style="italic", no_wrap=True,
                                 overflow="ellipsis")
                    options.append(Option(Padding(title, (0, 0, 0, 2)), disabled=True))
                options.append(Option(self._hit_text(hit), id=f"hit-{len(self.hits)}"))
                self.hits.append(hit)
        self.query_one("#search-results", OptionList).set_options(options)
        self._status()

    @staticmethod
    def _hit_text(hit: Hit) -> Padding:
        snippet = Text(mask_control(hit.snippet.replace("\n", " ")))
        for start, end in hit.snippet_spans:
            snippet.stylize(MATCH_STYLE, start, end)
        return Padding(snippet, (0, 0, 0, 4))  # wrapped lines stay indented

    def on_key(self, event: Key) -> None:
        if event.key == "down" and self.query_input.has_focus and self.hits:
            self._to_results()
            event.stop()

    def _to_results(self) -> None:
        """Focus the results now, not after a message round: keys typed right after
        (↓ ↓ Enter) must already go to the list."""
        results = self.query_one("#search-results", OptionList)
        self.set_focus(results)
        if results.highlighted is None:
            results.highlighted = results.get_option_index("hit-0")

    @on(Input.Submitted, "#search-input")
    def _submitted(self) -> None:
        if self.hits:
            self._to_results()

    @on(OptionList.OptionSelected, "#search-results")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        option_id = event.option.id or ""
        if option_id.startswith("hit-"):
            hit = self.hits[int(option_id.removeprefix("hit-"))]
            self.post_message(self.Opened(hit, self.query_input.value))

    def action_focus_query(self) -> None:
        self.query_input.focus()

    def action_back(self) -> None:
        self.app.pop_screen()
