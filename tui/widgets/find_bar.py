"""Find in the article: a bar under the reader with a live match counter.

Matching is :func:`tui.search.matcher.find_matches` (the app's one set of matching
rules); this module only keeps the current match, the counter and the query history.
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.events import Key
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Input, Static

__all__ = ["FindBar"]


class FindInput(Input):
    """The query input; Enter hands focus back at once, before the next key is read.

    Moving focus when the Submitted message is handled would be too late for a quick
    "Enter n": the n would be typed into the query.
    """

    return_focus_to: Widget | None = None

    async def action_submit(self) -> None:
        await super().action_submit()
        target = self.return_focus_to
        if target is not None and target.is_mounted:
            self.screen.set_focus(target)

    async def _on_key(self, event: Key) -> None:
        if self.screen.focused is not self:  # (``has_focus`` changes only with Blur)
            # Keys that came in the same read as Enter ("/query⏎n" typed ahead, or sent
            # at once by a script) were handed to this input before Enter moved focus
            # away: send them again, to the widget that has focus now.
            event.stop()
            event.prevent_default()
            self.app.post_message(Key(event.key, event.character))
        elif event.key == "enter":
            # Submitted here rather than by Input's binding: bindings run only once the
            # key has bubbled up to the app, after the keys queued behind it have
            # reached this input (and "n" was typed into the query).
            event.stop()
            event.prevent_default()
            await self.action_submit()


class FindBar(Horizontal):
    """Query input and "3/12" counter; posts messages, the reader pane does the work."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Close find", id="find.close"),
        Binding("shift+enter", "previous", "Previous match", id="find.previous"),
    ]

    class QueryChanged(Message):
        """The query was edited: find ``query`` again."""

        def __init__(self, query: str) -> None:
            self.query = query
            super().__init__()

    class Step(Message):
        """Go to the next (``forward``) or previous match."""

        def __init__(self, forward: bool) -> None:
            self.forward = forward
            super().__init__()

    class Closed(Message):
        """The bar was closed: clear highlights."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.history: list[str] = []
        self._history_position: int | None = None
        #: Where Enter in the input sends focus (the article view).
        self.return_focus_to: Widget | None = None

    def compose(self) -> ComposeResult:
        yield Static(Text("Find:"), id="find-label")
        field = FindInput(placeholder="words, or \"a phrase\"", id="find-input")
        field.return_focus_to = self.return_focus_to
        yield field
        yield Static("", id="find-count")

    @property
    def input(self) -> FindInput:
        return self.query_one("#find-input", FindInput)

    def open(self, query: str | None = None, focus: bool = True) -> None:
        """Show the bar on ``query``; with none, a closed bar opens empty (as / does in
        less and vim: ↑ recalls earlier queries) and an open one keeps its query."""
        if query is None and not self.display:
            query = ""
        self.display = True
        if query is not None:
            with self.input.prevent(Input.Changed):
                self.input.value = query
            if not query:
                self.set_count(None, 0)  # no count left from the query before
        if focus:
            # At once, not after the queued messages (as ``focus()`` does): keys typed
            # right after / must reach the query, not the reader's bindings.
            self.screen.set_focus(self.input)
        self._history_position = None

    def set_count(self, current: int | None, total: int, note: str = "") -> None:
        if not self.input.value.strip():
            text = Text("")
        elif total == 0:
            text = Text("no match", style="bold red")
        else:
            shown = "-" if current is None else str(current + 1)
            text = Text(f"{shown}/{total}")
            if note:
                text.append(f" {note}", style="bold yellow")
        self.query_one("#find-count", Static).update(text)

    def remember(self, query: str) -> None:
        query = query.strip()
        if not query:
            return
        if query in self.history:
            self.history.remove(query)
        self.history.append(query)
        del self.history[:-50]

    @on(Input.Changed, "#find-input")
    def _changed(self, event: Input.Changed) -> None:
        event.stop()
        self.post_message(self.QueryChanged(event.value))

    @on(Input.Submitted, "#find-input")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.remember(event.value)
        self.post_message(self.Step(forward=True))

    def action_previous(self) -> None:
        self.post_message(self.Step(forward=False))

    def action_close(self) -> None:
        self.remember(self.input.value)
        self.display = False
        self.post_message(self.Closed())

    def on_key(self, event: Key) -> None:
        if event.key not in ("up", "down") or not self.history:
            return
        event.stop()
        event.prevent_default()
        if event.key == "up":
            position = len(self.history) if self._history_position is None else (
                self._history_position
            )
            position = max(0, position - 1)
            if (
                self._history_position is None
                and position > 0
                and self.history[position] == self.input.value.strip()
            ):
                position -= 1  # the query shown is the newest: ↑ recalls the one before
        else:
            if self._history_position is None:
                return
            position = self._history_position + 1
            if position >= len(self.history):
                self._history_position = None
                self.input.value = ""
                return
        self._history_position = position
        self.input.value = self.history[position]
        self.input.cursor_position = len(self.input.value)
