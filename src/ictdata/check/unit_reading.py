"""The reading hook for unit reports: which sheets of a file hold one, per file (in workers)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from ictdata.check.codes import IssueCode
from ictdata.check.issue import Issue
from ictdata.check.report_unit_issues import unit_misstated
from ictdata.contracts.model import UnitReportContract
from ictdata.read.cells import split_cell
from ictdata.read.grid import Grid
from ictdata.read.unit_report import UnitReport, find_unit_report

if TYPE_CHECKING:
    from ictdata.check.reading import FileWork


def read_unit_reports(
    work: FileWork, contract: UnitReportContract, grids: Sequence[Grid]
) -> list[Grid]:
    """Read the unit reports among `grids` into `work`; return the grids that hold none."""
    rest: list[Grid] = []
    for grid in grids:
        report = find_unit_report(grid, contract)
        if report is None:
            rest.append(grid)
            continue
        work.unit_reports.append(report)
        if (silent := unit_not_stated(work.path, report)) is not None:
            work.issues.append(silent)
        work.issues += unit_misstated(work.path, report)
        if not report.rejects.is_empty():
            work.rejects.append(report.rejects)
    return rest


def unit_not_stated(path: str, report: UnitReport) -> Issue | None:
    """The warning for a report whose amounts state no unit: once per sheet, where it belongs.

    `detail` is "indicator: <the indicator as written>", `unit` the unit it was read in.
    """
    unstated = report.unstated
    if unstated is None:
        return None
    letter, row = split_cell(unstated.cell)
    return Issue.of(
        IssueCode.UNIT_NOT_STATED,
        path,
        sheet=report.sheet,
        cell=unstated.cell,
        row=row,
        column=letter,
        unit=unstated.unit,
        detail=f"indicator: {unstated.label}",
    )
