"""Formula cells of a table: a missing or stale stored result is an issue, never a silent 0.

The value used for a formula cell is what its formula gives when ictdata can
compute it (what a spreadsheet program shows after recalculating), and its
stored result otherwise. A formula reading other formula cells uses their
values, computed first; a loop of formulas (`circular-formula`) has no value.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass
from fractions import Fraction

import polars as pl

from ictdata.check.codes import IssueCode
from ictdata.check.formula_eval import UnevaluableError, evaluate, references
from ictdata.check.formula_graph import FormulaGraph
from ictdata.read.cells import CellRange, column_index, column_letter, split_cell
from ictdata.read.grid import ROW, Formula, Grid
from ictdata.read.numbers import parse_amount, parse_amounts


@dataclass(frozen=True, slots=True)
class _Verdict:
    """A formula cell's issue, computed and stored results, and value (đồng and exact)."""

    code: IssueCode | None
    computed_vnd: int | None
    stored_vnd: int | None
    value_vnd: int | None
    value: Fraction | None  # in the table's unit, for the formulas that read the cell


class _UnknownInputError(UnevaluableError):
    """The formula reads a cell whose value is unknown and which has an issue of its own."""


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
    """Cell values of a grid in the table's unit, computed on demand, formulas followed.

    A formula cell is worth what its formula gives, computed after the formulas it
    reads (`FormulaGraph`), or its stored result when that cannot be computed and is
    to be trusted; otherwise (no result, a placeholder, a loop) its value is unknown,
    and so is that of every formula reading it.
    """

    def __init__(self, grid: Grid, multiplier: int, judged: Collection[str] = ()) -> None:
        self.grid = grid
        self.multiplier = multiplier
        self.judged = judged  # the formula cells whose issues are reported
        self.cache: dict[str, Fraction | None] = {}
        self.verdicts: dict[str, _Verdict] = {}
        self.graph = FormulaGraph({cell: f.text for cell, f in grid.formulas.items()})

    def raw(self, cell: str) -> str | None:
        letter, row = split_cell(cell)
        if letter not in self.grid.cells.columns:
            return None
        found = self.grid.cells.filter(pl.col(ROW) == row).get_column(letter)
        return found[0] if len(found) else None

    def __call__(self, cell: str) -> Fraction | None:
        if cell in self.grid.formulas:
            value = self.verdict(cell).value
            if value is None:
                msg = f"{cell} has no known value"
                raise (_UnknownInputError if cell in self.judged else UnevaluableError)(msg)
            return value
        if cell not in self.cache:
            self.cache[cell] = self._from_text(cell, self.raw(cell))
        return self.cache[cell]

    def verdict(self, cell: str) -> _Verdict:
        """The verdict on formula cell `cell`, after those on the formulas it reads."""
        if cell not in self.verdicts:
            sequence, looped = self.graph.order(cell, self.verdicts)
            for found in sequence:
                self.verdicts[found] = self._decide(found, looped=found in looped)
        return self.verdicts[cell]

    def _decide(self, cell: str, *, looped: bool) -> _Verdict:
        if looped:
            return _Verdict(IssueCode.CIRCULAR_FORMULA, None, None, None, None)
        formula = self.grid.formulas[cell]
        stored = _cached_vnd(formula.cached, self.multiplier)
        blocked = False
        try:
            result = evaluate(formula.text, self)
            exact: Fraction | None = result
            computed = _in_range(round(result * self.multiplier))
        except (UnevaluableError, OverflowError) as error:
            exact, computed = None, None
            blocked = isinstance(error, _UnknownInputError)
        # Writers that cannot compute (xlsxwriter) store 0 and ask for recalculation on open.
        placeholder = self.grid.full_calc_on_load and stored == 0 and computed != 0
        if placeholder and blocked:
            code: IssueCode | None = None  # unknown: its unknown input has the issue
        elif stored is None or placeholder:
            code = IssueCode.FORMULA_NO_VALUE
        elif computed is not None and computed != stored:
            code = IssueCode.STALE_FORMULA
        else:
            code = None
        if computed is not None:
            return _Verdict(code, computed, stored, computed, exact)
        known = None if placeholder else stored
        value = None if known is None else Fraction(known, self.multiplier)
        return _Verdict(code, computed, stored, known, value)

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
        if not letters:
            return
        # One parse for the whole block: a cell parsed alone costs a frame (5 ms each).
        cell = pl.concat_str(pl.col("letter"), pl.col(ROW).cast(pl.String))
        block = (
            self.grid.cells.lazy()
            .filter(pl.col(ROW).is_between(first, last))
            .unpivot(on=sorted(letters), index=ROW, variable_name="letter", value_name="raw")
            .with_columns(cell=cell)
            .filter(~pl.col("cell").is_in(list(self.grid.formulas)))
            .with_columns(
                is_float=pl.col("cell").is_in(list(self.grid.float_cells)),
                multiplier=pl.lit(self.multiplier, dtype=pl.Int64),
            )
        )
        parsed = parse_amounts(block).select("cell", "amount_vnd").collect()
        for found, vnd in parsed.iter_rows():
            self.cache[found] = None if vnd is None else Fraction(vnd, self.multiplier)

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
    values = _Values(grid, multiplier, formulas.keys())
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
    verdict = values.verdict(cell)
    actual = verdict.stored_vnd if verdict.code is IssueCode.STALE_FORMULA else None
    return FormulaFinding(
        cell, verdict.code, formula.text, verdict.computed_vnd, actual, verdict.value_vnd
    )
