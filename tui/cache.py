"""A disposable cache of parsed ward files, so a large data dir opens without parsing YAML.

The YAML files stay the source of truth. For each data dir (keyed by a hash of its resolved
path) one SQLite file in the user cache dir holds, per ward file keyed by its relative
path, size and ``mtime_ns``: the index data (unit code, article summaries, fact count) or
the load error, and the parsed document as compressed ``marshal`` data (plain tuples,
never pickle). A row whose size or mtime no longer match is ignored, so editing, adding or
deleting a file is seen on the next start.

Beside the SQLite file, an *index snapshot* (``corpus-<key>.index``) holds the index as
the app lists it (wards in display order, load errors) and every file's index data, as
one ``marshal`` blob behind a CRC, for the first paint: at 10,000 articles reading,
checking and loading it takes ~5 ms here, several times less than reading and decoding
the same rows from SQLite, and it needs no SQLite connection. It is
written only once every file is known as it is, and the repository checks each file's
size and mtime against it right after the first paint (see ``Repository.open``): it can
be stale for that moment, never taken as current.

The cache is never required: when it is missing, corrupt, of another schema version or
written by other parsing code (see :func:`cache_version`) it is rebuilt; when that fails
too, or ``WARD_READER_NO_CACHE=1``, every method quietly does nothing and the repository
reads YAML. Corrupt blobs are caught by zlib's checksum.

Thread safety: one :class:`CorpusCache` may be used from several threads; each thread
gets its own SQLite connection (WAL mode lets readers run while a writer commits).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import marshal
import os
import threading
import zlib
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple, cast

if TYPE_CHECKING:
    # Imported in the methods that use it: a warm start served by the snapshot never
    # opens the cache, and importing sqlite3 costs ~2 ms before the first frame.
    import sqlite3

    from .models import Article, ArticleSummary, Fact

__all__ = [
    "CACHE_DIR_ENV",
    "NO_CACHE_ENV",
    "SCHEMA_VERSION",
    "CachedFile",
    "CorpusCache",
    "FileStat",
    "cache_root",
    "encode_document",
    "decode_document",
    "encode_summaries",
    "SummaryRow",
    "SnapshotRecord",
    "WardColumns",
    "ListedError",
    "SavedIndex",
    "decode_summary_rows",
    "summaries_from_rows",
]

CACHE_DIR_ENV = "WARD_READER_CACHE_DIR"
NO_CACHE_ENV = "WARD_READER_NO_CACHE"
#: Bump when the layout of rows or blobs changes: older caches are then rebuilt.
SCHEMA_VERSION = "3"

_SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE files (
    path TEXT PRIMARY KEY,      -- relative to the data dir, POSIX separators
    size INTEGER NOT NULL,
    mtime_ns INTEGER NOT NULL,
    unit_code TEXT,             -- NULL when the file did not load
    fact_count INTEGER NOT NULL,
    summaries BLOB,             -- marshal([(id, title, date ordinal or None), ...])
    error BLOB,                 -- marshal((line or None, reason)) when the file did not load
    document BLOB               -- zlib(marshal(document tuples)), see encode_document
);
"""


def cache_root() -> Path | None:
    """Where caches live: ``$WARD_READER_CACHE_DIR``, else the user cache dir; None if off."""
    if os.environ.get(NO_CACHE_ENV, "").strip() not in ("", "0"):
        return None
    override = os.environ.get(CACHE_DIR_ENV)
    if override:
        return Path(override)
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("ward-reader", appauthor=False))


class FileStat(NamedTuple):
    """What identifies one version of a ward file."""

    size: int
    mtime_ns: int


class CachedFile(NamedTuple):
    """A ward file's row: index data, or the error it failed with."""

    stat: FileStat
    unit_code: str | None
    fact_count: int
    summaries: bytes | None
    error: tuple[int | None, str] | None


# --- plain-data encodings -------------------------------------------------------------


def encode_summaries(articles: Iterable[Article]) -> bytes:
    return marshal.dumps(
        [(a.id, a.title, a.date.toordinal() if a.date else None) for a in articles]
    )


#: One article summary as stored: (id, title, date ordinal or None).
SummaryRow = tuple[str, str, int | None]

#: One file in the index snapshot, plain data for ``marshal``: (size, mtime_ns, unit
#: code, fact count, article count, encoded summary rows (:func:`encode_summaries`),
#: error (line, reason) or None). The rows stay encoded so that loading the snapshot
#: does not build 10,000 tuples the first screen does not show.
SnapshotRecord = tuple[int, int, str | None, int, int, bytes, tuple[int | None, str] | None]
#: A file that did not load, as the index lists it: (relative path, line, reason).
ListedError = tuple[str, int | None, str]
#: Bump when the snapshot changes shape. The snapshot also carries ``SCHEMA_VERSION``
#: and the parser's key: rows parsed for another schema, or by other parsing code, are
#: never taken from it either.
SNAPSHOT_FORMAT = "index-3"


