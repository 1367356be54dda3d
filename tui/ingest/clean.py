"""Raw article text -> title, date, outlet, byline and paragraphs with kinds.

The input is what a person copies from a news page: the article, and often menus before
it, photo captions and image file names inside it, a byline after it and a block of
related articles below. Every rule here is a heuristic about that page furniture; each
one is small and named so a test can pin it.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from ..models import Paragraph, ParagraphKind
from ..text.dates import find_dates, parse_dateline, parse_iso_prefix
from ..text.fold import fold_for_search
from .letters import LOWER, UPPER

__all__ = ["Cleaned", "clean_text", "split_sentences"]

_SPACES = re.compile(r"[ ]{2,}")
_IMAGE_FILE = re.compile(
    r"^[\w\-.()%~+]+\.(?:jpe?g|png|gif|webp|bmp|avif|tiff?)(?:\?\S*)?$", re.IGNORECASE
)
_RELATED_MARKERS = {
    "co the ban quan tam",
    "tin lien quan",
    "bai lien quan",
    "tin bai lien quan",
    "xem them",
    "doc them",
    "tin cung chuyen muc",
    "cac tin khac",
    "tin khac",
    "tin moi nhat",
    "tin moi",
    "doc nhieu",
    "xem nhieu",
    "tin xem nhieu",
    "ban co the quan tam",
}
_NOISE_PATTERNS = re.compile(
    r"(?i)hotline|đường dây nóng|°\s*c\b|℃|lượt truy cập|đang truy cập|đang online|"
    r"đăng nhập|đăng ký|tìm kiếm|trang chủ|e-?mail\s*:|tel\s*:|điện thoại\s*:|"
    r"^thứ\s+(?:hai|ba|tư|năm|sáu|bảy|[2-7])\b|^chủ nhật\b|gmt\s*\+\s*7|"
    r"^\d{1,2}/\d{1,2}/\d{4}(?:\s+\d{1,2}:\d{2})?$|^\d{1,2}:\d{2}"
)
_SECTION_LABELS = (
    "Tin tức - Sự kiện",
    "Tin tức",
    "Thời sự",
    "Chính trị",
    "Xây dựng Đảng",
    "Xã hội",
    "Kinh tế",
    "Địa phương",
    "Tin địa phương",
    "Đại hội Đảng",
    "Tin trong tỉnh",
    "Trong tỉnh",
    "Sự kiện",
    "Tin nổi bật",
)
_UPPER_START = re.compile(rf"[{UPPER}]")
_AGENCY_PREFIX = re.compile(
    rf"^(?:[{UPPER}][{UPPER} .,]{{1,30}}\s*)?\(\s*([^()]{{2,40}}?)\s*\)\s*[-–—:]\s*(?=\S)"
)
_CAPTION_MARKER = re.compile(
    r"(?:^|\s|\()(?:Ảnh|ẢNH|Ảnh minh họa|Ảnh minh hoạ|Video|Nguồn ảnh)\s*:\s*"
)
_CAPTION_TAIL = re.compile(r"(?:\(\s*(?:Ảnh|ẢNH)\s*:[^)]*\)|[-–]\s*Ảnh\s*\d+\.?)\s*$")
_PHOTO_NUMBER = re.compile(r"[-–]\s*Ảnh\s*\d+\.?")
_CAPTION_WORDS = (
    "quang canh",
    "toan canh",
    "tang hoa",
    "phat bieu",
    "cac dai bieu",
    "dai bieu du",
    "dai bieu tham du",
    "van nghe",
    "tu tren cao",
    "(giua)",
    "(thu ",
    "(ben trai)",
    "(ben phai)",
    "trao doi voi",
    "bieu quyet",
    "bo phieu",
    "ra mat",
    "tham du dai hoi",
    "mot goc",
    "chup anh",
    "trao quyet dinh",
    "trao tang",
    "tang qua",
    "chuc mung",
    "dang hoa",
    "dang huong",
    "cat bang",
)
_BYLINE_PREFIX = re.compile(
    r"^(?:Bài(?:\s*(?:,|và)\s*ảnh)?|Tin(?:\s*(?:,|và)\s*ảnh)?|Ảnh\s*(?:và|,)\s*bài|"
    r"Nhóm phóng viên|Nhóm PV|Theo|Nguồn)\s*:?\s*(.+)$",
    re.IGNORECASE,
)
_BYLINE_BARE = re.compile(r"^(?:PV|CTV|BTV|Nhóm PV|Phóng viên|PV\s*\S+|Nhóm phóng viên)\.?$")
_NAME_WORD = re.compile(rf"^[{UPPER}][{LOWER}]*\.?$|^[{UPPER}]{{2,}}$")
_SENTENCE_END = re.compile(rf"(?<=[.!?…])[\"”’)]*\s+(?=[\"“(]?[{UPPER}0-9])")
_FINAL_PUNCT = tuple(".!?:;…\"”’)")


@dataclass
class Cleaned:
    title: str
    date: dt.date | None
    paragraphs: list[Paragraph]
    byline: str | None = None
    outlet: str | None = None
    warnings: list[str] = field(default_factory=list)


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Spans of the sentences of ``text`` (slices are verbatim, trimmed of spaces)."""
    spans = []
    start = 0
    for match in _SENTENCE_END.finditer(text):
        end = match.start()
        before = text[max(start, end - 4) : end + 1]
        if re.search(r"\b(?:TP|Tp|P|Q|X|TT|Th\.S|TS|PGS|GS|ThS|Mr|St)\.$", before):
            continue
        if text[start:end].strip():
            spans.append((start, end))
        start = match.end()
    if text[start:].strip():
        spans.append((start, len(text.rstrip())))
    return spans


