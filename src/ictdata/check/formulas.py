"""Formula cells of a table: a missing or stale stored result is an issue, never a silent 0.

The value used for a formula cell is what its formula gives when ictdata can
compute it (what a spreadsheet program shows after recalculating), and its
stored result otherwise.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from fractions import Fraction

import polars as pl

from ictdata.check.codes import IssueCode
from ictdata.check.formula_eval import UnevaluableError, evaluate, references
from ictdata.read.cells import CellRange, column_index, column_letter, split_cell
from ictdata.read.grid import ROW, Formula, Grid
from ictdata.read.numbers import parse_amount

_MAX_DEPTH = 32


@dataclass(frozen=True, slots=True)
class FormulaFinding:
    """The verdict on one formula cell: an issue to raise (if any) and the value to use."""

    cell: str
    code: IssueCode | None
    formula: str
    expected_vnd: int | None
    actual_vnd: int | None
    value_vnd: int | None


class _Values:
    """Cell values of a grid in đồng, computed on demand, formulas followed."""

    def __init__(self, grid: Grid, multiplier: int) -> None:
        self.grid = grid
        self.multiplier = multiplier
        self.cache: dict[str, Fraction | None] = {}
        self.depth = 0

    def raw(self, cell: str) -> str | None:
        letter, row = split_cell(cell)
        if letter not in self.grid.cells.columns:
            return None
        found = self.grid.cells.filter(pl.col(ROW) == row).get_column(letter)
        return found[0] if len(found) else None

    def __call__(self, cell: str) -> Fraction | None:
        if cell not in self.cache:
            self.cache[cell] = self._compute(cell)
        return self.cache[cell]

    def _compute(self, cell: str) -> Fraction | None:
        formula = self.grid.formulas.get(cell)
        if formula is not None and formula.cached is None and self.depth < _MAX_DEPTH:
            self.depth += 1
            try:
                return evaluate(formula.text, self)
            except UnevaluableError:
                return None
            finally:
                self.depth -= 1
        try:
            vnd = parse_amount(
                self.raw(cell), self.multiplier, is_float=cell in self.grid.float_cells
            )
        except ValueError:
            return None
        return None if vnd is None else Fraction(vnd, self.multiplier)

    def preload(self, refs: list[str]) -> None:
        """Read every referenced cell in one vectorised pass (a SUM may span 100,000 rows)."""
        areas = [CellRange.parse(ref.replace("$", "")) for ref in refs]
        if not areas:
            return
        first = min(a.first_row for a in areas)
        last = max(a.last_row for a in areas)
        letters = {
            column_letter(c)
            for a in areas
            for c in range(a.first_column, a.last_column + 1)
            if column_letter(c) in self.grid.cells.columns
        }
        block = self.grid.cells.filter(pl.col(ROW).is_between(first, last)).select(
            ROW, *sorted(letters)
        )
        for record in block.iter_rows(named=True):
            for letter in letters:
                cell = f"{letter}{record[ROW]}"
                if cell not in self.grid.formulas:
                    self.cache[cell] = self._from_text(cell, record[letter])

    def _from_text(self, cell: str, text: str | None) -> Fraction | None:
        try:
            vnd = parse_amount(text, self.multiplier, is_float=cell in self.grid.float_cells)
        except ValueError:
            return None
        return None if vnd is None else Fraction(vnd, self.multiplier)


_INT64_SAFE = 2**62  # beyond this a figure is no amount anyone budgets: treat it as unknown


def _in_range(vnd: int | None) -> int | None:
    return vnd if vnd is not None and abs(vnd) < _INT64_SAFE else None


def _cached_vnd(text: str | None, multiplier: int) -> int | None:
    if text is None or text == "":
        return None
    try:
        return _in_range(round(Fraction(text) * multiplier))
    except (ValueError, ZeroDivisionError, OverflowError):
        return None


def check_formulas(grid: Grid, cells: set[str], multiplier: int) -> list[FormulaFinding]:
    """Judge every formula among `cells` (the amount cells of a table)."""
    formulas = {
        cell: f for cell, f in grid.formulas.items() if cell in cells and f.cached_type != "e"
    }
    if not formulas:
        return []
    values = _Values(grid, multiplier)
    values.preload(_refs(formulas.values()))
    return [
        _judge(cell, formula, values)
        for cell, formula in sorted(formulas.items(), key=lambda item: _order(item[0]))
    ]


def _refs(formulas: Iterable[Formula]) -> list[str]:
    return [ref for formula in formulas for ref in references(formula.text)]


def _order(cell: str) -> tuple[int, int]:
    letter, row = split_cell(cell)
    return row, column_index(letter)


def _judge(cell: str, formula: Formula, values: _Values) -> FormulaFinding:
    text, multiplier = formula.text, values.multiplier
    try:
        computed: int | None = _in_range(round(evaluate(text, values) * multiplier))
    except (UnevaluableError, OverflowError):
        computed = None
    stored = _cached_vnd(formula.cached, multiplier)
    # Writers that cannot compute (xlsxwriter) store 0 and ask for recalculation on open.
    placeholder = values.grid.full_calc_on_load and stored == 0 and computed != 0
    if stored is None or placeholder:
        code: IssueCode | None = IssueCode.FORMULA_NO_VALUE
    elif computed is not None and computed != stored:
        code = IssueCode.STALE_FORMULA
    else:
        code = None
    value = computed if computed is not None else (None if placeholder else stored)
    actual = stored if code is IssueCode.STALE_FORMULA else None
    return FormulaFinding(cell, code, text, computed, actual, value)
