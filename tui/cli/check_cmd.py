"""``ward-reader check``: validate a data dir; exit 0 when clean, 1 with the errors."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from ..repository import Repository, resolve_data_dir


def add_parser(subparsers: Any) -> None:
    parser = subparsers.add_parser("check", help="validate the data dir")
    parser.add_argument("--data", metavar="DIR", default=argparse.SUPPRESS, help="data dir")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    data_dir = resolve_data_dir(getattr(args, "data", None))
    repository = Repository.load(data_dir)
    problems = repository.check()
    for problem in problems:
        print(problem, file=sys.stderr)
    wards = len(repository.entries())
    articles = repository.article_count()
    if problems:
        print(f"{len(problems)} problem(s) in {data_dir}", file=sys.stderr)
        return 1
    print(f"ok: {wards} wards, {articles} articles in {data_dir}")
    return 0