def _words(line: str) -> list[str]:
    return line.split()


def _fold(line: str) -> str:
    return fold_for_search(line)


def _is_related_marker(line: str) -> bool:
    return _fold(line).strip(" :.>»-–").strip() in _RELATED_MARKERS


def _is_noise(line: str) -> bool:
    """Menus, hotlines, weather, counters and date stamps before the title."""
    words = _words(line)
    if _NOISE_PATTERNS.search(line):
        return True
    if line.count("|") >= 2 or line.count("•") >= 2:
        return True
    if len(words) <= 3 and not line.endswith(_FINAL_PUNCT):
        return True
    return False


def _strip_section_label(title: str) -> tuple[str, str | None]:
    for label in _SECTION_LABELS:
        if title.startswith(label + " "):
            rest = title[len(label) + 1 :].lstrip(" -–—:|»>")
            if rest and _UPPER_START.match(rest) and len(rest.split()) >= 5:
                return rest, label
    return title, None


def _sentence_count(line: str) -> int:
    return len(split_sentences(line))


def _is_caption_marked(line: str) -> bool:
    return bool(
        _CAPTION_TAIL.search(line)
        or re.match(r"^\(?\s*(?:Ảnh|ẢNH|Ảnh minh họa|Ảnh minh hoạ)\s*:", line)
        or (len(line.split()) <= 40 and _CAPTION_MARKER.search(line) and _sentence_count(line) <= 2)
        or (len(line.split()) <= 40 and _PHOTO_NUMBER.search(line))
    )


def _is_caption_like(line: str) -> bool:
    """A one-sentence description of a photo: short, plain, with photo vocabulary."""
    words = _words(line)
    if len(words) > 30 or ";" in line or _sentence_count(line) > 1:
        return False
    if line.endswith((":", "?", "!")):
        return False
    folded = _fold(line)
    if "phat bieu" in folded and (len(words) > 20 or "," in line):
        return False
    return any(word in folded for word in _CAPTION_WORDS)


def _split_glued_caption(line: str) -> list[str]:
    """``"Quang cảnh. Ảnh: Mạnh HùngNgày 24/7, …"`` -> caption and text."""
    match = _CAPTION_MARKER.search(line) or _PHOTO_NUMBER.search(line)
    if not match:
        return [line]
    rest = line[match.end() :]
    glue = re.search(rf"(?<=[{LOWER})\].])(?=[{UPPER}][{LOWER}])", rest)
    if glue is None:
        return [line]
    cut = match.end() + glue.start()
    head, tail = line[:cut].strip(), line[cut:].strip()
    if len(tail.split()) < 3:
        return [line]
    return [head, tail]


def _byline_name(line: str, last: bool) -> str | None:
    """The author named by a byline line, or None if ``line`` is not one."""
    words = _words(line)
    if not words or len(words) > 25:
        return None
    match = _BYLINE_PREFIX.match(line)
    if match and len(match.group(1).split()) <= 8 and not line.endswith("."):
        return match.group(1).strip(" .")
    if _BYLINE_BARE.match(line):
        return line.rstrip(".")
    if not last:
        return None
    name_part = re.split(r"\s+[-–—]\s+|\s*,\s*", line, maxsplit=1)[0].strip().rstrip(".")
    name_words = name_part.split()
    if 1 <= len(name_words) <= 5 and all(_NAME_WORD.match(w) for w in name_words):
        if name_part == line.rstrip(".") and len(name_words) < 2 and not name_part.isupper():
            return None
        return name_part
    return None


