"""The checks a contract's rules name, each as polars expressions over the amounts frame.

The amounts frame is long: one row per amount cell of every loaded table, with
`table`, `row`, `row_kind`, `stage`, `funding_kind`, `column`, `cell`, `raw`,
`amount_vnd`, `number_status` and `multiplier`. Tables of many files sit in one
frame, so every group is keyed by `table`: one pass checks a whole batch.

Each rule gives `fails` (True on the row an issue points at) and the figures
that issue carries. pandera runs `fails` (see `schema`); the same expressions
give the figures, so no rule is written twice.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import polars as pl

from ictdata.check.codes import IssueCode
from ictdata.contracts.model import DEFAULT_MIN, Rule
from ictdata.read.grid import ROW
from ictdata.read.numbers import UNREADABLE, NumberStatus, comma_thousandths
from ictdata.read.table import FAMILY, SEGMENT, RowKind

TABLE = "table"
COLUMN_GROUP = (TABLE, "stage", "funding_kind")


@dataclass(frozen=True)
class Plain:
    """A cheaper form of a rule's `fails`, the same on every row of a frame where `when` holds.

    Most tables have no unreadable cell and no project in parts: there, the windows
    that look for them can be left out.
    """

    when: pl.Expr  # a scalar
    fails: pl.Expr
    # The rule's figures that have a cheaper form too, the same wherever `when` holds.
    figures: dict[str, pl.Expr] = field(default_factory=dict)


@dataclass(frozen=True)
class RuleExprs:
    """A rule as expressions: where it fails, and what each failure reports."""

    fails: pl.Expr
    figures: dict[str, pl.Expr] = field(default_factory=dict)
    # A cheap scalar, False when `fails` can hold on no row: the check then skips the
    # rule's windows (polars computes both branches of a when/then, so this is asked first).
    applies: pl.Expr | None = None
    plain: Plain | None = None


def _amount() -> pl.Expr:
    return pl.col("amount_vnd")


def _bad() -> pl.Expr:
    return pl.col("number_status").is_in(UNREADABLE)


def _unjudgeable() -> pl.Expr:
    """A cell whose value is unknown (bad text, a formula nobody computed), as is any sum of it."""
    return pl.col("number_status").is_in([*UNREADABLE, NumberStatus.UNKNOWN.value])


def _is(kind: RowKind) -> pl.Expr:
    return pl.col("row_kind") == kind.value


def _all_judgeable() -> pl.Expr:
    """Whether every cell of the frame has a known value (a scalar)."""
    return ~_unjudgeable().any()


# Windows over one Int64 key are faster than over several columns (1.6x on the 800,000
# cells of 100,000 projects): a group's columns are packed into one key, each in bits of
# its own. The widths hold 1 million tables, 67 million rows, 31 stages and 15 funding
# kinds (a null is a value of its own); `fits_keys` refuses a batch beyond them.
_KEY_BITS = {TABLE: 20, ROW: 26, SEGMENT: 26, FAMILY: 26, "stage": 5, "funding_kind": 4}


def _key(group: str | list[str]) -> pl.Expr | str:
    """One Int64 key for the columns of `group` (at most 55 bits: no overflow)."""
    columns = [group] if isinstance(group, str) else group
    if len(columns) == 1:
        return columns[0]
    key: pl.Expr = pl.lit(0, dtype=pl.Int64)
    for column in columns:
        value = pl.col(column).to_physical().cast(pl.Int64).fill_null(-1) + 1
        key = key * (1 << _KEY_BITS[column]) + value
    return key


def packed_key(group: list[str], row: pl.Expr) -> pl.Expr:
    """One Int64 key for the columns of `group` and a row number `row` (in the bits of ROW)."""
    key = _key(group)
    return (pl.col(key) if isinstance(key, str) else key) * (1 << _KEY_BITS[ROW]) + row


def fits_keys(frame: pl.DataFrame) -> bool:
    """True when every value of the key columns fits its bits (the batch can be checked)."""
    present = [c for c in _KEY_BITS if c in frame.columns]
    highest = frame.select(
        [pl.col(c).to_physical().cast(pl.Int64).max().fill_null(0) for c in present]
    ).row(0)
    return all(value + 1 < (1 << _KEY_BITS[c]) for c, value in zip(present, highest, strict=True))


def over_group(expr: pl.Expr, group: str | list[str]) -> pl.Expr:
    """`expr` as a window over `group`, keyed by one packed Int64 (the fast window)."""
    return expr.over(_key(group))


# Windows over a batch's 800,000 cells: `when(c).then(x).agg().over(g)` takes the fast
# path that `x.filter(c).agg().over(g)` misses (6x), and a boolean's any() is slower than
# the max of its 0/1 codes (3x). These helpers say the intent and keep the fast forms.
def _where(condition: pl.Expr, value: pl.Expr) -> pl.Expr:
    """`value` where `condition` holds, else null: aggregations over it skip the rest."""
    return pl.when(condition).then(value)


def _any_over(condition: pl.Expr, group: str | list[str]) -> pl.Expr:
    """Whether `condition` holds on any row of each row's group."""
    return over_group(condition.cast(pl.UInt8).max(), group).fill_null(0) == 1


