"""A slip of scale is one fault: the totals and allocations it breaks are marked `caused_by` it."""

from __future__ import annotations

import importlib
from pathlib import Path
from typing import Any

import polars as pl
import pytest

import ictdata
from appendix_builders import Cell, write_appendix
from builders import MakeTable, Row, project, table_maker, total
from ictdata.check import consequences
from ictdata.check.codes import IssueCode

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"
TOTAL = IssueCode.TOTAL_MISMATCH
ROW_TOTAL = IssueCode.ROW_TOTAL_MISMATCH
OVER = IssueCode.OVER_ALLOCATION

Found = list[tuple[IssueCode, str | None, str | None]]


@pytest.fixture
def make_table(tmp_path: Path) -> MakeTable:
    return table_maker(tmp_path)


def _found(path: Path) -> Found:
    return sorted((i.code, i.cell, i.caused_by) for i in ictdata.check(path).issues)


# Section II has two provincial amounts, so one slipped figure is the only cell that fits.
ROWS: list[list[Cell]] = [
    ["I", "Dự án chuyển tiếp", None, 4103, 4103, None],
    ["1", "Nâng cấp hệ thống hội nghị truyền hình trực tuyến", "Sở TT&TT", 4103, 4103, None],
    ["II", "Nhiệm vụ mới", None, 2700, 1200, 1500],
    ["1", "Duy trì Cổng giao tiếp điện tử", "Sở TT&TT", 900, 900, None],
    ["2", "Một cửa điện tử cấp huyện", "UBND các huyện", 1800, 300, 1500],
    ["Tổng cộng", None, None, 6803, 5303, 1500],
]
# ROWS[i] is sheet row 5 + i; columns 3 D "Tổng số", 4 E provincial, 5 F district.
SLIP = (4, 4, 300_000)  # E9 typed in nghìn đồng: 300.000 instead of 300 triệu
INDEPENDENT = (1, 3, 4150)  # D6 says 4.150, its sources 4.103: a real error of another row


def _appendix(path: Path, *edits: tuple[int, int, Cell]) -> Path:
    rows = [list(row) for row in ROWS]
    for row, column, value in edits:
        rows[row][column] = value
    return write_appendix(path, rows)


def test_the_appendix_rows_are_balanced(tmp_path: Path) -> None:
    assert _found(_appendix(tmp_path / "good.xlsx")) == []


def test_a_slipped_source_marks_its_row_total_and_grand_total(tmp_path: Path) -> None:
    path = _appendix(tmp_path / "slip.xlsx", SLIP, INDEPENDENT)
    issues = ictdata.check(path).issues
    (cause,) = [i for i in issues if i.scale_cell is not None and i.caused_by is None]
    assert (cause.code, cause.cell, cause.scale_cell, cause.scale_factor) == (
        TOTAL,
        "E7",
        "E9",
        0.001,
    )
    assert _found(path) == [
        (ROW_TOTAL, "D6", None),  # the independent error, still reported as such
        (ROW_TOTAL, "D9", "E9"),  # the slipped row's "Tổng số"
        (TOTAL, "D10", None),  # the totals the independent error breaks: no slip explains them
        (TOTAL, "D5", None),
        (TOTAL, "E10", "E9"),  # the grand total of the slipped column
        (TOTAL, "E7", None),  # the section subtotal that names the slip: the cause
    ]


def test_fixing_the_slip_clears_exactly_what_it_caused(tmp_path: Path) -> None:
    slipped = _found(_appendix(tmp_path / "a.xlsx", SLIP, INDEPENDENT))
    fixed = [(c, x) for c, x, _ in _found(_appendix(tmp_path / "b.xlsx", INDEPENDENT))]
    assert fixed == [(ROW_TOTAL, "D6"), (TOTAL, "D10"), (TOTAL, "D5")]
    cleared = sorted({(c, x) for c, x, _ in slipped} - set(fixed))
    assert cleared == [(ROW_TOTAL, "D9"), (TOTAL, "E10"), (TOTAL, "E7")]
    marked = sorted((c, x) for c, x, by in slipped if by is not None)
    assert marked == [(ROW_TOTAL, "D9"), (TOTAL, "E10")]  # all it cleared but its cause


