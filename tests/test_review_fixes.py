"""Regressions found in review: each of these used to crash or misbehave."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from tests.conftest import search_corpus
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
        facts.options.highlighted = facts.options.get_option_index(f"fact-{secretary.row_id}")
        await pilot.press("enter")
        await pilot.pause()
        await pilot.pause()
        view = app.query_one(ArticleView)
        assert [h.style for h in view.highlights] == [QUOTE_STYLE]
        assert not pane.find_open


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


async def test_search_hit_in_the_first_article_opened_is_scrolled_into_view(
    repository: Repository,
) -> None:
    from tui.screens.search import SearchScreen

    app = WardReaderApp(repository)
    async with app.run_test(size=(100, 16)) as pilot:
        screen = await search_corpus(pilot, "dang")
        assert isinstance(screen, SearchScreen)
        # The last paragraph of a long article: far below the first screen.
        target = max(screen.hits, key=lambda h: (h.ward_code == "07909", h.block))
        screen.post_message(SearchScreen.Opened(target, "dang"))
        for _ in range(3):
            await pilot.pause()
        view = app.query_one(ArticleView)
        assert view.scroll_offset.y > 0
        assert view.line_visible(target.block, target.start)


async def test_n_after_escape_goes_on_from_the_last_match(repository: Repository) -> None:
    app = WardReaderApp(repository)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter", "slash", *"thuc phan", "enter")
        pane = app.query_one(ReaderPane)
        total = len(pane.matches)
        assert pane.current == 1  # Enter stepped from the first match to the second
        await pilot.press("N", "N", "N")  # back to the first, wrap to the end, one back
        assert pane.current == total - 2
        await pilot.press("escape", "n")
        assert pane.current == total - 1
        await pilot.press("n")
        assert pane.current == 0


async def test_position_comes_back_at_another_width(
    repository: Repository, tmp_path: Path
) -> None:
    store = StateStore(tmp_path / "state", repository.data_dir)
    app = WardReaderApp(repository, store)
    async with app.run_test(size=(120, 14)) as pilot:
        await pilot.press("enter", *("j" * 12))
        anchor = app.query_one(ArticleView).top_anchor()
        await pilot.press("q")
    assert anchor is not None and anchor[0] > 0
    again = WardReaderApp(repository, store)
    async with again.run_test(size=(90, 14)) as pilot:
        for _ in range(3):
            await pilot.pause()
        view = again.query_one(ArticleView)
        block_text = view.blocks[anchor[0]]
        # The same text is at the top, though the lines wrap differently.
        first_text = next(
            view.lines_layout[i] for i in range(view.scroll_offset.y, len(view.lines_layout))
            if view.lines_layout[i].block >= 0
        )
        assert first_text.block == anchor[0]
        assert first_text.start <= anchor[1] < first_text.end
        assert block_text


async def test_go_to_ward_clears_a_filter_that_hides_it(repository: Repository) -> None:
    from tui.widgets.ward_list import WardList

    app = WardReaderApp(repository)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("slash", *"thuc", "down")
        ward_list = app.query_one(WardList)
        assert [r.item.name for r in ward_list.rows_view.rows if r.item] == ["Thục Phán"]
        app.open_ward("04894")
        await pilot.pause()
        assert ward_list.rows_view.current is not None
        assert ward_list.rows_view.current.code == "04894"
        assert ward_list.query_text == ""
