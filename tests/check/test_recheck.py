"""A slip's recheck compares where the rules fail, cheaply: no figures, only the slipped cells."""

from __future__ import annotations

import importlib
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
    return {(i.code, i.file, i.sheet, i.cell, i.row) for i in issues if i.code in RECHECKED}


def test_a_recheck_finds_the_places_of_the_issues(
    make_table: MakeTable, monkeypatch: pytest.MonkeyPatch
) -> None:
    captured = _capture(monkeypatch)
    ictdata.check(make_table(_slipped_sections(3)))
    ((amounts, issues, validate),) = captured
    places = set(validate(amounts))
    assert {(code, cell) for code, _, _, cell, _ in places} == {
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
    slips = {
        0: Slip("a.xlsx", "S", "F5", Fraction(1, 1000)),
        1: Slip("b.xlsx", "S", "F5:F6", Fraction(1000)),
    }
    undone = consequences._undone(amounts, slips)
    assert undone.rows() == [
        (0, "F5", 4_500_000),
        (0, "F6", 900),
        (0, "G5", 4_500_000_000),
        (1, "F5", 4_500_000_000_000),
    ]


def test_a_slip_undone_beyond_int64_is_unknown_and_a_blank_stays_blank() -> None:
    amounts = _amounts((0, "F5", 2**62), (0, "F6", None), (0, "F7", -(2**62)))
    undone = consequences._undone(amounts, {0: Slip("a.xlsx", "S", "F5:F7", Fraction(1000))})
    assert undone.get_column("amount_vnd").to_list() == [None, None, None]
    floor = consequences._undone(amounts, {0: Slip("a.xlsx", "S", "F7", Fraction(1, 3))})
    assert floor.get_column("amount_vnd").to_list() == [2**62, None, -(2**62) // 3]
