"""Regenerate the encoding variants of tests/data/raw (run from this folder).

The text variants (*.txt without an encoding suffix) are written by hand; these are
derived: CRLF + NFD, UTF-16 with BOM, Windows-1258, control sequences, empty, binary,
invalid UTF-8.
"""

import unicodedata
from pathlib import Path

HERE = Path(__file__).parent
ARTICLE = (
    "Đại hội Đảng bộ phường Hạc Thành lần thứ I, nhiệm kỳ 2025 - 2030\n\n"
    "Ngày 18.8, Đảng bộ phường Hạc Thành, tỉnh Thanh Hóa tổ chức Đại hội đại biểu lần thứ I,"
    " nhiệm kỳ 2025 - 2030 với 350 đại biểu chính thức.\n\n"
    "Phường Hạc Thành có diện tích tự nhiên 62,5 km2, dân số hơn 200 nghìn người.\n\n"
    "Quốc Đại\n"
)


def cp1258(text: str) -> bytes:
    out = bytearray()
    for char in unicodedata.normalize("NFC", text):
        try:
            out += char.encode("cp1258")
            continue
        except UnicodeEncodeError:
            pass
        parts = unicodedata.normalize("NFD", char)
        tones = "".join(p for p in parts if p in "\u0300\u0301\u0303\u0309\u0323")
        base = unicodedata.normalize("NFC", "".join(p for p in parts if p not in tones))
        out += base.encode("cp1258") + tones.encode("cp1258")
    return bytes(out)


def main() -> None:
    nfd = unicodedata.normalize("NFD", ARTICLE).replace("\n", "\r\n")
    (HERE / "crlf_nfd.txt").write_bytes(nfd.encode("utf-8"))
    (HERE / "utf16_bom.txt").write_bytes(ARTICLE.encode("utf-16"))
    (HERE / "cp1258.txt").write_bytes(cp1258(ARTICLE))
    control = (HERE / "control.txt").read_text(encoding="utf-8")
    control = control.replace("Phường Sài Gòn", "\x1b[31mPhường Sài Gòn\x1b[0m", 1)
    control = control.replace("Chiều", "\x1b]0;pwned\x07Chiều\x07\x08", 1)
    (HERE / "escapes.txt").write_bytes(control.encode("utf-8"))
    (HERE / "empty.txt").write_bytes(b"")
    (HERE / "binary.bin").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    good = ARTICLE.encode("utf-8")
    (HERE / "invalid_utf8.txt").write_bytes(good[:40] + b"\xff\xfe\xfa" + good[40:])


if __name__ == "__main__":
    main()
