"""Pilot tests of the reader's key flows on the fixture corpus."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from textual.widgets import Input, OptionList, Static

from tests.conftest import background_done, search_corpus, typed_at_once
from tui.app import WardReaderApp
from tui.register import Register
from tui.repository import Repository
from tui.state import ReaderState, StateStore
from tui.widgets.facts_panel import FactsPanel
from tui.widgets.reader import ArticleView
from tui.widgets.reader_pane import ReaderPane
from tui.widgets.ward_list import WardList, WardRows

SIZE = (120, 40)


def unit_names(app: WardReaderApp) -> list[str]:
    rows = app.query_one(WardRows).rows
    return [r.item.name for r in rows if r.item is not None]


def province_names(app: WardReaderApp) -> list[str]:
    return [r.province for r in app.query_one(WardRows).rows if r.kind == "province"]


def screen_text(app: WardReaderApp) -> str:
    return "\n".join(
        "".join(seg.text for seg in strip) for strip in app.screen._compositor.render_update(
            full=True
        ).strips  # type: ignore[union-attr]
    )


async def test_launch_lists_three_wards_in_two_provinces(repository: Repository) -> None:
    app = WardReaderApp(repository)
    async with app.run_test(size=SIZE):
        assert province_names(app) == ["Cao Bằng", "Phú Thọ"]
        # Vietnamese order: Kỳ Sơn before Thanh Miếu.
        assert unit_names(app) == ["Thục Phán", "Kỳ Sơn", "Thanh Miếu"]
        counts = [r.item.article_count for r in app.query_one(WardRows).rows if r.item]
        assert counts == [1, 1, 2]


async def test_enter_opens_ward_article_and_facts(repository: Repository) -> None:
    app = WardReaderApp(repository)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("j", "enter")
        reader = app.query_one(ArticleView)
        assert reader.ward is not None and reader.ward.unit.name == "Kỳ Sơn"
        assert reader.article is not None and reader.article.id == "cf5145809ceb1a09"
        assert app.focused is reader
        facts = app.query_one(FactsPanel)
        keys = [row.fact.key for row in facts.rows]
        assert "area_km2" in keys and "secretary" in keys


async def test_next_and_previous_article(repository: Repository) -> None:
    app = WardReaderApp(repository)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("G", "enter")
        reader = app.query_one(ArticleView)
        assert reader.ward is not None and reader.ward.unit.name == "Thanh Miếu"
        first = reader.article
        await pilot.press("right_square_bracket")
        assert reader.article is not None and reader.article != first
        await pilot.press("left_square_bracket")
        assert reader.article == first


async def test_scroll_keys_move_the_reader(repository: Repository) -> None:
    app = WardReaderApp(repository)
    async with app.run_test(size=(100, 12)) as pilot:
        await pilot.press("G", "enter")
        reader = app.query_one(ArticleView)
        assert reader.scroll_offset.y == 0
        await pilot.press("j", "j")
        assert reader.scroll_offset.y == 2
        await pilot.press("k")
        assert reader.scroll_offset.y == 1
        await pilot.press("G")
        bottom = reader.scroll_offset.y
        assert bottom > 2
        await pilot.press("g")
        assert reader.scroll_offset.y == 0
        await pilot.press("space")
        assert reader.scroll_offset.y > 0


async def test_fact_enter_scrolls_to_and_highlights_quote(repository: Repository) -> None:
    app = WardReaderApp(repository)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("G", "enter")  # Thanh Miếu, first article shown
        reader = app.query_one(ArticleView)
        facts = app.query_one(FactsPanel)
        secretary = next(r for r in facts.rows if r.fact.key == "secretary")
        options = facts.options
        options.focus()
        options.highlighted = options.get_option_index(f"fact-{secretary.row_id}")
        await pilot.press("enter")
        await pilot.pause()
        # The secretary is stated in the second article: the reader switched to it.
        assert reader.article is not None and reader.article.id == "ed053cd63f6b68be"
        (highlight,) = reader.highlights
        block_text = reader.article.blocks()[highlight.block]
        assert block_text[highlight.start : highlight.end] == secretary.fact.quote
        assert reader.line_visible(highlight.block, highlight.start)


async def test_disagreeing_facts_are_flagged_with_both_values(repository: Repository) -> None:
    app = WardReaderApp(repository)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("G", "enter")
        rows = [
            r for r in app.query_one(FactsPanel).rows if r.fact.key == "total_investment_bn_vnd"
        ]
        assert [r.value_text for r in rows] == ["hơn 15.200 tỷ đồng", "15.219 tỷ đồng"]
        assert all(r.disagrees for r in rows)


async def test_filter_by_former_unit_name(repository: Repository) -> None:
    app = WardReaderApp(repository)
    async with app.run_test(size=SIZE) as pilot:
        await background_done(app)
        await pilot.pause()
        await pilot.press("slash")
        assert isinstance(app.focused, Input)
        await pilot.press(*"tien cat")
        assert unit_names(app) == ["Thanh Miếu"]
        await pilot.press("enter")
        reader = app.query_one(ArticleView)
        assert reader.ward is not None and reader.ward.unit.name == "Thanh Miếu"


async def test_filter_ignores_case_and_diacritics_and_escape_clears(
    repository: Repository,
) -> None:
    app = WardReaderApp(repository)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("slash", *"KY SON")
        assert unit_names(app) == ["Kỳ Sơn"]
        title = app.query_one("#ward-list-title", Static)
        assert str(title.render()) == "With articles: 1/3"  # "…: 1234/3321" fits too
        await pilot.press("escape")
        assert unit_names(app) == ["Thục Phán", "Kỳ Sơn", "Thanh Miếu"]
        assert isinstance(app.focused, WardRows)
        assert str(title.render()) == "Wards with articles (3)"


async def test_q_types_into_filter_instead_of_quitting(repository: Repository) -> None:
    app = WardReaderApp(repository)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("slash", "q")
        assert app.is_running
        field = app.query_one(WardList).filter_input
        assert field is not None and field.value == "q"


async def test_help_lists_bindings_and_closes(repository: Repository) -> None:
    app = WardReaderApp(repository)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("question_mark")
        from tui.screens.help import HelpScreen

        assert isinstance(app.screen, HelpScreen)
        descriptions = {b.description for _, bindings in app.screen.sections for b in bindings}
        assert {"Quit", "Next article", "Filter", "Open ward"} <= descriptions
        titles = [title for title, _ in app.screen.sections]
        assert len(titles) == len(set(titles))  # each place once, all its keys together
        find_bar = dict(app.screen.sections)["Find bar"]
        assert {"Previous match", "Earlier / later queries (kept across runs)"} <= {
            b.description for b in find_bar
        }
        await pilot.press("escape")
        assert not isinstance(app.screen, HelpScreen)


async def test_tab_cycles_panes(repository: Repository) -> None:
    app = WardReaderApp(repository)
    async with app.run_test(size=SIZE) as pilot:
        assert isinstance(app.focused, WardRows)
        await pilot.press("tab")
        assert isinstance(app.focused, ArticleView)
        await pilot.press("tab")
        assert isinstance(app.focused, OptionList)
        await pilot.press("shift+tab")
        assert isinstance(app.focused, ArticleView)


async def test_q_quits(repository: Repository) -> None:
    app = WardReaderApp(repository)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("q")
        await pilot.pause()
        assert not app.is_running


async def test_state_restored_on_next_start(repository: Repository, tmp_path: Path) -> None:
    store = StateStore(tmp_path / "state-dir", repository.data_dir)
    app = WardReaderApp(repository, store)
    async with app.run_test(size=(100, 12)) as pilot:
        await pilot.press("G", "enter", "right_square_bracket", "j", "j", "j")
        await pilot.press("q")
    again = WardReaderApp(repository, store)
    async with again.run_test(size=(100, 12)) as pilot:
        await pilot.pause()
        reader = again.query_one(ArticleView)
        assert reader.ward is not None and reader.ward.unit.name == "Thanh Miếu"
        assert reader.article is not None and reader.article.id == "ed053cd63f6b68be"
        assert reader.scroll_offset.y == 3
        # The ward was shown before the facts list was mounted (just after the first
        # frame): the list shows its facts all the same, not the "open a ward" hint.
        options = again.query_one(FactsPanel).options
        prompts = [str(options.get_option_at_index(i).prompt)
                   for i in range(options.option_count)]
        assert any("Bí thư" in p for p in prompts)
        assert not any("Open a ward" in p for p in prompts)
        assert not again.query("#facts-hint")


async def test_restored_ward_stays_in_sight_once_the_footer_is_mounted(
    register: Register, tmp_path: Path
) -> None:
    """The footer comes a frame after the list and takes its last row: the restored
    ward's row must not end up hidden under it."""
    from tui.generate import generate_corpus

    data = tmp_path / "generated"
    generate_corpus(60, data, seed=2, register=register)
    repo = Repository.load(data, register)
    store = StateStore(tmp_path / "state-dir", data)
    app = WardReaderApp(repo, store)
    async with app.run_test(size=(120, 16)) as pilot:
        await pilot.press(*["j"] * 25, "enter", "q")
    again = WardReaderApp(repo, store)
    async with again.run_test(size=(120, 16)) as pilot:
        await pilot.pause()
        await pilot.pause()
        rows = again.query_one(WardRows)
        assert rows.cursor is not None and rows.cursor > 20
        top = rows.scroll_offset.y
        assert top <= rows.cursor < top + rows.scrollable_content_region.height


