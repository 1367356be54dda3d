"""Facts as the sidebar shows them: labelled, formatted the Vietnamese way, grouped by
key, with disagreements between articles (and with the register) flagged.

Pure presentation logic, no Textual: the widget only lays these rows out.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, NamedTuple

from .text.fold import fold_for_search
from .text.numbers import format_vietnamese_number

if TYPE_CHECKING:
    from .models import Fact, FactValue, RegisterUnit, Ward

__all__ = ["FACT_LABELS", "FactRow", "RegisterRow", "fact_rows", "register_rows", "format_value"]

FACT_LABELS: dict[str, str] = {
    "unit_name": "Tên đơn vị",
    "unit_type": "Loại đơn vị",
    "province": "Tỉnh/thành",
    "congress_date": "Ngày đại hội",
    "term": "Nhiệm kỳ",
    "delegates": "Đại biểu",
    "party_members": "Đảng viên",
    "party_organizations": "Tổ chức đảng",
    "population": "Dân số",
    "area_km2": "Diện tích",
    "merged_from": "Sáp nhập từ",
    "secretary": "Bí thư",
    "theme": "Chủ đề",
    "breakthroughs": "Khâu đột phá",
    "targets": "Chỉ tiêu",
    "executive_committee_size": "BCH đảng bộ",
    "standing_committee_size": "Ban thường vụ",
    "total_investment_bn_vnd": "Tổng vốn đầu tư",
    "budget_revenue_bn_vnd": "Thu ngân sách",
    "poverty_rate_pct": "Tỷ lệ hộ nghèo",
    "near_poverty_rate_pct": "Tỷ lệ hộ cận nghèo",
}

_QUALIFIERS = {
    "more than": "hơn",
    "at least": "ít nhất",
    "about": "khoảng",
    "nearly": "gần",
    "less than": "dưới",
}


def format_value(value: FactValue, unit: str | None = None, qualifier: str | None = None) -> str:
    """``4632`` -> ``4.632``, ``115.689`` + km² -> ``115,689 km²``, dates as dd/mm/yyyy."""
    if isinstance(value, dt.date):
        text = f"{value.day:02d}/{value.month:02d}/{value.year}"
    elif isinstance(value, tuple):
        text = ", ".join(value)
    elif isinstance(value, int | float) and not isinstance(value, bool):
        text = format_vietnamese_number(value)
    else:
        text = str(value)
    if unit:
        text = f"{text}{unit}" if unit == "%" else f"{text} {unit}"
    if qualifier:
        text = f"{_QUALIFIERS.get(qualifier, qualifier)} {text}"
    return text


class FactRow(NamedTuple):
    """One stated value of a fact key, with every article that states it.

    Articles that agree share a row (the sidebar stays short); values that differ get a
    row each, all flagged ``disagrees``.

    (A ``NamedTuple``: immutable like a frozen dataclass, and a fifth of the cost to
    define at import, which counts before the first frame.)
    """

    row_id: int
    facts: tuple[Fact, ...]
    label: str
    value_text: str
    source_titles: tuple[str, ...]
    disagrees: bool
    register_note: str | None = None

    @property
    def fact(self) -> Fact:
        """The first statement of this value (the one Enter shows first)."""
        return self.facts[0]


class RegisterRow(NamedTuple):
    """One official register fact (shown apart from article claims)."""

    label: str
    value_text: str


def _comparable(fact: Fact) -> object:
    value = fact.value
    if isinstance(value, tuple):
        return frozenset(fold_for_search(v) for v in value)
    if isinstance(value, str):
        return fold_for_search(" ".join(value.split()))
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def _register_note(fact: Fact, unit: RegisterUnit) -> str | None:
    """A note when the article's claim differs from the register."""
    if fact.key == "area_km2" and unit.area_km2 and isinstance(fact.value, int | float):
        area = float(fact.value)
        tolerance = 0.01 if fact.qualifier is None else 0.1
        if abs(area - unit.area_km2) > tolerance * unit.area_km2:
            return f"sổ đăng ký: {format_value(unit.area_km2, 'km²')}"
    if fact.key == "merged_from" and unit.former_units and isinstance(fact.value, tuple):
        official = {fold_for_search(f.name) for f in unit.former_units}
        stated = {fold_for_search(v) for v in fact.value}
        if stated != official:
            names = ", ".join(f.name for f in unit.former_units)
            return f"sổ đăng ký: {names}"
    return None


def fact_rows(ward: Ward) -> list[FactRow]:
    """The ward's facts in vocabulary order, one row per distinct value of a key."""
    order = {key: i for i, key in enumerate(FACT_LABELS)}
    titles = {a.id: a.title for a in ward.articles}
    groups: dict[tuple[str, object], list[Fact]] = {}
    for fact in ward.facts:
        groups.setdefault((fact.key, _comparable(fact)), []).append(fact)
    values_per_key: dict[str, int] = {}
    for key, _ in groups:
        values_per_key[key] = values_per_key.get(key, 0) + 1
    ordered = sorted(groups.items(), key=lambda item: order.get(item[0][0], len(order)))
    rows = []
    for index, ((key, _), facts) in enumerate(ordered):
        first = facts[0]
        rows.append(
            FactRow(
                row_id=index,
                facts=tuple(facts),
                label=FACT_LABELS.get(key, key),
                value_text=format_value(first.value, first.unit, first.qualifier),
                source_titles=tuple(titles.get(f.article_id, f.article_id) for f in facts),
                disagrees=values_per_key[key] > 1,
                register_note=_register_note(first, ward.unit),
            )
        )
    return rows


def register_rows(unit: RegisterUnit) -> list[RegisterRow]:
    """The official facts of a unit, from the register."""
    rows = [
        RegisterRow("Mã đơn vị", unit.code),
        RegisterRow("Loại", unit.unit_type),
        RegisterRow("Tỉnh/thành", unit.province),
    ]
    if unit.area_km2 is not None:
        rows.append(RegisterRow("Diện tích", format_value(unit.area_km2, "km²")))
    if unit.former_units:
        rows.append(
            RegisterRow("Sáp nhập từ", "; ".join(f.label for f in unit.former_units))
        )
    return rows
