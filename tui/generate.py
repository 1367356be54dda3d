"""A synthetic corpus at any scale, in the data dir's YAML layout, for tests and benchmarks.

``generate_corpus(10_000, out)`` spreads articles over the units of the register (about
three per unit, so 10,000 articles cover all 3,321 units), writes Vietnamese text with full
diacritics (about 6 KB of body an article: headings, text, photo captions, a byline) and
facts whose quotes are verbatim substrings of the text, numbers written the Vietnamese
way ("4.632 đảng viên", "115,689 km2", "hơn 41 nghìn người"), so ``ward-reader check``
accepts the result. The same seed gives byte-identical files.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import multiprocessing
import os
import random
import sys
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from .models import Article, Fact, Paragraph, RegisterUnit
from .register import Register, load_register
from .text.numbers import format_vietnamese_number
from .wardfile import WardDocument, WardHeader, ward_file_path, write_ward_file

__all__ = ["GenerateResult", "generate_corpus", "ARTICLES_PER_UNIT"]

#: Average number of articles per unit; 10,000 articles therefore cover every unit.
ARTICLES_PER_UNIT = 3
_BODY_BYTES = 6_000

_OUTLETS = ("Báo Phú Thọ", "Báo Cao Bằng", "Báo Nhân Dân", "Báo Quân đội nhân dân",
            "Tạp chí Xây dựng Đảng", "Báo Tuổi Trẻ", "Báo Thanh Niên", "Báo Lao Động")
_FAMILY = ("Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng",
           "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý", "Đinh", "Lương", "Triệu", "Hà")
_MIDDLE = ("Văn", "Thị", "Hữu", "Đức", "Minh", "Thanh", "Quốc", "Ngọc", "Xuân", "Thế")
_GIVEN = ("An", "Bình", "Cường", "Dũng", "Giang", "Hải", "Hạnh", "Hùng", "Hương", "Khánh",
          "Lâm", "Linh", "Long", "Mai", "Nam", "Nga", "Phúc", "Quang", "Sơn", "Thắng",
          "Thảo", "Thủy", "Tiến", "Trung", "Tuấn", "Việt", "Yến", "Đạt", "Ánh", "Hòa")
_THEMES = (
    "Xây dựng Đảng bộ trong sạch, vững mạnh; phát huy sức mạnh đại đoàn kết toàn dân tộc",
    "Đoàn kết - Dân chủ - Kỷ cương - Đổi mới - Phát triển",
    "Huy động mọi nguồn lực, tạo đột phá, phát triển nhanh và bền vững",
    "Nâng cao năng lực lãnh đạo, sức chiến đấu của Đảng bộ; xây dựng quê hương giàu đẹp",
    "Khơi dậy khát vọng vươn lên, xây dựng nông thôn mới kiểu mẫu, văn minh",
)
_BREAKTHROUGHS = (
    "đầu tư kết cấu hạ tầng; phát triển dịch vụ; xây dựng đô thị văn minh, hiện đại",
    "cải cách hành chính; chuyển đổi số; phát triển nguồn nhân lực chất lượng cao",
    "phát triển nông nghiệp hữu cơ; thu hút đầu tư; giữ gìn bản sắc văn hóa dân tộc",
    "hoàn thiện quy hoạch; huy động nguồn lực xã hội hóa; phát triển du lịch cộng đồng",
)
_HEADINGS = ("Thành quả một chặng đường", "Khơi dậy khát vọng phát triển",
             "Những dấu ấn nổi bật", "Tầm nhìn nhiệm kỳ mới", "Đồng lòng vì mục tiêu chung",
             "Phát huy tiềm năng, lợi thế", "Chính quyền gần dân, phục vụ Nhân dân")
_FILLER = (
    "Công tác xây dựng Đảng và hệ thống chính trị đạt nhiều kết quả tích cực; việc quán triệt,"
    " cụ thể hóa các chủ trương, nghị quyết của Trung ương, của tỉnh được triển khai đồng bộ,"
    " sát thực tiễn.",
    "Công tác giáo dục chính trị, tư tưởng được chú trọng, tạo sự thống nhất trong Đảng, đồng"
    " thuận trong Nhân dân.",
    "Việc đổi mới, nâng cao chất lượng sinh hoạt chi bộ được quan tâm chỉ đạo thường xuyên;"
    " nhiều mô hình hiệu quả được nhân rộng như “Chi bộ bốn tốt”, “Đảng bộ cơ sở bốn tốt”.",
    "Kinh tế tiếp tục tăng trưởng khá, cơ cấu kinh tế chuyển dịch đúng hướng, tăng dần tỷ"
    " trọng thương mại, dịch vụ; đời sống vật chất, tinh thần của Nhân dân từng bước được"
    " nâng lên.",
    "Phong trào toàn dân đoàn kết xây dựng đời sống văn hóa được hưởng ứng rộng rãi; các thiết"
    " chế văn hóa, thể thao ở thôn, tổ dân phố được đầu tư, nâng cấp.",
    "Công tác cải cách hành chính, chuyển đổi số được đẩy mạnh; Trung tâm phục vụ hành chính"
    " công vận hành thông suốt, giải quyết thủ tục nhanh gọn cho người dân và doanh nghiệp.",
    "Quốc phòng, an ninh được giữ vững, trật tự an toàn xã hội được bảo đảm; không để xảy ra"
    " điểm nóng, phức tạp trên địa bàn.",
    "Hạ tầng giao thông, thủy lợi, trường học, trạm y tế được quan tâm đầu tư; nhiều tuyến"
    " đường liên thôn được bê tông hóa với sự đóng góp tích cực của Nhân dân.",
    "Công tác kiểm tra, giám sát và thi hành kỷ luật đảng được thực hiện nghiêm túc, góp phần"
    " giữ gìn kỷ luật, kỷ cương trong Đảng.",
    "Mặt trận Tổ quốc và các đoàn thể chính trị - xã hội phát huy vai trò nòng cốt trong tập"
    " hợp, vận động đoàn viên, hội viên thi đua lao động sản xuất.",
    "Sản xuất nông nghiệp chuyển mạnh sang hàng hóa, ứng dụng khoa học công nghệ; nhiều sản"
    " phẩm OCOP được công nhận, mở rộng thị trường tiêu thụ.",
    "Công tác an sinh xã hội được thực hiện đầy đủ, kịp thời; các chính sách đối với người có"
    " công, hộ nghèo, đối tượng bảo trợ xã hội được triển khai đúng quy định.",
    "Giáo dục và đào tạo có nhiều chuyển biến, tỷ lệ trường đạt chuẩn quốc gia tăng; chất"
    " lượng khám, chữa bệnh ban đầu cho Nhân dân được nâng lên.",
    "Trong bối cảnh vận hành mô hình chính quyền địa phương hai cấp, bộ máy được sắp xếp tinh"
    " gọn, hoạt động hiệu lực, hiệu quả, gần dân, sát dân hơn.",
    "Phát biểu chỉ đạo Đại hội, đồng chí lãnh đạo tỉnh đề nghị Đảng bộ tiếp tục phát huy"
    " truyền thống đoàn kết, đổi mới tư duy, hành động quyết liệt.",
    "Đại hội thảo luận, góp ý vào dự thảo văn kiện Đại hội Đảng bộ tỉnh và văn kiện Đại hội"
    " đại biểu toàn quốc lần thứ XIV của Đảng.",
)
_CAPTIONS = (
    "Các đại biểu biểu quyết thông qua Nghị quyết Đại hội.",
    "Đoàn Chủ tịch điều hành phiên thảo luận tại Đại hội.",
    "Ban Chấp hành Đảng bộ khóa mới ra mắt Đại hội.",
    "Lãnh đạo tỉnh tặng hoa chúc mừng Đại hội.",
    "Một góc trung tâm hành chính nhìn từ trên cao.",
    "Đại biểu dâng hương tưởng niệm Chủ tịch Hồ Chí Minh trước giờ khai mạc.",
)
_TARGETS = (
    "thu nhập bình quân đầu người đạt {n} triệu đồng/năm",
    "tỷ lệ trường đạt chuẩn quốc gia đạt {n}%",
    "hằng năm kết nạp {n} đảng viên mới trở lên",
)


@dataclass(frozen=True)
class GenerateResult:
    """What :func:`generate_corpus` wrote."""

    wards: int
    articles: int
    facts: int
    bytes_written: int


def _upper_first(text: str) -> str:
    """Capital first letter, the rest as written (``str.capitalize`` lowercases names)."""
    return text[:1].upper() + text[1:]


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def _area_text(area: float) -> str:
    return f"{area:.3f}".replace(".", ",")


def _person(rng: random.Random) -> str:
    return f"{rng.choice(_FAMILY)} {rng.choice(_MIDDLE)} {rng.choice(_GIVEN)}"


class _WardStory:
    """The 'true' figures of one ward, which its articles state (sometimes differently)."""

    def __init__(self, unit: RegisterUnit, rng: random.Random) -> None:
        self.unit = unit
        self.place = f"{unit.unit_type} {unit.name}"
        self.delegates = rng.randrange(90, 350)
        self.party_members = rng.randrange(600, 9_000)
        self.organizations = rng.randrange(12, 90)
        self.population_thousands = rng.randrange(8, 120)
        area = unit.area_km2 if unit.area_km2 else rng.uniform(5, 300)
        self.area = round(area, 3)
        day = rng.randrange(1, 28)
        month = rng.choice((6, 7, 8))
        self.congress = dt.date(2025, month, day)
        self.secretary = _person(rng)
        self.executive = rng.randrange(15, 40)
        self.standing = rng.randrange(5, 13)
        self.theme = rng.choice(_THEMES)
        self.breakthroughs = rng.choice(_BREAKTHROUGHS)
        self.poverty = round(rng.uniform(0.2, 6.0), 2)
        self.former = tuple(f.name for f in unit.former_units[:6])


def _fact_sentences(
    story: _WardStory, rng: random.Random
) -> list[tuple[str, list[tuple[str, object, str, str | None, str | None]]]]:
    """Sentences that state facts: (sentence, [(key, value, quote, unit, qualifier)])."""
    s = story
    place = s.place
    pm = format_vietnamese_number(s.party_members)
    members_quote = f"{pm} đảng viên"
    date_quote = f"ngày {s.congress.day}/{s.congress.month}/2025"
    pop = s.population_thousands
    out: list[tuple[str, list[tuple[str, object, str, str | None, str | None]]]] = [
        (
            f"Trong {date_quote}, Đảng bộ {place} long trọng tổ chức Đại hội đại biểu lần thứ I,"
            f" nhiệm kỳ 2025 - 2030.",
            [
                ("congress_date", s.congress, date_quote, None, None),
                ("term", "2025-2030", "nhiệm kỳ 2025 - 2030", None, None),
                ("unit_name", s.unit.name, f"Đảng bộ {place}", None, None),
            ],
        ),
        (
            f"Tham dự Đại hội có {s.delegates} đại biểu chính thức, đại diện cho {members_quote}"
            f" đang sinh hoạt tại {s.organizations} tổ chức cơ sở đảng.",
            [
                ("delegates", s.delegates, f"{s.delegates} đại biểu", "người", None),
                ("party_members", s.party_members, members_quote, "người", None),
                ("party_organizations", s.organizations, f"{s.organizations} tổ chức cơ sở đảng",
                 None, None),
            ],
        ),
        (
            f"{_upper_first(place)} thuộc tỉnh {s.unit.province} có diện tích tự nhiên"
            f" {_area_text(s.area)} km2, dân số hơn {pop} nghìn người.",
            [
                ("area_km2", s.area, f"{_area_text(s.area)} km2", "km²", None),
                ("population", pop * 1000, f"hơn {pop} nghìn người", "người", "more than"),
                ("province", s.unit.province, f"tỉnh {s.unit.province}", None, None),
            ],
        ),
        (
            f"Đại hội đã bầu Ban Chấp hành Đảng bộ {place} khóa I gồm {s.executive} đồng chí;"
            f" Ban Thường vụ gồm {s.standing} đồng chí; đồng chí {s.secretary} được bầu giữ chức"
            f" Bí thư Đảng ủy.",
            [
                ("executive_committee_size", s.executive, f"khóa I gồm {s.executive} đồng chí",
                 "người", None),
                ("standing_committee_size", s.standing, f"Ban Thường vụ gồm {s.standing} đồng chí",
                 "người", None),
                ("secretary", s.secretary, f"đồng chí {s.secretary} được bầu giữ chức Bí thư",
                 None, None),
            ],
        ),
        (
            f"Đại hội diễn ra với chủ đề: “{s.theme}”.",
            [("theme", s.theme, f"chủ đề: “{s.theme}”", None, None)],
        ),
        (
            f"Nhiệm kỳ tới, Đảng bộ xác định ba khâu đột phá: {s.breakthroughs}.",
            [("breakthroughs", s.breakthroughs, f"ba khâu đột phá: {s.breakthroughs}", None,
              None)],
        ),
        (
            f"Đến nay, tỷ lệ hộ nghèo giảm còn {str(s.poverty).replace('.', ',')}%, vượt chỉ tiêu"
            f" đề ra.",
            [("poverty_rate_pct", s.poverty,
              f"tỷ lệ hộ nghèo giảm còn {str(s.poverty).replace('.', ',')}%", "%", None)],
        ),
    ]
    target = rng.choice(_TARGETS).format(n=rng.randrange(40, 150))
    out.append(
        (f"Một trong các chỉ tiêu chủ yếu là phấn đấu đến năm 2030 {target}.",
         [("targets", target, target, None, None)])
    )
    if s.former:
        names = ", ".join(s.former[:-1]) + (" và " if len(s.former) > 1 else "") + s.former[-1]
        quote = f"trên cơ sở sáp nhập {len(s.former)} đơn vị: {names}"
        out.append(
            (f"{_upper_first(place)} được thành lập {quote}.",
             [("merged_from", s.former, quote, None, None)])
        )
    return out


def _article(
    story: _WardStory, rng: random.Random, number: int
) -> tuple[Article, list[Fact]]:
    place = story.place
    article_id = f"{rng.getrandbits(64):016x}"
    title = _nfc(
        rng.choice(
            (
                f"Đại hội Đảng bộ {place} lần thứ I, nhiệm kỳ 2025 - 2030 thành công tốt đẹp",
                f"{_upper_first(place)}: khơi dậy khát vọng phát triển trong nhiệm kỳ mới",
                f"Đảng bộ {place} xác định ba khâu đột phá cho giai đoạn 2025 - 2030",
                f"Xây dựng {place} phát triển nhanh, bền vững (bài {number})",
            )
        )
    )
    published = story.congress + dt.timedelta(days=rng.randrange(0, 5))
    byline = _person(rng)
    stated = _fact_sentences(story, rng)
    rng.shuffle(stated)
    stated = stated[: rng.randrange(3, len(stated) + 1)]
    paragraphs: list[Paragraph] = []
    facts: list[Fact] = []
    size = 0
    filler = list(_FILLER)
    while size < _BODY_BYTES or stated:
        if len(paragraphs) % 5 == 4:
            paragraphs.append(Paragraph("heading", rng.choice(_HEADINGS)))
        sentences = rng.sample(filler, rng.randrange(2, 4))
        if stated:
            sentence, claims = stated.pop()
            sentences.insert(rng.randrange(0, len(sentences) + 1), sentence)
            for key, value, quote, unit, qualifier in claims:
                value = tuple(value) if isinstance(value, tuple) else value
                facts.append(
                    Fact(key, value, article_id, _nfc(quote), unit, qualifier)  # type: ignore[arg-type]
                )
        text = _nfc(" ".join(sentences))
        paragraphs.append(Paragraph("text", text))
        size += len(text.encode())
        if rng.random() < 0.25:
            paragraphs.append(Paragraph("caption", rng.choice(_CAPTIONS)))
    paragraphs.append(Paragraph("byline", byline))
    raw = "\n\n".join([title, *(p.text for p in paragraphs)]) + "\n"
    article = Article(
        id=article_id,
        ward_code=story.unit.code,
        title=title,
        date=published,
        paragraphs=tuple(paragraphs),
        raw=raw,
        outlet=rng.choice(_OUTLETS),
        byline=byline,
        url=f"https://example.invalid/{story.unit.code}/{article_id}",
        source_name=f"synthetic_{article_id}.txt",
        content_hash="sha256:" + hashlib.sha256(raw.encode()).hexdigest(),
    )
    return article, facts


def _allocate(units: list[RegisterUnit], articles: int, rng: random.Random) -> dict[str, int]:
    """Articles per unit code: about three each, every unit once there are enough."""
    wards = min(len(units), max(1, round(articles / ARTICLES_PER_UNIT)))
    chosen = rng.sample(units, wards) if wards < len(units) else list(units)
    counts = {unit.code: 1 for unit in chosen}
    codes = [unit.code for unit in chosen]
    for code in rng.choices(codes, k=articles - wards):
        counts[code] += 1
    return counts


def _write_ward(task: tuple[Path, int, RegisterUnit, int, Path]) -> tuple[int, int]:
    """Write one ward file; returns (facts, bytes). Seeded per ward, so order is free."""
    out_dir, seed, unit, count, path = task
    rng = random.Random(f"{seed}:{unit.code}")
    story = _WardStory(unit, rng)
    ward_articles: list[Article] = []
    ward_facts: list[Fact] = []
    for number in range(1, count + 1):
        article, facts = _article(story, rng, number)
        ward_articles.append(article)
        ward_facts.extend(facts)
    header = WardHeader(unit.code, unit.name, unit.unit_type, unit.province)
    write_ward_file(path, WardDocument(header, ward_articles, ward_facts))
    return len(ward_facts), path.stat().st_size


def generate_corpus(
    articles: int,
    out_dir: Path,
    seed: int = 0,
    register: Register | None = None,
    *,
    processes: int | None = None,
) -> GenerateResult:
    """Write ``articles`` synthetic articles as ward files under ``out_dir/wards``.

    Large corpora are written by a pool of ``processes`` (default: one per CPU, for
    1,000 articles or more); the output does not depend on it.
    """
    if articles < 1:
        raise ValueError("articles must be at least 1")
    register = register or load_register()
    rng = random.Random(seed)
    units = sorted(register.units(), key=lambda u: u.code)
    counts = _allocate(units, articles, rng)
    by_code = {u.code: u for u in units}
    used_paths: set[Path] = set()
    tasks = []
    for code in sorted(counts):
        unit = by_code[code]
        path = ward_file_path(out_dir, unit.province, unit.unit_type, unit.name)
        if path in used_paths:  # two units of a province share a slug (Lộc Thạnh / Lộc Thành)
            path = path.with_name(f"{path.stem}-{unit.code}.yaml")
        used_paths.add(path)
        tasks.append((out_dir, seed, unit, counts[code], path))
    if processes is None:
        processes = (os.cpu_count() or 1) if articles >= 1_000 else 1
    if processes > 1:
        context = multiprocessing.get_context("fork" if sys.platform == "linux" else "spawn")
        with context.Pool(processes) as pool:
            results = pool.map(_write_ward, tasks, chunksize=16)
    else:
        results = [_write_ward(task) for task in tasks]
    total_facts = sum(facts for facts, _ in results)
    written = sum(size for _, size in results)
    return GenerateResult(len(counts), articles, total_facts, written)
