"""Pure logic behind the panes: wrapping, locating offsets, the ward list, fact rows."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from tui.article_layout import layout_article, locate, wrap_offsets
from tui.catalog import (
    ListFolds,
    best_match,
    coverage,
    filter_items,
    group_rows,
    items_from_labels,
    make_items,
)
from tui.facts import format_value
from tui.models import Article, Paragraph, RegisterUnit
from tui.register import Register
from tui.repository import Repository


@pytest.mark.parametrize("width", [10, 20, 37, 80])
def test_wrap_offsets_cover_every_word_within_width(width: int) -> None:
    text = "Đảng bộ phường Thục Phán có 103 chi bộ, Đảng bộ trực thuộc, với 4.632 đảng viên."
    lines = wrap_offsets(text, width)
    assert all(end - start <= width for start, end in lines)
    rebuilt = " ".join(text[start:end] for start, end in lines)
    assert rebuilt.split() == text.split()


def test_layout_maps_offsets_back_to_lines() -> None:
    article = Article(
        id="a", ward_code="07909", title="Tiêu đề", date=dt.date(2025, 7, 26),
        paragraphs=(Paragraph("text", "một hai ba bốn năm sáu bảy tám chín mười " * 5),
                    Paragraph("caption", "Ảnh minh họa")),
        raw="",
    )
    lines = layout_article(article, 30)
    target = article.paragraphs[0].text.rindex("mười")
    index = locate(lines, 1, target)
    assert index is not None
    line = lines[index]
    assert line.block == 1 and line.start <= target < line.end
    assert any(line.kind == "caption" and line.prefix for line in lines)
    assert lines[1].kind == "meta" and "26/07/2025" in lines[1].literal


def test_filter_matches_name_province_and_former_units(repository: Repository,
                                                       register: Register) -> None:
    counts = {e.unit_code: len(e.articles) for e in repository.entries()}
    items = make_items([register.get(c) for c in counts if register.get(c)], counts, False)
    assert [i.name for i in items] == ["Thục Phán", "Kỳ Sơn", "Thanh Miếu"]
    assert [i.name for i in filter_items(items, "tien cat")] == ["Thanh Miếu"]
    assert [i.name for i in filter_items(items, "phu tho")] == ["Kỳ Sơn", "Thanh Miếu"]
    assert [i.name for i in filter_items(items, "mông hóa")] == ["Kỳ Sơn"]
    assert [i.name for i in filter_items(items, "mông hoá")] == ["Kỳ Sơn"]  # old tone placement
    assert filter_items(items, "mống") == []  # accents typed must match
    assert len(filter_items(items, "")) == 3


def test_entries_come_in_register_order_so_items_need_no_sort(register: Register,
                                                              tmp_path: Path) -> None:
    """The app builds the list from the repository's entries with ``presorted=True``."""
    from tui.generate import generate_corpus

    data = tmp_path / "data"
    generate_corpus(60, data, seed=11, register=register)
    repo = Repository.load(data, register)
    counts = {e.unit_code: e.article_total for e in repo.entries()}
    units = [u for u in (register.basic(c) for c in counts) if u is not None]
    sorted_items = make_items(list(reversed(units)), counts, False, rank=register.rank)
    assert make_items(units, counts, False, rank=register.rank, presorted=True) == sorted_items
    assert len({i.province for i in sorted_items}) > 5
    # The first frame's items, from the units' labels alone: the same but former names.
    assert counts == repo.article_totals()
    labelled = items_from_labels(counts, register.label)
    assert labelled == [item._replace(former_names=()) for item in sorted_items]


def test_group_rows_with_coverage(register: Register) -> None:
    units = [u for u in register.units() if u.province in ("Cao Bằng", "Phú Thọ")]
    items = make_items(units, {"07909": 2, "04894": 1, "01273": 1}, include_empty=True)
    rows = group_rows(filter_items(items, "son"), coverage(items))
    headings = [r for r in rows if r.kind == "province"]
    assert [h.province for h in headings] == ["Cao Bằng", "Phú Thọ"]
    phu_tho = headings[1]
    in_phu_tho = sum(1 for u in units if u.province == "Phú Thọ")
    assert phu_tho.covered == 2 and phu_tho.total == in_phu_tho


@pytest.mark.parametrize(
    ("value", "unit", "qualifier", "text"),
    [
        (4632, "đảng viên", None, "4.632 đảng viên"),
        (115.689, "km²", None, "115,689 km²"),
        (41000, "người", "more than", "hơn 41.000 người"),
        (dt.date(2025, 7, 24), None, None, "24/07/2025"),
        (("Kỳ Sơn", "Mông Hóa"), None, None, "Kỳ Sơn, Mông Hóa"),
        (0.35, "%", None, "0,35%"),
    ],
)
def test_format_value(value: object, unit: str | None, qualifier: str | None, text: str) -> None:
    assert format_value(value, unit, qualifier) == text  # type: ignore[arg-type]