def _range(first_row: pl.Expr, last_row: pl.Expr) -> pl.Expr:
    column = pl.col("column")
    return pl.concat_str(
        column, first_row.cast(pl.String), pl.lit(":"), column, last_row.cast(pl.String)
    )


def bad_number(_: Rule) -> RuleExprs:
    """Text in an amount cell that is not a number, or a number too large to hold in đồng.

    One rule, so no contract checks the one without the other; the reading tells them
    apart (`number_status`), and the second is raised as `number-too-large`.
    """
    too_large = pl.col("number_status") == NumberStatus.TOO_LARGE.value
    code = pl.when(too_large).then(pl.lit(IssueCode.NUMBER_TOO_LARGE.value))
    return RuleExprs(_bad(), {"detail": pl.col("raw"), "code": code})


def negative_amount(rule: Rule) -> RuleExprs:
    """An amount below the contract's `min` (0: no amount is negative).

    The rule's `column` names another value column and `kinds` narrows it to those kinds
    (unit reports: counts and amounts, not percentages).
    """
    amount = pl.col(str(rule.params.get("column", "amount_vnd")))
    kinds = rule.params.get("kinds")
    fails = amount < int(rule.params.get("min", DEFAULT_MIN))
    if kinds:
        fails &= pl.col("kind").is_in([str(k) for k in kinds])
    return RuleExprs(fails, {"actual_vnd": amount})


def total_mismatch(_: Rule) -> RuleExprs:
    """A totals cell differs from the sum of the rows it covers.

    The grand total covers every project of the table; a subtotal, the projects
    of its section; a project broken into parts (2.1, 2.2), its parts. A column
    holding an unreadable number is not judged: its sum is unknown.
    """
    group = list(COLUMN_GROUP)
    items = _is(RowKind.ITEM)
    is_total = _is(RowKind.TOTAL)
    details = _is(RowKind.DETAIL)
    item_amounts, detail_amounts = _where(items, _amount()), _where(details, _amount())
    table_sum = over_group(item_amounts.sum(), group)
    segment_sum = over_group(item_amounts.sum(), [*group, SEGMENT])
    details_sum = over_group(detail_amounts.sum(), [*group, FAMILY])
    parent = items & _any_over(details, [TABLE, FAMILY])
    expected = (
        pl.when(is_total).then(table_sum).when(parent).then(details_sum).otherwise(segment_sum)
    )
    has_bad = _any_over(_unjudgeable(), group)
    sums = is_total | _is(RowKind.SUBTOTAL) | parent
    fails = sums & ~has_bad & (_amount().fill_null(0) != expected)
    item_rows, detail_rows = _where(items, pl.col(ROW)), _where(details, pl.col(ROW))
    table_first, table_last = over_group(item_rows.min(), TABLE), over_group(item_rows.max(), TABLE)
    segment_first = over_group(item_rows.min(), [TABLE, SEGMENT])
    segment_last = over_group(item_rows.max(), [TABLE, SEGMENT])
    first = (
        pl.when(is_total)
        .then(table_first)
        .when(parent)
        .then(over_group(detail_rows.min(), [TABLE, FAMILY]))
        .otherwise(segment_first)
    )
    last = (
        pl.when(is_total)
        .then(table_last)
        .when(parent)
        .then(over_group(detail_rows.max(), [TABLE, FAMILY]))
        .otherwise(segment_last)
    )
    # Every value known and no project in parts: two windows of the five (134 -> 42 ms on
    # 800,000 cells), and so for the figures (92 -> 39 MiB for `expected` on a failure).
    plain_expected = pl.when(is_total).then(table_sum).otherwise(segment_sum)
    plain_range = _range(
        pl.when(is_total).then(table_first).otherwise(segment_first),
        pl.when(is_total).then(table_last).otherwise(segment_last),
    )
    plain = Plain(
        _all_judgeable() & ~details.any(),
        (is_total | _is(RowKind.SUBTOTAL)) & (_amount().fill_null(0) != plain_expected),
        {"expected_vnd": plain_expected, "range": plain_range},
    )
    return RuleExprs(
        fails,
        {"expected_vnd": expected, "actual_vnd": _amount(), "range": _range(first, last)},
        plain=plain,
    )


