"""One ward's YAML file: parse it into models, write it back atomically.

Layout (``data/wards/<province-slug>/<type>-<name-slug>.yaml``)::

    ward: {code: "07909", name: Thanh Miếu, type: phường, province: Phú Thọ}
    articles:
    - id: cce8d4c811368e9e
      title: ...
      date: 2025-07-26          # publication date, or null
      outlet: null
      byline: Phạm Xuân Hiệp
      source: 001_cce8d4c811368e9e.txt
      content_hash: sha256:...
      paragraphs:
      - text: ...               # kinds: text, caption, heading, byline
      raw: |-                   # the imported text, exactly
        ...
    facts:
    - {key: delegates, value: 198, unit: người, article: ..., quote: ...}

Loading uses only safe loaders (LibYAML's ``CSafeLoader`` when present). Line numbers
are found only when something is wrong, by composing the file's node tree, so the fast
path pays nothing for them.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import tempfile
import unicodedata
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import yaml

from .errors import DataError
from .models import (
    FACT_KEYS,
    PARAGRAPH_KINDS,
    Article,
    ArticleSummary,
    Fact,
    FactValue,
    Paragraph,
    ParagraphKind,
)
from .text.fold import fold_for_search

__all__ = [
    "SafeLoader",
    "WardHeader",
    "WardDocument",
    "load_yaml",
    "parse_ward_document",
    "read_ward_file",
    "dump_ward_document",
    "write_ward_file",
    "ward_file_path",
    "slugify",
    "locate_line",
]

SafeLoader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_SafeDumper: type[yaml.SafeDumper] = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


class WardHeader:
    """The ``ward:`` block: which register unit the file is about."""

    __slots__ = ("code", "name", "unit_type", "province")

    def __init__(self, code: str, name: str, unit_type: str, province: str) -> None:
        self.code = code
        self.name = name
        self.unit_type = unit_type
        self.province = province


class WardDocument:
    """A parsed ward file: header, articles and facts (models, validated for shape)."""

    __slots__ = ("header", "articles", "facts")

    def __init__(
        self, header: WardHeader, articles: Sequence[Article], facts: Sequence[Fact]
    ) -> None:
        self.header = header
        self.articles = tuple(articles)
        self.facts = tuple(facts)

    def summaries(self) -> tuple[ArticleSummary, ...]:
        return tuple(a.summary for a in self.articles)


def slugify(text: str) -> str:
    """ASCII file-name slug: ``"Phường Thanh Miếu"`` -> ``"phuong-thanh-mieu"``."""
    folded = fold_for_search(unicodedata.normalize("NFC", text))
    ascii_only = unicodedata.normalize("NFKD", folded).encode("ascii", "ignore").decode()
    words = "".join(ch if ch.isalnum() else " " for ch in ascii_only).split()
    return "-".join(words) or "unnamed"


def ward_file_path(data_dir: Path, province: str, unit_type: str, name: str) -> Path:
    """Where a ward's file lives in a data dir."""
    return data_dir / "wards" / slugify(province) / f"{slugify(unit_type + ' ' + name)}.yaml"


def load_yaml(path: Path, text: str | None = None) -> Any:
    """Parse YAML safely, turning syntax errors into :class:`DataError` with a line."""
    if text is None:
        text = read_text(path)
    try:
        return yaml.load(text, Loader=SafeLoader)  # noqa: S506 - SafeLoader/CSafeLoader only
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark is not None else None
        reason = f"not valid YAML: {error.problem or error.context}"
        raise DataError(path, line, reason) from None
    except yaml.YAMLError as error:
        raise DataError(path, None, f"not valid YAML: {error}") from None
    except (ValueError, TypeError, OverflowError, RecursionError) as error:
        # The loader's own conversions: "date: 2025-02-30" raises a plain ValueError.
        line = _line_of_bad_value(text, error)
        raise DataError(path, line, f"bad value: {error}") from None


