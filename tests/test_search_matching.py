"""Matching rules shared by every search: folding, smart case and accents, phrases, spans."""

from __future__ import annotations

import random
import subprocess
import sys
import unicodedata

import pytest

from tui.search.matcher import block_spans, find_matches, spans_in_text
from tui.search.query import FoldMode, parse_query
from tui.search.snippet import ELLIPSIS, snippet
from tui.search.tones import tone_fold, tone_variants
from tui.text.fold import canonical_tones, fold_tones

# (query, blocks, the text of every match in order as (block, text)).
MATCH_CASES = [
    ("dang vien", ["Đảng viên phường"], [(0, "Đảng viên")]),
    ("dang vien", ["các đảng viên"], [(0, "đảng viên")]),
    ("thuc phan", ["An Dương Vương, Thục Phán"], [(0, "Thục Phán")]),
    ("d", ["Đ đ d D"], [(0, "Đ"), (0, "đ"), (0, "d"), (0, "D")]),
    ("đ", ["Đ đ d D"], [(0, "Đ"), (0, "đ")]),
    ("Đ", ["Đ đ d D"], [(0, "Đ")]),
    ("D", ["Đ đ d D"], [(0, "Đ"), (0, "D")]),
    # tone placement: old and new spellings are equal, both ways
    ("hoà", ["hòa bình", "hoà bình"], [(0, "hòa"), (1, "hoà")]),
    ("hòa", ["hòa bình", "hoà bình"], [(0, "hòa"), (1, "hoà")]),
    ("thuỷ", ["thủy lợi", "thuỷ lợi"], [(0, "thủy"), (1, "thuỷ")]),
    ("thủy", ["thủy lợi", "thuỷ lợi"], [(0, "thủy"), (1, "thuỷ")]),
    ("Hoá", ["Hóa học", "hóa học", "Hoá chất"], [(0, "Hóa"), (2, "Hoá")]),
    ("Hóa", ["Hóa học", "hóa học", "Hoá chất"], [(0, "Hóa"), (2, "Hoá")]),
    ("hoa", ["Hóa học", "hoà bình", "hoa"], [(0, "Hóa"), (1, "hoà"), (2, "hoa")]),
    # smart case: an upper-case letter makes the query case-sensitive
    ("Đảng", ["đảng viên", "Đảng viên"], [(1, "Đảng")]),
    ("đảng", ["đảng viên", "Đảng viên", "ĐẢNG"], [(0, "đảng"), (1, "Đảng"), (2, "ĐẢNG")]),
    # smart accents: an accented query must match the accents
    ("đảng", ["dang dở", "đang", "đáng"], []),
    ("dang", ["dang dở", "đang", "đảng"], [(0, "dang"), (1, "đang"), (2, "đảng")]),
    ("viên", ["vien", "viên", "Viền"], [(1, "viên")]),
    # all words must occur in the block; adjacent words merge into one match
    (
        "vien dang",
        ["viên đảng", "đảng", "đảng và viên"],
        [(0, "viên đảng"), (2, "đảng"), (2, "viên")],
    ),
    ("dang vien", ["đảng, viên"], [(0, "đảng, viên")]),
    ("dang vien", ["đảng viên, đảng viên"], [(0, "đảng viên"), (0, "đảng viên")]),
    ("dang vien", ["đảng", "viên"], []),
    # quoted phrases: in order, whitespace runs match one space
    (
        '"dang vien"',
        ["đảng  viên", "viên đảng", "đảng\nviên", "đảng, viên"],
        [(0, "đảng  viên"), (2, "đảng\nviên")],
    ),
    ('"vien dang"', ["đảng viên"], []),
    ('"đại hội" kinh', ["Đại hội bàn kinh tế", "đại hội"], [(0, "Đại hội"), (0, "kinh")]),
    ("\u201cdai hoi\u201d", ["Đại hội"], [(0, "Đại hội")]),
    ('"dai ho', ["Đại hội"], [(0, "Đại hộ")]),
    # the title is block 0 and counts like any other block
    ("kinh te", ["Kinh tế phường", "Phát triển kinh tế"], [(0, "Kinh tế"), (1, "kinh tế")]),
    ("", ["anything"], []),
    ("   ", ["anything"], []),
    ('""', ["anything"], []),
]


@pytest.mark.parametrize(("query", "blocks", "expected"), MATCH_CASES)
def test_find_matches(query: str, blocks: list[str], expected: list[tuple[int, str]]) -> None:
    matches = find_matches(query, blocks)
    assert [(m.block, blocks[m.block][m.start : m.end]) for m in matches] == expected