def clean_text(text: str) -> Cleaned:
    """Clean NFC, LF text into an article's parts (see the module docstring)."""
    warnings: list[str] = []
    lines = [_SPACES.sub(" ", line.strip()) for line in text.split("\n")]
    lines = [line for line in lines if line]
    date: dt.date | None = None
    if lines:
        date, first = parse_iso_prefix(lines[0])
        lines[0] = first.strip()
        if not lines[0]:
            lines.pop(0)

    # The related-articles block and everything after it go.
    for index, line in enumerate(lines):
        if index >= 2 and _is_related_marker(line):
            lines = lines[:index]
            break

    # Publication stamps ("Thứ Sáu, 25/07/2025 08:30", "Cập nhật: 25/07/2025") go, before
    # or after the title: the first gives the article's date.
    stamp_lines = [(line, parse_dateline(line)) for line in lines]
    dated = [stamp for _, stamp in stamp_lines if stamp is not None]
    if dated:
        date = date or dated[0]
        lines = [line for line, stamp in stamp_lines if stamp is None]
        warnings.append(f"dropped {len(dated)} date stamp line(s) (the article date)")

    # Image file names go; the line after one is its caption.
    after_image: set[int] = set()
    kept: list[str] = []
    for line in lines:
        if _IMAGE_FILE.match(line):
            after_image.add(len(kept))
            continue
        kept.append(line)
    lines = kept

    # Captions glued to the next sentence are split.
    split: list[str] = []
    shifted: set[int] = set()
    for index, line in enumerate(lines):
        if index in after_image:
            shifted.add(len(split))
        split.extend(_split_glued_caption(line))
    lines, after_image = split, shifted

    # Menus, widgets and date stamps before the title.
    start = 0
    for index, line in enumerate(lines[:15]):
        if not _is_noise(line):
            start = index
            break
        if date is None:
            stamps = find_dates(line, 2025)
            full = [m for m in stamps if m.has_year]
            if full:
                date = full[0].date
    else:
        start = 0
    if start:
        warnings.append(f"dropped {start} line(s) of page furniture before the title")
    lines = lines[start:]
    after_image = {i - start for i in after_image if i >= start}

    # Duplicates: a line repeated right after itself, or a long paragraph repeated.
    deduped: list[str] = []
    seen_long: set[str] = set()
    duplicated: set[int] = set()
    dedup_after_image: set[int] = set()
    for index, line in enumerate(lines):
        if deduped and deduped[-1] == line:
            duplicated.add(len(deduped) - 1)
            continue
        if len(line.split()) >= 8 and line in seen_long:
            warnings.append("dropped a repeated paragraph")
            continue
        if len(line.split()) >= 8:
            seen_long.add(line)
        if index in after_image:
            dedup_after_image.add(len(deduped))
        deduped.append(line)
    lines, after_image = deduped, dedup_after_image

    if not lines:
        return Cleaned("", date, [], warnings=warnings)

    title, label = _strip_section_label(lines[0])
    if label:
        warnings.append(f"removed section label {label!r} before the title")
    body_start = 1
    if _is_caption_marked(title) or 0 in after_image:
        title, body_start = "", 0
    elif len(title.split()) > 35 or (title.endswith(".") and _sentence_count(title) > 1):
        title, body_start = "", 0
    if not title:
        title = _title_from_lead(lines[body_start:])
        warnings.append("no title line found: the title is the lead's first sentence")

    body = lines[body_start:]
    offset = body_start
    kinds: list[ParagraphKind] = []
    for index, line in enumerate(body):
        position = index + offset
        nxt = body[index + 1] if index + 1 < len(body) else None
        if position in after_image or (position in duplicated and len(line.split()) <= 15):
            kinds.append("caption")
        elif _is_caption_marked(line) or _is_caption_like(line):
            kinds.append("caption")
        elif _is_heading(line, nxt):
            kinds.append("heading")
        else:
            kinds.append("text")

    # Bylines: the last line, or the last two (byline + source / photo credit).
    byline: str | None = None
    for back in (1, 2):
        if len(body) <= back:
            break
        index = len(body) - back
        if back == 2 and kinds[-1] != "byline":
            break
        name = _byline_name(body[index], last=back == 1)
        if name is None:
            break
        kinds[index] = "byline"
        byline = byline or name

    paragraphs = [Paragraph(kind, line) for kind, line in zip(kinds, body, strict=True)]
    outlet = None
    for index, paragraph in enumerate(paragraphs):
        if paragraph.kind != "text":
            continue
        match = _AGENCY_PREFIX.match(paragraph.text)
        if match:
            outlet = match.group(1).strip()
            paragraphs[index] = Paragraph("text", paragraph.text[match.end() :])
        break
    if byline is None:
        for paragraph in paragraphs[-2:]:
            if paragraph.kind == "byline":
                byline = paragraph.text
    return Cleaned(title, date, paragraphs, byline, outlet, warnings)


def _is_heading(line: str, nxt: str | None) -> bool:
    words = _words(line)
    if not 1 <= len(words) <= 12 or line.endswith(_FINAL_PUNCT) or nxt is None:
        return False
    if not _UPPER_START.match(line):
        return False
    return len(nxt.split()) >= 15


def _title_from_lead(lines: list[str]) -> str:
    for line in lines:
        if _is_caption_marked(line):
            continue
        spans = split_sentences(line)
        if not spans:
            continue
        start, end = spans[0]
        sentence = line[start:end].rstrip(".")
        prefix = _AGENCY_PREFIX.match(sentence)
        if prefix:
            sentence = sentence[prefix.end() :]
        words = sentence.split()
        return " ".join(words[:20]) + ("…" if len(words) > 20 else "")
    return "(không có tiêu đề)"
