"""The data layer: a data dir of ward YAML files, loaded into models and indexed.

The app only ever talks to a :class:`Repository`; widgets receive models from it and
never see paths. Loading is per file: one broken file becomes a :class:`DataError` in
``Repository.errors`` and every other file still loads.

Memory does not grow with the corpus: the index keeps ward -> article summaries; bodies
come from the cache (:mod:`tui.cache`, ~0.1 ms a ward) or their YAML file on demand, and a
few recent wards are kept.

Start-up contract for the app (see :meth:`Repository.open` and :meth:`Repository.complete`):

* ``Repository.open(data_dir)`` runs in the UI thread before the first paint. With a warm
  cache it stats every file, takes unchanged files' index from the cache and parses the
  few changed ones: the repository is then complete. With no (or a stale) cache it parses
  nothing: wards come from a quick scan of each file's header and are *provisional*
  (``WardEntry.provisional``; ``articles`` empty, ``article_total`` an estimate).
* ``repository.complete(progress)`` runs in a worker thread and parses what ``open`` left
  (in worker processes when there is much of it), fills the cache, then swaps in the full
  index at once. It is a no-op on a complete repository; ``is_complete`` says which.
* Thread safety: every query method may be called from any thread, also while
  ``complete`` runs; the index is replaced by assigning new immutable snapshots, never
  mutated. ``complete`` itself must run in one thread at a time (a lock serialises it).
"""

from __future__ import annotations

import hashlib
import marshal
import os
import queue
import re
import subprocess
import sys
import threading
from collections import OrderedDict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from .cache import (
    CorpusCache,
    FileStat,
    ListedError,
    SavedIndex,
    SnapshotRecord,
    SummaryRow,
    WardColumns,
    decode_document,
    decode_summary_rows,
    encode_document,
    summaries_from_rows,
)
from .cache import encode_summaries as _encode_summaries
from .errors import DataError
from .register import Register, load_register

if TYPE_CHECKING:
    from .models import Article, ArticleSummary, Ward
    from .wardfile import WardDocument

__all__ = [
    "DATA_ENV_VAR",
    "WardEntry",
    "Repository",
    "default_data_dir",
    "resolve_data_dir",
    "ward_files",
]

DATA_ENV_VAR = "WARD_READER_DATA"

ProgressCallback = Callable[[int, int], None]

#: ``open`` parses up to this many changed files itself; more are left to ``complete``.
OPEN_PARSE_LIMIT = 24
#: ``complete`` uses worker processes from this many files to parse (and more than 1 CPU).
PARALLEL_PARSE_MIN = 200


def default_data_dir() -> Path:
    """The corpus bundled with the source tree (``data/`` beside ``tui/``)."""
    return Path(__file__).resolve().parent.parent / "data"


def resolve_data_dir(option: str | os.PathLike[str] | None) -> Path:
    """``--data`` if given, else ``$WARD_READER_DATA``, else the bundled ``data/``."""
    if option:
        return Path(option)
    from_env = os.environ.get(DATA_ENV_VAR)
    return Path(from_env) if from_env else default_data_dir()


def ward_files(data_dir: Path) -> list[Path]:
    """Every ward file under ``data_dir/wards``, in a stable order."""
    return [data_dir / relpath for relpath in sorted(_scan(data_dir))]


def _scan(data_dir: Path) -> dict[str, FileStat]:
    """Relative path (POSIX) -> size and mtime of every ward file (no hidden files)."""
    found: dict[str, FileStat] = {}
    stack = [("wards", data_dir / "wards")]
    while stack:
        relative, folder = stack.pop()
        try:
            iterator = os.scandir(folder)
        except OSError:
            continue
        with iterator:
            for item in iterator:
                if item.name.startswith("."):
                    continue
                name = f"{relative}/{item.name}"
                try:
                    if item.is_dir():
                        stack.append((name, Path(item.path)))
                    elif item.name.endswith(".yaml"):
                        st = item.stat()
                        found[name] = FileStat(st.st_size, st.st_mtime_ns)
                except OSError:
                    continue
    return found


