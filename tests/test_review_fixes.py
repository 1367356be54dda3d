"""Regressions found in review: each of these used to crash or misbehave."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from tui.app import WardReaderApp
from tui.errors import DataError
from tui.register import Register
from tui.repository import Repository
from tui.state import StateStore
from tui.wardfile import read_ward_file
from tui.widgets.facts_panel import FactsPanel
from tui.widgets.reader import ArticleView
from tui.widgets.reader_pane import QUOTE_STYLE, ReaderPane

SIZE = (120, 40)


async def test_markup_in_user_input_and_data_never_crashes(
    corpus_dir: Path, tmp_path: Path, register: Register
) -> None:
    data = tmp_path / "data"
    shutil.copytree(corpus_dir, data)
    (data / "wards" / "phu-tho" / "phuong-ky-son.yaml").write_text("[/x]: [\n")
    app = WardReaderApp(Repository.load(data, register))
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.press("slash", *"[/x]", "enter")  # "No ward matches '[/x]'"
        await pilot.pause(0.3)
        assert app.is_running
        assert any("[/x]" in n.message for n in app._notifications)


def test_impossible_date_is_a_data_error_with_its_line(tmp_path: Path) -> None:
    path = tmp_path / "bad-date.yaml"
    path.write_text(
        'ward: {code: "07909", name: Thanh Miếu, type: phường, province: Phú Thọ}\n'
        "articles:\n- id: a1\n  title: T\n  date: 2025-02-30\n  paragraphs: []\n  raw: x\n",
        encoding="utf-8",
    )
    with pytest.raises(DataError) as caught:
        read_ward_file(path)
    assert caught.value.line == 5 and "bad value" in caught.value.reason


def test_check_reports_an_impossible_date_instead_of_crashing(
    corpus_dir: Path, tmp_path: Path, register: Register
) -> None:
    data = tmp_path / "data"
    shutil.copytree(corpus_dir, data)
    ward = data / "wards" / "phu-tho" / "phuong-ky-son.yaml"
    ward.write_text(ward.read_text(encoding="utf-8").replace("2025-07-23", "2025-02-30"))
    repo = Repository.load(data, register)
    assert any(e.path == ward and e.line for e in repo.errors)
    assert len(repo.entries()) == 2


def test_search_screen_accepts_status_before_it_is_mounted(register: Register) -> None:
    from tui.screens.search import SearchScreen

    screen = SearchScreen(register)
    screen.set_index(None, "Building the search index… 10 of 100 articles")
    assert screen.index_status.endswith("100 articles")


@pytest.mark.parametrize("scroll", ["1e400", '"x"', "[1]", "-5"])
def test_corrupt_state_means_a_fresh_start(tmp_path: Path, scroll: str) -> None:
    store = StateStore(tmp_path, tmp_path / "data")
    key = str((tmp_path / "data").resolve())
    (tmp_path / "state.json").write_text(
        f'{{"positions": {{{json.dumps(key)}: {{"ward_code": "07909", "scroll_y": {scroll}}}}}}}'
    )
    state = store.load()
    assert state.scroll_y >= 0 or state.ward_code is None


async def test_choosing_a_fact_while_find_is_open_keeps_the_quote_highlighted(
    repository: Repository,
) -> None:
    app = WardReaderApp(repository)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("G", "enter", "slash", *"dang", "enter")
        pane = app.query_one(ReaderPane)
        assert pane.matches
        facts = app.query_one(FactsPanel)
        secretary = next(r for r in facts.rows if r.fact.key == "secretary")
        facts.options.focus()
        facts.options.highlighted = facts.options.get_option_index(f"fact-{secretary.index}")
        await pilot.press("enter")
        await pilot.pause()
        await pilot.pause()
        view = app.query_one(ArticleView)
        assert [h.style for h in view.highlights] == [QUOTE_STYLE]
        assert not pane.find_bar.display


def test_damaged_summaries_in_the_cache_fall_back_to_yaml(
    corpus_dir: Path, tmp_path: Path, register: Register
) -> None:
    import marshal
    import sqlite3

    data = tmp_path / "data"
    shutil.copytree(corpus_dir, data)
    first = Repository.load(data, register)
    assert first.article_count() == 4
    cache_files = list((tmp_path / "cache").glob("corpus-*.sqlite3"))
    assert cache_files
    with sqlite3.connect(cache_files[0]) as connection:
        connection.execute("UPDATE files SET summaries = ?", (marshal.dumps([("a", "t", "x")]),))
    again = Repository.open(data, register)
    assert again.article_count() == 4
    assert {s.id for e in again.entries() for s in e.articles} == {
        s.id for e in first.entries() for s in e.articles
    }
