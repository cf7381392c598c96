"""A project written over several rows: its number and name one vertical merge.

`TT` and `Tên dự án` merged A6:A7 and B6:B7, the estimate typed in row 6 and the
allocations in row 7: rows 6 and 7 are one project. Row 7 continues row 6 (its merge's
first row, its *head*): its amounts are the project's, each at its own cell, and the row
itself is not a project of its own. Two rows of one merge filling the same amount column
are ambiguous: the first row's cell is counted, the others are reported
(`merged-row-conflict`), never summed.

Only the merges are read in Python (a sheet has few); the rows are polars expressions.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

import polars as pl

from ictdata.read.cells import CellRange, column_letter
from ictdata.read.grid import ROW

MERGE_HEAD = "_merge_head"  # the first row of the vertical merge of the project's key text
FIRST = "_first"  # the row a row's project starts at: its merge's head, else its own
CONTINUED = "_continued"  # a row continuing the project of its merge's head
CONFLICT_SCHEMA = {
    ROW: pl.Int64,
    "column": pl.String,
    "cell": pl.String,
    "raw": pl.String,
    "kept_row": pl.Int64,
}


def vertical_merges(
    merges: Iterable[CellRange], first_row: int, letters: set[str]
) -> dict[str, dict[int, int]]:
    """For each column of `letters`, the rows a vertical merge covers below its first row.

    Each covered row maps to the merge's first row; merges above `first_row` are left out.

    >>> vertical_merges([CellRange.parse("A6:A8"), CellRange.parse("F6:F7")], 5, {"A"})
    {'A': {7: 6, 8: 6}}
    """
    covered: dict[str, dict[int, int]] = {}
    for merge in merges:
        letter = column_letter(merge.first_column)
        spans = merge.last_row > merge.first_row and merge.first_row >= first_row
        if spans and letter in letters:
            rows = covered.setdefault(letter, {})
            rows |= dict.fromkeys(range(merge.first_row + 1, merge.last_row + 1), merge.first_row)
    return covered


def merge_head(
    covered: dict[str, dict[int, int]], keys: list[str], blank: Callable[[str], pl.Expr]
) -> pl.Expr:
    """The head of the merge a row continues, or null (columns are the key cells' letters).

    A row continues a merge when each key cell (number, name) is either that merge or
    blank in the row: a row with a name of its own is a project of its own.
    """
    if not any(letter in covered for letter in keys):
        return pl.lit(None, dtype=pl.Int64)
    heads = {
        letter: pl.col(ROW).replace_strict(covered[letter], default=None, return_dtype=pl.Int64)
        for letter in keys
        if letter in covered
    }
    head = pl.coalesce(*heads.values())
    fits = [
        (heads[letter] == head).fill_null(value=False) if letter in heads else blank(letter)
        for letter in keys
    ]
    return pl.when(pl.all_horizontal(fits)).then(head)


def continued(kind: pl.Expr, item: str, per_table: Callable[[pl.Expr], pl.Expr]) -> pl.Expr:
    """Whether a row continues a project: its merge's head is a project row (`item`).

    A merged section heading or totals label keeps its rows as they were.
    """
    head = pl.col(MERGE_HEAD)
    head_kind = per_table(pl.when(head.is_null()).then(kind).forward_fill())
    return (head.is_not_null() & (head_kind == item)).fill_null(value=False)


def kept_cells(cells: pl.LazyFrame, filled: pl.Expr, group: list[str]) -> pl.LazyFrame:
    """The cells counted: of each project's column (`group`), its first filled cell.

    A project with no figure in the column keeps its head's blank cell, so that its
    rules still see the column; the continuing rows' blank cells go.
    """
    first = _first_filled(filled, group)
    keep = (
        pl.when(filled).then(pl.col(ROW) == first).otherwise(first.is_null() & ~pl.col(CONTINUED))
    )
    return cells.filter(keep)


def conflicts(cells: pl.LazyFrame, filled: pl.Expr, group: list[str]) -> pl.LazyFrame:
    """The filled cells of a project's column below its first filled one: ambiguous, not counted."""
    first = _first_filled(filled, group)
    return cells.with_columns(kept_row=first).filter(filled & (pl.col(ROW) != pl.col("kept_row")))


def _first_filled(filled: pl.Expr, group: list[str]) -> pl.Expr:
    return pl.when(filled).then(pl.col(ROW)).min().over(group)
