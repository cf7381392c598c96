"""One list of money units, shared by every bundled template (DOMAIN: đ, đồng, VNĐ, VND...)."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
import yaml

import ictdata
from appendix_builders import GOOD_ROWS, write_appendix
from ictdata.api import check_batch
from ictdata.contracts.load import available_contracts, load_template, schemas_dir
from ictdata.errors import ContractError
from ictdata.text import key

SHARED = schemas_dir() / "shared/money_units.yaml"


def test_every_bundled_template_reads_the_shared_list() -> None:
    # Four copies had drifted: the appendix read "nghìn VNĐ" as a unit not understood.
    shared = {key(str(k)): v for k, v in yaml.safe_load(SHARED.read_text("utf-8")).items()}
    for name in available_contracts():
        assert dict(load_template(name).money_units) == shared, name
    assert shared[key("nghìn VNĐ")] == shared[key("1.000 đồng")] == 1000
    assert shared[key("tỉ VNĐ")] == 10**9


def test_a_copied_template_still_reads_the_shared_list(tmp_path: Path) -> None:
    copy = tmp_path / "my_budget.yaml"
    copy.write_text((schemas_dir() / "project_budget.yaml").read_text("utf-8"), "utf-8")
    assert load_template(copy).money_units == load_template("project_budget").money_units


def test_a_contract_naming_a_missing_units_file_is_refused(tmp_path: Path) -> None:
    data = yaml.safe_load((schemas_dir() / "budget_statement.yaml").read_text("utf-8"))
    data["money_units"] = "no_such_units.yaml"
    path = tmp_path / "statement.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), "utf-8")
    with pytest.raises(ContractError, match="no_such_units"):
        load_template(path)


def test_the_appendix_reads_thousands_of_vnd(tmp_path: Path) -> None:
    # Its own list lacked "nghìn VNĐ": read in the default triệu, every figure 1,000x too large.
    path = write_appendix(tmp_path / "a.xlsx", GOOD_ROWS)
    book = openpyxl.load_workbook(path)
    book.active["A2"] = "Đơn vị tính: nghìn VNĐ"
    book.save(path)
    batch = check_batch(path)
    assert batch.report.issues == ()
    assert batch.tables[0].table.layout.unit.multiplier == 1000
    assert ictdata.check(path).exit_code == 0


@pytest.mark.parametrize(
    ("unit", "words", "codes"),
    [
        ("nghìn VNĐ", "Một triệu năm trăm nghìn đồng", []),
        ("nghìn VNĐ", "Một tỷ năm trăm triệu đồng", ["words-mismatch"]),
        ("tỉ VNĐ", "Một nghìn năm trăm tỷ đồng", []),
    ],
)
def test_a_statement_reads_every_shared_unit(
    tmp_path: Path, unit: str, words: str, codes: list[str]
) -> None:
    # "nghìn VNĐ" was no unit to statements: missing-unit, and the words never compared.
    path = tmp_path / "plan.txt"
    path.write_text(f"KẾ HOẠCH 2014\nTổng kinh phí: 1.500 {unit} ({words})\n", "utf-8")
    assert [i.code.value for i in ictdata.check(path).issues] == codes
