"""A sheet as read: a frame of cell texts that keeps every cell's address."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

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
    percent_cells: frozenset[str] = frozenset()  # numeric cells shown as a percentage (0.44: 44 %)
    # Numeric cells shown in a foreign currency ("$350,000"), with its ISO code.
    currency_cells: Mapping[str, str] = field(default_factory=dict)
    formulas: Mapping[str, Formula] = field(default_factory=dict)
    errors: Mapping[str, str] = field(default_factory=dict)
    merges: tuple[CellRange, ...] = ()
    full_calc_on_load: bool = False
    legacy_cells: tuple[str, ...] = ()

    @property
    def is_empty(self) -> bool:
        """True when no cell holds anything but white space."""
        letters = self.letters
        if not letters or self.cells.height == 0:
            return True
        # A sheet's first rows nearly always hold its title: the rest is read only when not.
        head = self.cells.head(_HEAD_ROWS)
        return not _has_text(head, letters) and not _has_text(self.cells, letters)

    def first_text(self) -> str | None:
        """The first non-blank cell, row by row (a sheet's title), cleaned."""
        for record in self.cells.head(20).iter_rows():
            for text in record[1:]:
                if isinstance(text, str) and text.strip():
                    return " ".join(text.split())
        return None

    @property
    def letters(self) -> list[str]:
        """The column letters present, left to right."""
        return [name for name in self.cells.columns if name != ROW]


_HEAD_ROWS = 50


def _has_text(cells: pl.DataFrame, letters: list[str]) -> bool:
    # All cells in one column: one expression, not one per column (small sheets notice).
    text = pl.col("value").str.strip_chars().str.len_chars() > 0
    return bool(cells.unpivot(on=letters, index=[]).select(text.any()).item())


@dataclass(frozen=True, slots=True)
class Line:
    """A line of a text document (or a paragraph of a .docx), numbered from 1."""

    number: int
    text: str


@dataclass(frozen=True)
class Source:
    """A readable input file: its bytes' hash, and its grids (spreadsheets) or lines (documents)."""

    path: str
    sha256: str
    grids: tuple[Grid, ...] = ()
    lines: tuple[Line, ...] = ()
    legacy_lines: tuple[int, ...] = ()  # lines typed in a legacy font, read converted

    @property
    def is_document(self) -> bool:
        """True for a text document (.txt, .md, .docx): its content is lines, not cells."""
        return not self.grids