async def test_last_ward_deleted_since_is_not_restored_and_no_error_shown(
    register: Register, tmp_path: Path
) -> None:
    """The index saved last still lists it at start-up; restoring skips it quietly and
    the check after the first frame drops it."""
    data = tmp_path / "data"
    shutil.copytree(Path(__file__).parent / "data" / "corpus", data)
    first = Repository.load(data, register)
    entry = first.entries()[0]
    store = StateStore(tmp_path / "state-dir", data)
    store.save(ReaderState(ward_code=entry.unit_code, article_id=None, scroll_y=0,
                           find_history=(), anchor=None))
    entry.path.unlink()
    repo = Repository.open(data, register)
    assert repo.entry(entry.unit_code) is not None  # from the snapshot
    app = WardReaderApp(repo, store)
    async with app.run_test(size=SIZE) as pilot:
        await background_done(app)
        await pilot.pause()
        assert app.query_one(ArticleView).ward is None
        assert not [n for n in app._notifications if n.title == "Cannot open ward"]
        assert repo.entry(entry.unit_code) is None


async def test_markup_in_article_is_shown_literally(repository: Repository) -> None:
    app = WardReaderApp(repository)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        reader = app.query_one(ArticleView)
        lines = [reader._lines[i].plain for i in range(reader.line_count)]
        joined = " ".join(lines)
        assert "[bold]not" in joined and "bold[/]" in joined and "[red]x[/red]" in joined


