"""The reading hook for unit reports: which sheets of a file hold one, per file (in workers)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from ictdata.contracts.model import UnitReportContract
from ictdata.read.grid import Grid
from ictdata.read.unit_report import find_unit_report

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
        if not report.rejects.is_empty():
            work.rejects.append(report.rejects)
    return rest
