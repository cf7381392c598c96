"""The warning for a table of projects with no totals row: nothing checks their sum."""

from __future__ import annotations

import polars as pl

from ictdata.check.codes import IssueCode
from ictdata.check.issue import Issue
from ictdata.read.grid import ROW
from ictdata.read.table import RowKind, Table


def missing_total(path: str, table: Table) -> Issue | None:
    """A `missing-total` warning when `table` has projects but no totals row ("Tổng").

    It points below the last project, where the row belongs; `detail` counts the projects.
    A table whose sections carry their sums (a "Cộng" row, a section row with figures) has
    its projects checked against them: no warning.
    """
    # On the column alone, not a filtered frame: a batch of 1,000 small tables calls this
    # 1,000 times (0.12 s as frames).
    kinds = table.rows.get_column("row_kind").cast(pl.String).to_list()
    if _SUMMED.intersection(kinds):
        return None
    items = kinds.count(RowKind.ITEM.value)
    if not items:
        return None
    return Issue.of(
        IssueCode.MISSING_TOTAL,
        path,
        sheet=table.grid.sheet,
        row=int(table.rows.get_column(ROW).max()) + 1,  # type: ignore[arg-type]
        detail=str(items),
    )


_SUMMED = frozenset({RowKind.TOTAL.value, RowKind.SUBTOTAL.value})
