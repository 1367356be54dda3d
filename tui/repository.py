"""The data layer: a data dir of ward YAML files, loaded into models and indexed.

The app only ever talks to a :class:`Repository`; widgets receive models from it and
never see paths. Loading is per file: one broken file becomes a :class:`DataError` in
``Repository.errors`` and every other file still loads.

Start-up keeps only the index (ward -> article summaries) in memory; bodies are read
from their ward file on demand and a few recent wards are kept, so memory does not grow
with the corpus.
"""

from __future__ import annotations

import os
from collections import OrderedDict
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from threading import Lock

from .errors import DataError
from .models import Article, ArticleSummary, Ward
from .register import Register, load_register
from .text.collate import vietnamese_sort_key
from .validate import check_document
from .wardfile import WardDocument, read_ward_file

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
    root = data_dir / "wards"
    if not root.is_dir():
        return []
    return sorted(p for p in root.rglob("*.yaml") if not p.name.startswith("."))


@dataclass(frozen=True)
class WardEntry:
    """A ward of the index: its register unit, its file and its articles' summaries."""

    unit_code: str
    path: Path
    articles: tuple[ArticleSummary, ...]
    fact_count: int = 0


class Repository:
    """Wards and articles of one data dir, with load errors kept beside them."""

    def __init__(
        self,
        data_dir: Path,
        register: Register,
        entries: list[WardEntry],
        errors: list[DataError],
        documents: dict[Path, WardDocument] | None = None,
    ) -> None:
        self.data_dir = data_dir
        self.register = register
        self.errors: tuple[DataError, ...] = tuple(errors)
        self._entries = {entry.unit_code: entry for entry in entries}
        self._order = sorted(entries, key=self._entry_sort_key)
        self._article_ward = {
            summary.id: entry.unit_code for entry in entries for summary in entry.articles
        }
        self._recent: OrderedDict[Path, WardDocument] = OrderedDict(documents or {})
        self._lock = Lock()
        self._keep = max(8, len(self._recent))

    def _entry_sort_key(self, entry: WardEntry) -> tuple[object, ...]:
        unit = self.register.basic(entry.unit_code)
        assert unit is not None
        return (vietnamese_sort_key(unit.province), vietnamese_sort_key(unit.name))

    # --- loading ------------------------------------------------------------------

    @classmethod
    def load(
        cls,
        data_dir: Path,
        register: Register | None = None,
        *,
        progress: ProgressCallback | None = None,
        keep_documents: int = 64,
    ) -> Repository:
        """Read every ward file of ``data_dir``; broken files go to ``errors``."""
        register = register or load_register()
        entries: list[WardEntry] = []
        errors: list[DataError] = []
        documents: dict[Path, WardDocument] = {}
        if not data_dir.is_dir():
            errors.append(DataError(data_dir, None, "data dir does not exist"))
        paths = ward_files(data_dir)
        seen: dict[str, Path] = {}
        for done, path in enumerate(paths, 1):
            try:
                document = read_ward_file(path)
            except DataError as error:
                errors.append(error)
                continue
            finally:
                if progress is not None:
                    progress(done, len(paths))
            entry = cls._entry_for(document, path, register, seen, errors)
            if entry is None:
                continue
            entries.append(entry)
            if len(documents) < keep_documents:
                documents[path] = document
        return cls(data_dir, register, entries, errors, documents)

    @staticmethod
    def _entry_for(
        document: WardDocument,
        path: Path,
        register: Register,
        seen: dict[str, Path],
        errors: list[DataError],
    ) -> WardEntry | None:
        code = document.header.code
        if register.basic(code) is None:
            errors.append(DataError(path, None, f"ward code {code} is not in the 2025 register"))
            return None
        if code in seen:
            errors.append(DataError(path, None, f"ward {code} is already filed in {seen[code]}"))
            return None
        seen[code] = path
        return WardEntry(code, path, document.summaries(), len(document.facts))

    # --- queries ------------------------------------------------------------------

    def entries(self) -> list[WardEntry]:
        """Wards that have a file, in Vietnamese order of province, then name."""
        return list(self._order)

    def entry(self, code: str) -> WardEntry | None:
        return self._entries.get(code)

    def article_count(self) -> int:
        return len(self._article_ward)

    def ward_of_article(self, article_id: str) -> str | None:
        return self._article_ward.get(article_id)

    def document(self, code: str) -> WardDocument | None:
        """The parsed file of ward ``code`` (from memory or re-read from disk)."""
        entry = self._entries.get(code)
        if entry is None:
            return None
        with self._lock:
            cached = self._recent.get(entry.path)
            if cached is not None:
                self._recent.move_to_end(entry.path)
                return cached
        document = read_ward_file(entry.path)
        with self._lock:
            self._recent[entry.path] = document
            while len(self._recent) > self._keep:
                self._recent.popitem(last=False)
        return document

    def ward(self, code: str) -> Ward | None:
        """Ward ``code`` with its register unit, articles and facts; None if unknown.

        A unit of the register with no file yet is returned with no articles.
        """
        unit = self.register.get(code)
        if unit is None:
            return None
        document = self.document(code)
        if document is None:
            return Ward(unit, ())
        entry = self._entries[code]
        return Ward(unit, document.articles, document.facts, str(entry.path))

    def article(self, article_id: str) -> Article | None:
        code = self._article_ward.get(article_id)
        if code is None:
            return None
        document = self.document(code)
        if document is None:
            return None
        return next((a for a in document.articles if a.id == article_id), None)

    def iter_articles(self) -> Iterator[Article]:
        """Every article, ward by ward (reads files not in memory; for index building)."""
        for entry in self._order:
            try:
                document = self.document(entry.unit_code)
            except DataError:
                continue
            if document is not None:
                yield from document.articles

    def check(self) -> list[DataError]:
        """Every problem in the data dir: load errors, then semantic checks per file."""
        problems = list(self.errors)
        seen: dict[str, Path] = {}
        for entry in self._order:
            try:
                document = read_ward_file(entry.path)
            except DataError as error:
                problems.append(error)
                continue
            problems.extend(check_document(document, entry.path, self.register, seen))
        return problems
