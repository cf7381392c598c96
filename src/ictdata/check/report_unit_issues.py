"""Issues about the units a unit report states for its amounts, as tables' unit issues."""

from __future__ import annotations

from ictdata.check.codes import IssueCode
from ictdata.check.issue import Issue
from ictdata.read.cells import split_cell
from ictdata.read.report_units import MisstatedUnit
from ictdata.read.unit_report import UnitReport


def unit_misstated(path: str, report: UnitReport) -> list[Issue]:
    """One issue per cell stating an amount's unit that is not read as đồng.

    A currency other than the đồng is `foreign-currency` (`unit` its ISO code; the amounts
    in it are not loaded), a unit of a percentage or a count (`%`, `người`)
    `unit-contradicts-indicator` (`unit` the indicator's; not loaded either), any other unit
    not understood `unrecognised-unit` (`unit` the indicator's unit the amounts were read
    in); `detail` is the unit as written, as for tables.
    """
    issues = []
    for wrong in report.misstated:
        letter, row = split_cell(wrong.cell)
        foreign = wrong.currency is not None
        issues.append(
            Issue.of(
                _code(wrong),
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


def _code(wrong: MisstatedUnit) -> IssueCode:
    if wrong.currency is not None:
        return IssueCode.FOREIGN_CURRENCY
    if wrong.measure is not None:
        return IssueCode.UNIT_CONTRADICTS_INDICATOR
    return IssueCode.UNRECOGNISED_UNIT
