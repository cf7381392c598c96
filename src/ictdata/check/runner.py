"""Check a batch of files: read each once, find its tables, run every check in one pass.

The amounts of all tables of all files go into one frame and through one
pandera validation, with every check grouped by table, because a validation
call costs tens of milliseconds whatever its size.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from importlib import import_module
from pathlib import Path
from typing import TYPE_CHECKING

import polars as pl

from ictdata import engine
from ictdata.check.consequences import RECHECKED, Place, mark_consequences
from ictdata.check.formula_rows import group_formula_rows
from ictdata.check.issue import FileResult, FileStatus, Issue, Report, figure
from ictdata.check.merged_rows import merged_row_conflicts
from ictdata.check.missing_total import missing_total
from ictdata.check.parallel import Progress, read_all
from ictdata.check.reading import FileWork, Templates
from ictdata.check.rules import COLUMN_GROUP, TABLE, fits_keys
from ictdata.check.second_table import second_table
from ictdata.check.statement_currency import set_aside_foreign
from ictdata.check.unit_check import unit_values
from ictdata.contracts.model import Contract, StatementContract, Template, UnitReportContract
from ictdata.errors import UsageError
from ictdata.read.cells import split_cell
from ictdata.read.grid import ROW, Source
from ictdata.read.numbers import NumberStatus, parse_cells
from ictdata.read.source import SUPPORTED_SUFFIXES
from ictdata.read.table import REJECT_SCHEMA, TABLE_INDEX, Cut, Table, cut_tables

if TYPE_CHECKING:
    from pandera.api.polars.container import DataFrameSchema

    from ictdata.check.formulas import FormulaFinding
    from ictdata.check.statement_frame import FoundStatement

# pandera costs a tenth of a second to import: `run` starts it in a thread while files
# are read (calamine and zlib release the GIL), and the checks import it when they run.
_SCHEMAS = "ictdata.check.schema"


@dataclass(frozen=True)
class LoadedTable:
    """A table found in a file, numbered within its batch."""

    table_id: int
    source: Source
    table: Table
    contract: str = "project_budget"


@dataclass(frozen=True)
class Batch:
    """Everything a batch of files gave: the report, and the data for marts."""

    report: Report
    tables: tuple[LoadedTable, ...]
    amounts: pl.DataFrame
    statements: pl.DataFrame
    rejects: pl.DataFrame
    sources: tuple[Source, ...]
    unit_values: pl.DataFrame = field(default_factory=pl.DataFrame)
    unit_contract: str | None = None  # the unit-report contract's path, for the roll-up

    def checked_sheets(self) -> dict[str, set[str | None]]:
        """For each file, the sheets a table or statements were read from."""
        checked: dict[str, set[str | None]] = {}
        for loaded in self.tables:
            checked.setdefault(loaded.source.path, set()).add(loaded.table.grid.sheet)
        if not self.statements.is_empty():
            for file, sheet in self.statements.select("file", "sheet").unique().iter_rows():
                checked.setdefault(file, set()).add(sheet)
        if not self.unit_values.is_empty():
            for file, sheet in self.unit_values.select("file", "sheet").unique().iter_rows():
                checked.setdefault(file, set()).add(sheet)
        return checked


# Files that sit in submission folders but are never submissions.
_NOT_SUBMISSIONS = ("README", "LICENSE", "CHANGELOG", "CONTRIBUTING")
# The names report/annotate.py gives its copies: `name.annotated.xlsx`, `name.annotated-2.xlsx`.
_ANNOTATED = re.compile(r"\.annotated(?:-[0-9]+)?$")


def may_be_submission(path: Path) -> bool:
    """Whether a file found in a folder (or by a pattern) may be a submission.

    Not Excel's lock files (`~$name.xlsx`), hidden files, READMEs and the like, nor the
    marked-up copies `--annotate` writes (`name.annotated.xlsx`).
    """
    return (
        path.suffix.lower() in SUPPORTED_SUFFIXES
        and not path.name.startswith(("~$", "."))
        and not path.stem.upper().startswith(_NOT_SUBMISSIONS)
        and _ANNOTATED.search(path.stem) is None
    )


def expand(paths: Iterable[str | Path]) -> list[Path]:
    """Files named, and the spreadsheets inside folders named (recursively, sorted)."""
    found: list[Path] = []
    for path in map(Path, paths):
        if path.is_dir():
            found += sorted(p for p in path.rglob("*") if p.is_file() and may_be_submission(p))
        else:
            found.append(path)
    unique: dict[Path, Path] = {}
    for path in found:  # a file named twice (or inside a folder also named) is checked once
        unique.setdefault(path.resolve(), path)
    return list(unique.values())


def _amounts(tables: Sequence[LoadedTable], cut: pl.DataFrame) -> pl.DataFrame:
    """Every amount cell of the batch, with its table's file, sheet and unit, read as đồng.

    The tables' facts are looked up by table number, column by column: a join
    would copy every column of the batch's cells (100 MB for 100,000 rows).
    """
    if not tables:
        return pl.DataFrame()
    facts: dict[str, tuple[pl.DataType, dict[int, object]]] = {
        "file": (pl.String(), {t.table_id: t.source.path for t in tables}),
        "sheet": (pl.String(), {t.table_id: t.table.grid.sheet for t in tables}),
        "multiplier": (pl.Int64(), {t.table_id: t.table.layout.unit.multiplier for t in tables}),
        "unit": (pl.String(), {t.table_id: t.table.layout.unit.label for t in tables}),
    }
    # Tables are numbered as they were cut, so the cut's numbers are the tables' ids.
    frame = cut.rename({TABLE_INDEX: TABLE}).select(
        *[c for c in cut.columns if c != TABLE_INDEX],
        TABLE,
        *[_by_table(name, dtype, values) for name, (dtype, values) in facts.items()],
    )
    return parse_cells(frame, list(COLUMN_GROUP))


def _by_table(name: str, dtype: pl.DataType, values: dict[int, object]) -> pl.Expr:
    """One fact of each row's table: a constant for a one-table batch."""
    if len(values) == 1:
        return pl.lit(next(iter(values.values())), dtype=dtype).alias(name)
    return pl.col(TABLE).replace_strict(values, return_dtype=dtype).alias(name)


