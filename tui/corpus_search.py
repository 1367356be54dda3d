"""Keep the corpus search index in step with the data dir.

The index (:class:`tui.search.index.CorpusIndex`, SQLite FTS5) may live in the user
cache dir between runs; on start-up only articles whose text changed are re-indexed and
articles that are gone are dropped, so a warm start does almost no work. Runs in a
worker thread; nothing here touches the UI.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path

from .repository import Repository
from .search.index import CorpusIndex, IndexedDoc

__all__ = ["sync_index"]


def sync_index(
    repository: Repository,
    path: Path | str = ":memory:",
    progress: Callable[[int, int], None] | None = None,
) -> CorpusIndex:
    """Open (or create) the index at ``path`` and bring it up to date with ``repository``.

    A file index remembers (in a sidecar file) the repository fingerprint it was last
    synced with; when the data dir has not changed, the index is used as it is instead of
    re-reading every article to compare (about 5 s at 10,000 articles).
    """
    index = CorpusIndex.open(path)
    stamp = Path(f"{path}.synced") if str(path) != ":memory:" else None
    fingerprint = repository.fingerprint()
    if stamp is not None and fingerprint is not None and len(index):
        try:
            if stamp.read_text(encoding="ascii") == fingerprint:
                if progress is not None:
                    progress(1, 1)
                return index
        except OSError:
            pass
    known = index.known()
    total = repository.article_count()
    seen: set[str] = set()
    pending: list[IndexedDoc] = []
    done = 0
    for article in repository.iter_articles():
        seen.add(article.id)
        # Hash what is indexed (not the raw import's hash): a hand edit of a paragraph
        # must re-index the article.
        doc = IndexedDoc(article.id, article.ward_code, article.title, tuple(article.blocks()), "")
        if known.get(article.id) != doc.hash:
            pending.append(doc)
        done += 1
        if len(pending) >= 200:
            index.add_many(pending)
            pending = []
        if progress is not None and done % 100 == 0:
            progress(done, total)
    if pending:
        index.add_many(pending)
    for article_id in set(known) - seen:
        index.remove(article_id)
    if progress is not None:
        progress(total, total)
    if stamp is not None and fingerprint is not None:
        _write_stamp(stamp, fingerprint)
    return index


def _write_stamp(stamp: Path, fingerprint: str) -> None:
    try:
        handle, temp = tempfile.mkstemp(prefix=f".{stamp.name}.", dir=stamp.parent)
    except OSError:
        return  # only an optimisation: the next start compares article by article
    try:
        with os.fdopen(handle, "w", encoding="ascii") as stream:
            stream.write(fingerprint)
        os.replace(temp, stamp)
    except OSError:
        Path(temp).unlink(missing_ok=True)
