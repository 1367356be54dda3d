"""Cleaning: title, date, captions, headings, bylines, page furniture."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from tui.ingest.clean import clean_text
from tui.ingest.decode import decode_bytes

DATA = Path(__file__).parent / "data"


def _clean(name: str):  # type: ignore[no-untyped-def]
    path = DATA / name
    return clean_text(decode_bytes(path.read_bytes(), path).text)


def _kinds(cleaned, kind: str) -> list[str]:  # type: ignore[no-untyped-def]
    return [p.text for p in cleaned.paragraphs if p.kind == kind]


def test_seed_000_captions_images_related_block() -> None:
    cleaned = _clean("seeds/000_56b2283b2eb7d484.txt")
    assert cleaned.title.startswith("Xây dựng phường Thục Phán")
    captions = _kinds(cleaned, "caption")
    assert captions == [
        "Quang cảnh đại hội.",
        "Bí thư Đảng ủy phường Thục Phán phát biểu khai mạc đại hội.",
        "Bí thư Tỉnh ủy Cao Bằng Quản Minh Cường (giữa) trao đổi với đại biểu dự Đại hội"
        " Đảng bộ phường Thục Phán.",
    ]
    body = "\n".join(p.text for p in cleaned.paragraphs)
    assert ".jpg" not in body
    assert "Có thể bạn quan tâm" not in body and "Văn Lãng" not in body
    assert cleaned.paragraphs[-1].text.startswith("Cấp ủy, chính quyền phường")
    assert cleaned.byline is None


def test_seed_001_headings_and_byline() -> None:
    cleaned = _clean("seeds/001_cce8d4c811368e9e.txt")
    assert _kinds(cleaned, "heading") == [
        "Thành quả một chặng đường",
        "Hiện thực hóa mục tiêu phát triển",
    ]
    assert _kinds(cleaned, "caption") == ["Một góc phường Thanh Miếu từ trên cao."]
    assert _kinds(cleaned, "byline") == [
        "Phạm Xuân Hiệp - Bí thư Đảng ủy, Chủ tịch HĐND phường Thanh Miếu"
    ]
    assert cleaned.byline == "Phạm Xuân Hiệp"


def test_seed_002_captions_and_byline() -> None:
    cleaned = _clean("seeds/002_ed053cd63f6b68be.txt")
    assert len(_kinds(cleaned, "caption")) == 6
    assert cleaned.byline == "Quốc Đại"
    assert all("Đồng chí Phạm Xuân Hiệp" not in c for c in _kinds(cleaned, "caption"))


def test_seed_003_date_prefix_and_byline() -> None:
    cleaned = _clean("seeds/003_cf5145809ceb1a09.txt")
    assert cleaned.date == dt.date(2025, 7, 23)
    assert cleaned.title == "Tập trung xây dựng Đảng bộ phường Kỳ Sơn trong sạch, vững mạnh"
    assert cleaned.byline == "Mạnh Hùng"
    assert len(_kinds(cleaned, "caption")) == 4


def test_menus_agency_glued_caption_related() -> None:
    cleaned = _clean("raw/menus_vtc.txt")
    assert cleaned.title.startswith("Phường Hồng Gai tổ chức thành công")
    assert cleaned.date == dt.date(2025, 8, 13)  # from the date stamp above the title
    assert cleaned.outlet == "VTC News"
    assert cleaned.paragraphs[0].text.startswith("Sáng 13/8")
    assert "Quang cảnh đại hội. Ảnh: Minh Anh" in _kinds(cleaned, "caption")
    assert any(t.startswith("Phường Hồng Gai được thành lập") for t in _kinds(cleaned, "text"))
    assert cleaned.byline == "Minh Anh"
    assert all("Tân An" not in p.text for p in cleaned.paragraphs)


def test_no_title_and_caption_forms() -> None:
    cleaned = _clean("raw/no_title.txt")
    assert cleaned.title.startswith("Chiều 14-8, Đảng bộ phường Sa Pa")
    assert _kinds(cleaned, "caption") == [
        "(Ảnh: Hoàng Hà/TTXVN)",
        "Các đại biểu biểu quyết thông qua Nghị quyết Đại hội - Ảnh 1.",
        "ẢNH: THANH SƠN",
    ]
    assert cleaned.byline == "PV"
    assert any("no title" in w for w in cleaned.warnings)


TITLE = "Tiêu đề bài báo về đại hội đảng bộ\n"
LEAD = (
    "Ngày 24/7, Đảng bộ phường Thục Phán tổ chức Đại hội đại biểu lần thứ I,"
    " nhiệm kỳ 2025-2030, với 198 đại biểu.\n"
)


@pytest.mark.parametrize(
    ("text", "kinds"),
    [
        (TITLE + "Ảnh: Nguyễn Văn A\nNội dung.", ["caption", "text"]),
        (TITLE + LEAD * 2, ["text"]),
        (TITLE + "abc.png\nQuang cảnh.\nThân bài.", ["caption", "text"]),
    ],
)
def test_small_cases(text: str, kinds: list[str]) -> None:
    assert [p.kind for p in clean_text(text).paragraphs] == kinds


def test_section_label_glued_to_title() -> None:
    cleaned = clean_text("Thời sự Tập trung xây dựng Đảng bộ phường vững mạnh\nThân bài dài.")
    assert cleaned.title == "Tập trung xây dựng Đảng bộ phường vững mạnh"


@pytest.mark.parametrize(
    "stamp",
    [
        "Thứ Sáu, 25/07/2025 08:30",
        "25/07/2025 08:30 GMT+7",
        "Cập nhật: 25/07/2025",
        "Cập nhật lúc 08:30 25/07/2025",
        "Thứ sáu, ngày 25/7/2025, 08:30 (GMT+7)",
    ],
)
@pytest.mark.parametrize("where", ["before the title", "after the title", "after a menu"])
def test_date_stamp_line_is_the_article_date(stamp: str, where: str) -> None:
    title = "Đại hội Đảng bộ phường Kỳ Sơn lần thứ I, nhiệm kỳ 2025-2030"
    lines = {
        "before the title": [stamp, title],
        "after the title": [title, stamp],
        "after a menu": ["Trang chủ | Thời sự | Chính trị", stamp, title],
    }[where]
    cleaned = clean_text("\n".join([*lines, LEAD, "Thân bài có đủ nhiều chữ để là một đoạn."]))
    assert cleaned.date == dt.date(2025, 7, 25)
    assert cleaned.title == title
    assert [p.kind for p in cleaned.paragraphs] == ["text", "text"]
    assert all("25/07" not in p.text and "25/7/" not in p.text for p in cleaned.paragraphs)


def test_date_prefix_wins_over_a_stamp() -> None:
    text = "date 2025-07-23 " + TITLE + "Thứ Sáu, 25/07/2025 08:30\n" + LEAD
    cleaned = clean_text(text)
    assert cleaned.date == dt.date(2025, 7, 23)
    assert cleaned.paragraphs[0].text == LEAD.strip()
