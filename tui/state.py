"""What the reader remembers between runs: last ward, article, scroll, find history.

Kept as JSON in the user state dir (``platformdirs``), never inside the data dir, and
written atomically. A missing or unreadable state file just means a fresh start.
"""

from __future__ import annotations

import json
import os
import tempfile
from dataclasses import asdict, dataclass, field
from pathlib import Path

from platformdirs import user_state_dir

__all__ = ["ReaderState", "StateStore", "STATE_ENV_VAR"]

STATE_ENV_VAR = "WARD_READER_STATE_DIR"
_HISTORY_LIMIT = 50


@dataclass(frozen=True)
class ReaderState:
    """The reader's position and find history."""

    ward_code: str | None = None
    article_id: str | None = None
    scroll_y: int = 0
    find_history: tuple[str, ...] = field(default=())
    #: (block, offset, lines above it) of the text at the top of the reader: the same
    #: place at any width (``scroll_y`` alone moves when lines wrap differently).
    anchor: tuple[int, int, int] | None = None


class StateStore:
    """Loads and saves :class:`ReaderState` for one data dir."""

    def __init__(self, directory: Path | None = None, data_dir: Path | None = None) -> None:
        if directory is None:
            override = os.environ.get(STATE_ENV_VAR)
            directory = Path(override) if override else Path(user_state_dir("ward-reader"))
        self.directory = directory
        self._key = str(data_dir.resolve()) if data_dir is not None else ""

    @property
    def path(self) -> Path:
        return self.directory / "state.json"

    def _read_all(self) -> dict[str, object]:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        return data if isinstance(data, dict) else {}

    def load(self) -> ReaderState:
        data = self._read_all()
        positions = data.get("positions", {})
        position = positions.get(self._key, {}) if isinstance(positions, dict) else {}
        history = data.get("find_history", [])
        if not isinstance(history, list):
            history = []
        try:
            return ReaderState(
                ward_code=_str_or_none(position.get("ward_code")),
                article_id=_str_or_none(position.get("article_id")),
                scroll_y=max(0, int(position.get("scroll_y", 0) or 0)),
                find_history=tuple(h for h in history if isinstance(h, str))[-_HISTORY_LIMIT:],
                anchor=_anchor(position.get("anchor")),
            )
        except (TypeError, ValueError, AttributeError, OverflowError):
            return ReaderState()

    def save(self, state: ReaderState) -> None:
        data = self._read_all()
        positions = data.get("positions")
        if not isinstance(positions, dict):
            positions = {}
        record = asdict(state)
        history = list(record.pop("find_history"))[-_HISTORY_LIMIT:]
        positions[self._key] = record
        data["positions"] = positions
        data["find_history"] = history
        try:
            self.directory.mkdir(parents=True, exist_ok=True)
            handle, temp = tempfile.mkstemp(prefix=".state.", suffix=".tmp", dir=self.directory)
        except OSError:
            return  # Losing the reading position is not worth interrupting the user for.
        try:
            with os.fdopen(handle, "w", encoding="utf-8") as stream:
                json.dump(data, stream, ensure_ascii=False, indent=1)
            os.replace(temp, self.path)
        except OSError:
            Path(temp).unlink(missing_ok=True)


def _anchor(value: object) -> tuple[int, int, int] | None:
    if (
        isinstance(value, list)
        and len(value) == 3
        and all(isinstance(v, int) and not isinstance(v, bool) and 0 <= v < 10**9 for v in value)
    ):
        return (value[0], value[1], value[2])
    return None


def _str_or_none(value: object) -> str | None:
    return value if isinstance(value, str) else None
