"""The error for a project over merged rows whose two rows fill the same amount column."""

from __future__ import annotations

from ictdata.check.codes import IssueCode
from ictdata.check.issue import Issue
from ictdata.read.grid import ROW
from ictdata.read.table import Table


def merged_row_conflicts(path: str, table: Table) -> list[Issue]:
    """A `merged-row-conflict` at each cell of a merged project that was not counted."""
    sheet = table.grid.sheet
    return [
        Issue.of(
            IssueCode.MERGED_ROW_CONFLICT,
            path,
            sheet=sheet,
            cell=record["cell"],
            row=record[ROW],
            column=record["column"],
            range=f"{record['kept_row']}:{record[ROW]}",
            detail=record["raw"],
            related_sheet=sheet,
            related_cell=f"{record['column']}{record['kept_row']}",
            related_row=record["kept_row"],
        )
        for record in table.conflicts.iter_rows(named=True)
    ]
