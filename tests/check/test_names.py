"""Project names match across files whatever the spelling, and only the right line."""

from __future__ import annotations

import unicodedata
from typing import Literal

from hypothesis import given
from hypothesis import strategies as st

from ictdata.check.names import Named, best_match, overlap, syllables
from ictdata.contracts import load_contract

ABBREVIATIONS = load_contract("budget_appendix").abbreviations
# The appendix's lines as a province would write them (in full).
LINES = (
    "Nâng cấp, mở rộng hệ thống hội nghị truyền hình trực tuyến tỉnh Phú Thọ",
    "Nâng cấp Cổng giao tiếp điện tử tỉnh",
    "Nâng cấp mạng LAN huyện Yên Lập",
    "Nâng cấp mạng LAN huyện Cẩm Khê",
    "Nâng cấp mạng LAN Văn phòng Đoàn đại biểu Quốc hội và Hội đồng nhân dân tỉnh",
    "Nâng cấp mạng LAN, WIFI Văn phòng Ủy ban nhân dân tỉnh",
    "Triển khai một cửa điện tử Ủy ban nhân dân thành phố Việt Trì",
    "Đào tạo, tập huấn công nghệ thông tin cho cán bộ, công chức huyện Hạ Hòa",
)
# How the project table writes the same projects: abbreviated, other tone placement.
SHORT = {
    "truyền hình trực tuyến": "THTT",
    "giao tiếp điện tử": "GTĐT",
    "Đoàn đại biểu Quốc hội": "ĐĐBQH",
    "Hội đồng nhân dân": "HĐND",
    "Ủy ban nhân dân": "UBND",
    "thành phố": "TP",
    "công nghệ thông tin": "CNTT",
    "Hòa": "Hoà",
    "Ủy": "Uỷ",
}
LINE_OBJECTS = [Named(name, None, index) for index, name in enumerate(LINES)]


Form = Literal["NFC", "NFD"]


def _variant(name: str, short: list[bool], form: Form, case: str) -> str:
    for use, (full, abbreviation) in zip(short, SHORT.items(), strict=False):
        if use:
            name = name.replace(full, abbreviation)
    name = name.upper() if case == "upper" else name.lower() if case == "lower" else name
    return unicodedata.normalize(form, name)


@given(
    index=st.integers(0, len(LINES) - 1),
    short=st.lists(st.booleans(), min_size=len(SHORT), max_size=len(SHORT)),
    form=st.sampled_from(["NFC", "NFD"]),
    case=st.sampled_from(["same", "upper", "lower"]),
)
def test_every_spelling_of_a_line_finds_that_line(
    index: int, short: list[bool], form: Form, case: str
) -> None:
    wanted = Named(_variant(LINES[index], short, form, case), None, 0)
    found = best_match(wanted, LINE_OBJECTS, ABBREVIATIONS)
    assert found is not None
    assert found.index == index


def test_a_project_no_line_names_finds_none() -> None:
    for name in ("Xây dựng cơ sở dữ liệu đất đai", "Một cửa điện tử", "Mua sắm máy chủ"):
        assert best_match(Named(name, None, 0), LINE_OBJECTS, ABBREVIATIONS) is None


def test_overlap_is_the_share_of_the_shorter_name() -> None:
    long = syllables("Nâng cấp mạng LAN huyện Yên Lập tỉnh Phú Thọ", {})
    short = syllables("Nâng cấp mạng LAN huyện Yên Lập", {})
    assert overlap(short, long) == 1.0
    assert overlap(syllables("Một cửa", {}), syllables("Một cửa điện tử", {})) == 0.0