@pytest.mark.parametrize(("query", "blocks", "expected"), MATCH_CASES)
def test_uncached_spans_agree(
    query: str, blocks: list[str], expected: list[tuple[int, str]]
) -> None:
    parsed = parse_query(query)
    found = [
        (number, block[start:end])
        for number, block in enumerate(blocks)
        for start, end in (spans_in_text(parsed, block) if parsed else [])
    ]
    assert found == expected


def test_offsets_index_the_original_text() -> None:
    text = "Các Đảng viên ưu tú"
    (match,) = find_matches("dang vien", [text])
    assert (match.start, match.end) == (4, 13)
    assert text[match.start : match.end] == "Đảng viên"


@pytest.mark.parametrize(
    "query", [unicodedata.normalize("NFD", "đảng viên"), unicodedata.normalize("NFD", "Hoá")]
)
def test_nfd_query_behaves_like_nfc(query: str) -> None:
    blocks = ["Đảng viên", "đảng viên", "Hóa", "hoá"]
    nfc_query = unicodedata.normalize("NFC", query)
    assert find_matches(query, blocks) == find_matches(nfc_query, blocks)
    assert find_matches(query, blocks)


@pytest.mark.parametrize(
    ("text", "mode"),
    [
        ("dang vien", FoldMode.BLIND),
        ("Dang", FoldMode.MARKS),
        ("đảng", FoldMode.TONES),
        ("Đảng viên", FoldMode.CANON),
        ("hoà binh", FoldMode.TONES),  # one accented word turns accents on for the query
    ],
)
def test_query_mode(text: str, mode: FoldMode) -> None:
    assert parse_query(text).mode is mode


@pytest.mark.parametrize(
    ("text", "terms", "phrases", "open_ended"),
    [
        ("dang vien", ["dang", "vien"], [False, False], True),
        ("dang vien ", ["dang", "vien"], [False, False], False),
        ('"đại  hội" x', ["đại hội", "x"], [True, False], True),
        ('"đại hội"', ["đại hội"], [True], False),
        ('"đại ho', ["đại ho"], [True], True),
        ("dang dang", ["dang"], [False], True),
        ("\u201ckinh tế\u201d", ["kinh tế"], [True], False),
    ],
)
def test_parse_query(text: str, terms: list[str], phrases: list[bool], open_ended: bool) -> None:
    query = parse_query(text)
    assert [term.text for term in query.terms] == terms
    assert [term.phrase for term in query.terms] == phrases
    assert query.open_ended is open_ended


def test_query_fold_and_folded_terms() -> None:
    query = parse_query("Đảng hoà")
    assert query.case_sensitive and query.accent_sensitive
    assert query.folded_terms == ("Đảng", "hòa")
    assert query.fold("Hoà Đảng") == "Hòa Đảng"
    assert query.matches("Đảng viên hòa bình")
    assert not query.matches("đảng viên hòa bình")
    assert not parse_query("").matches("x")


@pytest.mark.parametrize(
    ("syllable", "expected"),
    [
        ("hoà", {"hoà", "hòa"}),
        ("thuỷ", {"thuỷ", "thủy"}),
        ("Hoá", {"Hoá", "Hóa"}),
        ("viên", {"viên"}),
        ("đảng", {"đảng"}),
    ],
)
def test_tone_variants(syllable: str, expected: set[str]) -> None:
    variants = tone_variants(syllable)
    assert variants[0] == syllable
    assert expected <= set(variants)
    assert {fold_tones(variant) for variant in variants} == {fold_tones(syllable)}


_WORDS = (
    "Đảng đảng viên hoà hòa Hoá hóa thuỷ thủy Khoẻ khỏe quả gì giữ người Nguyễn ĐẠI HỘI "
    "kinh tế, xã-hội 2025 dang vien ngoằn ngoèo Thục Phán hoàng uỷ ban ủy quyền"
).split()


def _random_text(rng: random.Random, words: int) -> str:
    separators = [" ", " ", " ", ", ", "\n", "  "]
    return "".join(rng.choice(_WORDS) + rng.choice(separators) for _ in range(words))


def test_tone_fold_equals_reference_folds() -> None:
    rng = random.Random(5)
    for _ in range(50):
        text = _random_text(rng, 30)
        assert tone_fold(text, keep_case=False) == fold_tones(text)
        assert tone_fold(text, keep_case=True) == canonical_tones(text)


