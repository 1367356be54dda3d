"""``ward-reader`` entry point.

Sub-commands live in their own modules, each exposing ``add_parser(subparsers)`` and
``run(args) -> int``; this module only wires them. With no sub-command the app starts.
Textual is imported only when the app runs, so ``check``/``import``/``facts`` start fast.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

__all__ = ["main", "build_parser"]

#: Sub-command modules (under ``tui.cli``); each one registers its own parser.
SUBCOMMANDS = ("check_cmd", "import_cmd", "facts_cmd", "generate_cmd")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="ward-reader",
        description="Read coverage of Vietnam's 2025 ward and commune Party congresses.",
    )
    parser.add_argument(
        "--data",
        metavar="DIR",
        help="data dir (default: $WARD_READER_DATA, else the bundled data/)",
    )
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in SUBCOMMANDS:
        try:
            module = importlib.import_module(f"tui.cli.{name}")
        except ModuleNotFoundError as error:
            if error.name != f"tui.cli.{name}":
                raise
            continue
        module.add_parser(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    handler = getattr(args, "handler", None)
    if handler is None:
        from .run_cmd import run_app

        return run_app(args)
    result: int = handler(args)
    return result


if __name__ == "__main__":
    sys.exit(main())
