"""Check a batch of files: read each once, find its tables, run every check in one pass.

The amounts of all tables of all files go into one frame and through one
pandera validation, with every check grouped by table, because a validation
call costs tens of milliseconds whatever its size.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pandera.errors
import pandera.polars as pa
import polars as pl

from ictdata.check.codes import IssueCode
from ictdata.check.findings import rule_issues
from ictdata.check.formulas import FormulaFinding, check_formulas
from ictdata.check.issue import FileResult, Issue, Report, figure
from ictdata.check.layout_issues import layout_issues, unknown_layout, unreadable
from ictdata.check.rules import TABLE
from ictdata.check.schema import amounts_schema, statements_schema
from ictdata.check.statement_frame import FoundStatement, statements_frame
from ictdata.contracts.load import load_contract, load_statement_contract
from ictdata.contracts.model import Contract, StatementContract, Template
from ictdata.read.grid import ROW, Grid, Source
from ictdata.read.layout import find_layout
from ictdata.read.numbers import NumberStatus, parse_amounts
from ictdata.read.source import SUPPORTED_SUFFIXES, open_source
from ictdata.read.statement_grid import grid_statements
from ictdata.read.statements import find_statements, lines_as_places
from ictdata.read.table import REJECT_SCHEMA, RejectReason, Table, extract_table, reject_all
from ictdata.read.unreadable import UnreadableError
from ictdata.text import clean


@dataclass(frozen=True)
class LoadedTable:
    """A table found in a file, numbered within its batch."""

    table_id: int
    source: Source
    table: Table
    contract: str = "project_budget"


@dataclass(frozen=True)
class Templates:
    """The templates a batch is read against: a table contract, a statements contract, or both."""

    table: Contract | None
    statements: StatementContract | None

    @classmethod
    def bundled(cls) -> Templates:
        """Every bundled template: a file is read as whichever it matches."""
        return cls(load_contract("project_budget"), load_statement_contract("budget_statement"))

    @classmethod
    def only(cls, template: Template) -> Templates:
        """One template only."""
        if isinstance(template, Contract):
            return cls(template, None)
        return cls(None, template)

    @property
    def titles(self) -> str:
        """What was looked for, for the unknown-layout message."""
        return " / ".join(t.title for t in (self.table, self.statements) if t is not None)


@dataclass
class _FileWork:
    index: int
    path: str
    source: Source | None = None
    tables: list[LoadedTable] = field(default_factory=list)
    statements: list[FoundStatement] = field(default_factory=list)
    issues: list[Issue] = field(default_factory=list)
    rejects: list[pl.DataFrame] = field(default_factory=list)

    @property
    def template(self) -> str | None:
        """The template the file was read as."""
        if self.tables:
            return self.tables[0].contract
        if self.statements:
            return self.statements[0].template
        return None


@dataclass(frozen=True)
class Batch:
    """Everything a batch of files gave: the report, and the data for marts."""

    report: Report
    tables: tuple[LoadedTable, ...]
    amounts: pl.DataFrame
    statements: pl.DataFrame
    rejects: pl.DataFrame
    sources: tuple[Source, ...]


def expand(paths: Iterable[str | Path]) -> list[Path]:
    """Files named, and the spreadsheets inside folders named (recursively, sorted)."""
    found: list[Path] = []
    for path in map(Path, paths):
        if path.is_dir():
            found += sorted(
                p
                for p in path.rglob("*")
                if p.is_file()
                and p.suffix.lower() in SUPPORTED_SUFFIXES
                and not p.name.startswith(("~$", "."))
            )
        else:
            found.append(path)
    return found


def _read_table(work: _FileWork, grid: Grid, contract: Contract, next_id: int) -> int:
    """Find `contract`'s table in `grid`; return the next table number."""
    source = work.source
    if source is None:
        return next_id
    layout = find_layout(grid, contract)
    if layout is None:
        return next_id
    work.issues += layout_issues(work.path, grid.sheet, layout, contract)
    if "name" in layout.missing or len(layout.missing) == len(contract.amount_columns):
        work.rejects.append(reject_all(grid, RejectReason.MISSING_COLUMN, layout.body_start))
        return next_id
    table = extract_table(grid, layout, contract)
    work.tables.append(LoadedTable(next_id, source, table, contract.template))
    return next_id + 1


