"""Import article files into a data dir: decode, clean, resolve the ward, extract facts, file.

Each file is handled on its own: a bad file fails with a reason and the others go on.
Writes go through :func:`tui.wardfile.write_ward_file` (temp file + rename), and the new
document is checked with :func:`tui.validate.check_document` before it is written, so an
import never leaves a data dir that ``ward-reader check`` rejects.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import DataError, ImportFailure
from ..models import Article, Fact, RegisterUnit
from ..register import Register, load_register
from ..repository import ward_files
from ..text.fold import strip_control
from ..validate import check_document, quote_in_article, value_agrees_with_quote
from ..wardfile import WardDocument, WardHeader, read_ward_file, ward_file_path, write_ward_file
from .clean import clean_text
from .decode import MAX_BYTES, decode_bytes, read_file
from .facts import extract_facts
from .resolve import ResolveError, resolve_unit

__all__ = [
    "Prepared",
    "FileResult",
    "prepare_article",
    "Importer",
    "import_files",
    "article_id_for",
]

_SEED_NAME = re.compile(r"^\d+_([0-9a-f]{16})\.txt$")


@dataclass
class Prepared:
    article: Article
    unit: RegisterUnit
    facts: list[Fact]
    warnings: list[str] = field(default_factory=list)


@dataclass
class FileResult:
    path: Path
    status: str  # imported, replaced, unchanged, skipped, failed
    unit: RegisterUnit | None = None
    article_id: str | None = None
    facts: int = 0
    warnings: list[str] = field(default_factory=list)
    error: str | None = None
    ward_file: Path | None = None

    @property
    def failed(self) -> bool:
        return self.status == "failed"

    @property
    def skipped(self) -> bool:
        """A changed version of a known article, not written (no ``--replace``)."""
        return self.status == "skipped"


def article_id_for(path: Path, data: bytes) -> str:
    """The seed's id when the file is named ``NNN_<16 hex>.txt``, else a content hash."""
    match = _SEED_NAME.match(path.name)
    if match:
        return match.group(1)
    return hashlib.sha256(data).hexdigest()[:16]


def prepare_article(
    path: Path,
    register: Register,
    *,
    ward: str | None = None,
    province: str | None = None,
    limit: int = MAX_BYTES,
) -> Prepared:
    """Everything an import needs from one file; :class:`ImportFailure` if it cannot be."""
    data = read_file(path, limit)
    decoded = decode_bytes(data, path)
    cleaned = clean_text(decoded.text)
    warnings = [*decoded.warnings, *cleaned.warnings]
    if not cleaned.paragraphs:
        raise ImportFailure(path, "no article text left after cleaning")
    text = "\n".join([cleaned.title, *(p.text for p in cleaned.paragraphs if p.kind != "byline")])
    try:
        resolution = resolve_unit(text, register, ward=ward, province=province)
    except ResolveError as error:
        reason = error.reason
        if error.candidates:
            listed = "; ".join(
                f"{u.code} {u.unit_type} {u.name.strip()} ({u.province})" for u in error.candidates
            )
            reason += f". Candidates: {listed}"
        raise ImportFailure(path, reason) from None
    warnings.extend(resolution.warnings)
    unit = resolution.unit
    article = Article(
        id=article_id_for(path, data),
        ward_code=unit.code,
        title=cleaned.title,
        date=cleaned.date,
        paragraphs=tuple(cleaned.paragraphs),
        raw=decoded.raw,
        outlet=cleaned.outlet,
        byline=cleaned.byline,
        source_name=strip_control(path.name),
        content_hash="sha256:" + hashlib.sha256(data).hexdigest(),
    )
    facts = []
    for fact in extract_facts(article, unit, restrict=bool(resolution.other_units)):
        if quote_in_article(fact.quote, article) and value_agrees_with_quote(fact):
            facts.append(fact)
        else:
            warnings.append(f"dropped fact {fact.key}: its value does not check against its quote")
    return Prepared(article, unit, facts, warnings)


