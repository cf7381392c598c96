"""Issues that follow from a slip of scale: undoing the slip clears them.

One figure typed in another scale (in đồng in a triệu table, x1000) or a column typed as
1.092 on an English-locale computer also breaks the column's totals, its row's total and
its project's allocations, with figures that look alike: the person fixing the sheet would
see three errors for one typo. The slip is proposed by its own issue (`scale-slip` for a
column, `total-mismatch` naming a `scale_cell`). The check is then run again over the
slip's table with the slipped cells multiplied by the factor: the arithmetic issues it no
longer finds are kept, with every figure, and marked `caused_by` the slipped place.

A column with one figure is ambiguous: its total x1000 fits as well as its one item x0.001.
Both are tried, and the slip whose undoing leaves the fewest issues in the sheet wins (the
total's own cell on a tie): the item typed in đồng also broke its row, the total did not.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from fractions import Fraction

import polars as pl

from ictdata.check.codes import IssueCode
from ictdata.check.issue import Issue
from ictdata.check.rules import TABLE
from ictdata.check.scale import FACTORS
from ictdata.read.cells import CellRange, column_letter
from ictdata.read.grid import ROW
from ictdata.read.table import RowKind

# What a slip of scale can break besides the issue that finds it.
FOLLOWERS = frozenset(
    {IssueCode.TOTAL_MISMATCH, IssueCode.ROW_TOTAL_MISMATCH, IssueCode.OVER_ALLOCATION}
)
# The rules run again with a slip undone: what it can break, and what finds it.
RECHECKED = FOLLOWERS | {IssueCode.SCALE_SLIP}
# Each round runs them over the slips' tables once, with one slip of each table undone: a
# table of many slips is looked at for this many only (the rest stay unmarked errors).
MOST_ROUNDS = 8
# Where an issue is: its table (None for a cell of none), code, file, sheet, cell and row.
Place = tuple[int | None, IssueCode, str, str | None, str | None, int | None]
# A recheck: where the rules fail on a frame.
Validate = Callable[[pl.DataFrame], list[Place]]
_SUMMED = [RowKind.ITEM.value, RowKind.DETAIL.value]


@dataclass(frozen=True)
class Slip:
    """Cells of one table typed in another scale, and the factor that undoes it."""

    file: str
    sheet: str | None
    place: str  # "F12", or a column's values "F5:F13"
    factor: Fraction
    table: int | None  # the table of the issue that names it

    def cells(self) -> list[str]:
        """The A1 addresses the slip covers."""
        area = CellRange.parse(self.place)
        return [
            f"{column_letter(column)}{row}"
            for column in range(area.first_column, area.last_column + 1)
            for row in range(area.first_row, area.last_row + 1)
        ]

    def in_table(self) -> pl.Expr:
        """True on the amounts frame's rows of the slip's table."""
        return pl.col(TABLE).eq_missing(pl.lit(self.table, dtype=pl.Int64))

    def holds(self, place: Place) -> bool:
        """Whether the issue at `place` is in the slip's table.

        Not only its sheet: a sheet of two tables is rechecked one table at a time.
        """
        return self.table is not None and place[0] == self.table


def _places(amounts: pl.DataFrame, issues: Sequence[Issue]) -> dict[Issue, Place]:
    """Each issue's place, with the table its cell is in."""
    cells = list({issue.cell for issue in issues if issue.cell is not None})
    found = amounts.filter(pl.col("cell").is_in(cells)).select("file", "sheet", "cell", TABLE)
    table = {(file, sheet, cell): number for file, sheet, cell, number in found.iter_rows()}
    return {
        issue: (
            table.get((issue.file, issue.sheet, issue.cell)),
            issue.code,
            issue.file,
            issue.sheet,
            issue.cell,
            issue.row,
        )
        for issue in issues
    }


def proposed(issue: Issue, table: int | None) -> Slip | None:
    """The slip an issue of `table` names: a total's `scale_cell`, a scale-slip column's values."""
    place = {IssueCode.TOTAL_MISMATCH: issue.scale_cell, IssueCode.SCALE_SLIP: issue.range}
    where = place.get(issue.code)
    if where is None or not issue.scale_factor:
        return None
    return Slip(issue.file, issue.sheet, where, Fraction(str(issue.scale_factor)), table)


