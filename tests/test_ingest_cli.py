"""``ward-reader import`` end to end, into temporary data dirs."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tui.cli.main import main
from tui.repository import Repository
from tui.wardfile import read_ward_file

DATA = Path(__file__).parent / "data"
SEEDS = sorted((DATA / "seeds").glob("*.txt"))
BUNDLED = Path(__file__).parent.parent / "data"


def _documents(data_dir: Path) -> dict[str, object]:
    out = {}
    for path in sorted((data_dir / "wards").rglob("*.yaml")):
        document = read_ward_file(path)
        out[str(path.relative_to(data_dir))] = (document.articles, document.facts)
    return out


def _no_temp_files(data_dir: Path) -> None:
    assert not [p for p in data_dir.rglob("*") if p.name.endswith(".tmp")]


def test_import_seeds_reproduces_bundled_data(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    code = main(["import", *map(str, SEEDS), "--data", str(tmp_path)])
    out = capsys.readouterr().out
    assert code == 0
    assert "01273 phường Thục Phán, Cao Bằng" in out
    assert "04894 phường Kỳ Sơn, Phú Thọ" in out
    assert out.count("07909 phường Thanh Miếu, Phú Thọ") == 2
    assert _documents(tmp_path) == _documents(BUNDLED)
    assert Repository.load(tmp_path).check() == []
    _no_temp_files(tmp_path)


def test_reimport_is_unchanged(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    assert main(["import", str(SEEDS[0]), "--data", str(tmp_path)]) == 0
    before = {p: p.read_bytes() for p in tmp_path.rglob("*.yaml")}
    capsys.readouterr()
    assert main(["import", str(SEEDS[0]), "--data", str(tmp_path)]) == 0
    assert "unchanged" in capsys.readouterr().out
    assert {p: p.read_bytes() for p in tmp_path.rglob("*.yaml")} == before


def test_changed_article_needs_replace(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    source = tmp_path / "in" / SEEDS[3].name
    source.parent.mkdir()
    shutil.copy(SEEDS[3], source)
    data = tmp_path / "data"
    assert main(["import", str(source), "--data", str(data)]) == 0
    source.write_text(source.read_text(encoding="utf-8") + "\nThêm một dòng.\n", encoding="utf-8")
    before = {p: p.read_bytes() for p in data.rglob("*.yaml")}
    capsys.readouterr()
    assert main(["import", str(source), "--data", str(data)]) == 1
    captured = capsys.readouterr()
    (ward_file,) = data.rglob("*.yaml")
    assert f"skipped   {source}: a different version is already in {ward_file};" in captured.err
    assert "use --replace" in captured.err
    assert "1 file(s): 1 skipped" in captured.out
    assert "1 changed" not in captured.out
    assert {p: p.read_bytes() for p in data.rglob("*.yaml")} == before
    assert main(["import", str(source), "--data", str(data), "--replace"]) == 0
    assert "replaced" in capsys.readouterr().out
    (document,) = [read_ward_file(p) for p in data.rglob("*.yaml")]
    assert len(document.articles) == 1
    assert document.articles[0].raw.endswith("Thêm một dòng.\n")
    assert {f.article_id for f in document.facts} == {document.articles[0].id}
    assert Repository.load(data).check() == []


def test_help_documents_exit_status(capsys) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(SystemExit):
        main(["import", "--help"])
    out = " ".join(capsys.readouterr().out.split())
    assert "Exit status: 0 when every file was imported, replaced or unchanged" in out
    assert "1 when any file was skipped or failed" in out


def test_bad_files_in_a_batch(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    big = tmp_path / "big.txt"
    with big.open("wb") as stream:
        stream.seek(60 * 1024 * 1024 - 1)
        stream.write(b"\n")
    bad = [DATA / "raw" / n for n in ("empty.txt", "binary.bin", "invalid_utf8.txt")]
    ambiguous = DATA / "raw" / "ambiguous_tan_an.txt"
    files = [SEEDS[0], *bad, big, ambiguous, DATA / "raw" / "menus_vtc.txt"]
    data = tmp_path / "data"
    code = main(["import", *map(str, files), "--data", str(data)])
    captured = capsys.readouterr()
    assert code == 1
    for path in [*bad, big, ambiguous]:
        assert str(path) in captured.err
    assert "byte offset 40" in captured.err
    assert "5 MB limit" in captured.err
    assert "17305 xã Tân An (Nghệ An)" in captured.err and "--province" in captured.err
    assert "2 imported" in captured.out and "5 failed" in captured.out
    assert Repository.load(data).check() == []
    _no_temp_files(data)
    assert main(["import", str(ambiguous), "--data", str(data), "--province", "Nghệ An"]) == 0
    assert "17305 xã Tân An, Nghệ An" in capsys.readouterr().out


@pytest.mark.parametrize(
    "name", ["utf16_bom.txt", "cp1258.txt", "crlf_nfd.txt", "escapes.txt", "no_title.txt",
             "former_province.txt", "roundup.txt"]
)
def test_variants_import_and_check(tmp_path: Path, name: str) -> None:
    assert main(["import", str(DATA / "raw" / name), "--data", str(tmp_path)]) == 0
    assert Repository.load(tmp_path).check() == []
    text = "".join(p.read_text(encoding="utf-8") for p in tmp_path.rglob("*.yaml"))
    assert "\x1b" not in text and "\\e" not in text and "pwned" not in text


def test_ward_option(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    ambiguous = DATA / "raw" / "ambiguous_tan_an.txt"
    assert main(["import", str(ambiguous), "--data", str(tmp_path), "--ward", "02320"]) == 0
    assert "02320 xã Tân An, Tuyên Quang" in capsys.readouterr().out


def test_units_sharing_a_file_slug_get_separate_files(tmp_path: Path) -> None:
    """Xã Lộc Thạnh and xã Lộc Thành (Đồng Nai) both slug to xa-loc-thanh."""
    data = tmp_path / "data"
    files = []
    for name, code in (("Lộc Thạnh", "25280"), ("Lộc Thành", "25294")):
        raw = tmp_path / f"{code}.txt"
        raw.write_text(
            f"Đại hội Đảng bộ xã {name} lần thứ I\n\n"
            f"Ngày 20/8, Đảng bộ xã {name}, tỉnh Đồng Nai tổ chức Đại hội đại biểu lần thứ I,"
            " nhiệm kỳ 2025-2030.\n",
            encoding="utf-8",
        )
        files.append((raw, code))
    for raw, code in files:
        assert main(["import", str(raw), "--data", str(data), "--ward", code]) == 0
    codes = sorted(read_ward_file(p).header.code for p in (data / "wards").rglob("*.yaml"))
    assert codes == ["25280", "25294"]
    assert main(["check", "--data", str(data)]) == 0
    # A second article for the second unit goes into its own (suffixed) file.
    again = tmp_path / "again.txt"
    again.write_text(
        "Xã Lộc Thành ra mắt Ban Chấp hành\n\nNgày 21/8, xã Lộc Thành, tỉnh Đồng Nai"
        " ra mắt Ban Chấp hành Đảng bộ nhiệm kỳ 2025-2030.\n",
        encoding="utf-8",
    )
    assert main(["import", str(again), "--data", str(data), "--ward", "25294"]) == 0
    documents = {read_ward_file(p).header.code: read_ward_file(p) for p in
                 (data / "wards").rglob("*.yaml")}
    assert len(documents["25294"].articles) == 2
    assert len(documents["25280"].articles) == 1
