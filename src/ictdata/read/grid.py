"""A sheet as read: a frame of cell texts that keeps every cell's address."""

from __future__ import annotations

from dataclasses import dataclass, field
from types import MappingProxyType

import polars as pl

from ictdata.read.cells import CellRange

ROW = "row"


@dataclass(frozen=True, slots=True)
class Formula:
    """A formula cell: its text (without "="), and the result stored with it."""

    text: str
    cached: str | None
    cached_type: str | None = None


@dataclass(frozen=True)
class Grid:
    """One sheet (or a CSV file) as text cells.

    `cells` has an Int64 column `row` (1-based row in the original file) and one
    String column per sheet column, named by its letter ("A", "B", ...). Blank
    rows are kept, so no address ever shifts.
    """

    sheet: str | None
    cells: pl.DataFrame
    float_cells: frozenset[str] = frozenset()
    formulas: MappingProxyType[str, Formula] = field(default_factory=lambda: MappingProxyType({}))
    errors: MappingProxyType[str, str] = field(default_factory=lambda: MappingProxyType({}))
    merges: tuple[CellRange, ...] = ()
    full_calc_on_load: bool = False

    @property
    def letters(self) -> list[str]:
        """The column letters present, left to right."""
        return [name for name in self.cells.columns if name != ROW]

    def where(self, cell: str) -> str:
        """`Sheet!F13`, or `F13` for a CSV file."""
        return f"{self.sheet}!{cell}" if self.sheet is not None else cell


@dataclass(frozen=True)
class Source:
    """A readable input file: its bytes' hash and its grids."""

    path: str
    sha256: str
    grids: tuple[Grid, ...]