def _alternatives(issue: Issue, own: Slip, amounts: pl.DataFrame) -> list[Slip]:
    """For a total that names itself, the summed cells whose scaling fits just as well."""
    if issue.code is not IssueCode.TOTAL_MISMATCH or own.place != issue.cell or not issue.range:
        return []
    sheet = amounts.filter(own.in_table())
    totals = sheet.filter(pl.col("cell") == issue.cell).get_column("amount_vnd").drop_nulls()
    if totals.is_empty():
        return []
    total = Fraction(int(totals[0]))
    gap = total - total * own.factor  # what the summed cells are over the total
    area = CellRange.parse(issue.range)
    summed = sheet.filter(
        pl.col("column") == column_letter(area.first_column),
        pl.col(ROW).is_between(area.first_row, area.last_row),
        pl.col("row_kind").cast(pl.String).is_in(_SUMMED),
        pl.col("amount_vnd") != 0,
    )
    return [
        Slip(own.file, own.sheet, cell, factor, own.table)
        for cell, value in summed.select("cell", "amount_vnd").iter_rows()
        for factor in FACTORS
        if value * (factor - 1) == gap
    ]


def _rounds(amounts: pl.DataFrame, slips: Sequence[Slip]) -> list[dict[int, Slip]]:
    """Slips by table, at most one per table in each round: each is undone on its own."""
    rounds: list[dict[int, Slip]] = []
    for slip in slips:
        found = amounts.filter(slip.in_table(), pl.col("cell").is_in(slip.cells()))
        if slip.table is None or found.is_empty():  # not in the table's amounts: nothing to undo
            continue
        free = next((r for r in rounds if slip.table not in r), None)
        if free is None:
            free = {}
            rounds.append(free)
        free[slip.table] = slip
    return rounds


def _undone(amounts: pl.DataFrame, slips: Iterable[Slip]) -> pl.DataFrame:
    """The amounts of the slips' tables, each slipped cell multiplied by its factor.

    A cell two slips cover is undone once, by the first.
    """
    factor_of: dict[tuple[int | None, str], Fraction] = {}
    for slip in slips:
        for cell in slip.cells():
            factor_of.setdefault((slip.table, cell), slip.factor)
    rows = list(factor_of.items())
    factors = pl.DataFrame(
        [(table, cell, index) for index, ((table, cell), _) in enumerate(rows)],
        schema={TABLE: pl.Int64, "cell": pl.String, "_slipped": pl.Int64},
        orient="row",
    )
    tables = amounts.get_column(TABLE).is_in(list({table for table, _ in factor_of}))
    frame = amounts if tables.all() else amounts.filter(tables)
    # Only the slipped cells are found and rescaled: a join of every cell to the factors and
    # an Int128 expression over all of them took 260 MB on 800,000 cells.
    hits = (
        frame.lazy()
        .with_row_index("_at")
        .filter(pl.col("cell").is_in(factors.get_column("cell").unique().implode()))
        .join(factors.lazy(), on=[TABLE, "cell"])
        .select("_at", "_slipped", "amount_vnd")
        .collect()
    )
    amount = frame.get_column("amount_vnd").clone()
    amount.scatter(
        hits.get_column("_at"),
        [
            _scaled(value, rows[slipped][1])
            for slipped, value in hits.select("_slipped", "amount_vnd").iter_rows()
        ],
    )
    return frame.with_columns(amount)


def _scaled(value: int | None, factor: Fraction) -> int | None:
    """`value` x `factor`, rounded down; None when it leaves Int64."""
    if value is None:
        return None
    scaled = value * factor.numerator // factor.denominator
    return scaled if -(2**63) <= scaled < 2**63 else None


def _remaining(
    amounts: pl.DataFrame, slips: Sequence[Slip], validate: Validate
) -> dict[Slip, set[Place]]:
    """For each slip tried, the issues of its table that the check still finds with it undone."""
    left: dict[Slip, set[Place]] = {}
    for by_table in _rounds(amounts, slips)[:MOST_ROUNDS]:
        found = validate(_undone(amounts, by_table.values()))
        for slip in by_table.values():
            left[slip] = {place for place in found if slip.holds(place)}
    return left


def _best(
    finders: Sequence[tuple[Place, Slip, list[Slip]]], left: dict[Slip, set[Place]]
) -> dict[Place, Slip]:
    """For each issue proposing slips, the one that clears it and leaves the fewest issues."""
    best: dict[Place, Slip] = {}
    for key, own, options in finders:
        clearing = [s for s in options if s in left and key not in left[s]]
        if clearing:
            best[key] = min(clearing, key=lambda s: (len(left[s]), s != own))
    return best


