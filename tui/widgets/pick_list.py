"""An ``OptionList`` that highlights its first choice when focused.

Tabbing into a list and seeing no cursor until ↓ is pressed is confusing; less, vim and
newsboat always show where Enter will act.
"""

from __future__ import annotations

from textual import events
from textual.widgets import OptionList

__all__ = ["PickList"]


class PickList(OptionList):
    """Option list whose cursor appears on the first enabled option on focus."""

    def on_focus(self, event: events.Focus) -> None:
        if self.highlighted is None:
            first = next(
                (i for i in range(self.option_count)
                 if not self.get_option_at_index(i).disabled),
                None,
            )
            if first is not None:
                self.highlighted = first
