"""Search every article of every ward: an SQLite FTS5 index over folded text.

Why FTS5, by measurement (``bench/search_bench.py``, 10,000 generated articles): an
in-memory inverted index of folded syllables answers in microseconds but costs over
100 MB, past the app's 150 MB budget; scanning folded text costs 22-94 ms a query. FTS5
keeps the index in a file (``":memory:"`` for tests), adds ~11 MB to the process, and
returns a ranked page of 50 hits with snippets in ~3 ms.

Layout: each block (the title is block 0, then the paragraphs) is one FTS5 row, in
``titles`` or ``bodies``, with the columns ``tui.search.fts`` describes. Its rowid is
``article_rowid << 16 | block``, so the article of a hit needs no join. The FTS5 tables
are contentless; the text as written is kept, zlib-compressed, in ``blocks``: for
snippets, and to delete rows (FTS5 wants the indexed values back, re-derived from it).
``vocab`` lists every indexed token, to expand the word being typed.

A hit is one matching block: corpus results list one line per paragraph, with a snippet
around its best match. ``total_hits`` counts matching blocks and ``total_articles``
distinct articles over the whole corpus. Counting reads every matching doclist, the one
cost that grows with the corpus, so ``search(count=False)`` plus ``count()`` lets a
caller show the page first.

Ranking: the tiers of ``tui.search.fts`` (exact accents when the query has accents, then
terms side by side, then titles), article order within a tier. Only the rows on the page
are read back and checked by the matcher, which also finds the highlight spans (whole
words, as the index matches them).

Threads: one connection, shared by a thread building the index and one searching it,
guarded by a lock; builds commit in batches so searches get in between, and
``interrupt()`` stops a search gone stale.
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
import threading
import zlib
from collections.abc import Callable, Iterable, Iterator, Sized
from contextlib import contextmanager
from pathlib import Path

from tui.search.fts import COLUMNS, MAX_SPELLINGS, Plan, index_block, plan_query
from tui.search.matcher import spans_in_text
from tui.search.query import Query, parse_query
from tui.search.results import DocLike, Hit, IndexedDoc, SearchResults, as_doc
from tui.search.snippet import snippet
from tui.text.fold import nfc

__all__ = [
    "CorpusIndex",
    "DocLike",
    "Hit",
    "IndexedDoc",
    "Progress",
    "SearchInterrupted",
    "SearchResults",
]

SCHEMA_VERSION = "1"
_BLOCK_BITS = 16
_MAX_BLOCKS = 1 << _BLOCK_BITS
# Indexing this tells whether the folds or column spellings changed since the index was
# written; if they did, stored rows could no longer be deleted, so the index is rebuilt.
_PROBE = (
    "ĐđÀÁẢÃẠàáảãạĂẰẮẲẴẶăằắẳẵặÂẦẤẨẪẬâầấẩẫậÈÉẺẼẸèéẻẽẹÊỀẾỂỄỆêềếểễệÌÍỈĨỊìíỉĩị"
    "ÒÓỎÕỌòóỏõọÔỒỐỔỖỘôồốổỗộƠỜỚỞỠỢơờớởỡợÙÚỦŨỤùúủũụƯỪỨỬỮỰưừứửữựỲÝỶỸỴỳýỷỹỵ"
)

Progress = Callable[[int, int], None]


class SearchInterrupted(Exception):
    """A search was abandoned through ``CorpusIndex.interrupt()``."""


def _pack(text: str) -> bytes:
    """Block text as stored: zlib keeps the copy we need for snippets to a third."""
    return zlib.compress(text.encode(), 1)


def _unpack(packed: bytes) -> str:
    return zlib.decompress(packed).decode()


_INSERT = f"INSERT INTO {{table}}(rowid, {', '.join(COLUMNS)}) VALUES (?, ?, ?, ?, ?)"
# A contentless FTS5 table forgets a row only when given back the values it indexed.
_DELETE = (
    f"INSERT INTO {{table}}({{table}}, rowid, {', '.join(COLUMNS)})"
    " VALUES ('delete', ?, ?, ?, ?, ?)"
)


class CorpusIndex:
    """Full-text index of the corpus, stored at ``path`` (a file, or ``":memory:"``)."""

    def __init__(self, path: str | os.PathLike[str] = ":memory:") -> None:
        self.path = str(path)
        self._lock = threading.RLock()
        self._cancel = threading.Event()
        self._in_search = False
        try:
            self._conn = self._connect()
        except sqlite3.DatabaseError:  # not a database, or damaged: it is only a cache
            if self.path == ":memory:":
                raise
            self._discard_file()
            self._conn = self._connect()

    @classmethod
    def open(cls, path: str | os.PathLike[str]) -> CorpusIndex:
        """Reuse the index at ``path`` if it was written by this version; see ``known()``."""
        return cls(path)

    @classmethod
    def build(
        cls,
        docs: Iterable[DocLike],
        path: str | os.PathLike[str] = ":memory:",
        progress: Progress | None = None,
    ) -> CorpusIndex:
        """A fresh index of ``docs`` at ``path`` (anything already there is dropped)."""
        index = cls(path)
        index.clear()
        index.add_many(docs, progress)
        index.optimize()
        return index

    # -- storage -----------------------------------------------------------------------

    def _connect(self) -> sqlite3.Connection:
        conn = sqlite3.connect(self.path, check_same_thread=False, isolation_level=None)
        conn.set_progress_handler(self._abort_statement, 2000)
        if self.path != ":memory:":
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA synchronous=NORMAL")
        tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master")}
        if "meta" in tables:
            meta = dict(conn.execute("SELECT key, value FROM meta"))
            if meta == self._meta():
                return conn
        self._create(conn)
        return conn

    def _discard_file(self) -> None:
        for suffix in ("", "-wal", "-shm"):
            Path(self.path + suffix).unlink(missing_ok=True)

    @staticmethod
    def _meta() -> dict[str, str]:
        probe = "\n".join(index_block(_PROBE + " " + _PROBE.lower())[0]).encode()
        digest = hashlib.sha1(probe, usedforsecurity=False).hexdigest()
        return {"schema": SCHEMA_VERSION, "columns": digest}

    def _create(self, conn: sqlite3.Connection) -> None:
        fts_options = (
            f"{', '.join(COLUMNS)}, content='', columnsize=0,"
            " tokenize='unicode61 remove_diacritics 0', prefix='1'"
        )
        conn.executescript(
            f"""
            DROP TABLE IF EXISTS meta;
            DROP TABLE IF EXISTS articles;
            DROP TABLE IF EXISTS blocks;
            DROP TABLE IF EXISTS vocab;
            DROP TABLE IF EXISTS titles;
            DROP TABLE IF EXISTS bodies;
            CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
            CREATE TABLE articles(
                id INTEGER PRIMARY KEY,
                article_id TEXT NOT NULL UNIQUE,
                ward_code TEXT NOT NULL,
                title TEXT NOT NULL,
                content_hash TEXT NOT NULL
            );
            CREATE TABLE blocks(id INTEGER PRIMARY KEY, text BLOB NOT NULL);
            CREATE TABLE vocab(
                kind TEXT NOT NULL, token TEXT NOT NULL, PRIMARY KEY (kind, token)
            ) WITHOUT ROWID;
            CREATE VIRTUAL TABLE titles USING fts5({fts_options});
            CREATE VIRTUAL TABLE bodies USING fts5({fts_options});
            """
        )
        conn.executemany("INSERT INTO meta VALUES (?, ?)", self._meta().items())

    def close(self) -> None:
        with self._lock:
            self._conn.close()

    def __enter__(self) -> CorpusIndex:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    # -- updates -----------------------------------------------------------------------

    def clear(self) -> None:
        """Drop every article."""
        with self._lock:
            self._create(self._conn)

    def known(self) -> dict[str, str]:
        """Article id -> content hash of every article indexed, to find what changed."""
        with self._lock:
            return dict(self._conn.execute("SELECT article_id, content_hash FROM articles"))

    def __len__(self) -> int:
        with self._lock:
            return int(self._conn.execute("SELECT count(*) FROM articles").fetchone()[0])

    def add(self, doc: DocLike) -> None:
        """Index one article, replacing any earlier version with the same id."""
        self._write([as_doc(doc)])

    def add_many(
        self, docs: Iterable[DocLike], progress: Progress | None = None, batch_size: int = 100
    ) -> int:
        """Index ``docs`` in batches; ``progress(done, total)`` after each (total 0: unknown).

        Each batch is one transaction, and the lock is free between batches, so a search
        running meanwhile waits at most one batch and sees the articles indexed so far.
        """
        total = len(docs) if isinstance(docs, Sized) else 0
        done = 0
        batch: list[IndexedDoc] = []
        for doc in docs:
            batch.append(as_doc(doc))
            if len(batch) >= batch_size:
                done += self._write(batch)
                batch = []
                if progress is not None:
                    progress(done, total)
        if batch:
            done += self._write(batch)
        if progress is not None:
            progress(done, total)
        return done

    def remove(self, article_id: str) -> bool:
        """Drop one article; False if it was not indexed."""
        with self._lock:
            self._conn.execute("BEGIN")
            try:
                removed = self._remove_locked(article_id)
            except BaseException:
                self._conn.execute("ROLLBACK")
                raise
            self._conn.execute("COMMIT")
        return removed

    def optimize(self) -> None:
        """Merge the FTS5 segments (faster queries) and fold the write-ahead log into the file."""
        with self._lock:
            for table in ("titles", "bodies"):
                self._conn.execute(f"INSERT INTO {table}({table}) VALUES ('optimize')")
            if self.path != ":memory:":
                self._conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")

    def _write(self, docs: list[IndexedDoc]) -> int:
        prepared = []
        vocab: dict[str, set[str]] = {column: set() for column in COLUMNS}
        for doc in docs:
            if len(doc.blocks) > _MAX_BLOCKS:
                raise ValueError(f"article {doc.article_id} has more than {_MAX_BLOCKS} blocks")
            texts = [nfc(text) for text in doc.blocks]
            values = []
            for text in texts:
                columns, block_tokens = index_block(text)
                values.append(columns)
                for column, found in block_tokens.items():
                    vocab[column].update(found)
            prepared.append((doc, texts, values))
        with self._lock:
            conn = self._conn
            conn.execute("BEGIN")
            try:
                for doc, texts, values in prepared:
                    self._remove_locked(doc.article_id)
                    cursor = conn.execute(
                        "INSERT INTO articles(article_id, ward_code, title, content_hash)"
                        " VALUES (?, ?, ?, ?)",
                        (doc.article_id, doc.ward_code, nfc(doc.title), doc.hash),
                    )
                    base = int(cursor.lastrowid or 0) << _BLOCK_BITS
                    conn.executemany(
                        "INSERT INTO blocks(id, text) VALUES (?, ?)",
                        [(base + i, _pack(text)) for i, text in enumerate(texts)],
                    )
                    rows = [(base + i, *columns) for i, columns in enumerate(values)]
                    conn.executemany(_INSERT.format(table="titles"), rows[:1])
                    conn.executemany(_INSERT.format(table="bodies"), rows[1:])
                for column, tokens in vocab.items():
                    conn.executemany(
                        "INSERT OR IGNORE INTO vocab VALUES (?, ?)",
                        [(column, token) for token in sorted(tokens)],
                    )
            except BaseException:
                conn.execute("ROLLBACK")
                raise
            conn.execute("COMMIT")
        return len(prepared)

    def _remove_locked(self, article_id: str) -> bool:
        conn = self._conn
        row = conn.execute("SELECT id FROM articles WHERE article_id = ?", (article_id,)).fetchone()
        if row is None:
            return False
        base = int(row[0]) << _BLOCK_BITS
        blocks = conn.execute(
            "SELECT id, text FROM blocks WHERE id >= ? AND id < ?", (base, base + _MAX_BLOCKS)
        ).fetchall()
        for rowid, packed in blocks:
            table = "titles" if rowid == base else "bodies"
            conn.execute(_DELETE.format(table=table), (rowid, *index_block(_unpack(packed))[0]))
        conn.execute("DELETE FROM blocks WHERE id >= ? AND id < ?", (base, base + _MAX_BLOCKS))
        conn.execute("DELETE FROM articles WHERE id = ?", (row[0],))
        return True

    # -- search ------------------------------------------------------------------------

    def search(
        self,
        query: Query | str,
        limit: int = 50,
        offset: int = 0,
        snippet_width: int = 80,
        count: bool = True,
    ) -> SearchResults:
        """Rank the blocks matching ``query``; return hits ``offset`` to ``offset + limit``.

        With ``count=False`` the totals are -1: counting reads every matching doclist,
        the one cost that grows with the corpus (10-50 ms for the commonest words at
        10,000 articles), so a caller can show the page first and call ``count()`` next.
        """
        if isinstance(query, str):
            query = parse_query(query)
        with self._searching():
            plan = plan_query(query, self._expand)
            if plan is None:
                return SearchResults(query, 0, 0, ())
            hits = self._ranked(query, plan, offset + limit, snippet_width)
            total_hits, total_articles = self._count(plan) if count else (-1, -1)
        return SearchResults(
            query, total_hits, total_articles, tuple(hits[offset:]), exact=plan.exact
        )

    def count(self, query: Query | str) -> tuple[int, int]:
        """(matching blocks, distinct articles) over the whole corpus."""
        if isinstance(query, str):
            query = parse_query(query)
        with self._searching():
            plan = plan_query(query, self._expand)
            return (0, 0) if plan is None else self._count(plan)

    def interrupt(self) -> None:
        """Make the search running in another thread raise ``SearchInterrupted`` soon.

        For a query gone stale while the user types. Only searches stop: a build batch
        running instead is left alone, and the next search starts afresh.
        """
        self._cancel.set()

    @contextmanager
    def _searching(self) -> Iterator[None]:
        with self._lock:
            self._cancel.clear()
            self._in_search = True
            try:
                yield
            except sqlite3.OperationalError as error:
                if self._cancel.is_set():
                    raise SearchInterrupted from error
                raise
            finally:
                self._in_search = False

    def _abort_statement(self) -> int:
        """SQLite progress handler: non-zero aborts the running statement."""
        return int(self._in_search and self._cancel.is_set())

    def _expand(self, column: str, prefix: str) -> list[str] | None:
        rows = self._conn.execute(
            "SELECT token FROM vocab WHERE kind = ? AND token >= ? AND token < ? LIMIT ?",
            (column, prefix, prefix + "\U0010ffff", MAX_SPELLINGS + 1),
        ).fetchall()
        return None if len(rows) > MAX_SPELLINGS else [row[0] for row in rows]

    def _count(self, plan: Plan) -> tuple[int, int]:
        sql = (
            "SELECT count(*), count(DISTINCT a) FROM ("
            f"SELECT rowid >> {_BLOCK_BITS} AS a FROM titles WHERE titles MATCH ?"
            f" UNION ALL SELECT rowid >> {_BLOCK_BITS} FROM bodies WHERE bodies MATCH ?)"
        )
        hits, articles = self._conn.execute(sql, (plan.everything, plan.everything)).fetchone()
        return int(hits), int(articles)

    def _ranked(self, query: Query, plan: Plan, wanted: int, width: int) -> list[Hit]:
        """Walk the tiers in order, reading rows in chunks until ``wanted`` hits check out."""
        hits: list[Hit] = []
        articles: dict[int, tuple[str, str, str]] = {}
        for tier in plan.tiers:
            sql = f"SELECT rowid FROM {tier.table} WHERE {tier.table} MATCH ? AND rowid > ? LIMIT ?"
            after = -1
            while len(hits) < wanted:
                chunk = max(16, wanted - len(hits))
                rows = [row[0] for row in self._conn.execute(sql, (tier.expression, after, chunk))]
                for rowid, text in self._texts(rows):
                    hit = self._hit(query, rowid, text, tier.score, articles, width)
                    if hit is not None:
                        hits.append(hit)
                if len(rows) < chunk:
                    break
                after = rows[-1]
            if len(hits) >= wanted:
                break
        return hits[:wanted]

    def _texts(self, rowids: list[int]) -> list[tuple[int, str]]:
        if not rowids:
            return []
        marks = ", ".join("?" * len(rowids))
        found = dict(
            self._conn.execute(f"SELECT id, text FROM blocks WHERE id IN ({marks})", rowids)
        )
        return [(rowid, _unpack(found[rowid])) for rowid in rowids if rowid in found]

    def _hit(
        self,
        query: Query,
        rowid: int,
        text: str,
        score: int,
        articles: dict[int, tuple[str, str, str]],
        width: int,
    ) -> Hit | None:
        spans = spans_in_text(query, text, whole_words=True)
        if not spans:  # FTS5 is a little looser (a phrase across punctuation): skip
            return None
        article = rowid >> _BLOCK_BITS
        if article not in articles:
            articles[article] = self._conn.execute(
                "SELECT article_id, ward_code, title FROM articles WHERE id = ?", (article,)
            ).fetchone()
        article_id, ward_code, title = articles[article]
        # The widest span holds the most terms side by side: the best one to show.
        start, end = max(spans, key=lambda span: (span[1] - span[0], -span[0]))
        cut, cut_spans = snippet(text, spans, width, focus=(start, end))
        return Hit(
            article_id,
            ward_code,
            title,
            rowid & (_MAX_BLOCKS - 1),
            start,
            end,
            cut,
            cut_spans,
            score,
        )
