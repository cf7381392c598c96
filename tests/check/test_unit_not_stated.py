"""A table that states its unit nowhere is read in the default unit, with a warning saying so."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

import ictdata
from appendix_builders import GOOD_ROWS, write_appendix
from builders import project, table_maker, total
from ictdata.api import check_batch
from ictdata.check.codes import IssueCode
from ictdata.marts.units import unit_indicators
from unit_builders import consolidated, edit_cells, one_unit

ROWS = [project(1, 100), project(2, 250), total(350)]
TRIEU = 10**6


def _issues(path: Path) -> list[tuple[str, str | None, str | None, str | None]]:
    return [(i.code.value, i.sheet, i.cell, i.unit) for i in ictdata.check(path).issues]


def _estimate_total(path: Path) -> int:
    return int(ictdata.load(path).filter(row_kind="total")["estimate_investment"].item())


def test_a_table_without_a_unit_warns_at_its_header_and_stays_valid(tmp_path: Path) -> None:
    path = table_maker(tmp_path)(ROWS, unit_line=None)
    report = ictdata.check(path)
    assert [(i.code, i.severity.value, i.cell, i.row, i.unit) for i in report.issues] == [
        (IssueCode.UNIT_NOT_STATED, "warning", "A3", 3, "triệu VNĐ")
    ]
    assert report.valid
    assert report.exit_code == ictdata.ExitCode.VALID
    # Read in the default unit, as before: the warning changes no figure.
    assert _estimate_total(path) == 350 * TRIEU


def test_the_warning_is_once_per_table(tmp_path: Path) -> None:
    path = table_maker(tmp_path)(ROWS, unit_line=None)
    book = openpyxl.load_workbook(path)
    first = book.active
    assert first is not None
    book.copy_worksheet(first).title = "Bieu 02"
    book.save(path)
    assert _issues(path) == [
        ("unit-not-stated", "Bieu 01", "A3", "triệu VNĐ"),
        ("unit-not-stated", "Bieu 02", "A3", "triệu VNĐ"),
    ]


def test_a_table_starting_further_in_gets_it_at_its_own_first_cell(tmp_path: Path) -> None:
    path = tmp_path / "offset.xlsx"
    source = openpyxl.load_workbook(table_maker(tmp_path)(ROWS, unit_line=None))
    sheet = source.active
    assert sheet is not None
    sheet.unmerge_cells("F3:G3")
    for letter in "ABCDE":
        sheet.unmerge_cells(f"{letter}3:{letter}4")
    sheet.move_range("A1:M7", rows=2, cols=2)
    source.save(path)
    assert _issues(path) == [("unit-not-stated", "Bieu 01", "C5", "triệu VNĐ")]


def test_a_budget_appendix_without_a_unit_warns_in_its_own_default(tmp_path: Path) -> None:
    path = edit_cells(write_appendix(tmp_path / "pl.xlsx", GOOD_ROWS), {"A2": None})
    assert _issues(path) == [("unit-not-stated", "Phu luc", "A3", "triệu đồng")]


def test_a_budget_appendix_with_its_unit_line_is_silent(tmp_path: Path) -> None:
    assert _issues(write_appendix(tmp_path / "pl.xlsx", GOOD_ROWS)) == []


@pytest.mark.parametrize(
    ("unit_line", "multiplier"),
    [
        ("Đơn vị tính: triệu VNĐ", TRIEU),
        ("ĐVT: nghìn đồng", 1000),
        ("(Đơn vị tính: tỷ đồng)", 10**9),
        ("Đơn vị: nghìn đồng", 1000),
        ("Đơn vị tính: đồng (VNĐ)", 1),
        ("ĐVT: Triệu đồng.", TRIEU),
    ],
)
def test_a_unit_line_is_a_stated_unit(tmp_path: Path, unit_line: str, multiplier: int) -> None:
    path = table_maker(tmp_path)(ROWS, unit_line=unit_line)
    assert _issues(path) == []
    assert _estimate_total(path) == 350 * multiplier


@pytest.mark.parametrize(
    ("cells", "multiplier"),
    [
        # A unit noted in a header cell.
        ({"F3": "Dự kiến tổng kinh phí (nghìn đồng)"}, 1000),
        # A unit noted in the title.
        ({"A1": "KẾ HOẠCH ỨNG DỤNG CNTT NĂM 2014 (triệu đồng)"}, TRIEU),
        # A unit line at the right end of the row above the header.
        ({"K2": "Đơn vị tính: đồng"}, 1),
        # A unit line ending the title.
        ({"A1": "KẾ HOẠCH ỨNG DỤNG CNTT NĂM 2014 (Đơn vị tính: nghìn đồng)"}, 1000),
        ({"A1": "BẢNG TỔNG HỢP DỰ ÁN - ĐVT: tỷ đồng"}, 10**9),
    ],
)
def test_a_unit_stated_elsewhere_above_the_table_counts(
    tmp_path: Path, cells: dict[str, str | None], multiplier: int
) -> None:
    path = edit_cells(table_maker(tmp_path)(ROWS, unit_line=None), cells)
    assert _issues(path) == []
    assert _estimate_total(path) == 350 * multiplier


def test_words_of_a_title_that_only_look_like_a_unit_line_are_not_one(tmp_path: Path) -> None:
    title = "KẾ HOẠCH NĂM 2014 - đơn vị tính toán: Sở Tài chính"
    path = edit_cells(table_maker(tmp_path)(ROWS, unit_line=None), {"A1": title})
    assert _issues(path) == [("unit-not-stated", "Bieu 01", "A3", "triệu VNĐ")]


def test_a_foreign_currency_ending_the_title_is_refused(tmp_path: Path) -> None:
    path = edit_cells(
        table_maker(tmp_path)(ROWS, unit_line=None), {"A1": "KẾ HOẠCH 2014 (ĐVT: nghìn USD)"}
    )
    assert _issues(path) == [("foreign-currency", "Bieu 01", "A1", "USD")]


def test_a_unit_not_understood_is_unrecognised_not_unstated(tmp_path: Path) -> None:
    path = table_maker(tmp_path)(ROWS, unit_line="Đơn vị tính: bộ")
    assert [code for code, *_ in _issues(path)] == ["unrecognised-unit"]


def test_a_foreign_currency_is_not_unstated(tmp_path: Path) -> None:
    path = table_maker(tmp_path)(ROWS, unit_line="Đơn vị tính: nghìn USD")
    assert [code for code, *_ in _issues(path)] == ["foreign-currency"]


def test_a_table_too_incomplete_to_read_gets_no_unit_warning(tmp_path: Path) -> None:
    # Without its project names no row is read, so no figure is in any unit.
    path = edit_cells(table_maker(tmp_path)(ROWS, unit_line=None), {"B3": "Ghi chú"})
    assert [code for code, *_ in _issues(path)] == ["missing-column"]


def test_a_statement_without_a_unit_keeps_its_own_error(tmp_path: Path) -> None:
    path = tmp_path / "to_trinh.md"
    path.write_text(
        "Tổng kinh phí thực hiện: 2.700.000.000 (Hai tỷ, bảy trăm triệu đồng).\n",
        encoding="utf-8",
    )
    assert [code for code, *_ in _issues(path)] == ["missing-unit"]


# Unit reports: an amount indicator (the IT budget) is read in its declared unit (triệu đồng)
# when no unit is written beside it, the same silent default; counts need no money unit.
STAFF = ("Tổng số cán bộ, công chức", 37)
ALLOCATED = "Kinh phí CNTT được bố trí"
DISBURSED = "Kinh phí CNTT đã giải ngân"


def _budget(path: Path) -> float:
    values = unit_indicators(check_batch(path)).filter(indicator="budget_allocated")
    return float(values["value"].item())


def test_a_report_amount_without_a_unit_warns_once_at_its_unit_cell(tmp_path: Path) -> None:
    path = one_unit(tmp_path / "r.xlsx", [STAFF, (ALLOCATED, 1092), (DISBURSED, 900)], measures={})
    report = ictdata.check(path)
    assert [(i.code, i.severity.value, i.cell, i.unit, i.detail) for i in report.issues] == [
        (IssueCode.UNIT_NOT_STATED, "warning", "C8", "triệu đồng", f"indicator: {ALLOCATED}")
    ]
    assert report.exit_code == ictdata.ExitCode.VALID
    assert _budget(path) == 1092.0


def test_a_report_amount_with_its_unit_is_silent(tmp_path: Path) -> None:
    path = one_unit(tmp_path / "r.xlsx", [STAFF, (ALLOCATED, 1092), (DISBURSED, 900)])
    assert _issues(path) == []
    thousands = one_unit(
        tmp_path / "k.xlsx", [STAFF, (ALLOCATED, 1092)], measures={ALLOCATED: "nghìn đồng"}
    )
    assert _issues(thousands) == []
    assert _budget(thousands) == pytest.approx(1.092)


def test_a_unit_noted_in_the_indicator_label_is_stated(tmp_path: Path) -> None:
    path = one_unit(tmp_path / "r.xlsx", [STAFF, (f"{ALLOCATED} (nghìn đồng)", 1092)], measures={})
    assert _issues(path) == []
    assert _budget(path) == pytest.approx(1.092)


def test_a_report_without_amounts_needs_no_money_unit(tmp_path: Path) -> None:
    path = one_unit(tmp_path / "r.xlsx", [STAFF, ("Tổng số máy tính", 40)], measures={})
    assert _issues(path) == []


@pytest.mark.parametrize(
    ("heading", "expected"),
    [
        ("KP CNTT được bố trí", [("unit-not-stated", "Tong hop", "D3", "triệu đồng")]),
        ("KP CNTT được bố trí (triệu đồng)", []),
    ],
)
def test_a_consolidated_amount_column_states_its_unit_in_its_header(
    tmp_path: Path, heading: str, expected: list[tuple[str, str, str, str]]
) -> None:
    path = consolidated(
        tmp_path / "c.xlsx",
        ["Tổng số CBCC", heading, "Số máy tính"],
        [("Sở Y tế", [80, 500, 90]), ("Sở Tư pháp", [40, 300, 45])],
    )
    assert _issues(path) == expected


# A unit stated for amounts that state none of their own: in the label, in the value
# column's header, or in a unit line above the table. The figure is scaled by it.
@pytest.mark.parametrize(
    ("label", "amount", "expected"),
    [
        (f"{ALLOCATED} (ĐVT: triệu đồng)", 338, 338.0),
        (f"{ALLOCATED} (đơn vị: đồng)", 338_000_000, 338.0),
        (f"{ALLOCATED} (Đơn vị tính: nghìn đồng)", 338_000, 338.0),
        # A note holding a note: the outer one is the unit line ("VNĐ" alone is the đồng).
        (f"{ALLOCATED} (Đơn vị tính: đồng (VNĐ))", 338_000_000, 338.0),
        (f"{ALLOCATED} (ĐVT: triệu đồng (VNĐ))", 338, 338.0),
        (f"{ALLOCATED} (ĐVT: nghìn đồng (1.000 đ))", 338_000, 338.0),
    ],
)
def test_a_unit_line_in_the_label_is_stated(
    tmp_path: Path, label: str, amount: int, expected: float
) -> None:
    path = one_unit(tmp_path / "r.xlsx", [STAFF, (label, amount)], measures={})
    assert _issues(path) == []
    assert _budget(path) == pytest.approx(expected)


@pytest.mark.parametrize(
    ("header", "measures", "expected"),
    [
        ("Số liệu (đồng)", {}, 338.0),
        ("Số liệu (triệu đồng)", {}, 338_000_000.0),
        # A unit of its own wins over the column's.
        ("Số liệu (đồng)", {ALLOCATED: "triệu đồng"}, 338_000_000.0),
    ],
)
def test_the_value_columns_header_states_the_unit_of_amounts_without_one(
    tmp_path: Path, header: str, measures: dict[str, str], expected: float
) -> None:
    path = one_unit(tmp_path / "r.xlsx", [STAFF, (ALLOCATED, 338_000_000)], measures=measures)
    edit_cells(path, {"D6": header})
    assert _issues(path) == []
    assert _budget(path) == pytest.approx(expected)


@pytest.mark.parametrize(
    ("line", "expected"),
    [("Đơn vị tính: đồng", 338.0), ("ĐVT: nghìn đồng", 338_000.0)],
)
def test_a_unit_line_above_a_one_unit_report_states_its_amounts_unit(
    tmp_path: Path, line: str, expected: float
) -> None:
    path = one_unit(tmp_path / "r.xlsx", [STAFF, (ALLOCATED, 338_000_000)], measures={})
    edit_cells(path, {"A5": line})
    assert _issues(path) == []
    assert _budget(path) == pytest.approx(expected)


CONSOLIDATED = ["Tổng số CBCC", "KP CNTT được bố trí", "Số máy tính"]


@pytest.mark.parametrize(
    ("line", "amounts", "expected"),
    [
        ("Đơn vị tính: triệu đồng", (500, 300), [500.0, 300.0]),
        ("ĐVT: đồng", (500_000_000, 300_000_000), [500.0, 300.0]),
        ("Đơn vị: nghìn đồng", (500, 300), [0.5, 0.3]),
    ],
)
def test_a_unit_line_above_a_consolidated_report_states_its_amounts_unit(
    tmp_path: Path, line: str, amounts: tuple[int, int], expected: list[float]
) -> None:
    path = consolidated(
        tmp_path / "c.xlsx",
        CONSOLIDATED,
        [("Sở Y tế", [80, amounts[0], 90]), ("Sở Tư pháp", [40, amounts[1], 45])],
    )
    edit_cells(path, {"A2": line})
    assert _issues(path) == []
    values = unit_indicators(check_batch(path)).filter(indicator="budget_allocated")
    assert values.sort("cell")["value"].to_list() == pytest.approx(expected)


def test_a_line_naming_no_money_unit_leaves_the_amounts_unstated(tmp_path: Path) -> None:
    # "Đơn vị: ..." naming the reporting body, and no note anywhere: still no unit stated.
    path = consolidated(
        tmp_path / "c.xlsx",
        CONSOLIDATED,
        [("Sở Y tế", [80, 500, 90]), ("Sở Tư pháp", [40, 300, 45])],
    )
    edit_cells(path, {"A2": "Đơn vị: Sở Thông tin và Truyền thông"})
    assert _issues(path) == [("unit-not-stated", "Tong hop", "D3", "triệu đồng")]
    values = unit_indicators(check_batch(path)).filter(indicator="budget_allocated")
    assert values.sort("cell")["value"].to_list() == [500.0, 300.0]


# A note naming another currency is no đồng unit: the amount is not scaled by a unit found
# elsewhere, nor loaded: it is in that currency (foreign-currency, where the note is).
@pytest.mark.parametrize(
    ("label", "edits", "cell"),
    [
        (f"{ALLOCATED} (USD)", {"D6": "Số liệu (đồng)"}, "B8"),
        (f"{ALLOCATED} (ĐVT: USD)", {"A5": "ĐVT: đồng"}, "B8"),
        (ALLOCATED, {"D6": "Số liệu (USD)", "A5": "ĐVT: đồng"}, "D6"),
    ],
)
def test_a_foreign_note_is_not_read_through_to_a_dong_unit(
    tmp_path: Path, label: str, edits: dict[str, str | None], cell: str
) -> None:
    path = one_unit(tmp_path / "r.xlsx", [STAFF, (label, 338)], measures={})
    edit_cells(path, edits)
    assert [(code, at, unit) for code, _, at, unit in _issues(path)] == [
        ("foreign-currency", cell, "USD")
    ]
    values = unit_indicators(check_batch(path))
    assert values.filter(indicator="budget_allocated").is_empty()
    assert values.filter(indicator="staff_total")["value"].to_list() == [37.0]


def test_a_label_only_mentioning_another_currency_keeps_the_dong_unit(tmp_path: Path) -> None:
    # "quy đổi từ USD" says where the money came from, not the unit the figure is in.
    label = f"{ALLOCATED} (quy đổi từ USD)"
    path = one_unit(tmp_path / "r.xlsx", [STAFF, (label, 338_000_000)], measures={})
    edit_cells(path, {"D6": "Số liệu (đồng)"})
    assert _issues(path) == []
    assert _budget(path) == pytest.approx(338.0)


def test_a_consolidated_heading_in_another_currency_is_not_a_stated_unit(tmp_path: Path) -> None:
    path = consolidated(
        tmp_path / "c.xlsx",
        ["Tổng số CBCC", "KP CNTT được bố trí (USD)", "Số máy tính"],
        [("Sở Y tế", [80, 500, 90]), ("Sở Tư pháp", [40, 300, 45])],
    )
    edit_cells(path, {"A2": "ĐVT: đồng"})
    assert [(code, cell) for code, _, cell, _ in _issues(path)] == [("foreign-currency", "D3")]
    values = unit_indicators(check_batch(path))
    assert values.filter(indicator="budget_allocated").is_empty()
    assert values.filter(indicator="computers")["value"].to_list() == [90.0, 45.0]
