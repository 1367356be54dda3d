"""Lay an article out as screen lines, remembering where each line's text comes from.

Every laid-out line points back into a block of ``Article.blocks()`` (0 = title, then
the paragraphs) by character offsets, so a search match or a fact's quote found in a
block maps to the exact line and columns to highlight or scroll to. Pure logic, no
Textual, so it is unit-tested on its own.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, NamedTuple

from rich.cells import cell_len

from .text.fold import strip_control

if TYPE_CHECKING:
    from .models import Article

__all__ = ["LayoutLine", "wrap_offsets", "layout_article", "locate"]

#: Readable measure: long lines tire the eye; 88 cells is about 15 Vietnamese words.
MAX_MEASURE = 88


class LayoutLine(NamedTuple):
    """One screen line: ``text[start:end]`` of block ``block`` (-1: not searchable).

    (A ``NamedTuple``: immutable like a frozen dataclass, and a fifth of the cost to
    define at import, which counts before the first frame.)
    """

    block: int
    start: int
    end: int
    kind: str  # title, meta, text, caption, heading, byline, blank
    prefix: str = ""
    literal: str = ""  # the text of lines that are not part of a block


def wrap_offsets(text: str, width: int) -> list[tuple[int, int]]:
    """Greedy word wrap of ``text`` into (start, end) offsets of at most ``width`` cells."""
    width = max(8, width)
    lines: list[tuple[int, int]] = []
    position = 0
    length = len(text)
    while position < length:
        while position < length and text[position] == " ":
            position += 1
        if position >= length:
            break
        end = position
        cells = 0
        last_break = -1
        while end < length and text[end] != "\n":
            cells += cell_len(text[end])
            if cells > width:
                break
            if text[end] == " ":
                last_break = end
            end += 1
        if end < length and text[end] != "\n" and last_break > position:
            end = last_break
        if end == position:  # one overlong character run: force progress
            end = position + 1
        stop = end
        while stop > position and text[stop - 1] == " ":
            stop -= 1
        lines.append((position, stop))
        position = end + 1 if end < length and text[end] == "\n" else end
    return lines or [(0, 0)]


def _meta_line(article: Article) -> str:
    parts = []
    if article.date:
        parts.append(_date_text(article.date))
    if article.outlet:
        parts.append(article.outlet)
    if article.byline:
        parts.append(article.byline)
    return " · ".join(strip_control(p) for p in parts)


def _date_text(date: dt.date) -> str:
    return f"{date.day:02d}/{date.month:02d}/{date.year}"


def layout_article(article: Article, width: int) -> list[LayoutLine]:
    """Lines for ``article`` at ``width`` cells (which article of how many is the pane
    title's to say: it stays in sight when the text scrolls)."""
    measure = max(20, min(width, MAX_MEASURE))
    lines: list[LayoutLine] = []
    for start, end in wrap_offsets(article.title, measure):
        lines.append(LayoutLine(0, start, end, "title"))
    meta = _meta_line(article)
    if meta:  # wrapped like the text: a long byline was cut off at the pane's edge
        for start, end in wrap_offsets(meta, measure):
            lines.append(LayoutLine(-1, 0, 0, "meta", literal=meta[start:end]))
    for index, paragraph in enumerate(article.paragraphs, start=1):
        lines.append(LayoutLine(-1, 0, 0, "blank"))
        kind = paragraph.kind
        prefix = "│ " if kind == "caption" else ""
        for start, end in wrap_offsets(paragraph.text, measure - len(prefix)):
            lines.append(LayoutLine(index, start, end, kind, prefix=prefix))
    return lines


def locate(lines: list[LayoutLine], block: int, offset: int) -> int | None:
    """Index of the line showing character ``offset`` of ``block``."""
    candidate = None
    for index, line in enumerate(lines):
        if line.block != block:
            continue
        if line.start <= offset < max(line.end, line.start + 1):
            return index
        if line.start <= offset:
            candidate = index
    return candidate
