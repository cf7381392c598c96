"""The Python API: check, load, build."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

import polars as pl

from ictdata import engine
from ictdata.check.codes import IssueCode
from ictdata.check.issue import Report
from ictdata.check.parallel import Progress
from ictdata.check.reading import Templates
from ictdata.contracts.load import load_template
from ictdata.contracts.model import Template
from ictdata.errors import UnloadableError, UsageError

if TYPE_CHECKING:
    from ictdata.check.runner import Batch

PathLike = str | Path
TemplateChoice = str | Path | Template | None


def _paths(paths: PathLike | Iterable[PathLike]) -> list[PathLike]:
    found = [paths] if isinstance(paths, str | Path) else list(paths)
    if not found:
        msg = "no input given. Hint: pass a file, a folder, or a list of them."
        raise UsageError(msg)
    return found


def _run(
    paths: list[PathLike], chosen: Templates, *, jobs: int = 1, progress: Progress | None = None
) -> Batch:
    # The checks bring pandera in (~0.1 s): imported when a check runs, so that the
    # worker processes of a batch, which only read files, never import it.
    from ictdata.check.duplicate_files import read_once  # noqa: PLC0415

    # A file submitted twice is read and counted once: the other copies are `duplicate-file`.
    return read_once(paths, chosen, jobs=jobs, progress=progress)


def templates(template: TemplateChoice = None) -> Templates:
    """The templates to read files against: all bundled ones (None), or the one named."""
    if template is None:
        return Templates.bundled()
    if isinstance(template, str | Path):
        template = load_template(template)
    return Templates.only(template)


def check_batch(
    paths: PathLike | Iterable[PathLike],
    template: TemplateChoice = None,
    *,
    jobs: int = 1,
    progress: Progress | None = None,
) -> Batch:
    """Read and check `paths`; the batch holds the report and the loaded data.

    `jobs` worker processes read large batches; `progress(done, total)` follows them.
    """
    found = _paths(paths)
    batch = _run(found, templates(template), jobs=jobs, progress=progress)
    if not any(Path(path).is_dir() for path in found):
        return batch  # only a folder named can be a plan package
    from ictdata.check.package import with_packages  # noqa: PLC0415  (it imports the runner)

    return with_packages(batch, found)


def check(paths: PathLike | Iterable[PathLike], *, template: TemplateChoice = None) -> Report:
    """Check one file, a folder, or several of them.

    Each file is read as whichever bundled template it matches (a project
    budget table, a budget appendix, budget statements), or only as `template`
    when given: a bundled name, a contract YAML path, or a loaded contract.
    Folders that are plan packages are then checked as wholes (`check_package`).

    >>> report = check("fixtures/valid/seed_budget.xlsx")
    >>> report.valid, report.exit_code
    (True, 0)
    """
    return check_batch(paths, template).report


def check_package(folder: PathLike, *, template: TemplateChoice = None) -> Report:
    """Check a plan package: each file as `check` does, then the files against each other.

    `report.packages` holds the package (province, year, each file's figures);
    cross-file issues sit with the file they point at and name the other place.

    >>> report = check_package("fixtures/packages/phu_tho_2014")
    >>> [(p.province, p.year, p.status.value) for p in report.packages]
    [('Phú Thọ', 2014, 'valid')]
    """
    if not Path(folder).is_dir():
        msg = f"{folder} is not a folder. Hint: a plan package is a folder of the plan's files."
        raise UsageError(msg)
    return check_batch(folder, template).report


def load(paths: PathLike | Iterable[PathLike], *, template: TemplateChoice = None) -> pl.DataFrame:
    """Load the tables in `paths`: one row per project or totals row, amounts as Int64 đồng.

    The `cells` struct column gives the A1 address of every amount. A file that cannot be
    read, or files holding no table, raise `UnloadableError` (an empty frame would look like
    a table with no projects). Data errors do not: `check` reports them.

    >>> frame = load("fixtures/valid/seed_budget.xlsx")
    >>> frame.filter(row_kind="total")["estimate_investment"].item()
    11329000000
    """
    from ictdata.marts.frames import loaded  # noqa: PLC0415  (marts load only when asked for)

    chosen = templates(template)
    if chosen.table is None:
        msg = "load reads tables. Hint: pass a table template such as project_budget."
        raise UsageError(msg)
    found = _paths(paths)
    batch = _run(found, Templates.only(chosen.table))
    _something_loaded(batch, found)
    return loaded(batch, chosen.table)


def _something_loaded(batch: Batch, paths: list[PathLike]) -> None:
    """Raise rather than return an empty frame for a typo'd path or a broken file.

    Raises:
        UnloadableError: a file named cannot be read, or no file holds a table.
    """
    unreadable = {
        result.path: issue.detail or issue.code.value
        for result in batch.report.files
        for issue in result.issues
        if issue.code is IssueCode.UNREADABLE_FILE
    }
    # A file named that cannot be read is an error; one a folder holds beside the tables
    # (a note, an old .xls) is not, unless the folder gives no table at all.
    named = {Path(path).as_posix() for path in paths if not Path(path).is_dir()}
    if failed := {path: why for path, why in unreadable.items() if path in named}:
        listed = ", ".join(f"{path} ({why})" for path, why in failed.items())
        msg = f"cannot load {listed}. Hint: `ictdata check` says what is wrong with each."
        raise UnloadableError(msg, failed)
    if not batch.tables:
        names = ", ".join(str(path) for path in paths)
        msg = f"no table in {names}. Hint: load reads budget tables; check reads the rest."
        raise UnloadableError(msg, unreadable)


def build(
    paths: PathLike | Iterable[PathLike],
    out_dir: PathLike,
    *,
    template: TemplateChoice = None,
) -> Report:
    """Check `paths` and write the Parquet marts to `out_dir`, atomically, even if checks fail."""
    batch = check_batch(paths, template)
    write_batch(batch, out_dir)
    return batch.report


def write_batch(batch: Batch, out_dir: PathLike) -> None:
    """Write the marts of a checked batch to `out_dir`, atomically."""
    from ictdata.marts.frames import marts  # noqa: PLC0415  (marts load only when asked for)
    from ictdata.marts.write import write_marts  # noqa: PLC0415

    inputs = {source.path: source.sha256 for source in batch.sources}
    rows = sum(t.table.rows.height for t in batch.tables) + batch.rejects.height
    with engine.for_rows(rows):
        built = marts(batch)
    write_marts(built, Path(out_dir), inputs)
