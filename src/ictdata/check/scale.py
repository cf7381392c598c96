"""Which one cell, scaled by a power of 1,000, would make a column add up.

The usual slip is one figure typed in đồng or nghìn đồng in a triệu table (or
the other way round). For a failing column with sum S of its project rows and
total T: the total cell fits when T·k = S; a project cell v fits when
S - v + v·k = T. Integer arithmetic throughout (Int128: no overflow).
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

import polars as pl

from ictdata.check.rules import COLUMN_GROUP
from ictdata.read.grid import ROW
from ictdata.read.table import SEGMENT, RowKind

FACTORS = (Fraction(1000), Fraction(1_000_000), Fraction(1, 1000), Fraction(1, 1_000_000))


@dataclass(frozen=True, slots=True)
class Suspect:
    """A cell and the factor that, applied to it, balances its column."""

    cell: str
    factor: Fraction


TotalKey = tuple[int, str]


def find_suspects(amounts: pl.DataFrame, failing: pl.DataFrame) -> dict[TotalKey, Suspect]:
    """Suspects for failing totals rows, keyed by (table, totals cell).

    `failing` holds each failing totals cell with its group keys, segment, value and sum.
    """
    found: dict[TotalKey, Suspect] = {}
    for record in failing.iter_rows(named=True):
        group = (record["table"], record["cell"])
        total, items_sum = record["actual_vnd"], record["expected_vnd"]
        if total is None:
            continue
        factor = next((k for k in FACTORS if total * k == items_sum), None)
        if factor is not None:
            found[group] = Suspect(record["cell"], factor)
    found.update(_item_suspects(amounts, failing.filter(pl.col("actual_vnd").is_not_null()), found))
    return found


def _item_suspects(
    amounts: pl.DataFrame, failing: pl.DataFrame, known: dict[TotalKey, Suspect]
) -> dict[TotalKey, Suspect]:
    keys = list(COLUMN_GROUP)
    diffs = failing.select(
        *keys,
        total_cell=pl.col("cell"),
        total_segment=pl.col(SEGMENT),
        diff=(pl.col("actual_vnd") - pl.col("expected_vnd")).cast(pl.Int128),
    )
    # Only what the joins and the fit need: a copy of every column of 800,000 cells was 30 MB.
    summed = (
        amounts.lazy()
        .select(*keys, SEGMENT, ROW, "cell", "amount_vnd", "row_kind")
        .filter(pl.col("row_kind") == RowKind.ITEM.value, pl.col("amount_vnd") != 0)
    )
    # A subtotal meets the items of its section only, the grand total all of its column's: a
    # join on the column alone paired every item with every failing subtotal (a 100,000-row
    # table with 100 failing sections: 10 million pairs, 2 GB).
    sections = diffs.filter(pl.col("total_segment").is_not_null())
    wholes = diffs.filter(pl.col("total_segment").is_null()).drop("total_segment")
    items = pl.concat(
        [
            summed.join(
                sections.lazy(), left_on=[*keys, SEGMENT], right_on=[*keys, "total_segment"]
            ),
            summed.join(wholes.lazy(), on=keys),
        ]
    ).collect()
    found: dict[TotalKey, Suspect] = {}
    for factor in FACTORS:
        n, d = factor.numerator, factor.denominator
        fits = items.filter(pl.col("amount_vnd").cast(pl.Int128) * (n - d) == pl.col("diff") * d)
        for record in fits.sort(ROW).iter_rows(named=True):
            key = (record["table"], record["total_cell"])
            if key not in known and key not in found:
                found[key] = Suspect(record["cell"], factor)
    return found