@dataclass(frozen=True)
class WardEntry:
    """A ward of the index: its register unit, its file and its articles' summaries.

    A *provisional* entry (from :meth:`Repository.open` before :meth:`Repository.complete`)
    knows its unit and file but not yet its articles: ``articles`` is empty and
    ``article_total`` is :data:`UNKNOWN_COUNT` (-1) until the file is parsed.
    """

    unit_code: str
    data_dir: Path
    #: The file, relative to ``data_dir`` (POSIX); ``path`` joins them when first read
    #: (3,321 ``Path`` joins at start-up cost ~40 ms).
    relpath: str
    #: The articles' (id, title, date ordinal or None) rows, still encoded as the cache
    #: stores them (:func:`tui.cache.encode_summaries`): decoded when first read. At
    #: 10,000 articles, decoding them all at start-up cost ~20 ms, and making
    #: :class:`ArticleSummary` objects ~60 ms more, for a list that shows only counts.
    summary_blob: bytes
    article_count: int
    fact_count: int = 0
    provisional: bool = False

    @cached_property
    def path(self) -> Path:
        return self.data_dir / self.relpath

    @cached_property
    def summary_rows(self) -> tuple[SummaryRow, ...]:
        if not self.summary_blob:
            return ()
        try:
            return decode_summary_rows(self.summary_blob)
        except (EOFError, ValueError, TypeError):  # checked when cached: cannot happen
            return ()

    @cached_property
    def articles(self) -> tuple[ArticleSummary, ...]:
        return summaries_from_rows(self.summary_rows, self.unit_code)

    @property
    def article_ids(self) -> Iterator[str]:
        return (row[0] for row in self.summary_rows)

    @property
    def article_total(self) -> int:
        """How many articles the ward has (``UNKNOWN_COUNT`` while ``provisional``)."""
        return UNKNOWN_COUNT if self.provisional else self.article_count


class _Record(NamedTuple):
    """What is known of one ward file: its index data, or why it did not load."""

    stat: FileStat
    code: str | None
    fact_count: int
    article_count: int
    summaries: bytes | None  # encoded summary rows; None: not parsed yet (provisional)
    error: tuple[int | None, str] | None


@dataclass(frozen=True)
class _Snapshot:
    """The index at one moment; replaced as a whole, never mutated (caches aside).

    Wards are kept as rows in display order, as the index snapshot saves them; the
    :class:`WardEntry` of a ward is made when first asked for. At 10,000 articles, making
    all 3,321 of them when opening cost ~8 ms before a first frame that shows ~40.
    """

    data_dir: Path
    wards: WardColumns
    error_rows: list[ListedError]
    #: Relative path -> size and mtime of every listed ward's file (None: not checked yet).
    stats: dict[str, FileStat] | None
    complete: bool
    _made: dict[str, WardEntry] = field(default_factory=dict, init=False, compare=False,
                                        repr=False)

    @cached_property
    def positions(self) -> dict[str, int]:
        """Unit code -> index in ``wards``."""
        return {code: index for index, code in enumerate(self.wards.codes)}

    def entry(self, code: str) -> WardEntry | None:
        entry = self._made.get(code)
        if entry is None:
            position = self.positions.get(code)
            if position is None:
                return None
            entry = self._make(position)
        return entry

    def _make(self, position: int) -> WardEntry:
        wards = self.wards
        code = wards.codes[position]
        entry = self._made.get(code)
        if entry is None:
            entry = self._made[code] = WardEntry(
                code, self.data_dir, wards.relpaths[position], wards.summaries[position],
                wards.article_counts[position], wards.fact_counts[position],
                wards.provisional[position],
            )
        return entry

    @cached_property
    def order(self) -> list[WardEntry]:
        return [self._make(position) for position in range(len(self.wards.codes))]

    @cached_property
    def totals(self) -> dict[str, int]:
        """Unit code -> ``WardEntry.article_total``, in display order (no entries made)."""
        wards = self.wards
        return {
            code: UNKNOWN_COUNT if provisional else count
            for code, count, provisional in zip(
                wards.codes, wards.article_counts, wards.provisional, strict=True
            )
        }

    @cached_property
    def errors(self) -> tuple[DataError, ...]:
        return tuple(DataError(self.data_dir / relpath, line, reason)
                     for relpath, line, reason in self.error_rows)

    @cached_property
    def article_ward(self) -> dict[str, str]:
        """Article id -> ward code; made when first asked (not at start-up)."""
        return {i: e.unit_code for e in self.order for i in e.article_ids}


