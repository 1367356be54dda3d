"""Input bytes -> text: refuse what cannot be an article, convert what can, say what changed.

Two texts come out of a file:

* ``raw``: the decoded text as it was (line ends, normalisation form and all), minus any
  terminal control or escape sequence — those must never reach the data or the screen.
  This is what ``Article.raw`` keeps.
* ``text``: ``raw`` with LF line ends, NFC, no zero-width or no-break oddities: what the
  cleaner works on.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import ImportFailure
from ..text.fold import nfc

__all__ = ["MAX_BYTES", "Decoded", "decode_bytes", "read_file", "normalise_text"]

#: Largest file accepted; real articles are well under 100 kB.
MAX_BYTES = 5 * 1024 * 1024

# Same patterns as tui.text.fold.strip_control, but carriage returns survive so that
# ``raw`` keeps its original line ends.
_ESCAPE_SEQUENCE = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]"
    r"|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)"
    r"|\x1b[PX^_][^\x1b]*\x1b\\"
    r"|\x1b[@-Z\\-_]"
    r"|\x9b[0-?]*[ -/]*[@-~]"
)
_CONTROL_EXCEPT_CR = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_INVISIBLE = re.compile(r"[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
_ODD_SPACES = re.compile(r"[\u00a0\u2007\u202f\u3000\t]")
# Byte patterns typical of Windows-1258 Vietnamese (base letter + combining tone byte).
_CP1258_TONE_BYTES = frozenset(b"\xcc\xd2\xde\xec\xf2")


@dataclass
class Decoded:
    raw: str
    text: str
    encoding: str
    warnings: list[str] = field(default_factory=list)


def read_file(path: Path, limit: int = MAX_BYTES) -> bytes:
    """The bytes of ``path``, refusing (without reading them) files over ``limit``."""
    try:
        size = path.stat().st_size
    except OSError as error:
        raise ImportFailure(path, f"cannot read file: {error.strerror}") from None
    if not path.is_file():
        raise ImportFailure(path, "not a regular file")
    if size > limit:
        raise ImportFailure(
            path, f"file is {_megabytes(size)}, over the {_megabytes(limit)} limit for an article"
        )
    try:
        with path.open("rb") as stream:
            data = stream.read(limit + 1)
    except OSError as error:
        raise ImportFailure(path, f"cannot read file: {error.strerror}") from None
    if len(data) > limit:  # grew while we looked
        raise ImportFailure(path, f"file is over the {_megabytes(limit)} limit for an article")
    return data


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.0f} MB" if size >= 1024 * 1024 else f"{size} bytes"


def decode_bytes(data: bytes, path: Path | str = "<input>") -> Decoded:
    """Decode an article file; raise :class:`ImportFailure` saying why it cannot be one."""
    warnings: list[str] = []
    if not data.strip(b" \t\r\n\x00"):
        raise ImportFailure(path, "file is empty" if not data else "file has no text")
    encoding = "utf-8"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError as error:
            raise ImportFailure(
                path, f"not valid UTF-16 (byte offset {error.start + 2})"
            ) from None
        encoding = "utf-16"
        warnings.append("converted from UTF-16 (byte order mark found) to UTF-8")
    elif b"\x00" in data[:8192]:
        offset = data.index(b"\x00")
        raise ImportFailure(path, f"binary file, not text (NUL byte at offset {offset})")
    else:
        if data.startswith(codecs.BOM_UTF8):
            data = data[len(codecs.BOM_UTF8) :]
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as error:
            if _looks_like_cp1258(data):
                text = data.decode("cp1258")
                encoding = "cp1258"
                warnings.append("converted from Windows-1258 (cp1258) to UTF-8")
            else:
                line = data[: error.start].count(b"\n") + 1
                raise ImportFailure(
                    path,
                    f"not valid UTF-8 (byte offset {error.start}, line {line}); "
                    "save the file as UTF-8",
                ) from None
    raw = _ESCAPE_SEQUENCE.sub("", text)
    raw = _CONTROL_EXCEPT_CR.sub("", raw)
    if raw != text:
        warnings.append("removed terminal control characters / escape sequences")
    cleaned = normalise_text(raw)
    if unicodedata.normalize("NFC", raw) != raw and encoding == "utf-8":
        warnings.append("text was not in NFC form: normalised")
    if not cleaned.strip():
        raise ImportFailure(path, "file has no text")
    return Decoded(raw=raw, text=cleaned, encoding=encoding, warnings=warnings)


def _looks_like_cp1258(data: bytes) -> bool:
    """Windows-1258 Vietnamese: high bytes that are not UTF-8, with its tone-mark bytes."""
    try:
        decoded = data.decode("cp1258")
    except UnicodeDecodeError:
        return False
    if not any(byte in _CP1258_TONE_BYTES for byte in data):
        return False
    letters = sum(ch.isalpha() for ch in decoded)
    return letters > len(decoded) * 0.5


def normalise_text(raw: str) -> str:
    """LF line ends, NFC, no invisible characters, plain spaces."""
    text = raw.replace("\r\n", "\n").replace("\r", "\n")
    text = _INVISIBLE.sub("", text)
    text = _ODD_SPACES.sub(" ", text)
    return nfc(text)
