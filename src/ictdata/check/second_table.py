"""The warning for a second table under the first, whose rows are rejected, not read."""

from __future__ import annotations

from ictdata.check.codes import IssueCode
from ictdata.check.issue import Issue
from ictdata.read.grid import ROW
from ictdata.read.table import RejectReason, Table


def second_table(path: str, table: Table) -> Issue | None:
    """A `second-table` warning naming the rows `table` rejected as a second table, if any."""
    second = table.rejects.get_column("reason") == RejectReason.SECOND_TABLE.value
    if not second.any():  # most tables: asked of the column, no frame filtered (1,000 tables)
        return None
    rows = table.rejects.get_column(ROW).filter(second)
    first, last = int(rows.min()), int(rows.max())  # type: ignore[arg-type]
    return Issue.of(
        IssueCode.SECOND_TABLE,
        path,
        sheet=table.grid.sheet,
        row=first,
        range=f"{first}:{last}",
        detail=str(rows.len()),
    )
