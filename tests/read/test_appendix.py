"""The budget appendix: read by the project table's code, checked with the same codes."""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest

import ictdata
from appendix_builders import GOOD_ROWS, Cell, write_appendix
from ictdata.api import check_batch
from ictdata.check.codes import IssueCode
from ictdata.read.table import RowKind

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"
APPENDIX = FIXTURES / "packages/phu_tho_2014/phu_luc_kinh_phi.xlsx"


def test_the_appendix_fixture_reads_as_the_appendix_template() -> None:
    batch = check_batch(APPENDIX)
    (result,) = batch.report.files
    assert (result.template, result.issues) == ("budget_appendix", ())
    (loaded,) = batch.tables
    rows = loaded.table.rows
    kinds = dict(zip(rows["number"].to_list(), rows["row_kind"].to_list(), strict=False))
    assert kinds["I"] == kinds["II"] == RowKind.SUBTOTAL.value
    assert rows.filter(row_kind=RowKind.ITEM.value).height == 7
    assert loaded.table.layout.plan_year == 2014
    assert loaded.table.layout.unit.multiplier == 1_000_000
    total = batch.amounts.filter(row_kind=RowKind.TOTAL.value)
    by_kind = dict(zip(total["funding_kind"], total["amount_vnd"], strict=True))
    assert by_kind["all"] == 11_553_000_000
    assert (by_kind["provincial"], by_kind["district"]) == (8_853_000_000, 2_700_000_000)


def test_a_good_appendix_is_valid(tmp_path: Path) -> None:
    report = ictdata.check(write_appendix(tmp_path / "a.xlsx", GOOD_ROWS))
    assert report.files[0].template == "budget_appendix"
    assert report.issues == ()


def test_a_wrong_section_subtotal_is_total_mismatch(tmp_path: Path) -> None:
    rows = [list(row) for row in GOOD_ROWS]
    rows[2][4] = 990  # II's provincial sub-total; its tasks give 900
    row_total, issue = ictdata.check(write_appendix(tmp_path / "a.xlsx", rows)).issues
    # The row's "Tổng số" (2.700) is then not the sum of its sources either.
    assert (row_total.code, row_total.cell, row_total.expected) == (
        IssueCode.ROW_TOTAL_MISMATCH,
        "D7",
        2790,
    )
    assert (issue.code, issue.cell, issue.expected, issue.actual) == (
        IssueCode.TOTAL_MISMATCH,
        "E7",
        900,
        990,
    )
    assert issue.range == "E8:E9"


def test_a_wrong_grand_total_is_total_mismatch(tmp_path: Path) -> None:
    rows = [list(row) for row in GOOD_ROWS]
    rows[-1][5] = 2700
    row_total, issue = ictdata.check(write_appendix(tmp_path / "a.xlsx", rows)).issues
    assert (row_total.code, row_total.cell) == (IssueCode.ROW_TOTAL_MISMATCH, "D10")
    assert (issue.code, issue.cell, issue.expected, issue.actual) == (
        IssueCode.TOTAL_MISMATCH,
        "F10",
        1800,
        2700,
    )


def test_a_negative_or_unreadable_amount_has_the_table_codes(tmp_path: Path) -> None:
    rows = [list(row) for row in GOOD_ROWS]
    rows[3][4], rows[4][5] = -900, "một nghìn"
    codes = {i.code for i in ictdata.check(write_appendix(tmp_path / "a.xlsx", rows)).issues}
    assert {IssueCode.NEGATIVE_AMOUNT, IssueCode.BAD_NUMBER} <= codes


def test_optional_sources_may_be_left_out(tmp_path: Path) -> None:
    rows = [[*row[:3], *row[4:6]] for row in GOOD_ROWS]
    path = write_appendix(tmp_path / "a.xlsx", rows, ["Ngân sách tỉnh", "Ngân sách huyện"])
    assert ictdata.check(path).issues == ()


def test_a_required_source_left_out_is_missing_column(tmp_path: Path) -> None:
    rows = [[*row[:5]] for row in GOOD_ROWS]
    path = write_appendix(tmp_path / "a.xlsx", rows, ["Tổng số", "Ngân sách tỉnh"])
    report = ictdata.check(path)
    assert report.files[0].template == "budget_appendix"
    assert [i.code for i in report.issues] == [IssueCode.MISSING_COLUMN]
    assert "Ngân sách huyện" in (report.issues[0].detail or "")