def test_a_project_allocation_in_dong_marks_its_over_allocation(make_table: MakeTable) -> None:
    # Project 2's 2013 allocation (J6) typed in đồng in a triệu table; project 3 over-allocates
    # on its own, and the recurrent total (G8) is wrong on its own.
    path = make_table(
        [
            project(1, 1092, None, 1092),
            project(2, 8603, None, None, None, 4_500_000_000, None, 4103),
            project(3, 100, 368, None, None, 200),
            total(9795, 369, 1092, None, 4700, None, 4103),
        ]
    )
    assert _found(path) == [
        (OVER, "F6", "J6"),
        (OVER, "F7", None),
        (TOTAL, "G8", None),
        (TOTAL, "J8", None),
    ]
    (cause,) = [i for i in ictdata.check(path).issues if i.cell == "J8"]
    assert (cause.scale_cell, cause.scale_factor) == ("J6", 0.000001)


def test_a_column_typed_with_three_decimals_marks_its_over_allocations() -> None:
    path = FIXTURES / "broken/scale_slip.xlsx"
    assert _found(path) == [
        (OVER, "F5", "F5:F13"),
        (OVER, "F6", "F5:F13"),
        (IssueCode.SCALE_SLIP, "F5", None),
    ]


def test_issues_with_no_slip_are_left_alone() -> None:
    for name in ("broken/total_mismatch.xlsx", "broken/over_allocation.xlsx"):
        assert all(i.caused_by is None for i in ictdata.check(FIXTURES / name).issues)


def test_a_column_of_one_figure_blames_the_figure_its_row_disputes(make_table: MakeTable) -> None:
    # As in the seed plan, column J (2013 investment) holds one figure: 4.500, here typed
    # in nghìn đồng. J8 x1000 would balance the column as well as J6 x0.001, but only J6
    # also clears project 2's over-allocation.
    path = make_table(
        [
            project(1, 1092, None, 1092),
            project(2, 8603, None, None, None, 4_500_000, None, 4103),
            total(9695, None, 1092, None, 4500, None, 4103),
        ]
    )
    assert _found(path) == [(OVER, "F6", "J6"), (TOTAL, "J7", None)]
    (cause,) = [i for i in ictdata.check(path).issues if i.cell == "J7"]
    assert (cause.scale_cell, cause.scale_factor) == ("J6", 0.001)


def test_a_total_typed_in_thousands_stays_the_slip_of_a_one_figure_column(
    make_table: MakeTable,
) -> None:
    path = make_table(
        [
            project(1, 1092, None, 1092),
            project(2, 8603, None, None, None, 4500, None, 4103),
            total(9695, None, 1092, None, 4_500_000, None, 4103),
        ]
    )
    (issue,) = ictdata.check(path).issues
    assert (issue.code, issue.cell, issue.scale_cell, issue.scale_factor) == (
        TOTAL,
        "J7",
        "J7",
        0.001,
    )


