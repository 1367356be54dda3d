"""The corpus cache: edits, additions and deletions are seen; damage means a rebuild."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from tui.cache import CorpusCache, cache_root
from tui.generate import generate_corpus
from tui.register import Register
from tui.repository import Repository


@pytest.fixture
def data_dir(tmp_path: Path, register: Register) -> Path:
    generate_corpus(9, tmp_path / "data", seed=5, register=register)
    return tmp_path / "data"


def _summary(repository: Repository) -> list[tuple[str, tuple[str, ...], int]]:
    return [
        (e.unit_code, tuple(s.title for s in e.articles), e.fact_count)
        for e in repository.entries()
    ]


def _cache_files(tmp_path: Path) -> list[Path]:
    return sorted((tmp_path / "cache").glob("corpus-*.sqlite3"))


def test_second_open_comes_from_the_cache(
    data_dir: Path, register: Register, tmp_path: Path
) -> None:
    first = Repository.load(data_dir, register)
    assert _cache_files(tmp_path)
    second = Repository.open(data_dir, register)
    assert not second.is_complete  # shown from the snapshot, not yet checked
    assert _summary(second) == _summary(first)
    code = first.entries()[0].unit_code
    assert second.ward(code) == first.ward(code)
    assert second.complete() is False  # every file as the snapshot said
    assert second.is_complete and _summary(second) == _summary(first)


def test_edit_add_delete_are_seen(data_dir: Path, register: Register) -> None:
    first = Repository.load(data_dir, register)
    entries = first.entries()
    edited, deleted = entries[0], entries[1]
    text = edited.path.read_text(encoding="utf-8")
    old_title = edited.articles[0].title
    edited.path.write_text(text.replace(old_title, old_title + " (sửa)"), encoding="utf-8")
    os.utime(edited.path, ns=(1, 1))  # even with an odd mtime, the size changed
    deleted.path.unlink()
    added = data_dir / "wards" / "extra" / deleted.path.name
    added.parent.mkdir()
    shutil.copy(entries[2].path, added)  # a second file for entries[2]'s ward

    second = Repository.load(data_dir, register)
    assert second.entry(edited.unit_code) is not None
    assert second.entry(edited.unit_code).articles[0].title == old_title + " (sửa)"  # type: ignore[union-attr]
    assert second.entry(deleted.unit_code) is None
    duplicates = [e.path for e in second.errors if "already filed" in e.reason]
    assert duplicates in ([added], [entries[2].path])
    assert second.document(edited.unit_code).articles[0].title.endswith("(sửa)")  # type: ignore[union-attr]


def test_same_size_edit_is_seen_through_mtime(data_dir: Path, register: Register) -> None:
    first = Repository.load(data_dir, register)
    entry = first.entries()[0]
    text = entry.path.read_text(encoding="utf-8")
    title = entry.articles[0].title
    swapped = title.replace("Đ", "X", 1) if "Đ" in title else title.replace("a", "e", 1)
    assert len(swapped.encode()) == len(title.encode()) or "Đ" in title
    entry.path.write_text(text.replace(title, swapped, 1), encoding="utf-8")
    second = Repository.load(data_dir, register)
    assert second.entry(entry.unit_code).articles[0].title == swapped  # type: ignore[union-attr]


def test_corrupt_cache_is_rebuilt(data_dir: Path, register: Register, tmp_path: Path) -> None:
    first = Repository.load(data_dir, register)
    (cache_file,) = _cache_files(tmp_path)
    cache_file.write_bytes(b"this is not SQLite" * 100)
    for suffix in ("-wal", "-shm"):
        Path(f"{cache_file}{suffix}").unlink(missing_ok=True)
    second = Repository.open(data_dir, register)
    assert _summary(second) == _summary(first)
    code = first.entries()[0].unit_code
    assert second.ward(code) == first.ward(code)
    third = Repository.open(data_dir, register)  # rebuilt: warm again
    assert third.complete() is False and _summary(third) == _summary(first)


def test_wrong_schema_version_is_rebuilt(data_dir: Path, register: Register) -> None:
    first = Repository.load(data_dir, register)
    cache = CorpusCache.for_data_dir(data_dir)
    assert cache is not None
    connection = cache._connection()
    with connection:
        connection.execute("UPDATE meta SET value = 'old' WHERE key = 'schema'")
    assert _summary(Repository.open(data_dir, register)) == _summary(first)


def test_damaged_document_blob_falls_back_to_yaml(data_dir: Path, register: Register) -> None:
    first = Repository.load(data_dir, register)
    cache = CorpusCache.for_data_dir(data_dir)
    assert cache is not None
    connection = cache._connection()
    with connection:
        connection.execute("UPDATE files SET document = x'00010203'")
    second = Repository.open(data_dir, register)
    code = first.entries()[0].unit_code
    assert second.ward(code) == first.ward(code)


def test_cache_can_be_disabled(
    data_dir: Path, register: Register, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("WARD_READER_NO_CACHE", "1")
    assert cache_root() is None
    repository = Repository.load(data_dir, register)
    assert repository.article_count() == 9
    assert repository.check() == []
    assert not _cache_files(tmp_path)


def test_unwritable_cache_dir_is_not_required(
    data_dir: Path, register: Register, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "blocker"
    blocker.write_text("a file where the cache dir should be")
    monkeypatch.setenv("WARD_READER_CACHE_DIR", str(blocker / "cache"))
    repository = Repository.load(data_dir, register)
    assert repository.article_count() == 9


def _snapshot_files(tmp_path: Path) -> list[Path]:
    return sorted((tmp_path / "cache").glob("corpus-*.index"))


def test_index_snapshot_is_written_once_complete_and_used(
    data_dir: Path, register: Register, tmp_path: Path
) -> None:
    first = Repository.load(data_dir, register)
    (snapshot,) = _snapshot_files(tmp_path)
    before = snapshot.stat().st_mtime_ns
    second = Repository.open(data_dir, register)
    assert second._from_snapshot
    assert _summary(second) == _summary(first)
    assert second.errors == first.errors
    assert second.complete() is False
    assert snapshot.stat().st_mtime_ns == before  # nothing changed: not rewritten


def test_index_checked_against_the_snapshot_has_the_same_fingerprint(
    data_dir: Path, register: Register
) -> None:
    """The search index is reused by fingerprint: a warm start whose files all match the
    snapshot must give the fingerprint a full load gives, broken files and all."""
    (data_dir / "wards" / "broken.yaml").write_text("ward: [unclosed\n", encoding="utf-8")
    first = Repository.load(data_dir, register)
    assert first.errors
    second = Repository.open(data_dir, register)
    assert second.fingerprint() is None  # not checked yet
    assert second.complete() is False
    assert second.fingerprint() == first.fingerprint()
    assert [str(e) for e in second.errors] == [str(e) for e in first.errors]


def _garbage(path: Path) -> None:
    path.write_bytes(b"not a snapshot")


def _truncated(path: Path) -> None:
    path.write_bytes(path.read_bytes()[:-50])


def _flipped(path: Path) -> None:
    blob = bytearray(path.read_bytes())
    blob[len(blob) // 2] ^= 0xFF
    path.write_bytes(bytes(blob))


def _wrong_shape(path: Path) -> None:
    """CRC and version right, listing not: summaries that are not bytes."""
    from tui.register import load_register

    key = load_register().fingerprint
    cache = CorpusCache(path.with_suffix(".sqlite3"), path.parent)
    saved = cache.load_snapshot(key)
    assert saved
    cache.save_snapshot(
        key,
        saved.wards._replace(summaries=["not rows"] * len(saved.wards.summaries)),
        saved.errors,
        saved.records(),
    )


def _wrong_version(path: Path) -> None:
    import marshal
    import zlib

    payload = marshal.dumps(("0", [], [], b""))
    path.write_bytes(zlib.crc32(payload).to_bytes(4, "big") + payload)


@pytest.mark.parametrize(
    "damage", [_garbage, _truncated, _flipped, _wrong_shape, _wrong_version]
)
def test_damaged_index_snapshot_falls_back_and_is_rewritten(
    data_dir: Path, register: Register, tmp_path: Path, damage: object
) -> None:
    first = Repository.load(data_dir, register)
    (snapshot,) = _snapshot_files(tmp_path)
    damage(snapshot)  # type: ignore[operator]
    second = Repository.open(data_dir, register)
    assert second.is_complete and not second._from_snapshot  # the SQLite rows served
    assert _summary(second) == _summary(first)
    third = Repository.open(data_dir, register)
    assert third._from_snapshot and _summary(third) == _summary(first)


def test_damaged_snapshot_records_mean_every_file_is_read_again(
    data_dir: Path, register: Register, tmp_path: Path
) -> None:
    """The listing is shown as saved; the records the files are checked against (decoded
    after the first frame) are damaged: every file is parsed again, none is lost."""
    first = Repository.load(data_dir, register)
    (snapshot,) = _snapshot_files(tmp_path)
    cache = CorpusCache(snapshot.with_suffix(".sqlite3"), snapshot.parent)
    key = register.fingerprint
    saved = cache.load_snapshot(key)
    assert saved
    garbage = {"wards/x.yaml": "garbage"}
    cache.save_snapshot(key, saved.wards, saved.errors, garbage)  # type: ignore[arg-type]
    second = Repository.open(data_dir, register)
    assert second._from_snapshot and _summary(second) == _summary(first)
    assert second.complete() is True
    assert _summary(second) == _summary(first)
    assert [str(e) for e in second.errors] == [str(e) for e in first.errors]
    assert second.fingerprint() == first.fingerprint()
    # The same damage with every file gone since: the listing empties, nothing crashes.
    cache.save_snapshot(key, saved.wards, saved.errors, garbage)  # type: ignore[arg-type]
    shutil.rmtree(data_dir / "wards")
    (data_dir / "wards").mkdir()
    third = Repository.open(data_dir, register)
    assert third._from_snapshot and third.entries()
    assert third.complete() is True
    assert third.entries() == [] and third.article_count() == 0


def test_snapshot_listed_with_another_register_is_not_used(
    data_dir: Path, register: Register
) -> None:
    """Which units exist, and their order, come from the register: a listing saved with
    another register (another package version) is not shown, the files are listed again
    against this one."""
    first = Repository.load(data_dir, register)
    dropped = first.entries()[0].unit_code
    smaller = Register([u for u in register.units() if u.code != dropped], ordered=True)
    assert smaller.fingerprint != register.fingerprint
    second = Repository.open(data_dir, smaller)
    assert not second._from_snapshot
    assert second.entry(dropped) is None
    assert any("not in the 2025 register" in e.reason for e in second.errors)
    third = Repository.open(data_dir, register)  # the first register's listing was replaced
    assert not third._from_snapshot and third.entry(dropped) is not None


def test_snapshot_sees_an_edit_made_after_it(data_dir: Path, register: Register) -> None:
    first = Repository.load(data_dir, register)
    entry = first.entries()[0]
    title = entry.articles[0].title
    text = entry.path.read_text(encoding="utf-8")
    entry.path.write_text(text.replace(title, title + " (mới)", 1), encoding="utf-8")
    second = Repository.open(data_dir, register)
    assert second._from_snapshot and not second.is_complete
    assert second.entry(entry.unit_code).articles[0].title == title  # as saved
    assert second.complete() is True  # the check found the edit
    assert second.entry(entry.unit_code).articles[0].title == title + " (mới)"  # type: ignore[union-attr]
    third = Repository.open(data_dir, register)  # the new snapshot has the edit
    assert third.entry(entry.unit_code).articles[0].title == title + " (mới)"  # type: ignore[union-attr]
    assert third.complete() is False


def test_snapshot_check_sees_a_deleted_file(
    data_dir: Path, register: Register
) -> None:
    first = Repository.load(data_dir, register)
    gone, kept = first.entries()[0], first.entries()[1]
    gone.path.unlink()
    second = Repository.open(data_dir, register)
    assert second.entry(gone.unit_code) is not None  # the snapshot still lists it
    assert second.complete() is True
    assert second.entry(gone.unit_code) is None
    assert second.entry(kept.unit_code) is not None
    assert second.article_count() == first.article_count() - len(gone.articles)


def test_snapshot_and_rows_from_another_parser_are_not_used(
    data_dir: Path, register: Register, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Rows parsed for another schema (an older parser) are never taken as current."""
    import tui.cache

    first = Repository.load(data_dir, register)
    monkeypatch.setattr(tui.cache, "cache_version", lambda: "another parser")
    second = Repository.open(data_dir, register)
    assert not second._from_snapshot
    assert second.is_complete and _summary(second) == _summary(first)  # parsed again


def test_rebuilt_cache_file_takes_the_snapshot_with_it(
    data_dir: Path, register: Register, tmp_path: Path
) -> None:
    Repository.load(data_dir, register)
    (cache_file,) = _cache_files(tmp_path)
    (snapshot,) = _snapshot_files(tmp_path)
    cache_file.write_bytes(b"not SQLite" * 100)
    for suffix in ("-wal", "-shm"):
        Path(f"{cache_file}{suffix}").unlink(missing_ok=True)
    cache = CorpusCache.for_data_dir(data_dir)
    assert cache is not None and cache.index() == {}  # checked on first use: rebuilt
    assert not snapshot.exists()


def test_cache_version_follows_the_parser_code(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import tui.cache

    module = tmp_path / "parser.py"
    module.write_text("x = 1\n")
    monkeypatch.setattr(tui.cache, "_PARSER_MODULES", (str(module),))
    tui.cache.cache_version.cache_clear()
    try:
        before = tui.cache.cache_version()
        module.write_text("x = 22\n")
        tui.cache.cache_version.cache_clear()
        assert tui.cache.cache_version() != before
    finally:
        tui.cache.cache_version.cache_clear()
