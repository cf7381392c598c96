"""TCVN3 (.VnTime) text is detected, converted to Unicode and reported; Unicode is left alone."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import openpyxl
import polars as pl
import pytest

import ictdata
from builders import HEADER_FIXED, KINDS, SEED_STATEMENTS, STAGES, project, total
from ictdata import IssueCode
from ictdata.read.legacy import decode_legacy, from_tcvn3, from_vni

pytestmark = pytest.mark.skipif(
    shutil.which("iconv") is None, reason="glibc iconv makes the test vectors"
)


def to_tcvn3(text: str) -> str:
    """The test vector: glibc's encoder, so the decoder is checked against another one."""
    done = subprocess.run(
        ["iconv", "-f", "UTF-8", "-t", "TCVN5712-1"],
        input=text.encode(),
        capture_output=True,
        check=True,
    )
    return done.stdout.decode("latin-1")


@pytest.mark.parametrize(
    "text",
    [
        "Sở Thông tin và Truyền thông",
        "Phú Thọ",
        "Dự kiến tổng kinh phí",
        "Kinh phí sự nghiệp",
        "ủy ban nhân dân",
    ],
)
def test_round_trip_through_glibc(text: str) -> None:
    legacy = to_tcvn3(text)
    assert legacy != text
    assert from_tcvn3(legacy) == text


def test_domain_examples() -> None:
    assert from_tcvn3("Së Th«ng tin vµ TruyÒn th«ng") == "Sở Thông tin và Truyền thông"
    assert from_tcvn3("Phó Thä") == "Phú Thọ"


def test_unicode_text_and_plain_ascii_are_left_alone() -> None:
    cells = pl.DataFrame({"row": [1, 2, 3], "A": ["«Đề án» năm 2014", "TT", "Tổng"]})
    decoded, changed = decode_legacy(cells)
    assert changed == []
    assert decoded.equals(cells)


def test_a_header_typed_in_tcvn3_matches_and_warns(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Bieu 01"
    sheet["A1"] = to_tcvn3("Đơn vị tính: triệu đồng")
    for column, text in enumerate(HEADER_FIXED, start=1):
        sheet.cell(2, column, to_tcvn3(text))
    for index, stage in enumerate(STAGES):
        sheet.cell(2, 6 + 2 * index, to_tcvn3(stage))
        for offset, kind in enumerate(KINDS):
            sheet.cell(3, 6 + 2 * index + offset, to_tcvn3(kind))
    for row, values in enumerate([project(1, 10), project(2, 5), total(15)], start=4):
        for column, value in enumerate(values, start=1):
            if value is not None:
                sheet.cell(row, column, to_tcvn3(value) if isinstance(value, str) else value)
    book.save(tmp_path / "vntime.xlsx")
    report = ictdata.check(tmp_path / "vntime.xlsx")
    assert [(i.code.value, i.cell, i.severity.value) for i in report.issues] == [
        ("legacy-encoding", "A1", "warning")
    ]
    assert report.valid
    frame = ictdata.load(tmp_path / "vntime.xlsx")
    assert (
        frame.filter(row_kind="item")["lead_unit"].to_list() == ["Sở Thông tin và Truyền thông"] * 2
    )


VNI_CASES = {
    "Sôû Thoâng tin vaø Truyeàn thoâng": "Sở Thông tin và Truyền thông",  # DOMAIN.md's example
    "Döï kieán toång kinh phí": "Dự kiến tổng kinh phí",
    "Voán ñaõ boá trí heát naêm 2012": "Vốn đã bố trí hết năm 2012",
    "UÛY BAN NHAÂN DAÂN TÆNH PHUÙ THOÏ": "ỦY BAN NHÂN DÂN TỈNH PHÚ THỌ",
    "Ñôn vò tính: trieäu ñoàng": "Đơn vị tính: triệu đồng",
}


@pytest.mark.parametrize(("legacy", "unicode"), list(VNI_CASES.items()))
def test_vni_text(legacy: str, unicode: str) -> None:
    assert from_vni(legacy) == unicode


def test_a_sheet_typed_in_vni_is_read_whole() -> None:
    cells = pl.DataFrame(
        {
            "row": [1, 2, 3],
            "A": [*list(VNI_CASES)[:2], "TT"],
            "B": ["Voán ñaõ boá trí", None, "123"],
        }
    )
    decoded, changed = decode_legacy(cells)
    assert decoded["A"].to_list() == ["Sở Thông tin và Truyền thông", "Dự kiến tổng kinh phí", "TT"]
    assert decoded["B"].to_list() == ["Vốn đã bố trí", None, "123"]
    assert sorted(changed) == ["A1", "A2", "B1"]


def test_unicode_with_old_style_tone_marks_is_not_vni() -> None:
    cells = pl.DataFrame({"row": [1], "A": ["Hoà Bình, Thuỷ, Uỷ ban"]})
    assert decode_legacy(cells)[1] == []


def test_a_plan_typed_in_tcvn3_gives_the_seeds_slips_and_one_warning(tmp_path: Path) -> None:
    # The seed's statement lines as a .VnTime document (saved as UTF-8 text): its slips were
    # missed, the words read as garbage (bad-words).
    lines = ["KẾ HOẠCH ỨNG DỤNG CNTT NĂM 2014", *SEED_STATEMENTS]
    plain, legacy = tmp_path / "plan.txt", tmp_path / "plan_vntime.txt"
    plain.write_text("\n".join(lines), encoding="utf-8")
    legacy.write_text("\n".join(to_tcvn3(line) for line in lines), encoding="utf-8")
    found = ictdata.check(legacy).issues
    warning, *slips = sorted(found, key=lambda i: i.code is not IssueCode.LEGACY_ENCODING)
    assert (warning.code, warning.row, warning.severity.value) == (
        IssueCode.LEGACY_ENCODING,
        1,
        "warning",
    )
    expected = ictdata.check(plain).issues
    assert [(i.code, i.row, i.expected, i.actual) for i in slips] == [
        (i.code, i.row, i.expected, i.actual) for i in expected
    ]
    assert len(expected) == 4


def test_a_plan_in_unicode_gives_no_legacy_warning(tmp_path: Path) -> None:
    # A "·" between a phone and a fax number is a TCVN3 letter; the document is Unicode.
    path = tmp_path / "plan.md"
    path.write_text(
        "# Kế hoạch\nTổng kinh phí: 1.092 triệu đồng "
        "(Một tỷ không trăm chín mươi hai triệu đồng)\nTel: 0210.3846 · Fax: 0210.3847\n",
        encoding="utf-8",
    )
    assert ictdata.check(path).issues == ()
