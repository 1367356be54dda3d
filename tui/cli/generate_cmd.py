"""``ward-reader generate``: write a synthetic corpus (for benchmarks and trying the app)."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path
from typing import Any


def add_parser(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "generate", help="write a synthetic corpus of N articles in the data dir layout"
    )
    parser.add_argument("--articles", type=int, required=True, metavar="N", help="how many")
    parser.add_argument("--out", required=True, metavar="DIR", help="data dir to write")
    parser.add_argument("--seed", type=int, default=0, help="random seed (default 0)")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from ..generate import generate_corpus

    if args.articles < 1:
        print("--articles must be at least 1", file=sys.stderr)
        return 2
    out = Path(args.out)
    if (out / "wards").exists() and any((out / "wards").iterdir()):
        print(f"{out / 'wards'} is not empty; choose a new --out", file=sys.stderr)
        return 2
    started = time.perf_counter()
    result = generate_corpus(args.articles, out, seed=args.seed)
    elapsed = time.perf_counter() - started
    print(
        f"wrote {result.articles} articles, {result.facts} facts in {result.wards} ward files"
        f" ({result.bytes_written / 1e6:.1f} MB) to {out} in {elapsed:.1f} s"
    )
    return 0
