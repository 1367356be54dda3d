"""Shared fixtures: the fixture corpus, an isolated state dir, deterministic UI."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

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


async def typed_at_once(pilot: Any, *keys: str) -> None:
    """Post ``keys`` to the app in one go, as a fast typist or a paste delivers them (no
    key is handled before the next arrives, unlike ``pilot.press``), then let it settle."""
    from textual import events
    from textual.keys import key_to_character

    characters = {"enter": "\r", "slash": "/"}
    for key in keys:
        pilot.app.post_message(events.Key(key, characters.get(key) or key_to_character(key)))
    await pilot.pause()
    await pilot.pause()


async def background_done(app: Any) -> None:
    """Wait for the app's background workers: they start just after the first frame, so
    first for that, then for them to finish."""
    await app.workers_started.wait()
    await app.workers.wait_for_complete()


async def search_corpus(pilot: Any, query: str) -> Any:
    """Open the corpus search, type ``query`` and wait for its results; the screen.

    Waits for the app's workers first (the index is built by one) and for the screen's
    query worker after, so assertions see the results of exactly this query.
    """
    from tui.screens.search import SearchScreen

    app = pilot.app
    await background_done(app)
    await pilot.press("s", *query)
    await app.screen.workers.wait_for_complete()
    await pilot.pause()
    assert isinstance(app.screen, SearchScreen)
    return app.screen
