"""``ward-reader facts``: every fact of the data dir as a table, JSON or CSV."""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import os
import sys
from typing import Any

from ..models import Fact, RegisterUnit
from ..repository import Repository, resolve_data_dir
from ..text.fold import fold_for_search, strip_control
from ..text.numbers import format_vietnamese_number
from .output import drop_stdout

FIELDS = ("ward_code", "ward", "province", "key", "value", "unit", "qualifier", "article", "quote")


def add_parser(subparsers: Any) -> None:
    parser = subparsers.add_parser("facts", help="print the facts articles state")
    parser.add_argument("--data", metavar="DIR", default=argparse.SUPPRESS, help="data dir")
    parser.add_argument("--ward", metavar="CODE|NAME", help="only this ward (code or name)")
    parser.add_argument(
        "--format", choices=("table", "json", "csv"), default="table", help="output format"
    )
    parser.set_defaults(handler=run)


def _json_value(value: object) -> Any:
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, tuple):
        return list(value)
    return value


def _rows(repository: Repository, codes: list[str]) -> list[dict[str, Any]]:
    rows = []
    for code in codes:
        ward = repository.ward(code)
        if ward is None:
            continue
        unit: RegisterUnit = ward.unit
        for fact in ward.facts:
            rows.append(_row(unit, fact))
    return rows


def _row(unit: RegisterUnit, fact: Fact) -> dict[str, Any]:
    return {
        "ward_code": unit.code,
        "ward": unit.name.strip(),
        "province": unit.province,
        "key": fact.key,
        "value": _json_value(fact.value),
        "unit": fact.unit,
        "qualifier": fact.qualifier,
        "article": fact.article_id,
        "quote": fact.quote,
    }


def _select(repository: Repository, wanted: str | None) -> list[str] | str:
    codes = [entry.unit_code for entry in repository.entries()]
    if not wanted:
        return codes
    if wanted.strip().isdigit():
        code = wanted.strip().zfill(5)
        return [code] if code in codes else f"no ward {code} in {repository.data_dir}"
    target = fold_for_search(wanted).strip()
    matches = []
    for code in codes:
        unit = repository.register.basic(code)
        if unit is None:
            continue
        names = {fold_for_search(unit.name.strip()), fold_for_search(unit.full_name.strip())}
        if target in names:
            matches.append(code)
    if not matches:
        return f"no ward named {wanted!r} in {repository.data_dir}"
    if len(matches) > 1:
        listed = ", ".join(matches)
        return f"{wanted!r} names several wards ({listed}): use the code"
    return matches


def _display(value: Any) -> str:
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int | float):
        return format_vietnamese_number(value)
    if isinstance(value, list):
        return ", ".join(value)
    return str(value)


#: Width of the table when stdout is not a terminal (a pipe or a file): wide enough that
#: each fact stays on a line or two instead of a tall column wrapped at 80.
PIPE_WIDTH = 200


def run(args: argparse.Namespace) -> int:
    """Print the facts; a reader that stops early (``| head -1``) ends it quietly."""
    try:
        code = _run(args)
        sys.stdout.flush()
    except BrokenPipeError:
        drop_stdout()
        return 0
    return code


def _table_width() -> int | None:
    """None (Rich measures the terminal) on a terminal, else $COLUMNS or PIPE_WIDTH."""
    if sys.stdout.isatty():
        return None
    columns = os.environ.get("COLUMNS", "")
    return int(columns) if columns.isdigit() and int(columns) > 0 else PIPE_WIDTH


def _run(args: argparse.Namespace) -> int:
    data_dir = resolve_data_dir(getattr(args, "data", None))
    repository = Repository.load(data_dir)
    for error in repository.errors:
        print(f"warning: {error}", file=sys.stderr)
    selected = _select(repository, args.ward)
    if isinstance(selected, str):
        print(f"error: {selected}", file=sys.stderr)
        return 1
    rows = _rows(repository, selected)
    if args.format == "json":
        json.dump(rows, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    elif args.format == "csv":
        writer = csv.DictWriter(sys.stdout, fieldnames=FIELDS, lineterminator="\n")
        writer.writeheader()
        for row in rows:
            out = dict(row)
            if isinstance(out["value"], list):
                out["value"] = "; ".join(out["value"])
            writer.writerow(out)
    else:
        from rich.console import Console
        from rich.table import Table
        from rich.text import Text

        table = Table(title=f"{len(rows)} facts in {data_dir}", show_lines=False)
        for name in ("Ward", "Key", "Value", "Unit", "Article", "Quote"):
            table.add_column(name, overflow="fold")
        for row in rows:
            value = _display(row["value"])
            if row["qualifier"]:
                value = f"{row['qualifier']} {value}"
            table.add_row(
                *(
                    Text(strip_control(str(cell)))
                    for cell in (
                        f"{row['ward']} ({row['ward_code']})",
                        row["key"],
                        value,
                        row["unit"] or "",
                        row["article"],
                        row["quote"],
                    )
                )
            )
        class _Console(Console):
            def on_broken_pipe(self) -> None:  # Rich would exit with status 1
                self.quiet = True
                raise BrokenPipeError

        _Console(markup=False, highlight=False, width=_table_width()).print(table)
    return 0
