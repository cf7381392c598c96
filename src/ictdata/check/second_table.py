"""The warning for a second table under the first, whose rows are rejected, not read."""

from __future__ import annotations

import polars as pl

from ictdata.check.codes import IssueCode
from ictdata.check.issue import Issue
from ictdata.read.grid import ROW
from ictdata.read.table import RejectReason, Table


def second_table(path: str, table: Table) -> Issue | None:
    """A `second-table` warning naming the rows `table` rejected as a second table, if any."""
    rows = table.rejects.filter(pl.col("reason") == RejectReason.SECOND_TABLE.value)[ROW]
    if rows.is_empty():
        return None
    first, last = int(rows.min()), int(rows.max())  # type: ignore[arg-type]
    return Issue.of(
        IssueCode.SECOND_TABLE,
        path,
        sheet=table.grid.sheet,
        row=first,
        range=f"{first}:{last}",
        detail=str(rows.len()),
    )
