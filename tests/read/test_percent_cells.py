"""Cells typed as Excel percentages (44 % stored as 0.44) are read as the sheet shows them.

A unit report's percentage indicator in such a cell is read times 100, in both forms; a count
in such a cell, and the amounts of a budget table, are read as stored.
"""

from __future__ import annotations

from pathlib import Path

import openpyxl
import polars as pl
import pytest

import ictdata
from builders import project, table_maker, total
from ictdata.read.source import open_source
from unit_builders import Cell, consolidated, one_unit

UNIT_REPORTS = Path(__file__).resolve().parents[2] / "fixtures" / "unit_reports"
PERCENT_CELLS = UNIT_REPORTS / "valid" / "percent_cells"
STAFF = ("Tổng số cán bộ, công chức", 50)
WITH_COMPUTERS = ("Số CBCC được trang bị máy tính", 22)
SHARE = "Tỷ lệ CBCC được trang bị máy tính"
DOCUMENTS = "Tỷ lệ văn bản điện tử"


def _formatted(path: Path, formats: dict[str, str]) -> Path:
    """`path` with the number formats `formats` (A1 cell -> format code) given to its cells."""
    book = openpyxl.load_workbook(path)
    sheet = book.active
    assert sheet is not None
    for cell, number_format in formats.items():
        sheet[cell].number_format = number_format
    book.save(path)
    return path


def _mart(paths: Path | list[Path], out: Path, name: str = "unit_indicators") -> pl.DataFrame:
    ictdata.build(paths, out)
    return pl.read_parquet(out / f"{name}.parquet")


def _issues(path: Path) -> list[tuple[str, str | None, object, object]]:
    return [(i.code.value, i.cell, i.expected, i.actual) for i in ictdata.check(path).issues]


def test_a_percentage_typed_as_an_excel_percentage_is_44_in_the_mart(tmp_path: Path) -> None:
    path = one_unit(tmp_path / "r.xlsx", [STAFF, WITH_COMPUTERS, (SHARE, 0.44)])
    _formatted(path, {"D9": "0%"})
    mart = _mart(path, tmp_path / "out")
    row = mart.filter(indicator="percent_staff_with_computers")
    assert (row["cell"].item(), row["value"].item()) == ("D9", 44.0)
    assert _issues(path) == []  # 22 of 50 is 44 %: no percent-mismatch


@pytest.mark.parametrize(
    ("stored", "number_format", "shown"),
    [
        (0.44, "0%", 44.0),  # built-in 9
        (0.4425, "0.00%", 44.25),  # built-in 10, read to the hundredth of a percent
        (0.953, "0.0%", 95.3),  # the workbook's own format
        (1, "0%", 100.0),  # a whole number: 100 %
        (0, "0.0%", 0.0),
        (44, '0" %"', 44.0),  # a quoted "%" is text: 44 shown "44 %", not scaled
        ("44%", "General", 44.0),  # text, as before
        ("44", "General", 44.0),
        ("44%", "0%", 44.0),  # text in a percent cell is text
    ],
)
def test_percent_cells_read_as_shown(
    tmp_path: Path, stored: Cell, number_format: str, shown: float
) -> None:
    path = _formatted(one_unit(tmp_path / "r.xlsx", [(DOCUMENTS, stored)]), {"D7": number_format})
    assert _mart(path, tmp_path / "out")["value"].to_list() == [shown]


def test_a_count_in_a_percent_cell_is_not_scaled(tmp_path: Path) -> None:
    path = one_unit(tmp_path / "r.xlsx", [STAFF, ("Tổng số máy tính", 30), (SHARE, 0.44)])
    _formatted(path, {"D7": "0%", "D8": "0.0%", "D9": "0%"})
    assert open_source(path).grids[0].percent_cells == {"D7", "D8", "D9"}
    mart = _mart(path, tmp_path / "out")
    assert mart.select("indicator", "value").rows() == [
        ("staff_total", 50.0),
        ("computers", 30.0),
        ("percent_staff_with_computers", 44.0),
    ]


def test_120_percent_typed_as_a_percentage_is_out_of_range_at_its_cell(tmp_path: Path) -> None:
    path = one_unit(tmp_path / "r.xlsx", [STAFF, (DOCUMENTS, 1.2)])
    _formatted(path, {"D8": "0%"})
    assert _issues(path) == [("percent-out-of-range", "D8", None, 120.0)]


