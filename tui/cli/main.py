"""``ward-reader`` entry point.

Sub-commands live in their own modules, each exposing ``add_parser(subparsers)`` and
``run(args) -> int``; this module only wires them. With no sub-command the app starts.
Textual is imported only when the app runs, so ``check``/``import``/``facts`` start fast.
"""

from __future__ import annotations

import gc
import importlib
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING

from ..register import RegisterError

if TYPE_CHECKING:
    import argparse

__all__ = ["main", "build_parser"]

#: Sub-command modules (under ``tui.cli``); each one registers its own parser.
SUBCOMMANDS = ("check_cmd", "import_cmd", "facts_cmd", "generate_cmd")


def _wanted_subcommands(argv: Sequence[str]) -> tuple[str, ...]:
    """The sub-command modules this command line needs.

    Importing them all costs ~0.3 s (the importer pulls in its extraction tables), which
    would double the app's start-up; so only the named one is imported, all for --help.
    """
    if any(arg in ("-h", "--help") for arg in argv):
        return SUBCOMMANDS
    names = {module.removesuffix("_cmd"): module for module in SUBCOMMANDS}
    return tuple(names[arg] for arg in argv if arg in names)[:1]


def _plain_app_command(argv: Sequence[str]) -> tuple[str | None] | None:
    """``(data dir or None,)`` when ``argv`` only starts the app (no arguments, or just
    ``--data DIR``); None for anything else, which argparse then parses.

    Importing argparse and building the parser cost ~5 ms of every start, and this is
    the command line of nearly every start; the two must agree (a test checks).
    """
    if not argv:
        return (None,)
    if len(argv) == 2 and argv[0] == "--data" and not argv[1].startswith("-"):
        return (argv[1],)
    if len(argv) == 1 and argv[0].startswith("--data=") and len(argv[0]) > len("--data="):
        return (argv[0].removeprefix("--data="),)
    return None


def build_parser(argv: Sequence[str] | None = None) -> argparse.ArgumentParser:
    import argparse

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
    for name in SUBCOMMANDS if argv is None else _wanted_subcommands(argv):
        try:
            module = importlib.import_module(f"tui.cli.{name}")
        except ModuleNotFoundError as error:
            if error.name != f"tui.cli.{name}":
                raise
            continue
        module.add_parser(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    # Start-up makes a few hundred thousand objects that live as long as the process
    # (Textual's modules, the widgets, the index); each full pass of the cyclic garbage
    # collector over them costs ~30 ms, and one used to fall before the first frame.
    # Collection is paused here: the app resumes it after its first frame (see
    # WardReaderApp), the other commands at once.
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        arguments = list(sys.argv[1:] if argv is None else argv)
        plain = _plain_app_command(arguments)
        if plain is not None:
            from .run_cmd import run_app

            return run_app(plain[0], gc_paused=was_enabled)
        parser = build_parser(arguments)
        args = parser.parse_args(arguments)
        handler = getattr(args, "handler", None)
        if handler is None:
            from .run_cmd import run_app

            return run_app(args.data, gc_paused=was_enabled)
        if was_enabled:
            gc.enable()
        result: int = handler(args)
        return result
    except RegisterError as error:
        print(f"ward-reader: {error}", file=sys.stderr)
        return 2
    except BrokenPipeError:
        # Output piped into `head` and closed early: not an error worth a traceback.
        from .output import drop_stdout

        drop_stdout()
        return 0
    finally:
        if was_enabled:
            gc.enable()


if __name__ == "__main__":
    sys.exit(main())
