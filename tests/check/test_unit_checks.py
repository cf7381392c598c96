"""The unit-report checks: each fires at its cell on bad data and is silent on good data."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

import ictdata
from ictdata.check.codes import IssueCode
from ictdata.check.issue import Issue
from ictdata.cli import main
from ictdata.report.messages import message
from ictdata.report.numbers import LANGS
from ictdata.report.periods import day_words
from unit_builders import Cell, consolidated, one_unit

UNIT_REPORTS = Path(__file__).resolve().parents[2] / "fixtures" / "unit_reports"
STAFF = ("Tổng số cán bộ, công chức", 80)


def _issues(path: Path) -> list[tuple[str, str | None, object, object]]:
    report = ictdata.check(path)
    return [(i.code.value, i.cell, i.expected, i.actual) for i in report.issues]


def test_the_good_set_is_silent() -> None:
    report = ictdata.check(UNIT_REPORTS / "valid")
    # 37 one-unit, 1 consolidated, 2 typed as percentages, 1 with a unit line across cells
    assert len(report.files) == 41
    assert report.issues == ()
    assert {f.template for f in report.files} == {"unit_report"}


@pytest.mark.parametrize("value", [101, -1, 100.5])
def test_percent_out_of_range_fires(tmp_path: Path, value: float) -> None:
    path = one_unit(tmp_path / "r.xlsx", [STAFF, ("Tỷ lệ văn bản điện tử", value)])
    assert _issues(path) == [("percent-out-of-range", "D8", None, value)]


@pytest.mark.parametrize("value", [100, 0, 51.4])
def test_percent_out_of_range_is_silent_within_0_to_100(tmp_path: Path, value: float) -> None:
    path = one_unit(tmp_path / "r.xlsx", [STAFF, ("Tỷ lệ văn bản điện tử", value)])
    assert _issues(path) == []


def test_negative_amount_is_for_counts_and_amounts(tmp_path: Path) -> None:
    path = one_unit(
        tmp_path / "r.xlsx",
        [("Tổng số cán bộ, công chức", -3), ("Kinh phí CNTT được bố trí", 10)],
    )
    assert _issues(path) == [("negative-amount", "D7", None, -3)]
    silent = one_unit(tmp_path / "s.xlsx", [STAFF, ("Kinh phí CNTT được bố trí", 0)])
    assert _issues(silent) == []


FIRES = [(IssueCode.PART_EXCEEDS_WHOLE, "D8", "D7")]


@pytest.mark.parametrize(
    ("part", "whole", "expected"),
    [
        (("Số CBCC được trang bị máy tính", 90), STAFF, FIRES),
        (("Số CBCC được trang bị máy tính", 80), STAFF, []),
        (("Số CBCC sử dụng thư điện tử thường xuyên", 81), STAFF, FIRES),
        (("Kinh phí CNTT đã giải ngân", 120), ("Kinh phí CNTT được bố trí", 100), FIRES),
        (("Mạng LAN hoàn chỉnh", "Có"), ("Có mạng LAN", "Không"), FIRES),
        (("Mạng LAN hoàn chỉnh", "Có"), ("Có mạng LAN", "Có"), []),
    ],
)
def test_part_exceeds_whole(
    tmp_path: Path,
    part: tuple[str, Cell],
    whole: tuple[str, Cell],
    expected: list[tuple[IssueCode, str, str]],
) -> None:
    path = one_unit(tmp_path / "r.xlsx", [whole, part])
    report = ictdata.check(path)
    assert [(i.code, i.cell, i.range) for i in report.issues] == expected


@pytest.mark.parametrize(("stated", "fires"), [(51.4, 0), (51, 0), (52, 1), (80, 1)])
def test_percent_mismatch_allows_rounding_only(tmp_path: Path, stated: float, fires: int) -> None:
    path = one_unit(
        tmp_path / "r.xlsx",
        [
            ("Tổng số cán bộ, công chức", 37),
            ("Số CBCC được trang bị máy tính", 19),
            ("Tỷ lệ CBCC được trang bị máy tính", stated),
        ],
    )
    report = ictdata.check(path)
    found = [(i.code, i.cell, i.expected, i.actual, i.range) for i in report.issues]
    assert found == [(IssueCode.PERCENT_MISMATCH, "D9", 51.4, stated, "D8/D7")] * fires


def test_levels_sum_mismatch(tmp_path: Path) -> None:
    levels = [
        ("Dịch vụ công trực tuyến mức độ " + str(n), v) for n, v in enumerate([5, 3, 1, 0], 1)
    ]
    bad = one_unit(tmp_path / "bad.xlsx", [("Tổng số dịch vụ công trực tuyến", 10), *levels])
    report = ictdata.check(bad)
    assert [(i.code, i.cell, i.expected, i.actual, i.range) for i in report.issues] == [
        (IssueCode.LEVELS_SUM_MISMATCH, "D7", 9, 10, "D8:D11")
    ]
    good = one_unit(tmp_path / "good.xlsx", [("Tổng số dịch vụ công trực tuyến", 9), *levels])
    alone = one_unit(tmp_path / "alone.xlsx", [("Tổng số dịch vụ công trực tuyến", 9)])
    assert _issues(good) == _issues(alone) == []


def test_an_unreadable_level_is_a_bad_number_not_a_levels_sum_mismatch(tmp_path: Path) -> None:
    figures: list[Cell] = [5, "3 dv", 1, 0]
    levels = [("Dịch vụ công trực tuyến mức độ " + str(n), v) for n, v in enumerate(figures, 1)]
    path = one_unit(tmp_path / "r.xlsx", [("Tổng số dịch vụ công trực tuyến", 9), *levels])
    assert [(code, cell) for code, cell, _, _ in _issues(path)] == [("bad-number", "D9")]


def test_period_mismatch_in_both_forms(tmp_path: Path) -> None:
    heading = one_unit(tmp_path / "h.xlsx", [STAFF], year=2014, title_year=2013)
    assert _issues(heading) == [("period-mismatch", "B4", 2013, 2014)]
    assert _issues(one_unit(tmp_path / "ok.xlsx", [STAFF], year="2013")) == []
    many = consolidated(
        tmp_path / "c.xlsx",
        ["Năm", "Tổng số CBCC", "Số CBCC có máy tính", "Số hộp thư"],
        [("Sở Y tế", [2013, 80, 78, 90]), ("Sở Tài chính", [2012, 60, 60, 70])],
    )
    assert _issues(many) == [("period-mismatch", "C5", 2013, 2012)]


def _unknown(path: Path) -> Issue:
    report = ictdata.check(path)
    (issue,) = report.issues
    assert (issue.code, issue.severity.value, issue.cell) == (
        IssueCode.UNKNOWN_UNIT,
        "warning",
        "B3",
    )
    assert report.valid
    return issue


def test_a_unit_of_a_later_period_is_named_with_its_dates(tmp_path: Path) -> None:
    early = one_unit(
        tmp_path / "early.xlsx", [STAFF], unit="Sở Ngoại vụ", year=2012, title_year=2012
    )
    issue = _unknown(early)
    assert (issue.detail, issue.expected) == ("Sở Ngoại vụ", 2012)
    assert (issue.range, issue.suggestions) == ("2013-09-09/..", None)
    for lang in LANGS:
        text = message(issue, lang)
        assert "Sở Ngoại vụ" in text
        assert "2012" in text
        assert day_words(date(2013, 9, 9), lang) in text
        assert "Sở Nội vụ" not in text
    known = one_unit(tmp_path / "known.xlsx", [STAFF], unit="Sở Ngoại vụ", year=2013)
    assert _issues(known) == []


def test_a_unit_merged_before_the_period_is_named_with_its_end(tmp_path: Path) -> None:
    name = "Sở Thông tin và Truyền thông"
    late = one_unit(tmp_path / "late.xlsx", [STAFF], unit=name, year=2025, title_year=2025)
    issue = _unknown(late)
    assert (issue.detail, issue.expected, issue.range) == (name, 2025, "2008-01-01/2025-02-28")
    assert all(day_words(date(2025, 2, 28), lang) in message(issue, lang) for lang in LANGS)
    in_force = one_unit(tmp_path / "in_force.xlsx", [STAFF], unit=name, year=2024, title_year=2024)
    assert _issues(in_force) == []


def test_a_misspelt_unit_gets_the_nearest_names_and_is_quoted(tmp_path: Path) -> None:
    name = "Sở Thông tin và Truyền hình"
    issue = _unknown(one_unit(tmp_path / "typo.xlsx", [STAFF], unit=name, year=2013))
    assert (issue.detail, issue.expected, issue.range) == (name, 2013, None)
    assert issue.suggestions is not None
    assert "Sở Thông tin và Truyền thông" in issue.suggestions.split("; ")
    for lang in LANGS:
        assert name in message(issue, lang)
        assert "2013" in message(issue, lang)
        # Each name is in the message, once, and the field's separator is not.
        shown = message(issue, lang)
        assert all(shown.count(f"“{n}”") == 1 for n in issue.suggestions.split("; "))
        assert "; " not in shown
    hoa = one_unit(tmp_path / "hoa.xlsx", [STAFF], unit="UBND huyện Hạ Hoà")
    assert _issues(hoa) == []


def test_a_report_naming_no_unit_is_an_error(tmp_path: Path) -> None:
    unnamed = one_unit(tmp_path / "unnamed.xlsx", [STAFF], unit=None)  # the label, no name
    report = ictdata.check(unnamed)
    assert [(i.code, i.cell, i.row) for i in report.issues] == [(IssueCode.UNIT_NOT_NAMED, "B6", 6)]
    assert _issues(one_unit(tmp_path / "named.xlsx", [STAFF], unit="Thanh tra tỉnh")) == []


def test_check_gives_exit_codes_and_cells(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(UNIT_REPORTS / "valid"), "--jobs", "1"]) == 0
    capsys.readouterr()
    broken = UNIT_REPORTS / "broken" / "percent_out_of_range.xlsx"
    assert main(["check", str(broken)]) == 1
    assert "percent_out_of_range.xlsx:Bao cao!D18: error percent-out-of-range:" in (
        capsys.readouterr().out
    )
    assert main(["check", str(UNIT_REPORTS / "broken" / "unknown_unit.xlsx")]) == 0
    assert "Bao cao!B3: warning unknown-unit" in capsys.readouterr().out
    assert (
        main(
            ["check", "--format", "json", str(UNIT_REPORTS / "broken" / "levels_sum_mismatch.xlsx")]
        )
        == 1
    )
    (entry,) = json.loads(capsys.readouterr().out)["files"]
    assert entry["template"] == "unit_report"
    (issue,) = entry["issues"]
    assert (issue["code"], issue["sheet"], issue["cell"], issue["range"]) == (
        "levels-sum-mismatch",
        "Tong hop",
        "T31",
        "U31:X31",
    )


def test_the_template_can_be_chosen_alone(capsys: pytest.CaptureFixture[str]) -> None:
    seed = Path(__file__).resolve().parents[2] / "fixtures" / "valid" / "seed_budget.xlsx"
    assert main(["check", "--template", "unit_report", str(seed)]) == 1
    assert "unknown-layout" in capsys.readouterr().out
    report = ictdata.check(UNIT_REPORTS / "broken" / "negative_amount.xlsx", template="unit_report")
    assert [i.code for i in report.issues] == [IssueCode.NEGATIVE_AMOUNT]


def test_a_workbook_with_a_project_table_and_a_unit_report_gives_both(tmp_path: Path) -> None:
    import openpyxl

    seed = Path(__file__).resolve().parents[2] / "fixtures" / "valid" / "seed_budget_openpyxl.xlsx"
    report_sheet = openpyxl.load_workbook(one_unit(tmp_path / "r.xlsx", [STAFF])).active
    assert report_sheet is not None
    book = openpyxl.load_workbook(seed)
    sheet = book.create_sheet("Bao cao")
    for row in report_sheet.iter_rows(values_only=True):
        sheet.append(list(row))
    path = tmp_path / "both.xlsx"
    book.save(path)
    batch = ictdata.api.check_batch(path)
    assert batch.report.issues == ()
    assert batch.report.files[0].template == "project_budget"
    assert len(batch.tables) == 1
    assert batch.unit_values.filter(indicator="staff_total")["value"].to_list() == [80]