async def test_facts_sidebar_toggles_and_collapses_when_narrow(repository: Repository) -> None:
    app = WardReaderApp(repository)
    async with app.run_test(size=SIZE) as pilot:
        facts = app.query_one(FactsPanel)
        assert facts.display
        await pilot.press("f")
        assert not facts.display
        await pilot.press("f")
        assert facts.display
    narrow = WardReaderApp(repository)
    async with narrow.run_test(size=(90, 30)) as pilot:
        assert not narrow.query_one(FactsPanel).display
        await pilot.press("f")
        # Asked for on a narrow terminal, the sidebar takes the ward list's place.
        assert narrow.query_one(FactsPanel).display
        assert not narrow.query_one(WardList).display
        assert narrow.query_one(ArticleView).size.width >= 40
        assert not isinstance(narrow.focused, WardRows)  # focus left the hidden list


async def test_sidebar_follows_the_new_width_on_resize(repository: Repository) -> None:
    app = WardReaderApp(repository)
    async with app.run_test(size=(120, 40)) as pilot:
        facts = app.query_one(FactsPanel)
        assert facts.display
        await pilot.resize_terminal(90, 40)
        await pilot.pause()
        assert not facts.display
        await pilot.resize_terminal(200, 50)
        await pilot.pause()
        assert facts.display


