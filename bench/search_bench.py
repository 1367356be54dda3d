"""Benchmark search: corpus index build and queries, and find-in-article per keystroke.

Generates its own corpus in memory (random Vietnamese news-like text with full
diacritics, a little of it in old tone placement), so it needs nothing on disk:

    python bench/search_bench.py --articles 10000

Targets (issue 3): corpus 2-word query to a ranked page with snippets, median <= 20 ms
and p95 <= 50 ms; find in a 10,000-word article per keystroke, median <= 5 ms.
"""

from __future__ import annotations

import argparse
import random
import resource
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from functools import partial
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tui.search.index import CorpusIndex, IndexedDoc  # noqa: E402
from tui.search.matcher import clear_cache, find_matches  # noqa: E402
from tui.search.query import parse_query  # noqa: E402

WORDS = """
đảng viên|phường|đại hội|nhiệm kỳ|kinh tế|xây dựng|chi bộ|đảng bộ|ban chấp hành|bí thư|
phó bí thư|nhân dân|cán bộ|công tác|phát triển|xã hội|văn hóa|giáo dục|y tế|an ninh|
quốc phòng|chính quyền|mặt trận|đoàn thể|thanh niên|phụ nữ|cựu chiến binh|nông dân|
hội nghị|nghị quyết|chỉ tiêu|thực hiện|hoàn thành|vượt mức|kế hoạch|đầu tư|hạ tầng|
giao thông|đô thị|nông thôn mới|chuyển đổi số|cải cách hành chính|thủ tục|dịch vụ công|
trực tuyến|người dân|doanh nghiệp|thu ngân sách|tăng trưởng|bình quân|thu nhập|hộ nghèo|
cận nghèo|giảm nghèo|bền vững|môi trường|cảnh quan|trật tự|an toàn|tổ dân phố|khu phố|
sáp nhập|đơn vị hành chính|xã|thị trấn|tỉnh|thành phố|trung ương|địa phương|nhiệm vụ|
giải pháp|đột phá|chiến lược|mục tiêu|phương hướng|tổng kết|đánh giá|kết quả|đạt được|
hạn chế|khuyết điểm|nguyên nhân|bài học|kinh nghiệm|đoàn kết|dân chủ|kỷ cương|sáng tạo|
phát huy|tiềm năng|lợi thế|nguồn lực|con người|thế hệ|truyền thống|lịch sử|cách mạng|
hòa bình|hoà bình|thủy lợi|thuỷ lợi|hóa chất|hoá học|khỏe mạnh|khoẻ mạnh|ủy ban|uỷ ban|
được|đã|đang|sẽ|với|trong|những|các|một|và|của|cho|này|đó|là|có|không|để|từ|theo|
trên|dưới|về|tới|năm|tháng|ngày|lần thứ|nhất|hai|ba|bốn|năm mươi|trăm|nghìn|tỷ đồng|
đồng chí|tham dự|phát biểu|chỉ đạo|ghi nhận|biểu dương|khen thưởng|trao tặng|bầu|
đại biểu|chính thức|danh sách|tín nhiệm|tuyệt đối|thống nhất|cao|mạnh mẽ|toàn diện|
""".replace("\n", "").split("|")
NAMES = [
    "Đảng",
    "Hà Nội",
    "Bắc Ninh",
    "Thục Phán",
    "Mặt trận Tổ quốc",
    "Thành ủy",
    "Tỉnh ủy",
    "Nguyễn Văn An",
    "Trần Thị Hoà",
    "Lê Quang Thuỷ",
    "Đà Nẵng",
    "Huế",
    "Cần Thơ",
]
WORDS = [word for word in WORDS if word]