def _read_statements(work: _FileWork, contract: StatementContract, grids: Sequence[Grid]) -> None:
    if work.source is not None and work.source.is_document:
        found = find_statements(lines_as_places(work.source.lines), contract)
        title = next((clean(line.text) for line in work.source.lines if line.text.strip()), None)
        work.statements += [
            FoundStatement(work.index, work.path, s, None, contract.template, title) for s in found
        ]
        return
    for grid in grids:
        statements, unit = grid_statements(grid, contract)
        title = grid.first_text()
        work.statements += [
            FoundStatement(work.index, work.path, s, unit, contract.template, title)
            for s in statements
        ]


def _read(work: _FileWork, templates: Templates, next_id: int) -> int:
    try:
        work.source = open_source(Path(work.path))
    except UnreadableError as error:
        work.issues.append(unreadable(work.path, error))
        return next_id
    without_table = []
    for grid in work.source.grids:
        before = next_id
        if templates.table is not None:
            next_id = _read_table(work, grid, templates.table, next_id)
        if next_id == before:
            without_table.append(grid)
    if templates.statements is not None and not work.tables:
        _read_statements(work, templates.statements, without_table)
    if work.template is None and not any(i.code is IssueCode.MISSING_COLUMN for i in work.issues):
        work.issues.append(unknown_layout(work.path, templates.titles))
        work.rejects += [reject_all(grid, RejectReason.NO_TABLE) for grid in work.source.grids]
    return next_id


def _amounts(tables: Sequence[LoadedTable]) -> pl.DataFrame:
    frames = [
        t.table.amounts.with_columns(
            pl.lit(t.table_id, dtype=pl.Int64).alias(TABLE),
            file=pl.lit(t.source.path),
            sheet=pl.lit(t.table.grid.sheet, dtype=pl.String),
            multiplier=pl.lit(t.table.layout.unit.multiplier, dtype=pl.Int64),
            unit=pl.lit(t.table.layout.unit.label),
        )
        for t in tables
    ]
    if not frames:
        return pl.DataFrame()
    return parse_amounts(pl.concat(frames, how="vertical")).collect()


def _formula_findings(
    tables: Sequence[LoadedTable], amounts: pl.DataFrame
) -> dict[int, list[FormulaFinding]]:
    found: dict[int, list[FormulaFinding]] = {}
    for t in tables:
        if not t.table.grid.formulas:
            continue
        cells = set(amounts.filter(pl.col(TABLE) == t.table_id).get_column("cell").to_list())
        found[t.table_id] = check_formulas(t.table.grid, cells, t.table.layout.unit.multiplier)
    return found


def _apply_formulas(
    amounts: pl.DataFrame, findings: dict[int, list[FormulaFinding]]
) -> pl.DataFrame:
    records = [(table_id, f.cell, f.value_vnd) for table_id, fs in findings.items() for f in fs]
    if not records:
        return amounts
    values = pl.DataFrame(
        records, schema={TABLE: pl.Int64, "cell": pl.String, "_formula": pl.Int64}, orient="row"
    )
    joined = amounts.join(values, on=[TABLE, "cell"], how="left", maintain_order="left")
    has_formula = pl.col("_formula").is_not_null()
    return joined.with_columns(
        amount_vnd=pl.when(has_formula).then("_formula").otherwise("amount_vnd"),
        number_status=pl.when(has_formula)
        .then(pl.lit(NumberStatus.OK.value))
        .otherwise("number_status"),
    ).drop("_formula")