class WardColumns(NamedTuple):
    """The wards the index lists, in display order, a list per field: ``marshal`` loads
    six lists faster than 3,321 tuples, and each list's types check in one C-speed pass
    (``set(map(type, column))``)."""

    codes: list[str]
    relpaths: list[str]
    article_counts: list[int]
    fact_counts: list[int]
    summaries: list[bytes]  # encoded summary rows (:func:`encode_summaries`)
    provisional: list[bool]

    @classmethod
    def from_rows(cls, rows: Iterable[tuple[str, str, int, int, bytes, bool]]) -> WardColumns:
        columns = [list(column) for column in zip(*rows, strict=True)]
        return cls(*columns) if columns else cls([], [], [], [], [], [])

    def is_sound(self) -> bool:
        """Six lists of one length, each of its own type only (from a writer's bug, not
        damage: a CRC and the version guard the snapshot against that)."""
        kinds: tuple[type, ...] = (str, str, int, int, bytes, bool)
        columns: tuple[object, ...] = tuple(self)
        if not all(isinstance(column, list) for column in columns):
            return False
        lists = cast("list[list[object]]", list(columns))
        return len({len(column) for column in lists}) == 1 and all(
            set(map(type, column)) <= {kind}
            for column, kind in zip(lists, kinds, strict=True)
        )


class SavedIndex(NamedTuple):
    """The index snapshot as loaded: the listing the first frame shows, decoded; each
    file's record (which the files are checked against after that frame), not yet."""

    wards: WardColumns
    errors: list[ListedError]
    records_blob: bytes

    def records(self) -> dict[str, SnapshotRecord]:
        """Relative path -> record; raises ValueError if they do not decode to a dict."""
        try:
            records = marshal.loads(self.records_blob)
        except (EOFError, ValueError, TypeError) as error:
            raise ValueError(f"damaged snapshot records: {error}") from error
        if not isinstance(records, dict):
            raise ValueError("damaged snapshot records")
        return records


#: The modules whose code decides what a parsed file is: when one changes (an upgrade,
#: an edit), every file is read again rather than served as an older parser read it.
_PARSER_MODULES = ("wardfile.py", "models.py", "units.py", "cache.py", "repository.py")


@lru_cache(maxsize=1)
def cache_version() -> str:
    """``SCHEMA_VERSION`` and a digest of the parser modules' sizes and mtimes."""
    here = Path(__file__).resolve().parent
    parts = [SCHEMA_VERSION]
    for name in _PARSER_MODULES:
        try:
            st = (here / name).stat()
            parts.append(f"{name}:{st.st_size}:{st.st_mtime_ns}")
        except OSError:
            parts.append(f"{name}:?")
    return hashlib.sha256("|".join(parts).encode()).hexdigest()[:16]


def decode_summary_rows(blob: bytes) -> tuple[SummaryRow, ...]:
    """The stored rows, checked for shape (a damaged blob raises ValueError)."""
    rows = tuple(marshal.loads(blob))
    for row in rows:
        if not (
            isinstance(row, tuple)
            and len(row) == 3
            and isinstance(row[0], str)
            and isinstance(row[1], str)
            and (row[2] is None or (isinstance(row[2], int) and 0 < row[2] < 4_000_000))
        ):
            raise ValueError("damaged article summaries")
    return rows


def summaries_from_rows(rows: Iterable[SummaryRow], ward_code: str) -> tuple[ArticleSummary, ...]:
    from .models import ArticleSummary  # (see the note on imports in tui.units)

    return tuple(
        ArticleSummary(id_, ward_code, title, dt.date.fromordinal(day) if day else None)
        for id_, title, day in rows
    )



def _encode_value(value: Any) -> Any:
    if isinstance(value, dt.date):
        return ("date", value.toordinal())
    if isinstance(value, tuple):
        return ("list", value)
    return value


def _decode_value(value: Any) -> Any:
    if isinstance(value, tuple):
        kind, payload = value
        return dt.date.fromordinal(payload) if kind == "date" else tuple(payload)
    return value


def encode_document(header: tuple[str, str, str, str], articles: Iterable[Article],
                    facts: Iterable[Fact]) -> bytes:
    """A ward document as compressed marshal data of plain tuples."""
    data = (
        header,
        [
            (
                a.id, a.title, a.date.toordinal() if a.date else None, a.outlet, a.byline,
                a.url, a.source_name, a.content_hash, a.raw,
                [(p.kind, p.text) for p in a.paragraphs],
            )
            for a in articles
        ],
        [
            (f.key, _encode_value(f.value), f.article_id, f.quote, f.unit, f.qualifier, f.note)
            for f in facts
        ],
    )
    return zlib.compress(marshal.dumps(data), 1)