class Importer:
    """Imports files into one data dir, keeping an index of the articles already there."""

    def __init__(
        self,
        data_dir: Path,
        register: Register | None = None,
        *,
        replace: bool = False,
        ward: str | None = None,
        province: str | None = None,
    ) -> None:
        self.data_dir = data_dir
        self.register = register or load_register()
        self.replace = replace
        self.ward = ward
        self.province = province
        self._documents: dict[Path, WardDocument] = {}
        # article id / source name / content hash -> ward file holding it
        self._by_id: dict[str, Path] = {}
        self._by_source: dict[str, Path] = {}
        self._by_hash: dict[str, Path] = {}
        self._by_code: dict[str, Path] = {}  # ward code -> its file
        self._indexed = False

    def _index(self) -> None:
        if self._indexed:
            return
        for path in ward_files(self.data_dir):
            try:
                document = read_ward_file(path)
            except DataError:
                continue  # check reports it; we never overwrite a file we cannot read
            self._remember(path, document)
        self._indexed = True

    def _remember(self, path: Path, document: WardDocument) -> None:
        self._documents[path] = document
        self._by_code.setdefault(document.header.code, path)
        for article in document.articles:
            self._by_id[article.id] = path
            if article.source_name:
                self._by_source[article.source_name] = path
            if article.content_hash:
                self._by_hash[article.content_hash] = path

    def import_file(self, path: Path) -> FileResult:
        try:
            prepared = prepare_article(
                path, self.register, ward=self.ward, province=self.province
            )
        except ImportFailure as error:
            return FileResult(path, "failed", error=strip_control(error.reason))
        try:
            return self._store(path, prepared)
        except (DataError, ImportFailure, OSError) as error:
            reason = error.reason if isinstance(error, DataError | ImportFailure) else str(error)
            return FileResult(path, "failed", prepared.unit, error=strip_control(reason))

    def _store(self, path: Path, prepared: Prepared) -> FileResult:
        self._index()
        article, unit = prepared.article, prepared.unit
        result = FileResult(
            path, "imported", unit, article.id, len(prepared.facts), list(prepared.warnings)
        )
        if article.content_hash in self._by_hash:
            result.status = "unchanged"
            result.ward_file = self._by_hash[article.content_hash or ""]
            return result
        known = self._by_id.get(article.id)
        if known is None and article.source_name:
            known = self._by_source.get(article.source_name)
        target = self._target_for(unit.code, unit.province, unit.unit_type, unit.name)
        result.ward_file = target
        if known is not None:
            if not self.replace:
                result.status = "skipped"
                result.ward_file = known
                result.error = (
                    f"a different version is already in {known}; use --replace to replace it"
                )
                return result
            old = self._documents[known]
            old_ids = {
                a.id for a in old.articles if a.id == article.id
                or (a.source_name is not None and a.source_name == article.source_name)
            }
            kept = WardDocument(
                old.header,
                [a for a in old.articles if a.id not in old_ids],
                [f for f in old.facts if f.article_id not in old_ids],
            )
            if known != target:
                self._write(known, kept)
            else:
                self._documents[known] = kept
            result.status = "replaced"
        document = self._documents.get(target)
        if document is None and target.exists():
            raise ImportFailure(
                target, "ward file exists but cannot be read; run ward-reader check"
            )
        if document is None:
            header = WardHeader(unit.code, unit.name.strip(), unit.unit_type, unit.province)
            document = WardDocument(header, [], [])
        if document.header.code != unit.code:
            raise ImportFailure(target, f"file is for ward {document.header.code}, not {unit.code}")
        if any(a.id == article.id for a in document.articles):
            raise ImportFailure(path, f"article id {article.id} is already in {target}")
        new = WardDocument(
            document.header,
            [*document.articles, article],
            [*document.facts, *prepared.facts],
        )
        problems = check_document(new, target, self.register)
        if problems:
            raise ImportFailure(path, "the result would not pass check: " + problems[0].reason)
        self._write(target, new)
        return result

    def _target_for(self, code: str, province: str, unit_type: str, name: str) -> Path:
        """The ward's existing file, else its slug path; two units of a province can share
        a slug (Lộc Thạnh / Lộc Thành), so a taken slug gets the ward code appended."""
        known = self._by_code.get(code)
        if known is not None:
            return known
        target = ward_file_path(self.data_dir, province, unit_type, name)
        holder = self._documents.get(target)
        if holder is not None and holder.header.code != code:
            target = target.with_name(f"{target.stem}-{code}.yaml")
        return target

    def _write(self, path: Path, document: WardDocument) -> None:
        write_ward_file(path, document)
        self._remember(path, document)


def import_files(
    paths: Iterable[Path],
    data_dir: Path,
    *,
    register: Register | None = None,
    replace: bool = False,
    ward: str | None = None,
    province: str | None = None,
    progress: Callable[[FileResult], None] | None = None,
) -> list[FileResult]:
    """Import every file; one :class:`FileResult` each, in order."""
    importer = Importer(data_dir, register, replace=replace, ward=ward, province=province)
    results = []
    for path in paths:
        result = importer.import_file(Path(path))
        results.append(result)
        if progress is not None:
            progress(result)
    return results
