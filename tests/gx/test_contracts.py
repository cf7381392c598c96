"""Mart contracts: the GX suites take their rules from the same template contracts as pandera."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

import ictdata
from ictdata.check.codes import IssueCode
from ictdata.contracts import load_contract
from ictdata.contracts.load import schemas_dir
from ictdata.contracts.marts import declared, load_mart_contracts, parse_mart_contract
from ictdata.contracts.providers import PROVIDERS
from ictdata.errors import ContractError
from ictdata.gx import plan
from ictdata.gx.gate import expectation_suite

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"
SEED = FIXTURES / "valid/seed_budget.xlsx"
FUNDING = schemas_dir() / "marts/project_funding.yaml"


def _suite_kwargs(template_path: Path | None, kind: str, column: str) -> dict[str, Any]:
    """The kwargs of the GX expectation `kind` on `column` in the project_funding suite."""
    from ictdata.contracts.marts import load_mart_contract

    templates = None if template_path is None else [load_contract(template_path)]
    contract = load_mart_contract(FUNDING, templates)
    suite = expectation_suite(plan.mart_suite(contract, None))
    found = [
        e.configuration.kwargs
        for e in suite.expectations
        if e.expectation_type == kind and e.configuration.kwargs.get("column") == column
    ]
    assert len(found) == 1
    return dict(found[0])


def _negative_cells(template: Path | str) -> set[str | None]:
    report = ictdata.check(SEED, template=template)
    return {i.cell for i in report.issues if i.code is IssueCode.NEGATIVE_AMOUNT}


def _edited_template(tmp_path: Path, old: str, new: str) -> Path:
    text = (schemas_dir() / "project_budget.yaml").read_text(encoding="utf-8")
    assert text.count(old) == 1
    path = tmp_path / "project_budget.yaml"
    path.write_text(text.replace(old, new), encoding="utf-8")
    return path


def test_one_rule_changed_in_the_contract_changes_pandera_and_gx(tmp_path: Path) -> None:
    # 500 triệu: every smaller amount of the seed table is now below the rule's minimum.
    edited = _edited_template(tmp_path, "    min: 0\n", "    min: 500000000\n")
    bundled = "project_budget"
    assert _negative_cells(bundled) == set()
    # 368, 200 and 300 triệu: the recurrent estimates (G) and 2013 allocations (K).
    assert _negative_cells(edited) == {"G7", "G8", "G9", "K7", "K8", "K9"}
    between = "expect_column_values_to_be_between"
    assert _suite_kwargs(None, between, "amount_vnd")["min_value"] == 0
    assert _suite_kwargs(edited, between, "amount_vnd")["min_value"] == 500_000_000


def test_a_stage_dropped_from_the_contract_leaves_both_sides(tmp_path: Path) -> None:
    edited = _edited_template(tmp_path, "    - name: allocated_before\n", "    - name: earlier\n")
    in_set = "expect_column_values_to_be_in_set"
    assert "allocated_before" in _suite_kwargs(None, in_set, "stage")["value_set"]
    stages = _suite_kwargs(edited, in_set, "stage")["value_set"]
    assert "allocated_before" not in stages
    assert "earlier" in stages
    from ictdata.check.schema import amounts_schema

    column = amounts_schema(load_contract(edited)).columns["stage"]
    allowed = column.dtype.type.categories.to_list()  # an enum of the contract's stages
    assert "earlier" in allowed
    assert "allocated_before" not in allowed


def test_every_bundled_mart_contract_names_real_columns() -> None:
    contracts = load_mart_contracts()
    for contract in contracts:
        schema = contract.schema
        assert schema is not None, contract.mart
        named = {c.name for c in contract.columns} | set(contract.key)
        assert named <= set(schema), contract.mart


def test_unit_codes_come_from_the_registry_the_unit_template_names() -> None:
    from ictdata.units.registry import load_registry

    units = next(c for c in load_mart_contracts() if c.mart == "unit_indicators")
    column = units.column("unit_code")
    assert column is not None
    assert column.allowed is not None
    assert set(column.allowed) == load_registry("phu_tho").codes()
    assert "227" in column.allowed  # TP Việt Trì


def test_over_allocation_parameters_come_from_the_template() -> None:
    funding = next(c for c in load_mart_contracts() if c.mart == "project_funding")
    assert funding.rules == (IssueCode.OVER_ALLOCATION,)
    (rule,) = declared(funding.templates, IssueCode.OVER_ALLOCATION.value)
    assert rule.params["whole"] == "estimate"


def test_provider_and_literal_lists(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(PROVIDERS, "test_units", lambda _: ("227", "228"))
    contract = parse_mart_contract(
        {
            "mart": "unit_indicators",
            "key": ["unit_code", "year"],
            "columns": {
                "unit_code": {"allowed_from": "test_units"},
                "level": {"allowed": ["province", "district"]},
                "year": {"min": 2000},
            },
        },
        "test",
    )
    suite = plan.mart_suite(contract, 3)
    found = {(e.kind, e.column): dict(e.kwargs) for e in suite.expectations}
    assert found["ExpectColumnValuesToBeInSet", "unit_code"]["value_set"] == ["227", "228"]
    assert found["ExpectColumnValuesToBeInSet", "level"]["value_set"] == ["province", "district"]
    assert found["ExpectColumnValuesToBeBetween", "year"]["min_value"] == 2000
    assert found["ExpectCompoundColumnsToBeUnique", None]["column_list"] == ["unit_code", "year"]
    assert ("ExpectColumnValuesToNotBeNull", "year") in found
    assert found["ExpectTableRowCountToEqual", None]["value"] == 3


@pytest.mark.parametrize(
    "data",
    [
        {"mart": "m", "columns": {"c": {"allowed_from": "no_such_provider"}}},
        {
            "mart": "m",
            "template": "project_budget",
            "columns": {"c": {"allowed_from": "indicators"}},
        },
        {"mart": "m", "template": "unit_report", "columns": {"c": {"allowed_from": "stages"}}},
        {"mart": "m", "columns": {"c": {"min_from": "negative-amount"}}},
        {"mart": "m", "columns": {"c": {"maximum": 3}}},
        {"mart": "m", "template": "project_budget", "rules": ["words-mismatch"]},
        {"columns": {}},
        {"mart": "m", "schema": "os:environ"},
        {"mart": "m", "schema": "ictdata.marts.frames:NO_SUCH_SCHEMA"},
        {"mart": "m", "schema": {"c": "NoSuchType"}},
        {"mart": "m", "schema": {"c": "DataFrame"}},
        {"mart": "m", "schema": {"c": "List"}},
    ],
    ids=[
        "unknown-provider",
        "unit-provider-on-a-table-template",
        "table-provider-on-the-unit-template",
        "min-from-without-template",
        "unknown-rule",
        "rule-not-in-template",
        "no-mart",
        "schema-outside-ictdata",
        "unknown-schema",
        "unknown-type",
        "not-a-type",
        "type-without-parameters",
    ],
)
def test_a_wrong_mart_contract_is_refused(data: dict[str, Any]) -> None:
    with pytest.raises(ContractError):
        parse_mart_contract(data, "test")
