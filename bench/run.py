"""Benchmark Ward Reader at 100, 1,000 and 10,000 generated articles; print a Markdown table.

    python bench/run.py [--sizes 100,1000,10000] [--runs 5] [--seed 0]

Per size, each figure is the median of ``--runs`` runs:

* first frame: process spawn -> the terminal has received the frame with the ward list
  (its title, drawn in the same frame as the rows), run in a pseudo-terminal of 120x40
  with ``WARD_READER_EXIT_AFTER_PAINT=1`` (the app exits after that frame), with a cold
  cache (a fresh, empty cache dir) and a warm one; an empty Textual app is timed the same
  way in the same run (until its one word arrives), just before each warm start, and
  the ratio warm / empty printed: of the medians, and the median of each pair's ratio;
  the ratio of the times to exit is printed too (shutdown included);
* open an article: ``repository.ward(code)`` for a ward not in memory + the reader's
  layout of its first article;
* ward filter keystroke: filtering all 3,321 units (names, provinces, former names);
* find-in-article keystroke and corpus search query (``n/a`` when the search package
  is not there);
* peak RSS of the app process (``ru_maxrss`` from ``os.wait4``).
"""

from __future__ import annotations

import argparse
import fcntl
import os
import platform
import pty
import random
import select
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

EMPTY_APP = """
from textual.app import App, ComposeResult
from textual.widgets import Static

class Empty(App[None]):
    def compose(self) -> ComposeResult:
        yield Static("empty")

    def on_mount(self) -> None:
        self.call_after_refresh(self.exit)

Empty().run()
"""


#: What the first frame shows: the ward list's title (the list is drawn in the same
#: frame): its count once every file is known, "Loading wards…" on a cold start with
#: files still to read; and the empty app's one word.
APP_MARKER = (b"Wards with articles", "Loading wards…".encode())
EMPTY_MARKER = (b"empty",)


def spawn_to_exit(
    command: list[str], env: dict[str, str], marker: tuple[bytes, ...] = ()
) -> tuple[float, float, float]:
    """Run ``command`` in a 120x40 pty: seconds from spawn until one of ``marker`` reached the
    terminal (the first frame; ``nan`` without a marker), seconds until the process
    exited, and its peak RSS in MB."""
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
    started = time.perf_counter()
    process = subprocess.Popen(
        command, stdin=slave, stdout=slave, stderr=slave, env=env, cwd=ROOT,
        start_new_session=True,
    )
    os.close(slave)
    deadline = started + 300
    seen = b""
    painted: float | None = None
    try:
        while time.perf_counter() < deadline:
            ready, _, _ = select.select([master], [], [], 0.05)
            if ready:
                try:
                    chunk = os.read(master, 65536)
                except OSError:  # EIO: the child closed the terminal
                    break
                if not chunk:
                    break
                if marker and painted is None:
                    seen = seen[-max(map(len, marker)):] + chunk
                    if any(m in seen for m in marker):
                        painted = time.perf_counter() - started
            elif process.poll() is not None:
                break
        _, status, usage = os.wait4(process.pid, 0)
        elapsed = time.perf_counter() - started
    finally:
        os.close(master)
        if process.returncode is None and process.poll() is None:
            process.kill()
    if os.waitstatus_to_exitcode(status) != 0:
        raise RuntimeError(f"{command} exited with status {status}")
    process.returncode = os.waitstatus_to_exitcode(status)
    if marker and painted is None:
        raise RuntimeError(f"{command} never showed {marker!r}")
    return (float("nan") if painted is None else painted), elapsed, usage.ru_maxrss / 1024


def median_ms(samples: list[float]) -> str:
    return f"{statistics.median(samples) * 1000:.1f}"


def time_each(action: Callable[[], object], repeat: int) -> list[float]:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        action()
        times.append(time.perf_counter() - started)
    return times


def app_env(data_cache: Path, until: str = "paint") -> dict[str, str]:
    """Environment for one app run that exits after its first paint (``until="paint"``) or
    once the corpus is loaded and indexed for search (``until="load"``)."""
    env = dict(os.environ)
    env.pop("WARD_READER_EXIT_AFTER_PAINT", None)
    env.pop("WARD_READER_EXIT_AFTER_LOAD", None)
    key = "WARD_READER_EXIT_AFTER_PAINT" if until == "paint" else "WARD_READER_EXIT_AFTER_LOAD"
    env.update(
        {key: "1"},
        WARD_READER_CACHE_DIR=str(data_cache),
        WARD_READER_STATE_DIR=str(data_cache / "state"),
        PYTHONPATH=os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")])),
        TERM=env.get("TERM", "xterm-256color") or "xterm-256color",
    )
    env.pop("WARD_READER_NO_CACHE", None)
    return env


