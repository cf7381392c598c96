"""Issues about a table's shape rather than its figures."""

from __future__ import annotations

from ictdata.check.codes import IssueCode
from ictdata.check.issue import Issue
from ictdata.contracts.model import Contract
from ictdata.read.cells import column_index, split_cell
from ictdata.read.grid import Grid, Source
from ictdata.read.layout import TableLayout
from ictdata.read.unreadable import UnreadableError


def unreadable(path: str, error: UnreadableError) -> Issue:
    """The file-level issue for a file that cannot be read.

    `detail` keeps the reason and the reader's technical note (for machines); a file
    over a limit also carries its figures: `actual` against the limit in `expected`,
    and which limit in `limit` (a `Limit`, whose count the figures are); `unit` stays None.
    """
    detail = f"{error.reason.value}: {error.note}" if error.note else error.reason.value
    over = error.over
    if over is None:
        return Issue.of(IssueCode.UNREADABLE_FILE, path, sheet=error.sheet, detail=detail)
    return Issue.of(
        IssueCode.UNREADABLE_FILE,
        path,
        sheet=error.sheet,
        expected=over.limit,
        actual=over.found,
        limit=over.kind.value,
        detail=detail,
    )


def legacy_encoding(path: str, grid: Grid) -> Issue | None:
    """One warning per sheet whose text was typed in TCVN3 and converted."""
    if not grid.legacy_cells:
        return None
    first = grid.legacy_cells[0]
    letter, row = split_cell(first)
    return Issue.of(
        IssueCode.LEGACY_ENCODING,
        path,
        sheet=grid.sheet,
        cell=first,
        row=row,
        column=letter,
        detail=str(len(grid.legacy_cells)),
    )


def legacy_lines(path: str, source: Source) -> Issue | None:
    """One warning per document whose lines were typed in a legacy font and converted."""
    if not source.legacy_lines:
        return None
    first = source.legacy_lines[0]
    return Issue.of(
        IssueCode.LEGACY_ENCODING, path, row=first, detail=f"{LINES}: {len(source.legacy_lines)}"
    )


LINES = "lines"  # the detail's term of a document's warning: "lines: 3"


def unknown_layout(path: str, looked_for: str) -> Issue:
    """Nothing in the file matches a template (`looked_for` names what was looked for)."""
    return Issue.of(IssueCode.UNKNOWN_LAYOUT, path, detail=looked_for)


def layout_issues(
    path: str, sheet: str | None, layout: TableLayout, contract: Contract
) -> list[Issue]:
    """Missing required columns and an unrecognised or foreign-currency unit line."""
    issues = [
        Issue.of(
            IssueCode.MISSING_COLUMN,
            path,
            sheet=sheet,
            row=layout.header_rows[0],
            detail=contract.label(name),
        )
        for name in layout.missing
    ]
    unit = layout.unit
    if not unit.known and unit.cell is not None:
        letter, row = split_cell(unit.cell)
        issues.append(
            Issue.of(
                IssueCode.UNRECOGNISED_UNIT
                if unit.currency is None
                else IssueCode.FOREIGN_CURRENCY,
                path,
                sheet=sheet,
                cell=unit.cell,
                row=row,
                column=letter,
                unit=unit.label if unit.currency is None else unit.currency,
                detail=unit.stated,
            )
        )
    return issues


def unit_not_stated(path: str, sheet: str | None, layout: TableLayout) -> Issue | None:
    """The warning for a table that states its unit nowhere, read in the default unit.

    Placed at the first cell of the table's header, where a unit line belongs just above;
    `unit` is the unit assumed. None when the table states a unit, understood or not.
    """
    if layout.unit.cell is not None:
        return None
    row = layout.header_rows[0]
    letter = min(layout.fields.values(), key=column_index, default="A")
    return Issue.of(
        IssueCode.UNIT_NOT_STATED,
        path,
        sheet=sheet,
        cell=f"{letter}{row}",
        row=row,
        column=letter,
        unit=layout.unit.label,
    )
