"""The ward list pane: units grouped by province, filterable as you type.

Rows are rendered by :class:`~tui.widgets.line_view.LineView`, so even the full
register (3,321 units) filters without rebuilding widgets.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import ClassVar, overload

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.events import Click, Key
from textual.message import Message
from textual.timer import Timer
from textual.widgets import Input, Static

from ..catalog import (
    ListFolds,
    ListRow,
    UnitItem,
    best_match,
    coverage,
    filter_items,
    group_rows,
)
from ..text.fold import strip_control
from .late_child import LateChild
from .line_view import LineView

#: Seconds after the list is shown that the filter's haystacks are folded.
FOLD_DELAY = 0.5

__all__ = ["WardList", "WardRows"]


class _RowTexts(Sequence[Text]):
    """The list's lines, each made when first drawn: only the visible rows of 3,321 are."""

    def __init__(self, rows: list[ListRow], make: Callable[[ListRow], Text]) -> None:
        self._rows = rows
        self._make = make

    def __len__(self) -> int:
        return len(self._rows)

    @overload
    def __getitem__(self, index: int) -> Text: ...

    @overload
    def __getitem__(self, index: slice) -> list[Text]: ...

    def __getitem__(self, index: int | slice) -> Text | list[Text]:
        if isinstance(index, slice):
            return [self._make(row) for row in self._rows[index]]
        return self._make(self._rows[index])


