"""Each typed loader refuses a template of another kind, and loads its own."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from ictdata.contracts.load import load_contract, load_statement_contract
from ictdata.contracts.model import Template
from ictdata.contracts.unit_load import load_unit_contract
from ictdata.errors import ContractError

LOADERS: dict[str, Callable[[str], Template]] = {
    "project_budget": load_contract,
    "budget_statement": load_statement_contract,
    "unit_report": load_unit_contract,
}


@pytest.mark.parametrize("own", sorted(LOADERS))
@pytest.mark.parametrize("other", sorted(LOADERS))
def test_a_loader_takes_its_own_kind_only(own: str, other: str) -> None:
    if own == other:
        assert LOADERS[own](other).template == other
    else:
        with pytest.raises(ContractError, match=other):
            LOADERS[own](other)
