"""Keeping the corpus search index in step with the data dir."""

from __future__ import annotations

import shutil
from pathlib import Path

from tui.corpus_search import sync_index
from tui.register import Register
from tui.repository import Repository


def test_index_follows_edits_and_is_reused_when_nothing_changed(
    corpus_dir: Path, tmp_path: Path, register: Register
) -> None:
    data = tmp_path / "data"
    shutil.copytree(corpus_dir, data)
    path = tmp_path / "index.sqlite3"
    index = sync_index(Repository.load(data, register), path)
    assert index.search("quang canh", count=False).hits
    assert index.search("xyzzyx", count=False).hits == ()
    index.close()

    # Unchanged data: the stamp matches, the index is reused without re-reading articles.
    calls: list[tuple[int, int]] = []
    reused = sync_index(Repository.load(data, register), path, lambda d, t: calls.append((d, t)))
    assert calls == [(1, 1)]
    assert len(reused) == 4
    reused.close()

    # A hand edit of a paragraph is seen on the next start.
    ward = data / "wards" / "phu-tho" / "phuong-ky-son.yaml"
    ward.write_text(
        ward.read_text(encoding="utf-8").replace("Mạnh Hùng", "Xyzzyx Hùng Hải"), encoding="utf-8"
    )
    updated = sync_index(Repository.load(data, register), path)
    assert updated.search("xyzzyx", count=False).hits

    # A deleted ward's articles leave the index.
    ward.unlink()
    pruned = sync_index(Repository.load(data, register), path)
    assert pruned.search("xyzzyx", count=False).hits == ()
    assert len(pruned) == 3
