"""Which official 2025 unit an article is about.

Unit mentions (``phường Thanh Miếu``, ``Đảng bộ xã Tân An``, ``P. Kỳ Sơn``, ``đặc khu Cô
Tô``) are counted in the cleaned article; the most frequent one that names a unit of the
register wins. A name unique nationally resolves alone. An ambiguous name needs a province:
``--province``, or one the text mentions (``tỉnh Hòa Bình`` counts for Phú Thọ, ``TP.HCM``
for Hồ Chí Minh). If that does not settle it we do not guess: the file fails with the
candidates and the options to use.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from ..models import RegisterUnit
from ..register import Register, short_province_name
from ..text.fold import fold_for_search, fold_tones, has_diacritics
from .letters import UPPER

__all__ = ["Resolution", "ResolveError", "UnitMention", "find_unit_mentions", "resolve_unit",
           "find_province_mentions"]

_TYPE_WORDS = {
    "phường": "phường",
    "xã": "xã",
    "đặc khu": "đặc khu",
    "p.": "phường",
    "x.": "xã",
}
_UNIT_RE = re.compile(
    r"(?<![\w.])(phường|Phường|PHƯỜNG|xã|Xã|XÃ|đặc khu|Đặc khu|ĐẶC KHU|P\.|X\.)\s*"
    rf"((?:[{UPPER}0-9][\w'’]*)(?:[ \-](?:[{UPPER}0-9][\w'’]*)){{0,4}})"
)
_PROVINCE_PREFIX = re.compile(
    r"(?<!\w)(?:tỉnh|Tỉnh|TỈNH|Tỉnh ủy|Tỉnh uỷ|tỉnh ủy|thành phố|Thành phố|THÀNH PHỐ|"
    r"Thành ủy|Thành uỷ|TP\.?|Tp\.?)\s*"
    rf"((?:[{UPPER}]\w*)(?:\s*[-–]\s*[{UPPER}]\w*|\s+[{UPPER}]\w*){{0,3}})"
)
_PAREN_PROVINCE = re.compile(rf"\(([{UPPER}][^()]{{1,25}})\)")
_ABBREVIATIONS = {
    "hochiminh": "Hồ Chí Minh",
    "saigon": "Hồ Chí Minh",
    "hn": "Hà Nội",
    "brvt": "Hồ Chí Minh",
    "bariavungtau": "Hồ Chí Minh",
    "vungtau": "Hồ Chí Minh",
    "hue": "Huế",
    "thuathienhue": "Huế",
}
_HCM_RE = re.compile(r"(?<!\w)TP\.?\s*HCM(?!\w)|(?<!\w)TPHCM(?!\w)|(?<!\w)Sài Gòn(?!\w)")


class ResolveError(Exception):
    """The ward cannot be determined; ``candidates`` lists what it could be."""

    def __init__(self, reason: str, candidates: tuple[RegisterUnit, ...] = ()) -> None:
        self.reason = reason
        self.candidates = candidates
        super().__init__(reason)


@dataclass(frozen=True)
class UnitMention:
    unit_type: str
    name: str
    start: int


@dataclass
class Resolution:
    unit: RegisterUnit
    mention: str
    count: int
    warnings: list[str] = field(default_factory=list)
    other_units: list[tuple[RegisterUnit, int]] = field(default_factory=list)


def _key(text: str) -> str:
    return "".join(ch for ch in fold_for_search(text) if ch.isalnum())


def _accented_key(text: str) -> str:
    """Lower case, accents kept, tone placement made canonical (``Hoà`` = ``Hòa``)."""
    return "".join(ch for ch in fold_tones(text) if ch.isalnum())


def _same_accents(name: str, units: list[RegisterUnit]) -> list[RegisterUnit]:
    """The units spelled like ``name`` with its accents (``Tân An`` is not ``Tân Ân``);
    all of ``units`` when ``name`` has no accents or none is spelled so (accent-blind
    matching is the fallback for text typed without them)."""
    if not has_diacritics(name):
        return units
    key = _accented_key(name)
    return [u for u in units if _accented_key(u.name) == key] or units


def find_unit_mentions(
    text: str, register: Register
) -> list[tuple[UnitMention, list[RegisterUnit]]]:
    """Typed unit mentions, each with the register units its (longest) name matches."""
    found = []
    for match in _UNIT_RE.finditer(text):
        unit_type = _TYPE_WORDS[match.group(1).lower()]
        words = match.group(2).split(" ")
        for size in range(len(words), 0, -1):
            name = " ".join(words[:size]).rstrip("'’")
            named = register.units_named(name)
            named = _same_accents(name, named)
            candidates = [u for u in named if u.unit_type == unit_type]
            if not candidates and unit_type != "đặc khu":
                candidates = list(named)
            if candidates:
                found.append((UnitMention(unit_type, name, match.start()), candidates))
                break
    return found


def _province_table(register: Register) -> dict[str, str]:
    """Folded province name (new or former) -> new province name."""
    table: dict[str, str] = {}
    for new in register.provinces():
        table[_key(new)] = new
    for new, formers in register.former_provinces().items():
        for former in formers:
            table.setdefault(_key(former), new)
    for abbreviation, new in _ABBREVIATIONS.items():
        if _key(new) in table:
            table.setdefault(abbreviation, table[_key(new)])
    return table


def find_province_mentions(text: str, register: Register) -> Counter[str]:
    """New province name -> how often the text names it (or a former province of it)."""
    table = _province_table(register)
    counts: Counter[str] = Counter()
    for _match in _HCM_RE.finditer(text):
        if "hochiminh" in table:
            counts[table["hochiminh"]] += 1
    for pattern in (_PROVINCE_PREFIX, _PAREN_PROVINCE):
        for match in pattern.finditer(text):
            words = re.split(r"\s+", match.group(1).strip())
            for size in range(min(len(words), 5), 0, -1):
                key = _key(" ".join(words[:size]))
                if key in table:
                    counts[table[key]] += 1
                    break
    return counts


def resolve_unit(
    text: str,
    register: Register,
    *,
    ward: str | None = None,
    province: str | None = None,
) -> Resolution:
    """The register unit the article is about; :class:`ResolveError` if it is not settled."""
    if ward:
        code = ward.strip()
        if code.isdigit():
            code = code.zfill(5)
        unit = register.get(code)
        if unit is None:
            raise ResolveError(f"--ward {ward}: no unit with this code in the 2025 register")
        return Resolution(unit, "--ward", 0)

    province_filter = None
    if province:
        table = _province_table(register)
        bare = re.sub(r"(?i)^\s*(?:tỉnh|thành phố|tp\.?)\s+", "", province)
        province_filter = table.get(_key(short_province_name(bare)))
        if province_filter is None:
            raise ResolveError(f"--province {province}: not a province (new or former) name")

    mentions = find_unit_mentions(text, register)
    if not mentions:
        raise ResolveError(
            "no ward/commune named in the text (looked for 'phường/xã/đặc khu NAME' of the "
            "2025 register); use --ward CODE"
        )
    counts: Counter[tuple[str, str]] = Counter()
    first_seen: dict[tuple[str, str], int] = {}
    candidates_of: dict[tuple[str, str], list[RegisterUnit]] = {}
    for mention, candidates in mentions:
        key = (mention.unit_type, _accented_key(mention.name))
        counts[key] += 1
        first_seen.setdefault(key, mention.start)
        candidates_of.setdefault(key, candidates)
    ranked = sorted(counts, key=lambda k: (-counts[k], first_seen[k]))
    if province_filter is not None:
        ranked = [
            k for k in ranked if any(u.province == province_filter for u in candidates_of[k])
        ] or ranked
    top = ranked[0]
    label = next(f"{m.unit_type} {m.name}" for m, _ in mentions
                 if (m.unit_type, _accented_key(m.name)) == top)
    candidates = candidates_of[top]
    warnings: list[str] = []

    if province_filter is not None:
        chosen = [u for u in candidates if u.province == province_filter]
        if not chosen:
            raise ResolveError(
                f"{label!r} is not a unit of {province_filter}", tuple(candidates)
            )
        candidates = chosen
    if len(candidates) > 1:
        mentioned = find_province_mentions(text, register)
        in_text = [u for u in candidates if u.province in mentioned]
        if len(in_text) > 1:
            best = max(mentioned[u.province] for u in in_text)
            in_text = [u for u in in_text if mentioned[u.province] == best]
        if len(in_text) == 1:
            candidates = in_text
        else:
            raise ResolveError(
                f"{label!r} names {len(candidates)} units and the text does not say which;"
                " use --ward CODE or --province NAME",
                tuple(candidates),
            )
    unit = candidates[0]
    others: list[tuple[RegisterUnit, int]] = []
    for key in ranked[1:]:
        other = candidates_of[key]
        if counts[key] * 2 >= counts[top] and counts[key] >= 2 and unit not in other:
            others.append((other[0], counts[key]))
    if others:
        names = ", ".join(f"{u.unit_type} {u.name} ({n}×)" for u, n in others)
        warnings.append(
            f"the article also names {names}: filed under {unit.unit_type} {unit.name}"
            f" ({counts[top]}×)"
        )
    return Resolution(unit, label, counts[top], warnings, others)
