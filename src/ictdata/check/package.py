"""Check a plan package as a whole: its budget statement, project table and budget appendix.

A package is a folder holding one plan's files, named on the command line or
inside a folder that was: one with a manifest (`ictdata.yaml`), or one where a
budget appendix was found (roles, province and year are then inferred). Each
file is checked on its own first; then the files are compared, and every
disagreement is an issue at one place that names the other
(`related_file`, `related_cell`, `related_row`).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from types import MappingProxyType

import polars as pl

from ictdata.check.codes import IssueCode
from ictdata.check.duplicate_files import first_copy
from ictdata.check.issue import Figure, FileResult, FileStatus, Issue, Report
from ictdata.check.layout_issues import unreadable
from ictdata.check.names import Named, best_match
from ictdata.check.package_facts import (
    Amount,
    Budget,
    Place,
    Stated,
    appendix_budget,
    project_demands,
    same_value,
    stated_in_lines,
    stated_in_table,
    statement_budget,
)
from ictdata.check.runner import Batch, LoadedTable
from ictdata.check.scale import FACTORS
from ictdata.contracts.load import load_contract
from ictdata.contracts.model import Contract
from ictdata.read.cells import split_cell
from ictdata.read.manifest import MANIFEST_NAME, ROLES, Manifest, read_manifest
from ictdata.read.unreadable import UnreadableError

APPENDIX = "budget_appendix"
PROJECTS = "project_budget"
STATEMENTS = "budget_statement"
TEMPLATE_ROLES = {STATEMENTS: "statement", PROJECTS: "projects", APPENDIX: "appendix"}
DONG = "đồng"
_STATUS_ORDER = (FileStatus.VALID, FileStatus.INVALID, FileStatus.UNREADABLE)


@dataclass(frozen=True)
class PackageResult:
    """One plan package: what it is, what each file says, and the cross-file issues."""

    folder: str
    manifest: str | None
    province: str | None
    year: int | None
    files: Mapping[str, str]
    statement: Budget | None
    appendix: Budget | None
    projects_demand_vnd: int | None
    issues: tuple[Issue, ...]
    status: FileStatus

    def total_vnd(self, side: str) -> int | None:
        """The plan's total as the `statement` or the `appendix` gives it, in đồng."""
        budget = self.statement if side == "statement" else self.appendix
        return budget.total.vnd if budget is not None and budget.total is not None else None

    def source_vnd(self, side: str, source: str) -> int | None:
        """A source's share (`provincial`, `district`, `other`) as one side gives it, in đồng."""
        budget = self.statement if side == "statement" else self.appendix
        amount = budget.sources.get(source) if budget is not None else None
        return amount.vnd if amount is not None else None


@dataclass(frozen=True)
class Package:
    """A folder of one plan's files: its manifest (if any) and which file plays which role."""

    folder: str
    manifest: Manifest | None
    files: Mapping[str, str]


def _named_folders(paths: Iterable[str | Path]) -> list[Path]:
    return [Path(p).resolve() for p in paths if Path(p).is_dir()]


def aliases(batch: Batch) -> dict[str, str]:
    """Each copy (`duplicate-file`) of a file in another folder, mapped to that file.

    A package whose file is counted elsewhere reads it there: the bytes are the same.
    """
    return {
        r.path: first
        for r in batch.report.files
        if (first := first_copy(r)) is not None and Path(first).parent != Path(r.path).parent
    }


def _held(batch: Batch) -> dict[str, list[str]]:
    """The templates each file holds: its tables' (a workbook may hold two), its statements'."""
    held: dict[str, list[str]] = {}
    for table in batch.tables:
        held.setdefault(table.source.path, []).append(table.contract)
    if not batch.statements.is_empty():
        for file in batch.statements.get_column("file").unique(maintain_order=True):
            held.setdefault(file, []).append(STATEMENTS)
    for copy, first in aliases(batch).items():
        held[copy] = held.get(first, [])
    return held