async def test_hiding_the_focused_sidebar_moves_focus_to_the_reader(
    repository: Repository,
) -> None:
    app = WardReaderApp(repository)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()  # the facts list is mounted just after the first frame
        app.query_one(FactsPanel).options.focus()
        await pilot.press("f")
        assert isinstance(app.focused, ArticleView)
        await pilot.press("q")
        await pilot.pause()
        assert not app.is_running


async def test_broken_file_warns_and_others_load(
    register: Register, corpus_dir: Path, tmp_path: Path
) -> None:
    data = tmp_path / "data"
    shutil.copytree(corpus_dir, data)
    broken = data / "wards" / "phu-tho" / "phuong-ky-son.yaml"
    broken.write_text("ward: [unclosed\n", encoding="utf-8")
    repo = Repository.load(data, register)
    app = WardReaderApp(repo)
    async with app.run_test(size=SIZE):
        assert unit_names(app) == ["Thục Phán", "Thanh Miếu"]
        warning = app.query_one("#warnings")
        assert warning.display
        assert "phuong-ky-son.yaml" in str(warning.render())


async def test_command_palette_goes_to_ward(repository: Repository) -> None:
    app = WardReaderApp(repository)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"go to ward ky son")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await pilot.pause()
        reader = app.query_one(ArticleView)
        assert reader.ward is not None and reader.ward.unit.name == "Kỳ Sơn"


async def test_all_units_mode_lists_register_with_coverage(repository: Repository) -> None:
    app = WardReaderApp(repository)
    async with app.run_test(size=SIZE) as pilot:
        await background_done(app)
        await pilot.press("a")
        rows = app.query_one(WardRows).rows
        units = [r for r in rows if r.item is not None]
        assert len(units) == 3321
        provinces = [r for r in rows if r.kind == "province"]
        assert len(provinces) == 34
        phu_tho = next(r for r in provinces if r.province == "Phú Thọ")
        assert phu_tho.covered == 2 and phu_tho.total > 100
        await pilot.press("slash", *"ky son")
        names = unit_names(app)
        assert "Kỳ Sơn" in names
        await pilot.press("down", "a")  # to the list, the filter stays; back to covered units
        assert unit_names(app) == ["Kỳ Sơn"]


