"""The article reader pane: a ward's articles, one at a time, at a readable width.

Text is laid out by :mod:`tui.article_layout` and drawn line by line, so highlights
(find matches, a fact's quote) are exact character ranges of the article's blocks. Text
is always drawn as plain ``rich.text.Text``: article markup characters like ``[bold]``
are shown, never interpreted.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar, NamedTuple

from rich.text import Text
from textual.binding import Binding, BindingType
from textual.message import Message

from ..article_layout import LayoutLine, layout_article, locate, wrap_offsets
from ..text.fold import mask_control, strip_control
from .line_view import LineView

if TYPE_CHECKING:
    from ..models import Article, Ward

__all__ = ["ArticleView", "Highlight"]

_KIND_STYLES = {
    "title": "bold",
    "meta": "dim",
    "text": "",
    "caption": "italic dim",
    "heading": "bold underline",
    "byline": "italic",
}


class Highlight(NamedTuple):
    """A highlighted range of a block: a find match or a fact's quote.

    (A ``NamedTuple``: immutable like a frozen dataclass, and a fifth of the cost to
    define at import, which counts before the first frame.)
    """

    block: int
    start: int
    end: int
    style: str


class ArticleView(LineView):
    """Shows one article of a ward; ``]``/``[`` move between the ward's articles."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("down,j", "scroll_down", "Down", show=False, id="reader.down"),
        Binding("up,k", "scroll_up", "Up", show=False, id="reader.up"),
        Binding("space,pagedown", "page_down", "Page down", show=False, id="reader.page_down"),
        Binding("b,pageup", "page_up", "Page up", show=False, id="reader.page_up"),
        Binding("g,home", "top", "Top", show=False, id="reader.top"),
        Binding("G,end", "bottom", "Bottom", show=False, id="reader.bottom"),
        Binding("right_square_bracket", "next_article", "Next article", id="reader.next_article"),
        Binding("left_square_bracket", "previous_article", "Prev article",
                id="reader.previous_article"),
    ]

    class ArticleShown(Message):
        """The reader now shows ``article_id`` of ward ``ward_code``."""

        def __init__(self, ward_code: str, article_id: str) -> None:
            self.ward_code = ward_code
            self.article_id = article_id
            super().__init__()

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.ward: Ward | None = None
        self.article_index = 0
        self.lines_layout: list[LayoutLine] = []
        self.highlights: list[Highlight] = []
        self._blocks: list[str] = []
        self._laid_out_width = 0
        #: Where to scroll once the view has a size: a line, or a (block, offset) anchor.
        self._pending_scroll: int | tuple[int, int, int] | None = None
        #: A scroll asked for before the layout could reach it (see scroll_to_offset).
        self._wanted_y: int | None = None

    def on_mount(self) -> None:
        self._relayout()  # the "choose a ward" hint before anything is open

    # --- content ------------------------------------------------------------------

    @property
    def article(self) -> Article | None:
        if self.ward is None or not self.ward.articles:
            return None
        return self.ward.articles[self.article_index]

    def show_ward(
        self,
        ward: Ward,
        article_id: str | None = None,
        scroll_y: int = 0,
        anchor: tuple[int, int, int] | None = None,
    ) -> None:
        """Show ``ward``'s article ``article_id`` (default the first) at ``anchor`` (see
        :meth:`top_anchor`; right at any width) or else at line ``scroll_y``."""
        self.ward = ward
        index = 0
        if article_id is not None:
            index = next((i for i, a in enumerate(ward.articles) if a.id == article_id), 0)
        self._show_index(index, anchor if anchor is not None else scroll_y)

    def top_anchor(self) -> tuple[int, int, int] | None:
        """(block, offset, lines above it) of the first text line from the top of the view:
        where the reader is, independent of the width the text is wrapped at."""
        top = self.scroll_offset.y
        for index in range(top, len(self.lines_layout)):
            line = self.lines_layout[index]
            if line.block >= 0:
                return (line.block, line.start, index - top)
        return None

    def _line_for(self, position: int | tuple[int, int, int]) -> int:
        if isinstance(position, tuple):
            block, offset, above = position
            line = locate(self.lines_layout, block, offset)
            return max(0, line - above) if line is not None else 0
        return position

    def _show_index(self, index: int, position: int | tuple[int, int, int] = 0) -> None:
        self._wanted_y = None
        self.article_index = index
        self.highlights = []
        self._relayout()
        if self.scrollable_content_region.height:
            self.scroll_to(y=self._line_for(position), animate=False, immediate=True)
        else:  # Not laid out yet (start-up): scroll once the view has a size.
            self._pending_scroll = position
        article = self.article
        if article is not None and self.ward is not None:
            self.post_message(self.ArticleShown(self.ward.code, article.id))

    def _relayout(self) -> None:
        width = self.scrollable_content_region.width or 80
        self._laid_out_width = width
        article = self.article
        if article is None:
            self.lines_layout = []
            self._blocks = []
            message = "Choose a ward on the left and press Enter."
            if self.ward is not None:
                unit = self.ward.unit
                message = (
                    f"{unit.unit_type.capitalize()} {unit.name} ({unit.province}):"
                    " no article is filed yet. Its register facts are in the facts pane (f)."
                )
            message = strip_control(message)
            lines = [
                Text(message[start:end], style="dim", end="")
                for start, end in wrap_offsets(message, max(20, width - 2))
            ]
            self.set_lines(lines, width)
            return
        self.lines_layout = layout_article(article, width - 1)
        self._blocks = [mask_control(b) for b in article.blocks()]
        self.set_lines([self._line_text(line) for line in self.lines_layout], width)

    def _line_text(self, line: LayoutLine) -> Text:
        style = _KIND_STYLES.get(line.kind, "")
        if line.block < 0:
            return Text(line.literal, style=style, end="")
        body = self._blocks[line.block][line.start : line.end]
        text = Text(line.prefix, style="dim", end="")
        text.append(body, style=style)
        return text

    @property
    def blocks(self) -> list[str]:
        """The shown article's title and paragraphs, as displayed (what find searches)."""
        return self._blocks

    def line_of(self, block: int, offset: int) -> int | None:
        return locate(self.lines_layout, block, offset)

    def on_resize(self) -> None:
        super().on_resize()
        self.call_after_refresh(self._apply_wanted_scroll)
        width = self.scrollable_content_region.width
        if width and width != self._laid_out_width and self.lines_layout:
            anchor = self.lines_layout[min(self.scroll_offset.y, len(self.lines_layout) - 1)]
            self._relayout()
            line = None
            if anchor.block >= 0:
                line = locate(self.lines_layout, anchor.block, anchor.start)
            if line is not None:
                self.scroll_to(y=line, animate=False, immediate=True)
        if self._pending_scroll is not None and self.scrollable_content_region.height:
            target, self._pending_scroll = self._line_for(self._pending_scroll), None
            self.call_after_refresh(self.scroll_to, y=target, animate=False, immediate=True)

    # --- highlights ---------------------------------------------------------------

    def set_highlights(self, highlights: list[Highlight]) -> None:
        self.highlights = highlights
        self.invalidate_lines()

    def style_line(self, index: int, line: Text) -> Text:
        if not self.highlights or index >= len(self.lines_layout):
            return line
        laid = self.lines_layout[index]
        if laid.block < 0:
            return line
        styled = None
        offset = len(laid.prefix) - laid.start
        for highlight in self.highlights:
            if highlight.block != laid.block:
                continue
            start = max(highlight.start, laid.start)
            end = min(highlight.end, laid.end)
            if start >= end:
                continue
            if styled is None:
                styled = line.copy()
            styled.stylize(highlight.style, start + offset, end + offset)
        return styled or line

    def scroll_to_offset(self, block: int, offset: int) -> None:
        """Scroll so the line with ``offset`` of ``block`` sits a third down the view."""
        line = locate(self.lines_layout, block, offset)
        if line is None:
            return
        height = self.scrollable_content_region.height or 1
        self._wanted_y = max(0, line - height // 3)
        self._apply_wanted_scroll()
        # A new article's length reaches the scroll limits only with the next layout
        # (later still when a screen is being popped): until then the scroll would stop
        # at the old limit, so it is applied again after each refresh and resize.
        self.call_after_refresh(self._apply_wanted_scroll)

    def _apply_wanted_scroll(self) -> None:
        wanted = self._wanted_y
        if wanted is None:
            return
        self.scroll_to(y=wanted, animate=False, immediate=True)
        if self.max_scroll_y >= wanted:
            self._wanted_y = None  # reached: the user's own scrolling is never undone

    def line_visible(self, block: int, offset: int) -> bool:
        line = locate(self.lines_layout, block, offset)
        if line is None:
            return False
        top = self.scroll_offset.y
        return top <= line < top + (self.scrollable_content_region.height or 1)

    def show_article_id(self, article_id: str) -> bool:
        """Switch to the ward's article ``article_id``; False if the ward has none such."""
        if self.ward is None:
            return False
        for index, article in enumerate(self.ward.articles):
            if article.id == article_id:
                if index != self.article_index or not self.lines_layout:
                    self._show_index(index)
                return True
        return False

    # --- actions ------------------------------------------------------------------

    def action_next_article(self) -> None:
        if self.ward is None or not self.ward.articles:
            return
        if self.article_index + 1 >= len(self.ward.articles):
            self.notify("Last article of this ward", timeout=2)
            return
        self._show_index(self.article_index + 1)

    def action_previous_article(self) -> None:
        if self.ward is None or not self.ward.articles:
            return
        if self.article_index == 0:
            self.notify("First article of this ward", timeout=2)
            return
        self._show_index(self.article_index - 1)

    def action_page_down(self) -> None:
        self.scroll_page_down(animate=False)

    def action_page_up(self) -> None:
        self.scroll_page_up(animate=False)

    def action_scroll_down(self) -> None:
        self.scroll_relative(y=1, animate=False)

    def action_scroll_up(self) -> None:
        self.scroll_relative(y=-1, animate=False)

    def action_top(self) -> None:
        self.scroll_home(animate=False)  # a jump, as in less: not a second of scrolling

    def action_bottom(self) -> None:
        self.scroll_end(animate=False)
