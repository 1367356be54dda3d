"""The Ward Reader app: ward list, article reader and facts sidebar.

The app receives its :class:`~tui.repository.Repository` (tests build one from fixture
data); widgets get models from it, never paths. Slow work — reading the register's
former-unit data — runs in a worker thread that posts a message back.
"""

from __future__ import annotations

import asyncio
import gc
import os
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import events, on, work
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.message import Message
from textual.notifications import SeverityLevel
from textual.screen import Screen
from textual.widgets import Input, Static
from textual.worker import get_current_worker

from .catalog import UnitItem, items_from_labels, make_items
from .errors import DataError
from .keymap import load_keymap
from .repository import Repository
from .state import ReaderState, StateStore
from .text.fold import strip_control
from .widgets.facts_panel import FactsPanel
from .widgets.find_bar import FindBar
from .widgets.reader import ArticleView, Highlight
from .widgets.reader_pane import QUOTE_STYLE, ReaderPane
from .widgets.ward_list import WardList, WardRows

if TYPE_CHECKING:
    from textual.command import Provider

    from .models import Ward
    from .screens.search import SearchScreen
    from .search.index import CorpusIndex

__all__ = ["WardReaderApp", "EXIT_AFTER_PAINT_ENV", "EXIT_AFTER_LOAD_ENV"]

#: Benchmarks set this to make the app exit right after its first frame (no workers).
EXIT_AFTER_PAINT_ENV = "WARD_READER_EXIT_AFTER_PAINT"
#: Benchmarks set this to make the app exit once everything is loaded and indexed.
EXIT_AFTER_LOAD_ENV = "WARD_READER_EXIT_AFTER_LOAD"

NARROW_WIDTH = 100


def ward_commands() -> type[Provider]:
    """The palette's ward provider, imported when the palette first opens (saves ~50 ms)."""
    from .commands import WardCommands

    return WardCommands


class WorkStopped(Exception):
    """A worker's work given up because the app is closing (see ``_progress_poster``)."""


