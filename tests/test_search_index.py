"""The corpus index: totals, ranking, snippets, updates, persistence, threads."""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from tui.models import Article, Paragraph
from tui.search.index import CorpusIndex, Hit, IndexedDoc
from tui.search.query import parse_query
from tui.text.fold import fold_for_search

DOCS = (
    IndexedDoc(
        "a1",
        "00001",
        "Đại hội Đảng bộ phường Ba Đình",
        (
            "Đại hội Đảng bộ phường Ba Đình",
            "Các đảng viên tham dự đại hội nhiệm kỳ 2025-2030.",
            "Phát triển kinh tế và xây dựng đô thị.",
        ),
    ),
    IndexedDoc(
        "a2",
        "00001",
        "Kinh tế phường tăng trưởng",
        (
            "Kinh tế phường tăng trưởng",
            "Đảng viên gương mẫu, kinh tế phát triển hoà bình.",
            "Viên chức và đảng bộ.",
        ),
    ),
    IndexedDoc(
        "a3",
        "00002",
        "Thục Phán và thành Cổ Loa",
        (
            "Thục Phán và thành Cổ Loa",
            "Hòa bình, thủy lợi và đang phát triển.",
            "dang vien viết không dấu.",
        ),
    ),
)
BLOCKS = {doc.article_id: doc.blocks for doc in DOCS}


@pytest.fixture
def index() -> Iterator[CorpusIndex]:
    with CorpusIndex.build(DOCS) as built:
        yield built


def _places(hits: tuple[Hit, ...]) -> list[tuple[str, int]]:
    return [(hit.article_id, hit.block) for hit in hits]


@pytest.mark.parametrize(
    ("query", "places", "articles"),
    [
        # typed without accents: no spelling ranks first, adjacent words before apart
        ("dang vien", [("a1", 1), ("a2", 1), ("a3", 2), ("a2", 2)], 3),
        # title hits first
        ("kinh te", [("a2", 0), ("a1", 2), ("a2", 1)], 2),
        # exact tone placement first, the other placement still found
        ("hoà bình", [("a2", 1), ("a3", 1)], 2),
        ("hòa bình", [("a3", 1), ("a2", 1)], 2),
        # smart case and smart accents
        ("Đảng", [("a1", 0), ("a2", 1)], 2),
        ("Dang", [("a1", 0), ("a2", 1)], 2),
        ("đảng", [("a1", 0), ("a1", 1), ("a2", 1), ("a2", 2)], 2),
        ("dang", [("a1", 0), ("a1", 1), ("a2", 1), ("a2", 2), ("a3", 1), ("a3", 2)], 3),
        ('"đại hội"', [("a1", 0), ("a1", 1)], 1),
        # the last word is a prefix while typing, earlier words are whole
        ("thuc ph", [("a3", 0)], 1),
        ("thuc phx", [], 0),
        ("thu phan", [], 0),
        ("", [], 0),
    ],
)
def test_search_ranks_and_counts(
    index: CorpusIndex, query: str, places: list[tuple[str, int]], articles: int
) -> None:
    results = index.search(query)
    assert _places(results.hits) == places
    assert results.total_hits == len(places)
    assert results.total_articles == articles


def test_scores_follow_the_ranking(index: CorpusIndex) -> None:
    hits = index.search("dang vien").hits
    assert [hit.score for hit in hits] == sorted((hit.score for hit in hits), reverse=True)
    assert hits[0].score > hits[-1].score


@pytest.mark.parametrize("query", ["dang vien", "kinh te", "hoà bình", '"đại hội"', "Đảng"])
def test_hit_offsets_and_snippets_point_at_the_match(index: CorpusIndex, query: str) -> None:
    parsed = parse_query(query)
    hits = index.search(parsed).hits
    assert hits
    for hit in hits:
        block = BLOCKS[hit.article_id][hit.block]
        assert parsed.matches(block)
        highlighted = [hit.snippet[start:end] for start, end in hit.snippet_spans]
        assert block[hit.start : hit.end] in highlighted
        for piece in highlighted:
            assert piece in block
            assert any(term.folded in parsed.fold(piece) for term in parsed.terms)
        assert hit.title == BLOCKS[hit.article_id][0]
        assert hit.ward_code == next(d.ward_code for d in DOCS if d.article_id == hit.article_id)


def test_merged_span_is_the_hit(index: CorpusIndex) -> None:
    hit = index.search("dang vien").hits[0]
    assert BLOCKS[hit.article_id][hit.block][hit.start : hit.end] == "đảng viên"


def test_paging_and_totals(index: CorpusIndex) -> None:
    everything = index.search("dang", limit=50).hits
    first = index.search("dang", limit=2)
    second = index.search("dang", limit=2, offset=2)
    assert first.hits + second.hits == everything[:4]
    assert first.total_hits == second.total_hits == len(everything)
    counted = index.search("dang", count=False)
    assert (counted.total_hits, counted.total_articles) == (-1, -1)
    assert counted.hits == everything
    assert index.count("dang") == (6, 3)


