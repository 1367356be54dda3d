"""Vietnamese text handling: folding, numbers, alphabetical order, control stripping."""

from __future__ import annotations

import unicodedata

import pytest

from tui.text.collate import vietnamese_sort_key
from tui.text.fold import (
    canonical_tones,
    fold_for_search,
    fold_marks,
    fold_tones,
    has_diacritics,
    strip_control,
)
from tui.text.numbers import (
    NumberParseError,
    find_numbers,
    format_vietnamese_number,
    parse_vietnamese_number,
)


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Đảng viên", "dang vien"),
        ("ĐẢNG VIÊN", "dang vien"),
        ("Thục Phán", "thuc phan"),
        ("Kỳ Sơn", "ky son"),
        ("đường Ưu Ơn", "duong uu on"),
        ("Straße", "straße"),  # no casefold expansion: lengths stay equal
    ],
)
def test_fold_for_search(text: str, folded: str) -> None:
    assert fold_for_search(text) == folded
    assert len(fold_for_search(text)) == len(text)


@pytest.mark.parametrize(
    ("old", "new"),
    [("hoà", "hòa"), ("thuỷ", "thủy"), ("Hoá", "Hóa"), ("khoẻ", "khỏe"), ("uỷ ban", "ủy ban")],
)
def test_old_and_new_tone_placement_fold_alike(old: str, new: str) -> None:
    assert fold_tones(old) == fold_tones(new)
    assert canonical_tones(old) == canonical_tones(new)
    assert len(canonical_tones(old)) == len(old)


def test_fold_marks_keeps_case() -> None:
    assert fold_marks("Đảng Viên") == "Dang Vien"


def test_nfd_input_folds_like_nfc_once_normalised() -> None:
    nfd = unicodedata.normalize("NFD", "Thục Phán")
    assert fold_for_search(unicodedata.normalize("NFC", nfd)) == "thuc phan"


@pytest.mark.parametrize(("text", "expected"), [("dang", False), ("đang", True), ("á", True)])
def test_has_diacritics(text: str, expected: bool) -> None:
    assert has_diacritics(text) is expected


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("4.632", 4632),
        ("1.789", 1789),
        ("20.379", 20379),
        ("115,689", 115.689),
        ("41 nghìn", 41000),
        ("410,6", 410.6),
        ("15.219", 15219),
        ("0.27", 0.27),
        ("1.234.567", 1234567),
        ("1.234,5", 1234.5),
        ("2 triệu", 2_000_000),
        ("198", 198),
    ],
)
def test_parse_vietnamese_number(text: str, value: float) -> None:
    assert parse_vietnamese_number(text) == value


@pytest.mark.parametrize("text", ["", "abc", "1,2,3", "12.34.5"])
def test_parse_vietnamese_number_rejects(text: str) -> None:
    with pytest.raises(NumberParseError):
        parse_vietnamese_number(text)


def test_find_numbers_in_a_sentence() -> None:
    found = find_numbers("dân số hơn 41 nghìn người, tổng diện tích hơn 55km2, 4.632 đảng viên")
    assert [n.value for n in found] == [41000, 55, 4632]
    assert found[0].text == "41 nghìn"


@pytest.mark.parametrize(
    ("value", "text"),
    [(4632, "4.632"), (115.689, "115,689"), (0.35, "0,35"), (1234567, "1.234.567"), (55, "55")],
)
def test_format_vietnamese_number(value: float, text: str) -> None:
    assert format_vietnamese_number(value) == text


def test_vietnamese_alphabetical_order() -> None:
    words = ["Đông", "Dương", "An", "Ân", "Ăn", "Bình", "Yên", "Ơn", "Ông", "Ốc", "Ở"]
    assert sorted(words, key=vietnamese_sort_key) == [
        "An", "Ăn", "Ân", "Bình", "Dương", "Đông", "Ốc", "Ông", "Ở", "Ơn", "Yên",
    ]


def test_tones_order_after_letters() -> None:
    words = ["bạ", "bá", "bã", "bả", "bà", "ba"]
    assert sorted(words, key=vietnamese_sort_key) == ["ba", "bà", "bả", "bã", "bá", "bạ"]


@pytest.mark.parametrize(
    ("text", "clean"),
    [
        ("a\x1b[31mred\x1b[0m", "ared"),
        ("title\x1b]0;evil\x07 ok", "title ok"),
        ("bell\x07 nul\x00", "bell nul"),
        ("keep\ttab\nnewline", "keep\ttab\nnewline"),
        ("c1\x9b2Jx", "c1x"),
    ],
)
def test_strip_control(text: str, clean: str) -> None:
    assert strip_control(text) == clean


def test_mask_control_keeps_length_and_offsets() -> None:
    from tui.text.fold import mask_control

    text = "a\x1b[31mđỏ\x1b[0m b\x07c"
    masked = mask_control(text)
    assert len(masked) == len(text)
    assert "\x1b" not in masked and "\x07" not in masked
    assert masked[text.index("đỏ") : text.index("đỏ") + 2] == "đỏ"