#: A parsed file as stored in the cache: (relpath, stat, code, facts, summaries, error, doc).
_Row = tuple[str, FileStat, str | None, int, bytes | None, tuple[int | None, str] | None,
             bytes | None]

_HEADER_CODE = re.compile(rb"code:\s*['\"]?(\d{5})\b")
_HEAD_BYTES = 4096
#: ``WardEntry.article_total`` of a provisional ward: not counted yet.
UNKNOWN_COUNT = -1


def _quick_record(path: Path, stat: FileStat) -> _Record:
    """A provisional record from the head of the file: its ward code only.

    Reading whole files to count their articles cost 1.8 s at 10,000 articles (160 MB),
    so the count stays unknown (-1) until :meth:`Repository.complete` parses the file.
    """
    try:
        with path.open("rb") as stream:
            head = stream.read(_HEAD_BYTES)
    except OSError:
        return _Record(stat, None, 0, 0, None, None)
    match = _HEADER_CODE.search(head)
    code = match.group(1).decode() if match else None
    return _Record(stat, code, 0, 0, None, None)


def _parse_file(data_dir: Path, relpath: str) -> _Row:
    """Parse one ward file into a cache row (runs in threads and worker processes)."""
    from .wardfile import read_ward_file

    path = data_dir / relpath
    try:
        st = path.stat()
        stat = FileStat(st.st_size, st.st_mtime_ns)
    except OSError:
        stat = FileStat(-1, -1)
    try:
        document = read_ward_file(path)
    except DataError as error:
        return (relpath, stat, None, 0, None, (error.line, error.reason), None)
    except Exception as error:  # noqa: BLE001 - one odd file must never stop the others
        return (relpath, stat, None, 0, None, (None, f"cannot load: {error}"), None)
    header = document.header
    blob = encode_document(
        (header.code, header.name, header.unit_type, header.province),
        document.articles,
        document.facts,
    )
    summaries = _encode_summaries(document.articles)
    return (relpath, stat, header.code, len(document.facts), summaries, None, blob)


def _records_from_snapshot(snapshot: dict[str, SnapshotRecord]) -> dict[str, _Record]:
    """The snapshot's records as they were saved. Bad shapes raise TypeError or ValueError."""
    records: dict[str, _Record] = {}
    for relpath, (size, mtime_ns, code, facts, count, summaries, error) in snapshot.items():
        if not (isinstance(summaries, bytes) and isinstance(facts, int)
                and isinstance(count, int) and isinstance(relpath, str)):
            raise ValueError(f"damaged snapshot record for {relpath}")
        records[relpath] = _Record(FileStat(size, mtime_ns), code, facts, count, summaries,
                                   error)
    return records


def _listing_is_sound(saved: SavedIndex) -> bool:
    """The saved listing has the shapes :class:`_Snapshot` relies on (its CRC and version
    were right: this guards against a writer's bug, not against damage)."""
    return saved.wards.is_sound() and all(
        isinstance(row, tuple) and len(row) == 3 and isinstance(row[0], str)
        and isinstance(row[2], str)
        for row in saved.errors
    )


def _verify(
    records: dict[str, _Record], stats: dict[str, FileStat]
) -> tuple[dict[str, _Record], list[str], list[str]]:
    """Keep the records of files unchanged since (same size and mtime); return them, the
    files to parse (new or changed) and the recorded files that are gone."""
    kept: dict[str, _Record] = {}
    pending: list[str] = []
    for relpath in sorted(stats):
        record = records.get(relpath)
        if record is None or record.stat != stats[relpath]:
            pending.append(relpath)
        else:
            kept[relpath] = record
    return kept, pending, [relpath for relpath in records if relpath not in stats]


def _parse_batch(data_dir: str, relpaths: list[str]) -> list[_Row]:
    return [_parse_file(Path(data_dir), relpath) for relpath in relpaths]


def _record_from_row(row: _Row) -> _Record:
    _relpath, stat, code, facts, summaries, error, _document = row
    if not (summaries and code):
        return _Record(stat, code, facts, 0, b"", error)
    return _Record(stat, code, facts, len(decode_summary_rows(summaries)), summaries, error)