def test_register_has_all_units_and_former_units(register: Register) -> None:
    assert len(register) == 3321
    assert len(register.provinces()) == 34
    thanh_mieu = register.get("07909")
    assert isinstance(thanh_mieu, RegisterUnit)
    assert {f.name for f in thanh_mieu.former_units} == {
        "Thanh Miếu", "Tiên Cát", "Thọ Sơn", "Bạch Hạc", "Sông Lô"
    }
    assert "Hòa Bình" in register.former_provinces()["Phú Thọ"]
    assert [u.code for u in register.find_by_name("phường Kỳ Sơn", "Hòa Bình")] == ["04894"]


def test_best_match_prefers_the_unit_named_like_the_query(register: Register) -> None:
    """"thanh mieu" also finds units through former names (Thành Công + Văn Miếu);
    Enter in the filter should open Thanh Miếu itself."""
    items = make_items(register.units(), {}, include_empty=True, rank=register.rank)
    shown = filter_items(items, "thanh mieu")
    assert len(shown) > 1 and shown[0].name != "Thanh Miếu"
    best = best_match(shown, "thanh mieu")
    assert best is not None and best.name == "Thanh Miếu"
    son = best_match(filter_items(items, "ky son"), "ky son")
    assert son is not None and son.name == "Kỳ Sơn"  # exact name before "Kỳ Sơn X..."
    assert best_match(items, "") is None


def test_register_from_its_cache_makes_units_only_when_asked(
    register: Register, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A warm start reads the register cache as rows: listing names makes no unit, one
    unit is made when asked for, and the whole register is the one built from the
    packages (same units, same order, details joined)."""
    import tui.register as register_module

    monkeypatch.setenv("WARD_READER_CACHE_DIR", str(tmp_path / "register-cache"))
    register_module.load_register.cache_clear()
    try:
        register_module.load_register()  # from the packages; writes the cache
        register_module.load_register.cache_clear()
        warm = register_module.load_register()
    finally:
        register_module.load_register.cache_clear()
    assert warm._rows is not None and not warm._units  # nothing made yet
    assert len(warm) == 3321 and "07909" in warm
    assert warm.label("07909") == ("Thanh Miếu", "phường", "Phú Thọ")
    assert not warm._units
    unit = warm.basic("07909")
    assert unit is not None and unit.name == "Thanh Miếu" and list(warm._units) == ["07909"]
    assert [u.code for u in warm.units(details=False)] == [u.code for u in register.units()]
    assert warm.units() == register.units()  # with areas and former units


def test_damaged_register_cache_rows_are_not_used(tmp_path: Path) -> None:
    import marshal

    from tui.register import _CACHE_FORMAT, _read_cache

    path = tmp_path / "register.marshal"
    good = ("07909", "Thanh Miếu", "phường", "25", "Phú Thọ")
    for rows in ([good], [good, ("07909", "x")], [good, (*good[:4], 5)], "rows", [["a"] * 5]):
        path.write_bytes(marshal.dumps({"format": _CACHE_FORMAT, "units": rows}))
        assert (_read_cache(path) is not None) == (rows == [good]), rows


@pytest.mark.parametrize(
    "query", ["", "t", "tien cat", "ky son", "Kỳ", "phu tho ky", "Phú thọ", "zzz", "thanh mieu"]
)
def test_filter_with_the_callers_folds_finds_what_it_finds_without(
    register: Register, query: str
) -> None:
    items = make_items(register.units(), {}, include_empty=True, rank=register.rank)
    folds = ListFolds(items)
    shown = filter_items(items, query, folds)
    assert shown == filter_items(items, query)
    assert best_match(shown, query, folds) == best_match(shown, query)
    with pytest.raises(ValueError):
        filter_items(items[1:], query, folds)


def test_long_meta_line_wraps_instead_of_being_cut() -> None:
    article = Article(
        id="a", ward_code="07909", title="Tiêu đề", date=dt.date(2025, 7, 30),
        paragraphs=(Paragraph("text", "một hai ba"),), raw="",
        outlet="Báo Cao Bằng điện tử", byline="Hoàng Thanh Tuấn và Nguyễn Văn Minh",
    )
    meta = [line.literal for line in layout_article(article, 24) if line.kind == "meta"]
    assert len(meta) > 1 and all(len(text) <= 24 for text in meta)
    assert " ".join(meta).split() == (
        "30/07/2025 · Báo Cao Bằng điện tử · Hoàng Thanh Tuấn và Nguyễn Văn Minh".split()
    )