def decode_document(
    blob: bytes,
) -> tuple[tuple[str, str, str, str], list[Article], list[Fact]]:
    """The inverse of :func:`encode_document`; raises ValueError on damaged data."""
    from .models import Article, Fact, Paragraph  # (see the note on imports in tui.units)

    try:
        header, articles, facts = marshal.loads(zlib.decompress(blob))
        code = header[0]
        return (
            tuple(header),
            [
                Article(
                    id=id_, ward_code=code, title=title,
                    date=dt.date.fromordinal(day) if day else None,
                    paragraphs=tuple(Paragraph(kind, text) for kind, text in paragraphs),
                    raw=raw, outlet=outlet, byline=byline, url=url, source_name=source,
                    content_hash=content_hash,
                )
                for id_, title, day, outlet, byline, url, source, content_hash, raw, paragraphs
                in articles
            ],
            [
                Fact(key, _decode_value(value), article, quote, unit, qualifier, note)
                for key, value, article, quote, unit, qualifier, note in facts
            ],
        )
    except (zlib.error, EOFError, TypeError, ValueError) as error:
        raise ValueError(f"damaged cache entry: {error}") from None


# --- the cache file -------------------------------------------------------------------


class CorpusCache:
    """The cache of one data dir. Every method swallows cache failures (see module doc)."""

    def __init__(self, path: Path, data_dir: Path, resolved: str = "") -> None:
        self.path = path
        self.data_dir = data_dir
        self._resolved = resolved or str(data_dir)
        self._local = threading.local()
        self._broken = False
        self._write_lock = threading.Lock()
        self._ready_lock = threading.Lock()
        self._usable: bool | None = None  # None: the SQLite file is not checked yet

    @classmethod
    def for_data_dir(cls, data_dir: Path) -> CorpusCache | None:
        """The cache of ``data_dir``; None if caching is off.

        No file is touched here: the SQLite file is checked (created or rebuilt as
        needed) when first used, so a warm start served by the snapshot never opens it.
        """
        root = cache_root()
        if root is None:
            return None
        try:
            resolved = str(data_dir.resolve())
        except OSError:
            return None
        key = hashlib.sha256(resolved.encode()).hexdigest()[:16]
        return cls(root / f"corpus-{key}.sqlite3", data_dir, resolved)

    def _ready(self, resolved: str) -> bool:
        import sqlite3

        for _ in range(2):
            try:
                self.path.parent.mkdir(parents=True, exist_ok=True)
                connection = self._connect()
                rows = dict(connection.execute("SELECT key, value FROM meta").fetchall())
                if rows.get("schema") == cache_version():
                    return True
                raise sqlite3.DatabaseError(f"schema {rows.get('schema')!r}")
            except (sqlite3.Error, OSError, ValueError):
                self._discard()
                try:
                    self._create(resolved)
                    return True
                except (sqlite3.Error, OSError):
                    self._discard()
        self._broken = True
        return False

    def _connection(self) -> sqlite3.Connection:
        """This thread's connection to a checked cache file (checked on first use)."""
        import sqlite3

        with self._ready_lock:
            if self._usable is None:
                self._usable = self._ready(self._resolved)
        if not self._usable:
            raise sqlite3.OperationalError(f"cache {self.path} is not usable")
        return self._connect()

    def _connect(self) -> sqlite3.Connection:
        import sqlite3

        connection: sqlite3.Connection | None = getattr(self._local, "connection", None)
        if connection is None:
            connection = sqlite3.connect(self.path, timeout=5.0)
            connection.execute("PRAGMA journal_mode=WAL")
            connection.execute("PRAGMA synchronous=NORMAL")
            self._local.connection = connection
        return connection

    def _create(self, resolved: str) -> None:
        # A new (or rebuilt) cache file: the snapshot saved beside the old one goes too,
        # so deleting the cache, or a schema change, means every file is read again.
        try:
            self.snapshot_path.unlink(missing_ok=True)
        except OSError:
            pass
        connection = self._connect()
        with connection:
            connection.executescript(_SCHEMA)
            connection.executemany(
                "INSERT INTO meta VALUES (?, ?)",
                [("schema", cache_version()), ("data_dir", resolved)],
            )

    @property
    def snapshot_path(self) -> Path:
        return self.path.with_suffix(".index")

    def load_snapshot(self, listing_key: str) -> SavedIndex | None:
        """The index as last saved by :meth:`save_snapshot` with the same ``listing_key``
        (what the listing was made with: the register); None if missing or damaged."""
        if self._broken:
            return None
        try:
            blob = self.snapshot_path.read_bytes()
        except OSError:
            return None
        # A CRC catches a damaged or truncated file as surely here as a cryptographic
        # digest would, at a quarter of the cost (0.45 ms against 1.7 ms at 1.4 MB).
        payload = memoryview(blob)[4:]  # (not a 1.4 MB copy)
        if zlib.crc32(payload).to_bytes(4, "big") != blob[:4]:
            return None
        try:
            version, wards, errors, records_blob = marshal.loads(payload)
        except (EOFError, ValueError, TypeError):
            return None
        if version != (SNAPSHOT_FORMAT, cache_version(), listing_key) or not (
            isinstance(wards, tuple) and len(wards) == len(WardColumns._fields)
            and isinstance(errors, list) and isinstance(records_blob, bytes)
        ):
            return None
        return SavedIndex(WardColumns(*wards), errors, records_blob)

    def save_snapshot(
        self,
        listing_key: str,
        wards: WardColumns,
        errors: list[ListedError],
        records: dict[str, SnapshotRecord],
    ) -> None:
        """Replace the index snapshot atomically; failures only cost speed next time."""
        if self._broken:
            return
        try:
            payload = marshal.dumps(
                ((SNAPSHOT_FORMAT, cache_version(), listing_key), tuple(wards), errors,
                 marshal.dumps(records))
            )
        except ValueError:
            return
        blob = zlib.crc32(payload).to_bytes(4, "big") + payload
        temp = self.snapshot_path.with_name(f".{self.snapshot_path.name}.{os.getpid()}")
        try:
            temp.parent.mkdir(parents=True, exist_ok=True)
            temp.write_bytes(blob)
            os.replace(temp, self.snapshot_path)
        except OSError:
            temp.unlink(missing_ok=True)

    def _discard(self) -> None:
        import sqlite3

        connection = getattr(self._local, "connection", None)
        if connection is not None:
            try:
                connection.close()
            except sqlite3.Error:
                pass
            self._local.connection = None
        for suffix in ("", "-wal", "-shm", "-journal"):
            try:
                Path(f"{self.path}{suffix}").unlink(missing_ok=True)
            except OSError:
                pass

    def _fail(self) -> None:
        """Stop using a cache that misbehaves mid-session (YAML takes over)."""
        self._broken = True

    # --- reading --------------------------------------------------------------------

    def index(self) -> dict[str, CachedFile]:
        """Every cached file's row (without documents), by relative path."""
        import sqlite3

        if self._broken:
            return {}
        try:
            rows = self._connection().execute(
                "SELECT path, size, mtime_ns, unit_code, fact_count, summaries, error FROM files"
            )
            return {
                path: CachedFile(
                    FileStat(size, mtime_ns), unit_code, fact_count, summaries,
                    marshal.loads(error) if error is not None else None,
                )
                for path, size, mtime_ns, unit_code, fact_count, summaries, error in rows
            }
        except (sqlite3.Error, EOFError, ValueError, TypeError):
            self._fail()
            return {}

    def document(self, relpath: str, stat: FileStat) -> bytes | None:
        """The encoded document of ``relpath`` if cached for exactly this ``stat``."""
        import sqlite3

        if self._broken:
            return None
        try:
            row = self._connection().execute(
                "SELECT document FROM files WHERE path = ? AND size = ? AND mtime_ns = ?",
                (relpath, stat.size, stat.mtime_ns),
            ).fetchone()
        except sqlite3.Error:
            self._fail()
            return None
        return row[0] if row is not None else None

    # --- writing --------------------------------------------------------------------

    def store(
        self,
        rows: Iterable[tuple[str, FileStat, str | None, int, bytes | None,
                             tuple[int | None, str] | None, bytes | None]],
    ) -> None:
        """Insert or replace rows: (relpath, stat, unit code, facts, summaries, error, doc)."""
        if self._broken:
            return
        values = [
            (
                relpath, stat.size, stat.mtime_ns, code, facts, summaries,
                marshal.dumps(error) if error is not None else None, document,
            )
            for relpath, stat, code, facts, summaries, error, document in rows
        ]
        self._write("INSERT OR REPLACE INTO files VALUES (?, ?, ?, ?, ?, ?, ?, ?)", values)

    def forget(self, relpaths: Iterable[str]) -> None:
        """Drop the rows of files that no longer exist."""
        if self._broken:
            return
        self._write("DELETE FROM files WHERE path = ?", [(p,) for p in relpaths])

    def _write(self, sql: str, values: list[tuple[Any, ...]]) -> None:
        import sqlite3

        if not values:
            return
        try:
            with self._write_lock:
                connection = self._connection()
                with connection:
                    connection.executemany(sql, values)
        except sqlite3.Error:
            self._fail()