def test_replace_and_remove(index: CorpusIndex) -> None:
    before = index.known()
    index.add(("a3", "00002", "Thục Phán", ["Thục Phán", "Không còn gì."]))
    after = index.known()
    assert after["a3"] != before["a3"] and after["a1"] == before["a1"]
    assert index.search("dang vien").total_hits == 3
    assert index.search("con gi").total_hits == 1

    assert index.remove("a2") is True
    assert index.remove("a2") is False
    assert set(index.known()) == {"a1", "a3"}
    assert _places(index.search("kinh te").hits) == [("a1", 2)]
    assert len(index) == 2


def test_reopen_from_file(tmp_path: Path) -> None:
    path = tmp_path / "search.sqlite"
    with CorpusIndex.build(DOCS, path) as built:
        known = built.known()
        expected = built.search("dang vien")
    with CorpusIndex.open(path) as reopened:
        assert reopened.known() == known
        assert reopened.search("dang vien") == expected
        reopened.add(IndexedDoc("a4", "00003", "Mới", ("Mới", "đảng viên mới")))
    with CorpusIndex.open(path) as again:
        assert set(again.known()) == {"a1", "a2", "a3", "a4"}
        assert again.search("dang vien").total_hits == 5


def test_damaged_or_outdated_file_is_rebuilt_empty(tmp_path: Path) -> None:
    damaged = tmp_path / "damaged.sqlite"
    damaged.write_bytes(b"not a database at all" * 100)
    with CorpusIndex.open(damaged) as index:
        assert len(index) == 0
        index.add(DOCS[0])
        assert index.search("dai hoi").total_hits == 2

    outdated = tmp_path / "outdated.sqlite"
    CorpusIndex.build(DOCS, outdated).close()
    with sqlite3.connect(outdated) as conn:
        conn.execute("UPDATE meta SET value = 'old' WHERE key = 'schema'")
    with CorpusIndex.open(outdated) as index:
        assert index.known() == {}


def test_build_reports_progress() -> None:
    calls: list[tuple[int, int]] = []
    CorpusIndex.build(list(DOCS), progress=lambda done, total: calls.append((done, total)))
    assert calls[-1] == (3, 3)
    calls.clear()
    index = CorpusIndex()
    index.add_many((doc for doc in DOCS), progress=lambda d, t: calls.append((d, t)), batch_size=2)
    assert calls == [(2, 0), (3, 0)]


def test_from_article_uses_the_article_blocks() -> None:
    article = Article(
        id="x1",
        ward_code="00009",
        title="Đại hội",
        date=None,
        paragraphs=(Paragraph("text", "Đảng viên"), Paragraph("caption", "Ảnh: đại biểu")),
        raw="",
        content_hash="abc",
    )
    doc = IndexedDoc.from_article(article)
    assert doc.blocks == ("Đại hội", "Đảng viên", "Ảnh: đại biểu")
    index = CorpusIndex.build([doc])
    assert index.known() == {"x1": "abc"}
    assert _places(index.search("dai bieu").hits) == [("x1", 2)]


def test_prefix_with_many_completions_still_matches() -> None:
    words = [f"ab{n}" for n in range(80)]
    index = CorpusIndex.build([("many", "1", "t", ["t", *words])])
    assert index.search("ab").total_hits == 80
    assert index.search("ab7").total_hits == 11


def test_loose_plan_says_so_and_hits_are_still_checked() -> None:
    index = CorpusIndex.build(
        [("p", "1", "t", ["t", "người người người người", "nguoi nguoi nguoi nguoi"])]
    )
    results = index.search('"người người người người"')
    assert _places(results.hits) == [("p", 1)]
    assert results.exact is False and results.total_hits >= 1
    assert index.search("người").exact is True


def test_searching_while_another_thread_builds() -> None:
    index = CorpusIndex()
    docs = [
        IndexedDoc(f"t{n}", "1", f"Bài {n}", (f"Bài {n}", "đảng viên và kinh tế"))
        for n in range(400)
    ]
    errors: list[BaseException] = []

    def build() -> None:
        try:
            index.add_many(docs, batch_size=20)
        except BaseException as error:  # pragma: no cover - reported below
            errors.append(error)

    worker = threading.Thread(target=build)
    worker.start()
    seen = []
    while worker.is_alive():
        seen.append(index.search("dang vien", limit=5).total_hits)
    worker.join()
    assert not errors
    assert seen == sorted(seen)
    assert index.search("dang vien").total_hits == 400
    index.interrupt()  # nothing running: a no-op
    assert index.count("kinh te") == (400, 400)