def _formula_findings(
    tables: Sequence[LoadedTable], amounts: pl.DataFrame
) -> dict[int, list[FormulaFinding]]:
    found: dict[int, list[FormulaFinding]] = {}
    for t in tables:
        if not t.table.grid.formulas:
            continue
        # The formula evaluator loads only for a batch with formulas.
        from ictdata.check.formulas import check_formulas  # noqa: PLC0415

        cells = set(amounts.filter(pl.col(TABLE) == t.table_id).get_column("cell").to_list())
        found[t.table_id] = check_formulas(t.table.grid, cells, t.table.layout.unit.multiplier)
    return found


def _apply_formulas(
    amounts: pl.DataFrame, findings: dict[int, list[FormulaFinding]]
) -> pl.DataFrame:
    """Use each formula cell's value; a value nobody can know makes the cell "unknown"."""
    records = [(table_id, f.cell, f.value_vnd) for table_id, fs in findings.items() for f in fs]
    if not records:
        return amounts
    schema = {TABLE: pl.Int64, "cell": pl.String, "_formula": pl.Int64}
    values = pl.DataFrame(records, schema=schema, orient="row").with_columns(_has_formula=True)
    joined = amounts.join(values, on=[TABLE, "cell"], how="left", maintain_order="left")
    has_formula = pl.col("_has_formula").fill_null(value=False)
    known = pl.col("_formula").is_not_null()
    status = (
        pl.when(known)
        .then(pl.lit(NumberStatus.OK.value))
        .otherwise(pl.lit(NumberStatus.UNKNOWN.value))
    )
    return joined.with_columns(
        amount_vnd=pl.when(has_formula).then("_formula").otherwise("amount_vnd"),
        number_status=pl.when(has_formula).then(status).otherwise("number_status"),
    ).drop("_formula", "_has_formula")


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
                    row=split_cell(f.cell)[1],
                    column=split_cell(f.cell)[0],
                    expected=figure(f.expected_vnd, unit.multiplier),
                    actual=figure(f.actual_vnd, unit.multiplier),
                    unit=unit.label,
                    detail=f"={f.formula}",
                )
            )
    return group_formula_rows(issues)


def _validate(frame: pl.DataFrame, schema: DataFrameSchema, template: Template) -> list[Issue]:
    """Run one pandera validation over `frame`; turn its failures into issues."""
    failures = _failures(frame, schema, template)
    if failures is None:
        return []
    # What turns failures into issues (figures, scale suspects) loads only on a failure.
    from ictdata.check.findings import rule_issues  # noqa: PLC0415

    return rule_issues(frame, failures, template)


def _failures(
    frame: pl.DataFrame, schema: DataFrameSchema, template: Template
) -> pl.DataFrame | None:
    """The rules' failures (`check`, `index`) of one pandera validation; None when it passes."""
    if frame.is_empty():
        return None
    from pandera.errors import SchemaErrors  # noqa: PLC0415  (see _SCHEMAS)

    try:
        schema.validate(frame, lazy=True)
    except SchemaErrors as errors:
        failures: pl.DataFrame = errors.failure_cases.filter(
            pl.col("schema_context") == "DataFrameSchema"
        )
        structural = errors.failure_cases.filter(pl.col("schema_context") != "DataFrameSchema")
        if not structural.is_empty():
            msg = f"ictdata built a malformed frame for {template.template}: {structural}"
            raise AssertionError(msg) from errors
        return failures
    return None


