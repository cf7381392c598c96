"""A unit report's amount (money) stated in a unit of another kind ("%", "người") is not loaded.

Which units are no money comes from the contract: the units of its indicators that are not
amounts, and its `measure_units`. Such an amount goes to the rejects
(`unit-contradicts-indicator`) and the issue points at the cell stating the unit.
"""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import polars as pl
import pytest
import yaml

import ictdata
from ictdata.api import check_batch
from ictdata.contracts.load import schemas_dir
from ictdata.contracts.unit_load import load_unit_contract, unit_report_contract
from ictdata.errors import ContractError
from ictdata.marts.units import unit_indicators
from ictdata.text import key
from unit_builders import consolidated, edit_cells, one_unit

STAFF = ("Tổng số cán bộ, công chức", 37)
ALLOCATED = ("Kinh phí CNTT được bố trí", 338)
DISBURSED = ("Kinh phí CNTT đã giải ngân", 44)
CODE = "unit-contradicts-indicator"
Found = list[tuple[str, str | None, str | None, str | None]]


def _issues(path: Path) -> Found:
    return [(i.code.value, i.cell, i.unit, i.detail) for i in ictdata.check(path).issues]


def _values(path: Path) -> dict[str, float]:
    frame = unit_indicators(check_batch(path))
    return {str(i): float(v) for i, v in frame.select("indicator", "value").iter_rows()}


def _rejects(path: Path, out: Path) -> list[tuple[int, str, str]]:
    ictdata.build([path], out)
    rejects = pl.read_parquet(out / "rejects.parquet")
    return [
        (int(r), str(why), str(c))
        for r, why, c in rejects.select("row", "reason", "content").rows()
    ]


def _report(tmp_path: Path, measures: dict[str, str]) -> Path:
    """Staff (row 7), allocated (row 8, triệu đồng) and disbursed (row 9) budgets."""
    labels = {ALLOCATED[0]: "triệu đồng", DISBURSED[0]: "triệu đồng"} | measures
    return one_unit(tmp_path / "r.xlsx", [STAFF, ALLOCATED, DISBURSED], measures=labels)


@pytest.mark.parametrize("measure", ["%", "người", "Máy", "máy tính", "phần trăm", "có/không"])
def test_an_amount_in_a_unit_that_is_no_money_is_not_loaded(tmp_path: Path, measure: str) -> None:
    path = _report(tmp_path, {DISBURSED[0]: measure})
    assert _issues(path) == [(CODE, "C9", "triệu đồng", measure)]
    assert ictdata.check(path).exit_code == ictdata.ExitCode.INVALID
    # The amount is not loaded; the staff count and the other amount beside it are.
    assert _values(path) == {"staff_total": 37.0, "budget_allocated": 338.0}
    assert _rejects(path, tmp_path / "marts") == [(9, CODE, "D9=44")]


def test_the_issue_names_its_sheet_and_cell(tmp_path: Path) -> None:
    path = _report(tmp_path, {DISBURSED[0]: "%"})
    (issue,) = ictdata.check(path).issues
    assert (issue.sheet, issue.cell, issue.row, issue.column) == ("Bao cao", "C9", 9, "C")


def test_a_unit_line_that_is_no_money_rejects_every_amount_under_it(tmp_path: Path) -> None:
    path = one_unit(tmp_path / "r.xlsx", [STAFF, ALLOCATED, DISBURSED], measures={})
    edit_cells(path, {"A5": "Đơn vị tính: %"})
    assert _issues(path) == [(CODE, "A5", "triệu đồng", "%")]
    assert _values(path) == {"staff_total": 37.0}
    assert _rejects(path, tmp_path / "marts") == [(8, CODE, "D8=338"), (9, CODE, "D9=44")]