_DATE_VALUE = re.compile(r":\s*(\d{4}-\d{1,2}-\d{1,2})\s*$")


def _line_of_bad_value(text: str, error: Exception) -> int | None:
    """Best effort: the first line holding a date-like value that is not a real date."""
    del error
    for number, line in enumerate(text.splitlines(), 1):
        match = _DATE_VALUE.search(line)
        if match:
            try:
                dt.date.fromisoformat(match.group(1))
            except ValueError:
                return number
    return None


def read_text(path: Path) -> str:
    try:
        data = path.read_bytes()
    except OSError as error:
        raise DataError(path, None, f"cannot read file: {error.strerror}") from None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise DataError(path, line, f"not UTF-8 (byte offset {error.start})") from None


def locate_line(text: str, keys: Sequence[str | int]) -> int | None:
    """1-based line of the node at ``keys`` (mapping keys / list indexes), best effort."""
    try:
        node = yaml.compose(text, Loader=SafeLoader)  # noqa: S506 - safe loader
    except yaml.YAMLError:
        return None
    line = node.start_mark.line + 1 if node is not None else None
    for key in keys:
        if isinstance(node, yaml.MappingNode) and isinstance(key, str):
            found = None
            for key_node, value_node in node.value:
                if key_node.value == key:
                    found = value_node
                    line = key_node.start_mark.line + 1
                    break
            if found is None:
                return line
            node = found
        elif isinstance(node, yaml.SequenceNode) and isinstance(key, int):
            if key >= len(node.value):
                return line
            node = node.value[key]
            line = node.start_mark.line + 1
        else:
            return line
    return line


class _Shape:
    """Shape checks that raise :class:`DataError` at the offending node's line."""

    def __init__(self, path: Path, text: str | None) -> None:
        self.path = path
        self.text = text

    def fail(self, keys: Sequence[str | int], reason: str) -> DataError:
        line = locate_line(self.text, keys) if self.text is not None else None
        where = ".".join(str(k) for k in keys)
        return DataError(self.path, line, f"{where}: {reason}" if where else reason)

    def mapping(self, value: Any, keys: Sequence[str | int]) -> dict[str, Any]:
        if not isinstance(value, dict):
            raise self.fail(keys, f"expected a mapping, found {_kind(value)}")
        return value

    def sequence(self, value: Any, keys: Sequence[str | int]) -> list[Any]:
        if value is None:
            return []
        if not isinstance(value, list):
            raise self.fail(keys, f"expected a list, found {_kind(value)}")
        return value

    def text_field(
        self, mapping: dict[str, Any], key: str, keys: Sequence[str | int], required: bool = True
    ) -> str | None:
        value = mapping.get(key)
        if value is None:
            if required:
                raise self.fail(list(keys), f"missing required field {key!r}")
            return None
        if isinstance(value, bool) or not isinstance(value, str | int | float):
            raise self.fail([*keys, key], f"expected text, found {_kind(value)}")
        return unicodedata.normalize("NFC", str(value))


def _kind(value: Any) -> str:
    if value is None:
        return "nothing"
    return {
        dict: "a mapping",
        list: "a list",
        str: "text",
        int: "a number",
        float: "a number",
        bool: "true/false",
    }.get(type(value), type(value).__name__)


def parse_ward_document(raw: Any, path: Path, text: str | None = None) -> WardDocument:
    """Turn loaded YAML into models, checking the shape; errors name file and line."""
    shape = _Shape(path, text)
    top = shape.mapping(raw, [])
    unknown = set(top) - {"ward", "articles", "facts", "schema"}
    if unknown:
        raise shape.fail([sorted(unknown)[0]], "unknown top-level field")
    ward = shape.mapping(top.get("ward"), ["ward"])
    header = WardHeader(
        code=_ward_code(shape, ward),
        name=shape.text_field(ward, "name", ["ward"]) or "",
        unit_type=shape.text_field(ward, "type", ["ward"]) or "",
        province=shape.text_field(ward, "province", ["ward"]) or "",
    )
    articles = [
        _parse_article(shape, item, ["articles", index], header.code)
        for index, item in enumerate(shape.sequence(top.get("articles"), ["articles"]))
    ]
    facts = [
        _parse_fact(shape, item, ["facts", index])
        for index, item in enumerate(shape.sequence(top.get("facts"), ["facts"]))
    ]
    return WardDocument(header, articles, facts)


