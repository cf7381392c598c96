"""The quality gate on real marts: every expectation passes on the fixture marts, and
tampered marts fail on the matching expectation. One build and few GX runs per session."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path

import polars as pl
import pytest

import ictdata
from ictdata.cli import main
from ictdata.contracts.marts import MartContract, load_mart_contracts, parse_mart_contract
from ictdata.contracts.providers import PROVIDERS
from ictdata.errors import ContractError
from ictdata.gx import validate_marts
from ictdata.gx.gate import prepare
from ictdata.marts.write import MANIFEST

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"
Tamper = Callable[[Path], None]


@pytest.fixture(scope="session")
def fixture_marts(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("valid-marts")
    valid = [
        FIXTURES / "valid",
        FIXTURES / "unit_reports/valid",
        FIXTURES / "packages/phu_tho_2014",
    ]
    assert ictdata.build(valid, out).exit_code == 0
    return out


@pytest.fixture(scope="session")
def gate_run(
    tmp_path_factory: pytest.TempPathFactory, fixture_marts: Path
) -> tuple[int, str, Path]:
    """`ictdata gx MARTS --docs DIR` in a non-interactive subprocess: exit code, output, docs."""
    docs = tmp_path_factory.mktemp("docs")
    done = subprocess.run(
        [sys.executable, "-m", "ictdata", "gx", str(fixture_marts), "--docs", str(docs)],
        capture_output=True,
        text=True,
        check=False,
    )
    return done.returncode, done.stdout + done.stderr, docs


def failures(
    marts: Path, contracts: Sequence[MartContract] | None = None
) -> set[tuple[str, str, str | None]]:
    result = validate_marts(marts, contracts=contracts)
    assert result.exit_code == (0 if result.success else 1)
    return {(o.suite, o.expectation, o.column) for o in result.failures}


def edit(mart: str, change: Callable[[pl.DataFrame], pl.DataFrame]) -> Tamper:
    def tamper(folder: Path) -> None:
        path = folder / f"{mart}.parquet"
        pl.read_parquet(path).pipe(change).write_parquet(path)

    return tamper


def _nth(stage: str) -> pl.Expr:
    """The first row of `stage` of a project that also has other stages."""
    others = pl.col("stage").n_unique().over("project_id", "funding_kind") > 1
    first = pl.int_range(pl.len()).filter(pl.col("stage") == stage, others).first()
    return pl.int_range(pl.len()) == first


NEGATIVE = edit(
    "project_funding",
    lambda f: f.with_columns(
        amount_vnd=pl.when(_nth("allocated_current")).then(-1).otherwise("amount_vnd")
    ),
)
DELETED_ESTIMATE = edit("project_funding", lambda f: f.filter(~_nth("estimate")))
UNKNOWN_STAGE = edit(
    "project_funding",
    lambda f: f.with_columns(
        stage=pl.when(_nth("allocated_current")).then(pl.lit("grant")).otherwise("stage")
    ),
)
FLOAT_AMOUNTS = edit(
    "project_funding", lambda f: f.with_columns(pl.col("amount_vnd").cast(pl.Float64))
)
DELETED_PROJECT = edit("projects", lambda f: f.slice(1))
UNKNOWN_UNIT = edit(
    "unit_indicators",
    lambda f: f.with_columns(
        unit_code=pl.when(pl.int_range(pl.len()) == 0).then(pl.lit("999")).otherwise("unit_code")
    ),
)


def test_every_expectation_passes_on_the_fixture_marts(gate_run: tuple[int, str, Path]) -> None:
    code, output, docs = gate_run
    assert code == 0, output
    assert "Calculating Metrics" not in output  # no progress bars when not interactive
    assert (docs / "index.html").is_file()


def test_every_mart_the_build_writes_has_a_contract_and_a_schema(fixture_marts: Path) -> None:
    written = set(json.loads((fixture_marts / MANIFEST).read_text(encoding="utf-8"))["tables"])
    contracts = load_mart_contracts()
    assert {c.mart for c in contracts} == written
    assert all(c.schema is not None for c in contracts)


def test_fixture_marts_pass_from_python(fixture_marts: Path) -> None:
    result = validate_marts(fixture_marts)
    assert result.success
    assert result.exit_code == 0
    suites = {o.suite for o in result.outcomes}
    assert suites == {
        "projects",
        "project_funding",
        "project_funding.over-allocation",
        "budget_sources",
        "issues",
        "rejects",
        "sources",
        "sources.accounting",
        "unit_indicators",
        "province_indicators",
        "target_progress",
        "plans",
    }
    kinds = {(o.suite, o.expectation, o.column) for o in result.outcomes}
    # Integers stay integers through GX's pandas reading.
    assert ("project_funding", "expect_column_values_to_be_of_type", "amount_vnd") in kinds


@pytest.mark.parametrize(
    ("tamper", "expected"),
    [
        (NEGATIVE, {("project_funding", "expect_column_values_to_be_between", "amount_vnd")}),
        (
            DELETED_ESTIMATE,
            {
                ("project_funding", "expect_table_row_count_to_equal", None),
                (
                    "project_funding.over-allocation",
                    "expect_column_pair_values_a_to_be_greater_than_b",
                    "whole",
                ),
            },
        ),
        (UNKNOWN_STAGE, {("project_funding", "expect_column_values_to_be_in_set", "stage")}),
        (FLOAT_AMOUNTS, {("project_funding", "expect_column_values_to_be_of_type", "amount_vnd")}),
        (
            DELETED_PROJECT,
            {
                ("projects", "expect_table_row_count_to_equal", None),
                ("sources.accounting", "expect_column_pair_values_to_be_equal", "projects"),
            },
        ),
        (UNKNOWN_UNIT, {("unit_indicators", "expect_column_values_to_be_in_set", "unit_code")}),
    ],
    ids=[
        "negative-amount",
        "deleted-estimate",
        "unknown-stage",
        "float-amounts",
        "deleted-project",
        "unknown-unit-code",
    ],
)
def test_tampered_marts_fail_on_the_matching_expectation(
    fixture_marts: Path,
    tmp_path: Path,
    tamper: Tamper,
    expected: set[tuple[str, str, str | None]],
) -> None:
    marts = Path(shutil.copytree(fixture_marts, tmp_path / "marts"))
    tamper(marts)
    assert failures(marts) == expected


def test_the_command_exits_1_on_tampered_marts(fixture_marts: Path, tmp_path: Path) -> None:
    marts = Path(shutil.copytree(fixture_marts, tmp_path / "marts"))
    NEGATIVE(marts)
    assert main(["gx", str(marts)]) == 1


def test_unreadable_marts_exit_2(fixture_marts: Path, tmp_path: Path) -> None:
    assert main(["gx", str(tmp_path / "nothing")]) == 2
    marts = Path(shutil.copytree(fixture_marts, tmp_path / "marts"))
    (marts / "projects.parquet").write_bytes(b"not parquet")
    assert main(["gx", str(marts)]) == 2
    marts = Path(shutil.copytree(fixture_marts, tmp_path / "dropped"))
    edit("project_funding", lambda f: f.drop("stage"))(marts)
    assert main(["gx", str(marts)]) == 2


def test_build_runs_the_gate(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    code = main(
        ["build", str(FIXTURES / "valid"), "--out", str(tmp_path / "m"), "--gx-docs", str(docs)]
    )
    assert code == 0
    assert (docs / "index.html").is_file()


def test_allowed_values_from_a_registered_provider(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Codes from a provider (as units from a registry will be) and from a literal list."""
    monkeypatch.setitem(PROVIDERS, "test_units", lambda _: ("227", "228"))
    types = {"unit_code": "String", "level": "String", "year": "Int32"}
    types |= {"share": "Float64", "reported_on": "Date"}
    contract = parse_mart_contract(
        {
            "mart": "unit_indicators",
            "schema": types,
            "columns": {
                "unit_code": {"not_null": True, "allowed_from": "test_units"},
                "level": {"allowed": ["province", "district"]},
            },
        },
        "test",
    )
    frame = pl.DataFrame(
        {
            "unit_code": ["227", "228", "999"],
            "level": ["district"] * 3,
            "year": [2013, 2013, None],
            "share": [0.5, None, 1.0],
            "reported_on": [date(2014, 1, 31), None, None],
        },
        schema=contract.schema,
    )
    frame.write_parquet(tmp_path / "unit_indicators.parquet")
    manifest = {"tables": {"unit_indicators": {"rows": 3}}}
    (tmp_path / MANIFEST).write_text(json.dumps(manifest), encoding="utf-8")
    assert failures(tmp_path, contracts=[contract]) == {
        ("unit_indicators", "expect_column_values_to_be_in_set", "unit_code")
    }


CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


def _chromium(tmp_path: Path, *args: str) -> str:
    assert CHROMIUM is not None
    done = subprocess.run(
        [
            CHROMIUM,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--no-first-run",
            f"--user-data-dir={tmp_path / 'profile'}",
            *args,
        ],
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    return done.stdout


@pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed")
def test_data_docs_show_the_results_offline_in_chromium(
    gate_run: tuple[int, str, Path], tmp_path: Path
) -> None:
    _, _, docs = gate_run
    pages = list(docs.rglob("*.html"))
    for page in pages:  # nothing is fetched from a CDN: the pages work offline
        text = page.read_text(encoding="utf-8")
        assert re.search(r"src=[\"']http", text) is None  # scripts, images
        assert re.search(r"<link[^>]*href=[\"']http", text) is None
    index = (docs / "index.html").as_uri()
    dom = _chromium(tmp_path, "--dump-dom", index)
    table = dom.split('ge-index-page-validation-results-table"', 1)[1].split("</table>", 1)[0]
    rows = table.split("<tr")[2:]  # after the header row
    assert len(rows) == 12
    assert all("fa-check-circle" in row for row in rows)
    for suite in ("project_funding.over-allocation", "sources.accounting", "projects"):
        assert f">{suite}<" in table.replace("\n", "").replace(" ", "")
    page = next(p for p in pages if p.name == "marts-project_funding.html")
    result = _chromium(tmp_path, "--dump-dom", page.as_uri())
    assert result.count('class="fas fa-check-circle') > 10  # an icon per passed expectation
    assert 'class="fas fa-times' not in result
    shot = tmp_path / "index.png"
    _chromium(tmp_path, "--window-size=1280,900", f"--screenshot={shot}", index)
    assert shot.stat().st_size > 10_000


def test_accounting_needs_a_contract_for_the_marts_it_counts(
    fixture_marts: Path, tmp_path: Path
) -> None:
    sources = next(c for c in load_mart_contracts() if c.mart == "sources")
    with pytest.raises(ContractError):
        prepare(fixture_marts, [sources], tmp_path)
