"""A child widget mounted just after its parent's first frame rather than in it.

Widgets that start hidden (the find bar, the ward filter: an ``Input`` each) made the
first frame later for keys that may never be pressed. Mounted right after it, they are
still there before anyone can type; an action that needs one sooner awaits
:meth:`LateChild.mounted`, which mounts it at once.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Generic, TypeVar

from textual.widget import MountError, Widget

__all__ = ["LateChild"]

W = TypeVar("W", bound=Widget)


class LateChild(Generic[W]):
    """``widget``, to be mounted into a parent once, after that parent's first frame."""

    def __init__(self, widget: W, on_mounted: Callable[[W], object] | None = None) -> None:
        """``on_mounted(widget)`` runs once the widget is mounted."""
        self.widget = widget
        self._on_mounted = on_mounted
        self._parent: Widget | None = None
        self._before: Widget | None = None
        self._ready = asyncio.Event()

    @property
    def attached(self) -> bool:
        """Mounted, or being mounted."""
        return self.widget.parent is not None

    def mount_after_first_frame(self, parent: Widget, before: Widget | None = None) -> None:
        """Call from ``parent.on_mount``."""
        self._parent, self._before = parent, before
        parent.call_after_refresh(self._mount_quietly)

    async def _mount_quietly(self) -> None:
        parent = self._parent
        if parent is not None and parent.is_mounted and parent.is_attached:
            try:
                await self.mounted()
            except MountError:  # the app closed meanwhile
                pass

    async def mounted(self) -> W:
        """The widget, mounted (now if it was not yet; once only, however many ask)."""
        if self.widget.parent is None:
            if self._parent is None:
                raise MountError("LateChild.mount_after_first_frame was not called")
            await self._parent.mount(self.widget, before=self._before)
            if self._on_mounted is not None:
                self._on_mounted(self.widget)
            self._ready.set()
        else:
            await self._ready.wait()  # another call is mounting it
        return self.widget