def over_allocation(rule: Rule) -> RuleExprs:
    """Per project and funding kind, the parts (allocations, demand) exceed the whole (estimate).

    A project is its row, or the rows its merged number and name span (`FAMILY`, its
    first row): their cells are one project's, its parts (2.1, 2.2) are not.
    """
    group = [TABLE, FAMILY, "funding_kind"]
    whole = str(rule.params.get("whole", "estimate"))
    parts = [str(p) for p in rule.params.get("parts", ())]
    items = _is(RowKind.ITEM)
    is_whole = pl.col("stage") == whole
    # One whole cell per project and kind: its max is its value.
    whole_value = over_group(_where(items & is_whole, _amount()).max(), group)
    parts_sum = over_group(_where(items & pl.col("stage").is_in(parts), _amount()).sum(), group)
    has_bad = _any_over(items & _unjudgeable(), group)
    # A negative estimate is its own error (negative-amount), not also an over-allocation.
    estimate = whole_value.fill_null(0)
    over = items & is_whole & (estimate >= 0) & (parts_sum > estimate)
    return RuleExprs(
        over & ~has_bad,
        {
            "expected_vnd": whole_value.fill_null(0),
            "actual_vnd": parts_sum,
            "detail": pl.col("funding_kind"),
        },
        plain=Plain(_all_judgeable(), over),
    )


def scale_slip(rule: Rule) -> RuleExprs:
    """Every value of a column has exactly three decimals in a triệu table.

    (In a tỷ table three decimals are triệu: normal, not a slip.)

    One failure per column, at its first value cell.
    """
    group = list(COLUMN_GROUP)
    factor = int(rule.params.get("factor", 1000))
    min_values = int(rule.params.get("min_values", 2))
    multiplier = pl.col("multiplier")
    step = multiplier // factor
    value = _amount().abs()
    present = value.is_not_null() & (value != 0)
    # "4,500" read as 4,5 is as ambiguous as "1,092": three decimals as written, whatever
    # they end in. Compared with the amount, so a recheck that undid the slip sees it gone.
    written = (value == comma_thousandths() * step).fill_null(value=False)
    fraction = (value % multiplier != 0) & (value % step == 0)
    fits = fraction | written
    comma = pl.col("raw").str.contains(",", literal=True).fill_null(value=False)
    three = (fits & (value % (step * 10) != 0)) | written
    count = over_group(present.sum(), group)
    slipped = (
        (multiplier == factor * factor)
        & (count >= min_values)
        & ~_any_over(present & ~fits, group)
        & (over_group(three.sum(), group) * 3 >= count * 2)
    )
    value_rows = _where(present, pl.col(ROW))
    first = over_group(value_rows.min(), group)
    return RuleExprs(
        slipped & present & (pl.col(ROW) == first),
        {
            "scale_factor": pl.lit(float(factor)),
            "range": _range(first, over_group(value_rows.max(), group)),
        },
        # Only a column whose values all have decimals can slip: none such, no slip (most
        # tables are whole triệu; 47 ms of windows on 800,000 cells, 3.5 ms to ask). Text with
        # a comma may be written decimals: a plain search for it costs 7 ms there, reading
        # every cell's decimals 27 ms.
        applies=(present & (fraction | comma) & (multiplier == factor * factor)).any(),
    )
