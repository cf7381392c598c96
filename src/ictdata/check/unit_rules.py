"""The checks of unit reports, as polars expressions over the long frame of their values.

The frame (see `ictdata.read.unit_report`) has one row per value of every report of a
batch, with `table` (one id per unit within a report), `indicator`, `kind`, `value`
(Float64), `cell`, and the rows `_unit` and `_year` for the cells naming the unit and the
year. Cross-indicator rules compare values of one unit with windows over `table`. Each rule
gives `fails` and the figures its issue carries, as the table rules do.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from functools import reduce
from typing import Any

import polars as pl

from ictdata.check.rules import TABLE, RuleExprs
from ictdata.contracts.model import Rule
from ictdata.read.grid import ROW
from ictdata.read.numbers import UNREADABLE, NumberStatus
from ictdata.read.unit_columns import META, UNIT_CELL, YEAR_CELL

# A stated percentage rounded to a whole number may differ by 0.5 from the exact one.
DEFAULT_TOLERANCE = 0.5
_EPSILON = 1e-9


def _value() -> pl.Expr:
    return pl.col("value")


def _is(indicator: str) -> pl.Expr:
    return pl.col("indicator") == indicator


def value_of(indicator: str) -> pl.Expr:
    """The value of `indicator` for the same unit (null when it is not reported or not read)."""
    readable = _is(indicator) & (pl.col("number_status") == NumberStatus.OK.value)
    return _value().filter(readable).first().over(TABLE)


def cell_of(indicator: str) -> pl.Expr:
    """The cell of `indicator` for the same unit."""
    return pl.col("cell").filter(_is(indicator)).first().over(TABLE)


def _pick(
    specs: Iterable[Mapping[str, Any]], by: str, make: Callable[[Mapping[str, Any]], pl.Expr]
) -> pl.Expr:
    """`make(spec)` on the rows of the spec whose `by` indicator the row is (null elsewhere)."""
    picked = [pl.when(_is(str(spec[by]))).then(make(spec)) for spec in specs]
    return pl.coalesce(picked) if picked else pl.lit(None)


def _any(conditions: list[pl.Expr]) -> pl.Expr:
    return reduce(lambda a, b: a | b, conditions, pl.lit(value=False))


def percent_out_of_range(_: Rule) -> RuleExprs:
    """A percentage below 0 or above 100."""
    fails = (pl.col("kind") == "percent") & ((_value() < 0) | (_value() > 100))  # noqa: PLR2004
    return RuleExprs(fails, {"actual_vnd": _value(), "detail": pl.col("label")})


def count_not_whole(_: Rule) -> RuleExprs:
    """A count (staff, computers, mailboxes) with a fraction: 120,5 people."""
    fails = (pl.col("kind") == "count") & (_value() != _value().floor())
    # As read (2.933, not the float 2.9330000000000003).
    return RuleExprs(fails, {"actual_vnd": _value().round(6), "detail": pl.col("label")})


def part_exceeds_whole(rule: Rule) -> RuleExprs:
    """A part (staff with computers) above its whole (staff), for the same unit."""
    pairs = list(rule.params.get("pairs", ()))
    fails = _any([_is(p["part"]) & (_value() > value_of(p["whole"])) for p in pairs])
    figures = {
        "expected_vnd": _pick(pairs, "part", lambda p: value_of(p["whole"])),
        "range": _pick(pairs, "part", lambda p: cell_of(p["whole"])),
    }
    return RuleExprs(fails, {**figures, "actual_vnd": _value(), "detail": pl.col("label")})


def _exact(spec: Mapping[str, Any]) -> pl.Expr:
    numerator, denominator = value_of(spec["numerator"]), value_of(spec["denominator"])
    return pl.when(denominator > 0).then(numerator * 100 / denominator)


def percent_mismatch(rule: Rule) -> RuleExprs:
    """A stated percentage differs from 100 × numerator / denominator beyond rounding."""
    specs = list(rule.params.get("percents", ()))
    tolerance = float(rule.params.get("tolerance", DEFAULT_TOLERANCE)) + _EPSILON
    fails = _any([_is(s["percent"]) & ((_value() - _exact(s)).abs() > tolerance) for s in specs])
    sources = _pick(
        specs,
        "percent",
        lambda s: pl.concat_str(cell_of(s["numerator"]), pl.lit("/"), cell_of(s["denominator"])),
    )
    figures = {
        "expected_vnd": _pick(specs, "percent", lambda s: _exact(s).round(1)),
        "range": sources,
    }
    return RuleExprs(
        fails.fill_null(value=False),
        {**figures, "actual_vnd": _value(), "detail": pl.col("label")},
    )


def levels_sum_mismatch(rule: Rule) -> RuleExprs:
    """The online services by level 1-4 do not add up to their stated total."""
    total = str(rule.params["total"])
    levels = [str(level) for level in rule.params["levels"]]
    readable = pl.col("number_status") == NumberStatus.OK.value
    in_levels = pl.col("indicator").is_in(levels)
    levels_sum = _value().filter(in_levels & readable).sum().over(TABLE)
    any_level = (in_levels & readable).any().over(TABLE)
    # An unreadable level makes the sum unknown (its own bad-number), not a mismatch.
    unreadable = pl.col("number_status").is_in([*UNREADABLE, NumberStatus.UNKNOWN.value])
    has_bad = (in_levels & unreadable).any().over(TABLE)
    fails = _is(total) & readable & any_level & ~has_bad & (_value() != levels_sum)
    span = pl.concat_str(cell_of(levels[0]), pl.lit(":"), cell_of(levels[-1]))
    return RuleExprs(fails, {"expected_vnd": levels_sum, "actual_vnd": _value(), "range": span})


def period_mismatch(_: Rule) -> RuleExprs:
    """The year stated in the data differs from the year in the report's title."""
    report_year = pl.col("report_year").cast(pl.Float64)
    fails = _is(YEAR_CELL) & report_year.is_not_null() & (_value() != report_year)
    detail = pl.concat_str(
        _value().cast(pl.Int64).cast(pl.String),
        pl.lit(" ≠ "),
        pl.col("report_year").cast(pl.String),
    )
    return RuleExprs(
        fails.fill_null(value=False),
        {"expected_vnd": report_year, "actual_vnd": _value(), "detail": detail},
    )


