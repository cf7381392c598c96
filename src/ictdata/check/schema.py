"""Build the pandera (polars backend) schema of a contract's amounts frame.

Column types and allowed values come from the contract; each rule becomes a
dataframe-level check named by its issue code that returns a per-row mask
(a single boolean would break lazy validation when another check fails).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache

import pandera.polars as pa
import polars as pl

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


def _mask(exprs: RuleExprs) -> Callable[[pa.PolarsData], pl.LazyFrame]:
    passes = (~exprs.fails).fill_null(value=True)

    def check(data: pa.PolarsData) -> pl.LazyFrame:
        return data.lazyframe.select(passes.alias("passes"))

    return check


def _checks(contract: Template, *, batch: bool = False) -> list[pa.Check]:
    """The per-file rules of `contract` (or, with `batch`, those judged across a batch)."""
    return [
        pa.Check(_mask(RULES[rule.code](rule)), name=rule.code.value)
        for rule in contract.rules
        if rule.code in RULES and (rule.code in BATCH_RULES) == batch
    ]


@cache
def statements_schema(contract: StatementContract) -> pa.DataFrameSchema:
    """The schema that checks every budget statement found by `contract`."""
    return pa.DataFrameSchema(
        {
            TABLE: pa.Column(pl.Int64),
            ROW: pa.Column(pl.Int64, pa.Check.ge(1)),
            "group": pa.Column(pl.Int64, nullable=True),
            "is_total": pa.Column(pl.Boolean),
            "amount_vnd": pa.Column(pl.Int64, nullable=True),
            "words_vnd": pa.Column(pl.Int64, nullable=True),
            "unit_missing": pa.Column(pl.Boolean),
            "number_status": pa.Column(pl.String, pa.Check.isin([s.value for s in NumberStatus])),
        },
        checks=_checks(contract),
        name=contract.template,
    )


@cache
def amounts_schema(contract: Contract) -> pa.DataFrameSchema:
    """The schema that checks every amount cell of `contract`'s tables."""
    stages, funding_kinds = contract_enums(contract)
    return pa.DataFrameSchema(
        {
            TABLE: pa.Column(pl.Int64),
            ROW: pa.Column(pl.Int64, pa.Check.ge(1)),
            # Enums: the type itself holds the allowed values.
            "row_kind": pa.Column(ROW_KINDS),
            "stage": pa.Column(stages),
            "funding_kind": pa.Column(funding_kinds),
            "cell": pa.Column(pl.String),
            "amount_vnd": pa.Column(pl.Int64, nullable=True),
            "number_status": pa.Column(pl.String, pa.Check.isin([s.value for s in NumberStatus])),
            "multiplier": pa.Column(pl.Int64, pa.Check.gt(0)),
        },
        checks=_checks(contract),
        name=contract.template,
    )


@cache
def unit_values_schema(contract: UnitReportContract) -> pa.DataFrameSchema:
    """The schema that checks every value of `contract`'s unit reports."""
    return pa.DataFrameSchema(
        {
            TABLE: pa.Column(pl.Int64),
            ROW: pa.Column(pl.Int64, pa.Check.ge(1)),
            "indicator": pa.Column(pl.String),
            "kind": pa.Column(pl.String, pa.Check.isin([*INDICATOR_KINDS, META])),
            "cell": pa.Column(pl.String),
            "value": pa.Column(pl.Float64, nullable=True),
            "number_status": pa.Column(pl.String, pa.Check.isin([s.value for s in NumberStatus])),
            "multiplier": pa.Column(pl.Int64, pa.Check.gt(0)),
        },
        checks=_checks(contract),
        name=contract.template,
    )


@cache
def unit_batch_schema(contract: UnitReportContract) -> pa.DataFrameSchema:
    """The schema of the batch rules over unit values (duplicate reports of one unit)."""
    return pa.DataFrameSchema(
        {
            TABLE: pa.Column(pl.Int64),
            ROW: pa.Column(pl.Int64, pa.Check.ge(1)),
            "indicator": pa.Column(pl.String),
            "value": pa.Column(pl.Float64, nullable=True),
            UNIT_KEY: pa.Column(pl.String, nullable=True),
            OCCURRENCE: pa.Column(pl.Int64, pa.Check.ge(0)),
            COMPARED: pa.Column(pl.Boolean),
            DUPLICATE: pa.Column(pl.Boolean),
            f"{EARLIEST}value": pa.Column(pl.Float64, nullable=True),
        },
        checks=_checks(contract, batch=True),
        name=f"{contract.template}-batch",
    )