def _recheck(frame: pl.DataFrame, schema: DataFrameSchema, template: Template) -> list[Place]:
    """Where the rules fail on `frame`: a slip's recheck compares places, not figures."""
    failures = _failures(frame, schema, template)
    if failures is None:
        return []
    from ictdata.check.findings import failing_places  # noqa: PLC0415  (as in _validate)

    return failing_places(frame, failures)


def _check_tables(
    tables: Sequence[LoadedTable], cut: pl.DataFrame, contract: Contract | None
) -> tuple[pl.DataFrame, list[Issue]]:
    with engine.in_memory():  # it adds columns to the cut's: 0.19 s streaming, 0.10 s so
        amounts = _amounts(tables, cut)
    if contract is None or amounts.is_empty():
        return amounts, []
    if not fits_keys(amounts):
        msg = "the batch is too large to check at once. Hint: check its files in smaller batches."
        raise UsageError(msg)
    findings = _formula_findings(tables, amounts)
    amounts = _apply_formulas(amounts, findings)
    issues = _formula_issues(tables, findings)
    from ictdata.check.schema import amounts_schema  # noqa: PLC0415  (see _SCHEMAS)

    issues += _validate(amounts, amounts_schema(contract), contract)
    recheck = amounts_schema(contract, RECHECKED)
    return amounts, mark_consequences(amounts, issues, lambda f: _recheck(f, recheck, contract))


def _check_statements(
    found: Sequence[FoundStatement], contract: StatementContract | None
) -> tuple[pl.DataFrame, list[Issue]]:
    if contract is None or not found:
        return pl.DataFrame(), []
    # The statement readers (number words) load only for a batch with statements.
    from ictdata.check.statement_frame import statements_frame  # noqa: PLC0415

    frame = statements_frame(found, contract)
    from ictdata.check.schema import statements_schema  # noqa: PLC0415  (see _SCHEMAS)

    return frame, _validate(frame, statements_schema(contract), contract)


def _check_units(
    work: Sequence[FileWork], contract: UnitReportContract | None
) -> tuple[pl.DataFrame, list[Issue]]:
    frame = unit_values(work, contract)
    if contract is None:
        return frame, []
    from ictdata.check.schema import unit_values_schema  # noqa: PLC0415  (see _SCHEMAS)

    return frame, _validate(frame, unit_values_schema(contract), contract)


def _check_unit_batch(
    frame: pl.DataFrame, contract: UnitReportContract | None, results: Sequence[FileResult]
) -> tuple[pl.DataFrame, list[Issue]]:
    """The batch rules over unit values (a unit reported twice), files' own checks known."""
    if contract is None or frame.is_empty():
        return frame, []
    invalid = [r.path for r in results if r.status is not FileStatus.VALID]
    # The unit registry loads only for a batch with unit reports.
    from ictdata.check import unit_duplicates  # noqa: PLC0415

    prepared = unit_duplicates.prepare(frame, contract, invalid)
    from ictdata.check.schema import unit_batch_schema  # noqa: PLC0415  (see _SCHEMAS)

    return prepared, _validate(prepared, unit_batch_schema(contract), contract)


TemplateCut = tuple[Contract, Cut]  # one template's tables, cut together


def _cut_tables(work: Sequence[FileWork], contracts: Sequence[Contract]) -> list[TemplateCut]:
    """Cut every file's tables in one query per template, in file order."""
    cuts = []
    for contract in contracts:
        pending = [
            (item, *found)
            for item in work
            for found in item.pending
            if found[2] == contract.template
        ]
        if not pending:
            continue
        cut = cut_tables(
            [(grid, layout) for _, grid, layout, _, _ in pending],
            contract,
            [body for *_, body in pending],
        )
        for (item, _, _, template, _), table in zip(pending, cut.tables, strict=True):
            item.tables.append((table, template))
            for found in (second_table(item.path, table), missing_total(item.path, table)):
                if found is not None:
                    item.issues.append(found)
            item.issues += merged_row_conflicts(item.path, table)
        cuts.append((contract, cut))
    for item in work:
        item.pending.clear()
    return cuts