def _roles(
    results: Sequence[str],
    folder: str,
    manifest: Manifest | None,
    held: Mapping[str, Sequence[str]],
) -> dict[str, str]:
    """Which file is which: as the manifest says, else by the templates each file holds."""
    by_resolved = {Path(path).resolve(): path for path in results}
    roles: dict[str, str] = {}
    if manifest is not None:
        for role, name in manifest.files.items():
            if (path := by_resolved.get((Path(folder) / name).resolve())) is not None:
                roles[role] = path
    taken = set(roles.values())
    for path in sorted(results):
        for template in held.get(path, ()):
            inferred = TEMPLATE_ROLES.get(template)
            if inferred is not None and inferred not in roles and path not in taken:
                roles[inferred] = path
    return {role: roles[role] for role in ROLES if role in roles}


def _manifest(folder: str, bad: list[FileResult]) -> Manifest | None:
    """The folder's manifest; a bad one is an unreadable file of the batch (then inferred)."""
    try:
        return read_manifest(Path(folder), folder)
    except UnreadableError as error:
        path = f"{folder}/{MANIFEST_NAME}"
        bad.append(FileResult(path, "manifest", (unreadable(path, error),)))
        return None


def find_packages(
    batch: Batch, paths: Iterable[str | Path]
) -> tuple[list[Package], list[FileResult]]:
    """The plan packages among the checked files (folders inside the folders named).

    Manifests that cannot be read come back as unreadable files.
    """
    return packages_among([r.path for r in batch.report.files], _held(batch), paths)


def packages_among(
    files: Iterable[str], held: Mapping[str, Sequence[str]], paths: Iterable[str | Path]
) -> tuple[list[Package], list[FileResult]]:
    """The plan packages among `files`, given the templates each file `held`.

    `paths` are the paths named: a package is a folder inside a folder named.
    """
    named = _named_folders(paths)
    by_folder: dict[str, list[str]] = {}
    for path in files:
        by_folder.setdefault(Path(path).parent.as_posix(), []).append(path)
    packages: list[Package] = []
    bad: list[FileResult] = []
    for folder, results in sorted(by_folder.items()):
        resolved = Path(folder).resolve()
        if not any(resolved == n or n in resolved.parents for n in named):
            continue
        has_manifest = (Path(folder) / MANIFEST_NAME).is_file()
        manifest = _manifest(folder, bad)
        roles = _roles(results, folder, manifest, held)
        if has_manifest or "appendix" in roles:
            packages.append(Package(folder, manifest, MappingProxyType(roles)))
    return packages, bad


def _scale(expected: int, actual: int) -> Figure | None:
    """The power of 1,000 that turns `actual` into `expected`, as words-mismatch reports it."""
    for factor in FACTORS:
        if actual != 0 and actual * factor == expected:
            return int(factor) if factor.denominator == 1 else float(factor)
    return None


def cross_issue(code: IssueCode, here: Place, there: Place, **fields: int | str | None) -> Issue:
    """An issue at `here` that names `there`, the other file's place.

    `fields` are `expected` and `actual` (in đồng) and `detail`.
    """
    expected, actual = fields.get("expected"), fields.get("actual")
    money = expected is not None or actual is not None
    return Issue.of(
        code,
        here.file,
        sheet=here.sheet,
        cell=here.cell,
        row=here.row,
        column=split_cell(here.cell)[0] if here.cell else None,
        expected=expected,
        actual=actual,
        unit=DONG if money else None,
        scale_factor=_scale(expected, actual)
        if isinstance(expected, int) and isinstance(actual, int)
        else None,
        detail=fields.get("detail"),
        related_file=there.file,
        related_sheet=there.sheet,
        related_cell=there.cell,
        related_row=there.row,
    )


def _differs(first: Amount, second: Amount) -> bool:
    return first.vnd is not None and second.vnd is not None and first.vnd != second.vnd


