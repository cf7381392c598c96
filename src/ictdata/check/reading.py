"""Read one file against the templates: its tables, its statements, or why there are none.

This is the part of a check that runs once per file, so it is what runs in
parallel for batches: `read_file` takes and returns only picklable values.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

import polars as pl

from ictdata.check.codes import IssueCode
from ictdata.check.issue import Issue
from ictdata.check.layout_issues import (
    layout_issues,
    legacy_encoding,
    legacy_lines,
    unit_not_stated,
    unknown_layout,
    unreadable,
)
from ictdata.check.table_currency import shown_currency
from ictdata.contracts.load import bundled_path, load_contract, load_statement_contract
from ictdata.contracts.model import Contract, StatementContract, Template, UnitReportContract
from ictdata.contracts.unit_load import load_unit_contract
from ictdata.read.grid import Grid, Source
from ictdata.read.layout import TableLayout, find_layout
from ictdata.read.source import open_source
from ictdata.read.table import RejectReason, Table, prepare_body, reject_all
from ictdata.read.unreadable import UnreadableError, UnreadableReason
from ictdata.text import clean

if TYPE_CHECKING:
    from ictdata.check.statement_frame import FoundStatement
    from ictdata.read.unit_report import UnitReport

NAME_FIELD = "name"
APPENDIX = "budget_appendix"


@dataclass(frozen=True)
class Templates:
    """The templates a batch is read against, by the path of their contract files.

    Paths, not objects, so that worker processes load them for themselves.
    """

    table_source: str | None
    statements_source: str | None
    units_source: str | None = None
    # More table templates (the budget appendix): a sheet is read as the one it fits best.
    other_table_sources: tuple[str, ...] = ()

    @classmethod
    def bundled(cls) -> Templates:
        """Every bundled template: a file is read as whichever it matches."""
        # By path: the statement and unit-report contracts load when a file needs them.
        return cls(
            load_contract("project_budget").source,
            bundled_path("budget_statement"),
            bundled_path("unit_report"),
            (load_contract(APPENDIX).source,),
        )

    @classmethod
    def only(cls, template: Template) -> Templates:
        """One template only."""
        if isinstance(template, Contract):
            return cls(template.source, None)
        if isinstance(template, UnitReportContract):
            return cls(None, None, template.source)
        return cls(None, template.source)

    @property
    def table(self) -> Contract | None:
        """The table contract, if any."""
        return load_contract(self.table_source) if self.table_source else None

    @property
    def tables(self) -> tuple[Contract, ...]:
        """Every table contract, the main one first."""
        sources = ((self.table_source,) if self.table_source else ()) + self.other_table_sources
        return tuple(load_contract(source) for source in sources)

    @property
    def statements(self) -> StatementContract | None:
        """The statements contract, if any."""
        return load_statement_contract(self.statements_source) if self.statements_source else None

    @property
    def units(self) -> UnitReportContract | None:
        """The unit-report contract, if any."""
        return load_unit_contract(self.units_source) if self.units_source else None

    @property
    def titles(self) -> str:
        """What was looked for, for the unknown-layout message."""
        found = (*self.tables, self.statements, self.units)
        return " / ".join(t.title for t in found if t is not None)


# A table found but not read: the file is not of unknown layout.
_TABLE_REFUSED = frozenset({IssueCode.MISSING_COLUMN, IssueCode.FOREIGN_CURRENCY})


@dataclass
class FileWork:
    """What reading one file gave."""

    index: int
    path: str
    source: Source | None = None
    tables: list[tuple[Table, str]] = field(default_factory=list)
    # Tables found but not cut yet, each with its prepared body: the batch cuts every
    # file's tables in one query.
    pending: list[tuple[Grid, TableLayout, str, pl.DataFrame]] = field(default_factory=list)
    statements: list[FoundStatement] = field(default_factory=list)
    issues: list[Issue] = field(default_factory=list)
    rejects: list[pl.DataFrame] = field(default_factory=list)
    unit_reports: list[UnitReport] = field(default_factory=list)

    @property
    def template(self) -> str | None:
        """The template the file was read as."""
        if self.tables:
            return self.tables[0][1]
        if self.pending:
            return self.pending[0][2]
        if self.unit_reports:
            return self.unit_reports[0].template
        if self.statements:
            return self.statements[0].template
        return None


def _best_layout(grid: Grid, contracts: Sequence[Contract]) -> tuple[TableLayout, Contract] | None:
    """The table in `grid`, read as the contract whose columns it has most of (first of equals)."""
    found = []
    for contract in contracts:
        layout = find_layout(grid, contract)
        if layout is not None and not layout.missing:
            return layout, contract  # a complete table: no other template can fit better
        if layout is not None:
            found.append((layout, contract))
    return min(found, key=lambda pair: len(pair[0].missing), default=None)


def _read_table(work: FileWork, grid: Grid, contracts: Sequence[Contract]) -> bool:
    """Find a contract's table in `grid`; True when the grid holds one (even unusable)."""
    best = _best_layout(grid, contracts)
    if best is None:
        return False
    layout, contract = best
    work.issues += layout_issues(work.path, grid.sheet, layout, contract)
    # Without the project name or without any amount column, no row can be a project.
    amount_fields = {a.field for a in contract.amount_columns}
    if NAME_FIELD in layout.missing or amount_fields <= set(layout.missing):
        work.rejects.append(reject_all(grid, RejectReason.MISSING_COLUMN, layout.body_start))
        return True
    # Figures in dollars or euros are not đồng at any scale: none of them may reach a mart,
    # whether the unit line says so or their cells' number format shows it ("$350,000").
    foreign_line = layout.unit.currency is not None
    shown = None if foreign_line else shown_currency(work.path, grid, layout, contract)
    if foreign_line or shown is not None:
        work.issues += [shown] if shown is not None else []
        work.rejects.append(reject_all(grid, RejectReason.FOREIGN_CURRENCY, layout.body_start))
        return True
    # Figures read in the default unit only because none is stated: say so, once per table.
    if (silent := unit_not_stated(work.path, grid.sheet, layout)) is not None:
        work.issues.append(silent)
    work.pending.append((grid, layout, contract.template, prepare_body(grid, layout, contract)))
    return True


