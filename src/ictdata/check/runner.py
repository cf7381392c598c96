"""Check a batch of files: read each once, find its tables, run every check in one pass.

The amounts of all tables of all files go into one frame and through one
pandera validation, with every check grouped by table, because a validation
call costs tens of milliseconds whatever its size.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import polars as pl

from ictdata.check.findings import rule_issues
from ictdata.check.formulas import FormulaFinding, check_formulas
from ictdata.check.issue import FileResult, Issue, Report, figure
from ictdata.check.layout_issues import layout_issues, unknown_layout, unreadable
from ictdata.check.rules import TABLE
from ictdata.check.schema import amounts_schema
from ictdata.contracts.model import Contract
from ictdata.read.grid import ROW, Source
from ictdata.read.layout import find_layout
from ictdata.read.numbers import NumberStatus, parse_amounts
from ictdata.read.source import SPREADSHEET_SUFFIXES, open_source
from ictdata.read.table import REJECT_SCHEMA, RejectReason, Table, extract_table, reject_all
from ictdata.read.unreadable import UnreadableError


@dataclass(frozen=True)
class LoadedTable:
    """A table found in a file, numbered within its batch."""

    table_id: int
    source: Source
    table: Table


@dataclass
class _FileWork:
    path: str
    source: Source | None = None
    tables: list[LoadedTable] = field(default_factory=list)
    issues: list[Issue] = field(default_factory=list)
    rejects: list[pl.DataFrame] = field(default_factory=list)


@dataclass(frozen=True)
class Batch:
    """Everything a batch of files gave: the report, and the data for marts."""

    report: Report
    tables: tuple[LoadedTable, ...]
    amounts: pl.DataFrame
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
                and p.suffix.lower() in SPREADSHEET_SUFFIXES
                and not p.name.startswith(("~$", "."))
            )
        else:
            found.append(path)
    return found


def _read(work: _FileWork, contract: Contract, next_id: int) -> int:
    try:
        work.source = open_source(Path(work.path))
    except UnreadableError as error:
        work.issues.append(unreadable(work.path, error))
        return next_id
    for grid in work.source.grids:
        layout = find_layout(grid, contract)
        if layout is None:
            continue
        work.issues += layout_issues(work.path, grid.sheet, layout, contract)
        if "name" in layout.missing or len(layout.missing) == len(contract.amount_columns):
            work.rejects.append(reject_all(grid, RejectReason.MISSING_COLUMN, layout.body_start))
            continue
        work.tables.append(LoadedTable(next_id, work.source, extract_table(grid, layout, contract)))
        next_id += 1
    if not work.tables and not any(i.code.value == "missing-column" for i in work.issues):
        work.issues.append(unknown_layout(work.path, contract))
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


def _validate(amounts: pl.DataFrame, contract: Contract) -> list[Issue]:
    if amounts.is_empty():
        return []
    import pandera.errors  # noqa: PLC0415  (pandera only when there is something to check)

    try:
        amounts_schema(contract).validate(amounts, lazy=True)
    except pandera.errors.SchemaErrors as errors:
        failures = errors.failure_cases.filter(pl.col("schema_context") == "DataFrameSchema")
        structural = errors.failure_cases.filter(pl.col("schema_context") != "DataFrameSchema")
        if not structural.is_empty():
            msg = f"ictdata built a malformed amounts frame: {structural}"
            raise AssertionError(msg) from errors
        return rule_issues(amounts, failures, contract)
    return []


def run(paths: Iterable[str | Path], contract: Contract) -> Batch:
    """Read and check every file under `paths` against `contract`."""
    work = [_FileWork(path.as_posix()) for path in expand(paths)]
    next_id = 0
    for item in work:
        next_id = _read(item, contract, next_id)
    tables = [t for item in work for t in item.tables]
    amounts = _amounts(tables)
    findings = _formula_findings(tables, amounts)
    amounts = _apply_formulas(amounts, findings)
    found = _formula_issues(tables, findings) + _validate(amounts, contract)
    by_file: dict[str, list[Issue]] = {}
    for issue in found:
        by_file.setdefault(issue.file, []).append(issue)
    results = tuple(
        FileResult(item.path, contract.template if item.source else None).with_issues(
            tuple(item.issues + by_file.get(item.path, []))
        )
        for item in work
    )
    return Batch(
        report=Report(results),
        tables=tuple(tables),
        amounts=amounts,
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