class WardRows(LineView):
    """The rows of the ward list, with a cursor that skips province headings."""

    # Priority bindings (they act only while the rows have the focus): handled as each
    # key arrives, in the order typed, like the app's Enter that opens the ward under
    # the cursor (see WardReaderApp). As ordinary bindings, "G⏎" typed in one burst
    # opened the ward under the cursor before G had moved it.
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("down,j", "cursor_down", "Down", show=False, id="wards.down", priority=True),
        Binding("up,k", "cursor_up", "Up", show=False, id="wards.up", priority=True),
        Binding("pagedown,space", "page_down", "Page down", show=False, id="wards.page_down",
                priority=True),
        Binding("pageup,b", "page_up", "Page up", show=False, id="wards.page_up",
                priority=True),
        Binding("home,g", "first", "First", show=False, id="wards.first", priority=True),
        Binding("end,G", "last", "Last", show=False, id="wards.last", priority=True),
        Binding("enter", "open", "Open ward", id="wards.open", priority=True),
    ]

    class Chosen(Message):
        """The user pressed Enter on (or clicked) a unit."""

        def __init__(self, code: str) -> None:
            self.code = code
            super().__init__()

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.rows: list[ListRow] = []
        self.cursor: int | None = None
        # Rendered rows, reused across filter keystrokes: building 3,000 Text objects
        # per key would cost more than the filtering itself.
        self._texts: dict[object, Text] = {}

    def show_rows(self, rows: list[ListRow], keep_code: str | None = None) -> None:
        """Replace the rows, keeping the cursor on ``keep_code`` when it is still listed."""
        self.rows = rows
        self.set_lines(_RowTexts(rows, self._cached_text))
        target = None
        if keep_code is not None:
            target = next(
                (i for i, r in enumerate(rows) if r.item is not None and r.item.code == keep_code),
                None,
            )
        if target is None:
            target = next((i for i, r in enumerate(rows) if r.kind == "unit"), None)
        self.cursor = None
        self.move_cursor(target)
        first_unit = next((i for i, r in enumerate(rows) if r.kind == "unit"), None)
        if target is None or target == first_unit:
            self.scroll_to(y=0, animate=False)  # show the first province heading too
        elif target is not None:
            # Once the new rows are laid out: until then scrolling is clamped to the old
            # (shorter) list, and a cursor far down (all units) would stay out of sight.
            self.call_after_refresh(self._keep_cursor_visible)

    def _cached_text(self, row: ListRow) -> Text:
        key: object = row if row.item is None else (row.item.code, row.item.article_count)
        text = self._texts.get(key)
        if text is None:
            text = self._texts[key] = self._row_text(row)
        return text

    @staticmethod
    def _row_text(row: ListRow) -> Text:
        if row.kind == "province":
            return Text(strip_control(row.province), style="bold", end="")
        if row.kind == "coverage":
            return Text(f"  {row.covered} of {row.total} units covered", style="dim", end="")
        item = row.item
        assert item is not None
        text = Text("  " + strip_control(item.name), end="")
        if item.unit_type != "phường":
            text.append(f" ({item.unit_type})", style="dim")
        if item.article_count < 0:  # a file not read yet (cold start): count follows
            text.append("  …", style="dim")
        else:
            count = f"  {item.article_count}"
            text.append(count, style="dim" if not item.article_count else "cyan")
        if not item.article_count:
            text.stylize("dim")
        return text

    def style_line(self, index: int, line: Text) -> Text:
        if index == self.cursor:
            styled = line.copy()
            styled.stylize("reverse" if self.has_focus else "underline")
            return styled
        return line

    @property
    def current(self) -> UnitItem | None:
        if self.cursor is None or self.cursor >= len(self.rows):
            return None
        return self.rows[self.cursor].item

    def move_cursor(self, index: int | None) -> None:
        old = self.cursor
        self.cursor = index
        if old is not None:
            self.refresh_line_index(old)
        if index is not None:
            self.refresh_line_index(index)
            self.scroll_to_line(index)

    def scroll_to_line(self, index: int) -> None:
        height = self.scrollable_content_region.height or 1
        top = self.scroll_offset.y
        if index < top:
            # Bring the headings right above it into view too (a province's name and,
            # with all units, its coverage line), else one line of context.
            first = index
            while first > 0 and self.rows[first - 1].kind != "unit":
                first -= 1
            self.scroll_to(y=first if first < index else max(0, index - 1), animate=False)
        elif index >= top + height:
            self.scroll_to(y=index - height + 1, animate=False)

    def _step(self, start: int, direction: int, count: int = 1) -> int | None:
        found = None
        index = start
        while count > 0:
            index += direction
            if index < 0 or index >= len(self.rows):
                break
            if self.rows[index].kind == "unit":
                found = index
                count -= 1
        return found

    def action_cursor_down(self) -> None:
        start = -1 if self.cursor is None else self.cursor
        target = self._step(start, 1)
        if target is not None:
            self.move_cursor(target)

    def action_cursor_up(self) -> None:
        start = len(self.rows) if self.cursor is None else self.cursor
        target = self._step(start, -1)
        if target is not None:
            self.move_cursor(target)

    def action_page_down(self) -> None:
        height = max(1, self.scrollable_content_region.height - 1)
        start = -1 if self.cursor is None else self.cursor
        target = self._step(start, 1, height) or self._step(len(self.rows), -1)
        self.move_cursor(target)

    def action_page_up(self) -> None:
        height = max(1, self.scrollable_content_region.height - 1)
        start = len(self.rows) if self.cursor is None else self.cursor
        target = self._step(start, -1, height) or self._step(-1, 1)
        self.move_cursor(target)

    def action_first(self) -> None:
        self.move_cursor(self._step(-1, 1))

    def action_last(self) -> None:
        self.move_cursor(self._step(len(self.rows), -1))

    def action_open(self) -> None:
        item = self.current
        if item is not None:
            self.post_message(self.Chosen(item.code))

    def on_click(self, event: Click) -> None:
        index = event.y + self.scroll_offset.y
        if 0 <= index < len(self.rows) and self.rows[index].kind == "unit":
            self.move_cursor(index)
            self.action_open()

    def on_resize(self) -> None:
        # The footer is mounted after the first frame and takes a row: a cursor put on
        # the last visible row (a restored ward) would end up under it.
        if self.cursor is not None:
            self.call_after_refresh(self._keep_cursor_visible)

    def _keep_cursor_visible(self) -> None:
        if self.cursor is not None:
            self.scroll_to_line(self.cursor)

    def on_focus(self) -> None:
        if self.cursor is not None:
            self.refresh_line_index(self.cursor)

    def on_blur(self) -> None:
        if self.cursor is not None:
            self.refresh_line_index(self.cursor)


