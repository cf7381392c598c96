"""The Python API: check, load, build."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import polars as pl

from ictdata.check.issue import Report
from ictdata.check.runner import Batch, run
from ictdata.contracts.load import load_contract
from ictdata.contracts.model import Contract
from ictdata.errors import UsageError

PathLike = str | Path
DEFAULT_TEMPLATE = "project_budget"


def _paths(paths: PathLike | Iterable[PathLike]) -> list[PathLike]:
    found = [paths] if isinstance(paths, str | Path) else list(paths)
    if not found:
        msg = "no input given. Hint: pass a file, a folder, or a list of them."
        raise UsageError(msg)
    return found


def _contract(template: str | Path | Contract) -> Contract:
    return template if isinstance(template, Contract) else load_contract(template)


def check_batch(
    paths: PathLike | Iterable[PathLike], template: str | Path | Contract = DEFAULT_TEMPLATE
) -> Batch:
    """Read and check `paths`; the batch holds the report and the loaded data."""
    return run(_paths(paths), _contract(template))


def check(
    paths: PathLike | Iterable[PathLike], *, template: str | Path | Contract = DEFAULT_TEMPLATE
) -> Report:
    """Check one file, a folder, or several of them, against a template contract.

    >>> report = check("fixtures/valid/seed_budget.xlsx")
    >>> report.valid, report.exit_code
    (True, 0)
    """
    return check_batch(paths, template).report


def load(
    paths: PathLike | Iterable[PathLike], *, template: str | Path | Contract = DEFAULT_TEMPLATE
) -> pl.DataFrame:
    """Load the tables in `paths`: one row per project or totals row, amounts as Int64 đồng.

    The `cells` struct column gives the A1 address of every amount.

    >>> frame = load("fixtures/valid/seed_budget.xlsx")
    >>> frame.filter(row_kind="total")["estimate_investment"].item()
    11329000000
    """
    from ictdata.marts.frames import loaded  # noqa: PLC0415  (marts load only when asked for)

    contract = _contract(template)
    return loaded(run(_paths(paths), contract), contract)


def build(
    paths: PathLike | Iterable[PathLike],
    out_dir: PathLike,
    *,
    template: str | Path | Contract = DEFAULT_TEMPLATE,
) -> Report:
    """Check `paths` and write the Parquet marts to `out_dir`, atomically, even if checks fail."""
    from ictdata.marts.frames import marts  # noqa: PLC0415  (marts load only when asked for)
    from ictdata.marts.write import write_marts  # noqa: PLC0415

    batch = check_batch(paths, template)
    inputs = {source.path: source.sha256 for source in batch.sources}
    write_marts(marts(batch), Path(out_dir), inputs)
    return batch.report