_WORKER_CODE = "import tui.repository as r; r._worker_main()"


def _worker_main() -> None:
    """Entry of a parse worker process: relative paths in, one marshal frame per file out."""
    data_dir, relpaths = marshal.load(sys.stdin.buffer)
    out = sys.stdout.buffer
    for relpath in relpaths:
        relpath, stat, code, facts, summaries, error, document = _parse_file(
            Path(data_dir), relpath
        )
        marshal.dump((relpath, tuple(stat), code, facts, summaries, error, document), out)
    out.flush()


def _parse_in_processes(data_dir: Path, relpaths: list[str], workers: int) -> Iterator[_Row]:
    """Parse files in ``workers`` fresh interpreters (no fork: the app runs threads).

    Rows come back in completion order. Raises OSError/EOFError if a worker fails; the
    rows yielded before that are good.
    """
    root = str(Path(__file__).resolve().parent.parent)
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [root, env.get("PYTHONPATH")]))
    rows: queue.Queue[tuple[Any, ...] | BaseException | None] = queue.Queue()
    processes = []
    for share in range(workers):
        mine = relpaths[share::workers]
        process = subprocess.Popen(
            [sys.executable, "-c", _WORKER_CODE],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, env=env,
        )
        assert process.stdin is not None
        marshal.dump((str(data_dir), mine), process.stdin)
        process.stdin.close()
        processes.append((process, len(mine)))

    def read(process: subprocess.Popen[bytes], count: int) -> None:
        assert process.stdout is not None
        try:
            for _ in range(count):
                rows.put(marshal.load(process.stdout))
            rows.put(None)
        except BaseException as error:  # noqa: BLE001 - handed to the consumer
            rows.put(error)

    readers = [
        threading.Thread(target=read, args=pair, daemon=True) for pair in processes
    ]
    for reader in readers:
        reader.start()
    try:
        running = len(readers)
        while running:
            item = rows.get()
            if item is None:
                running -= 1
            elif isinstance(item, BaseException):
                raise EOFError(f"parse worker failed: {item}")
            else:
                relpath, stat, code, facts, summaries, error, document = item
                yield (relpath, FileStat(*stat), code, facts, summaries, error, document)
    finally:
        for process, _count in processes:
            if process.poll() is None:
                process.kill()
            process.wait()
            if process.stdout is not None:
                process.stdout.close()


