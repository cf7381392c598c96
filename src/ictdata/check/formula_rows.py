"""One `formula-no-value` per row: a row of formulas saved without results is one fault.

A writer that stores no formula results (openpyxl, a script) leaves a whole totals row
without them; one issue per cell would say the same thing six times. The cells of one row
become one issue at the first of them: `range` names them as runs of adjacent cells
(`F13:H13,J13:L13`) and `detail` counts them (`cells: 6`). A lone cell keeps its own issue,
with its formula and the value it gives.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from itertools import groupby

from ictdata.check.codes import IssueCode
from ictdata.check.issue import Issue
from ictdata.read.cells import CellRange, column_index, column_letter, split_cell

CELLS = "cells"  # the term of a grouped issue's `detail`: "cells: 6"


def cell_runs(cells: Sequence[str]) -> str:
    """Cells of one row as runs of adjacent columns, comma-separated.

    >>> cell_runs(["F13", "G13", "H13", "J13", "L13", "K13"])
    'F13:H13,J13:L13'
    """
    columns = sorted((column_index(split_cell(c)[0]), c) for c in cells)
    runs: list[list[str]] = []
    previous = None
    for index, cell in columns:
        if previous is None or index != previous + 1:
            runs.append([])
        runs[-1].append(cell)
        previous = index
    return ",".join(run[0] if len(run) == 1 else f"{run[0]}:{run[-1]}" for run in runs)


def flagged_cells(issue: Issue) -> list[str]:
    """The cells an issue flags: its own, and for a grouped row every cell it names."""
    if issue.cell is None:
        return []
    if issue.code is not IssueCode.FORMULA_NO_VALUE or not issue.range:
        return [issue.cell]
    areas = [CellRange.parse(run) for run in issue.range.split(",")]
    return [
        f"{column_letter(column)}{row}"
        for area in areas
        for column in range(area.first_column, area.last_column + 1)
        for row in range(area.first_row, area.last_row + 1)
    ]


def _row(issue: Issue) -> tuple[str, str, int]:
    return (issue.sheet or "", issue.file, issue.row or 0)


def _grouped(row: list[Issue]) -> Issue:
    if len(row) == 1:
        return row[0]
    first = min(row, key=lambda i: column_index(i.column or ""))
    return replace(
        first,
        range=cell_runs([i.cell for i in row if i.cell is not None]),
        detail=f"{CELLS}: {len(row)}",
        expected=None,
        actual=None,
    )


def group_formula_rows(issues: Sequence[Issue]) -> list[Issue]:
    """`issues` with each row's `formula-no-value` issues made one."""
    alone: list[Issue] = []
    lacking: list[Issue] = []
    for issue in issues:
        grouped = issue.code is IssueCode.FORMULA_NO_VALUE and issue.row is not None
        (lacking if grouped else alone).append(issue)
    lacking.sort(key=_row)
    return alone + [_grouped(list(row)) for _, row in groupby(lacking, key=_row)]
