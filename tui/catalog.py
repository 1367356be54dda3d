"""The ward list's content: units with their article counts, grouped by province,
filtered by name, province or former unit name, in Vietnamese alphabetical order.

Pure logic (no Textual) so filtering can be tested and benchmarked on its own.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from functools import lru_cache
from typing import NamedTuple

from .text.collate import vietnamese_sort_key
from .text.fold import fold_for_search, fold_tones, has_diacritics, nfc
from .units import RegisterUnit

__all__ = [
    "UnitItem", "ListRow", "ListFolds", "make_items", "items_from_labels", "filter_items",
    "best_match", "coverage", "group_rows",
]


class UnitItem(NamedTuple):
    """A unit as the ward list shows it.

    A named tuple, not a dataclass: the list makes up to 3,321 of them before its first
    frame, and a frozen dataclass took five times as long to make (~6 ms in all).
    """

    code: str
    name: str
    unit_type: str
    province: str
    article_count: int
    #: Names of the units merged into this one (the filter finds them too).
    former_names: tuple[str, ...] = ()

    # What the filter searches is folded when a filter first runs (``ListFolds``), not
    # when the list is built: folding 3,321 names at start-up cost ~15 ms before the
    # first paint.

    @property
    def haystack(self) -> str:
        """Name, type, province and former names, as written."""
        return " | ".join((self.name, self.unit_type, self.province, *self.former_names))



@lru_cache(maxsize=16384)
def _folds(item: UnitItem) -> tuple[str, str]:
    """(haystack, name) of ``item`` folded accent-blind, once per item."""
    return fold_for_search(item.haystack), fold_for_search(item.name)


class ListRow(NamedTuple):
    """One line of the ward list: a province heading or a unit.

    A named tuple, not a dataclass: the list makes 3,355 of them before its first frame,
    and a frozen dataclass takes about twice as long to make."""

    kind: str  # "province" | "coverage" | "unit"
    province: str
    item: UnitItem | None = None
    covered: int = 0
    total: int = 0


def make_items(
    units: Iterable[RegisterUnit],
    counts: dict[str, int],
    include_empty: bool,
    rank: Callable[[str], int] | None = None,
    *,
    presorted: bool = False,
) -> list[UnitItem]:
    """Items for ``units`` (only those with articles unless ``include_empty``), sorted.

    ``rank`` (``Register.rank``) gives the same order as the Vietnamese sort key without
    computing it: 3,321 keys cost about half a second. ``presorted``: ``units`` already
    come in that order (as the repository's entries do), so they are not sorted again.
    """
    items = []
    for unit in units:
        count = counts.get(unit.code, 0)
        if not count and not include_empty:
            continue
        items.append(
            UnitItem(
                unit.code, unit.name, unit.unit_type, unit.province, count,
                tuple(f.name for f in unit.former_units) if unit.former_units else (),
            )
        )
    if presorted:
        return items
    if rank is not None:
        items.sort(key=lambda i: rank(i.code))
    else:
        items.sort(key=lambda i: (vietnamese_sort_key(i.province), vietnamese_sort_key(i.name)))
    return items


def items_from_labels(
    counts: dict[str, int], label: Callable[[str], tuple[str, str, str] | None]
) -> list[UnitItem]:
    """Items of the units in ``counts`` that have a count, in its order, from each unit's
    (name, type, province) ``label`` (``Register.label``): no register unit is made, as
    the list's first frame needs only these (former names come with the details)."""
    items = []
    for code, count in counts.items():
        if count:
            found = label(code)
            if found is not None:
                items.append(UnitItem(code, *found, count))
    return items


class ListFolds:
    """What the filter searches in one list of items, folded once for the list (at the
    first keystroke, or in the list's idle pass) so that a keystroke only searches
    strings: the haystacks accent-blind, the names accent-blind by code, and the
    accent-aware haystacks when an accented query first needs them."""

    def __init__(self, items: Sequence[UnitItem]) -> None:
        self.items = items
        folds = [_folds(item) for item in items]
        self.blind = [blind for blind, _ in folds]
        self.names = {item.code: name for item, (_, name) in zip(items, folds, strict=True)}
        self._toned: list[str] | None = None

    @property
    def toned(self) -> list[str]:
        if self._toned is None:
            self._toned = [fold_tones(item.haystack) for item in self.items]
        return self._toned


def filter_items(
    items: Sequence[UnitItem], query: str, folds: ListFolds | None = None
) -> list[UnitItem]:
    """Items whose name, province or former unit names contain every word of ``query``.

    Case never matters here (unit names are proper nouns); accents matter only when the
    query has them, as everywhere in the app. ``folds``: the caller's folds of ``items``
    (kept across keystrokes; made here when not given).
    """
    if folds is not None and folds.items is not items:
        raise ValueError("folds of another list")
    words = nfc(query).split()
    if not words:
        return list(items)
    if folds is None:
        folds = ListFolds(items)
    # One pass per word over the survivors of the words before (a keystroke's cost is
    # then mostly one C-level substring search per unit).
    kept = list(range(len(items)))
    for word in words:
        if has_diacritics(word):
            needle, texts = fold_tones(word), folds.toned
        else:
            needle, texts = fold_for_search(word), folds.blind
        kept = [index for index in kept if needle in texts[index]]
    return [items[index] for index in kept]


def best_match(
    items: Sequence[UnitItem], query: str, folds: ListFolds | None = None
) -> UnitItem | None:
    """The item Enter in the filter should open: one whose own name is the query, else
    one whose name has every word of it, before units found only through their province
    or a former unit's name (None: no name has them all). Same folding rules as
    :func:`filter_items`; ``folds``: the caller's folds of a list ``items`` come from."""
    words = nfc(query).split()
    if not words:
        return None
    toned = any(has_diacritics(word) for word in words)
    fold = fold_tones if toned else fold_for_search
    needles = [fold(word) for word in words]
    whole = " ".join(needles)
    if toned:
        names = [fold(i.name) for i in items]
    else:
        folds = folds if folds is not None else ListFolds(items)
        names = [folds.names[i.code] for i in items]
    named = [(i, name) for i, name in zip(items, names, strict=True)
             if all(n in name for n in needles)] if len(needles) > 1 else [
                 (i, name) for i, name in zip(items, names, strict=True) if whole in name]
    exact = next((i for i, name in named if name == whole), None)
    return exact if exact is not None else (named[0][0] if named else None)


def coverage(items: Sequence[UnitItem]) -> dict[str, tuple[int, int]]:
    """Per province: (units with at least one article, units listed)."""
    result: dict[str, tuple[int, int]] = {}
    for item in items:
        covered, total = result.get(item.province, (0, 0))
        result[item.province] = (covered + (1 if item.article_count else 0), total + 1)
    return result


def group_rows(
    items: Sequence[UnitItem], province_coverage: dict[str, tuple[int, int]] | None = None
) -> list[ListRow]:
    """Province headings followed by their units.

    ``province_coverage`` (from :func:`coverage` over the unfiltered list) lets the
    heading say "n of m units covered" even while a filter hides some units.
    """
    rows: list[ListRow] = []
    current: str | None = None
    for item in items:
        if item.province != current:
            current = item.province
            covered, total = (province_coverage or {}).get(item.province, (0, 0))
            rows.append(ListRow("province", item.province, covered=covered, total=total))
            if province_coverage is not None:  # its own line: it must fit a narrow pane
                rows.append(ListRow("coverage", item.province, covered=covered, total=total))
        rows.append(ListRow("unit", item.province, item))
    return rows
