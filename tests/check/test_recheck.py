"""A slip's recheck compares where the rules fail, cheaply: no figures, only the slipped cells."""

from __future__ import annotations

import importlib
from dataclasses import replace
from fractions import Fraction
from pathlib import Path
from typing import Any

import polars as pl
import pytest

import ictdata
from builders import MakeTable, Row, project, table_maker, total
from ictdata.check import consequences, findings
from ictdata.check.consequences import RECHECKED, Place, Slip, Validate
from ictdata.check.rules import TABLE

Captured = list[tuple[pl.DataFrame, list[ictdata.Issue], Validate]]


@pytest.fixture
def make_table(tmp_path: Path) -> MakeTable:
    return table_maker(tmp_path)


def _slipped_sections(sections: int) -> list[Row]:
    """`sections` sections of one project each, every project typed x1000, then the total."""
    rows: list[Row] = []
    for number in range(1, sections + 1):
        rows += [project(number, (5 + number) * 1000), total(5 + number, label="Cộng")]
    rows.append(total(sum(5 + n for n in range(1, sections + 1))))
    return rows


def _capture(monkeypatch: pytest.MonkeyPatch) -> Captured:
    """What the runner hands `mark_consequences`: the amounts, the issues, the recheck."""
    runner = importlib.import_module("ictdata.check.runner")
    captured: Captured = []
    mark = runner.mark_consequences

    def spy(amounts: pl.DataFrame, issues: list[ictdata.Issue], validate: Validate) -> Any:
        captured.append((amounts, issues, validate))
        return mark(amounts, issues, validate)

    monkeypatch.setattr(runner, "mark_consequences", spy)
    return captured


def _places(issues: list[ictdata.Issue]) -> set[Place]:
    return {(0, i.code, i.file, i.sheet, i.cell, i.row) for i in issues if i.code in RECHECKED}


def test_a_recheck_finds_the_places_of_the_issues(
    make_table: MakeTable, monkeypatch: pytest.MonkeyPatch
) -> None:
    captured = _capture(monkeypatch)
    ictdata.check(make_table(_slipped_sections(3)))
    ((amounts, issues, validate),) = captured
    places = set(validate(amounts))
    assert {(code, cell) for _, code, _, _, cell, _ in places} == {
        (ictdata.IssueCode.TOTAL_MISMATCH, cell) for cell in ("F6", "F8", "F10", "F11")
    }
    assert places == _places(issues)


def test_a_recheck_of_a_balanced_table_finds_nothing(
    make_table: MakeTable, monkeypatch: pytest.MonkeyPatch
) -> None:
    captured = _capture(monkeypatch)
    rows = _slipped_sections(3)
    rows[0] = project(1, 6)
    rows[2] = project(2, 7)
    rows[4] = project(3, 8)
    assert ictdata.check(make_table(rows)).issues == ()
    ((amounts, _, validate),) = captured
    assert validate(amounts) == []


