"""Shared output plumbing for the sub-commands."""

from __future__ import annotations

import os
import sys

__all__ = ["drop_stdout"]


def drop_stdout() -> None:
    """Point stdout at /dev/null after the reader closed the pipe (``… | head``), so
    later writes and the flush at exit do not fail again with a traceback."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError):
        sys.stdout = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115