class Repository:
    """Wards and articles of one data dir, with load errors kept beside them."""

    def __init__(self, data_dir: Path, register: Register, *, keep_documents: int = 16
                 ) -> None:
        """An empty index of ``data_dir``: use :meth:`open` or :meth:`load`."""
        self.data_dir = data_dir
        self.register = register
        self._cache: CorpusCache | None = None
        self._records: dict[str, _Record] = {}
        self._saved: SavedIndex | None = None  # records not decoded yet (see complete)
        self._pending: list[str] = []
        self._stale: list[str] = []
        self._from_snapshot = False
        self._snap = _Snapshot(data_dir, WardColumns.from_rows(()), [], {}, complete=True)
        self._recent: OrderedDict[Path, WardDocument] = OrderedDict()
        self._lock = threading.Lock()
        self._complete_lock = threading.Lock()
        self._keep = keep_documents

    # --- loading ------------------------------------------------------------------

    @classmethod
    def open(cls, data_dir: Path, register: Register | None = None) -> Repository:
        """Open ``data_dir`` quickly, from the cache (UI thread, before the first paint).

        With an index snapshot (see :mod:`tui.cache`) the index is the one saved last,
        *unverified*: :meth:`complete` then stats every file, parses those that changed
        and swaps in the checked index (at 10,000 articles, stating 3,321 files and
        comparing them cost ~40 ms, which no longer delays the first paint).

        Otherwise every file is stat-ed; unchanged files come from the cache's rows; up
        to ``OPEN_PARSE_LIMIT`` changed files are parsed here. If more are new or changed
        (first start, cache off), those wards are provisional until :meth:`complete`
        runs. Either way the repository is :attr:`is_complete` only once every file is
        known as it is now. Never raises for bad data.
        """
        register = register or load_register()
        repository = cls(data_dir, register)
        repository._cache = CorpusCache.for_data_dir(data_dir)
        saved = repository._saved_index()
        if saved is not None:
            # Shown as saved: the records the files are checked against stay encoded
            # until complete() checks them, in a worker.
            repository._saved = saved
            repository._snap = _Snapshot(data_dir, saved.wards, saved.errors, None,
                                         complete=False)
            return repository
        stats = _scan(data_dir)
        known = repository._known_records(stats)
        records: dict[str, _Record] = {}
        stale: list[str] = []
        pending = sorted(stats)
        if known is not None:
            records, pending, stale = known
        repository._stale = stale
        if len(pending) <= OPEN_PARSE_LIMIT:
            rows = [_parse_file(data_dir, relpath) for relpath in pending]
            repository._store(rows)
            records.update((row[0], _record_from_row(row)) for row in rows)
            pending = []
            if repository._cache is not None:
                repository._cache.forget(repository._stale)
            repository._stale = []
        else:
            for relpath in pending:
                records[relpath] = _quick_record(data_dir / relpath, stats[relpath])
        repository._records = records
        repository._pending = pending
        repository._install(records, complete=not pending)
        if not pending:
            repository._save_snapshot(records)
        return repository

    def _saved_index(self) -> SavedIndex | None:
        """The index snapshot, unverified; None if there is none (or it is unsound)."""
        self._from_snapshot = False
        cache = self._cache
        saved = cache.load_snapshot(self.register.fingerprint) if cache is not None else None
        if saved is None or not _listing_is_sound(saved):
            return None
        self._from_snapshot = True
        return saved

    def _known_records(
        self, stats: dict[str, FileStat]
    ) -> tuple[dict[str, _Record], list[str], list[str]] | None:
        """Records of the files whose cached rows are current, the files that need
        parsing (new or changed) and the cached files that are gone; None: no cache."""
        if self._cache is None:
            return None
        cached = self._cache.index()
        records: dict[str, _Record] = {}
        for relpath, row in cached.items():
            blob = row.summaries if row.unit_code is not None else None
            try:  # checked here, so that entries can decode them later without fail
                count = len(decode_summary_rows(blob)) if blob else 0
            except (EOFError, ValueError, TypeError):
                continue  # a damaged row: the file is parsed again
            records[relpath] = _Record(
                row.stat, row.unit_code, row.fact_count, count, blob or b"", row.error
            )
        known, pending, _gone = _verify(records, stats)
        return known, pending, [relpath for relpath in cached if relpath not in stats]

    def _save_snapshot(self, records: dict[str, _Record]) -> None:
        """Save a complete index for the next start (see :mod:`tui.cache`)."""
        snap = self._snap
        if self._cache is None or not snap.complete or any(
            r.summaries is None for r in records.values()
        ):
            return
        self._cache.save_snapshot(
            self.register.fingerprint,
            snap.wards,
            snap.error_rows,
            {
                relpath: (r.stat.size, r.stat.mtime_ns, r.code, r.fact_count,
                          r.article_count, r.summaries or b"", r.error)
                for relpath, r in records.items()
            },
        )

    def complete(self, progress: ProgressCallback | None = None) -> bool:
        """Check an index opened from the snapshot against the files, parse what is new
        or changed, fill the cache, then swap in the full index.

        Meant for a worker thread; ``progress(done, total)`` is called from it (so the
        app must post a message rather than touch widgets). Files are parsed in worker
        processes when there are many. A no-op when :attr:`is_complete`. Returns whether
        the index changed (False: the snapshot was right about every file).
        """
        with self._complete_lock:
            if self._snap.complete:
                if progress is not None:
                    progress(0, 0)
                return False
            records = dict(self._records)
            pending, stale = list(self._pending), list(self._stale)
            changed = True
            saved = self._saved
            if saved is not None:
                try:
                    records = _records_from_snapshot(saved.records())
                    damaged = False
                except (TypeError, ValueError):
                    records, damaged = {}, True  # every file is parsed again
                records, pending, stale = _verify(records, _scan(self.data_dir))
                changed = damaged or bool(pending or stale)
            for row in self._parse_many(pending, progress):
                records[row[0]] = _record_from_row(row)
            if self._cache is not None:
                self._cache.forget(stale)
            self._records, self._pending, self._stale = records, [], []
            self._saved = None
            if changed:
                self._install(records, complete=True)
                self._save_snapshot(records)
            else:
                snap = self._snap
                stats = {relpath: records[relpath].stat for relpath in snap.wards.relpaths}
                self._snap = replace(snap, stats=stats, complete=True)
            return changed

    @property
    def is_complete(self) -> bool:
        """True once every ward's articles are indexed (see :meth:`complete`)."""
        return self._snap.complete

    def _parse_many(self, relpaths: list[str], progress: ProgressCallback | None
                    ) -> Iterator[_Row]:
        total = len(relpaths)
        finished: set[str] = set()
        workers = min(os.cpu_count() or 1, 4)
        if total >= PARALLEL_PARSE_MIN and workers > 1:
            try:
                for row in _parse_in_processes(self.data_dir, relpaths, workers):
                    self._store([row])
                    finished.add(row[0])
                    if progress is not None and (len(finished) % 16 == 0):
                        progress(len(finished), total)
                    yield row
            except (OSError, ValueError, EOFError, TypeError):
                pass  # a worker failed: parse what is left in this thread
        remaining = [relpath for relpath in relpaths if relpath not in finished]
        done = len(finished)
        for start in range(0, len(remaining), 16):
            rows = _parse_batch(str(self.data_dir), remaining[start : start + 16])
            self._store(rows)
            done += len(rows)
            if progress is not None:
                progress(done, total)
            yield from rows
        if progress is not None:
            progress(total, total)

    def _store(self, rows: Iterable[_Row]) -> None:
        if self._cache is not None:
            self._cache.store(rows)

    def _install(self, records: dict[str, _Record], complete: bool) -> None:
        """List the wards and errors of ``records`` and swap them in as one snapshot."""
        wards: list[tuple[str, str, int, int, bytes, bool]] = []
        errors: list[ListedError] = []
        seen: dict[str, str] = {}
        if not self.data_dir.is_dir():
            errors.append(("", None, "data dir does not exist"))
        for relpath in sorted(records):
            record = records[relpath]
            if record.error is not None:
                errors.append((relpath, record.error[0], record.error[1]))
                continue
            code = record.code
            if code is None:
                continue  # provisional and unreadable at a glance: complete() will tell
            if self.register.basic(code) is None:
                errors.append((relpath, None, f"ward code {code} is not in the 2025 register"))
                continue
            if code in seen:
                errors.append(
                    (relpath, None, f"ward {code} is already filed in {seen[code]}")
                )
                continue
            seen[code] = relpath
            wards.append((code, relpath, record.article_count, record.fact_count,
                          record.summaries or b"", record.summaries is None))
        rank = self.register.rank
        wards.sort(key=lambda row: rank(row[0]))
        stats = {relpath: records[relpath].stat for relpath in seen.values()}
        self._snap = _Snapshot(self.data_dir, WardColumns.from_rows(wards), errors, stats,
                               complete)

    @classmethod
    def load(
        cls,
        data_dir: Path,
        register: Register | None = None,
        *,
        progress: ProgressCallback | None = None,
        keep_documents: int = 16,
    ) -> Repository:
        """Open ``data_dir`` and complete it: every ward indexed; broken files in ``errors``."""
        repository = cls.open(data_dir, register)
        repository._keep = max(repository._keep, keep_documents)
        repository.complete(progress)
        return repository

    # --- queries ------------------------------------------------------------------

    @property
    def errors(self) -> tuple[DataError, ...]:
        """Files that did not load (each names the file and, when known, the line)."""
        return self._snap.errors

    def entries(self) -> list[WardEntry]:
        """Wards that have a file, in Vietnamese order of province, then name."""
        return list(self._snap.order)

    def entry(self, code: str) -> WardEntry | None:
        return self._snap.entry(code)

    def article_totals(self) -> dict[str, int]:
        """Unit code -> ``WardEntry.article_total`` of every ward that has a file, in the
        order of :meth:`entries` (without making the entries: cheap at start-up)."""
        return dict(self._snap.totals)

    def article_count(self) -> int:
        """Articles indexed (while incomplete: only those of the parsed wards)."""
        snap = self._snap
        if snap.complete:
            return len(snap.article_ward)
        return sum(max(0, total) for total in snap.totals.values())

    def fingerprint(self) -> str | None:
        """A digest of every indexed file's path, size and mtime; None while incomplete.

        Equal fingerprints mean the same files: derived data (the search index) built
        for one fingerprint can be reused as it is.
        """
        snap = self._snap
        if not snap.complete or snap.stats is None:
            return None
        digest = hashlib.sha256()
        for relpath, stat in sorted(snap.stats.items()):
            digest.update(f"{relpath}\0{stat.size}\0{stat.mtime_ns}\n".encode())
        return digest.hexdigest()

    def ward_of_article(self, article_id: str) -> str | None:
        return self._snap.article_ward.get(article_id)

    def document(self, code: str) -> WardDocument | None:
        """The parsed file of ward ``code`` (from memory, the cache, or its YAML file).

        Raises :class:`DataError` if the file has become unreadable since it was indexed.
        """
        entry = self._snap.entry(code)
        if entry is None:
            return None
        with self._lock:
            cached = self._recent.get(entry.path)
            if cached is not None:
                self._recent.move_to_end(entry.path)
                return cached
        document = self._load_document(code, entry.path)
        with self._lock:
            self._recent[entry.path] = document
            while len(self._recent) > self._keep:
                self._recent.popitem(last=False)
        return document

    def _load_document(self, code: str, path: Path) -> WardDocument:
        """Read a ward's document, from the cache when it matches the file on disk."""
        from .wardfile import WardDocument, WardHeader, read_ward_file

        cache = self._cache
        if cache is None:
            return read_ward_file(path)
        relpath = path.relative_to(self.data_dir).as_posix()
        try:
            st = path.stat()
            blob = cache.document(relpath, FileStat(st.st_size, st.st_mtime_ns))
        except OSError:
            blob = None
        if blob is not None:
            try:
                header, articles, facts = decode_document(blob)
                return WardDocument(WardHeader(*header), articles, facts)
            except ValueError:
                pass  # damaged row: read the YAML and store it again
        row = _parse_file(self.data_dir, relpath)
        if row[5] is None:
            self._store([row])
        return read_ward_file(path) if row[6] is None else self._decode_row(row)

    @staticmethod
    def _decode_row(row: _Row) -> WardDocument:
        from .wardfile import WardDocument, WardHeader

        assert row[6] is not None
        header, articles, facts = decode_document(row[6])
        return WardDocument(WardHeader(*header), articles, facts)

    def ward(self, code: str) -> Ward | None:
        """Ward ``code`` with its register unit, articles and facts; None if unknown.

        A unit of the register with no file yet is returned with no articles.
        """
        from .models import Ward  # (see the note on imports in tui.units)

        # Until the register's details are loaded (a worker does it), use the basic unit:
        # get() would load them here, in the UI thread (50-270 ms).
        register = self.register
        unit = register.get(code) if register.enriched else register.basic(code)
        if unit is None:
            return None
        entry = self._snap.entry(code)
        document = self.document(code)
        if document is None or entry is None:
            return Ward(unit, ())
        return Ward(unit, document.articles, document.facts, str(entry.path))

    def article(self, article_id: str) -> Article | None:
        code = self._snap.article_ward.get(article_id)
        if code is None:
            return None
        document = self.document(code)
        if document is None:
            return None
        return next((a for a in document.articles if a.id == article_id), None)

    def iter_articles(self) -> Iterator[Article]:
        """Every article, ward by ward, for index building (any thread).

        Documents come from the cache or YAML without entering the recent-wards memory,
        so a full pass keeps memory flat. Call after :meth:`complete`.
        """
        for entry in self._snap.order:
            try:
                document = self._load_document(entry.unit_code, entry.path)
            except DataError:
                continue
            yield from document.articles

    def check(self) -> list[DataError]:
        """Every problem in the data dir: load errors, then semantic checks per file."""
        from .validate import check_document

        self.complete()
        problems = list(self.errors)
        seen: dict[str, Path] = {}
        for entry in self._snap.order:
            try:
                document = self._load_document(entry.unit_code, entry.path)
            except DataError as error:
                problems.append(error)
                continue
            problems.extend(check_document(document, entry.path, self.register, seen))
        return problems
