"""``ward-reader import FILE...``: file copied articles under their wards, with their facts."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from ..ingest.importer import FileResult, Importer
from ..repository import resolve_data_dir
from ..text.fold import strip_control
from .output import drop_stdout


def add_parser(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "import",
        help="import article text files into the data dir",
        description="Clean each article, find its ward in the 2025 register, extract its "
        "facts and file it in the ward's YAML. Re-importing an article changes nothing.",
        epilog="Each file gets one line: imported, replaced, unchanged (already there), "
        "skipped (a different version of the article is already filed: nothing written, "
        "use --replace) or failed (with the reason). Exit status: 0 when every file was "
        "imported, replaced or unchanged; 1 when any file was skipped or failed (the "
        "other files are still imported).",
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
    if result.failed or result.skipped:
        return f"{result.status:<10}{name}: {result.error}"
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
            write(line, result.failed or result.skipped)

    def plain(line: str, failed: bool) -> None:
        _print(line, sys.stderr if failed else sys.stdout)

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

    not_done = sum(r.failed or r.skipped for r in results)
    counts: dict[str, int] = {}
    for result in results:
        counts[result.status] = counts.get(result.status, 0) + 1
    summary = ", ".join(f"{n} {status}" for status, n in counts.items())
    _print(f"{len(results)} file(s): {summary} -> {data_dir}", sys.stdout)
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        drop_stdout()
    return 1 if not_done else 0


def _print(line: str, stream: Any) -> None:
    """Print, going on quietly when the reader of a pipe has gone (``| head -1``): the
    import itself must finish, only its report is lost."""
    try:
        print(line, file=stream)
    except BrokenPipeError:
        if stream is sys.stdout:
            drop_stdout()
