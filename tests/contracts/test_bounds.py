"""A contract whose amounts could not be checked exactly is refused when it is loaded."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from ictdata.contracts.load import load_contract, load_statement_contract, schemas_dir
from ictdata.errors import ContractError


def edited(tmp_path: Path, name: str, edit: object) -> str:
    """A copy of a bundled contract with `edit(data)` applied, as a path of its own.

    (Contracts are cached by path: each edit gets a new one.)
    """
    data = yaml.safe_load((schemas_dir() / f"{name}.yaml").read_text(encoding="utf-8"))
    edit(data)  # type: ignore[operator]
    path = tmp_path / f"{name}_{len(list(tmp_path.iterdir()))}.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return str(path)


def test_a_money_unit_above_a_ty_is_refused(tmp_path: Path) -> None:
    for name, load in (
        ("project_budget", load_contract),
        ("budget_statement", load_statement_contract),
    ):
        fine = edited(tmp_path, name, lambda d: d.update(money_units={"tỷ": 10**9}))
        assert 10**9 in load(fine).money_units.values()
        big = edited(tmp_path, name, lambda d: d.update(money_units={"nghìn tỷ": 10**12}))
        with pytest.raises(ContractError, match="money_units"):
            load(big)


@pytest.mark.parametrize(("part", "most"), [("stages", 31), ("funding_kinds", 15)])
def test_more_headings_than_the_checks_can_key_are_refused(
    tmp_path: Path, part: str, most: int
) -> None:
    def widen(count: int) -> object:
        def edit(data: dict[str, dict[str, list[dict[str, object]]]]) -> None:
            first = data["amounts"][part][0]
            data["amounts"][part] = [
                {**first, "name": f"{first['name']}_{i}"} for i in range(count)
            ]

        return edit

    assert (
        len(getattr(load_contract(edited(tmp_path, "project_budget", widen(most))), part)) == most
    )
    with pytest.raises(ContractError, match=part):
        load_contract(edited(tmp_path, "project_budget", widen(most + 1)))
