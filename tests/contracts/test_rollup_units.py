"""The unit of each province figure: declared per way of rolling up, else its indicator's."""

from __future__ import annotations

import copy
from typing import Any

import pytest
import yaml

from ictdata.contracts.load import schemas_dir
from ictdata.contracts.unit_load import load_unit_contract, unit_report_contract
from ictdata.errors import ContractError


def _data() -> dict[str, Any]:
    text = (schemas_dir() / "unit_report.yaml").read_text(encoding="utf-8")
    data: dict[str, Any] = yaml.safe_load(text)
    return copy.deepcopy(data)


def test_each_figure_has_the_unit_of_its_way_or_of_its_indicator() -> None:
    contract = load_unit_contract()
    units = {rule.name: rule.unit for rule in contract.rollup}
    assert units["units_with_lan"] == "đơn vị"  # count: units answering yes
    assert units["share_units_with_complete_lan"] == "%"
    assert units["share_staff_with_computers"] == "%"  # ratio
    assert units["mailboxes"] == "hộp thư"  # sum: the indicator's own unit
    assert units["budget_allocated"] == "triệu đồng"
    assert units["mean_percent_documents_electronic"] == "%"  # mean of a percentage


def test_a_figure_may_state_its_own_unit() -> None:
    data = _data()
    data["rollup"][0]["unit"] = "cơ quan"
    contract = unit_report_contract(data, "test")
    assert contract.rollup[0].unit == "cơ quan"


def test_a_figure_without_a_unit_is_refused() -> None:
    data = _data()
    del data["rollup_units"]["count"]
    with pytest.raises(ContractError, match="unit"):
        unit_report_contract(data, "test")


def test_rollup_units_names_ways_to_roll_up_only() -> None:
    data = _data()
    data["rollup_units"]["median"] = "%"
    with pytest.raises(ContractError, match="median"):
        unit_report_contract(data, "test")