def _read_statements(work: FileWork, contract: StatementContract, grids: Sequence[Grid]) -> None:
    # The statement readers (number words) load only for a file that may hold statements.
    from ictdata.check.statement_frame import FoundStatement  # noqa: PLC0415
    from ictdata.read.statement_grid import grid_statements  # noqa: PLC0415
    from ictdata.read.statements import find_statements, lines_as_places  # noqa: PLC0415

    source = work.source
    if source is not None and source.is_document:
        found = find_statements(lines_as_places(source.lines), contract)
        title = next((clean(line.text) for line in source.lines if line.text.strip()), None)
        work.statements += [
            FoundStatement(work.index, work.path, s, None, contract.template, title) for s in found
        ]
        return
    for grid in grids:
        statements, unit = grid_statements(grid, contract)
        title = grid.first_text()
        # Group numbers start at 0 in every sheet: shift them so sheets never share a group.
        offset = 1 + max((f.statement.group or 0 for f in work.statements), default=-1)
        work.statements += [
            FoundStatement(
                work.index,
                work.path,
                s if s.group is None else replace(s, group=s.group + offset),
                unit,
                contract.template,
                title,
            )
            for s in statements
        ]


def read_file(index: int, path: str, templates: Templates) -> FileWork:
    """Read file `path` (number `index` of its batch) against `templates`.

    Never raises for a file: a failure of ictdata itself on a hostile or odd
    file makes that file unreadable (reader-failed), and the batch goes on.
    """
    try:
        return _read_file(index, path, templates)
    except Exception as error:  # noqa: BLE001  (one file must never stop a batch)
        work = FileWork(index, path)
        failure = UnreadableError(
            UnreadableReason.READER_FAILED, f"{type(error).__name__}: {error}"
        )
        work.issues.append(unreadable(path, failure))
        return work


def _read_file(index: int, path: str, templates: Templates) -> FileWork:
    work = FileWork(index, path)
    try:
        work.source = open_source(Path(path))
    except UnreadableError as error:
        work.issues.append(unreadable(path, error))
        return work
    work.issues += [i for g in work.source.grids if (i := legacy_encoding(path, g)) is not None]
    if (converted := legacy_lines(path, work.source)) is not None:
        work.issues.append(converted)
    tables = templates.tables
    without_table = [g for g in work.source.grids if not _read_table(work, g, tables)]
    # The unit-report and statement readers (and their contracts) load only for files
    # with sheets left to read: a file of budget tables alone never needs them.
    units = templates.units if without_table else None
    if units is not None:
        from ictdata.check.unit_reading import read_unit_reports  # noqa: PLC0415

        without_table = read_unit_reports(work, units, without_table)
    statements = templates.statements if without_table or work.source.is_document else None
    if statements is not None:
        # Sheets without a table may hold the budget statement (a "Nguồn kinh phí" sheet).
        _read_statements(work, statements, without_table)
    if work.template is None and not any(i.code in _TABLE_REFUSED for i in work.issues):
        work.issues.append(unknown_layout(path, templates.titles))
    # Every row of a sheet that gave nothing is accounted for, even beside a good table.
    used = {f.statement.sheet for f in work.statements}
    work.rejects += [
        reject_all(grid, RejectReason.NO_TABLE) for grid in without_table if grid.sheet not in used
    ]
    return work