class WardList(Vertical):
    """Ward list pane: a title, an optional filter input and the rows."""

    BINDINGS: ClassVar[list[BindingType]] = [
        # Priority, as the reader's "/": the name typed right after it is the filter's.
        Binding("slash", "filter", "Filter", id="wards.filter", priority=True),
    ]

    class WardSelected(Message):
        """A ward was chosen to be opened."""

        def __init__(self, code: str) -> None:
            self.code = code
            super().__init__()

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.items: list[UnitItem] = []
        self._folded: ListFolds | None = None  # the items' folds, made once per list
        self._coverage: dict[str, tuple[int, int]] = {}
        self.show_coverage = False
        self.query_text = ""
        self._title = ""
        self._filtered_title = ""
        field = Input(placeholder="name, province, former unit", id="ward-filter")
        field.display = False
        self._filter = LateChild(field)
        self._fold_timer: Timer | None = None

    def compose(self) -> ComposeResult:
        yield Static("Wards", id="ward-list-title", classes="pane-title")
        yield WardRows(id="ward-rows")

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "filter" and self._filter.widget.has_focus:
            return False  # "/" is typed into the filter
        return True

    @property
    def rows_view(self) -> WardRows:
        return self.query_one(WardRows)

    @property
    def filter_input(self) -> Input | None:
        """The filter's input; None until mounted (just after the first frame, see
        :class:`LateChild`)."""
        return self._filter.widget if self._filter.attached else None

    def set_items(
        self, items: list[UnitItem], show_coverage: bool, title: str,
        filtered_title: str | None = None,
    ) -> None:
        """Show ``items`` (already sorted), re-applying the current filter. The heading is
        ``title`` with the count, or while filtering ``filtered_title`` (default: the
        same) with how many match: it must fit the pane's 29 columns."""
        self.items = items
        self._folded = None
        self.show_coverage = show_coverage
        self._coverage = coverage(items) if show_coverage else {}
        self._title = title
        self._filtered_title = filtered_title or title
        self._apply_filter()
        # Fold the filter's haystacks (~15 ms) soon after the list is shown, before anyone
        # types, so that the first keystroke costs what the others do; not at once, as
        # the list is usually replaced right after start-up (register details, checks).
        if self._fold_timer is not None:
            self._fold_timer.stop()
        self._fold_timer = self.set_timer(FOLD_DELAY, self._folds)

    def _folds(self) -> ListFolds:
        """The filter's folds of the items: made once per list, reused by every key."""
        if self._folded is None or self._folded.items is not self.items:
            self._folded = ListFolds(self.items)
        return self._folded

    def set_title(self, title: str) -> None:
        self.query_one("#ward-list-title", Static).update(Text(title))

    def _apply_filter(self, prefer_best: bool = False) -> None:
        """Show the items the filter keeps; ``prefer_best`` (the query changed): put the
        cursor on the best match rather than keep it where it was."""
        keep = self.rows_view.current.code if self.rows_view.current else None
        folds = self._folds() if self.query_text.strip() else None
        shown = filter_items(self.items, self.query_text, folds)
        if prefer_best:
            best = best_match(shown, self.query_text, folds)
            if best is not None:
                keep = best.code
        self.rows_view.show_rows(group_rows(shown, self._coverage or None), keep)
        if self._title:
            title = f"{self._title} ({len(self.items)})"
            if self.query_text.strip():
                # "12/3321", not "12 of 3321": the heading must fit the pane.
                heading = self._filtered_title
                title = f"{heading}: {len(shown)}/{len(self.items)}" if shown else (
                    f"{heading}: no match")
            self.query_one("#ward-list-title", Static).update(Text(title))

    def select_code(self, code: str) -> None:
        """Put the cursor on ward ``code``, clearing a filter that hides it."""
        for _ in range(2):
            for index, row in enumerate(self.rows_view.rows):
                if row.item is not None and row.item.code == code:
                    self.rows_view.move_cursor(index)
                    return
            if not self.query_text:
                return
            self.clear_filter()

    def clear_filter(self) -> None:
        field = self.filter_input
        if field is not None:
            with field.prevent(Input.Changed):
                field.value = ""
            field.display = False
        self.query_text = ""
        self._apply_filter()

    def on_mount(self) -> None:
        self._filter.mount_after_first_frame(self, before=self.rows_view)

    async def action_filter(self) -> None:
        field = await self._filter.mounted()
        field.display = True
        self.screen.set_focus(field)  # at once: the next keys typed are the query

    @on(Input.Changed, "#ward-filter")
    def _filter_changed(self, event: Input.Changed) -> None:
        self.query_text = event.value
        self._apply_filter(prefer_best=True)

    @on(Input.Submitted, "#ward-filter")
    def _filter_submitted(self) -> None:
        if self.rows_view.current is None:
            self.notify(f"No ward matches {self.query_text!r}", timeout=3)
            return  # stay in the filter: the next keys are still typing
        self.rows_view.focus()
        self.rows_view.action_open()

    def on_key(self, event: Key) -> None:
        field = self.filter_input
        if field is None or not field.has_focus:
            return
        if event.key == "escape":
            field.value = ""
            field.display = False
            self.rows_view.focus()
            event.stop()
        elif event.key == "down":
            self.rows_view.focus()
            event.stop()

    @on(WardRows.Chosen)
    def _chosen(self, event: WardRows.Chosen) -> None:
        event.stop()
        self.post_message(self.WardSelected(event.code))
