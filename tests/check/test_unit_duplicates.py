"""A unit reported twice: `duplicate-unit-report` at the later report's cell, naming the earlier."""

from __future__ import annotations

import shutil
from pathlib import Path

import ictdata
from ictdata.check.codes import IssueCode
from unit_builders import consolidated, one_unit

UNIT_REPORTS = Path(__file__).resolve().parents[2] / "fixtures" / "unit_reports"
DUPLICATE = UNIT_REPORTS / "duplicate"
STAFF = ("Tổng số cán bộ, công chức", 80)
MAILBOXES = ("Số hộp thư điện tử được cấp", 90)
HEADERS = ["Tổng số CBCC", "Số hộp thư", "Có mạng LAN"]

Found = tuple[str, str | None, object, object, str | None, str | None]


def _found(paths: list[Path]) -> list[Found]:
    """(file name, cell, expected, actual, related file name, related cell) of each duplicate."""
    return [
        (Path(i.file).name, i.cell, i.expected, i.actual, Path(i.related_file).name, i.related_cell)
        for i in ictdata.check(paths).issues
        if i.code is IssueCode.DUPLICATE_UNIT_REPORT and i.related_file is not None
    ]


def _codes(paths: list[Path]) -> list[str]:
    return [i.code.value for i in ictdata.check(paths).issues]


def test_the_fixture_fires_at_the_resubmissions_cell_naming_the_originals() -> None:
    report = ictdata.check(DUPLICATE)
    copy, issue = sorted(report.issues, key=lambda i: i.code.value)
    assert (copy.code, Path(copy.file).parent.name) == (IssueCode.DUPLICATE_FILE, "ban_sao")
    assert issue.code is IssueCode.DUPLICATE_UNIT_REPORT
    assert issue.severity.value == "error"
    assert Path(issue.file).name == "231_ubnd_huyen_ha_hoa_nop_lai.xlsx"
    assert (issue.sheet, issue.cell, issue.row, issue.expected, issue.actual) == (
        "Bao cao",
        "D12",
        12,
        1,
        0,
    )
    assert issue.related_file == (DUPLICATE / "231_ubnd_huyen_ha_hoa.xlsx").as_posix()
    assert (issue.related_sheet, issue.related_cell, issue.related_row) == ("Bao cao", "D12", 12)
    assert [f.status.value for f in report.files] == ["valid", "invalid", "valid"]


def test_the_good_reports_stay_silent_beside_their_consolidated_sheet() -> None:
    # Both forms of the same 37 units: the same figures twice, nothing to report.
    assert ictdata.check(UNIT_REPORTS / "valid").issues == ()


def test_an_identical_copy_is_a_duplicate_file_not_a_duplicate_unit_report(
    tmp_path: Path,
) -> None:
    original = one_unit(tmp_path / "a.xlsx", [STAFF, MAILBOXES])
    copy = tmp_path / "copies" / "a.xlsx"
    copy.parent.mkdir()
    shutil.copy(original, copy)
    assert _codes([tmp_path]) == ["duplicate-file"]


def test_the_same_figures_in_other_bytes_stay_silent(tmp_path: Path) -> None:
    one_unit(tmp_path / "a.xlsx", [STAFF, MAILBOXES], unit="UBND huyện Hạ Hoà")
    one_unit(tmp_path / "b.xlsx", [STAFF, MAILBOXES], unit="Uỷ ban nhân dân huyện Hạ Hòa")
    assert _codes([tmp_path]) == []


def test_a_corrected_resubmission_fires_once_at_its_first_differing_value(
    tmp_path: Path,
) -> None:
    one_unit(tmp_path / "a.xlsx", [STAFF, MAILBOXES, ("Có mạng LAN", "Có")])
    one_unit(tmp_path / "b.xlsx", [STAFF, ("Số hộp thư", 95), ("Có mạng LAN", "Không")])
    assert _found([tmp_path]) == [("b.xlsx", "D8", 90, 95, "a.xlsx", "D8")]


