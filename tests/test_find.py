"""Pilot tests of find-in-article: live count, n/N, wrap, Escape, history."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input

from tests.conftest import background_done, search_corpus, typed_at_once
from tui.app import WardReaderApp
from tui.repository import Repository
from tui.state import StateStore
from tui.text.fold import fold_for_search
from tui.widgets.find_bar import FindBar
from tui.widgets.reader import ArticleView
from tui.widgets.reader_pane import CURRENT_MATCH_STYLE, ReaderPane

SIZE = (120, 40)


def count_text(app: WardReaderApp) -> str:
    return str(app.query_one("#find-count").render())


async def open_thuc_phan(pilot: object, app: WardReaderApp) -> ReaderPane:
    await pilot.press("enter")  # type: ignore[attr-defined]
    return app.query_one(ReaderPane)


async def test_find_counts_and_highlights_as_you_type(repository: Repository) -> None:
    app = WardReaderApp(repository)
    async with app.run_test(size=SIZE) as pilot:
        pane = await open_thuc_phan(pilot, app)
        await pilot.press("slash")
        assert isinstance(app.focused, Input)
        await pilot.press(*"dang vien")
        blocks = pane.view.blocks
        found = [blocks[m.block][m.start : m.end] for m in pane.matches]
        # Only the paragraph holding both words matches; there every word is
        # highlighted, and adjacent words merge into one match.
        assert found == ["Đảng", "Đảng", "đảng viên"]
        assert count_text(app) == "1/3"
        await pilot.press("backspace", "backspace", "backspace", "backspace", "backspace")
        assert all(blocks[m.block][m.start : m.end].lower() == "đảng" for m in pane.matches)
        expected = sum(fold_for_search(block).count("dang") for block in blocks)
        assert len(pane.matches) == expected > 3
        assert count_text(app) == f"1/{expected}"
        current = [h for h in pane.view.highlights if h.style == CURRENT_MATCH_STYLE]
        assert len(current) == 1


async def test_title_and_captions_are_searched(repository: Repository) -> None:
    app = WardReaderApp(repository)
    async with app.run_test(size=SIZE) as pilot:
        pane = await open_thuc_phan(pilot, app)
        await pilot.press("slash", *"quang canh")
        assert [m.block for m in pane.matches] == [2]  # the caption
        assert pane.view.article is not None
        assert pane.view.article.paragraphs[1].kind == "caption"
        await pilot.press("ctrl+u", *"vung dong luc")  # only in the title
        assert [m.block for m in pane.matches] == [0]


async def test_n_and_shift_n_walk_and_wrap(repository: Repository) -> None:
    app = WardReaderApp(repository)
    async with app.run_test(size=SIZE) as pilot:
        pane = await open_thuc_phan(pilot, app)
        await pilot.press("slash", *"thuc phan")
        total = len(pane.matches)
        assert total >= 4 and pane.current == 0
        await pilot.press("shift+enter")  # in the bar: previous, wrapping to the last
        assert pane.current == total - 1
        assert "wrapped to end" in count_text(app)
        await pilot.press("enter")  # Enter: next (wraps to the first), back to the text
        assert pane.current == 0
        assert "wrapped to top" in count_text(app)
        assert isinstance(app.focused, ArticleView)
        await pilot.press("n")
        assert pane.current == 1
        assert count_text(app) == f"2/{total}"
        await pilot.press("N", "N")
        assert pane.current == total - 1


async def test_n_after_escape_repeats_the_last_search(repository: Repository) -> None:
    app = WardReaderApp(repository)
    async with app.run_test(size=SIZE) as pilot:
        pane = await open_thuc_phan(pilot, app)
        await pilot.press("slash", *"thuc phan", "enter", "escape")
        assert pane.matches == [] and not pane.find_open
        await pilot.press("n")
        assert pane.find_open and pane.matches
        assert isinstance(app.focused, ArticleView)
        assert pane.find_bar.input.value == "thuc phan"


async def test_corpus_hit_on_first_screen_opens_at_that_hit(repository: Repository) -> None:
    """Regression: the article-shown message re-ran find and reset the current match."""
    from tui.screens.search import SearchScreen

    app = WardReaderApp(repository)
    async with app.run_test(size=SIZE) as pilot:
        screen = await search_corpus(pilot, "dang")
        # A hit in Thục Phán's third paragraph, visible on the first screen.
        target = next(h for h in screen.hits if h.ward_code == "01273" and h.block > 1)
        screen.post_message(SearchScreen.Opened(target, "dang"))
        await pilot.pause()
        await pilot.pause()
        pane = app.query_one(ReaderPane)
        assert pane.current is not None
        match = pane.matches[pane.current]
        assert (match.block, match.start) == (target.block, target.start)


async def test_no_match_is_said_plainly(repository: Repository) -> None:
    app = WardReaderApp(repository)
    async with app.run_test(size=SIZE) as pilot:
        pane = await open_thuc_phan(pilot, app)
        await pilot.press("slash", *"xyzzy")
        assert pane.matches == []
        assert count_text(app) == "no match"


async def test_accented_query_must_match_accents(repository: Repository) -> None:
    app = WardReaderApp(repository)
    async with app.run_test(size=SIZE) as pilot:
        pane = await open_thuc_phan(pilot, app)
        await pilot.press("slash", *"đang")  # "đang" is not "đảng"
        assert pane.matches == []
        await pilot.press("ctrl+u", *"Đảng")  # smart case: capital Đ only
        found = {pane.view.blocks[m.block][m.start : m.end] for m in pane.matches}
        assert found == {"Đảng"}


async def test_escape_closes_clears_highlights_and_keeps_scroll(
    repository: Repository,
) -> None:
    app = WardReaderApp(repository)
    async with app.run_test(size=(100, 12)) as pilot:
        pane = await open_thuc_phan(pilot, app)
        await pilot.press("slash", *"markup")  # a middle paragraph: scrolls down
        assert pane.matches
        scrolled = pane.view.scroll_offset.y
        assert scrolled > 0
        await pilot.press("escape")
        assert not pane.find_open
        assert pane.view.highlights == []
        assert pane.view.scroll_offset.y == scrolled
        assert isinstance(app.focused, ArticleView)


async def test_history_walks_earlier_queries_and_persists(
    repository: Repository, tmp_path: Path
) -> None:
    store = StateStore(tmp_path / "state", repository.data_dir)
    app = WardReaderApp(repository, store)
    async with app.run_test(size=SIZE) as pilot:
        await open_thuc_phan(pilot, app)
        await pilot.press("slash", *"dai hoi", "enter", "escape")
        await pilot.press("slash", *"dang vien", "escape")
        await pilot.press("q")
    again = WardReaderApp(repository, store)
    async with again.run_test(size=SIZE) as pilot:
        await pilot.pause()
        again.query_one(ArticleView).focus()
        await pilot.press("slash", "up")
        bar = again.query_one(FindBar)
        assert bar.input.value == "dang vien"
        await pilot.press("up")
        assert bar.input.value == "dai hoi"
        await pilot.press("down")
        assert bar.input.value == "dang vien"


async def test_corpus_search_lists_hits_in_all_wards_and_opens_one(
    repository: Repository,
) -> None:
    from textual.widgets import OptionList

    from tui.screens.search import SearchScreen

    app = WardReaderApp(repository)
    async with app.run_test(size=SIZE) as pilot:
        await background_done(app)
        await pilot.press("s")
        assert isinstance(app.screen, SearchScreen)
        await pilot.press(*"dang vien")
        await app.screen.workers.wait_for_complete()
        await pilot.pause()
        screen = app.screen
        assert {hit.ward_code for hit in screen.hits} == {"01273", "04894", "07909"}
        status = str(screen.query_one("#search-status").render())
        assert "matching paragraphs in 3 articles" in status
        for hit in screen.hits:
            text = hit.snippet
            assert any(fold_for_search(text[s:e]) == "dang vien" for s, e in hit.snippet_spans)
        target = next(h for h in screen.hits if h.ward_code == "04894")
        results = screen.query_one("#search-results", OptionList)
        await pilot.press("enter")  # to the results
        results.highlighted = results.get_option_index(f"hit-{screen.hits.index(target)}")
        await pilot.press("enter")
        await pilot.pause()
        assert not isinstance(app.screen, SearchScreen)
        pane = app.query_one(ReaderPane)
        assert pane.view.ward is not None and pane.view.ward.code == "04894"
        assert pane.find_open and pane.find_bar.input.value == "dang vien"
        assert pane.current is not None
        current = pane.matches[pane.current]
        assert (current.block, current.start) == (target.block, target.start)
        assert isinstance(app.focused, ArticleView)
        await pilot.press("n")  # n continues from the opened hit
        assert pane.current is not None
        # Back to the search screen: query and results are still there.
        await pilot.press("s")
        assert isinstance(app.screen, SearchScreen)
        assert app.screen.query_input.value == "dang vien"
        await pilot.press("escape")
        assert not isinstance(app.screen, SearchScreen)


async def test_corpus_search_says_no_match(repository: Repository) -> None:
    from tui.screens.search import SearchScreen

    app = WardReaderApp(repository)
    async with app.run_test(size=SIZE) as pilot:
        screen = await search_corpus(pilot, "xyzzy")
        assert isinstance(screen, SearchScreen)
        assert "No match" in str(screen.query_one("#search-status").render())


async def test_enter_in_the_find_bar_hands_focus_back_before_the_next_key(
    repository: Repository,
) -> None:
    """A quick "Enter n" must step to the next match, not type n into the query: the
    focus moves within the Enter key's own handling, not when its message arrives."""
    app = WardReaderApp(repository)
    async with app.run_test(size=SIZE) as pilot:
        pane = await open_thuc_phan(pilot, app)
        await pilot.press("slash", *"thuc phan")
        await pane.find_bar.input.action_submit()
        assert app.focused is pane.view  # already, with no message processed yet