def _sentence(rng: random.Random, words: int) -> str:
    parts = []
    for _ in range(words):
        parts.append(rng.choice(NAMES) if rng.random() < 0.06 else rng.choice(WORDS))
    text = " ".join(parts)
    comma = rng.randrange(len(text) // 2, len(text)) if rng.random() < 0.5 else 0
    if comma and text[comma] == " ":
        text = text[:comma] + "," + text[comma:]
    return text[0].upper() + text[1:] + rng.choice(".....;!")


def paragraph(rng: random.Random, chars: int) -> str:
    sentences = []
    size = 0
    while size < chars:
        sentence = _sentence(rng, rng.randint(8, 22))
        sentences.append(sentence)
        size += len(sentence) + 1
    return " ".join(sentences)


def article(rng: random.Random, number: int, size: int = 6000) -> IndexedDoc:
    title = _sentence(rng, rng.randint(8, 14)).rstrip(".;!")
    paragraphs = []
    total = 0
    while total < size:
        text = paragraph(rng, rng.randint(250, 700))
        paragraphs.append(text)
        total += len(text)
    ward = f"{number // 3:05d}"
    return IndexedDoc(f"a{number:05d}", ward, title, (title, *paragraphs))


def corpus(count: int, seed: int = 3) -> Iterator[IndexedDoc]:
    rng = random.Random(seed)
    for number in range(count):
        yield article(rng, number)


def rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def timed(function: Callable[[], object], repeat: int) -> list[float]:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        function()
        times.append((time.perf_counter() - started) * 1000)
    return times


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def report(label: str, values: list[float]) -> None:
    print(f"  {label:<30} median {statistics.median(values):7.2f} ms   p95 {p95(values):7.2f} ms")


CORPUS_QUERIES = [
    "dang vien",
    "kinh te",
    '"đại hội"',
    "đảng viên",
    "xay dung",
    "nhiem ky",
    "hoà bình",
    "chuyen doi",
    "dai hoi",
    "Đảng bộ",
]
TYPING_QUERIES = ["d", "da", "dang v", "đảng v", "Dang", "Đ"]
KEYSTROKES = ["dang vien"[:n] for n in range(1, 10)] + ["đảng viên"[:n] for n in range(1, 10)]


def _is_two_word(text: str) -> bool:
    query = parse_query(text)
    words = sum(len(term.text.split()) for term in query.terms)
    return words == 2


def bench_corpus(articles: int, repeat: int, path: Path | None) -> None:
    print(f"corpus: {articles} articles")
    with tempfile.TemporaryDirectory() as tmp:
        path = path or Path(tmp) / "search.sqlite"
        before = rss_mb()
        index = CorpusIndex.open(path)
        if len(index) != articles:
            started = time.perf_counter()
            index.close()
            index = CorpusIndex.build(corpus(articles), path)
            build = time.perf_counter() - started
            print(
                f"  build {build:.1f} s, RSS +{rss_mb() - before:.0f} MB"
                f" (now {rss_mb():.0f} MB, peak {peak_mb():.0f} MB)"
            )
        size = sum(p.stat().st_size for p in path.parent.glob(path.name + "*")) / 1e6
        print(f"  index file {size:.0f} MB")
        pages: list[float] = []
        totals: list[float] = []
        for text in CORPUS_QUERIES + TYPING_QUERIES:
            query = parse_query(text)
            results = index.search(query)
            page = timed(partial(index.search, query, count=False), repeat)
            count = timed(partial(index.count, query), repeat)
            full = timed(partial(index.search, query), repeat)
            if text in CORPUS_QUERIES and _is_two_word(text):
                pages.extend(page)
                totals.extend(full)
            label = f"{text} ({results.total_hits} hits/{results.total_articles} art.)"
            print(
                f"  {label:<36} page {statistics.median(page):6.2f}"
                f"  count {statistics.median(count):6.2f}"
                f"  page+count {statistics.median(full):6.2f} ms (medians)"
            )
        report("2-word queries: page only", pages)
        report("2-word queries: page+count", totals)
        index.close()
        started = time.perf_counter()
        reopened = CorpusIndex.open(path)
        known = reopened.known()
        print(
            f"  reopen + known(): {(time.perf_counter() - started) * 1000:.1f} ms,"
            f" {len(known)} articles"
        )
        reopened.close()
    print(f"  RSS after corpus: {rss_mb():.0f} MB, peak {peak_mb():.0f} MB")


def bench_find(words: int, repeat: int) -> None:
    rng = random.Random(11)
    blocks = [_sentence(rng, 12)]
    count = 0
    while count < words:
        text = paragraph(rng, 600)
        blocks.append(text)
        count += len(text.split())
    print(f"find in article: {count} words, {sum(map(len, blocks))} characters")
    cold: list[float] = []
    warm: list[float] = []
    for text in KEYSTROKES:
        query = parse_query(text)
        clear_cache()  # time the first keystroke on a new article too
        cold.extend(timed(partial(find_matches, query, blocks), 1))
        warm.extend(timed(partial(find_matches, query, blocks), repeat))
        matches = len(find_matches(query, blocks))
        print(f"  {text!r:<14} {matches:5d} matches   {statistics.median(warm[-repeat:]):6.2f} ms")
    report("per keystroke (folded cached)", warm)
    report("first keystroke (cold fold)", cold)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--words", type=int, default=10_000, help="words in the find article")
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument(
        "--index", type=Path, help="keep the index here (reused if it holds --articles)"
    )
    args = parser.parse_args(argv)
    print(f"start RSS {rss_mb():.0f} MB")
    bench_find(args.words, args.repeat)
    bench_corpus(args.articles, args.repeat, args.index)


if __name__ == "__main__":
    main()
