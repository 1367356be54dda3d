"""Run the app on a data dir (the default command)."""

from __future__ import annotations

import argparse
import sys

from ..repository import Repository, resolve_data_dir
from ..state import StateStore


def run_app(args: argparse.Namespace) -> int:
    data_dir = resolve_data_dir(getattr(args, "data", None))
    if not data_dir.is_dir():
        print(f"ward-reader: data dir {data_dir} does not exist", file=sys.stderr)
        return 2
    repository = Repository.load(data_dir)
    from ..app import WardReaderApp  # Textual is imported only when the app runs.

    app = WardReaderApp(repository, StateStore(data_dir=data_dir))
    app.run()
    return 0
