"""Within one row of a table, a whole (the "Tổng số" column) equals the sum of its parts.

The contract names the funding kind that is the whole and those that are its parts
(`schemas/budget_appendix.yaml`: `whole: all`, `parts: [provincial, district, other]`);
`ictdata.contracts.row_total_params` checks those names when the contract is loaded and
records which parts a table must have for its rows to be judged.

The amounts frame is long (one row per amount cell, see `ictdata.check.rules`), so a row's
parts are the cells of one table, sheet row and stage: one window over that key gives their
sum, as its own column, and the whole's cell is compared with it. A line written over merged
rows (its number and name one vertical merge) is one row here: its first (`FAMILY`).
Amounts are integer đồng, so the comparison is exact: no tolerance for the decimals of a
triệu table.
"""

from __future__ import annotations

import polars as pl

from ictdata.check.rules import TABLE, RuleExprs, packed_key
from ictdata.contracts.model import Rule
from ictdata.contracts.row_total_params import REQUIRED_PARTS
from ictdata.read.grid import ROW
from ictdata.read.numbers import UNREADABLE, NumberStatus
from ictdata.read.table import FAMILY, RowKind

_UNREADABLE = 1 << 8  # above any count of parts (a contract has at most 15 funding kinds)


def _line_row() -> pl.Expr:
    """A cell's line: its row, or for a line over merged rows their first (its `FAMILY`)."""
    return pl.when(pl.col("row_kind") == RowKind.ITEM.value).then(FAMILY).otherwise(ROW)


def _over_row(expr: pl.Expr) -> pl.Expr:
    """`expr` over each line's cells of one stage (one packed Int64 key: the fast window)."""
    return expr.over(packed_key([TABLE, "stage"], _line_row()))


def row_total_mismatch(rule: Rule) -> RuleExprs:
    """A row's whole (its "Tổng số" cell) differs from the sum of its parts (the sources).

    A blank part counts as 0 and so does a blank whole beside filled parts, as a blank
    totals cell does for `total-mismatch`. A row holding an unreadable amount (bad text, a
    formula nobody computed) is not judged: its sum is unknown, and the cell has its own issue.
    """
    whole = str(rule.params["whole"])
    parts = [str(p) for p in rule.params["parts"]]
    required = [str(p) for p in rule.params.get(REQUIRED_PARTS, parts)]
    kind, amount = pl.col("funding_kind"), pl.col("amount_vnd")
    is_part = kind.is_in(parts)
    parts_sum = _over_row(pl.when(is_part).then(amount).sum())
    status = pl.col("number_status")
    unjudgeable = status.is_in([*UNREADABLE, NumberStatus.UNKNOWN.value])
    unreadable = (unjudgeable & (is_part | (kind == whole))).cast(pl.Int64)
    # One window counts both the required parts present and, above them, unreadable cells:
    # a row is judged when it has every required part and no unreadable cell.
    flags = _over_row((kind.is_in(required).cast(pl.Int64) + unreadable * _UNREADABLE).sum())
    fails = (kind == whole) & (flags == len(required)) & (amount.fill_null(0) != parts_sum)
    return RuleExprs(
        fails,
        {"expected_vnd": parts_sum, "actual_vnd": amount, "range": _parts_range(is_part)},
        # Tables without a "Tổng số" column (it is optional) have nothing to compare.
        applies=(kind == whole).any(),
    )


def _parts_range(is_part: pl.Expr) -> pl.Expr:
    """The line's part cells as a range ("E13:G13"; "E6:G7" over merged rows), by column letter.

    Every row of a table has the same columns, so the letters are found per table and stage.
    """
    # Column letters read in base 36 (A-Z are 10-35) order as columns do: Z < AA.
    order = pl.when(is_part).then(pl.col("column").str.to_integer(base=36))
    first, last = (
        pl.col("column").gather(bound).first().over([TABLE, "stage"])
        for bound in (order.arg_min(), order.arg_max())
    )
    part_rows = pl.when(is_part).then(pl.col(ROW))
    top, bottom = (_over_row(bound).cast(pl.String) for bound in (part_rows.min(), part_rows.max()))
    return pl.concat_str(first, top, pl.lit(":"), last, bottom)
