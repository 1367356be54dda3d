"""The facts sidebar: register facts apart, then what the articles state, each with its
source; disagreeing values are flagged and all of them shown. Enter on a fact asks the
reader to show its quote."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from ..text.fold import strip_control
from .late_child import LateChild
from .pick_list import PickList

if TYPE_CHECKING:
    from ..facts import FactRow
    from ..models import Ward

__all__ = ["FactsPanel"]


HINT = "Open a ward to see its register facts and what articles state."


def _shorten(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


class FactsPanel(Vertical):
    """Shows a ward's facts; posts :class:`FactsPanel.FactChosen` on Enter."""

    class FactChosen(Message):
        """Show the quote of a fact: ``quote`` in article ``article_id``."""

        def __init__(self, article_id: str, quote: str) -> None:
            self.article_id = article_id
            self.quote = quote
            super().__init__()

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.rows: list[FactRow] = []
        self._ward: Ward | None = None
        self._last_choice: tuple[int, int] | None = None  # (row, source) shown last
        #: The list is mounted just after the first frame: an ``OptionList``'s styles and
        #: first render cost ~10 ms of start-up, for a list that starts as one hint line
        #: (which a ``Static`` shows until then).
        self._options = LateChild(PickList(id="fact-options"), on_mounted=self._list_mounted)

    def compose(self) -> ComposeResult:
        yield Static("Facts", classes="pane-title")
        yield Static(Text(HINT, style="dim"), id="facts-hint")

    def on_mount(self) -> None:
        self._options.mount_after_first_frame(self)

    def _list_mounted(self, options: OptionList) -> None:
        self.query_one("#facts-hint").remove()
        self._fill(self._ward)

    @property
    def options(self) -> OptionList:
        return self._options.widget

    def show_ward(self, ward: Ward | None) -> None:
        # (tui.facts, with the number formats, imported when a ward is first shown: ~2 ms
        # the first frame does without.)
        from ..facts import fact_rows

        self._ward = ward
        self.rows = fact_rows(ward) if ward is not None else []
        self._last_choice = None
        if self.options.is_mounted:
            self._fill(ward)
        else:  # the list comes a frame later: meanwhile the hint must not say "open a ward"
            for hint in self.query("#facts-hint").results(Static):
                hint.update(Text(HINT, style="dim") if ward is None else "")

    def _fill(self, ward: Ward | None) -> None:
        options: list[Option | None] = []
        if ward is None:
            self.options.set_options([Option(Text(HINT, style="dim"), disabled=True)])
            return
        from ..facts import register_rows

        options.append(Option(Text("Sổ đăng ký 2025 (register)", style="bold"), disabled=True))
        for official in register_rows(ward.unit):
            line = Text(f"{official.label}: ", style="dim")
            line.append(strip_control(official.value_text))
            options.append(Option(line, disabled=True))
        options.append(None)
        if not self.rows:
            options.append(Option(Text("No facts from articles yet", style="dim"), disabled=True))
        else:
            options.append(Option(Text("Theo bài báo (from articles)", style="bold"),
                                  disabled=True))
        for row in self.rows:
            options.append(Option(self._fact_text(row), id=f"fact-{row.row_id}"))
        self.options.set_options(options)

    @staticmethod
    def _fact_text(row: FactRow) -> Text:
        text = Text(f"{row.label}: ", style="bold")
        value = strip_control(row.value_text)
        text.append(_shorten(value, 160))
        if row.disagrees:
            text.append("  ⚠ articles differ", style="bold yellow")
        if row.register_note:
            text.append(f"\n  ≠ {row.register_note}", style="yellow")
        if len(row.source_titles) == 1:
            source = _shorten(strip_control(row.source_titles[0]), 60)
        else:
            # Not "N articles agree": this row may be one side of a disagreement. (Short:
            # the sidebar is 38 columns wide.)
            source = f"{len(row.source_titles)} articles (Enter: next)"
        text.append(f"\n  ↳ {source}", style="dim")
        return text

    @on(OptionList.OptionSelected, "#fact-options")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        option_id = event.option.id or ""
        if not option_id.startswith("fact-"):
            return
        index = int(option_id.removeprefix("fact-"))
        row = next((r for r in self.rows if r.row_id == index), None)
        if row is None:
            return
        # Enter again on the same row steps through the articles that state it.
        source = 0
        if self._last_choice is not None and self._last_choice[0] == index:
            source = (self._last_choice[1] + 1) % len(row.facts)
        self._last_choice = (index, source)
        fact = row.facts[source]
        self.post_message(self.FactChosen(fact.article_id, fact.quote))
