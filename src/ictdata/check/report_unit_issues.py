"""Issues about the units a unit report states for its amounts, as tables' unit issues."""

from __future__ import annotations

from ictdata.check.codes import IssueCode
from ictdata.check.issue import Issue
from ictdata.read.cells import split_cell
from ictdata.read.unit_report import UnitReport


def unit_misstated(path: str, report: UnitReport) -> list[Issue]:
    """One issue per cell stating an amount's unit that is not read as đồng.

    A currency other than the đồng is `foreign-currency` (`unit` its ISO code; the amounts
    in it are not loaded), any other unit not understood `unrecognised-unit` (`unit` the
    indicator's unit the amounts were read in); `detail` is the unit as written, as for tables.
    """
    issues = []
    for wrong in report.misstated:
        letter, row = split_cell(wrong.cell)
        foreign = wrong.currency is not None
        issues.append(
            Issue.of(
                IssueCode.FOREIGN_CURRENCY if foreign else IssueCode.UNRECOGNISED_UNIT,
                path,
                sheet=report.sheet,
                cell=wrong.cell,
                row=row,
                column=letter,
                unit=wrong.currency if foreign else wrong.unit,
                detail=wrong.stated,
            )
        )
    return issues
