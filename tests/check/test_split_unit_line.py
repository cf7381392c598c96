"""A unit line typed across cells takes the cell that reads as a unit, not a note before it.

`Đơn vị tính:` | `Phụ lục 01` | `triệu đồng` is triệu đồng, in unit reports, project tables
and budget statements' sheets alike; only a row where no cell reads as a unit is judged a
unit not understood (`unrecognised-unit`, naming the cell next to the label).
"""

from __future__ import annotations

from pathlib import Path

import openpyxl
import polars as pl
import pytest

import ictdata
from builders import project, table_maker, total
from ictdata.api import check_batch
from ictdata.marts.units import unit_indicators
from unit_builders import consolidated, edit_cells, one_unit

NOTE = "Phụ lục 01"
Found = list[tuple[str, str | None, str | None, str | None]]
FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "unit_reports" / "valid"


def _issues(path: Path) -> Found:
    return [(i.code.value, i.cell, i.unit, i.detail) for i in ictdata.check(path).issues]


def _budget(path: Path) -> list[float]:
    values = unit_indicators(check_batch(path)).filter(indicator="budget_allocated")
    return [float(v) for v in values.sort("cell")["value"].to_list()]


def _report(tmp_path: Path) -> Path:
    """A one-unit report: staff (row 7) and an amount, 338 (D8), with no unit of its own."""
    rows = [("Tổng số cán bộ, công chức", 37), ("Kinh phí CNTT được bố trí", 338)]
    return one_unit(tmp_path / "r.xlsx", rows, measures={})


# 1. Unit reports.


@pytest.mark.parametrize(
    ("cells", "expected"),
    [
        ({"A5": "Đơn vị tính:", "B5": NOTE, "C5": "nghìn đồng"}, 0.338),
        ({"A5": "ĐVT:", "B5": NOTE, "C5": "(kèm theo Kế hoạch)", "D5": "đồng"}, 0.000338),
        ({"A5": "Đơn vị tính:", "B5": NOTE, "D5": "tỷ đồng"}, 338_000.0),
    ],
)
def test_a_reports_unit_line_skips_a_note_before_its_unit(
    tmp_path: Path, cells: dict[str, str | None], expected: float
) -> None:
    path = edit_cells(_report(tmp_path), cells)
    assert _issues(path) == []
    assert _budget(path) == pytest.approx([expected])


@pytest.mark.parametrize(
    ("unit", "expected"),
    [
        ("nghìn USD", ("foreign-currency", "A5", "USD", "nghìn USD")),
        ("%", ("unit-contradicts-indicator", "A5", "triệu đồng", "%")),
        ("triệu đồng/năm", ("unrecognised-unit", "A5", "triệu đồng", "triệu đồng/năm")),
    ],
)
def test_a_reports_unit_after_a_note_is_judged_as_written(
    tmp_path: Path, unit: str, expected: tuple[str, str, str, str]
) -> None:
    path = edit_cells(_report(tmp_path), {"A5": "Đơn vị tính:", "B5": NOTE, "C5": unit})
    assert _issues(path) == [expected]


@pytest.mark.parametrize("cells", [{"B5": NOTE}, {"B5": NOTE, "C5": "bộ"}])
def test_a_row_where_no_cell_reads_as_a_unit_warns_about_the_next_cell(
    tmp_path: Path, cells: dict[str, str | None]
) -> None:
    path = edit_cells(_report(tmp_path), {"A5": "Đơn vị tính:", **cells})
    assert _issues(path) == [("unrecognised-unit", "A5", "triệu đồng", NOTE)]
    assert _budget(path) == [338.0]


def test_a_unit_on_another_row_is_not_the_lines(tmp_path: Path) -> None:
    path = edit_cells(_report(tmp_path), {"A5": "Đơn vị tính:", "B5": NOTE, "C2": "nghìn đồng"})
    assert _issues(path) == [("unrecognised-unit", "A5", "triệu đồng", NOTE)]


def test_a_consolidated_reports_unit_line_skips_a_note(tmp_path: Path) -> None:
    header = ["Tổng số CBCC", "KP CNTT được bố trí", "Số máy tính"]
    units = [("Sở Y tế", [80, 500, 90]), ("Sở Tư pháp", [40, 300, 45])]
    path = consolidated(tmp_path / "c.xlsx", header, units)
    edit_cells(path, {"A2": "ĐVT:", "B2": NOTE, "C2": "nghìn đồng"})
    assert _issues(path) == []
    assert _budget(path) == pytest.approx([0.5, 0.3])


