"""``ward-reader import FILE...``: file copied articles under their wards, with their facts."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from ..ingest.importer import FileResult, Importer
from ..repository import resolve_data_dir
from ..text.fold import strip_control


def add_parser(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "import",
        help="import article text files into the data dir",
        description="Clean each article, find its ward in the 2025 register, extract its "
        "facts and file it in the ward's YAML. Re-importing an article changes nothing.",
    )
    parser.add_argument("files", nargs="+", metavar="FILE", help="article text files (UTF-8)")
    parser.add_argument("--data", metavar="DIR", default=argparse.SUPPRESS, help="data dir")
    parser.add_argument("--ward", metavar="CODE", help="file every FILE under this ward code")
    parser.add_argument(
        "--province", metavar="NAME", help="settle ambiguous ward names in this province"
    )
    parser.add_argument(
        "--replace", action="store_true", help="replace a known article that has changed"
    )
    parser.set_defaults(handler=run)


def _summary(result: FileResult) -> str:
    name = strip_control(str(result.path))
    if result.failed:
        return f"failed    {name}: {result.error}"
    unit = result.unit
    where = f"{unit.code} {unit.unit_type} {unit.name.strip()}, {unit.province}" if unit else "?"
    warn = f", {len(result.warnings)} warning(s)" if result.warnings else ""
    facts = f"{result.facts} fact(s)"
    return f"{result.status:<10}{name} -> {where}: {facts}{warn}"


def _details(result: FileResult) -> list[str]:
    return [f"    warning: {strip_control(w)}" for w in result.warnings]


def run(args: argparse.Namespace) -> int:
    data_dir = resolve_data_dir(getattr(args, "data", None))
    paths = [Path(f) for f in args.files]
    importer = Importer(
        data_dir, replace=args.replace, ward=args.ward, province=args.province
    )
    results: list[FileResult] = []

    def emit(result: FileResult, write: Any) -> None:
        stream_lines = [_summary(result), *_details(result)]
        for line in stream_lines:
            write(line, result.failed)

    def plain(line: str, failed: bool) -> None:
        print(line, file=sys.stderr if failed else sys.stdout)

    if len(paths) > 3 and sys.stdout.isatty():
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

        with Progress(
            TextColumn("importing"), BarColumn(), MofNCompleteColumn(), transient=True
        ) as progress:
            task = progress.add_task("import", total=len(paths))

            def rich_line(line: str, failed: bool) -> None:
                progress.console.print(line, markup=False, highlight=False, style=None)

            for path in paths:
                result = importer.import_file(path)
                results.append(result)
                emit(result, rich_line)
                progress.advance(task)
    else:
        for path in paths:
            result = importer.import_file(path)
            results.append(result)
            emit(result, plain)

    failed = sum(r.failed for r in results)
    counts: dict[str, int] = {}
    for result in results:
        counts[result.status] = counts.get(result.status, 0) + 1
    summary = ", ".join(f"{n} {status}" for status, n in counts.items())
    print(f"{len(results)} file(s): {summary} -> {data_dir}")
    return 1 if failed else 0