def _count_runs(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """A list that grows by one at each run of the rules over the amounts."""
    runner = importlib.import_module("ictdata.check.runner")
    calls: list[int] = []
    failures = runner._failures

    def counted(*args: Any) -> pl.DataFrame | None:
        calls.append(1)
        return failures(*args)  # type: ignore[no-any-return]

    monkeypatch.setattr(runner, "_failures", counted)
    return calls


def test_a_table_of_many_slips_is_run_again_a_bounded_number_of_times(
    make_table: MakeTable, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Twelve sections, each with its one project typed x1000: twelve slips in one table,
    # each undone in a round of its own, and each round a run of the rules over the table.
    sections = 12
    rows: list[Row] = []
    for number in range(1, sections + 1):
        rows += [project(number, (5 + number) * 1000), total(5 + number, label="Cộng")]
    rows.append(total(sum(5 + n for n in range(1, sections + 1))))
    calls = _count_runs(monkeypatch)
    issues = ictdata.check(make_table(rows)).issues
    subtotals = {i.cell for i in issues if i.code is TOTAL and i.cell != f"F{5 + 2 * sections}"}
    assert len(subtotals) == sections  # every section's error is still reported
    assert len(calls) == 1 + consequences.MOST_ROUNDS
    assert sections > consequences.MOST_ROUNDS


def _ambiguous_then_slipped(ambiguous: int) -> list[Row]:
    """`ambiguous` sections whose subtotal is typed in nghìn (5.000 for its one project's 5),
    then a section whose first project's 2013 allocation (J) is typed in đồng."""
    rows: list[Row] = []
    for number in range(1, ambiguous + 1):
        rows += [project(number, 5), total(5000, label="Cộng")]
    rows += [project(ambiguous + 1, 100, None, None, None, 50_000)]
    rows += [project(ambiguous + 2, 100, None, None, None, 30)]
    rows += [total(200, None, None, None, 80, label="Cộng")]
    rows.append(total(5 * ambiguous + 200, None, None, None, 80))
    return rows


def test_the_slips_issues_name_are_tried_before_the_alternatives(make_table: MakeTable) -> None:
    # Each nghìn subtotal names itself, and its project x1000 would balance it as well: two
    # slips to try for each of the first sections, eight in all. The last section's slip,
    # named by its subtotal, is tried in the rounds before those alternatives.
    ambiguous = consequences.MOST_ROUNDS // 2
    slipped_row = 5 + 2 * ambiguous
    slipped = f"J{slipped_row}"
    found = _found(make_table(_ambiguous_then_slipped(ambiguous)))
    assert found == sorted(
        [
            *[(TOTAL, f"F{6 + 2 * n}", None) for n in range(ambiguous)],
            (OVER, f"F{slipped_row}", slipped),
            (TOTAL, f"J{slipped_row + 2}", None),  # the subtotal that names the slip
            (TOTAL, f"J{slipped_row + 3}", slipped),  # the grand total
        ]
    )


def test_a_few_slips_each_mark_what_follows_from_them(make_table: MakeTable) -> None:
    # One ambiguous section: every slip is tried, in any order.
    assert _found(make_table(_ambiguous_then_slipped(1))) == [
        (OVER, "F7", "J7"),
        (TOTAL, "F6", None),
        (TOTAL, "J10", "J7"),
        (TOTAL, "J9", None),
    ]


def _two_slips(grand_total: int) -> list[Row]:
    """Two sections of two projects, the first project of each typed in nghìn (x1000)."""
    return [
        project(1, 100_000),
        project(2, 200),
        total(300, label="Cộng"),
        project(3, 400_000),
        project(4, 50),
        total(450, label="Cộng"),
        total(grand_total),
    ]


def test_a_grand_total_two_slips_break_follows_from_both(make_table: MakeTable) -> None:
    # Undoing either slip alone leaves the grand total wrong; undoing both clears it.
    path = make_table(_two_slips(750))
    assert _found(path) == [(TOTAL, "F10", None), (TOTAL, "F11", "F5,F8"), (TOTAL, "F7", None)]
    causes = {i.cell: (i.scale_cell, i.scale_factor) for i in ictdata.check(path).issues}
    assert causes["F7"] == ("F5", 0.001)
    assert causes["F10"] == ("F8", 0.001)


def test_a_grand_total_wrong_beyond_its_slips_follows_from_none(make_table: MakeTable) -> None:
    assert _found(make_table(_two_slips(751))) == [
        (TOTAL, "F10", None),
        (TOTAL, "F11", None),
        (TOTAL, "F7", None),
    ]


def test_a_row_total_two_slips_of_its_row_break_follows_from_both(tmp_path: Path) -> None:
    # E9 and F9 both typed in nghìn đồng: the row's "Tổng số" is cleared by neither alone.
    path = _appendix(tmp_path / "two.xlsx", SLIP, (4, 5, 1_500_000))
    assert _found(path) == [
        (ROW_TOTAL, "D9", "E9,F9"),
        (TOTAL, "E10", "E9"),  # each column's grand total follows from its own slip
        (TOTAL, "E7", None),
        (TOTAL, "F10", "F9"),
        (TOTAL, "F7", None),
    ]


def test_slips_beyond_the_rounds_still_explain_their_grand_total_together(
    make_table: MakeTable, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Ten sections of two projects, the first of each typed x1000: eight rounds of one slip,
    # then one with all ten undone, which clears the grand total.
    sections = consequences.MOST_ROUNDS + 2
    rows: list[Row] = []
    for number in range(sections):
        rows += [project(2 * number + 1, 7000), project(2 * number + 2, 3)]
        rows.append(total(10, label="Cộng"))
    rows.append(total(10 * sections))
    calls = _count_runs(monkeypatch)
    issues = ictdata.check(make_table(rows)).issues
    slipped = ",".join(f"F{5 + 3 * n}" for n in range(sections))
    grand = f"F{5 + 3 * sections}"
    assert [(i.cell, i.caused_by) for i in issues if i.cell == grand] == [(grand, slipped)]
    assert all(i.caused_by is None for i in issues if i.cell != grand)
    assert len(issues) == sections + 1
    assert len(calls) == 1 + consequences.MOST_ROUNDS + 1