def test_the_fixture_in_dong_reads_as_its_twin(tmp_path: Path) -> None:
    (fixture,) = (FIXTURES / "unit_lines").glob("*.xlsx")
    (twin,) = (FIXTURES / "one_unit").glob(fixture.name)
    assert ictdata.check(fixture).issues == ()
    ictdata.build([fixture], tmp_path / "alone")
    ictdata.build([twin], tmp_path / "twin")
    mine, theirs = (
        pl.read_parquet(tmp_path / name / "unit_indicators.parquet").select("indicator", "value")
        for name in ("alone", "twin")
    )
    assert mine.equals(theirs)
    budget = mine.filter(pl.col("indicator").str.starts_with("budget"))["value"].to_list()
    assert budget == [305.0, 134.0]


# 2. Project tables: the same helper reads their unit line.

TABLE_ROWS = [project(1, 100), project(2, 250), total(350)]


@pytest.mark.parametrize(
    ("cells", "vnd"),
    [
        ({"A2": "Đơn vị tính:", "B2": NOTE, "C2": "nghìn đồng"}, 350_000),
        ({"A2": "ĐVT:", "B2": NOTE, "E2": "tỷ đồng"}, 350 * 10**9),
        # A note that names money (an exchange rate) is still no unit beside the unit itself.
        ({"A2": "Đơn vị tính:", "B2": "Tỷ giá: 1 USD = 21.036 đồng", "D2": "nghìn đồng"}, 350_000),
    ],
)
def test_a_tables_unit_line_skips_a_note_before_its_unit(
    tmp_path: Path, cells: dict[str, str | None], vnd: int
) -> None:
    path = edit_cells(table_maker(tmp_path)(TABLE_ROWS, unit_line=None), cells)
    assert _issues(path) == []
    assert ictdata.load(path).filter(row_kind="total")["estimate_investment"].item() == vnd


@pytest.mark.parametrize(
    ("cells", "expected"),
    [
        ({"C2": "nghìn USD"}, [("foreign-currency", "A2", "USD", "nghìn USD")]),
        ({}, [("unrecognised-unit", "A2", "triệu VNĐ", NOTE)]),
    ],
)
def test_a_tables_unit_after_a_note_is_judged_as_written(
    tmp_path: Path, cells: dict[str, str | None], expected: Found
) -> None:
    line: dict[str, str | None] = {"A2": "Đơn vị tính:", "B2": NOTE}
    path = edit_cells(table_maker(tmp_path)(TABLE_ROWS, unit_line=None), line | cells)
    assert _issues(path) == expected


# 3. Budget statements' sheets: their unit line too.


def _statements(tmp_path: Path, line: list[object]) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Kinh phi"
    rows: list[list[object]] = [
        ["KINH PHÍ THỰC HIỆN KẾ HOẠCH NĂM 2014"],
        line,
        ["Nguồn kinh phí", "Số tiền", "Bằng chữ"],
        ["Tổng kinh phí", 350, "Ba trăm năm mươi triệu đồng"],
        ["Ngân sách tỉnh", 350, "Ba trăm năm mươi triệu đồng"],
    ]
    for row in rows:
        sheet.append(row)
    path = tmp_path / "nguon_kinh_phi.xlsx"
    book.save(path)
    return path


def test_a_statement_sheets_unit_line_skips_a_note(tmp_path: Path) -> None:
    path = _statements(tmp_path, ["Đơn vị tính:", NOTE, "triệu đồng"])
    assert _issues(path) == []
    ictdata.build([path], tmp_path / "marts")
    sources = pl.read_parquet(tmp_path / "marts" / "budget_sources.parquet")
    assert sources.select("cell", "amount_vnd_figure").rows() == [
        ("B4", 350_000_000),
        ("B5", 350_000_000),
    ]


def test_a_statement_sheets_foreign_unit_after_a_note_is_an_error(tmp_path: Path) -> None:
    path = _statements(tmp_path, ["ĐVT:", NOTE, "nghìn USD"])
    assert _issues(path) == [
        ("foreign-currency", "B4", "USD", "nghìn USD"),
        ("foreign-currency", "B5", "USD", "nghìn USD"),
    ]
