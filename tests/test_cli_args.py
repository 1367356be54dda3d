"""The app's plain command line is parsed without argparse; it must agree with it."""

from __future__ import annotations

import pytest

from tui.cli.main import _plain_app_command, build_parser


@pytest.mark.parametrize(
    "argv",
    [
        [],
        ["--data", "corpus"],
        ["--data=corpus"],
        ["--data", "dir with spaces/đà nẵng"],
        ["--data", ""],
    ],
)
def test_plain_command_lines_read_as_argparse_reads_them(argv: list[str]) -> None:
    plain = _plain_app_command(argv)
    args = build_parser(argv).parse_args(argv)
    assert plain == (args.data,)
    assert getattr(args, "handler", None) is None  # argparse too would run the app


@pytest.mark.parametrize(
    "argv",
    [
        ["--data"],  # argparse reports the missing value
        ["--data", "-x"],
        ["--data="],
        ["--dat", "corpus"],  # an abbreviation: argparse's rules
        ["--help"],
        ["check"],
        ["--data", "corpus", "check"],
        ["corpus"],
    ],
)
def test_anything_else_is_left_to_argparse(argv: list[str]) -> None:
    assert _plain_app_command(argv) is None
