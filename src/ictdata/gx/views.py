"""Frames derived from the marts for the rules that span rows or marts.

GX checks one table at a time; the funding arithmetic (per project and funding
kind) and the per-file accounting (sources against the other marts) are laid
out here as one row per group, so that a plain GX expectation compares two
columns. The parameters come from the contracts, as for the pandera checks.
"""

from __future__ import annotations

from collections.abc import Mapping

import polars as pl

from ictdata.check.codes import IssueCode, Severity
from ictdata.check.issue import FileStatus
from ictdata.contracts.marts import Accounting, MartContract
from ictdata.contracts.model import Rule
from ictdata.marts.frames import PROJECT_ID

WHOLE = "whole"
PARTS = "parts"
COUNTED = "_counted"
STATUS = "status"
STATUS_FROM_ISSUES = "status_from_issues"


def over_allocation(funding: pl.DataFrame, rule: Rule) -> pl.DataFrame:
    """Per project and funding kind: the rule's whole (the estimate) and the sum of its parts.

    A negative whole is left out: it is a negative amount, not also an over-allocation.
    """
    whole = str(rule.params.get("whole", "estimate"))
    parts = [str(p) for p in rule.params.get("parts", ())]
    amount = pl.col("amount_vnd")
    return (
        funding.group_by(PROJECT_ID, "funding_kind")
        .agg(
            amount.filter(pl.col("stage") == whole).sum().alias(WHOLE),
            amount.filter(pl.col("stage").is_in(parts)).sum().alias(PARTS),
        )
        .filter(pl.col(WHOLE) >= 0)
        .sort(PROJECT_ID, "funding_kind")
    )


def _counts(frame: pl.DataFrame, column: str, name: str) -> pl.DataFrame:
    return frame.group_by(column).len(name).rename({column: "source_file"})


def _status_from_issues(issues: pl.DataFrame, column: str) -> pl.DataFrame:
    code, severity = pl.col("code").cast(pl.String), pl.col("severity").cast(pl.String)
    status = (
        pl.when((code == IssueCode.UNREADABLE_FILE.value).any())
        .then(pl.lit(FileStatus.UNREADABLE.value))
        .when((severity == Severity.ERROR.value).any())
        .then(pl.lit(FileStatus.INVALID.value))
        .otherwise(pl.lit(FileStatus.VALID.value))
    )
    return (
        issues.group_by(column)
        .agg(status.alias(STATUS_FROM_ISSUES))
        .rename({column: "source_file"})
    )


def accounting(
    sources: pl.DataFrame,
    accounts: Accounting,
    marts: Mapping[str, pl.DataFrame],
    contracts: Mapping[str, MartContract],
) -> pl.DataFrame:
    """Per source file: each declared count beside the rows counted in its mart, and the status.

    A file with no rows in a mart counts 0 there; a file with no issues is valid.
    """
    frame = sources.select("source_file", *[column for column, _ in accounts.counts], STATUS)
    for column, mart in accounts.counts:
        counted = _counts(marts[mart], contracts[mart].source_column, column + COUNTED)
        frame = frame.join(counted, on="source_file", how="left").with_columns(
            pl.col(column + COUNTED).fill_null(0).cast(pl.Int64)
        )
    if accounts.status_from is not None:
        mart = accounts.status_from
        statuses = _status_from_issues(marts[mart], contracts[mart].source_column)
        frame = frame.join(statuses, on="source_file", how="left").with_columns(
            pl.col(STATUS_FROM_ISSUES).fill_null(FileStatus.VALID.value)
        )
    return frame.sort("source_file")
