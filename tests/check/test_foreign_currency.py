"""A table stated in a foreign currency is an error, and none of its figures reach the marts."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import openpyxl
import polars as pl
import pytest

import ictdata
from builders import project, table_maker, total
from ictdata.check.codes import IssueCode
from ictdata.read.units import foreign_currency

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"
ROWS = [project(1, 100), project(2, 250), total(350)]


def _issues(path: Path) -> list[tuple[str, str | None, str | None, str | None]]:
    result = ictdata.check(path).files[0]
    return [(i.code.value, i.cell, i.unit, i.detail) for i in result.issues]


@pytest.mark.parametrize(
    ("unit", "code"),
    [
        ("nghìn USD", "USD"),
        ("USD", "USD"),
        ("triệu USD", "USD"),
        ("EUR", "EUR"),
        ("Triệu đô la Mỹ", "USD"),
        ("1.000 US$", "USD"),
        ("nghìn €", "EUR"),
        ("triệu Nhân dân tệ", "CNY"),
    ],
)
def test_a_foreign_currency_unit_line_is_an_error(tmp_path: Path, unit: str, code: str) -> None:
    path = table_maker(tmp_path)(ROWS, unit_line=f"Đơn vị tính: {unit}")
    assert _issues(path) == [("foreign-currency", "A2", code, unit)]
    assert ictdata.check(path).exit_code == ictdata.ExitCode.INVALID


@pytest.mark.parametrize(
    "unit",
    [
        "triệu VNĐ",
        "nghìn đồng",
        "tỷ đồng",
        "đồng",
        "VND",
        "triệu đồng/năm",
        "khu đô thị",
        "huyện Yên Lập",
        "triệu đồng (tương đương 50.000 USD)",
        "triệu đ (1 USD = 23.000 đ)",
        "tr.đ, quy đổi từ USD",
        "Trđ (tỷ giá 1$ = 23.000đ)",
        "nghìn đ, vốn vay WB bằng USD",
        "vốn ODA quy đổi từ USD",
    ],
)
def test_a_unit_naming_no_foreign_currency_is_not_one(unit: str) -> None:
    assert foreign_currency(unit) is None


@pytest.mark.parametrize(
    "unit", ["triệu đ (1 USD = 23.000 đ)", "tr.đ, quy đổi từ USD", "Trđ (tỷ giá 1$ = 23.000đ)"]
)
def test_a_dong_unit_mentioning_a_dollar_keeps_the_data(tmp_path: Path, unit: str) -> None:
    path = table_maker(tmp_path)(ROWS, unit_line=f"Đơn vị tính: {unit}")
    # Read as triệu đồng ("Trđ" before its note), or the default with a warning: never refused.
    assert [code for code, *_ in _issues(path)] in (["unrecognised-unit"], [])
    assert ictdata.load(path).filter(row_kind="total")["estimate_investment"].item() == 350 * 10**6


def test_a_title_noting_a_dollar_source_is_no_unit(tmp_path: Path) -> None:
    path = table_maker(tmp_path)(ROWS, unit_line=None)
    book = openpyxl.load_workbook(path)
    sheet = book.active
    assert sheet is not None
    sheet["A1"] = f"{sheet['A1'].value} (vốn ODA quy đổi từ USD)"
    sheet["F3"] = "Dự kiến tổng kinh phí (triệu đồng)"
    book.save(path)
    assert _issues(path) == []
    assert ictdata.load(path).filter(row_kind="total")["estimate_investment"].item() == 350 * 10**6


def test_an_unrecognised_unit_that_is_no_currency_keeps_its_warning(tmp_path: Path) -> None:
    path = table_maker(tmp_path)(ROWS, unit_line="Đơn vị tính: triệu đồng/năm")
    assert _issues(path) == [("unrecognised-unit", "A2", "triệu VNĐ", "triệu đồng/năm")]
    assert ictdata.load(path).filter(row_kind="total")["estimate_investment"].item() == 350 * 10**6


def test_a_dong_unit_line_gives_no_unit_issue(tmp_path: Path) -> None:
    path = table_maker(tmp_path)(ROWS, unit_line="Đơn vị tính: nghìn đồng")
    assert _issues(path) == []
    assert ictdata.load(path).filter(row_kind="total")["estimate_investment"].item() == 350_000


def test_a_foreign_currency_header_note_is_an_error(tmp_path: Path) -> None:
    path = table_maker(tmp_path)(ROWS, unit_line=None)
    book = openpyxl.load_workbook(path)
    sheet = book.active
    assert sheet is not None
    sheet["F3"] = "Dự kiến tổng kinh phí (nghìn USD)"
    book.save(path)
    assert [(code, cell) for code, cell, _, _ in _issues(path)] == [("foreign-currency", "F3")]


@pytest.mark.parametrize("name", ["foreign_currency.xlsx", "foreign_currency.csv"])
def test_no_amount_of_a_foreign_currency_table_reaches_the_marts(
    tmp_path: Path, name: str, expected: dict[str, Any]
) -> None:
    path = FIXTURES / "broken" / name
    report = ictdata.build([path, FIXTURES / "valid" / "seed_budget.xlsx"], tmp_path)
    assert [i.code for i in report.files[0].issues] == [IssueCode.FOREIGN_CURRENCY]
    projects = pl.read_parquet(tmp_path / "projects.parquet")
    funding = pl.read_parquet(tmp_path / "project_funding.parquet")
    rejects = pl.read_parquet(tmp_path / "rejects.parquet")
    assert projects.filter(pl.col("source_file").str.ends_with(name)).height == 0
    assert funding.filter(pl.col("source_file").str.ends_with(name)).height == 0
    own = rejects.filter(pl.col("source_file").str.ends_with(name))
    # The seed's 8 projects (rows 5-12) and its "Tổng" row 13, under the header rows 3-4.
    assert own.select("row", "reason").rows() == [(row, "foreign-currency") for row in range(5, 14)]
    assert own.filter(row=13)["content"].item().startswith("A13=Tổng")
    # The good file beside it still loads all its projects.
    assert projects.filter(pl.col("source_file").str.ends_with("seed_budget.xlsx")).height == 8
    # Only the good file's amounts (the seed's, in triệu đồng) are in the funding mart.
    seed_vnd = sum(amount for *_, amount in expected["seed_funding"]) * 10**6
    assert funding["amount_vnd"].sum() == seed_vnd


@pytest.mark.parametrize(
    ("unit", "scale"),
    [("đồng (VNĐ)", 1), ("triệu đồng (tương đương 50.000 USD)", 10**6), ("(nghìn đồng)", 1000)],
)
def test_a_dong_unit_with_a_note_after_it_is_read(tmp_path: Path, unit: str, scale: int) -> None:
    path = table_maker(tmp_path)(ROWS, unit_line=f"Đơn vị tính: {unit}")
    assert _issues(path) == []
    assert ictdata.load(path).filter(row_kind="total")["estimate_investment"].item() == 350 * scale


@pytest.mark.parametrize(
    ("line", "scale"),
    [("Đơn vị: nghìn đồng", 1000), ("Đơn vị: 1.000 đồng", 1000), ("Đơn vị: đồng", 1)],
)
def test_a_unit_line_headed_only_by_don_vi_is_read(tmp_path: Path, line: str, scale: int) -> None:
    path = table_maker(tmp_path)(ROWS, unit_line=line)
    assert _issues(path) == []
    assert ictdata.load(path).filter(row_kind="total")["estimate_investment"].item() == 350 * scale


def test_a_line_naming_the_reporting_unit_is_no_unit_line(tmp_path: Path) -> None:
    path = table_maker(tmp_path)(ROWS, unit_line="Đơn vị: Sở Thông tin và Truyền thông")
    # The default unit, as with no unit line, and the warning saying so.
    assert _issues(path) == [("unit-not-stated", "A3", "triệu VNĐ", None)]
    assert ictdata.load(path).filter(row_kind="total")["estimate_investment"].item() == 350 * 10**6