def _formula_issues(
    tables: Sequence[LoadedTable], findings: dict[int, list[FormulaFinding]]
) -> list[Issue]:
    issues = []
    for t in tables:
        unit = t.table.layout.unit
        for f in findings.get(t.table_id, []):
            if f.code is None:
                continue
            issues.append(
                Issue.of(
                    f.code,
                    t.source.path,
                    sheet=t.table.grid.sheet,
                    cell=f.cell,
                    row=int(f.cell.lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ")),
                    column=f.cell.rstrip("0123456789"),
                    expected=figure(f.expected_vnd, unit.multiplier),
                    actual=figure(f.actual_vnd, unit.multiplier),
                    unit=unit.label,
                    detail=f"={f.formula}",
                )
            )
    return issues


def _validate(frame: pl.DataFrame, schema: pa.DataFrameSchema, template: Template) -> list[Issue]:
    """Run one pandera validation over `frame`; turn its failures into issues."""
    if frame.is_empty():
        return []
    try:
        schema.validate(frame, lazy=True)
    except pandera.errors.SchemaErrors as errors:
        failures = errors.failure_cases.filter(pl.col("schema_context") == "DataFrameSchema")
        structural = errors.failure_cases.filter(pl.col("schema_context") != "DataFrameSchema")
        if not structural.is_empty():
            msg = f"ictdata built a malformed frame for {template.template}: {structural}"
            raise AssertionError(msg) from errors
        return rule_issues(frame, failures, template)
    return []


def _check_tables(
    tables: Sequence[LoadedTable], contract: Contract | None
) -> tuple[pl.DataFrame, list[Issue]]:
    amounts = _amounts(tables)
    if contract is None or amounts.is_empty():
        return amounts, []
    findings = _formula_findings(tables, amounts)
    amounts = _apply_formulas(amounts, findings)
    issues = _formula_issues(tables, findings)
    return amounts, issues + _validate(amounts, amounts_schema(contract), contract)


def _check_statements(
    found: Sequence[FoundStatement], contract: StatementContract | None
) -> tuple[pl.DataFrame, list[Issue]]:
    if contract is None or not found:
        return pl.DataFrame(), []
    frame = statements_frame(found, contract)
    return frame, _validate(frame, statements_schema(contract), contract)


def run(paths: Iterable[str | Path], templates: Templates) -> Batch:
    """Read and check every file under `paths` against `templates`."""
    work = [_FileWork(index, path.as_posix()) for index, path in enumerate(expand(paths))]
    next_id = 0
    for item in work:
        next_id = _read(item, templates, next_id)
    tables = [t for item in work for t in item.tables]
    amounts, table_issues = _check_tables(tables, templates.table)
    statements, statement_issues = _check_statements(
        [s for item in work for s in item.statements], templates.statements
    )
    by_file: dict[str, list[Issue]] = {}
    for issue in table_issues + statement_issues:
        by_file.setdefault(issue.file, []).append(issue)
    results = tuple(
        FileResult(item.path, item.template).with_issues(
            tuple(item.issues + by_file.get(item.path, []))
        )
        for item in work
    )
    return Batch(
        report=Report(results),
        tables=tuple(tables),
        amounts=amounts,
        statements=statements,
        rejects=_rejects(work),
        sources=tuple(item.source for item in work if item.source is not None),
    )


def _rejects(work: Sequence[_FileWork]) -> pl.DataFrame:
    frames = [
        frame.with_columns(
            file=pl.lit(item.path), sheet=pl.lit(table.table.grid.sheet, dtype=pl.String)
        )
        for item in work
        for table in item.tables
        for frame in [table.table.rejects]
    ]
    frames += [
        frame.with_columns(file=pl.lit(item.path), sheet=pl.lit(None, dtype=pl.String))
        for item in work
        for frame in item.rejects
    ]
    schema = {"file": pl.String, "sheet": pl.String, **REJECT_SCHEMA}
    if not frames:
        return pl.DataFrame(schema=schema)
    return pl.concat([f.select(list(schema)) for f in frames]).sort(
        "file", "sheet", ROW, nulls_last=False
    )
