"""A scrollable view that renders only the lines on screen.

Textual's ``ListView`` mounts a widget per item and ``OptionList`` rebuilds its lines on
every change; both cost 100+ ms at 3,000 rows (see PERF-NOTES). This view holds plain
``rich.text.Text`` lines and turns only the visible ones into strips, so replacing all
the lines (a filter keystroke, a new article) costs no more than the lines themselves.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.geometry import Region, Size
from textual.scroll_view import ScrollView
from textual.strip import Strip

__all__ = ["LineView"]


class LineView(ScrollView, can_focus=True):
    """Renders a list of ``Text`` lines; subclasses decide what the lines are."""

    DEFAULT_CSS = """
    LineView {
        overflow-x: hidden;
    }
    """

    def __init__(self, *, name: str | None = None, id: str | None = None,
                 classes: str | None = None) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self._lines: Sequence[Text] = []
        self._strip_cache: dict[int, Strip] = {}
        self._pass: tuple[int, int, Style] | None = None

    def set_lines(self, lines: Sequence[Text], width: int | None = None) -> None:
        """Replace every line; the view repaints what is visible.

        ``lines`` may be a lazy sequence: only the lines drawn are ever read.
        """
        self._lines = lines
        self._strip_cache.clear()
        self.virtual_size = Size(width or self.scrollable_content_region.width, len(lines))
        self.refresh()

    def invalidate_lines(self) -> None:
        """Drop rendered strips (styles changed) without changing the line count."""
        self._strip_cache.clear()
        self.refresh()

    @property
    def line_count(self) -> int:
        return len(self._lines)

    def render_lines(self, crop: Region) -> list[Strip]:
        # The base style walks the widget's ancestors and the width its box model: the
        # same for every line of one pass, they are worked out once, not once per line.
        self._pass = (
            self.scroll_offset.y, self.scrollable_content_region.width, self.rich_style
        )
        try:
            return super().render_lines(crop)
        finally:
            self._pass = None

    def render_line(self, y: int) -> Strip:
        scroll_y, width, base = self._pass or (
            self.scroll_offset.y, self.scrollable_content_region.width, self.rich_style
        )
        index = y + scroll_y
        if index >= len(self._lines):
            return Strip.blank(width, base)
        strip = self._strip_cache.get(index)
        if strip is None:
            text = self.style_line(index, self._lines[index])
            segments = [
                Segment(s.text, base + s.style if s.style else base)
                for s in text.render(self.app.console)
                if s.text != "\n"
            ]
            strip = Strip(segments).crop_extend(0, width, base)
            self._strip_cache[index] = strip
        return strip

    def style_line(self, index: int, line: Text) -> Text:
        """Hook for dynamic styles (cursor, highlights); the default shows ``line`` as is."""
        return line

    def refresh_line_index(self, index: int) -> None:
        """Re-render one line (by absolute index) after its dynamic style changed."""
        self._strip_cache.pop(index, None)
        self.refresh_line(index)

    def on_resize(self) -> None:
        self._strip_cache.clear()