def mark_consequences(
    amounts: pl.DataFrame, issues: list[Issue], validate: Validate
) -> list[Issue]:
    """`issues`, those that undoing a slip of scale clears marked `caused_by` its place.

    A total's `scale_cell` and `scale_factor` name the slip chosen for it.
    """
    places = _places(amounts, issues)
    proposals = [
        (issue, proposed(issue, places[issue][0])) for issue in sorted(issues, key=Issue.sort_key)
    ]
    finders = [
        (places[issue], own, [own, *_alternatives(issue, own, amounts)])
        for issue, own in proposals
        if own is not None
    ]
    if not finders:
        return issues
    # The slips the issues name first, then the cells that would fit as well: a table's
    # rounds go to its own slips before its totals' alternatives.
    named = [own for _, own, _ in finders]
    candidates = list(dict.fromkeys([*named, *(s for _, _, options in finders for s in options)]))
    left = _remaining(amounts, candidates, validate)
    best = _best(finders, left)
    caused = _caused_alone(finders, best, left, places)
    chosen = _chosen(finders, best, left)
    settled = {*caused, *chosen.values()}
    waiting = [i for i in issues if i.code in FOLLOWERS and places[i] not in settled]
    caused.update(_caused_together(amounts, waiting, places, list(chosen), validate))
    return [_marked(issue, best.get(places[issue]), caused.get(places[issue])) for issue in issues]


def _caused_alone(
    finders: Sequence[tuple[Place, Slip, list[Slip]]],
    best: dict[Place, Slip],
    left: dict[Slip, set[Place]],
    places: dict[Issue, Place],
) -> dict[Place, str]:
    """The issues that undoing one chosen slip clears, but the first naming it (its cause)."""
    causes: dict[Slip, Place] = {}
    for key, _, _ in finders:
        if key in best:
            causes.setdefault(best[key], key)
    cause_keys = set(causes.values())
    by_table: dict[int | None, list[Place]] = {}
    for issue, key in places.items():
        if issue.code in FOLLOWERS and key not in cause_keys:
            by_table.setdefault(key[0], []).append(key)
    caused: dict[Place, str] = {}
    for slip in causes:
        for key in by_table.get(slip.table, []) if slip.table is not None else []:
            if key not in left[slip]:
                caused.setdefault(key, slip.place)
    return caused


def _chosen(
    finders: Sequence[tuple[Place, Slip, list[Slip]]],
    best: dict[Place, Slip],
    left: dict[Slip, set[Place]],
) -> dict[Slip, Place]:
    """Each slip the issues name, with the first issue naming it (its cause).

    The slip chosen for an issue, or the one it names when that one's round was beyond
    the bound.
    """
    chosen: dict[Slip, Place] = {}
    for key, own, _ in finders:
        slip = best.get(key, None if own in left else own)
        if slip is not None:
            chosen.setdefault(slip, key)
    return chosen


def _caused_together(
    amounts: pl.DataFrame,
    waiting: Sequence[Issue],
    places: dict[Issue, Place],
    slips: Sequence[Slip],
    validate: Validate,
) -> dict[Place, str]:
    """The issues no one slip explains that undoing all of their table's slips together clears.

    Two slips in one column each leave the grand total wrong when undone alone. Each table
    with more than one slip is checked once more with them all undone; an issue that is
    then gone is marked `caused_by` the slips in its range (or row), comma-separated.
    """
    by_table: dict[int | None, list[Slip]] = {}
    for slip in slips:
        by_table.setdefault(slip.table, []).append(slip)
    together = [slip for own in by_table.values() if len(own) > 1 for slip in own]
    tables = {slip.table for slip in together if slip.table is not None}
    waiting = [issue for issue in waiting if places[issue][0] in tables]
    if not waiting:
        return {}
    found = set(validate(_undone(amounts, together)))
    caused: dict[Place, str] = {}
    for issue in waiting:
        key = places[issue]
        if key not in found:
            own = by_table[key[0]]
            touching = [slip for slip in own if _touches(slip, issue)] or own
            caused[key] = ",".join(slip.place for slip in touching)
    return caused


def _touches(slip: Slip, issue: Issue) -> bool:
    """Whether the slip's cells meet the issue's range (the summed cells), or else its row."""
    area = CellRange.parse(slip.place)
    if issue.range is None:
        return issue.row is not None and area.first_row <= issue.row <= area.last_row
    return any(
        area.first_column <= summed.last_column
        and summed.first_column <= area.last_column
        and area.first_row <= summed.last_row
        and summed.first_row <= area.last_row
        for summed in map(CellRange.parse, issue.range.split(","))
    )


def _marked(issue: Issue, slip: Slip | None, caused_by: str | None) -> Issue:
    if slip is not None and issue.code is IssueCode.TOTAL_MISMATCH:
        # Loaded already: a slip is only found among failures, which findings turned into issues.
        from ictdata.check.findings import as_figure  # noqa: PLC0415

        issue = replace(issue, scale_cell=slip.place, scale_factor=as_figure(slip.factor))
    return issue if caused_by is None else replace(issue, caused_by=caused_by)
