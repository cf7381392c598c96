"""Run the marts' expectation suites through great_expectations, in an ephemeral context.

great_expectations (the `gx` extra) is imported only here, when suites are
built or run: nothing else of ictdata loads it. Parquet is read through GX's pandas datasource with
dtype_backend="numpy_nullable", so that integer columns stay integers.
"""

from __future__ import annotations

import json
import os
import tempfile
import warnings
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import polars as pl

from ictdata.check.codes import IssueCode
from ictdata.check.issue import ExitCode
from ictdata.contracts.marts import MartContract, declared, load_mart_contracts
from ictdata.contracts.model import Rule
from ictdata.errors import ContractError, MartsError
from ictdata.gx import offline, plan, views
from ictdata.marts.write import MANIFEST

DOCS_SITE = "ictdata"
DTYPE_BACKEND = "numpy_nullable"


@dataclass(frozen=True)
class Outcome:
    """The result of one expectation: its suite, GX type, column, verdict, what was seen."""

    suite: str
    expectation: str
    column: str | None
    success: bool
    observed: str


@dataclass(frozen=True)
class GateResult:
    """Every expectation's outcome, and where the Data Docs were written (if asked for)."""

    outcomes: tuple[Outcome, ...]
    docs: Path | None = None

    @property
    def success(self) -> bool:
        """True when every expectation passed."""
        return all(outcome.success for outcome in self.outcomes)

    @property
    def failures(self) -> tuple[Outcome, ...]:
        """The expectations that failed."""
        return tuple(outcome for outcome in self.outcomes if not outcome.success)

    @property
    def exit_code(self) -> int:
        """0 when every expectation passed, 1 otherwise."""
        return ExitCode.VALID if self.success else ExitCode.INVALID

    def summary(self) -> str:
        """A line per failed expectation, then the counts and the Data Docs' index."""
        lines = [
            f"FAIL {o.suite}: {o.expectation}"
            + (f" ({o.column})" if o.column else "")
            + f": {o.observed}"
            for o in self.failures
        ]
        suites = len({o.suite for o in self.outcomes})
        passed = len(self.outcomes) - len(self.failures)
        lines.append(
            f"{suites} suites, {len(self.outcomes)} expectations: "
            f"{passed} passed, {len(self.failures)} failed."
        )
        if self.docs is not None:
            lines.append(f"Data Docs: {self.docs / 'index.html'}")
        return "\n".join(lines) + "\n"


def _manifest_rows(folder: Path) -> dict[str, int]:
    try:
        listing = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
        return {name: int(entry["rows"]) for name, entry in listing["tables"].items()}
    except (OSError, ValueError, KeyError, TypeError) as error:
        msg = f"cannot read {folder / MANIFEST}: {error}. Hint: run ictdata build --out there."
        raise MartsError(msg) from error


def _read_marts(folder: Path, contracts: Sequence[MartContract]) -> dict[str, pl.DataFrame]:
    frames = {}
    for contract in contracts:
        path = folder / f"{contract.mart}.parquet"
        try:
            frames[contract.mart] = pl.read_parquet(path)
        except (OSError, pl.exceptions.PolarsError) as error:
            msg = f"cannot read mart {path}: {error}"
            raise MartsError(msg) from error
    return frames


def _check_accounting(contract: MartContract, contracts: Mapping[str, MartContract]) -> None:
    accounts = contract.accounting
    if accounts is None:
        return
    named = {mart for _, mart in accounts.counts} | {accounts.status_from} - {None}
    missing = sorted(str(mart) for mart in named - set(contracts))
    if missing:
        msg = f"{contract.source}: accounting names marts without a contract: {missing}"
        raise ContractError(msg)


def _one_rule(contract: MartContract) -> Rule:
    """The over-allocation rule of the mart's templates: one, however many declare it."""
    rules = declared(contract.templates, IssueCode.OVER_ALLOCATION.value)
    if any(dict(rule.params) != dict(rules[0].params) for rule in rules):
        msg = f"{contract.source}: its templates declare over-allocation differently"
        raise ContractError(msg)
    return rules[0]


def _derived(
    contract: MartContract,
    frames: Mapping[str, pl.DataFrame],
    contracts: Mapping[str, MartContract],
) -> list[tuple[plan.Suite, pl.DataFrame]]:
    """The tables derived from a mart for its cross-row rules, each with its suite.

    Raises:
        MartsError: a mart lacks a column the derived table needs (not as built).
    """
    _check_accounting(contract, contracts)
    found = []
    try:
        if IssueCode.OVER_ALLOCATION in contract.rules:
            view = views.over_allocation(frames[contract.mart], _one_rule(contract))
            found.append((plan.over_allocation_suite(contract), view))
        if contract.accounting is not None:
            view = views.accounting(frames[contract.mart], contract.accounting, frames, contracts)
            found.append((plan.accounting_suite(contract), view))
    except pl.exceptions.PolarsError as error:
        msg = f"the marts are not as ictdata builds them ({contract.mart}): {error}"
        raise MartsError(msg) from error
    return found


