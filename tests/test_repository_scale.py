"""Repository.open / complete: provisional wards first, then the full index."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

import tui.repository as repository_module
from tui.generate import generate_corpus
from tui.register import Register
from tui.repository import Repository


@pytest.fixture
def data_dir(tmp_path: Path, register: Register) -> Path:
    generate_corpus(40, tmp_path / "data", seed=2, register=register)
    return tmp_path / "data"


def test_cold_open_is_provisional_then_complete(
    data_dir: Path, register: Register, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(repository_module, "OPEN_PARSE_LIMIT", 0)
    repository = Repository.open(data_dir, register)
    assert not repository.is_complete
    entries = repository.entries()
    assert len(entries) == 13 and all(e.provisional for e in entries)
    # Only the head of each file is read before the first paint: counts come later.
    assert all(e.article_total == repository_module.UNKNOWN_COUNT for e in entries)
    assert repository.article_count() == 0
    seen: list[tuple[int, int]] = []
    worker = threading.Thread(target=repository.complete, args=(lambda d, t: seen.append((d, t)),))
    worker.start()
    worker.join()
    assert repository.is_complete and seen[-1] == (13, 13)
    assert not any(e.provisional for e in repository.entries())
    assert repository.article_count() == 40
    assert [e.unit_code for e in repository.entries()] == [e.unit_code for e in entries]


def test_parallel_parse_matches_serial(
    data_dir: Path, register: Register, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("WARD_READER_NO_CACHE", "1")
    serial = Repository.load(data_dir, register)
    monkeypatch.setattr(repository_module, "OPEN_PARSE_LIMIT", 0)
    monkeypatch.setattr(repository_module, "PARALLEL_PARSE_MIN", 1)
    monkeypatch.setattr(repository_module.os, "cpu_count", lambda: 2)
    parallel = Repository.load(data_dir, register)
    assert [(e.unit_code, e.articles, e.fact_count) for e in parallel.entries()] == [
        (e.unit_code, e.articles, e.fact_count) for e in serial.entries()
    ]


def test_one_broken_file_does_not_stop_the_others(data_dir: Path, register: Register) -> None:
    good = Repository.load(data_dir, register)
    broken = good.entries()[3].path
    lines = broken.read_text(encoding="utf-8").splitlines()
    lines[7] = "  title: [unclosed"
    broken.write_text("\n".join(lines) + "\n", encoding="utf-8")
    for _ in range(2):  # the error comes from YAML, then from the cache
        repository = Repository.open(data_dir, register)
        repository.complete()
        (error,) = repository.errors
        assert error.path == broken and error.line is not None and error.line >= 8
        assert "not valid YAML" in error.reason
        assert len(repository.entries()) == len(good.entries()) - 1


def test_entries_in_vietnamese_order(repository: Repository, register: Register) -> None:
    from tui.text.collate import vietnamese_sort_key

    units = [register.basic(e.unit_code) for e in repository.entries()]
    keys = [(vietnamese_sort_key(u.province), vietnamese_sort_key(u.name)) for u in units if u]
    assert keys == sorted(keys)


def test_register_rank_matches_collation(register: Register) -> None:
    from tui.text.collate import vietnamese_sort_key

    units = register.units()
    keys = [(vietnamese_sort_key(u.province), vietnamese_sort_key(u.name)) for u in units]
    assert keys == sorted(keys) and len(units) == 3321
    assert [register.rank(u.code) for u in units] == list(range(3321))