def budget_issues(statement: Budget, appendix: Budget) -> list[Issue]:
    """The statement's total and sources against the appendix's."""
    issues = []
    if statement.total and appendix.total and _differs(statement.total, appendix.total):
        issues.append(
            cross_issue(
                IssueCode.CROSS_TOTAL_MISMATCH,
                statement.total.place,
                appendix.total.place,
                expected=appendix.total.vnd,
                actual=statement.total.vnd,
            )
        )
    for kind, share in statement.sources.items():
        other = appendix.sources.get(kind)
        if other is not None and _differs(share, other):
            issues.append(
                cross_issue(
                    IssueCode.CROSS_SOURCE_MISMATCH,
                    share.place,
                    other.place,
                    expected=other.vnd,
                    actual=share.vnd,
                    detail=kind,
                )
            )
    return issues


def project_issues(
    demands: Sequence[tuple[Named, Amount]], appendix: Budget, contract: Contract, file: str
) -> list[Issue]:
    """Each project's plan-year demand against its line in the appendix."""
    lines = [named for named, _ in appendix.lines]
    amounts = {named.index: amount for named, amount in appendix.lines}
    issues = []
    for wanted, demand in demands:
        line = best_match(wanted, lines, contract.abbreviations)
        name = wanted.name
        if line is None:
            issues.append(
                cross_issue(
                    IssueCode.CROSS_PROJECT_MISMATCH,
                    demand.place,
                    appendix.end or Place(file),
                    expected=0,
                    actual=demand.vnd,
                    detail=f"no-line: {name}",
                )
            )
        elif _differs(demand, amounts[line.index]):
            issues.append(
                cross_issue(
                    IssueCode.CROSS_PROJECT_MISMATCH,
                    demand.place,
                    amounts[line.index].place,
                    expected=amounts[line.index].vnd,
                    actual=demand.vnd,
                    detail=name,
                )
            )
    return issues


def _reference(what: str, stated: Sequence[Stated], manifest: Manifest | None) -> Stated | None:
    """The package's year or province: the manifest's, else what most files state."""
    declared = None if manifest is None else manifest.year if what == "year" else manifest.province
    if manifest is not None and declared is not None:
        return Stated(what, str(declared), Place(manifest.path, row=manifest.lines.get(what)))
    values = [s for s in stated if s.what == what]
    if not values:
        return None
    counts = Counter(s.value for s in values)
    return max(values, key=lambda s: counts[s.value])


def year_issues(stated: Sequence[Stated], manifest: Manifest | None) -> list[Issue]:
    """Files that state another plan year or province than the package's."""
    issues: list[Issue] = []
    for what in ("year", "province"):
        reference = _reference(what, stated, manifest)
        if reference is None:
            continue
        issues.extend(
            cross_issue(
                IssueCode.CROSS_YEAR_MISMATCH,
                fact.place,
                reference.place,
                detail=f"{what}: {fact.value} ≠ {reference.value}",
            )
            for fact in stated
            if fact.what == what and not same_value(what, fact.value, reference.value)
        )
    return issues


def _table(
    batch: Batch, file: str | None, template: str, copied: Mapping[str, str]
) -> LoadedTable | None:
    """The `template` table of `file`; for a copy, its first copy's table read at the copy."""
    own = copied.get(file, file) if file is not None else None
    found = next((t for t in batch.tables if t.source.path == own and t.contract == template), None)
    if found is None or own == file:
        return found
    return replace(found, source=next(s for s in batch.sources if s.path == file))


def _statements(batch: Batch, file: str, copied: Mapping[str, str]) -> pl.DataFrame:
    """The statements of `file`; for a copy, its first copy's, at the copy."""
    own = copied.get(file, file)
    if own == file or batch.statements.is_empty():
        return batch.statements
    return batch.statements.filter(pl.col("file") == own).with_columns(file=pl.lit(file))