def _check_all_tables(
    tables: Sequence[LoadedTable], cuts: Sequence[TemplateCut]
) -> tuple[pl.DataFrame, list[Issue]]:
    """Check each template's tables against its own contract; one amounts frame for all.

    A cut numbers its tables from 0; they are renumbered as the batch's tables.
    """
    ids = {id(t.table): t.table_id for t in tables}
    frames, issues = [], []
    for contract, cut in cuts:
        numbers = {index: ids[id(table)] for index, table in enumerate(cut.tables)}
        amounts = cut.amounts
        if any(index != number for index, number in numbers.items()):
            amounts = amounts.with_columns(
                pl.col(TABLE_INDEX).replace_strict(numbers, return_dtype=pl.Int64)
            )
        own = [t for t in tables if t.contract == contract.template]
        checked, found = _check_tables(own, amounts, contract)
        frames.append(checked)
        issues += found
    if len(frames) > 1:  # each contract has its own stage and funding-kind enums
        frames = [f.with_columns(pl.col("stage", "funding_kind").cast(pl.String)) for f in frames]
    return (pl.concat(frames, how="vertical") if frames else pl.DataFrame()), issues


def run(
    paths: Iterable[str | Path],
    templates: Templates,
    *,
    jobs: int = 1,
    progress: Progress | None = None,
) -> Batch:
    """Read and check every file under `paths` against `templates`.

    Files are read by `jobs` worker processes when the batch is large enough
    to repay starting them; everything is checked together in this process.
    """
    files = to_check(paths)
    work = read_all(files, templates, jobs=jobs, progress=progress)
    return check_read(work, templates)


def to_check(paths: Iterable[str | Path]) -> list[Path]:
    """The files under `paths` (as `expand`); starts loading the checks while files are read.

    Raises:
        UsageError: there is no file to check.
    """
    files = expand(paths)
    if not files:
        msg = "no file to check. Hint: name .xlsx, .csv, .txt, .md or .docx files, or folders."
        vi = "không có tệp nào để kiểm tra. Gợi ý: nêu tệp .xlsx, .csv, .txt, .md, .docx, thư mục."
        raise UsageError(msg, vi)
    threading.Thread(target=import_module, args=(_SCHEMAS,), daemon=True).start()
    return files


def check_read(work: Sequence[FileWork], templates: Templates) -> Batch:
    """Check what `read_all` gave: every table, statement and unit report of the batch."""
    with engine.for_rows(_rows(work)):
        return _checked(work, templates)


def _rows(work: Sequence[FileWork]) -> int:
    """The rows of every sheet read: what the checks' queries will go over."""
    return sum(g.cells.height for item in work if item.source for g in item.source.grids)


def _checked(work: Sequence[FileWork], templates: Templates) -> Batch:
    """Check what `read_all` gave, tables first, then statements and unit reports."""
    cuts = _cut_tables(work, templates.tables)
    tables = [
        LoadedTable(number, item.source, table, template)
        for number, (item, table, template) in enumerate(
            (item, table, template) for item in work for table, template in item.tables
        )
        if item.source is not None
    ]
    amounts, table_issues = _check_all_tables(tables, cuts)
    # A template's contract is loaded when some file holds its kind of data, not before.
    found = [s for item in work for s in item.statements]
    statements, statement_issues = _check_statements(found, templates.statements if found else None)
    statements, foreign = set_aside_foreign(statements)
    unit_contract = templates.units if any(item.unit_reports for item in work) else None
    units, unit_issues = _check_units(work, unit_contract)
    by_file: dict[str, list[Issue]] = {}
    for issue in table_issues + statement_issues + unit_issues:
        by_file.setdefault(issue.file, []).append(issue)
    results = _results(work, by_file)
    units, batch_issues = _check_unit_batch(units, unit_contract, results)
    if batch_issues:
        for issue in batch_issues:
            by_file.setdefault(issue.file, []).append(issue)
        results = _results(work, by_file)
    return Batch(
        report=Report(results),
        tables=tuple(tables),
        amounts=amounts,
        statements=statements,
        rejects=_rejects(work, foreign),
        sources=tuple(item.source for item in work if item.source is not None),
        unit_values=units,
        unit_contract=templates.units_source,
    )


def _results(work: Sequence[FileWork], by_file: dict[str, list[Issue]]) -> tuple[FileResult, ...]:
    return tuple(
        FileResult(item.path, item.template).with_issues(
            tuple(item.issues + by_file.get(item.path, []))
        )
        for item in work
    )


def _rejects(work: Sequence[FileWork], statements: pl.DataFrame) -> pl.DataFrame:
    """Every file's rejected rows, and the `statements` set aside (foreign-currency)."""
    frames = [
        frame.with_columns(file=pl.lit(item.path), sheet=pl.lit(table.grid.sheet, dtype=pl.String))
        for item in work
        for table, _ in item.tables
        for frame in [table.rejects]
    ]
    frames += [
        frame.with_columns(file=pl.lit(item.path)) for item in work for frame in item.rejects
    ]
    frames += [statements] if not statements.is_empty() else []
    schema = {"file": pl.String, "sheet": pl.String, **REJECT_SCHEMA}
    if not frames:
        return pl.DataFrame(schema=schema)
    return pl.concat([f.select(list(schema)) for f in frames]).sort(
        "file", "sheet", ROW, nulls_last=False
    )
