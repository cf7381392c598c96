"""Build small project-budget workbooks under the canonical two-row header, for edge cases."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

import openpyxl

HEADER_FIXED = [
    "TT",
    "Tên dự án/ nhiệm vụ",
    "Thời gian thực hiện",
    "Đơn vị chủ trì",
    "Cơ quan phê duyệt",
]
STAGES = [
    "Dự kiến tổng kinh phí",
    "Vốn đã bố trí hết năm 2012",
    "Vốn bố trí năm 2013",
    "Nhu cầu kế hoạch 2014",
]
KINDS = ["Kinh phí đầu tư", "Kinh phí sự nghiệp"]
Cell = str | int | float | None
# As US-locale Excel writes its Accounting format into the workbook (not a built-in id).
ACCOUNTING_DOLLAR = '_("$"* #,##0_);_("$"* (#,##0);_("$"* "-"??_);_(@_)'
Row = Sequence[Cell]
MakeTable = Callable[..., Path]


def project(number: int, *amounts: Cell) -> list[Cell]:
    """A project row: number, name, period, lead unit, approver, then eight amounts F..M."""
    padded = list(amounts) + [None] * (8 - len(amounts))
    return [number, f"Dự án {number}", None, "Sở Thông tin và Truyền thông", "UBND tỉnh", *padded]


def total(*amounts: Cell, label: str = "Tổng") -> list[Cell]:
    """A totals row with the label in column A."""
    padded = list(amounts) + [None] * (8 - len(amounts))
    return [label, None, None, None, None, *padded]


def _write(path: Path, rows: Sequence[Row], unit_line: str | None) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Bieu 01"
    sheet["A1"] = "KẾ HOẠCH ỨNG DỤNG CNTT NĂM 2014"
    if unit_line is not None:
        sheet["A2"] = unit_line
    for column, text in enumerate(HEADER_FIXED, start=1):
        sheet.cell(3, column, text)
        sheet.merge_cells(start_row=3, start_column=column, end_row=4, end_column=column)
    for index, stage in enumerate(STAGES):
        column = 6 + 2 * index
        sheet.cell(3, column, stage)
        sheet.merge_cells(start_row=3, start_column=column, end_row=3, end_column=column + 1)
        for offset, kind in enumerate(KINDS):
            sheet.cell(4, column + offset, kind)
    save_rows(book, rows, path)
    return path


def save_rows(book: openpyxl.Workbook, rows: Sequence[Row], path: Path) -> None:
    """Write `rows` from row 5 (under a two-row header) of the active sheet, and save."""
    sheet = book.active
    assert sheet is not None
    for row_index, row in enumerate(rows, start=5):
        for column, value in enumerate(row, start=1):
            if value is not None:
                sheet.cell(row_index, column, value)
    book.save(path)


def table_maker(folder: Path) -> MakeTable:
    """A function writing rows (from row 5, under the header) to a new workbook in `folder`."""

    def make(
        rows: Sequence[Row], unit_line: str | None = "Đơn vị tính: triệu VNĐ", name: str = "t.xlsx"
    ) -> Path:
        return _write(folder / name, rows, unit_line)

    return make


SEED_STATEMENTS = [
    (
        "Tổng kinh phí thực hiện: 11.553.000.000 đồng (Mười một tỷ, năm trăm năm mươi ba triệu "
        "đồng), trong đó:"
    ),
    "- Ngân sách tỉnh: 8.853.000 đồng (Tám tỷ, tám trăm năm mươi ba triệu đồng).",
    "- Ngân sách huyện: 2.700.000 (Hai tỷ, bảy trăm triệu đồng).",
    " (Chi tiết kinh phí có phụ lục kèm theo)",
]
