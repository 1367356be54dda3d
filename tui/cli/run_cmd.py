"""Run the app on a data dir (the default command)."""

from __future__ import annotations

import hashlib
import sys
from pathlib import Path

from ..cache import cache_root
from ..repository import Repository, resolve_data_dir
from ..state import StateStore


def search_index_path(data_dir: Path) -> Path | str:
    """The search index lives beside the corpus cache; in memory when caching is off."""
    root = cache_root()
    if root is None:
        return ":memory:"
    key = hashlib.sha256(str(data_dir.resolve()).encode()).hexdigest()[:16]
    try:
        root.mkdir(parents=True, exist_ok=True)
    except OSError:
        return ":memory:"
    return root / f"search-{key}.sqlite3"


def run_app(data: str | None, gc_paused: bool = False) -> int:
    """Run the app on ``data`` (``--data``; None: the default data dir); ``gc_paused``:
    the caller paused garbage collection for start-up and the app is to resume it after
    its first frame."""
    data_dir = resolve_data_dir(data)
    if not data_dir.is_dir():
        print(f"ward-reader: data dir {data_dir} does not exist", file=sys.stderr)
        return 2
    # open() is fast (cache, or provisional entries); the app completes it in a worker.
    repository = Repository.open(data_dir)
    from ..app import WardReaderApp  # Textual is imported only when the app runs.

    app = WardReaderApp(
        repository, StateStore(data_dir=data_dir), search_index_path(data_dir),
        resume_gc=gc_paused,
    )
    app.run()
    return 0