@pytest.mark.parametrize("whole_words", [False, True])
def test_candidate_search_equals_full_fold(whole_words: bool) -> None:
    """``spans_in_text`` (blind candidates, accents checked) equals folding everything."""
    rng = random.Random(7)
    queries = [
        "hoà",
        "Hoá",
        "thủy",
        "đảng viên",
        "Đảng",
        "ĐẠI",
        "uỷ",
        "ủy ban",
        "ngoằn",
        "gì",
        '"hòa hoàng"',
        "dang",
        "Dang vien",
        "đ",
        "hò",
        "a",
        "khỏe, quả",
    ]
    for _ in range(40):
        text = _random_text(rng, 25)
        for text_query in queries:
            query = parse_query(text_query)
            expected = block_spans(query, query.fold(text), whole_words)
            assert spans_in_text(query, text, whole_words) == expected, (text_query, text)


def test_word_start_skips_matches_inside_words() -> None:
    query = parse_query("ang")
    assert spans_in_text(query, "đảng ang", whole_words=True) == [(5, 8)]
    assert spans_in_text(query, "đảng ang", whole_words=False) == [(1, 4), (5, 8)]


@pytest.mark.parametrize(
    ("typed", "text", "spans"),
    [
        # a word before the last is whole: "bi" is not the start of "biểu"
        ("bi thu", "Bí thư phát biểu", [(0, 6)]),
        ("bi thu", "phát biểu, thu", []),
        # the last word of a query being typed is a word's beginning
        ("bi th", "Bí thư phát biểu", [(0, 5)]),
        # typed to the end (a space after it): whole too
        ("bi thu ", "Bí thưa", []),
    ],
)
def test_corpus_hits_highlight_whole_words_as_the_index_matches_them(
    typed: str, text: str, spans: list[tuple[int, int]]
) -> None:
    assert spans_in_text(parse_query(typed), text, whole_words=True) == spans


def test_find_matches_sorted_by_block_then_start() -> None:
    blocks = ["viên đảng viên", "đảng", "viên đảng"]
    matches = find_matches("dang", blocks)
    assert matches == sorted(matches, key=lambda m: (m.block, m.start))
    assert [m.block for m in matches] == [0, 1, 2]


# -- snippets -------------------------------------------------------------------------

LONG = " ".join(f"từ{n}" for n in range(60))


def test_snippet_short_text_is_whole() -> None:
    text = "Đảng viên\ngương mẫu"
    cut, spans = snippet(text, [(0, 9)], width=80)
    assert cut == "Đảng viên gương mẫu"
    assert spans == ((0, 9),)


@pytest.mark.parametrize("word", ["từ0", "từ30", "từ59"])
def test_snippet_window_shows_the_hit(word: str) -> None:
    start = LONG.index(word + " ") if word != "từ59" else LONG.rindex(word)
    end = start + len(word)
    cut, spans = snippet(LONG, [(start, end)], width=40)
    assert len(cut) <= 40
    assert cut[spans[0][0] : spans[0][1]] == word
    assert cut.startswith(ELLIPSIS) == (start > 0)
    assert cut.endswith(ELLIPSIS) == (not word.endswith("59"))
    body = cut.strip(ELLIPSIS)
    assert body in LONG and not body.startswith(" ") and not body.endswith(" ")


def test_snippet_drops_and_clips_spans_outside_the_window() -> None:
    far = LONG.index("từ50")
    near = LONG.index("từ10")
    cut, spans = snippet(LONG, [(near, near + 4), (far, far + 4)], width=30)
    assert len(spans) == 1 and cut[spans[0][0] : spans[0][1]] == "từ10"
    crossing = (near - 3, near + 4)
    cut, spans = snippet(LONG, [crossing], width=30, focus=(near, near + 4))
    assert all(0 <= start < end <= len(cut) for start, end in spans)


def test_snippet_keeps_offsets_across_line_breaks() -> None:
    text = "mở đầu\n" * 20 + "đảng viên" + "\nkết thúc" * 20
    start = text.index("đảng")
    cut, spans = snippet(text, [(start, start + 9)], width=50)
    assert "\n" not in cut
    assert cut[spans[0][0] : spans[0][1]] == "đảng viên"


def test_search_package_does_not_import_textual() -> None:
    code = (
        "import sys, tui.search, tui.search.index, tui.search.matcher, tui.search.query;"
        " assert 'textual' not in sys.modules, 'textual imported'"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize(
    ("typed", "blocks", "found"),
    [
        # an accented syllable is not a prefix of another one ("bí" is not in "biến")
        ("bí", ["chuyển biến", "Bí thư"], [1]),
        ("bí thư", ["biến thức", "Bí thư Đảng ủy"], [1]),
        # old and new tone placement still fold alike, also while typing
        ("hoà", ["hòa bình"], [0]),
        ("thuỷ", ["thủy lợi"], [0]),
        ("ngườ", ["người dân"], [0]),
    ],
)
def test_accented_find_matches_the_syllable_as_written(
    typed: str, blocks: list[str], found: list[int]
) -> None:
    assert sorted({m.block for m in find_matches(typed, blocks)}) == found
