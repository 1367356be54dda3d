"""Snapshot tests of each screen at 120x40 (pytest-textual-snapshot; Textual pinned)."""

from __future__ import annotations

from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Input

from tests.conftest import background_done
from tui.app import WardReaderApp
from tui.register import Register
from tui.repository import Repository

SIZE = (120, 40)


@pytest.fixture
def app(repository: Repository) -> WardReaderApp:
    return WardReaderApp(repository)


async def settle(pilot: Pilot[Any]) -> None:
    """Wait for workers and switch off cursor blinking, which would make frames differ."""
    await background_done(pilot.app)
    await pilot.app.screen.workers.wait_for_complete()
    for widget in pilot.app.screen.query(Input):
        widget.cursor_blink = False
    # The footer is mounted after the first frame: wait until its keys are there.
    for _ in range(50):
        if pilot.app.screen.query("FooterKey"):
            break
        await pilot.pause(0.02)
    await pilot.pause()


def test_snapshot_launch(snap_compare: Any, app: WardReaderApp) -> None:
    assert snap_compare(app, terminal_size=SIZE, run_before=settle)


def test_snapshot_ward_open_with_facts(snap_compare: Any, app: WardReaderApp) -> None:
    assert snap_compare(app, press=["G", "enter"], terminal_size=SIZE, run_before=settle)


def test_snapshot_find_in_article(snap_compare: Any, app: WardReaderApp) -> None:
    keys = ["enter", "slash", *"dang vien", "enter"]
    assert snap_compare(app, press=keys, terminal_size=SIZE, run_before=settle)


def test_snapshot_corpus_search(snap_compare: Any, app: WardReaderApp) -> None:
    async def search(pilot: Pilot[Any]) -> None:
        await background_done(pilot.app)
        await pilot.press("s", *"dang vien")
        await settle(pilot)

    assert snap_compare(app, terminal_size=SIZE, run_before=search)


def test_snapshot_help(snap_compare: Any, app: WardReaderApp) -> None:
    assert snap_compare(app, press=["question_mark"], terminal_size=SIZE, run_before=settle)


def test_snapshot_all_units_coverage(snap_compare: Any, register: Register,
                                     repository: Repository) -> None:
    async def coverage(pilot: Pilot[Any]) -> None:
        await background_done(pilot.app)
        await pilot.press("a", "slash", *"ky son")
        await settle(pilot)

    assert snap_compare(WardReaderApp(repository), terminal_size=SIZE, run_before=coverage)