def _ward_code(shape: _Shape, ward: dict[str, Any]) -> str:
    code = ward.get("code")
    if isinstance(code, int) and not isinstance(code, bool):
        # YAML reads 01273 as an octal number: the code must be quoted.
        raise shape.fail(["ward", "code"], 'ward code must be quoted text, e.g. code: "01273"')
    if not isinstance(code, str) or not code.isdigit() or len(code) != 5:
        raise shape.fail(["ward", "code"], f"ward code must be five digits, found {code!r}")
    return code


def _parse_article(
    shape: _Shape, raw: Any, keys: list[str | int], ward_code: str
) -> Article:
    item = shape.mapping(raw, keys)
    article_id = shape.text_field(item, "id", keys) or ""
    paragraphs = []
    for index, block in enumerate(shape.sequence(item.get("paragraphs"), [*keys, "paragraphs"])):
        where = [*keys, "paragraphs", index]
        if not isinstance(block, dict) or len(block) != 1:
            raise shape.fail(where, "a paragraph is one 'kind: text' pair")
        ((kind, body),) = block.items()
        if kind not in PARAGRAPH_KINDS:
            raise shape.fail(where, f"unknown paragraph kind {kind!r}")
        if not isinstance(body, str):
            raise shape.fail(where, f"paragraph text expected, found {_kind(body)}")
        paragraph_kind: ParagraphKind = kind
        paragraphs.append(Paragraph(paragraph_kind, unicodedata.normalize("NFC", body)))
    date = item.get("date")
    if date is not None and not isinstance(date, dt.date):
        raise shape.fail([*keys, "date"], f"date must be YYYY-MM-DD, found {date!r}")
    raw_text = item.get("raw", "")
    if not isinstance(raw_text, str):
        raise shape.fail([*keys, "raw"], f"raw text expected, found {_kind(raw_text)}")
    return Article(
        id=article_id,
        ward_code=ward_code,
        title=shape.text_field(item, "title", keys) or "",
        date=date if isinstance(date, dt.date) else None,
        paragraphs=tuple(paragraphs),
        raw=raw_text,
        outlet=shape.text_field(item, "outlet", keys, required=False),
        byline=shape.text_field(item, "byline", keys, required=False),
        url=shape.text_field(item, "url", keys, required=False),
        source_name=shape.text_field(item, "source", keys, required=False),
        content_hash=shape.text_field(item, "content_hash", keys, required=False),
    )


def _parse_fact(shape: _Shape, raw: Any, keys: list[str | int]) -> Fact:
    item = shape.mapping(raw, keys)
    key = shape.text_field(item, "key", keys) or ""
    if key not in FACT_KEYS:
        raise shape.fail([*keys, "key"], f"unknown fact key {key!r}")
    if "value" not in item or item["value"] is None:
        raise shape.fail(keys, "missing required field 'value'")
    value = _fact_value(shape, item["value"], FACT_KEYS[key], [*keys, "value"])
    return Fact(
        key=key,
        value=value,
        article_id=shape.text_field(item, "article", keys) or "",
        quote=shape.text_field(item, "quote", keys) or "",
        unit=shape.text_field(item, "unit", keys, required=False),
        qualifier=shape.text_field(item, "qualifier", keys, required=False),
        note=shape.text_field(item, "note", keys, required=False),
    )


