"""The checks of budget statements, as polars expressions over the statements frame.

The statements frame has one row per statement of every file: `table` (the
file's number in the batch), `group` (the total and its parts; null when alone),
`is_total`, `raw` (the figure as written), `amount_vnd` and `number_status`
(the figure read in its unit), `unit_missing`, `words`, `words_vnd` and
`words_error`. As for tables, pandera runs `fails` and the same expressions
give the figures.
"""

from __future__ import annotations

import polars as pl

from ictdata.check.rules import TABLE, RuleExprs
from ictdata.check.scale import FACTORS
from ictdata.contracts.model import Rule
from ictdata.read.numbers import UNREADABLE

GROUP = "group"


def _figure() -> pl.Expr:
    return pl.col("amount_vnd")


def _words() -> pl.Expr:
    return pl.col("words_vnd")


def _in_group(expr: pl.Expr) -> pl.Expr:
    return expr.over([TABLE, GROUP])


def scale_between(expected: pl.Expr, actual: pl.Expr) -> pl.Expr:
    """The power of 1,000 that turns `actual` into `expected` (Float64), or null."""
    wide_expected, wide_actual = expected.cast(pl.Int128), actual.cast(pl.Int128)
    return pl.coalesce(
        pl.when((wide_actual != 0) & (wide_actual * n == wide_expected * d)).then(pl.lit(n / d))
        for n, d in ((f.numerator, f.denominator) for f in FACTORS)
    )


def _grouped_total(values: pl.Expr) -> pl.Expr:
    return _in_group(values.filter(pl.col("is_total")).first())


def _grouped_parts(values: pl.Expr) -> pl.Expr:
    return _in_group(values.filter(~pl.col("is_total")).sum())


def _has_total_and_parts() -> pl.Expr:
    grouped = pl.col(GROUP).is_not_null()
    return grouped & _in_group(pl.col("is_total").any()) & _in_group((~pl.col("is_total")).any())


def _which_to_fix() -> pl.Expr:
    """Which to fix: "fix-figure" if only the words make a group add up, "fix-words" if reverse."""
    best = pl.coalesce(_words(), _figure())
    words_add_up = _grouped_total(best) == _grouped_parts(best)
    figures_add_up = _grouped_total(_figure()) == _grouped_parts(_figure())
    judged = _has_total_and_parts()
    return (
        pl.when(judged & words_add_up & ~figures_add_up)
        .then(pl.lit("fix-figure"))
        .when(judged & figures_add_up & ~words_add_up)
        .then(pl.lit("fix-words"))
    )


def words_mismatch(_: Rule) -> RuleExprs:
    """The figure, read in its unit, differs from the amount in words."""
    fails = _words().is_not_null() & _figure().is_not_null() & (_words() != _figure())
    return RuleExprs(
        fails,
        {
            "expected_vnd": _words(),
            "actual_vnd": _figure(),
            "scale_factor": scale_between(_words(), _figure()),
            "detail": _which_to_fix(),
        },
    )


def foreign_currency(_: Rule) -> RuleExprs:
    """A figure stated in a currency other than the đồng ("350.000 USD", a table in "ĐVT: USD")."""
    return RuleExprs(pl.col("currency").is_not_null(), {"detail": pl.col("stated_unit")})


def _foreign_in_group() -> pl.Expr:
    return _in_group(pl.col("currency").is_not_null().any())


def missing_unit(_: Rule) -> RuleExprs:
    """A figure with no unit where no table unit applies."""
    return RuleExprs(pl.col("unit_missing") & _figure().is_not_null(), {"actual_vnd": _figure()})


def parts_sum_mismatch(_: Rule) -> RuleExprs:
    """The parts of a total do not add up to it (figures as written)."""
    has_bad = _in_group(pl.col("number_status").is_in(UNREADABLE).any())
    # A group with a figure in another currency is not judged: it has its foreign-currency.
    judged = _has_total_and_parts() & ~has_bad & ~_foreign_in_group()
    parts = _grouped_parts(_figure())
    fails = pl.col("is_total") & judged & (_figure() != parts)
    return RuleExprs(
        fails,
        {
            "expected_vnd": parts,
            "actual_vnd": _figure(),
            "scale_factor": scale_between(parts, _figure()),
        },
    )


def bad_words(_: Rule) -> RuleExprs:
    """Words that are not an amount (of a figure in đồng: another currency's are not judged)."""
    fails = pl.col("words").is_not_null() & _words().is_null() & pl.col("currency").is_null()
    return RuleExprs(fails, {"detail": pl.col("words_error")})
