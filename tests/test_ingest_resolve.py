"""Ward resolution against the 2025 register."""

from __future__ import annotations

import pytest

from tui.ingest.resolve import ResolveError, find_province_mentions, resolve_unit
from tui.register import Register


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Đại hội Đảng bộ phường Thục Phán, tỉnh Cao Bằng.", "01273"),
        ("Đảng bộ phường Kỳ Sơn tổ chức Đại hội. Phường Kỳ Sơn có 54 chi bộ.", "04894"),
        ("Đại hội Đảng bộ P. Thanh Miếu diễn ra.", "07909"),
        ("Đảng bộ xã Hòa Bình, tỉnh Bạc Liêu (cũ) tổ chức Đại hội.", "31891"),
        ("Đảng bộ xã Tân An, tỉnh Nghệ An tổ chức Đại hội.", "17305"),
        ("Đảng bộ phường Tân An (Cần Thơ) tổ chức Đại hội.", "31147"),
        ("Đảng bộ đặc khu Côn Đảo tổ chức Đại hội.", "26732"),
    ],
)
def test_resolves(register: Register, text: str, code: str) -> None:
    assert resolve_unit(text, register).unit.code == code


def test_most_frequent_unit_wins(register: Register) -> None:
    text = (
        "Đảng bộ xã Tam Nông tổ chức Đại hội. Xã Tam Nông có 2.100 đảng viên. "
        "Đảng bộ xã Tam Nông đã bầu. Cùng ngày, phường Thanh Miếu tổ chức Đại hội, tỉnh Phú Thọ."
    )
    assert resolve_unit(text, register).unit.code == "08434"


def test_ambiguous_fails_with_candidates(register: Register) -> None:
    with pytest.raises(ResolveError) as caught:
        resolve_unit("Đảng bộ xã Tân An tổ chức Đại hội.", register)
    assert "--ward CODE or --province NAME" in caught.value.reason
    codes = {u.code for u in caught.value.candidates}
    assert {"17305", "02320", "26179"} <= codes


def test_province_option_settles(register: Register) -> None:
    text = "Đảng bộ xã Tân An tổ chức Đại hội."
    assert resolve_unit(text, register, province="Nghệ An").unit.code == "17305"
    assert resolve_unit(text, register, province="tỉnh Nghệ An").unit.code == "17305"
    with pytest.raises(ResolveError, match="not a unit of Tây Ninh"):
        resolve_unit(text, register, province="Long An")  # former province, no xã Tân An
    with pytest.raises(ResolveError):
        resolve_unit(text, register, province="Atlantis")


def test_ward_option(register: Register) -> None:
    assert resolve_unit("anything", register, ward="1273").unit.code == "01273"
    with pytest.raises(ResolveError):
        resolve_unit("anything", register, ward="99999")


def test_no_unit_named(register: Register) -> None:
    with pytest.raises(ResolveError, match="no ward/commune"):
        resolve_unit("Một bài báo không nói về đơn vị nào.", register)


def test_province_mentions(register: Register) -> None:
    counts = find_province_mentions("tỉnh Hòa Bình và TP.HCM, Bí thư Tỉnh ủy Cao Bằng", register)
    assert counts["Phú Thọ"] == 1 and counts["Hồ Chí Minh"] == 1 and counts["Cao Bằng"] == 1


def test_accented_name_is_matched_with_its_accents(register: Register) -> None:
    with pytest.raises(ResolveError) as caught:
        resolve_unit("Đảng bộ xã Tân An tổ chức Đại hội.", register)
    names = {u.name.strip() for u in caught.value.candidates}
    assert names == {"Tân An"}  # not xã Tân Ân (Cà Mau)
    assert "32236" not in {u.code for u in caught.value.candidates}
    assert resolve_unit("Đảng bộ xã Tân Ân tổ chức Đại hội.", register).unit.code == "32236"


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Đảng bộ xã Hoà Bình, tỉnh Bạc Liêu (cũ) tổ chức Đại hội.", "31891"),  # old tone place
        ("Đảng bộ phường Kỳ Son tổ chức Đại hội.", "04894"),  # no exact spelling: accent-blind
    ],
)
def test_accent_blind_fallback(register: Register, text: str, code: str) -> None:
    assert resolve_unit(text, register).unit.code == code
