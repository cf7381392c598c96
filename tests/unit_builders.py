"""Build small unit-report workbooks (one-unit and consolidated forms), for edge cases."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path

import openpyxl

Cell = str | int | float | None
INDICATOR_ROW = 7  # the first indicator row of a one-unit report built here
# The "Đơn vị tính" of the amounts, as reports fill it in (the other rows are left blank).
AMOUNT_MEASURES = {
    "Kinh phí CNTT được bố trí": "triệu đồng",
    "Kinh phí CNTT đã giải ngân": "triệu đồng",
}


def _save(path: Path, rows: Sequence[Sequence[Cell]], sheet_name: str) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = sheet_name
    for r, row in enumerate(rows, start=1):
        for c, value in enumerate(row, start=1):
            if value is not None:
                sheet.cell(r, c, value)
    book.save(path)
    return path


def one_unit(  # noqa: PLR0913  one keyword per part of the heading a test varies
    path: Path,
    values: Sequence[tuple[str, Cell]],
    *,
    unit: str | None = "Sở Y tế",
    year: Cell = 2013,
    title_year: int = 2013,
    measures: Mapping[str, str] = AMOUNT_MEASURES,
) -> Path:
    """A one-unit report: title, heading (unit B3, year B4), header row 6, values in D7...

    The "Đơn vị tính" column (C) holds `measures` of the labels it names.
    """
    rows: list[list[Cell]] = [
        [f"BÁO CÁO TÌNH HÌNH ỨNG DỤNG CNTT NĂM {title_year}"],
        [],
        ["Đơn vị báo cáo:", unit],
        ["Năm báo cáo:", year],
        [],
        ["TT", "Chỉ tiêu", "Đơn vị tính", "Số liệu"],
    ]
    rows += [
        [n, label, measures.get(label), value] for n, (label, value) in enumerate(values, start=1)
    ]
    return _save(path, rows, "Bao cao")


def consolidated(
    path: Path, indicators: Sequence[str], units: Sequence[tuple[str, Sequence[Cell]]]
) -> Path:
    """A consolidated report: title, header row 3 (TT, Đơn vị, indicators...), a row per unit."""
    rows: list[list[Cell]] = [
        ["TỔNG HỢP BÁO CÁO ỨNG DỤNG CNTT NĂM 2013"],
        [],
        ["TT", "Đơn vị", *indicators],
    ]
    rows += [[n, name, *values] for n, (name, values) in enumerate(units, start=1)]
    return _save(path, rows, "Tong hop")


def edit_cells(path: Path, cells: Mapping[str, Cell]) -> Path:
    """Write `cells` ({"A5": "Đơn vị tính: đồng"}; None empties one) in the workbook's sheet."""
    book = openpyxl.load_workbook(path)
    sheet = book.active
    assert sheet is not None
    for cell, value in cells.items():
        sheet[cell] = value
    book.save(path)
    return path
