"""The facts sidebar: register facts apart, then what the articles state, each with its
source; disagreeing values are flagged and all of them shown. Enter on a fact asks the
reader to show its quote."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from ..facts import FactRow, fact_rows, register_rows
from ..models import Ward
from ..text.fold import strip_control
from .pick_list import PickList

__all__ = ["FactsPanel"]


def _shorten(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


class FactsPanel(Vertical):
    """Shows a ward's facts; posts :class:`FactsPanel.FactChosen` on Enter."""

    @dataclass
    class FactChosen(Message):
        """Show the quote of a fact: ``quote`` in article ``article_id``."""

        article_id: str
        quote: str

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.rows: list[FactRow] = []
        self._last_choice: tuple[int, int] | None = None  # (row, source) shown last

    def compose(self) -> ComposeResult:
        yield Static("Facts", classes="pane-title")
        yield PickList(id="fact-options")

    def on_mount(self) -> None:
        if not self.rows and self.options.option_count == 0:
            self.show_ward(None)

    @property
    def options(self) -> OptionList:
        return self.query_one("#fact-options", OptionList)

    def show_ward(self, ward: Ward | None) -> None:
        options: list[Option | None] = []
        self.rows = []
        self._last_choice = None
        if ward is None:
            hint = Text("Open a ward to see its register facts and what articles state.",
                        style="dim")
            self.options.set_options([Option(hint, disabled=True)])
            return
        options.append(Option(Text("Sổ đăng ký 2025 (register)", style="bold"), disabled=True))
        for official in register_rows(ward.unit):
            line = Text(f"{official.label}: ", style="dim")
            line.append(strip_control(official.value_text))
            options.append(Option(line, disabled=True))
        options.append(None)
        self.rows = fact_rows(ward)
        if not self.rows:
            options.append(Option(Text("No facts from articles yet", style="dim"), disabled=True))
        else:
            options.append(Option(Text("Theo bài báo (from articles)", style="bold"),
                                  disabled=True))
        for row in self.rows:
            options.append(Option(self._fact_text(row), id=f"fact-{row.index}"))
        self.options.set_options(options)

    @staticmethod
    def _fact_text(row: FactRow) -> Text:
        text = Text(f"{row.label}: ", style="bold")
        value = strip_control(row.value_text)
        text.append(_shorten(value, 160))
        if row.disagrees:
            text.append("  ⚠ sources differ", style="bold yellow")
        if row.register_note:
            text.append(f"\n  ≠ {row.register_note}", style="yellow")
        if len(row.source_titles) == 1:
            source = _shorten(strip_control(row.source_titles[0]), 60)
        else:
            source = f"{len(row.source_titles)} articles agree (Enter: next)"
        text.append(f"\n  ↳ {source}", style="dim")
        return text

    @on(OptionList.OptionSelected, "#fact-options")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        option_id = event.option.id or ""
        if not option_id.startswith("fact-"):
            return
        index = int(option_id.removeprefix("fact-"))
        row = next((r for r in self.rows if r.index == index), None)
        if row is None:
            return
        # Enter again on the same row steps through the articles that state it.
        source = 0
        if self._last_choice is not None and self._last_choice[0] == index:
            source = (self._last_choice[1] + 1) % len(row.facts)
        self._last_choice = (index, source)
        fact = row.facts[source]
        self.post_message(self.FactChosen(fact.article_id, fact.quote))
