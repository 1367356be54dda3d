"""Explicit error classes shared by the domain modules."""

from __future__ import annotations

from pathlib import Path

__all__ = ["DataError", "ImportFailure"]


class DataError(Exception):
    """A problem in a data file, located by path and (when known) line."""

    def __init__(self, path: Path | str, line: int | None, reason: str) -> None:
        self.path = Path(path)
        self.line = line
        self.reason = reason
        super().__init__(str(self))

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else str(self.path)
        return f"{where}: {self.reason}"


class ImportFailure(Exception):
    """An input file that cannot be imported; the message says which and why."""

    def __init__(self, path: Path | str, reason: str) -> None:
        self.path = Path(path)
        self.reason = reason
        super().__init__(f"{self.path}: {reason}")