def warm_up_cache(data_dir: Path, cache_dir: Path) -> None:
    """Fill a cache dir the way a finished first run leaves it (corpus + register)."""
    code = (
        "import sys; from pathlib import Path; from tui.repository import Repository;"
        "r = Repository.load(Path(sys.argv[1])); r.register.enrich()"
    )
    env = app_env(cache_dir)
    subprocess.run([sys.executable, "-c", code, str(data_dir)], env=env, check=True, cwd=ROOT)


def measure_size(size: int, runs: int, seed: int, workdir: Path) -> dict[str, str]:
    from tui.generate import generate_corpus
    from tui.register import load_register
    from tui.repository import Repository

    data_dir = workdir / f"corpus-{size}"
    started = time.perf_counter()
    generate_corpus(size, data_dir, seed=seed)
    generated = time.perf_counter() - started
    empty_script = workdir / "empty_app.py"
    empty_script.write_text(EMPTY_APP)

    app = [sys.executable, "-m", "tui", "--data", str(data_dir)]
    warm_cache = workdir / f"warm-{size}"
    warm_up_cache(data_dir, warm_cache)
    cold, warm, empty, rss = [], [], [], []
    empty_exit, warm_exit = [], []
    for run in range(runs):
        painted, _, peak = spawn_to_exit(app, app_env(workdir / f"cold-{size}-{run}"),
                                         APP_MARKER)
        cold.append(painted)
        rss.append(peak)
        # The empty app and the warm start run back to back: this machine's speed drifts
        # by a third within a minute, and each pair's ratio is taken as well as the
        # ratio of the medians.
        painted, exited, _ = spawn_to_exit(
            [sys.executable, str(empty_script)], app_env(workdir / "e"), EMPTY_MARKER
        )
        empty.append(painted)
        empty_exit.append(exited)
        painted, exited, peak = spawn_to_exit(app, app_env(warm_cache), APP_MARKER)
        warm.append(painted)
        warm_exit.append(exited)
        rss.append(peak)

    # A whole session's work: load every file and build the search index, then exit.
    # Its peak RSS is the app's real footprint (first-paint runs hold only the index).
    _, loaded_cold, loaded_rss = spawn_to_exit(app, app_env(workdir / f"load-{size}", "load"))
    _, loaded_warm, warm_rss = spawn_to_exit(app, app_env(workdir / f"load-{size}", "load"))
    rss += [loaded_rss, warm_rss]

    os.environ["WARD_READER_CACHE_DIR"] = str(warm_cache)
    register = load_register()
    register.enrich()
    repository = Repository.open(data_dir, register)
    repository.complete()
    entries = repository.entries()
    rng = random.Random(seed)
    codes = [e.unit_code for e in rng.sample(entries, min(len(entries), 30 * runs))]

    try:
        from tui.article_layout import layout_article
    except ImportError:  # pragma: no cover - the reader's layout not there
        layout_article = None  # type: ignore[assignment]

    def open_one(code: str) -> None:
        ward = repository.ward(code)
        assert ward is not None and ward.articles
        if layout_article is not None:
            layout_article(ward.articles[0], 88)

    open_times = []
    for code in codes:
        started = time.perf_counter()
        open_one(code)
        open_times.append(time.perf_counter() - started)

    row = {
        "articles": f"{size:,}",
        "generate (s)": f"{generated:.1f}",
        "empty app first frame (ms)": median_ms(empty),
        "first frame cold (ms)": median_ms(cold),
        "first frame warm (ms)": median_ms(warm),
        "warm / empty": f"{statistics.median(warm) / statistics.median(empty):.2f}",
        "warm / empty, median of pairs": (
            f"{statistics.median(w / e for w, e in zip(warm, empty, strict=True)):.2f}"
        ),
        "to exit after first frame, warm / empty": (
            f"{statistics.median(warm_exit) / statistics.median(empty_exit):.2f}"
        ),
        "loaded + indexed cold / warm (s)": f"{loaded_cold:.1f} / {loaded_warm:.1f}",
        "open article (ms)": median_ms(open_times),
        "ward filter key (ms)": ward_filter_ms(register),
        "ward filter key, list redrawn (ms)": ward_filter_widget_ms(repository),
        "find key (ms)": find_ms(repository, codes),
        "corpus search: first 50 hits; totals (ms)": corpus_search_ms(
            repository, workdir / f"search-{size}.db"
        ),
        "peak RSS (MB)": f"{max(rss):.0f}",
    }
    return row


