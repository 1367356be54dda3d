"""The help screen: every key binding of the app and its panes, from the bindings
themselves so the list cannot drift from what the keys do."""

from __future__ import annotations

from typing import ClassVar

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

__all__ = ["HelpScreen", "binding_table"]

_KEY_NAMES = {
    "slash": "/",
    "question_mark": "?",
    "right_square_bracket": "]",
    "left_square_bracket": "[",
    "space": "Space",
    "pagedown": "PgDn",
    "pageup": "PgUp",
    "shift+tab": "Shift+Tab",
    "tab": "Tab",
    "ctrl+p": "Ctrl+P",
    "escape": "Esc",
    "enter": "Enter",
    "shift+enter": "Shift+Enter",
}


def key_label(keys: str) -> str:
    names = (_KEY_NAMES.get(k, k.capitalize() if len(k) > 1 else k) for k in keys.split(","))
    return ", ".join(names)


def binding_table(sections: list[tuple[str, list[Binding]]]) -> Table:
    """A table of (pane, keys, action) rows built from binding objects."""
    table = Table(box=None, show_header=True, header_style="bold", pad_edge=False)
    table.add_column("Where")
    table.add_column("Keys")
    table.add_column("Does")
    for section, bindings in sections:
        for binding in bindings:
            table.add_row(Text(section), Text(key_label(binding.key)), Text(binding.description))
    return table


class HelpScreen(ModalScreen[None]):
    """Lists every binding; Escape, q or ? closes it."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,question_mark", "dismiss", "Close help", id="help.close"),
        Binding("j,down", "scroll('down')", "Scroll down", show=False, id="help.down"),
        Binding("k,up", "scroll('up')", "Scroll up", show=False, id="help.up"),
        Binding("space,pagedown", "scroll('page_down')", "Page down", show=False,
                id="help.page_down"),
        Binding("b,pageup", "scroll('page_up')", "Page up", show=False, id="help.page_up"),
        Binding("g,home", "scroll('home')", "Top", show=False, id="help.top"),
        Binding("G,end", "scroll('end')", "Bottom", show=False, id="help.bottom"),
    ]

    def __init__(self, sections: list[tuple[str, list[Binding]]]) -> None:
        super().__init__()
        self.sections = sections

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-body"):
            yield Static(Text("Ward Reader — keys", style="bold"))
            yield Static(binding_table(self.sections), id="help-table")
            yield Static(Text("Esc, q or ? closes this help.", style="dim"))

    async def action_dismiss(self, result: None = None) -> None:
        self.dismiss(None)

    def action_scroll(self, where: str) -> None:
        body = self.query_one("#help-body", VerticalScroll)
        {
            "down": lambda: body.scroll_down(animate=False),
            "up": lambda: body.scroll_up(animate=False),
            "page_down": lambda: body.scroll_page_down(animate=False),
            "page_up": lambda: body.scroll_page_up(animate=False),
            "home": lambda: body.scroll_home(animate=False),
            "end": lambda: body.scroll_end(animate=False),
        }[where]()
