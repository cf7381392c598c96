"""Issues that follow from a slip of scale: undoing the slip clears them.

One figure typed in another scale (in đồng in a triệu table, x1000) or a column typed as
1.092 on an English-locale computer also breaks the column's totals, its row's total and
its project's allocations, with figures that look alike: the person fixing the sheet would
see three errors for one typo. The slip is found by its own issue (`scale-slip` for a
column, `total-mismatch` naming a `scale_cell`). The check is then run again over the
slip's table with the slipped cells multiplied by the factor: the arithmetic issues it no
longer finds are kept, with every figure, and marked `caused_by` the slipped place.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from fractions import Fraction

import polars as pl

from ictdata.check.codes import IssueCode
from ictdata.check.issue import Issue
from ictdata.check.rules import TABLE
from ictdata.read.cells import CellRange, column_letter

# What a slip of scale can break besides the issue that finds it.
FOLLOWERS = frozenset(
    {IssueCode.TOTAL_MISMATCH, IssueCode.ROW_TOTAL_MISMATCH, IssueCode.OVER_ALLOCATION}
)
Validate = Callable[[pl.DataFrame], list[Issue]]
_Key = tuple[IssueCode, str, str | None, str | None, int | None]


@dataclass(frozen=True)
class Slip:
    """Cells typed in another scale: the issue that found them, where, the factor undoing it."""

    cause: Issue
    place: str  # "F12", or a column's values "F5:F13"
    factor: Fraction

    def cells(self) -> list[str]:
        """The A1 addresses the slip covers."""
        area = CellRange.parse(self.place)
        return [
            f"{column_letter(column)}{row}"
            for column in range(area.first_column, area.last_column + 1)
            for row in range(area.first_row, area.last_row + 1)
        ]

    def selects(self) -> pl.Expr:
        """True on the amounts frame's rows of the slipped cells."""
        return (
            (pl.col("file") == self.cause.file)
            & pl.col("sheet").eq_missing(pl.lit(self.cause.sheet, dtype=pl.String))
            & pl.col("cell").is_in(self.cells())
        )


def _key(issue: Issue) -> _Key:
    return (issue.code, issue.file, issue.sheet, issue.cell, issue.row)


def find_slips(issues: Sequence[Issue]) -> list[Slip]:
    """The slips of scale the issues found, once per place (the first issue to name it)."""
    found: dict[tuple[str, str | None, str], Slip] = {}
    for issue in sorted(issues, key=Issue.sort_key):
        place = {IssueCode.TOTAL_MISMATCH: issue.scale_cell, IssueCode.SCALE_SLIP: issue.range}
        where = place.get(issue.code)
        if where is None or not issue.scale_factor:
            continue
        factor = Fraction(str(issue.scale_factor))
        found.setdefault((issue.file, issue.sheet, where), Slip(issue, where, factor))
    return list(found.values())


def _rounds(amounts: pl.DataFrame, slips: Sequence[Slip]) -> list[dict[int, Slip]]:
    """Slips by table, at most one per table in each round: each is undone on its own."""
    rounds: list[dict[int, Slip]] = []
    for slip in slips:
        tables = amounts.filter(slip.selects()).get_column(TABLE).unique().to_list()
        if len(tables) != 1:  # the place is not one table's amounts: nothing to undo
            continue
        free = next((r for r in rounds if tables[0] not in r), None)
        if free is None:
            free = {}
            rounds.append(free)
        free[tables[0]] = slip
    return rounds


def _undone(amounts: pl.DataFrame, slips: dict[int, Slip]) -> pl.DataFrame:
    """The amounts of the slips' tables, each slipped cell multiplied by its factor."""
    rows = [
        (table, cell, slip.factor.numerator, slip.factor.denominator)
        for table, slip in slips.items()
        for cell in slip.cells()
    ]
    schema = {TABLE: pl.Int64, "cell": pl.String, "_times": pl.Int64, "_per": pl.Int64}
    factors = pl.DataFrame(rows, schema=schema, orient="row")
    frame = amounts.filter(pl.col(TABLE).is_in(list(slips))).join(
        factors, on=[TABLE, "cell"], how="left", maintain_order="left"
    )
    scaled = pl.col("amount_vnd").cast(pl.Int128) * pl.col("_times") // pl.col("_per")
    amount = pl.when(pl.col("_times").is_not_null()).then(scaled).otherwise("amount_vnd")
    return frame.with_columns(amount_vnd=amount.cast(pl.Int64, strict=False)).drop("_times", "_per")


def mark_consequences(
    amounts: pl.DataFrame, issues: list[Issue], validate: Validate
) -> list[Issue]:
    """`issues`, those that undoing a slip of scale clears marked `caused_by` its place."""
    slips = find_slips(issues)
    if not slips:
        return issues
    causes = {_key(slip.cause) for slip in slips}
    caused: dict[_Key, str] = {}
    for slips_by_table in _rounds(amounts, slips):
        remaining = {_key(issue) for issue in validate(_undone(amounts, slips_by_table))}
        for slip in slips_by_table.values():
            for issue in issues:
                key = _key(issue)
                if (
                    issue.code in FOLLOWERS
                    and (issue.file, issue.sheet) == (slip.cause.file, slip.cause.sheet)
                    and key not in causes
                    and key not in remaining
                ):
                    caused.setdefault(key, slip.place)
    return [
        replace(issue, caused_by=caused[_key(issue)]) if _key(issue) in caused else issue
        for issue in issues
    ]
