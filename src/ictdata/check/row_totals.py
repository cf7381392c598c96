"""Within one row of a table, a whole (the "Tổng số" column) equals the sum of its parts.

The contract names the funding kind that is the whole and those that are its parts
(`schemas/budget_appendix.yaml`: `whole: all`, `parts: [provincial, district, other]`);
`bind` checks those names against the contract's funding kinds when it is loaded and
records which parts a table must have for its rows to be judged.

The amounts frame is long (one row per amount cell, see `ictdata.check.rules`), so a row's
parts are the cells of one table, sheet row and stage: one window over that key gives their
sum, as its own column, and the whole's cell is compared with it. Amounts are integer đồng,
so the comparison is exact: no tolerance for the decimals of a triệu table.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from types import MappingProxyType

import polars as pl

from ictdata.check.codes import IssueCode
from ictdata.check.rules import TABLE, RuleExprs, over_group
from ictdata.contracts.model import Heading, Rule
from ictdata.errors import ContractError
from ictdata.read.grid import ROW
from ictdata.read.numbers import NumberStatus

ROW_GROUP = [TABLE, ROW, "stage"]
REQUIRED_PARTS = "required_parts"  # set by `bind`: the parts every judged table has
_UNREADABLE = 1 << 8  # above any count of parts (a contract has at most 15 funding kinds)


def bind(rules: Sequence[Rule], funding_kinds: Sequence[Heading], where: str) -> tuple[Rule, ...]:
    """`rules`, with each row-total rule's funding kinds checked and its required parts noted.

    A table that lacks a required part (its own `missing-column`) cannot show whether its
    rows add up; an optional part it leaves out ("Nguồn khác") is simply nothing.

    Raises:
        ContractError: the rule names no whole or no parts, or a name that is not a funding kind.
    """
    kinds = {kind.name: kind for kind in funding_kinds}
    return tuple(_bind(rule, kinds, where) if _is_row_total(rule) else rule for rule in rules)


def _is_row_total(rule: Rule) -> bool:
    return rule.code is IssueCode.ROW_TOTAL_MISMATCH


def _bind(rule: Rule, kinds: dict[str, Heading], where: str) -> Rule:
    whole, parts = rule.params.get("whole"), rule.params.get("parts")
    if not isinstance(whole, str) or not isinstance(parts, list) or not parts:
        what = "needs `whole` (a funding kind) and `parts` (a list of funding kinds)"
        raise _error(where, what)
    unknown = [str(name) for name in (whole, *parts) if name not in kinds]
    if unknown or whole in parts:
        what = f"{unknown or [whole]} {'are not funding kinds' if unknown else 'is its own part'}"
        raise _error(where, what)
    required = [str(p) for p in parts if kinds[str(p)].required]
    return replace(rule, params=MappingProxyType({**rule.params, REQUIRED_PARTS: required}))


def _error(where: str, what: str) -> ContractError:
    msg = (
        f"{where}: rules: {IssueCode.ROW_TOTAL_MISMATCH.value} {what}. "
        "Hint: compare with schemas/budget_appendix.yaml."
    )
    return ContractError(msg)


def _over_row(expr: pl.Expr) -> pl.Expr:
    """`expr` over each row's cells of one stage (one packed Int64 key: the fast window)."""
    return over_group(expr, ROW_GROUP)


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
    unjudgeable = status.is_in([NumberStatus.BAD.value, NumberStatus.UNKNOWN.value])
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
    """The row's part cells as a range ("E13:G13"), first and last by column letter.

    Every row of a table has the same columns, so the letters are found per table and stage.
    """
    # Column letters read in base 36 (A-Z are 10-35) order as columns do: Z < AA.
    order = pl.when(is_part).then(pl.col("column").str.to_integer(base=36))
    first, last = (
        pl.col("column").gather(bound).first().over([TABLE, "stage"])
        for bound in (order.arg_min(), order.arg_max())
    )
    row = pl.col(ROW).cast(pl.String)
    return pl.concat_str(first, row, pl.lit(":"), last, row)
