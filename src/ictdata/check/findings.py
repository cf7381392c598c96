"""Turn pandera's failure cases back into issues at cells, with their figures."""

from __future__ import annotations

from fractions import Fraction
from typing import Any

import polars as pl

from ictdata.check.codes import IssueCode
from ictdata.check.consequences import Place
from ictdata.check.issue import Figure, Issue, figure
from ictdata.check.registry import RULES
from ictdata.check.rules import TABLE
from ictdata.check.scale import find_suspects
from ictdata.contracts.model import Template
from ictdata.read.grid import ROW
from ictdata.read.table import RowKind

_FIGURE_COLUMNS = {
    "expected_vnd": pl.Int64,
    "actual_vnd": pl.Int64,
    "range": pl.String,
    "detail": pl.String,
    "scale_factor": pl.Float64,
    # The other place an issue names (a unit's earlier report); null for most rules.
    "related_file": pl.String,
    "related_sheet": pl.String,
    "related_cell": pl.String,
    "related_row": pl.Int64,
    "suggestions": pl.String,
    # A finer code than the rule's for this failure (bad-number's number-too-large); or null.
    "code": pl.String,
}
INDEX = "_index"


def as_figure(factor: Fraction | int | None) -> Figure | None:
    """A scale factor as an issue carries it: an int when whole (1000), else a float (0.001)."""
    if factor is None:
        return None
    factor = Fraction(factor)
    return int(factor) if factor.denominator == 1 else float(factor)


def failing_rows(
    amounts: pl.DataFrame, code: IssueCode, indices: pl.Series, contract: Template
) -> pl.DataFrame:
    """The rows pandera flagged for `code`, with the figures that rule reports."""
    rule = contract.rule(code)
    if rule is None:
        return pl.DataFrame()
    exprs = RULES[code](rule)
    plain = exprs.plain
    # Where the rule's plain form holds, so do its cheaper figures (one scalar query).
    cheaper = plain.figures if plain and plain.figures and amounts.select(plain.when).item() else {}
    figures = {**exprs.figures, **cheaper}
    missing = {
        name: pl.lit(None, dtype=dtype)
        for name, dtype in _FIGURE_COLUMNS.items()
        if name not in figures
    }
    flagged = pl.col(INDEX).is_in(indices.cast(pl.UInt32).implode())
    numbered = amounts.lazy().with_row_index(INDEX)
    rows = numbered.filter(flagged)
    # One figure at a time, each over the whole frame and then cut to the flagged rows: all
    # of a rule's windows at once over 800,000 cells held 90 MiB.
    for name, expr in figures.items():
        figure_column = numbered.select(INDEX, expr.alias(name)).filter(flagged).collect()
        rows = rows.join(figure_column.lazy(), on=INDEX, how="left", maintain_order="left")
    return rows.with_columns(**missing).collect()


def failing_places(amounts: pl.DataFrame, failures: pl.DataFrame) -> list[Place]:
    """Where each of pandera's failures is: what a slip's recheck compares, without figures."""
    hits = failures.lazy().select("check", pl.col("index").cast(pl.UInt32))
    return [
        (table, IssueCode(code), file, sheet, cell, row)
        for table, code, file, sheet, cell, row in amounts.lazy()
        .with_row_index(INDEX)
        .join(hits, left_on=INDEX, right_on="index")
        .select(TABLE, "check", "file", "sheet", "cell", ROW)
        .collect()
        .iter_rows()
    ]


def _issue(code: IssueCode, record: dict[str, Any], scale: tuple[str, Fraction] | None) -> Issue:
    multiplier = record["multiplier"]
    return Issue.of(
        IssueCode(record["code"]) if record["code"] else code,
        record["file"],
        sheet=record["sheet"],
        cell=record["cell"],
        row=record["row"],
        column=record["column"],
        expected=figure(record["expected_vnd"], multiplier),
        actual=figure(record["actual_vnd"], multiplier),
        unit=record["unit"],
        scale_factor=as_figure(scale[1] if scale else record["scale_factor"]),
        scale_cell=scale[0] if scale else None,
        range=record["range"],
        detail=record["detail"],
        related_file=record["related_file"],
        related_sheet=record["related_sheet"],
        related_cell=record["related_cell"],
        related_row=record["related_row"],
        suggestions=record["suggestions"],
    )


def rule_issues(amounts: pl.DataFrame, failures: pl.DataFrame, contract: Template) -> list[Issue]:
    """Issues for every dataframe-level failure pandera reported."""
    issues: list[Issue] = []
    for code_text in sorted(set(failures.get_column("check").to_list())):
        code = IssueCode(code_text)
        indices = failures.filter(pl.col("check") == code_text).get_column("index")
        rows = failing_rows(amounts, code, indices, contract)
        sums = (
            rows.filter(pl.col("row_kind") != RowKind.ITEM.value)
            if code is IssueCode.TOTAL_MISMATCH
            else rows
        )
        suspects = find_suspects(amounts, sums) if code is IssueCode.TOTAL_MISMATCH else {}
        for record in rows.iter_rows(named=True):
            suspect = suspects.get((record["table"], record["cell"]))
            issues.append(_issue(code, record, (suspect.cell, suspect.factor) if suspect else None))
    return issues