class WardReaderApp(App[None]):
    """Read congress coverage ward by ward, with the facts each article states."""

    CSS_PATH = "app.tcss"
    TITLE = "Ward Reader"
    COMMANDS = App.COMMANDS | {ward_commands}

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("q", "quit", "Quit", id="app.quit"),
        Binding("question_mark", "help", "Help", id="app.help"),
        Binding("tab", "app.focus_next", "Next pane", show=False, id="app.next_pane"),
        Binding("shift+tab", "app.focus_previous", "Previous pane", show=False,
                id="app.previous_pane"),
        Binding("f", "toggle_facts", "Facts", id="app.toggle_facts"),
        Binding("a", "toggle_coverage", "All units", id="app.toggle_coverage"),
        # A priority binding, handled as the key arrives (see action_search); it lets
        # "s" through to a text field that has the focus (check_action).
        Binding("s", "search", "Search all", id="app.search", priority=True),
        # Enter on the ward list, handled as the key arrives (priority) so that the focus
        # is on the text before the keys typed behind it are handed out ("⏎]" reads the
        # next article). Shown in the footer for the list (where check_action lets it
        # act), and left out of the help, which lists the list's own Enter.
        Binding("enter", "read_selected", "Open ward", priority=True,
                id="app.read_selected"),
        Binding("ctrl+p", "command_palette", "Commands", show=False, id="app.palette"),
        # "/" where neither the list (filter) nor the reader (find) takes it: the facts.
        Binding("slash", "find", "Find in the article", show=False, id="app.find"),
    ]

    class RegisterReady(Message):
        """Former units and areas of the register are loaded (from a worker)."""

        def __init__(self, error: str = "") -> None:
            self.error = error
            super().__init__()

    class LoadProgress(Message):
        """The repository worker parsed ``done`` of ``total`` files."""

        def __init__(self, done: int, total: int) -> None:
            self.done = done
            self.total = total
            super().__init__()

    class Loaded(Message):
        """The repository is complete: every ward file parsed."""

    class IndexProgress(Message):
        """The search index worker got this far."""

        def __init__(self, done: int, total: int) -> None:
            self.done = done
            self.total = total
            super().__init__()

    class IndexReady(Message):
        """The corpus search index is built (or failed: ``error``)."""

        def __init__(self, index: CorpusIndex | None, error: str = "") -> None:
            self.index = index
            self.error = error
            super().__init__()

    def __init__(
        self,
        repository: Repository,
        state_store: StateStore | None = None,
        index_path: Path | str = ":memory:",
        *,
        resume_gc: bool = False,
    ) -> None:
        """``resume_gc``: garbage collection was paused for start-up (see
        :func:`tui.cli.main.main`); resume it after the first frame."""
        super().__init__()
        self._resume_gc = resume_gc
        self.repository = repository
        self.state_store = state_store
        self.index_path = index_path
        self.corpus_index: CorpusIndex | None = None
        self._index_status = "Building the search index…"
        self._search_screen: SearchScreen | None = None
        self.all_units = False
        self.facts_visible: bool | None = None  # None: automatic by width
        self._items_all: list[UnitItem] | None = None
        #: Set once the background workers have started, just after the first frame:
        #: whoever waits for them to finish (tests, benchmarks) waits on this first.
        self.workers_started = asyncio.Event()

    # --- layout ---------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        with Horizontal(id="main"):
            yield WardList(id="wards")
            yield ReaderPane(id="reader-pane")
            yield FactsPanel(id="facts")
        yield Static("", id="warnings")
        # The footer is mounted right after the first frame (see on_mount).

    @property
    def ward_list(self) -> WardList:
        return self.query_one(WardList)

    @property
    def reader_pane(self) -> ReaderPane:
        return self.query_one(ReaderPane)

    @property
    def reader(self) -> ArticleView:
        return self.query_one(ArticleView)

    @property
    def facts(self) -> FactsPanel:
        return self.query_one(FactsPanel)

    def on_mount(self) -> None:
        self._apply_user_keymap()
        self._refresh_ward_items()
        self._show_warnings(list(self.repository.errors))
        self._apply_facts_visibility()
        self._restore_state()
        self.query_one(WardRows).focus()
        if self._resume_gc:
            self.call_after_refresh(self._after_first_frame)
        if os.environ.get(EXIT_AFTER_PAINT_ENV):
            self.call_after_refresh(self.exit)
            return
        # Textual's footer (a widget per key) costs ~0.1 s to lay out: the ward list and
        # the text are painted first, the key hints a frame later.
        self.call_after_refresh(self._mount_footer, self.screen)
        # The workers too start after the first frame: running beside it, they took the
        # GIL from it for up to ~60 ms (reading the register's details, checking files).
        self.call_after_refresh(self._start_workers)

    def _start_workers(self) -> None:
        self._load_register_details()
        self._complete_repository()
        self.workers_started.set()

    def _after_first_frame(self) -> None:
        """Resume garbage collection: one full pass now, while nobody is typing yet, then
        freeze what start-up made (it lives as long as the app) so that later passes,
        which could fall between two keystrokes, skip it."""
        gc.enable()
        gc.collect()
        gc.freeze()

    async def _mount_footer(self, screen: Screen[object]) -> None:
        from textual.widgets import Footer  # (imported here: not needed for the first frame)

        if self.is_running and screen.is_attached and not screen.query(Footer):
            await screen.mount(Footer())
            # A footer mounted late shows keys only once the bindings are announced again.
            screen.refresh_bindings()

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = True,
    ) -> None:
        """Notifications here carry file names, article text and what the user typed:
        never markup (``[/x]`` must show, not crash), never control sequences."""
        super().notify(
            strip_control(message),
            title=strip_control(title),
            severity=severity,
            timeout=timeout,
            markup=False,
        )

    def _apply_user_keymap(self) -> None:
        try:
            keymap = load_keymap()
        except DataError as error:
            self.notify(str(error), title="Keymap ignored", severity="warning", timeout=10)
            return
        if not keymap:
            return  # (listing the binding ids imports the screens: not for nothing)
        unknown = sorted(set(keymap) - self.binding_ids())
        if unknown:
            self.notify(
                f"Unknown binding id(s) in the keymap: {', '.join(unknown)}; see ? for the keys",
                title="Keymap", severity="warning", timeout=10,
            )
        self.set_keymap(keymap)

    def _show_warnings(self, errors: list[DataError]) -> None:
        warnings = self.query_one("#warnings", Static)
        if not errors:
            warnings.display = False
            return
        first = errors[0]
        more = f" (+{len(errors) - 1} more; run `ward-reader check`)" if len(errors) > 1 else ""
        warnings.update(Text(strip_control(f"⚠ Not loaded: {first}{more}")))
        warnings.display = True
        self.notify(str(first), title="A data file could not be loaded", severity="warning",
                    timeout=10)

    # --- ward list ------------------------------------------------------------------

    def _counts(self) -> dict[str, int]:
        return self.repository.article_totals()

    def _progress_poster(
        self, message: type[LoadProgress] | type[IndexProgress]
    ) -> Callable[[int, int], None]:
        """A progress callback for worker threads: posts ``message`` at most 5 times a
        second (posting is thread-safe; touching widgets from a worker is not).

        Call it from the worker. Once the worker is cancelled (the app is closing), it
        raises :class:`WorkStopped`: the process cannot exit before its worker threads
        do, and an index build would otherwise hold the closed app for up to a minute.
        The work is resumed on the next start (files parsed so far are cached, articles
        indexed so far are kept)."""
        worker = get_current_worker()
        last = [0.0]

        def progress(done: int, total: int) -> None:
            if worker.is_cancelled:
                raise WorkStopped
            now = time.monotonic()
            if total and now - last[0] > 0.2:
                last[0] = now
                self.post_message(message(done, total))

        return progress

    @work(thread=True, exclusive=True, group="repository")
    def _complete_repository(self) -> None:
        """Check the index the fast open showed against the files and parse what it left
        (first start, cold cache, edited files), then index for search."""
        try:
            if not self.repository.is_complete and self.repository.complete(
                self._progress_poster(self.LoadProgress)
            ):
                self.post_message(self.Loaded())
            self._build_index()
        except WorkStopped:
            return

    @on(LoadProgress)
    def _load_progress(self, message: LoadProgress) -> None:
        percent = 100 * message.done // max(1, message.total)
        self.ward_list.set_title(f"Loading wards… {percent}%")

    @on(Loaded)
    def _loaded(self) -> None:
        self._items_all = None
        self._refresh_ward_items()
        self._show_warnings(list(self.repository.errors))

    def _refresh_ward_items(self) -> None:
        register = self.repository.register
        counts = self._counts()
        # Until the worker has loaded the register's details, list units without them
        # (former names join the filter when RegisterReady refreshes the list).
        details = register.enriched
        if self.all_units:
            if self._items_all is None:
                self._items_all = make_items(
                    register.units(details), counts, include_empty=True, rank=register.rank
                )
            items = self._items_all
            title = "All units"
        else:
            # The repository's entries (hence ``counts``) come in the register's order.
            if details:
                units = [register.get(c) for c in counts]
                items = make_items(
                    [u for u in units if u is not None], counts, include_empty=False,
                    rank=register.rank, presorted=True,
                )
            else:
                items = items_from_labels(counts, register.label)
            title = "Wards with articles"
        self.ward_list.set_items(
            items, show_coverage=self.all_units, title=title,
            filtered_title="With articles" if not self.all_units else None,
        )
        if any(count < 0 for count in counts.values()):
            # Cold start: some files are not read yet. Saying so from the first frame on
            # keeps the heading from flipping between a count and the progress.
            self.ward_list.set_title("Loading wards…")

    def ward_items(self) -> list[UnitItem]:
        """The units currently listed (for the command palette)."""
        return list(self.ward_list.items)

    @work(thread=True, exclusive=True, group="register")
    def _load_register_details(self) -> None:
        try:
            self.repository.register.enrich()
        except Exception as error:  # noqa: BLE001 - details are a bonus; the app goes on
            self.post_message(self.RegisterReady(f"Register details unavailable: {error}"))
            return
        self.post_message(self.RegisterReady())

    @on(RegisterReady)
    def _register_ready_handler(self, message: RegisterReady) -> None:
        if message.error:
            self.notify(message.error, title="Register", severity="warning", timeout=10)
            return
        self._items_all = None
        self._refresh_ward_items()
        if self.reader.ward is not None:
            self.facts.show_ward(self._load_ward(self.reader.ward.code))

    # --- corpus search --------------------------------------------------------------

    def _build_index(self) -> None:
        """Bring the search index up to date (runs in the repository worker's thread)."""
        from .corpus_search import sync_index  # SQLite FTS and the matcher: not at start-up

        progress = self._progress_poster(self.IndexProgress)
        try:
            index = sync_index(self.repository, self.index_path, progress)
        except WorkStopped:
            raise
        except Exception as error:  # noqa: BLE001 - any failure: search says so, app lives
            self.post_message(self.IndexReady(None, f"Search index failed: {error}"))
            return
        self.post_message(self.IndexReady(index))

    @on(IndexProgress)
    def _index_progress(self, message: IndexProgress) -> None:
        self._index_status = (
            f"Building the search index… {message.done} of {message.total} articles"
        )
        if self._search_screen is not None:
            self._search_screen.set_index(None, self._index_status)

    @on(IndexReady)
    def _index_ready(self, message: IndexReady) -> None:
        self.corpus_index = message.index
        self._index_status = message.error or ""
        if os.environ.get(EXIT_AFTER_LOAD_ENV):
            self.call_after_refresh(self.exit)
        if self._search_screen is not None:
            self._search_screen.set_index(self.corpus_index, self._index_status)

    async def action_search(self) -> None:
        """Open the corpus search screen (the same one, with its query, each time).

        The screen is awaited and its query focused before this returns: keys typed
        right behind ``s`` (fast, or pasted) are handled after it, so they land in the
        query instead of being lost while the screen goes up."""
        screen = self._search_screen
        if screen is None:
            from .screens.search import SearchScreen

            screen = self._search_screen = SearchScreen(self.repository.register)
            screen.index = self.corpus_index
            screen.index_status = self._index_status
            # Installed screens survive being popped: query and results stay for next time.
            self.install_screen(screen, name="corpus-search")
        if self.screen is not screen:
            await self.push_screen("corpus-search")
        screen.set_focus(screen.query_input)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "search" and isinstance(self.focused, Input):
            return False  # "s" is typed into the field
        if action == "read_selected":
            return isinstance(self.focused, WardRows)  # elsewhere Enter is someone else's
        if action == "find":  # from the facts pane only (not the search or help screen)
            focused = self.focused
            return focused is not None and any(
                isinstance(node, FactsPanel) for node in focused.ancestors_with_self
            )
        return True

    async def on_search_screen_opened(self, message: SearchScreen.Opened) -> None:
        """A hit was chosen on the corpus search screen (handler named, not decorated,
        so the search screen's module is imported only when it is first opened)."""
        hit = message.hit
        self.pop_screen()
        if not self.open_ward(hit.ward_code, hit.article_id):
            return
        await self.reader_pane.find(message.query, at=(hit.block, hit.start), focus_input=False)
        self.reader.focus()

    async def action_find(self) -> None:
        """Find in the article shown, from a pane of its own (the facts)."""
        await self.reader_pane.action_find()

    def action_toggle_coverage(self) -> None:
        self.all_units = not self.all_units
        self._refresh_ward_items()

    # --- opening wards and articles ---------------------------------------------------

    def _load_ward(self, code: str) -> Ward | None:
        try:
            return self.repository.ward(code)
        except DataError as error:
            self.notify(str(error), title="Cannot open ward", severity="error")
            return None

    def open_ward(
        self,
        code: str,
        article_id: str | None = None,
        scroll_y: int = 0,
        anchor: tuple[int, int, int] | None = None,
    ) -> bool:
        """Show ward ``code`` in the reader and its facts in the sidebar (False: could not)."""
        ward = self._load_ward(code)
        if ward is None:
            return False
        self.ward_list.select_code(code)
        self.reader_pane.show_ward(ward, article_id, scroll_y, anchor)
        self.facts.show_ward(ward)
        return True

    @on(WardList.WardSelected)
    def _ward_selected(self, event: WardList.WardSelected) -> None:
        self.read_ward(event.code)

    def read_ward(self, code: str) -> None:
        """Open ward ``code`` and put the focus on its text (Enter in the list, the
        command palette's "Go to ward"): at once, not after the queued messages as
        ``focus()`` would, so that keys typed right behind reach the text."""
        if self.open_ward(code):
            self.screen.set_focus(self.reader)

    def action_read_selected(self) -> None:
        item = self.query_one(WardRows).current
        if item is not None:
            self.read_ward(item.code)

    @on(FactsPanel.FactChosen)
    def _fact_chosen(self, event: FactsPanel.FactChosen) -> None:
        self.show_quote(event.article_id, event.quote)

    def show_quote(self, article_id: str, quote: str) -> bool:
        """Switch to the article stating ``quote``, scroll to it and highlight it."""
        reader = self.reader
        # The quote's highlight replaces any find: close it first, or the find would be
        # re-run on the article shown and take the highlights back.
        self.reader_pane.close_find()
        if not reader.show_article_id(article_id):
            return False
        for block, text in enumerate(reader.blocks):
            start = text.find(quote)
            if start >= 0:
                reader.set_highlights([Highlight(block, start, start + len(quote), QUOTE_STYLE)])
                reader.scroll_to_offset(block, start)
                return True
        self.notify("The quote is not in the article text", severity="warning")
        return False

    # --- panes ------------------------------------------------------------------------

    def on_resize(self, event: events.Resize) -> None:
        self._apply_facts_visibility(event.size.width)

    def _apply_facts_visibility(self, width: int | None = None) -> None:
        """Show the sidebar by the user's choice, else only when there is room for it.

        Below ``NARROW_WIDTH`` columns a sidebar the user asked for takes the ward list's
        place, so the reader keeps a readable width. Focus never stays in a hidden pane.
        """
        width = self.size.width if width is None else width
        narrow = width < NARROW_WIDTH
        visible = self.facts_visible
        if visible is None:
            visible = not narrow
        self.facts.display = visible
        self.ward_list.display = not (visible and narrow)
        focused = self.focused
        if focused is None:
            return
        for pane in (self.facts, self.ward_list):
            if not pane.display and (focused is pane or pane in focused.ancestors):
                self.reader.focus()
                break

    def action_toggle_facts(self) -> None:
        self.facts_visible = not self.facts.display
        self._apply_facts_visibility()

    def action_help(self) -> None:
        from .screens.help import HelpScreen

        self.push_screen(HelpScreen(self.help_sections()))

    #: Keys handled by widgets themselves (Input, OptionList), listed for the help.
    TYPING_KEYS: ClassVar[list[tuple[str, list[Binding]]]] = [
        ("Ward filter", [
            Binding("escape", "", "Clear the filter and go back to the list"),
            Binding("down", "", "To the list, keeping the filter"),
            Binding("enter", "", "Open the unit named like the query, else the first match"),
        ]),
        ("Find bar", [
            Binding("enter", "", "Next match, back to the text (n/N go on)"),
            Binding("up,down", "", "Earlier / later queries (kept across runs)"),
        ]),
        ("Facts", [
            Binding("up,down", "", "Move"),
            Binding("slash", "", "Find in the article"),
            Binding("enter", "", "Show the fact's quote; again: the next article stating it"),
        ]),
        ("Search screen", [
            Binding("enter,down", "", "From the query to the results"),
            Binding("enter", "", "Open the article at the hit, find active on the query"),
        ]),
    ]

    #: Bindings the help leaves out: another entry already says what they do.
    _UNLISTED: ClassVar[frozenset[str]] = frozenset({"app.read_selected", "app.find"})

    def help_sections(self) -> list[tuple[str, list[Binding]]]:
        """Every binding, read from the classes that own them (so help cannot drift)."""
        from .screens.help import HelpScreen
        from .screens.search import SearchScreen

        sections: list[tuple[str, list[Binding]]] = []
        for title, owner in (
            ("Anywhere", WardReaderApp),
            ("Ward list", WardList),
            ("Ward list", WardRows),
            ("Reader", ArticleView),
            ("Reader", ReaderPane),
            ("Find bar", FindBar),
            ("Search screen", SearchScreen),
            ("Help", HelpScreen),
        ):
            bindings = [
                b for b in owner.BINDINGS
                if isinstance(b, Binding) and b.description and b.id not in self._UNLISTED
            ]
            sections.append((title, bindings))
        sections.extend(self.TYPING_KEYS)
        # One section per place, in order of first mention (the find bar's own bindings
        # and the keys its input handles belong together).
        merged: dict[str, list[Binding]] = {}
        for title, bindings in sections:
            merged.setdefault(title, []).extend(bindings)
        return list(merged.items())

    def binding_ids(self) -> set[str]:
        listed = {
            b.id for _, bindings in self.help_sections() for b in bindings if b.id is not None
        }
        unlisted = {b.id for b in self.BINDINGS if isinstance(b, Binding) and b.id}
        return listed | unlisted

    # --- state ------------------------------------------------------------------------

    def _restore_state(self) -> None:
        if self.state_store is None:
            return
        state = self.state_store.load()
        self.reader_pane.find_bar.history = list(state.find_history)
        if state.ward_code and self.repository.entry(state.ward_code) is not None:
            try:
                self.repository.document(state.ward_code)  # kept for open_ward
            except DataError:
                # Deleted or broken since the index was saved: the check of the files
                # after the first frame reports it; restoring is not worth an error.
                return
            self.open_ward(state.ward_code, state.article_id, state.scroll_y, state.anchor)

    def current_state(self) -> ReaderState:
        reader = self.reader
        article = reader.article
        return ReaderState(
            ward_code=reader.ward.code if reader.ward else None,
            article_id=article.id if article else None,
            scroll_y=int(reader.scroll_offset.y),
            find_history=tuple(self.reader_pane.find_bar.history),
            anchor=reader.top_anchor(),
        )

    def save_state(self) -> None:
        if self.state_store is not None:
            self.state_store.save(self.current_state())

    async def action_quit(self) -> None:
        self.save_state()
        self.exit()
