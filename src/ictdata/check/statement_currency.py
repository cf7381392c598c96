"""Budget statements in a foreign currency: checked, then set aside as rejects.

A figure in USD or EUR is no amount in đồng at any scale: once the checks have
reported it (`foreign-currency`), it leaves the statements that reach the marts
and the plan-package comparisons, and lands in the rejects with its reason.
"""

from __future__ import annotations

import polars as pl

from ictdata.read.grid import ROW
from ictdata.read.table import REJECT_SCHEMA, RejectReason

_FOREIGN = pl.col("currency").is_not_null()


def _content() -> pl.Expr:
    """The statement as read: "Tổng kinh phí: 350.000 USD (words)"."""
    words = pl.concat_str(pl.lit(" ("), pl.col("words"), pl.lit(")"))
    return pl.concat_str(
        pl.col("label"),
        pl.lit(": "),
        pl.col("raw"),
        pl.lit(" "),
        pl.col("stated_unit"),
        words.fill_null(""),
    )


def set_aside_foreign(statements: pl.DataFrame) -> tuple[pl.DataFrame, pl.DataFrame]:
    """The statements in đồng, and the others as rejects (`file`, `sheet`, row, reason, content)."""
    schema = {"file": pl.String, "sheet": pl.String, **REJECT_SCHEMA}
    if "currency" not in statements.columns:
        return statements, pl.DataFrame(schema=schema)
    rejects = statements.filter(_FOREIGN).select(
        "file",
        "sheet",
        ROW,
        reason=pl.lit(RejectReason.FOREIGN_CURRENCY.value),
        content=_content(),
    )
    return statements.filter(~_FOREIGN), rejects.select(
        [pl.col(name).cast(dtype) for name, dtype in schema.items()]
    )