async def test_cold_start_paints_provisional_list_then_completes(
    register: Register, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tui.generate import generate_corpus

    data = tmp_path / "generated"
    generate_corpus(150, data, seed=7, register=register)
    monkeypatch.setenv("WARD_READER_NO_CACHE", "1")
    repo = Repository.open(data, register)
    assert not repo.is_complete  # more files than open() parses itself
    app = WardReaderApp(repo)
    async with app.run_test(size=SIZE) as pilot:
        provisional = len(unit_names(app))
        assert provisional > 24
        title = app.query_one("#ward-list-title", Static)
        assert str(title.render()).startswith("Loading wards…")  # from the first frame on
        await background_done(app)
        await pilot.pause()
        assert repo.is_complete
        assert len(unit_names(app)) == provisional
        assert str(title.render()) == f"Wards with articles ({provisional})"
        counts = [r.item.article_count for r in app.query_one(WardRows).rows if r.item]
        assert sum(counts) == 150
        assert (await search_corpus(pilot, "dang vien")).hits


async def test_warm_start_shows_the_snapshot_then_the_checked_files(
    register: Register, tmp_path: Path
) -> None:
    """A warm start paints the index saved last; the check after the first paint
    removes a deleted ward and takes in an edited one."""
    from tui.generate import generate_corpus

    data = tmp_path / "generated"
    generate_corpus(40, data, seed=3, register=register)
    first = Repository.load(data, register)
    deleted, edited = first.entries()[0], first.entries()[1]
    deleted.path.unlink()
    title = edited.articles[0].title
    text = edited.path.read_text(encoding="utf-8")
    edited.path.write_text(text.replace(title, "Tiêu đề đã sửa", 1), encoding="utf-8")
    repo = Repository.open(data, register)
    assert not repo.is_complete  # from the snapshot, not yet checked
    assert repo.entry(deleted.unit_code) is not None  # what the first frame lists
    app = WardReaderApp(repo)
    async with app.run_test(size=SIZE) as pilot:
        await background_done(app)
        await pilot.pause()
        assert repo.is_complete
        codes = [r.item.code for r in app.query_one(WardRows).rows if r.item]
        assert deleted.unit_code not in codes and edited.unit_code in codes
        assert repo.entry(edited.unit_code).articles[0].title == "Tiêu đề đã sửa"  # type: ignore[union-attr]


async def test_agreeing_sources_share_a_row_and_enter_steps_through_them(
    register: Register,
) -> None:
    from tui.repository import default_data_dir

    repo = Repository.load(default_data_dir(), register)  # the bundled corpus
    app = WardReaderApp(repo)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("G", "enter")  # Thanh Miếu: two articles
        facts = app.query_one(FactsPanel)
        shared = next(r for r in facts.rows if len(r.facts) == 2)
        assert len({f.article_id for f in shared.facts}) == 2
        options = facts.options
        options.focus()
        options.highlighted = options.get_option_index(f"fact-{shared.row_id}")
        reader = app.query_one(ArticleView)
        shown = []
        for _ in range(3):
            await pilot.press("enter")
            await pilot.pause()
            assert reader.article is not None
            shown.append(reader.article.id)
        assert shown == [shared.facts[0].article_id, shared.facts[1].article_id,
                         shared.facts[0].article_id]


async def test_user_keymap_remaps_a_binding_by_id(
    repository: Repository, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    keymap = tmp_path / "keymap.yaml"
    keymap.write_text("reader.next_article: ctrl+n\n", encoding="utf-8")
    monkeypatch.setenv("WARD_READER_KEYMAP", str(keymap))
    app = WardReaderApp(repository)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("G", "enter")
        reader = app.query_one(ArticleView)
        first = reader.article
        await pilot.press("right_square_bracket")  # remapped away
        assert reader.article == first
        await pilot.press("ctrl+n")
        assert reader.article != first


async def test_broken_keymap_is_reported_and_ignored(
    repository: Repository, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    keymap = tmp_path / "keymap.yaml"
    keymap.write_text("- not a mapping\n", encoding="utf-8")
    monkeypatch.setenv("WARD_READER_KEYMAP", str(keymap))
    app = WardReaderApp(repository)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert any("keymap.yaml" in n.message for n in app._notifications)
        await pilot.press("G", "enter", "right_square_bracket")
        assert app.query_one(ArticleView).article_index == 1


async def test_unit_without_articles_shows_register_facts(repository: Repository) -> None:
    app = WardReaderApp(repository)
    async with app.run_test(size=SIZE) as pilot:
        await background_done(app)
        await pilot.press("a", "slash", *"nam tuan", "enter")  # xã Nam Tuấn: no article filed
        reader = app.query_one(ArticleView)
        assert reader.ward is not None and reader.ward.articles == ()
        text = " ".join(reader._lines[i].plain for i in range(reader.line_count))
        assert "no article is filed yet" in text
        facts = app.query_one(FactsPanel)
        prompts = [str(facts.options.get_option_at_index(i).prompt)
                   for i in range(facts.options.option_count)]
        assert any(p.startswith("Mã đơn vị: ") for p in prompts)
        assert facts.rows == []


def test_uncounted_ward_shows_an_ellipsis_not_zero() -> None:
    from tui.catalog import ListRow, UnitItem

    unit = UnitItem("07909", "Thanh Miếu", "phường", "Phú Thọ", article_count=-1)
    assert WardRows._row_text(ListRow("unit", "Phú Thọ", unit)).plain.endswith("…")
    counted = UnitItem("07909", "Thanh Miếu", "phường", "Phú Thọ", article_count=2)
    assert WardRows._row_text(ListRow("unit", "Phú Thọ", counted)).plain.endswith("2")


async def test_garbage_collection_paused_for_start_up_resumes_after_first_frame(
    repository: Repository,
) -> None:
    import gc

    gc.disable()
    try:
        app = WardReaderApp(repository, resume_gc=True)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            assert gc.isenabled()
            assert gc.get_freeze_count() > 0  # start-up's objects left out of later passes
    finally:
        gc.unfreeze()
        gc.enable()


async def test_filter_typed_ahead_right_behind_slash(repository: Repository) -> None:

    app = WardReaderApp(repository)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await typed_at_once(pilot, "slash", "k", "y", "q")
        field = app.query_one(WardList).filter_input
        assert app.is_running  # q was typed into the filter, not a quit
        assert field is not None and field.value == "kyq"
        await pilot.press("slash")
        assert field.value == "kyq/"


async def test_all_units_view_shows_the_cursor_on_the_open_ward(
    repository: Repository,
) -> None:
    app = WardReaderApp(repository)
    async with app.run_test(size=SIZE) as pilot:
        await background_done(app)
        await pilot.press("enter")  # Thục Phán (Cao Bằng), far down the list of all units
        await pilot.press("a")
        await pilot.pause()
        rows = app.query_one(WardRows)
        assert rows.cursor is not None and rows.cursor > 100
        assert rows.rows[rows.cursor].item.name == "Thục Phán"  # type: ignore[union-attr]
        top = rows.scroll_offset.y
        assert top <= rows.cursor < top + rows.scrollable_content_region.height


async def test_enter_in_the_filter_opens_the_unit_named_like_the_query(
    repository: Repository,
) -> None:
    app = WardReaderApp(repository)
    async with app.run_test(size=SIZE) as pilot:
        await background_done(app)
        await pilot.press("a", "slash", *"thanh mieu", "enter")
        reader = app.query_one(ArticleView)
        assert reader.ward is not None and reader.ward.unit.name == "Thanh Miếu"


async def test_facts_hint_does_not_invite_opening_a_ward_already_shown(
    repository: Repository,
) -> None:
    """A restored ward reaches the facts panel before its list is mounted (a frame
    later): until then the hint line must not say "Open a ward"."""
    from textual.app import App, ComposeResult

    ward = repository.ward(repository.entries()[0].unit_code)

    class FactsOnly(App[None]):
        seen = ""

        def compose(self) -> ComposeResult:
            yield FactsPanel(id="facts")

        def on_mount(self) -> None:
            panel = self.query_one(FactsPanel)
            assert not panel.options.is_mounted
            panel.show_ward(ward)
            self.seen = str(self.query_one("#facts-hint", Static).render())

    app = FactsOnly()
    async with app.run_test() as pilot:
        await pilot.pause()
        assert app.seen == ""
        assert app.query_one(FactsPanel).rows  # the list came, with the ward's facts


async def test_top_and_bottom_jump_at_once_and_headings_come_back_into_view(
    repository: Repository,
) -> None:
    app = WardReaderApp(repository)
    async with app.run_test(size=(120, 16)) as pilot:  # the text longer than the pane
        await background_done(app)
        await pilot.press("G", "enter")  # the last ward, its text
        await pilot.pause()
        await pilot.press("G")  # its end
        reader = app.query_one(ArticleView)
        assert reader.max_scroll_y > 0
        assert reader.scroll_offset.y == reader.max_scroll_y  # no scrolling animation
        await pilot.press("g")
        assert reader.scroll_offset.y == 0
        await pilot.press("shift+tab", "a", "G", "g")  # all units: to the end and back
        rows = app.query_one(WardRows)
        assert rows.rows[0].kind == "province" and rows.scroll_offset.y == 0
        # the palette's "Go to ward" reads the ward, as Enter in the list does
        app.read_ward(repository.entries()[0].unit_code)
        await pilot.pause()
        assert isinstance(app.focused, ArticleView)


@pytest.mark.parametrize("times", [1, 2])  # the screen made, then the one kept from before
async def test_search_typed_ahead_right_behind_s(repository: Repository, times: int) -> None:
    """`s` and a query in one burst (typed fast, or pasted): the query must land in the
    search screen's input, not be lost while the screen is being put up."""

    from tui.screens.search import SearchScreen

    app = WardReaderApp(repository)
    async with app.run_test(size=SIZE) as pilot:
        await background_done(app)
        for _ in range(times):
            await typed_at_once(pilot, "s", "k", "y", "space", "s")
            assert isinstance(app.screen, SearchScreen)
            assert app.screen.query_input.value == "ky s"  # the second s typed, too
            app.screen.query_input.value = ""
            await pilot.press("escape")
            assert not isinstance(app.screen, SearchScreen)


async def test_enter_on_a_ward_then_next_article_typed_in_one_burst(
    repository: Repository,
) -> None:
    """Enter opens the ward and moves the focus to its text before the keys typed right
    behind are handed out: "⏎]" shows the ward's second article."""

    app = WardReaderApp(repository)
    async with app.run_test(size=SIZE) as pilot:
        await background_done(app)
        await pilot.press("G")  # Thanh Miếu, two articles
        await typed_at_once(pilot, "enter", "right_square_bracket")
        reader = app.query_one(ArticleView)
        assert reader.ward is not None and reader.ward.unit.name == "Thanh Miếu"
        assert reader.article_index == 1
        assert isinstance(app.focused, ArticleView)
        await pilot.press("slash")  # and "/" is the reader's find, not the ward filter
        assert app.query_one(ReaderPane).find_open


async def test_moving_then_enter_typed_in_one_burst_opens_the_ward_moved_to(
    repository: Repository,
) -> None:
    """The keys of a burst act in the order typed: "G⏎]" opens the last ward (not the
    one under the cursor before G) and shows its second article."""

    app = WardReaderApp(repository)
    async with app.run_test(size=SIZE) as pilot:
        await background_done(app)
        await typed_at_once(pilot, "G", "enter", "right_square_bracket")
        reader = app.query_one(ArticleView)
        assert reader.ward is not None and reader.ward.unit.name == "Thanh Miếu"
        assert reader.article_index == 1


async def test_slash_in_the_facts_pane_finds_in_the_article(repository: Repository) -> None:
    app = WardReaderApp(repository)
    async with app.run_test(size=SIZE) as pilot:
        await background_done(app)
        await pilot.press("G", "enter", "tab")  # the last ward; reader, then facts
        await pilot.pause()
        assert isinstance(app.focused, OptionList)
        await pilot.press("slash", *"đảng")
        pane = app.query_one(ReaderPane)
        assert pane.find_open and pane.find_bar.input.value == "đảng"
        assert pane.matches
        # on the search screen's results, "/" is not the reader's
        await pilot.press("escape")
        assert not pane.find_open
        await pilot.press("s", *"bi thu")
        await app.screen.workers.wait_for_complete()
        await pilot.press("down", "slash")
        await pilot.pause()
        assert app.is_running and not pane.find_open
