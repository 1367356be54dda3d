"""Facts an article states, each with the exact sentence or clause that states it.

Precision first: every extractor looks for one specific way the press states a fact and
gives up on anything else. A wrong fact is worse than a missing one. Every fact's quote
is a verbatim slice of a paragraph (or the title), so ``validate.quote_in_article``
holds by construction, and its value is parsed from that quote.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from ..models import Article, Fact, RegisterUnit
from ..text.dates import find_dates
from ..text.fold import fold_for_search
from ..text.numbers import NumberParseError, parse_vietnamese_number
from .clean import split_sentences
from .letters import UPPER

__all__ = ["extract_facts", "QUALIFIERS"]

QUALIFIERS = {
    "hơn": "more than",
    "trên": "more than",
    "gần": "nearly",
    "khoảng": "about",
    "ước": "about",
    "ước đạt": "about",
    "ước tính": "about",
    "xấp xỉ": "about",
}
_QUALIFIER_BEFORE = re.compile(
    r"(?i)(hơn|trên|gần|khoảng|ước đạt|ước tính|ước|xấp xỉ)\s*$"
)
_NUM = r"\d+(?:[.,]\d+)*"
_NAME = rf"[{UPPER}]\w*(?:\s+[{UPPER}]\w*){{0,4}}"
_NOT_CONGRESS = re.compile(r"nghi quyet|quyet dinh|so\s*$|ban hanh|thanh lap|ke tu|tu ngay")
_PAST_TERM = re.compile(r"2020\s*[-–]\s*2025|2015\s*[-–]\s*2020|nhiệm kỳ qua|trước sáp nhập")
_FUTURE = re.compile(r"(?i)phấn đấu|đến năm 2030|dự kiến|kế hoạch|đến hết năm 2030")
_QUALIFIER_WORD = r"(?:(hơn|trên|gần|khoảng|xấp xỉ)\s+)?"
_MEMBERS = re.compile(
    rf"(?i)(?<![\d.,]){_QUALIFIER_WORD}({_NUM}(?:\s*(?:nghìn|ngàn))?)\s+đảng viên"
    r"(?!\s+(?:đại diện|mới|được|dự|tham dự|chính thức|dự bị))"
)
_ORGANIZATIONS = re.compile(
    rf"(?i)(?<![\d.,%]){_QUALIFIER_WORD}(\d+)\s+(tổ chức cơ sở đảng|tổ chức đảng|"
    r"chi,\s*đảng bộ|chi bộ,\s*đảng bộ|chi bộ và đảng bộ|đảng bộ,\s*chi bộ|chi bộ)"
    r"(?:\s+cơ sở)?(\s+trực thuộc)?(?!\w)"
)
_HIGHER_LEVEL = re.compile(
    r"(?i)(?<!\w)(?:tỉnh|thành phố|thành ủy|thành uỷ|huyện|quận|thị xã|toàn quốc|cả nước|"
    r"trung ương|TP)(?!\w)"
)
_TYPED_UNIT = re.compile(
    r"(?<!\w)(?:phường|Phường|xã|Xã|đặc khu|Đặc khu|thị trấn|Thị trấn)\s+"
    rf"([{UPPER}]\w*(?:\s+[{UPPER}]\w*){{0,3}})"
)
_SUB_UNIT = re.compile(
    r"(?i)chi bộ\s+(?:ấp|thôn|khu|tổ|khóm|bản|xóm|khối|trường|cơ quan|công an|quân sự)"
)
_SUB_UNIT_NAMED = re.compile(rf"(?<!\w)Chi bộ\s+[{UPPER}]")
_NOT_STOCK = re.compile(
    r"(?i)kết nạp|huy hiệu|\btặng\b|khen thưởng|xếp loại|vi phạm|kỷ luật|chuyển sinh hoạt|"
    r"bình quân|trung bình|\bmỗi\b"
)


@dataclass(frozen=True)
class _Sentence:
    text: str  # verbatim slice of a paragraph
    paragraph: str  # the whole paragraph
    start: int  # offset in the paragraph
    index: int  # paragraph index (-1: title)


def _qualifier(before: str) -> str | None:
    match = _QUALIFIER_BEFORE.search(before)
    if not match:
        return None
    return QUALIFIERS[match.group(1).lower()]


def _number(text: str) -> int | float | None:
    try:
        return parse_vietnamese_number(text)
    except NumberParseError:
        return None


def _clauses(sentence: str) -> Iterator[str]:
    for part in re.split(r";\s*", sentence):
        part = part.strip()
        if part:
            yield part


def _clause_at(text: str, position: int) -> str:
    """The ``;``-separated clause of ``text`` holding ``position``."""
    start = text.rfind(";", 0, position) + 1
    end = text.find(";", position)
    return text[start : end if end >= 0 else len(text)]


class _Extractor:
    def __init__(self, article: Article, unit: RegisterUnit, restrict: bool) -> None:
        self.article = article
        self.unit = unit
        self.facts: list[Fact] = []
        self.sentences: list[_Sentence] = []
        unit_key = fold_for_search(unit.name)
        for index, paragraph in enumerate(article.paragraphs):
            if paragraph.kind != "text":
                continue
            if restrict and unit_key not in fold_for_search(paragraph.text):
                continue
            for start, end in split_sentences(paragraph.text):
                self.sentences.append(
                    _Sentence(paragraph.text[start:end], paragraph.text, start, index)
                )

    def add(
        self,
        key: str,
        value: object,
        quote: str,
        unit: str | None = None,
        qualifier: str | None = None,
        note: str | None = None,
    ) -> None:
        for fact in self.facts:
            if fact.key == key and fact.value == value:
                return
        self.facts.append(
            Fact(key, value, self.article.id, quote.strip(), unit, qualifier, note)  # type: ignore[arg-type]
        )

    def first(self, predicate: Callable[[str], bool]) -> _Sentence | None:
        return next((s for s in self.sentences if predicate(s.text)), None)

    # --- identity -------------------------------------------------------------------

    def identity(self) -> None:
        unit = self.unit
        needle = fold_for_search(f"{unit.unit_type} {unit.name}")
        blocks = [self.article.title, *(s.text for s in self.sentences)]
        quote = next((b for b in blocks if needle in fold_for_search(b)), None)
        if quote is not None:
            self.add("unit_name", unit.name, quote)
            self.add("unit_type", unit.unit_type, quote)
        province = fold_for_search(unit.province)
        name = re.escape(province)
        pattern = re.compile(rf"(?:tinh|thanh pho|tp\.?)\s+{name}\b|\({name}\)")
        quote = next((b for b in blocks if pattern.search(fold_for_search(b))), None)
        if quote is not None:
            self.add("province", unit.province, quote)

    # --- date and term -------------------------------------------------------------

    def congress_date(self) -> None:
        default_year = self.article.date.year if self.article.date else 2025
        best: tuple[int, int, _Sentence, dt.date, dt.date | None] | None = None
        for order, sentence in enumerate(self.sentences):
            folded = fold_for_search(sentence.text)
            if "dai hoi" not in folded or "toan quoc" in folded or "xiv" in folded:
                continue
            for mention in find_dates(sentence.text, default_year):
                before = fold_for_search(sentence.text[max(0, mention.start - 30) : mention.start])
                if _NOT_CONGRESS.search(before):
                    continue
                if (mention.date.day, mention.date.month) == (1, 7) and re.search(
                    r"thanh lap|hoat dong|sap xep|chinh thuc", folded
                ):
                    continue
                if self.article.date and mention.date > self.article.date:
                    continue
                at_start = 0 if mention.start <= 25 else 1
                rank = (at_start, order)
                if best is None or rank < best[:2]:
                    best = (at_start, order, sentence, mention.date, mention.span_end)
        if best is None:
            return
        _, _, sentence, date, span_end = best
        note = None
        if span_end is not None:
            note = f"congress held {date.isoformat()} to {span_end.isoformat()}"
        self.add("congress_date", date, sentence.text, note=note)

    def term(self) -> None:
        pattern = re.compile(r"(?i)nhiệm kỳ\s*(?:mới\s*)?(?:\(\s*)?2025\s*[-–—]\s*2030")
        match_sentence = self.first(
            lambda t: bool(pattern.search(t)) and "đại hội" in t.lower()
        ) or self.first(lambda t: bool(pattern.search(t)))
        if match_sentence is None and pattern.search(self.article.title):
            self.add("term", "2025–2030", self.article.title)
            return
        if match_sentence is not None:
            self.add("term", "2025–2030", match_sentence.text)

    # --- counts ------------------------------------------------------------------------

    def counts(self) -> None:
        delegates = re.compile(
            rf"(?<![\d.,])({_NUM})\s+(?:đại biểu|đảng viên đại diện cho)(?!\s+(?:đi dự|"
            r"dự Đại hội Đảng bộ (?:tỉnh|thành phố)))"
        )
        members: list[tuple[int, int, int, str, str | None]] = []
        organizations: list[tuple[int, str, str | None]] = []
        for order, sentence in enumerate(self.sentences):
            text = sentence.text
            lowered = text.lower()
            congress = "đại hội" in lowered or bool(re.search(r"\d\s+đại biểu chính thức", text))
            if congress and not re.search(r"\bbầu\b", lowered):
                for match in delegates.finditer(text):
                    if self._other_unit(_clause_at(text, match.start())):
                        continue  # another unit's congress: "Đảng bộ phường X ... 210 đại biểu"
                    value = _number(match.group(1))
                    if isinstance(value, int):
                        self.add("delegates", value, text, "đại biểu",
                                 _qualifier(text[: match.start()]))
                        break
            for match in _MEMBERS.finditer(text):
                strength = self._members_of_unit(text, match)
                value = _number(match.group(2))
                if strength and isinstance(value, int):
                    qualifier = _qualifier(match.group(1) or "")
                    members.append((-strength, order, value, text, qualifier))
                    break
            for match in _ORGANIZATIONS.finditer(text):
                if self._organizations_of_unit(text, match):
                    value = _number(match.group(2))
                    if isinstance(value, int):
                        qualifier = _qualifier(match.group(1) or "")
                        organizations.append((value, text, qualifier))
                        break
        # "Đảng bộ ... có N đảng viên" is quoted before "đại biểu đại diện cho N đảng viên".
        for _, _, value, text, qualifier in sorted(members, key=lambda m: m[:2]):
            self.add("party_members", value, text, "đảng viên", qualifier)
        for value, text, qualifier in organizations:
            self.add("party_organizations", value, text, "tổ chức đảng", qualifier)

    # A count is this unit's only when its clause names no other unit, no higher level
    # (province, city, district) and no sub-unit (a village's chi bộ), and is not about
    # admissions, awards, ratings or targets.

    def _other_unit(self, clause: str) -> bool:
        """The clause names a ward/commune other than this unit (former units included)."""
        unit_key = fold_for_search(self.unit.name.strip())
        return any(
            not fold_for_search(m.group(1)).startswith(unit_key)
            for m in _TYPED_UNIT.finditer(clause)
        )

    def _own_scope(self, clause: str) -> bool:
        name = re.escape(self.unit.name.strip())
        province = re.escape(self.unit.province)
        # "xã Nghi Dương, thành phố Hải Phòng" locates the unit: not a higher level.
        clause = re.sub(
            rf"({name})\s*(?:,\s*(?:tỉnh|thành phố|TP\.?)\s+{province}|\(\s*{province}\s*\))",
            r"\1", clause,
        )
        return not (
            _HIGHER_LEVEL.search(clause)
            or _SUB_UNIT.search(clause)
            or _SUB_UNIT_NAMED.search(clause)
            or _NOT_STOCK.search(clause)
            or _FUTURE.search(clause)
            or self._other_unit(clause)
        )

    def _names_unit(self, clause: str) -> bool:
        unit_key = fold_for_search(self.unit.name.strip())
        return any(
            fold_for_search(m.group(1)).startswith(unit_key) for m in _TYPED_UNIT.finditer(clause)
        )

    def _members_of_unit(self, text: str, match: re.Match[str]) -> int:
        """``N đảng viên`` of this unit's Đảng bộ: 2 for "Đảng bộ ... có N đảng viên" or
        "N đảng viên trong toàn Đảng bộ / trên địa bàn phường", 1 for "(đại biểu) đại
        diện cho N đảng viên", 0 if not this unit's count."""
        clause = _clause_at(text, match.start())
        if not self._own_scope(clause):
            return 0
        before = text[: match.start()]
        after = text[match.end() :]
        about_unit = "đảng bộ" in clause.lower() or self._names_unit(clause)
        connected = re.search(
            r"(?i)(?:\bcó|\bvới|\bgồm|tổng số|tổng cộng|\bvà|,)\s*$", before
        )
        if about_unit and connected:
            return 2
        if re.search(r"(?i)(?:đại diện|thay mặt)(?:\s+cho)?\s*$", before):
            return 1
        if re.match(
            r"(?i)\s*(?:(?:của|trong|thuộc)\s+(?:toàn\s+)?Đảng bộ|trên địa bàn\s+"
            r"(?:phường|xã|đặc khu))", after
        ):
            return 2
        return 0

    def _organizations_of_unit(self, text: str, match: re.Match[str]) -> bool:
        """``N tổ chức cơ sở đảng``, ``N chi, đảng bộ trực thuộc``; a bare ``N chi bộ``
        only in "Đảng bộ ... có N chi bộ" or "N chi bộ trực thuộc"."""
        clause = _clause_at(text, match.start())
        if not self._own_scope(clause):
            return False
        if re.match(r"(?i)\s*(?:được|đạt|hoàn thành|xếp loại|trong sạch)", text[match.end() :]):
            return False
        before = text[: match.start()]
        kind = match.group(3).lower()
        compound = kind not in ("chi bộ", "tổ chức đảng")
        if compound:
            connectors = r"\bcó|\bgồm|\bvới|\bcủa|\btại|\bở|\blà|\bvà|tổng số|tổng cộng|,"
            return bool(re.search(rf"(?i)(?:{connectors})\s*$", before))
        if not re.search(r"(?i)(?:\bcó|\bgồm|\bvới|sinh hoạt tại|,)\s*$", before):
            return False
        about_unit = "đảng bộ" in clause.lower() or self._names_unit(clause)
        return bool(match.group(4)) or about_unit

    def population_and_area(self) -> None:
        population = re.compile(
            r"(?i)dân số((?:\s+(?:toàn|của|phường|xã|đặc khu|là|khoảng|hơn|"
            rf"gần|trên|đạt|có|ước|tính|hiện|nay))*)\s*:?\s*({_NUM}(?:\s*(?:nghìn|"
            r"ngàn|vạn|triệu))?)\s*(?:người|nhân khẩu)"
        )
        area = re.compile(
            r"(?i)diện tích((?:\s+(?:tự nhiên|tổng|toàn|là|khoảng|hơn|gần|trên|"
            rf"đạt|rộng|có|phường|xã|:))*)\s*:?\s*({_NUM})\s*(?:km2|km²|km\s2|"
            r"kilômét vuông|ki-lô-mét vuông)(?!\w)"
        )
        for sentence in self.sentences:
            for clause in _clauses(sentence.text):
                for regex, key, unit in ((population, "population", "người"),
                                         (area, "area_km2", "km²")):
                    if key == "population" and _FUTURE.search(clause):
                        continue
                    match = regex.search(clause)
                    if not match:
                        continue
                    value = _number(match.group(2))
                    if value is None:
                        continue
                    if key == "population":
                        if not isinstance(value, int):
                            continue
                    else:
                        value = float(value)
                    self.add(key, value, clause, unit, _qualifier(match.group(1)))

    def money_and_rates(self) -> None:
        investment = re.compile(
            r"(?i)tổng vốn đầu tư(?: phát triển)? toàn xã hội[^;]*?(?:đạt|là|"
            rf"khoảng)\s+((?:hơn|trên|gần|khoảng)\s+)?({_NUM})\s*tỷ đồng"
        )
        revenue = re.compile(
            r"(?i)thu ngân sách(?: nhà nước| NSNN)?(?: trên địa bàn)?(?: năm 20\d\d)?\s+"
            r"(?:ước\s+)?(?:đạt|"
            rf"là)\s+((?:hơn|trên|gần|khoảng)\s+)?({_NUM})\s*tỷ đồng"
        )
        poverty = re.compile(r"(?i)hộ\s+(cận\s+)?nghèo")
        rate = re.compile(
            r"(?i)(?:xuống còn|chỉ còn|còn|xuống|là|ở mức)\s+((?:hơn|dưới|gần|"
            r"khoảng)\s+)?(\d+(?:[.,]\d+)?)\s*%"
        )
        for sentence in self.sentences:
            if _FUTURE.search(sentence.text):
                continue
            for clause in _clauses(sentence.text):
                match = investment.search(clause)
                if match and (value := _number(match.group(2))) is not None:
                    qualifier = _qualifier(clause[: match.start(2)])
                    self.add("total_investment_bn_vnd", float(value), clause, "tỷ đồng",
                             qualifier)
                match = revenue.search(clause)
                if match and (value := _number(match.group(2))) is not None:
                    qualifier = _qualifier(clause[: match.start(2)])
                    self.add("budget_revenue_bn_vnd", float(value), clause, "tỷ đồng", qualifier)
                hits = list(poverty.finditer(clause))
                for position, hit in enumerate(hits):
                    stop = hits[position + 1].start() if position + 1 < len(hits) else len(clause)
                    found = rate.search(clause, hit.end(), stop)
                    if not found or found.group(1):
                        continue
                    value = _number(found.group(2))
                    if value is None:
                        continue
                    key = "near_poverty_rate_pct" if hit.group(1) else "poverty_rate_pct"
                    self.add(key, float(value), clause, "%")
        for key in ("poverty_rate_pct", "near_poverty_rate_pct"):
            same = [f for f in self.facts if f.key == key]
            if len(same) > 1:
                values = ", ".join(f"{f.value:g}%" for f in same)
                for fact in same:
                    index = self.facts.index(fact)
                    self.facts[index] = Fact(
                        fact.key, fact.value, fact.article_id, fact.quote, fact.unit,
                        fact.qualifier, f"the article states different values: {values}",
                    )

    def committees(self) -> None:
        executive = [
            re.compile(rf"({_NUM})\s+đồng chí\s+(?:tham gia|vào)\s+Ban Chấp hành", re.I),
            re.compile(
                r"Ban Chấp hành Đảng bộ(?:(?!Ban Thường vụ)[^.;]){0,60}?(?:gồm|có)\s+(\d+)"
                r"\s+đồng chí",
                re.I,
            ),
        ]
        standing = [
            re.compile(rf"({_NUM})\s+đồng chí\s+(?:tham gia|vào)\s+Ban Thường vụ", re.I),
            re.compile(
                r"Ban Thường vụ Đảng ủy(?:(?!Ban Chấp hành)[^.;]){0,60}?(?:gồm|có)\s+(\d+)"
                r"\s+đồng chí",
                re.I,
            ),
        ]
        joint = re.compile(r"(?i)Ban Chấp hành\s*(?:,|và)\s*Ban Thường vụ")
        for sentence in self.sentences:
            if joint.search(sentence.text):
                continue  # "Ban Chấp hành, Ban Thường vụ ... gồm 24 đồng chí": which one?
            for key, patterns in (("executive_committee_size", executive),
                                  ("standing_committee_size", standing)):
                for pattern in patterns:
                    match = pattern.search(sentence.text)
                    if match and isinstance(value := _number(match.group(1)), int):
                        self.add(key, value, sentence.text, "người")
                        break

    # --- people and lists --------------------------------------------------------------

    def secretary(self) -> None:
        unit_pattern = re.compile(
            r"(?<!Phó )(?<!phó )Bí thư Đảng ủy\s+(phường|xã|đặc khu)\s+(" + _NAME + ")"
        )
        unit_key = fold_for_search(self.unit.name)
        for sentence in self.sentences:
            text = sentence.text
            for match in unit_pattern.finditer(text):
                if not fold_for_search(match.group(2)).startswith(unit_key):
                    continue
                before = text[: match.start()]
                after = text[match.end() :]
                if "2020" in text and "2025 - 2030" not in text and "2025-2030" not in text:
                    continue
                name = None
                elected = re.search(
                    r"(?:[Đđ]ồng chí\s+)?(" + _NAME + r")\s+(?:đã\s+)?(?:được|tái đắc cử|trúng cử)"
                    r"(?:(?!Phó Bí thư)[^.;]){0,90}?(?:giữ chức|làm|vào chức|là|chức)?\s*$",
                    before,
                )
                if elected:
                    name = elected.group(1)
                else:
                    named = re.match(
                        r"\s*(?:nhiệm kỳ\s*2025\s*[-–]\s*2030\s*)?(?:là|:)\s*(?:đồng chí\s+)?("
                        + _NAME + ")",
                        after,
                    )
                    if named and re.search(r"bầu|chỉ định|tái cử|trúng cử", text):
                        name = named.group(1)
                if name is None:
                    continue
                name = re.sub(r"^(?:Đồng chí|đồng chí)\s+", "", name).strip()
                words = name.split()
                if not 2 <= len(words) <= 5 or fold_for_search(name) == unit_key:
                    continue
                self.add("secretary", name, text)
                return

    def merged_from(self) -> None:
        verb = re.compile(r"(?i)sáp nhập|hợp nhất|sắp xếp|trên cơ sở|nhập\s+(?:các|toàn bộ)")
        typed = re.compile(r"(?:phường|xã|thị trấn)\s+(" + _NAME + ")")
        former = {fold_for_search(f.name): f for f in self.unit.former_units}
        for sentence in self.sentences:
            text = sentence.text
            found_verb = verb.search(text)
            if not found_verb:
                continue
            rest = text[found_verb.end() :]
            names: list[str] | None = None
            listed = re.search(r"(?:gồm|là)?\s*:\s*(.+?)\s*[.;]?$", rest) or re.search(
                r"\bgồm\s+(.+?)\s*[.;]?$", rest
            )
            if listed:
                items = re.split(r"\s*,\s*|\s+và\s+", listed.group(1))
                cleaned = [re.sub(r"^(?:các\s+)?(?:phường|xã|thị trấn)\s+", "", i).strip()
                           for i in items]
                if all(re.fullmatch(_NAME, i) for i in cleaned):
                    names = cleaned
            if names is None:
                first = typed.search(rest)
                if first:
                    names = [first.group(1)]
                    position = first.end()
                    while True:
                        nxt = re.compile(r"\s*(?:,|và|,\s*và)\s*").match(rest, position)
                        if not nxt:
                            break
                        item = typed.match(rest, nxt.end())
                        if not item:
                            break
                        names.append(item.group(1))
                        position = item.end()
            if not names or len(names) < 2:
                continue
            count = re.search(r"(\d+)\s+(?:phường|xã|đơn vị)", text[: found_verb.end() + 12])
            if count and int(count.group(1)) != len(names):
                continue
            note = None
            if former:
                matched = [n for n in names if fold_for_search(n) in former]
                if len(matched) * 2 < len(names):
                    continue
                missing = [n for n in names if fold_for_search(n) not in former]
                partial = [n for n in matched if former[fold_for_search(n)].partial]
                parts = []
                if partial:
                    parts.append("partly merged per the register: " + ", ".join(partial))
                if missing:
                    parts.append("not former units per the register: " + ", ".join(missing))
                note = "; ".join(parts) or None
            self.add("merged_from", tuple(names), text, note=note)
            return

    # --- text facts -------------------------------------------------------------------

    def texts(self) -> None:
        theme = re.compile(r"(?i)chủ đề\s*(?:là|:)?\s*[“\"]([^”\"]{10,})[”\"]")
        breakthroughs = re.compile(
            r"(?i)(?:\d+|hai|ba|bốn|năm|các)\s+(?:khâu|nhóm) đột phá(?:\s+chiến lược)?"
            r"(?:\s+(?:gồm|là|như sau))?\s*:\s*(.+?)\s*[.…]*$"
        )
        target_count = re.compile(r"(?i)đề ra\s+(\d+\s+chỉ tiêu.+?)\s*[.…]*$")
        target_list = re.compile(
            r"(?i)(?:hoàn thành|thực hiện)(?:\s+tốt)?\s+các chỉ tiêu,\s*(.+?)\s*[.…]*$"
        )
        done_theme = done_break = False
        for sentence in self.sentences:
            paragraph, text = sentence.paragraph, sentence.text
            if not done_theme and (match := theme.search(paragraph)):
                start, end = match.span()
                quote = _around(paragraph, start, end)
                if quote is not None:
                    self.add("theme", match.group(1).strip(), quote)
                    done_theme = True
            earlier = paragraph[: sentence.start + len(text)]
            if not done_break and (match := breakthroughs.search(text)):
                if not _PAST_TERM.search(earlier):
                    self.add("breakthroughs", match.group(1), text)
                    done_break = True
            if re.search(r"2020\s*[-–]\s*2025|nhiệm kỳ qua|đã đạt", text):
                continue
            match = target_count.search(text) or target_list.search(text)
            if match:
                self.add("targets", match.group(1), text)
                continue
            if "2030" in text and re.match(r"(?i)(?:trong đó,\s*)?phấn đấu", text) and re.search(
                r"\d+(?:[.,]\d+)?\s*(?:%|tỷ|doanh nghiệp|trường)", text
            ):
                value = re.sub(r"^(?i:trong đó,\s*)", "", text).rstrip(" .…")
                self.add("targets", value, text)


def _around(paragraph: str, start: int, end: int) -> str | None:
    """The sentence(s) of ``paragraph`` covering [start, end), verbatim."""
    spans = split_sentences(paragraph)
    first = next((s for s, e in spans if s <= start < e), start)
    last = next((e for s, e in spans if s < end <= e), None)
    if last is None:
        last = next((e for s, e in spans if s >= end), len(paragraph))
    return paragraph[first:last].strip() or None


def extract_facts(article: Article, unit: RegisterUnit, *, restrict: bool = False) -> list[Fact]:
    """Facts ``article`` states about ``unit``; ``restrict`` keeps only paragraphs naming it."""
    extractor = _Extractor(article, unit, restrict)
    extractor.identity()
    extractor.congress_date()
    extractor.term()
    extractor.counts()
    extractor.population_and_area()
    extractor.merged_from()
    extractor.secretary()
    extractor.texts()
    extractor.money_and_rates()
    extractor.committees()
    return extractor.facts