def test_the_batch_order_is_the_paths_order_whatever_the_arguments(tmp_path: Path) -> None:
    first = one_unit(tmp_path / "a.xlsx", [STAFF, MAILBOXES])
    second = one_unit(tmp_path / "b.xlsx", [STAFF, ("Số hộp thư", 95)])
    expected = [("b.xlsx", "D8", 90, 95, "a.xlsx", "D8")]
    assert _found([first, second]) == _found([second, first]) == expected


def test_the_consolidated_row_and_the_districts_own_report_are_one_unit(tmp_path: Path) -> None:
    one_unit(tmp_path / "a_ha_hoa.xlsx", [STAFF, MAILBOXES], unit="Uỷ ban nhân dân huyện Hạ Hòa")
    consolidated(
        tmp_path / "b_tong_hop.xlsx",
        HEADERS,
        [("UBND huyện Thanh Ba", [80, 90, "Có"]), ("UBND huyện Hạ Hoà", [80, 92, "Có"])],
    )
    assert _found([tmp_path]) == [("b_tong_hop.xlsx", "D5", 90, 92, "a_ha_hoa.xlsx", "D8")]


def test_two_districts_are_two_units(tmp_path: Path) -> None:
    consolidated(
        tmp_path / "c.xlsx",
        HEADERS,
        [("UBND huyện Thanh Ba", [80, 90, "Có"]), ("UBND huyện Hạ Hoà", [70, 60, "Không"])],
    )
    one_unit(tmp_path / "d.xlsx", [STAFF, ("Số hộp thư", 50)], unit="UBND huyện Phù Ninh")
    assert _codes([tmp_path]) == []


def test_twice_in_one_consolidated_sheet_fires_once_at_the_second_row(tmp_path: Path) -> None:
    path = consolidated(
        tmp_path / "c.xlsx",
        HEADERS,
        [
            ("UBND huyện Hạ Hoà", [80, 90, "Có"]),
            ("UBND huyện Thanh Ba", [70, 60, "Có"]),
            ("Uỷ ban nhân dân huyện HẠ HÒA", [81, 91, "Không"]),  # three values differ
        ],
    )
    assert _found([path]) == [("c.xlsx", "C6", 80, 81, "c.xlsx", "C4")]


def test_another_year_is_another_report(tmp_path: Path) -> None:
    one_unit(tmp_path / "a.xlsx", [STAFF, MAILBOXES])
    one_unit(tmp_path / "b.xlsx", [STAFF, ("Số hộp thư", 95)], year=2014, title_year=2014)
    assert _codes([tmp_path]) == []


def test_units_not_in_the_registry_are_compared_by_their_normalised_name(tmp_path: Path) -> None:
    unknown = "Sở Thông tin và Truyền hình"
    one_unit(tmp_path / "a.xlsx", [STAFF, MAILBOXES], unit=unknown)
    one_unit(tmp_path / "b.xlsx", [STAFF, ("Số hộp thư", 95)], unit="SỞ THÔNG TIN VÀ  TRUYỀN HÌNH")
    one_unit(tmp_path / "c.xlsx", [STAFF, ("Số hộp thư", 99)], unit="Sở Văn hóa và Truyền hình")
    assert _found([tmp_path]) == [("b.xlsx", "D8", 90, 95, "a.xlsx", "D8")]
    assert _codes([tmp_path]).count("unknown-unit") == 3


def test_a_report_with_errors_of_its_own_is_not_compared(tmp_path: Path) -> None:
    # The original fails its own check, so the roll-up leaves it out: its correction counts.
    one_unit(tmp_path / "a.xlsx", [STAFF, MAILBOXES, ("Tỷ lệ văn bản điện tử", 120)])
    one_unit(tmp_path / "b.xlsx", [STAFF, ("Số hộp thư", 95), ("Tỷ lệ văn bản điện tử", 20)])
    assert _codes([tmp_path]) == ["percent-out-of-range"]