def test_capitalised_prefix_keeps_the_case_of_what_was_typed() -> None:
    index = CorpusIndex.build(
        [("c", "1", "t", ["t", "Đảng viên", "ĐẢNG VIÊN", "đảng viên", "Đào tạo"])]
    )
    assert _places(index.search("Đả").hits) == [("c", 1)]
    assert _places(index.search("ĐẢ").hits) == [("c", 2)]
    assert _places(index.search("Đ").hits) == [("c", 1), ("c", 2), ("c", 4)]
    assert _places(index.search("Da").hits) == [("c", 1), ("c", 4)]


def test_interrupt_abandons_the_running_search(monkeypatch: pytest.MonkeyPatch) -> None:
    from tui.search.index import SearchInterrupted

    words = "đảng viên kinh tế xây dựng nhiệm kỳ đại hội phường".split()
    docs = [
        (f"i{n}", "1", "t", ["t", *(" ".join(words[(n + k) % 10 :]) for k in range(20))])
        for n in range(100)
    ]
    index = CorpusIndex.build(docs)
    expand = index._expand

    def expand_then_interrupt(column: str, prefix: str) -> list[str] | None:
        index.interrupt()  # as the UI thread would, once the query went stale
        return expand(column, prefix)

    monkeypatch.setattr(index, "_expand", expand_then_interrupt)
    with pytest.raises(SearchInterrupted):
        index.search("dang vi")
    monkeypatch.setattr(index, "_expand", expand)
    assert index.search("dang vi").total_hits > 0


@pytest.mark.parametrize(
    ("query", "vocabulary", "contains", "absent"),
    [
        # whole words are exact tokens; only the last, still being typed, is expanded
        ("dang vi", {"vi", "vien", "viet"}, ['"dang"', '"vi" OR "vien" OR "viet"'], ["*"]),
        ("dang vi ", {"vi", "vien"}, ['"dang"', '"vi"'], ["vien", "*"]),
        # a one-letter start is left to FTS5's prefix index
        ("dang v", {"vi"}, ['"v" *'], []),
        # accents: every tone placement, in the raw column
        (
            "hoà",
            {"hoà", "hòa", "hoàng"},
            ['{raw}: ("hoà\ue000"', '"hoàng\ue000" OR "hòa\ue000")'],
            [],
        ),
        # phrases keep their words together
        ('"dai hoi"', set(), ['"dai hoi"'], ["AND"]),
    ],
)
def test_plan_expressions(
    query: str, vocabulary: set[str], contains: list[str], absent: list[str]
) -> None:
    from tui.search.fts import plan_query

    def expand(column: str, prefix: str) -> list[str]:
        words = {fold_for_search(w) if column == "blind" else w for w in vocabulary}
        return sorted(word for word in words if word.startswith(prefix))

    plan = plan_query(parse_query(query), expand)
    assert plan is not None
    for text in contains:
        assert text in plan.everything
    for text in absent:
        assert text not in plan.everything


def test_plan_is_none_when_a_prefix_completes_to_nothing() -> None:
    from tui.search.fts import plan_query

    assert plan_query(parse_query("dang zz"), lambda column, prefix: []) is None
    assert plan_query(parse_query(""), lambda column, prefix: []) is None
    assert plan_query(parse_query("--"), lambda column, prefix: []) is None


def test_unaccented_query_ranks_the_phrase_before_chance_unaccented_words() -> None:
    """'bi thu' typed without accents means 'Bí thư' far more often than the words 'bi'
    and 'thu' written without accents: those must not rank first for being 'exact'."""
    docs = (
        IndexedDoc("x", "00001", "Thu ngân sách", ("Thu ngân sách", "Thu đạt cao, trẻ chơi bi.")),
        IndexedDoc("y", "00002", "Đại hội", ("Đại hội", "Bí thư Đảng ủy phát biểu.")),
    )
    with CorpusIndex.build(docs) as built:
        hits = built.search("bi thu").hits
        assert [(h.article_id, h.block) for h in hits] == [("y", 1), ("x", 1)]
        # typed with accents, the spelling as typed still ranks first
        assert built.search("bí thư").hits[0].article_id == "y"


def test_words_side_by_side_rank_above_a_title_with_them_apart() -> None:
    docs = (
        IndexedDoc("t", "00001", "Đại hội Mường Bi lần thứ I",
                   ("Đại hội Mường Bi lần thứ I", "Khai mạc đại hội.")),
        IndexedDoc("p", "00002", "Đại hội", ("Đại hội", "Bí thư Đảng ủy phát biểu.")),
    )
    with CorpusIndex.build(docs) as built:
        hits = built.search("bi thu").hits
        assert [(h.article_id, h.block) for h in hits] == [("p", 1), ("t", 0)]