async def test_keys_queued_behind_enter_go_to_the_reader(repository: Repository) -> None:
    """Enter and n in one read of the terminal (type-ahead, or keys sent by a script):
    both are handed to the input before Enter is handled; n must still step to the next
    match rather than be typed into the query."""

    app = WardReaderApp(repository)
    async with app.run_test(size=SIZE) as pilot:
        pane = await open_thuc_phan(pilot, app)
        await pilot.press("slash", *"dang vien")
        first = pane.current
        assert first is not None and len(pane.matches) >= 3
        await typed_at_once(pilot, "enter", "n")
        assert pane.find_bar.input.value == "dang vien"
        assert pane.current == first + 2  # Enter: next match; n: the one after
        assert app.focused is pane.view


async def test_query_typed_ahead_right_behind_slash_lands_in_the_bar(
    repository: Repository,
) -> None:
    """"/" and the query in one read (typed ahead, or pasted): the query is the find's,
    not keys for the reader; and "/" typed inside the query is just a character."""

    app = WardReaderApp(repository)
    async with app.run_test(size=SIZE) as pilot:
        pane = await open_thuc_phan(pilot, app)
        await typed_at_once(pilot, "slash", "d", "a", "n", "g")
        assert pane.find_bar.input.value == "dang"
        await pilot.press("slash", "x")
        assert pane.find_bar.input.value == "dang/x"