def test_percent_mismatch_judges_the_percentage_shown(tmp_path: Path) -> None:
    path = one_unit(tmp_path / "r.xlsx", [STAFF, WITH_COMPUTERS, (SHARE, 0.8)])
    _formatted(path, {"D9": "0%"})
    assert _issues(path) == [("percent-mismatch", "D9", 44.0, 80.0)]


def test_the_consolidated_form_reads_percent_cells_as_shown(tmp_path: Path) -> None:
    header = [
        "Tổng số CBCC",
        "Số CBCC có máy tính",
        "Tỷ lệ CBCC có máy tính",
        "Tỷ lệ văn bản điện tử",
    ]
    units: list[tuple[str, list[Cell]]] = [
        ("Sở Y tế", [50, 22, 0.44, 0.3]),
        ("Sở Tài chính", [40, 40, 1, 1.3]),
    ]
    path = consolidated(tmp_path / "c.xlsx", header, units)
    _formatted(path, {"C4": "0%", "E4": "0%", "E5": "0.0%", "F4": "0%", "F5": "0%"})
    mart = _mart(path, tmp_path / "out")
    assert mart.select("unit_code", "indicator", "value", "cell").rows() == [
        ("25.05", "staff_total", 50.0, "C4"),  # a count in a percent cell: as stored
        ("25.05", "staff_with_computers", 22.0, "D4"),
        ("25.05", "percent_staff_with_computers", 44.0, "E4"),
        ("25.05", "percent_documents_electronic", 30.0, "F4"),
        ("25.09", "staff_total", 40.0, "C5"),
        ("25.09", "staff_with_computers", 40.0, "D5"),
        ("25.09", "percent_staff_with_computers", 100.0, "E5"),
        ("25.09", "percent_documents_electronic", 130.0, "F5"),
    ]
    assert _issues(path) == [("percent-out-of-range", "F5", None, 130.0)]


def _values(path: Path, out: Path) -> pl.DataFrame:
    columns = ["unit_code", "year", "indicator", "value", "cell"]
    return _mart(path, out).select(columns).sort(columns)


@pytest.mark.parametrize(
    ("typed", "twin"),
    [
        ("25_01_van_phong_ubnd_tinh.xlsx", "one_unit/25_01_van_phong_ubnd_tinh.xlsx"),
        ("consolidated_2013.xlsx", "consolidated_2013.xlsx"),
    ],
)
def test_the_percent_typed_fixtures_give_their_twins_values(
    tmp_path: Path, typed: str, twin: str
) -> None:
    path = PERCENT_CELLS / typed
    (grid,) = open_source(path).grids
    values = _values(path, tmp_path / "typed")
    shares = values.filter(pl.col("indicator").str.starts_with("percent_"))
    assert set(shares["cell"]) == grid.percent_cells  # every percentage, and only they
    assert values.equals(_values(UNIT_REPORTS / "valid" / twin, tmp_path / "twin"))


def test_the_percent_typed_fixtures_leave_the_roll_up_as_it_was(tmp_path: Path) -> None:
    typed = _mart(PERCENT_CELLS, tmp_path / "typed", "province_indicators")
    general = _mart(
        UNIT_REPORTS / "valid" / "consolidated_2013.xlsx", tmp_path, "province_indicators"
    )
    assert typed.equals(general)
    means = typed.filter(pl.col("indicator").is_in(["percent_meetings_online"]))
    assert means["value"].to_list() == [10.0]  # "còn ở mức khiêm tốn là 10%"


def test_budget_amounts_in_percent_cells_are_read_as_stored(tmp_path: Path) -> None:
    rows = [project(1, 10, 0.5, 2), project(2, 5, 1), total(15, 1.5, 2)]
    general = table_maker(tmp_path)(rows, name="general.xlsx")
    typed = _formatted(
        table_maker(tmp_path)(rows, name="typed.xlsx"),
        {f"{column}{row}": "0%" for column in "FGH" for row in (5, 6, 7)},
    )
    assert open_source(typed).grids[0].percent_cells >= {"F5", "G5", "H5", "F7"}

    def amounts(path: Path, out: Path) -> list[tuple[str, str, int]]:
        funding = _mart(path, out, "project_funding")
        return sorted(funding.select("stage", "funding_kind", "amount_vnd").rows())

    found = amounts(typed, tmp_path / "typed")
    assert found == amounts(general, tmp_path / "general")
    assert ("estimate", "recurrent", 500_000) in found  # 0,5 triệu VNĐ, shown "50%"
