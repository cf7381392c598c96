"""A table of projects with no totals row gets a warning: nothing checks the projects' sum."""

from __future__ import annotations

from pathlib import Path

import ictdata
from builders import project, table_maker, total

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"


def _warnings(path: Path) -> list[tuple[str, str | None, int | None, str | None]]:
    report = ictdata.check(path)
    assert report.exit_code == ictdata.ExitCode.VALID
    return [(i.code.value, i.cell, i.row, i.detail) for i in report.issues]


def test_the_fixture_without_its_total_row_is_warned_where_the_row_belongs() -> None:
    # The seed's eight projects in rows 5-12, and no "Tổng" in row 13.
    assert _warnings(FIXTURES / "hostile/no_total_row.xlsx") == [("missing-total", None, 13, "8")]


def test_silent_when_a_total_closes_the_table(tmp_path: Path) -> None:
    make = table_maker(tmp_path)
    assert _warnings(FIXTURES / "valid/seed_budget.xlsx") == []
    assert _warnings(make([project(1, 100), project(2, 250), total(350)])) == []
    # A closing row of figures with no label is the table's total too.
    assert _warnings(make([project(1, 100), project(2, 250), [None, None, *[None] * 3, 350]])) == []


def test_a_table_of_one_project_without_total_is_warned(tmp_path: Path) -> None:
    path = table_maker(tmp_path)([project(1, 100), [], [None, "Ghi chú: sơ bộ"]])
    (warning,) = _warnings(path)
    assert warning[0] == "missing-total"
    assert warning[3] == "1"


def test_silent_when_sections_carry_their_sums(tmp_path: Path) -> None:
    # The appendix's layout: a section row carrying its projects' sum, no "Tổng cộng".
    rows = [["I", "Nhóm dự án", None, None, None, 350], project(1, 100), project(2, 250)]
    assert _warnings(table_maker(tmp_path)(rows)) == []