def prepare(
    folder: Path, contracts: Sequence[MartContract], scratch: Path
) -> tuple[list[plan.Suite], dict[str, Path]]:
    """The suites to run and the Parquet file of each table they check.

    Derived tables (the funding arithmetic, the accounting) are written to `scratch`.

    Raises:
        MartsError: the manifest or a mart cannot be read.
    """
    rows = _manifest_rows(folder)
    frames = _read_marts(folder, contracts)
    by_name = {contract.mart: contract for contract in contracts}
    suites: list[plan.Suite] = []
    tables: dict[str, Path] = {}
    for contract in contracts:
        suites.append(plan.mart_suite(contract, rows.get(contract.mart)))
        tables[contract.mart] = folder / f"{contract.mart}.parquet"
        for suite, view in _derived(contract, frames, by_name):
            suites.append(suite)
            tables[suite.table] = scratch / f"{suite.table}.parquet"
            view.write_parquet(tables[suite.table])
    return suites, tables


def _site_config(docs: Path) -> dict[str, Any]:
    return {
        "class_name": "SiteBuilder",
        "site_index_builder": {"class_name": "DefaultSiteIndexBuilder"},
        "store_backend": {
            "class_name": "TupleFilesystemStoreBackend",
            "base_directory": str(docs.resolve()),
        },
    }


def _observed(result: Mapping[str, Any]) -> str:
    if result.get("observed_value") is not None:
        return f"observed {result['observed_value']}"
    if result.get("unexpected_count") is not None:
        return f"{result['unexpected_count']} unexpected"
    return "not evaluated (a column is missing?): see the Data Docs"


def _import_gx() -> Any:  # noqa: ANN401  (the great_expectations module)
    os.environ.setdefault("GX_ANALYTICS_ENABLED", "False")
    with _quiet_gx():
        import great_expectations as gx  # noqa: PLC0415  (the `gx` extra, loaded here only)

    return gx


@contextmanager
def _quiet_gx() -> Iterator[None]:
    """Silence the warnings GX's own code raises (deprecations inside it): none is the user's."""
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", module=r"great_expectations(\.|$)")
        yield


def expectation_suite(suite: plan.Suite) -> Any:  # noqa: ANN401  (a gx.ExpectationSuite)
    """The GX ExpectationSuite of `suite`; each expectation's meta names its contract."""
    gx = _import_gx()
    meta = {"contract": Path(suite.contract).name}
    expectations = [
        getattr(gx.expectations, e.kind)(**e.kwargs, meta=meta) for e in suite.expectations
    ]
    return gx.ExpectationSuite(name=suite.name, expectations=expectations)


def _definitions(
    context: Any,  # noqa: ANN401  (a GX data context)
    suites: Sequence[plan.Suite],
    tables: Mapping[str, Path],
) -> list[Any]:
    """A validation definition per suite: its table read from Parquet, integers kept as integers."""
    gx = _import_gx()
    source = context.data_sources.add_pandas("marts")
    definitions = []
    for suite in suites:
        # Extra keywords go to pandas.read_parquet.
        asset = source.add_parquet_asset(
            suite.table, tables[suite.table], dtype_backend=DTYPE_BACKEND
        )
        batch = asset.add_batch_definition_whole_dataframe(suite.table)
        gx_suite = context.suites.add(expectation_suite(suite))
        definition = gx.ValidationDefinition(name=suite.name, data=batch, suite=gx_suite)
        definitions.append(context.validation_definitions.add(definition))
    return definitions


def _outcomes(result: Any) -> list[Outcome]:  # noqa: ANN401  (a GX CheckpointResult)
    return [
        Outcome(
            suite=run.suite_name,
            expectation=item.expectation_config.type,
            column=item.expectation_config.kwargs.get("column")
            or item.expectation_config.kwargs.get("column_A"),
            success=bool(item.success),
            observed=_observed(item.result),
        )
        for run in result.run_results.values()
        for item in run.results
    ]


def run_suites(
    suites: Sequence[plan.Suite],
    tables: Mapping[str, Path],
    docs: Path | None = None,
    *,
    progress: bool = False,
) -> list[Outcome]:
    """Run `suites` in one checkpoint of an ephemeral GX context; write Data Docs to `docs`."""
    gx = _import_gx()
    from great_expectations.data_context.types.base import ProgressBarsConfig  # noqa: PLC0415

    with _quiet_gx():
        context = gx.get_context(mode="ephemeral")
        context.variables.progress_bars = ProgressBarsConfig(globally=progress)
        definitions = _definitions(context, suites, tables)
        actions = []
        if docs is not None:
            context.add_data_docs_site(site_name=DOCS_SITE, site_config=_site_config(docs))
            actions.append(gx.checkpoint.UpdateDataDocsAction(name="docs", site_names=[DOCS_SITE]))
        checkpoint = context.checkpoints.add(
            gx.Checkpoint(name="ictdata_marts", validation_definitions=definitions, actions=actions)
        )
        return _outcomes(checkpoint.run())


def validate_marts(
    path: str | Path,
    docs: str | Path | None = None,
    *,
    contracts: Sequence[MartContract] | None = None,
    progress: bool = False,
) -> GateResult:
    """Check the Parquet marts in `path` against the expectation suites of the contracts.

    Writes GX Data Docs to `docs` (readable offline) when given. `contracts`
    defaults to the bundled schemas/marts/*.yaml.

    Raises:
        MartsError: the marts' manifest or a mart cannot be read.
    """
    folder = Path(path)
    chosen = load_mart_contracts() if contracts is None else tuple(contracts)
    docs_dir = None if docs is None else Path(docs)
    with tempfile.TemporaryDirectory(prefix="ictdata-gx-") as scratch:
        suites, tables = prepare(folder, chosen, Path(scratch))
        outcomes = run_suites(suites, tables, docs_dir, progress=progress)
    if docs_dir is not None:
        offline.make_offline(docs_dir)
    return GateResult(tuple(outcomes), docs_dir)