def test_a_consolidated_header_noting_a_percentage_is_judged(tmp_path: Path) -> None:
    header = ["Tổng số CBCC", "KP CNTT đã giải ngân (%)", "Số máy tính"]
    units = [("Sở Y tế", [80, 44, 90]), ("Sở Tư pháp", [40, 30, 45])]
    path = consolidated(tmp_path / "c.xlsx", header, units)
    assert _issues(path) == [(CODE, "D3", "triệu đồng", "%")]
    assert _rejects(path, tmp_path / "marts") == [(4, CODE, "D4=44"), (5, CODE, "D5=30")]


@pytest.mark.parametrize(
    ("measure", "expected", "value"),
    [
        ("triệu đồng", [], 44.0),
        ("nghìn đồng", [], 0.044),
        # Not understood, but no unit of another kind either: read, with a warning.
        ("bộ", [("unrecognised-unit", "C9", "triệu đồng", "bộ")], 44.0),
    ],
)
def test_an_amount_in_money_or_in_a_unit_not_understood_is_loaded(
    tmp_path: Path, measure: str, expected: Found, value: float
) -> None:
    path = _report(tmp_path, {DISBURSED[0]: measure})
    assert _issues(path) == expected
    assert _values(path)["budget_disbursed"] == pytest.approx(value)
    assert _rejects(path, tmp_path / "marts") == []


def test_counts_and_percentages_in_their_own_units_are_silent(tmp_path: Path) -> None:
    rows = [STAFF, ("Tỷ lệ CBCC được trang bị máy tính", 95), ALLOCATED]
    measures = {STAFF[0]: "người", rows[1][0]: "%", ALLOCATED[0]: "triệu đồng"}
    path = one_unit(tmp_path / "r.xlsx", rows, measures=measures)
    assert _issues(path) == []
    assert _values(path) == {
        "staff_total": 37.0,
        "percent_staff_with_computers": 95.0,
        "budget_allocated": 338.0,
    }


# The contract decides which units are no money.


def _data() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(
        (schemas_dir() / "unit_report.yaml").read_text(encoding="utf-8")
    )
    return copy.deepcopy(data)


def test_the_units_that_are_no_money_come_from_the_contracts_indicators() -> None:
    measures = load_unit_contract().measure_units
    assert measures["%"] == "percent"  # a percentage indicator's unit
    assert measures[key("người")] == "count"
    assert all(kind != "amount" for kind in measures.values())


def test_a_contract_may_name_more_units_of_a_kind() -> None:
    data = _data()
    data["measure_units"]["count"].append("lượt")
    contract = unit_report_contract(data, "test")
    assert contract.measure_units[key("Lượt")] == "count"
    assert key("lượt") not in load_unit_contract().measure_units


@pytest.mark.parametrize(
    ("kind", "unit", "match"), [("amount", "đô", "amount"), ("count", "triệu", "money")]
)
def test_a_contract_cannot_make_money_a_unit_of_another_kind(
    kind: str, unit: str, match: str
) -> None:
    data = _data()
    data["measure_units"][kind] = [unit]
    with pytest.raises(ContractError, match=match):
        unit_report_contract(data, "test")


FIXTURE = (
    Path(__file__).resolve().parents[2]
    / "fixtures"
    / "unit_reports"
    / "broken"
    / "unit_contradicts_indicator.xlsx"
)


def test_the_fixture_loads_all_but_the_amount_in_percent(tmp_path: Path) -> None:
    (twin,) = (FIXTURE.parents[1] / "valid" / "one_unit").glob("25_10_*.xlsx")
    ictdata.build([FIXTURE, twin], tmp_path)
    values = pl.read_parquet(tmp_path / "unit_indicators.parquet")
    mine = values.filter(pl.col("file").str.ends_with(FIXTURE.name))
    theirs = values.filter(pl.col("file").str.ends_with(twin.name))
    kept = theirs.filter(pl.col("indicator") != "budget_disbursed")
    assert mine.select("indicator", "value").rows() == kept.select("indicator", "value").rows()
    rejects = pl.read_parquet(tmp_path / "rejects.parquet")
    own = rejects.filter(pl.col("source_file").str.ends_with(FIXTURE.name))
    assert own.select("row", "reason", "content").rows() == [(29, CODE, "D29=44")]
