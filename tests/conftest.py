"""Shared fixtures: the fixture corpus, an isolated state dir, deterministic UI."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tui.register import Register, load_register
from tui.repository import Repository

TESTS_DIR = Path(__file__).parent
CORPUS_DIR = TESTS_DIR / "data" / "corpus"


@pytest.fixture(autouse=True)
def isolated_user_dirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Keep tests away from the real user's state and cache (and from each other)."""
    monkeypatch.setenv("WARD_READER_STATE_DIR", str(tmp_path / "state"))
    monkeypatch.setenv("WARD_READER_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("WARD_READER_KEYMAP", str(tmp_path / "no-keymap.yaml"))
    monkeypatch.delenv("WARD_READER_DATA", raising=False)
    monkeypatch.delenv("WARD_READER_EXIT_AFTER_PAINT", raising=False)
    yield


@pytest.fixture(scope="session")
def register() -> Register:
    """The real 2025 register (read once per test process)."""
    reg = load_register()
    reg.enrich()
    return reg


@pytest.fixture
def corpus_dir() -> Path:
    return CORPUS_DIR


@pytest.fixture
def repository(register: Register) -> Repository:
    return Repository.load(CORPUS_DIR, register)
