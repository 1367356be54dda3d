"""The reader pane: the article view, its title line and the find bar, and the
find-in-article behaviour that ties them together."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.widgets import Static

from .find_bar import FindBar
from .late_child import LateChild
from .reader import ArticleView, Highlight

if TYPE_CHECKING:
    from ..models import Ward
    from ..search.matcher import Match

__all__ = ["ReaderPane", "MATCH_STYLE", "CURRENT_MATCH_STYLE", "QUOTE_STYLE"]

MATCH_STYLE = "black on dark_goldenrod"
CURRENT_MATCH_STYLE = "bold black on bright_yellow"
QUOTE_STYLE = "bold black on cyan"


class ReaderPane(Vertical):
    """Holds the reader and runs find-in-article over the article's blocks."""

    BINDINGS: ClassVar[list[BindingType]] = [
        # A priority binding runs as the key arrives, before the keys typed after it are
        # handed to the focused widget: "/query" typed ahead (or pasted) lands in the
        # query. check_action lets "/" through while the query itself is being typed.
        Binding("slash", "find", "Find", id="reader.find", priority=True),
        Binding("n", "find_next", "Next match", show=False, id="reader.find_next"),
        Binding("N", "find_previous", "Prev match", show=False, id="reader.find_previous"),
        Binding("escape", "close_find", "Close find", show=False, id="reader.close_find"),
    ]

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.matches: list[Match] = []
        self.current: int | None = None
        self.query_text = ""
        self.last_query = ""  # what n/N repeat after the bar was closed, as in vim
        self._matched_article: str | None = None
        #: (article id, (block, start)) of the current match when find was closed.
        self._resume: tuple[str, tuple[int, int]] | None = None
        #: Mounted the first time find is used (see :meth:`ensure_find_bar`); until then
        #: it only keeps the query history restored from the saved state.
        self._find_bar = LateChild(FindBar(id="find-bar"))

    def compose(self) -> ComposeResult:
        yield Static("", id="reader-title", classes="pane-title")
        yield ArticleView(id="reader")

    @property
    def view(self) -> ArticleView:
        return self.query_one(ArticleView)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "find" and self.find_open and self.find_bar.input.has_focus:
            return False  # "/" is typed into the query
        return True

    @property
    def find_bar(self) -> FindBar:
        return self._find_bar.widget

    @property
    def find_open(self) -> bool:
        """The find bar is on screen."""
        return self.find_bar.is_mounted and self.find_bar.display

    def on_mount(self) -> None:
        bar = self.find_bar
        bar.return_focus_to = self.view
        bar.display = False
        self._find_bar.mount_after_first_frame(self)

    async def ensure_find_bar(self) -> FindBar:
        """The find bar, mounted (see :class:`LateChild`)."""
        return await self._find_bar.mounted()

    def show_ward(
        self,
        ward: Ward,
        article_id: str | None = None,
        scroll_y: int = 0,
        anchor: tuple[int, int, int] | None = None,
    ) -> None:
        self.view.show_ward(ward, article_id, scroll_y, anchor)
        self._update_title()
        if not ward.articles and self.find_open:
            self._run(self.query_text)  # nothing to find in: the count must not stay

    def _update_title(self) -> None:
        ward = self.view.ward
        title = ""
        if ward is not None:
            unit = ward.unit
            title = f"{unit.unit_type.capitalize()} {unit.name} · {unit.province}"
            if len(ward.articles) > 1:  # stays in sight when a jump scrolls the header away
                title += f" — article {self.view.article_index + 1} of {len(ward.articles)}"
        self.query_one("#reader-title", Static).update(Text(title))

    # --- find ---------------------------------------------------------------------

    async def action_find(self) -> None:
        (await self.ensure_find_bar()).open()

    async def find(
        self, query: str, at: tuple[int, int] | None = None, focus_input: bool = True
    ) -> None:
        """Open the bar on ``query``; make the match at ``(block, start)`` current."""
        await self.ensure_find_bar()
        self._find(query, at, focus_input)

    def _find(self, query: str, at: tuple[int, int] | None, focus_input: bool) -> None:
        self.find_bar.open(query, focus=focus_input)
        self.find_bar.remember(query)
        self._run(query, at)

    @on(FindBar.QueryChanged)
    def _query_changed(self, event: FindBar.QueryChanged) -> None:
        self._run(event.query)

    def _run(self, query: str, at: tuple[int, int] | None = None) -> None:
        from ..search.matcher import find_matches  # imported on first use, not at start-up

        self.query_text = query
        if query.strip():
            self.last_query = query
        article = self.view.article
        self._matched_article = article.id if article else None
        self.matches = find_matches(query, self.view.blocks) if article and query.strip() else []
        self.current = None
        if self.matches:
            if at is not None:
                self.current = next(
                    (i for i, m in enumerate(self.matches) if (m.block, m.start) == at), 0
                )
            else:
                self.current = self._first_visible_or_after()
        self._render_matches(scroll=True)

    def _first_visible_or_after(self) -> int:
        """Incremental search starts from what is on screen, as in less and vim."""
        top = self.view.scroll_offset.y
        for index, match in enumerate(self.matches):
            line = self.view.line_of(match.block, match.start)
            if line is not None and line >= top:
                return index
        return 0

    def _render_matches(self, scroll: bool, wrapped: str = "") -> None:
        highlights = [
            Highlight(m.block, m.start, m.end,
                      CURRENT_MATCH_STYLE if i == self.current else MATCH_STYLE)
            for i, m in enumerate(self.matches)
        ]
        self.view.set_highlights(highlights)
        if self.find_bar.is_mounted:
            self.find_bar.set_count(self.current, len(self.matches), wrapped)
        if scroll and self.current is not None:
            match = self.matches[self.current]
            if not self.view.line_visible(match.block, match.start):
                self.view.scroll_to_offset(match.block, match.start)

    def step(self, forward: bool) -> None:
        if not self.query_text.strip() and self.last_query:
            # n/N after the bar was closed repeat the last search, as in vim and less,
            # going on from the match that was current when it closed.
            # A last query means find was used: the bar is mounted.
            resume = self._resume
            self._find(self.last_query, None, focus_input=False)
            article = self.view.article
            if resume is not None and article is not None and resume[0] == article.id:
                self.current = self._index_after(resume[1], forward)
                match = self.matches[self.current] if self.matches else None
                wrapped = ""
                if match is not None and forward and (match.block, match.start) <= resume[1]:
                    wrapped = "wrapped to top"
                elif match is not None and not forward and (
                    (match.block, match.start) >= resume[1]
                ):
                    wrapped = "wrapped to end"
                self._render_matches(scroll=True, wrapped=wrapped)
            elif not forward and self.matches:
                self.step(False)
            return
        if not self.matches:
            if self.query_text.strip():
                self.notify(f"No match for {self.query_text!r}", timeout=2)
            return
        count = len(self.matches)
        wrapped = ""
        if self.current is None:
            self.current = 0 if forward else count - 1
        else:
            following = self.current + (1 if forward else -1)
            if following >= count:
                wrapped = "wrapped to top"
            elif following < 0:
                wrapped = "wrapped to end"
            self.current = following % count
        if wrapped and not self.find_open:
            self.notify(f"Search {wrapped}", timeout=2)
        self._render_matches(scroll=True, wrapped=wrapped)

    @on(FindBar.Step)
    def _step(self, event: FindBar.Step) -> None:
        # Enter also ended typing, as in less and vim: FindInput has already given focus
        # back to the text, where n/N go on.
        self.step(event.forward)

    def action_close_find(self) -> None:
        if self.find_open:
            self.find_bar.action_close()

    def close_find(self) -> None:
        """Hide the bar and clear its highlights now (the query stays in the history)."""
        if self.find_open:
            self.find_bar.remember(self.find_bar.input.value)
            self.find_bar.display = False
        self.clear_find()

    def action_find_next(self) -> None:
        self.step(True)

    def action_find_previous(self) -> None:
        self.step(False)

    @on(FindBar.Closed)
    def _find_closed(self) -> None:
        self.clear_find()
        self.view.focus()

    def _index_after(self, position: tuple[int, int], forward: bool) -> int:
        """The match after (or before) ``position``, wrapping around."""
        places = [(m.block, m.start) for m in self.matches]
        if forward:
            return next((i for i, p in enumerate(places) if p > position), 0)
        return next((i for i in reversed(range(len(places))) if places[i] < position),
                    len(places) - 1)

    def clear_find(self) -> None:
        article = self.view.article
        if self.current is not None and article is not None and self.matches:
            match = self.matches[self.current]
            self._resume = (article.id, (match.block, match.start))
        else:
            self._resume = None
        self.matches = []
        self.current = None
        self.query_text = ""
        self.view.set_highlights([])

    @on(ArticleView.ArticleShown)
    def _article_shown(self, event: ArticleView.ArticleShown) -> None:
        self._update_title()
        if (
            self.find_open
            and self.query_text
            and event.article_id != self._matched_article
        ):
            self._run(self.query_text)
