"""formula-no-value: a row of formulas saved without results is one issue naming its cells."""

from __future__ import annotations

from pathlib import Path

import pytest

import ictdata
from builders import MakeTable, project, table_maker, total
from ictdata.check.codes import IssueCode
from ictdata.check.formula_rows import cell_runs, flagged_cells

NO_VALUE = IssueCode.FORMULA_NO_VALUE


@pytest.fixture
def make_table(tmp_path: Path) -> MakeTable:
    return table_maker(tmp_path)


def _no_value(path: Path) -> list[tuple[str | None, int | None, str | None, str | None]]:
    issues = ictdata.check(path).issues
    return [(i.cell, i.row, i.range, i.detail) for i in issues if i.code is NO_VALUE]


def test_a_totals_row_of_formulas_is_one_issue_naming_its_cells(make_table: MakeTable) -> None:
    # openpyxl writes formulas with no stored result; column I has no total at all.
    sums = [f"=SUM({x}5:{x}6)" for x in "FGH"]
    path = make_table(
        [project(1, 10, 3, 4), project(2, 6, 2, 1, None, 5), total(*sums, None, "=J5+J6")]
    )
    assert _no_value(path) == [("F7", 7, "F7:H7,J7", "cells: 4")]
    report = ictdata.check(path)
    assert [i.code for i in report.issues] == [NO_VALUE]  # the formulas' values add up
    assert report.summary.errors == 1


def test_rows_are_grouped_apart_and_a_lone_cell_keeps_its_formula(make_table: MakeTable) -> None:
    path = make_table([project(1, 10, "=F5*2"), project(2, 6, 4), total("=F5+F6", "=G5+G6")])
    issues = [i for i in ictdata.check(path).issues if i.code is NO_VALUE]
    assert [(i.cell, i.range, i.detail, i.expected) for i in issues] == [
        ("G5", None, "=F5*2", 20),
        ("F7", "F7:G7", "cells: 2", None),
    ]


def test_silent_when_formulas_store_their_results(fixtures_dir: Path) -> None:
    path = fixtures_dir / "valid/seed_budget_formulas_cached.xlsx"
    assert ictdata.check(path).issues == ()


def test_cell_runs_follow_column_order_past_z() -> None:
    assert cell_runs(["AA3", "Y3", "Z3", "AC3"]) == "Y3:AA3,AC3"
    assert cell_runs(["F13"]) == "F13"


def test_a_grouped_row_flags_every_cell_it_names(make_table: MakeTable) -> None:
    path = make_table([project(1, 10), project(2, 6, None, 1), total("=F5+F6", None, "=H5+H6")])
    (issue,) = ictdata.check(path).issues
    assert flagged_cells(issue) == ["F7", "H7"]
