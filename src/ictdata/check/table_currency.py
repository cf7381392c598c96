"""Tables whose amounts a number format shows in a foreign currency: refused as a dollar unit.

A cell holding 350000 formatted `"$"#,##0` shows `$350,000` (`Grid.currency_cells`, found
by `read.currency_styles`). In a project table or a budget appendix that is a figure in
dollars, whatever the unit line says: the same `foreign-currency` as a unit line in
dollars, and the whole table goes to the rejects. A table is in one currency, summed by its
`Tổng` row: loading the rows shown in đồng and leaving the others out would load a table
that is neither, so a mix of formats refuses it too.

The Accounting button of English Excel puts a `$` on figures in đồng. A budget statement's
format is overruled only when two things the person typed say đồng: the sheet's unit and
the figure's amount in words (`read.statement_grid`). A table's figures have no words:
its unit line (`triệu VNĐ`) alone is the "lone dollar figure in a sheet stated in đồng"
that statements also refuse. The message says how to clear such a format.
"""

from __future__ import annotations

from collections.abc import Mapping

import polars as pl

from ictdata.check.codes import IssueCode
from ictdata.check.issue import Issue
from ictdata.contracts.model import Contract
from ictdata.read.cells import column_index, column_letter
from ictdata.read.grid import ROW, Grid
from ictdata.read.layout import TableLayout
from ictdata.read.table import second_header_row

_DIGITS = "0123456789"
_LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
_COLUMN = "column"
_NO_END = 1 << 40


def shown_currency(path: str, grid: Grid, layout: TableLayout, contract: Contract) -> Issue | None:
    """`foreign-currency` for a table whose amount cells a format shows in a foreign currency.

    At the first such cell below the header, row by row (`unit` and `detail` its ISO code,
    `range` the span of the amount cells shown in a foreign currency); None when there is
    none (every CSV, and most sheets: their `currency_cells` are empty, nothing is built).
    """
    if not grid.currency_cells:
        return None
    columns = {
        column_index(letter): letter
        for amount in contract.amount_columns
        if (letter := layout.fields.get(amount.field)) is not None
    }
    # A second table under this one is another table's: its formats are not this one's.
    stop = second_header_row(grid, layout, contract)
    bounds = _bounds(grid.currency_cells, columns, (layout.body_start, stop))
    if bounds is None:
        return None
    letter, row = columns[bounds["first"]], bounds["top"]
    currency = grid.currency_cells[f"{letter}{row}"]
    return Issue.of(
        IssueCode.FOREIGN_CURRENCY,
        path,
        sheet=grid.sheet,
        cell=f"{letter}{row}",
        row=row,
        column=letter,
        unit=currency,
        detail=currency,
        range=_span(bounds),
    )


def _bounds(
    currency_cells: Mapping[str, str], columns: Mapping[int, str], rows: tuple[int, int | None]
) -> dict[str, int] | None:
    """Where the cells of `columns` in `rows` (from the first, before the second) lie.

    None when there is none.

    The first one's row and column (`top`, `first`), and the box around them all. One
    query over the addresses, no sort: a 100,000-row table shown in dollars has 400,000.
    """
    indexes = {letter: index for index, letter in columns.items()}
    cell = pl.col("cell")
    column = cell.str.strip_chars_end(_DIGITS).replace_strict(
        indexes, default=None, return_dtype=pl.Int64
    )
    row = pl.col(ROW)
    shown = (
        pl.LazyFrame({"cell": list(currency_cells)}, schema={"cell": pl.String})
        .select(
            column.alias(_COLUMN), cell.str.strip_chars_start(_LETTERS).cast(pl.Int64).alias(ROW)
        )
        .filter(pl.col(_COLUMN).is_not_null(), row >= rows[0], row < (rows[1] or _NO_END))
        .select(
            top=row.min(),
            first=pl.col(_COLUMN).filter(row == row.min()).min(),
            bottom=row.max(),
            left=pl.col(_COLUMN).min(),
            right=pl.col(_COLUMN).max(),
        )
        .collect()
    )
    found = shown.row(0, named=True)
    return None if found["top"] is None else found


def _span(bounds: Mapping[str, int]) -> str:
    """The range from the top-left to the bottom-right of the cells (`F5:M13`; `F5` for one)."""
    first = f"{column_letter(bounds['left'])}{bounds['top']}"
    last = f"{column_letter(bounds['right'])}{bounds['bottom']}"
    return first if first == last else f"{first}:{last}"