def _names_no_unit() -> pl.Expr:
    return pl.col("raw").fill_null("").str.strip_chars() == ""


def unknown_unit(_: Rule) -> RuleExprs:
    """The unit named is not in the registry on 31/12 of the report's year.

    `detail` is the name written, `expected` the year; `range` the validity of the
    registry unit of that name in another period, else `suggestions` the closest names.
    """
    fails = _is(UNIT_CELL) & pl.col("unit_code").is_null() & ~_names_no_unit()
    figures = {
        "detail": pl.col("unit_name"),
        "expected_vnd": pl.col("year"),
        "range": pl.col("registered"),
        "suggestions": pl.col("suggestions"),
    }
    return RuleExprs(fails, figures)


def unit_not_named(_: Rule) -> RuleExprs:
    """A one-unit report whose heading names no unit."""
    return RuleExprs(_is(UNIT_CELL) & _names_no_unit())


# Duplicate reports: columns the batch adds once every file's own checks are known (see
# `ictdata.check.unit_duplicates`): the unit's key (registry code, else its normalised name),
# the report's place in the batch's order, whether its file is compared at all, then (from
# `earliest()`) the earliest report's value of the same unit, year and indicator.
UNIT_KEY = "unit_key"
OCCURRENCE = "occurrence"
COMPARED = "compared"
DUPLICATE = "duplicate"
EARLIEST = "earliest_"
EARLIEST_FIELDS = ("value", "file", "sheet", "cell", ROW)
_SAME_VALUE = (UNIT_KEY, "year", "indicator")
# Values are read to a thousandth: anything closer is the same figure.
_SAME_FIGURE = 1e-6


def _comparable() -> pl.Expr:
    """A readable value of a known unit and year, in a file the roll-up could use."""
    return (
        pl.col(COMPARED)
        & pl.col(UNIT_KEY).is_not_null()
        & pl.col("year").is_not_null()
        & (pl.col("kind") != META)
        & (pl.col("number_status") == NumberStatus.OK.value)
    )


def earliest() -> dict[str, pl.Expr]:
    """Where an earlier report of the same unit and year gives the same indicator.

    `duplicate` (an earlier report gives it) and that earliest report's `value`, `file`,
    `sheet`, `cell` and `row`, as `earliest_*`. Added as columns before the rule runs:
    polars cannot nest these windows in the rule's own.
    """
    first = pl.when(_comparable()).then(pl.col(OCCURRENCE)).min().over(_SAME_VALUE)
    is_first = _comparable() & (pl.col(OCCURRENCE) == first)
    columns = {
        f"{EARLIEST}{name}": pl.when(is_first).then(pl.col(name)).min().over(_SAME_VALUE)
        for name in EARLIEST_FIELDS
    }
    duplicate = (_comparable() & (pl.col(OCCURRENCE) > first)).fill_null(value=False)
    return {DUPLICATE: duplicate, **columns}


def duplicate_unit_report(_: Rule) -> RuleExprs:
    """A later report of a unit and year giving another value: at its first differing value."""
    earlier = pl.col(f"{EARLIEST}value")
    differs = pl.col(DUPLICATE) & ((_value() - earlier).abs() > _SAME_FIGURE).fill_null(value=False)
    position = pl.int_range(pl.len())
    first_differing = pl.when(differs).then(position).min().over(TABLE)
    figures = {
        "expected_vnd": earlier,
        "actual_vnd": _value(),
        "detail": pl.col("label"),
        **{f"related_{name}": pl.col(f"{EARLIEST}{name}") for name in EARLIEST_FIELDS[1:]},
    }
    return RuleExprs(differs & (position.over(TABLE) == first_differing), figures)
