"""Budget statements as one polars frame, figures and words read, ready for the checks."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import polars as pl

from ictdata.check.rules import TABLE
from ictdata.contracts.model import StatementContract
from ictdata.read.cells import split_cell
from ictdata.read.grid import ROW
from ictdata.read.numbers import parse_amounts
from ictdata.read.statements import Statement
from ictdata.read.words import parse_words_series
from ictdata.text import key

DONG = "đồng"


@dataclass(frozen=True, slots=True)
class FoundStatement:
    """A statement with the file it came from and the unit that applies to its figure."""

    table: int
    file: str
    statement: Statement
    table_multiplier: int | None = None
    template: str = "budget_statement"
    plan: str | None = None


def _multiplier(found: FoundStatement, contract: StatementContract) -> tuple[int, bool]:
    """The figure's unit in đồng, and whether it is missing (đồng assumed)."""
    unit = found.statement.unit
    if unit is not None:
        return contract.money_units.get(key(unit), 1), False
    if found.table_multiplier is not None:
        return found.table_multiplier, False
    return 1, True


def _record(found: FoundStatement, contract: StatementContract) -> dict[str, object]:
    statement = found.statement
    multiplier, missing = _multiplier(found, contract)
    return {
        TABLE: found.table,
        "file": found.file,
        "sheet": statement.sheet,
        "cell": statement.cell,
        "column": split_cell(statement.cell)[0] if statement.cell else None,
        ROW: statement.row,
        "group": statement.group,
        "label": statement.label,
        "is_total": statement.is_total,
        "raw": statement.figure,
        "is_float": statement.is_float,
        "figure_multiplier": multiplier,
        "unit_missing": missing,
        "words": statement.words,
        "plan": found.plan,
        "currency": statement.currency,
        "stated_unit": statement.unit,
    }


SCHEMA: dict[str, pl.DataType] = {
    TABLE: pl.Int64(),
    "file": pl.String(),
    "sheet": pl.String(),
    "cell": pl.String(),
    "column": pl.String(),
    ROW: pl.Int64(),
    "group": pl.Int64(),
    "label": pl.String(),
    "is_total": pl.Boolean(),
    "raw": pl.String(),
    "is_float": pl.Boolean(),
    "figure_multiplier": pl.Int64(),
    "unit_missing": pl.Boolean(),
    "words": pl.String(),
    "plan": pl.String(),
    "currency": pl.String(),  # a currency other than the đồng the figure is in: no đồng amount
    "stated_unit": pl.String(),  # the figure's unit as written
}


def statements_frame(found: Sequence[FoundStatement], contract: StatementContract) -> pl.DataFrame:
    """One row per statement: figure in đồng (`amount_vnd`), words in đồng (`words_vnd`).

    A figure in a foreign currency has neither (null): it is no amount in đồng at any scale,
    and its `unit` is the currency's ISO code.
    """
    frame = pl.DataFrame([_record(f, contract) for f in found], schema=SCHEMA, orient="row")
    parsed = parse_amounts(frame, multiplier="figure_multiplier").collect()
    words = parse_words_series(parsed.get_column("words"))
    in_dong = pl.col("currency").is_null()
    return parsed.with_columns(
        amount_vnd=pl.when(in_dong).then(pl.col("amount_vnd")),
        words_vnd=pl.when(in_dong).then(words.get_column("value")),
        words_error=words.get_column("error_word"),
        multiplier=pl.lit(1, dtype=pl.Int64),
        unit=pl.coalesce(pl.col("currency"), pl.lit(DONG)),
        range=pl.lit(None, dtype=pl.String),
    )