@pytest.mark.parametrize("name", ["valid/seed_budget.xlsx", "valid/seed_budget_joined_header.xlsx"])
def test_project_tables_stay_project_tables(name: str) -> None:
    (result,) = ictdata.check(FIXTURES / name).files
    assert result.template == "project_budget"


def test_appendix_lines_land_in_the_marts(tmp_path: Path) -> None:
    out = tmp_path / "marts"
    ictdata.build(write_appendix(tmp_path / "a.xlsx", GOOD_ROWS), out)
    projects = pl.read_parquet(out / "projects.parquet")
    rejects = pl.read_parquet(out / "rejects.parquet")
    assert projects.height == 3
    assert sorted(rejects["reason"].to_list()) == ["subtotal-row", "subtotal-row", "total-row"]
    funding = pl.read_parquet(out / "project_funding.parquet")
    assert set(funding["stage"]) == {"plan"}
    assert set(funding["funding_kind"]) == {"all", "provincial", "district"}


TWO_LEVELS: list[list[Cell]] = [
    ["I", "Dự án chuyển tiếp", None, 4103, 4103, None],
    ["1", "Nâng cấp hệ thống hội nghị truyền hình trực tuyến", "Sở TT&TT", 4103, 4103, None],
    ["II", "Nhiệm vụ mới", None, 2700, 900, 1800],
    ["1", "Hạ tầng kỹ thuật", None, 2700, 900, 1800],
    ["1.1", "Duy trì Cổng giao tiếp điện tử", "Sở TT&TT", 900, 900, None],
    ["1.2", "Một cửa điện tử cấp huyện", "UBND các huyện", 1800, None, 1800],
    ["Tổng cộng", None, None, 6803, 5003, 1800],
]


def test_sub_sections_numbered_1_2_sum_their_tasks(tmp_path: Path) -> None:
    assert ictdata.check(write_appendix(tmp_path / "a.xlsx", TWO_LEVELS)).issues == ()
    rows = [list(row) for row in TWO_LEVELS]
    rows[5][5] = 1500  # task 1.2's district amount; sub-section 1 says 1800
    issues = ictdata.check(write_appendix(tmp_path / "b.xlsx", rows)).issues
    assert [(i.code, i.cell, i.expected, i.actual, i.range) for i in issues] == [
        (IssueCode.TOTAL_MISMATCH, "F8", 1500, 1800, "F9:F10"),
        (IssueCode.ROW_TOTAL_MISMATCH, "D10", 1500, 1800, "E10:G10"),
    ]


def test_tasks_under_a_sub_section_are_lines_of_the_appendix(tmp_path: Path) -> None:
    from ictdata.check.package_facts import appendix_budget

    batch = check_batch(write_appendix(tmp_path / "a.xlsx", TWO_LEVELS))
    budget = appendix_budget(batch.tables[0], batch.amounts)
    lines = {named.name: amount.vnd for named, amount in budget.lines}
    assert lines["Một cửa điện tử cấp huyện"] == 1_800_000_000
    assert lines["Hạ tầng kỹ thuật"] == 2_700_000_000
    assert budget.total is not None
    assert budget.total.vnd == 6_803_000_000


def test_tables_of_two_templates_in_one_batch_keep_their_own_cells(tmp_path: Path) -> None:
    rows = [list(row) for row in GOOD_ROWS]
    rows[2][4] = 990
    appendix = write_appendix(tmp_path / "a_appendix.xlsx", rows)
    report = ictdata.check([appendix, FIXTURES / "broken/total_mismatch.xlsx"])
    found = sorted((Path(i.file).name, i.cell, i.expected, i.actual) for i in report.issues)
    assert found == [
        ("a_appendix.xlsx", "D7", 2790, 2700),  # row-total-mismatch: its row's "Tổng số"
        ("a_appendix.xlsx", "E7", 900, 990),
        ("total_mismatch.xlsx", "F13", 11329, 11392),
    ]
