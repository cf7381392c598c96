"""Build the pandera (polars backend) schema of a contract's amounts frame.

Column types and allowed values come from the contract; each rule becomes a
dataframe-level check named by its issue code that returns a per-row mask
(a single boolean would break lazy validation when another check fails).

The schema classes come from their own modules: `pandera.polars` also loads
pandera's models, decorators and schema inference, which ictdata does not use.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache

import polars as pl
from pandera.api.checks import Check
from pandera.api.polars.components import Column
from pandera.api.polars.container import DataFrameSchema
from pandera.api.polars.types import PolarsData

from ictdata.check.codes import IssueCode
from ictdata.check.registry import BATCH_RULES, RULES
from ictdata.check.rules import TABLE, RuleExprs
from ictdata.check.unit_rules import COMPARED, DUPLICATE, EARLIEST, OCCURRENCE, UNIT_KEY
from ictdata.contracts.model import (
    INDICATOR_KINDS,
    Contract,
    StatementContract,
    Template,
    UnitReportContract,
)
from ictdata.read.grid import ROW
from ictdata.read.numbers import NumberStatus
from ictdata.read.table import ROW_KINDS, contract_enums
from ictdata.read.unit_columns import META


def _mask(exprs: RuleExprs) -> Callable[[PolarsData], pl.LazyFrame]:
    def check(data: PolarsData) -> pl.LazyFrame:
        fails = _cheapest(data.lazyframe, exprs)
        return data.lazyframe.select((~fails).fill_null(value=True).alias("passes"))

    return check


def _cheapest(frame: pl.LazyFrame, exprs: RuleExprs) -> pl.Expr:
    """The cheapest form of the rule's `fails` that answers for `frame`.

    Its scalars (`applies`, `plain.when`) are asked in one query first.
    """
    asked = {"applies": exprs.applies, "plain": exprs.plain.when if exprs.plain else None}
    scalars = {name: expr for name, expr in asked.items() if expr is not None}
    if not scalars:
        return exprs.fails
    answers = frame.select(**scalars).collect().row(0, named=True)
    if not answers.get("applies", True):
        return pl.repeat(value=False, n=pl.len())
    if exprs.plain is not None and answers["plain"]:
        return exprs.plain.fails
    return exprs.fails


def _checks(
    contract: Template, *, batch: bool = False, only: frozenset[IssueCode] | None = None
) -> list[Check]:
    """The per-file rules of `contract` (or, with `batch`, those judged across a batch).

    With `only`, just the rules of those codes.
    """
    return [
        Check(_mask(RULES[rule.code](rule)), name=rule.code.value)
        for rule in contract.rules
        if rule.code in RULES
        and (rule.code in BATCH_RULES) == batch
        and (only is None or rule.code in only)
    ]


@cache
def statements_schema(contract: StatementContract) -> DataFrameSchema:
    """The schema that checks every budget statement found by `contract`."""
    return DataFrameSchema(
        {
            TABLE: Column(pl.Int64),
            ROW: Column(pl.Int64, Check.ge(1)),
            "group": Column(pl.Int64, nullable=True),
            "is_total": Column(pl.Boolean),
            "amount_vnd": Column(pl.Int64, nullable=True),
            "words_vnd": Column(pl.Int64, nullable=True),
            "unit_missing": Column(pl.Boolean),
            "number_status": Column(pl.String, Check.isin([s.value for s in NumberStatus])),
        },
        checks=_checks(contract),
        name=contract.template,
    )


@cache
def amounts_schema(contract: Contract, only: frozenset[IssueCode] | None = None) -> DataFrameSchema:
    """The schema that checks every amount cell of `contract`'s tables.

    With `only`, just the rules of those codes (and the columns' own checks).
    """
    stages, funding_kinds = contract_enums(contract)
    return DataFrameSchema(
        {
            TABLE: Column(pl.Int64),
            ROW: Column(pl.Int64, Check.ge(1)),
            # Enums: the type itself holds the allowed values.
            "row_kind": Column(ROW_KINDS),
            "stage": Column(stages),
            "funding_kind": Column(funding_kinds),
            "cell": Column(pl.String),
            "amount_vnd": Column(pl.Int64, nullable=True),
            "number_status": Column(pl.String, Check.isin([s.value for s in NumberStatus])),
            "multiplier": Column(pl.Int64, Check.gt(0)),
        },
        checks=_checks(contract, only=only),
        name=contract.template,
    )


@cache
def unit_values_schema(contract: UnitReportContract) -> DataFrameSchema:
    """The schema that checks every value of `contract`'s unit reports."""
    return DataFrameSchema(
        {
            TABLE: Column(pl.Int64),
            ROW: Column(pl.Int64, Check.ge(1)),
            "indicator": Column(pl.String),
            "kind": Column(pl.String, Check.isin([*INDICATOR_KINDS, META])),
            "cell": Column(pl.String),
            "value": Column(pl.Float64, nullable=True),
            "number_status": Column(pl.String, Check.isin([s.value for s in NumberStatus])),
            "multiplier": Column(pl.Int64, Check.gt(0)),
        },
        checks=_checks(contract),
        name=contract.template,
    )


@cache
def unit_batch_schema(contract: UnitReportContract) -> DataFrameSchema:
    """The schema of the batch rules over unit values (duplicate reports of one unit)."""
    return DataFrameSchema(
        {
            TABLE: Column(pl.Int64),
            ROW: Column(pl.Int64, Check.ge(1)),
            "indicator": Column(pl.String),
            "value": Column(pl.Float64, nullable=True),
            UNIT_KEY: Column(pl.String, nullable=True),
            OCCURRENCE: Column(pl.Int64, Check.ge(0)),
            COMPARED: Column(pl.Boolean),
            DUPLICATE: Column(pl.Boolean),
            f"{EARLIEST}value": Column(pl.Float64, nullable=True),
        },
        checks=_checks(contract, batch=True),
        name=f"{contract.template}-batch",
    )
