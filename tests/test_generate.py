"""The synthetic corpus generator: valid for ``check``, deterministic for a seed."""

from __future__ import annotations

from pathlib import Path

from tui.generate import generate_corpus
from tui.register import Register
from tui.repository import Repository
from tui.text.fold import fold_for_search


def _files(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*.yaml")}


def test_generated_corpus_passes_check(tmp_path: Path, register: Register) -> None:
    result = generate_corpus(30, tmp_path / "data", seed=7, register=register)
    repository = Repository.load(tmp_path / "data", register)
    assert repository.check() == []
    assert repository.article_count() == result.articles == 30
    assert len(repository.entries()) == result.wards == 10  # about three per unit
    text = "".join(a.raw for a in repository.iter_articles())
    assert fold_for_search(text) != text  # full diacritics
    assert "đảng viên" in text and " km2" in text
    assert len(text.encode()) / 30 > 5_000  # about 6 KB an article


def test_same_seed_same_bytes_other_seed_differs(tmp_path: Path, register: Register) -> None:
    generate_corpus(12, tmp_path / "a", seed=3, register=register)
    generate_corpus(12, tmp_path / "b", seed=3, register=register)
    generate_corpus(12, tmp_path / "c", seed=4, register=register)
    assert _files(tmp_path / "a") == _files(tmp_path / "b")
    assert _files(tmp_path / "a") != _files(tmp_path / "c")


def test_parallel_writing_gives_the_same_corpus(tmp_path: Path, register: Register) -> None:
    generate_corpus(9, tmp_path / "one", seed=1, register=register, processes=1)
    generate_corpus(9, tmp_path / "two", seed=1, register=register, processes=2)
    assert _files(tmp_path / "one") == _files(tmp_path / "two")
