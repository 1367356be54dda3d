"""Bytes -> text: refuse what is not an article, convert what is, say what changed."""

from __future__ import annotations

import codecs
import unicodedata
from pathlib import Path

import pytest

from tui.errors import ImportFailure
from tui.ingest.decode import MAX_BYTES, decode_bytes, read_file

RAW = Path(__file__).parent / "data" / "raw"


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("empty.txt", "file is empty"),
        ("binary.bin", "binary file, not text (NUL byte at offset 8)"),
        ("invalid_utf8.txt", "not valid UTF-8 (byte offset 40, line 1)"),
    ],
)
def test_bad_files_fail_with_reason(name: str, reason: str) -> None:
    path = RAW / name
    with pytest.raises(ImportFailure) as caught:
        decode_bytes(read_file(path), path)
    assert reason in caught.value.reason
    assert str(path) in str(caught.value)


def test_whitespace_only_is_refused() -> None:
    with pytest.raises(ImportFailure, match="no text"):
        decode_bytes(b"  \r\n\n ", "x.txt")


@pytest.mark.parametrize(
    ("name", "warning"),
    [
        ("utf16_bom.txt", "UTF-16"),
        ("cp1258.txt", "Windows-1258"),
        ("crlf_nfd.txt", "NFC"),
    ],
)
def test_encodings_are_converted_and_reported(name: str, warning: str) -> None:
    decoded = decode_bytes((RAW / name).read_bytes(), name)
    assert any(warning in w for w in decoded.warnings)
    assert "phường Hạc Thành" in decoded.text
    assert "\r" not in decoded.text
    assert decoded.text == unicodedata.normalize("NFC", decoded.text)


def test_raw_keeps_original_line_ends_and_form() -> None:
    data = (RAW / "crlf_nfd.txt").read_bytes()
    decoded = decode_bytes(data, "crlf_nfd.txt")
    assert decoded.raw == data.decode("utf-8")
    assert "\r\n" in decoded.raw


def test_utf8_bom_is_dropped() -> None:
    decoded = decode_bytes(codecs.BOM_UTF8 + "Xin chào".encode(), "x")
    assert decoded.text == "Xin chào"


def test_control_sequences_never_survive() -> None:
    decoded = decode_bytes((RAW / "escapes.txt").read_bytes(), "escapes.txt")
    for text in (decoded.raw, decoded.text):
        assert "\x1b" not in text and "\x07" not in text and "\x08" not in text
        assert "pwned" not in text
    assert any("control" in w for w in decoded.warnings)


def test_size_limit_refuses_without_reading(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    with big.open("wb") as stream:  # sparse: 60 MB without writing 60 MB
        stream.seek(60 * 1024 * 1024 - 1)
        stream.write(b"\n")
    with pytest.raises(ImportFailure) as caught:
        read_file(big)
    assert "60 MB" in caught.value.reason
    assert f"{MAX_BYTES // (1024 * 1024)} MB limit" in caught.value.reason