async def test_find_count_is_not_left_from_an_earlier_query_or_article(
    repository: Repository,
) -> None:
    app = WardReaderApp(repository)
    async with app.run_test(size=SIZE) as pilot:
        pane = await open_thuc_phan(pilot, app)
        await pilot.press("slash", *"dang vien")
        assert count_text(app).endswith("/3")
        await pilot.press("escape", "slash")  # the bar opens empty: no count either
        assert pane.find_bar.input.value == "" and count_text(app) == ""
        await pilot.press(*"dang")
        assert pane.matches
        # A unit with no article yet (all units view): nothing to count in.
        app.all_units = True
        app._refresh_ward_items()
        empty = next(u for u in app.ward_items() if u.article_count == 0)
        app.open_ward(empty.code)
        await pilot.pause()
        assert pane.matches == [] and count_text(app) == "no match"


async def test_n_after_escape_at_the_last_match_says_it_wrapped(
    repository: Repository,
) -> None:
    app = WardReaderApp(repository)
    async with app.run_test(size=SIZE) as pilot:
        pane = await open_thuc_phan(pilot, app)
        await pilot.press("slash", *"dang vien")
        total = len(pane.matches)
        assert total >= 2
        await pilot.press("enter")
        while pane.current != total - 1:
            await pilot.press("n")
        await pilot.press("escape", "n")
        assert pane.current == 0
        assert count_text(app) == f"1/{total} wrapped to top"


async def test_up_in_a_reopened_bar_recalls_the_query_before_the_shown_one(
    repository: Repository,
) -> None:
    app = WardReaderApp(repository)
    async with app.run_test(size=SIZE) as pilot:
        pane = await open_thuc_phan(pilot, app)
        await pilot.press("slash", *"dai hoi", "enter", "escape")
        await pilot.press("slash", *"thuc phan", "enter", "escape")
        await pilot.press("n")  # the bar comes back on "thuc phan"
        await pilot.press("slash", "up")
        assert pane.find_bar.input.value == "dai hoi"