def _fact_value(shape: _Shape, value: Any, kind: str, keys: list[str | int]) -> FactValue:
    if kind == "int":
        if isinstance(value, bool) or not isinstance(value, int):
            raise shape.fail(keys, f"expected a whole number, found {value!r}")
        return value
    if kind == "float":
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise shape.fail(keys, f"expected a number, found {value!r}")
        return float(value)
    if kind == "date":
        if not isinstance(value, dt.date):
            raise shape.fail(keys, f"expected a date YYYY-MM-DD, found {value!r}")
        return value
    if kind == "list":
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise shape.fail(keys, "expected a list of names")
        return tuple(unicodedata.normalize("NFC", v) for v in value)
    if not isinstance(value, str):
        raise shape.fail(keys, f"expected text, found {value!r}")
    return unicodedata.normalize("NFC", value)


def read_ward_file(path: Path) -> WardDocument:
    """Read and parse one ward file; raise :class:`DataError` naming file and line."""
    text = read_text(path)
    raw = load_yaml(path, text)
    return parse_ward_document(raw, path, text)


# --- writing -------------------------------------------------------------------------


class _Dumper(_SafeDumper):  # type: ignore[misc, valid-type]
    """Safe dumper that writes multi-line text as readable block scalars."""


def _represent_str(dumper: yaml.SafeDumper, value: str) -> yaml.Node:
    style = None
    if "\n" in value and _block_safe(value):
        style = "|"
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


def _block_safe(value: str) -> bool:
    """Block scalars cannot round-trip CR, trailing spaces or special characters exactly."""
    if any(ch in value for ch in "\r\t\ufeff\x85\u2028\u2029") or value != value.strip("\n "):
        return False
    return not any(line.endswith(" ") for line in value.split("\n")) and all(
        ch.isprintable() or ch == "\n" for ch in value
    )


class _QuotedText(str):
    """Text always written quoted: a ward code like 07909 must never read as a number."""


def _represent_quoted(dumper: yaml.SafeDumper, value: str) -> yaml.Node:
    return dumper.represent_scalar("tag:yaml.org,2002:str", str(value), style="'")


_Dumper.add_representer(str, _represent_str)
_Dumper.add_representer(_QuotedText, _represent_quoted)


def _article_dict(article: Article) -> dict[str, Any]:
    return {
        "id": article.id,
        "title": article.title,
        "date": article.date,
        "outlet": article.outlet,
        "byline": article.byline,
        "url": article.url,
        "source": article.source_name,
        "content_hash": article.content_hash,
        "paragraphs": [{p.kind: p.text} for p in article.paragraphs],
        "raw": article.raw,
    }


def _fact_dict(fact: Fact) -> dict[str, Any]:
    value: Any = list(fact.value) if isinstance(fact.value, tuple) else fact.value
    out: dict[str, Any] = {"key": fact.key, "value": value}
    for name in ("unit", "qualifier", "note"):
        if getattr(fact, name) is not None:
            out[name] = getattr(fact, name)
    out["article"] = fact.article_id
    out["quote"] = fact.quote
    return out


def dump_ward_document(document: WardDocument) -> str:
    """The YAML text of a ward document (the inverse of :func:`parse_ward_document`)."""
    header = document.header
    data = {
        "ward": {
            "code": _QuotedText(header.code),
            "name": header.name,
            "type": header.unit_type,
            "province": header.province,
        },
        "articles": [_article_dict(a) for a in document.articles],
        "facts": [_fact_dict(f) for f in document.facts],
    }
    text: str = yaml.dump(
        data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=100
    )
    return text


def write_ward_file(path: Path, document: WardDocument) -> None:
    """Write atomically: a temp file in the same folder, fsync, then rename over ``path``.

    An interrupted write leaves the old file intact and no temp file behind.
    """
    text = dump_ward_document(document)
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as stream:
            stream.write(text)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temp_name, path)
    except BaseException:
        Path(temp_name).unlink(missing_ok=True)
        raise