@dataclass(frozen=True)
class _Read:
    """A package's files as read: the statement, the tables, what each states."""

    statement: Budget | None
    appendix: Budget | None
    projects: LoadedTable | None
    stated: list[Stated]


def _read(
    batch: Batch, package: Package, contracts: Mapping[str, Contract], copied: Mapping[str, str]
) -> _Read:
    files = package.files
    appendix_table = _table(batch, files.get("appendix"), APPENDIX, copied)
    projects = _table(batch, files.get("projects"), PROJECTS, copied)
    statement_file = files.get("statement")
    statement = (
        statement_budget(
            _statements(batch, statement_file, copied), statement_file, contracts[APPENDIX]
        )
        if statement_file
        else None
    )
    stated: list[Stated] = []
    source = next((s for s in batch.sources if s.path == statement_file), None)
    if source is not None and source.is_document:
        stated += stated_in_lines(source)
    for table in (projects, appendix_table):
        if table is not None:
            stated += stated_in_table(table, contracts[table.contract])
    appendix = appendix_budget(appendix_table, batch.amounts) if appendix_table else None
    return _Read(statement, appendix, projects, stated)


def check_one(
    batch: Batch, package: Package, copied: Mapping[str, str] | None = None
) -> PackageResult:
    """Compare the files of one package; the result holds the cross-file issues.

    `copied` maps the batch's copies to the files kept elsewhere (`aliases`).
    """
    contracts = {name: load_contract(name) for name in (APPENDIX, PROJECTS)}
    read = _read(batch, package, contracts, aliases(batch) if copied is None else copied)
    issues = year_issues(read.stated, package.manifest)
    if read.statement is not None and read.appendix is not None:
        issues += budget_issues(read.statement, read.appendix)
    demands = (
        project_demands(read.projects, batch.amounts, contracts[PROJECTS])
        if read.projects is not None
        else ()
    )
    if read.appendix is not None:
        file = package.files["appendix"]
        issues += project_issues(demands, read.appendix, contracts[APPENDIX], file)
    year = _reference("year", read.stated, package.manifest)
    province = _reference("province", read.stated, package.manifest)
    demand_values = [d.vnd for _, d in demands if d.vnd is not None]
    return PackageResult(
        folder=package.folder,
        manifest=package.manifest.path if package.manifest else None,
        province=province.value if province else None,
        year=int(year.value) if year else None,
        files=package.files,
        statement=read.statement,
        appendix=read.appendix,
        projects_demand_vnd=sum(demand_values) if demand_values else None,
        issues=tuple(issues),
        status=FileStatus.VALID,
    )


def _status(results: Iterable[FileResult]) -> FileStatus:
    return max((r.status for r in results), key=_STATUS_ORDER.index, default=FileStatus.VALID)


def with_packages(batch: Batch, paths: Iterable[str | Path]) -> Batch:
    """The batch with its plan packages checked: cross-file issues go to the file they point at."""
    found, bad = find_packages(batch, paths)
    kept = aliases(batch)
    packages = [check_one(batch, p, kept) for p in found]
    if not packages:
        return batch
    extra: dict[str, list[Issue]] = {}
    for package in packages:
        for issue in package.issues:
            extra.setdefault(issue.file, []).append(issue)
    files = tuple(
        r.with_issues(r.issues + tuple(extra[r.path])) if r.path in extra else r
        for r in batch.report.files
    ) + tuple(bad)
    by_path = {r.path: r for r in files}
    # A copy's own issues are its first copy's: that file's status before the packages.
    before = {r.path: r for r in batch.report.files}
    own = {copy: before[first] for copy, first in kept.items()}
    finished = tuple(
        replace(
            p,
            status=_status(
                r
                for f in (*p.files.values(), f"{p.folder}/{MANIFEST_NAME}")
                for r in (by_path.get(f), own.get(f))
                if r is not None
            ),
        )
        for p in packages
    )
    return replace(batch, report=Report(files, finished))
