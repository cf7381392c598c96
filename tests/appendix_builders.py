"""Build small budget-appendix workbooks: a header over the sources, rows from row 5."""

from __future__ import annotations

from pathlib import Path

import openpyxl

from builders import save_rows

Cell = str | int | None
HEADER = ["TT", "Nội dung nhiệm vụ, dự án", "Đơn vị chủ trì", "Kinh phí năm 2014"]
SOURCES = ["Tổng số", "Ngân sách tỉnh", "Ngân sách huyện", "Nguồn khác"]


def write_appendix(path: Path, rows: list[list[Cell]], sources: list[str] | None = None) -> Path:
    """An appendix: title, unit, "TT | Nội dung | ... | Kinh phí năm 2014" over its sources."""
    chosen = SOURCES if sources is None else sources
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Phu luc"
    sheet["A1"] = "PHỤ LỤC CHI TIẾT KINH PHÍ NĂM 2014"
    sheet["A2"] = "Đơn vị tính: triệu đồng"
    for column, text in enumerate(HEADER, start=1):
        sheet.cell(3, column, text)
    sheet.merge_cells(start_row=3, start_column=4, end_row=3, end_column=3 + len(chosen))
    for offset, text in enumerate(chosen):
        sheet.cell(4, 4 + offset, text)
    save_rows(book, rows, path)
    return path


GOOD_ROWS: list[list[Cell]] = [
    ["I", "Dự án chuyển tiếp", None, 4103, 4103, None],
    ["1", "Nâng cấp hệ thống hội nghị truyền hình trực tuyến", "Sở TT&TT", 4103, 4103, None],
    ["II", "Nhiệm vụ mới", None, 2700, 900, 1800],
    ["1", "Duy trì Cổng giao tiếp điện tử", "Sở TT&TT", 900, 900, None],
    ["2", "Một cửa điện tử cấp huyện", "UBND các huyện", 1800, None, 1800],
    ["Tổng cộng", None, None, 6803, 5003, 1800],
]