def test_rechecks_compute_no_figures(
    make_table: MakeTable, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Figures (window sums over the whole table) and scale suspects are for issues: a
    # recheck only asks where the rules still fail.
    calls: list[str] = []
    rows_of = findings.failing_rows
    places_of = findings.failing_places

    def rows(*args: Any) -> pl.DataFrame:
        calls.append("figures")
        return rows_of(*args)

    def places(*args: Any) -> list[Place]:
        calls.append("places")
        return places_of(*args)

    monkeypatch.setattr(findings, "failing_rows", rows)
    monkeypatch.setattr(findings, "failing_places", places)
    sections = consequences.MOST_ROUNDS + 2
    issues = ictdata.check(make_table(_slipped_sections(sections))).issues
    assert len(issues) == sections + 1
    assert calls == ["figures"] + ["places"] * consequences.MOST_ROUNDS


def _amounts(*cells: tuple[int, str, int | None]) -> pl.DataFrame:
    return pl.DataFrame(
        cells, schema={TABLE: pl.Int64, "cell": pl.String, "amount_vnd": pl.Int64}, orient="row"
    )


def test_undoing_a_slip_scales_its_cells_only() -> None:
    amounts = _amounts(
        (0, "F5", 4_500_000_000),
        (0, "F6", 900),
        (0, "G5", 4_500_000_000),
        (1, "F5", 4_500_000_000),
        (2, "F5", 7),
    )
    slips = [
        Slip("a.xlsx", "S", "F5", Fraction(1, 1000), 0),
        Slip("b.xlsx", "S", "F5:F6", Fraction(1000), 1),
    ]
    undone = consequences._undone(amounts, slips)
    assert undone.rows() == [
        (0, "F5", 4_500_000),
        (0, "F6", 900),
        (0, "G5", 4_500_000_000),
        (1, "F5", 4_500_000_000_000),
    ]


def test_a_slip_undone_beyond_int64_is_unknown_and_a_blank_stays_blank() -> None:
    amounts = _amounts((0, "F5", 2**62), (0, "F6", None), (0, "F7", -(2**62)))
    undone = consequences._undone(amounts, [Slip("a.xlsx", "S", "F5:F7", Fraction(1000), 0)])
    assert undone.get_column("amount_vnd").to_list() == [None, None, None]
    floor = consequences._undone(amounts, [Slip("a.xlsx", "S", "F7", Fraction(1, 3), 0)])
    assert floor.get_column("amount_vnd").to_list() == [2**62, None, -(2**62) // 3]


def _moved_down(frame: pl.DataFrame, table: int, onto: tuple[str, str | None]) -> pl.DataFrame:
    """`frame` with `table`'s cells moved 100 rows down the sheet `onto` (file, sheet)."""
    moved = pl.col(TABLE) == table
    row = pl.when(moved).then(pl.col("row") + 100).otherwise("row")
    return frame.with_columns(
        file=pl.when(moved).then(pl.lit(onto[0])).otherwise("file"),
        sheet=pl.when(moved).then(pl.lit(onto[1])).otherwise("sheet"),
        cell=pl.when(moved)
        .then(pl.col("column") + (pl.col("row") + 100).cast(pl.String))
        .otherwise("cell"),
        row=row,
    )


# The slipped table's issues: its subtotal names J5, what follows from J5 is marked.
SLIPS_OWN = [
    (ictdata.IssueCode.OVER_ALLOCATION, "F5", "J5"),
    (ictdata.IssueCode.TOTAL_MISMATCH, "J7", None),
    (ictdata.IssueCode.TOTAL_MISMATCH, "J8", "J5"),
]


def _one_sheet(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, second: list[Row]
) -> list[ictdata.Issue]:
    """A table with a slip in J5 and `second` on the same sheet, 100 rows down, marked."""
    make = table_maker(tmp_path)
    slipped = make(
        [
            project(1, 100, None, None, None, 50_000),
            project(2, 100, None, None, None, 30),
            total(200, None, None, None, 80, label="Cộng"),
            total(200, None, None, None, 80),
        ],
        name="a.xlsx",
    )
    other = make(second, name="b.xlsx")
    captured = _capture(monkeypatch)
    ictdata.check([slipped, other])
    ((amounts, issues, validate),) = captured
    first = amounts.filter(pl.col("file") == str(slipped)).row(0, named=True)
    onto = (first["file"], first["sheet"])
    (table,) = amounts.filter(pl.col("file") == str(other)).get_column(TABLE).unique()
    one_sheet = _moved_down(amounts, table, onto)
    moved = [
        replace(
            issue,
            file=onto[0],
            sheet=onto[1],
            row=(issue.row or 0) + 100,
            cell=f"{issue.column}{(issue.row or 0) + 100}",
        )
        if issue.file == str(other)
        else issue
        for issue in issues
    ]
    return consequences.mark_consequences(one_sheet, moved, validate)


def test_a_slip_marks_no_issue_of_another_table_on_its_sheet(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The second table's total is wrong on its own: undoing the first table's slip leaves it
    # out of the recheck (one table at a time), which must not read as cleared.
    marked = _one_sheet(tmp_path, monkeypatch, [project(1, 100), total(150)])
    own = (ictdata.IssueCode.TOTAL_MISMATCH, "F106", None)
    assert sorted((i.code, i.cell, i.caused_by) for i in marked) == sorted([*SLIPS_OWN, own])


def test_a_slip_beside_a_balanced_table_marks_its_own_issues(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    marked = _one_sheet(tmp_path, monkeypatch, [project(1, 100), total(100)])
    assert sorted((i.code, i.cell, i.caused_by) for i in marked) == SLIPS_OWN