def ward_filter_ms(register: object) -> str:
    """Per-keystroke filtering of every unit (name, province, former names) as typed,
    with the folds made once for the list, as the ward list keeps them."""
    from tui.text.fold import fold_for_search

    units = register.units()  # type: ignore[attr-defined]
    try:
        from tui.catalog import ListFolds, filter_items, make_items

        items = make_items(units, {}, include_empty=True)
        folds = ListFolds(items)

        def run(query: str) -> object:
            return filter_items(items, query, folds)
    except ImportError:  # pragma: no cover
        haystacks = [
            fold_for_search(" | ".join((u.name, u.province, *(f.name for f in u.former_units))))
            for u in units
        ]

        def run(query: str) -> object:
            words = fold_for_search(query).split()
            return [h for h in haystacks if all(w in h for w in words)]

    typed = "tien cat"
    times = []
    for _ in range(5):
        for end in range(1, len(typed) + 1):
            started = time.perf_counter()
            run(typed[:end])
            times.append(time.perf_counter() - started)
    return median_ms(times)


def ward_filter_widget_ms(repository: object) -> str:
    """A filter keystroke in the running app with all 3,321 units listed: filtering, the
    new rows, and drawing the visible lines of the list (what a keystroke costs)."""
    import asyncio

    from tui.app import WardReaderApp
    from tui.widgets.ward_list import WardList, WardRows

    times: list[float] = []

    async def run() -> None:
        app = WardReaderApp(repository)  # type: ignore[arg-type]
        async with app.run_test(size=(120, 40)) as pilot:
            await app.workers_started.wait()  # (just after the first frame)
            await app.workers.wait_for_complete()
            await pilot.press("a")
            ward_list = app.query_one(WardList)
            rows = app.query_one(WardRows)
            typed = "tien cat"
            for _ in range(5):
                for end in list(range(1, len(typed) + 1)) + [0]:
                    started = time.perf_counter()
                    ward_list.query_text = typed[:end]
                    ward_list._apply_filter(prefer_best=True)  # as a keystroke does
                    for y in range(rows.size.height):
                        rows.render_line(y)
                    times.append(time.perf_counter() - started)

    asyncio.run(run())
    return median_ms(times)


def find_ms(repository: object, codes: list[str]) -> str:
    """Per-keystroke find in a 10,000-word article (paragraphs of sampled articles)."""
    try:
        from tui.search.matcher import find_matches
    except ImportError:
        return "n/a"
    blocks: list[str] = []
    words = 0
    for code in codes * 10:
        for article in repository.ward(code).articles:  # type: ignore[attr-defined]
            for block in article.blocks():
                blocks.append(block)
                words += len(block.split())
        if words >= 10_000:
            break
    typed = "dang vien"
    times = []
    for _ in range(5):
        for end in range(1, len(typed) + 1):
            started = time.perf_counter()
            find_matches(typed[:end], blocks)
            times.append(time.perf_counter() - started)
    return median_ms(times)


def corpus_search_ms(repository: object, path: Path) -> str:
    """A 2-word query over the whole corpus, first 50 ranked hits with snippets."""
    try:
        from tui.corpus_search import sync_index
    except ImportError:
        return "n/a"
    index = sync_index(repository, path)  # type: ignore[arg-type]
    queries = ["dang vien", "đại hội", "ban chap", "khâu đột", "chuyen doi", "ho ngheo"]
    pages: list[float] = []
    totals: list[float] = []
    for _ in range(5):
        for query in queries:
            started = time.perf_counter()
            index.search(query, limit=50, count=False)  # what the screen shows first
            pages.append(time.perf_counter() - started)
            started = time.perf_counter()
            index.count(query)  # the totals line, shown next
            totals.append(time.perf_counter() - started)

    def p95(samples: list[float]) -> float:
        return statistics.quantiles(samples, n=20)[-1] * 1000

    return (
        f"{median_ms(pages)} (p95 {p95(pages):.1f}); totals {median_ms(totals)}"
        f" (p95 {p95(totals):.1f})"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--sizes", default="100,1000,10000", help="comma-separated sizes")
    parser.add_argument("--runs", type=int, default=5, help="runs per figure (median)")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    sizes = [int(s.replace("_", "")) for s in args.sizes.split(",") if s]

    import compileall

    import textual

    # Time the app as installed, with its bytecode compiled (as pip does for the empty
    # app's Textual): PYTHONDONTWRITEBYTECODE would otherwise compile tui/ at every start.
    compileall.compile_dir(ROOT / "tui", quiet=1)
    rows = []
    with tempfile.TemporaryDirectory(prefix="ward-bench-") as temp:
        for size in sizes:
            print(f"… {size:,} articles", file=sys.stderr, flush=True)
            rows.append(measure_size(size, args.runs, args.seed, Path(temp)))
    print(
        f"Machine: {os.cpu_count()} CPUs (nproc), Python {platform.python_version()},"
        f" Textual {textual.__version__}, {platform.system()} {platform.machine()};"
        f" median of {args.runs} run(s)."
    )
    print()
    headers = list(rows[0])
    print("| " + " | ".join(headers) + " |")
    print("|" + "|".join("---:" for _ in headers) + "|")
    for row in rows:
        print("| " + " | ".join(row[h] for h in headers) + " |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
