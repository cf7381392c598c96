"""ictdata.read.layout: find the contract's table, its columns, unit, plan year and title.

Every workbook is built in tmp_path by openpyxl and by xlsxwriter (the `writer` fixture
runs each test once per writer); the canonical seed layout has its title on row 1, the
unit line on row 2, a two-row header on rows 3-4 and the body from row 5.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable

import polars as pl
import pytest

from ictdata.contracts.model import Contract
from ictdata.read.cells import CellRange, column_index, column_letter
from ictdata.read.grid import ROW, Grid
from ictdata.read.layout import TableLayout, Unit, find_layout

Build = Callable[..., Grid]

TITLE = "KẾ HOẠCH ỨNG DỤNG CNTT NĂM 2014 - BẢNG TỔNG HỢP DỰ ÁN, NHIỆM VỤ"
FIELD_ORDER = (
    "number",
    "name",
    "period",
    "lead_unit",
    "approver",
    "estimate_investment",
    "estimate_recurrent",
    "allocated_before_investment",
    "allocated_before_recurrent",
    "allocated_current_investment",
    "allocated_current_recurrent",
    "demand_next_investment",
    "demand_next_recurrent",
)
TRIEU_VND = Unit("triệu VNĐ", 10**6, "A2")


def fields_from(first: str) -> dict[str, str]:
    """Every field, left to right from column `first`."""
    start = column_index(first)
    return {name: column_letter(start + i) for i, name in enumerate(FIELD_ORDER)}


def layout_of(grid: Grid, contract: Contract) -> TableLayout:
    layout = find_layout(grid, contract)
    assert layout is not None
    return layout


def nfd(texts: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(unicodedata.normalize("NFD", text) for text in texts)


# ----------------------------------------------------------------------------- the seed


def test_the_seed_layout_is_found(seed_grid: Build, contract: Contract) -> None:
    layout = layout_of(seed_grid(), contract)
    assert layout.header_rows == (3, 4)
    assert layout.body_start == 5
    assert dict(layout.fields) == fields_from("A")
    assert layout.missing == ()
    assert layout.unit == TRIEU_VND
    assert layout.plan_year == 2014
    assert layout.title == TITLE


def test_a_table_starting_at_c5_keeps_its_addresses(seed_grid: Build, contract: Contract) -> None:
    layout = layout_of(seed_grid(origin="C5"), contract)
    assert layout.header_rows == (7, 8)
    assert layout.body_start == 9
    assert dict(layout.fields) == fields_from("C")
    assert layout.unit == Unit("triệu VNĐ", 10**6, "C6")
    assert layout.title == TITLE


def test_a_table_well_below_the_top_is_found(seed_grid: Build, contract: Contract) -> None:
    layout = layout_of(seed_grid(origin="B40"), contract)
    assert layout.header_rows == (42, 43)
    assert layout.fields["estimate_investment"] == "G"


# ----------------------------------------------------------------------------- two-row headers


def test_sub_columns_under_a_merged_parent_take_its_stage(
    seed_grid: Build, contract: Contract
) -> None:
    grid = seed_grid()
    assert CellRange.parse("F3:G3") in grid.merges
    assert grid.cells.filter(pl.col(ROW) == 3)["G"].to_list() == [None]
    layout = layout_of(grid, contract)
    assert layout.fields["estimate_recurrent"] == "G"
    assert layout.fields["demand_next_recurrent"] == "M"


def test_a_parent_written_once_without_a_merge_covers_the_columns_after_it(
    seed_grid: Build, contract: Contract
) -> None:
    grid = seed_grid(merge_stages=False)
    assert CellRange.parse("F3:G3") not in grid.merges
    assert dict(layout_of(grid, contract).fields) == fields_from("A")


def test_a_csv_export_repeating_merged_labels(seed_csv_grid: Build, contract: Contract) -> None:
    layout = layout_of(seed_csv_grid(), contract)
    assert layout.header_rows == (3, 4)
    assert dict(layout.fields) == fields_from("A")
    assert layout.unit == TRIEU_VND


def test_a_semicolon_csv_export(seed_csv_grid: Build, contract: Contract) -> None:
    layout = layout_of(seed_csv_grid(";", origin="C5"), contract)
    assert layout.header_rows == (7, 8)
    assert dict(layout.fields) == fields_from("C")


# ----------------------------------------------------------------------------- one-row headers

STAGES = (
    "Dự kiến tổng kinh phí",
    "Vốn đã bố trí hết năm 2012",
    "Vốn bố trí năm 2013",
    "Nhu cầu kế hoạch 2014",
)
KINDS = ("Kinh phí đầu tư", "Kinh phí sự nghiệp")
JOINED_MIXED = (
    "Dự kiến tổng kinh phí - Kinh phí đầu tư",
    "Dự kiến tổng kinh phí - Kinh phí sự nghiệp",
    "Vốn đã bố trí hết năm 2012 / KP đầu tư",
    "Vốn đã bố trí hết năm 2012 / KP sự nghiệp",
    "Vốn bố trí năm 2013: Kinh phí đầu tư",
    "Vốn bố trí năm 2013: Kinh phí sự nghiệp",
    "Nhu cầu kế hoạch 2014\nKinh phí đầu tư",
    "Nhu cầu kế hoạch 2014\nKinh phí sự nghiệp",
)


def test_one_row_joined_headers(seed_grid: Build, contract: Contract) -> None:
    layout = layout_of(seed_grid(joined_titles=JOINED_MIXED), contract)
    assert layout.header_rows == (3,)
    assert layout.body_start == 4
    assert dict(layout.fields) == fields_from("A")
    assert layout.plan_year == 2014


@pytest.mark.parametrize("separator", [" - ", " / ", ": ", "\n", " – ", " (", " "])
def test_joined_headers_with_any_separator(
    seed_grid: Build, contract: Contract, separator: str
) -> None:
    joined = tuple(f"{stage}{separator}{kind}" for stage in STAGES for kind in KINDS)
    layout = layout_of(seed_grid(joined_titles=joined), contract)
    assert dict(layout.fields) == fields_from("A")


def test_joined_headers_at_an_offset_in_csv(seed_csv_grid: Build, contract: Contract) -> None:
    layout = layout_of(seed_csv_grid(";", origin="B3", joined_titles=JOINED_MIXED), contract)
    assert layout.header_rows == (5,)
    assert dict(layout.fields) == fields_from("B")


# ----------------------------------------------------------------------------- column numbers


def test_the_column_number_row_under_a_two_row_header_is_skipped(
    seed_grid: Build, contract: Contract
) -> None:
    layout = layout_of(seed_grid(column_numbers=True), contract)
    assert layout.header_rows == (3, 4)
    assert layout.body_start == 6


def test_the_column_number_row_under_a_joined_header_is_skipped(
    seed_grid: Build, contract: Contract
) -> None:
    layout = layout_of(seed_grid(joined_titles=JOINED_MIXED, column_numbers=True), contract)
    assert layout.header_rows == (3,)
    assert layout.body_start == 5


def test_bare_column_numbers_are_skipped(seed_grid: Build, contract: Contract) -> None:
    labels = [str(i) for i in range(1, 14)]
    assert layout_of(seed_grid(column_numbers=labels), contract).body_start == 6


FORMULA_LABELS = [f"({i})" for i in range(1, 6)] + [
    "(6)=(8)+(10)+(12)",
    *[f"({i})" for i in range(7, 14)],
]
LETTER_LABELS = ["A", "B", "C", "D", "E", *[str(i) for i in range(1, 9)]]


@pytest.mark.parametrize("labels", [FORMULA_LABELS, LETTER_LABELS], ids=["formula", "letters"])
def test_column_number_rows_as_vietnamese_forms_write_them_are_skipped(
    seed_grid: Build, contract: Contract, labels: list[str]
) -> None:
    assert layout_of(seed_grid(column_numbers=labels), contract).body_start == 6


# ----------------------------------------------------------------------------- header wording

FIXED = ("TT", "Tên dự án/ nhiệm vụ", "Thời gian thực hiện", "Đơn vị chủ trì", "Cơ quan phê duyệt")

HEADER_VARIANTS: dict[str, dict[str, tuple[str, ...]]] = {
    "stt-and-kp": {
        "fixed_headers": ("STT", *FIXED[1:]),
        "kind_titles": ("KP đầu tư", "KP sự nghiệp"),
    },
    "line-breaks-and-doubled-spaces": {
        "fixed_headers": (
            "STT",
            "Tên dự án,\nnhiệm vụ",
            "Thời gian\nthực hiện",
            "Đơn vị\nchủ  trì",
            "Cơ quan\r\nphê duyệt",
        ),
        "stage_titles": (
            "Dự kiến tổng\nkinh  phí",
            "Vốn đã bố trí\nhết năm  2012",
            "Vốn bố trí\nnăm  2013",
            "Nhu cầu\nkế hoạch  2014",
        ),
        "kind_titles": ("Kinh phí\nđầu tư", "Kinh phí\nsự  nghiệp"),
    },
    "nfd": {
        "fixed_headers": nfd(FIXED),
        "stage_titles": nfd(STAGES),
        "kind_titles": nfd(KINDS),
    },
    "upper-case": {
        "fixed_headers": tuple(text.upper() for text in FIXED),
        "stage_titles": tuple(text.upper() for text in STAGES),
        "kind_titles": tuple(text.upper() for text in KINDS),
    },
    "nbsp": {
        "fixed_headers": tuple(text.replace(" ", "\u00a0") for text in FIXED),
        "kind_titles": tuple(text.replace(" ", "\u00a0") for text in KINDS),
    },
    "other-aliases": {
        "fixed_headers": (
            "Số TT",
            "Tên dự án",
            "Thời gian triển khai",
            "Cơ quan chủ trì",
            "Cấp phê duyệt",
        ),
        "stage_titles": (
            "Tổng mức đầu tư",
            "Lũy kế vốn đã bố trí đến hết năm 2012",
            "Kinh phí bố trí năm 2013",
            "Kế hoạch năm 2014",
        ),
        "kind_titles": ("Vốn đầu tư", "Chi thường xuyên"),
    },
    "old-tone-placement": {
        "stage_titles": (
            "Tổng dự toán",
            "Luỹ kế vốn đã bố trí đến hết năm 2012",
            "Vốn năm 2013",
            "Nhu cầu năm 2014",
        ),
        "kind_titles": ("ĐTPT", "Sự nghiệp"),
    },
    "short-forms": {
        "fixed_headers": ("Thứ tự", "Nội dung", "Thời gian", "Chủ đầu tư", "Cơ quan quyết định"),
        "stage_titles": (
            "Dự kiến kinh phí",
            "Vốn đã bố trí",
            "Vốn bố trí năm 2013",
            "Nhu cầu kế hoạch năm 2014",
        ),
    },
}


@pytest.mark.parametrize("variant", sorted(HEADER_VARIANTS))
def test_header_wording_variants_map_every_field(
    seed_grid: Build, contract: Contract, variant: str
) -> None:
    layout = layout_of(seed_grid(**HEADER_VARIANTS[variant]), contract)
    assert layout.header_rows == (3, 4)
    assert dict(layout.fields) == fields_from("A")
    assert layout.missing == ()


# ----------------------------------------------------------------------------- unit


@pytest.mark.parametrize(
    ("line", "label", "multiplier"),
    [
        ("Đơn vị tính: triệu VNĐ", "triệu VNĐ", 10**6),
        ("ĐVT: nghìn đồng", "nghìn đồng", 10**3),
        ("(Đơn vị tính: tỷ đồng)", "tỷ đồng", 10**9),
        ("ĐVT: đồng", "đồng", 1),
        ("ĐVT: Triệu đồng", "Triệu đồng", 10**6),
        ("Đơn vị tính: tỉ đồng", "tỉ đồng", 10**9),
        ("ĐVT: ngàn đồng", "ngàn đồng", 10**3),
        ("ĐVT: 1.000 đồng", "1.000 đồng", 10**3),
        ("ĐVT: trđ", "trđ", 10**6),
        ("Đơn vị tính : triệu đồng.", "triệu đồng", 10**6),
        ("ĐVT:triệu VND", "triệu VND", 10**6),
    ],
)
def test_the_unit_line_sets_the_multiplier(
    seed_grid: Build, contract: Contract, line: str, label: str, multiplier: int
) -> None:
    assert layout_of(seed_grid(unit=line), contract).unit == Unit(label, multiplier, "A2")


def test_a_decomposed_unit_line_is_read(seed_grid: Build, contract: Contract) -> None:
    line = unicodedata.normalize("NFD", "ĐVT: nghìn đồng")
    unit = layout_of(seed_grid(unit=line), contract).unit
    assert (unit.multiplier, unit.cell, unit.known) == (10**3, "A2", True)


@pytest.mark.parametrize(
    ("line", "stated", "currency"),
    [
        ("ĐVT: USD", "USD", "USD"),
        ("ĐVT: nghìn EUR", "nghìn EUR", "EUR"),
        ("Đơn vị tính: cái", "cái", None),
    ],
)
def test_an_unknown_unit_is_flagged_and_the_default_kept(
    seed_grid: Build, contract: Contract, line: str, stated: str, currency: str | None
) -> None:
    unit = layout_of(seed_grid(unit=line), contract).unit
    assert unit == Unit("triệu VNĐ", 10**6, "A2", known=False, stated=stated, currency=currency)


def test_without_a_unit_line_the_contract_default_is_used(
    seed_grid: Build, contract: Contract
) -> None:
    layout = layout_of(seed_grid(unit=None), contract)
    assert layout.unit == Unit("triệu VNĐ", 10**6, None, known=True, stated=None)
    assert layout.header_rows == (2, 3)


def test_a_unit_line_on_the_right_is_found(seed_grid: Build, contract: Contract) -> None:
    unit = layout_of(seed_grid(unit="ĐVT: triệu đồng", unit_offset=10), contract).unit
    assert unit == Unit("triệu đồng", 10**6, "K2")


def test_a_unit_line_at_an_offset(seed_grid: Build, contract: Contract) -> None:
    unit = layout_of(seed_grid(origin="D3", unit="ĐVT: tỷ đồng"), contract).unit
    assert unit == Unit("tỷ đồng", 10**9, "D4")


@pytest.mark.parametrize(
    ("note", "multiplier"), [("triệu đồng", 10**6), ("nghìn đồng", 10**3), ("tỷ VNĐ", 10**9)]
)
def test_a_unit_in_parentheses_in_a_header_cell_is_the_unit(
    seed_grid: Build, contract: Contract, note: str, multiplier: int
) -> None:
    stages = tuple(f"{stage} ({note})" for stage in STAGES)
    layout = layout_of(seed_grid(unit=None, stage_titles=stages), contract)
    assert layout.unit == Unit(note, multiplier, "F2")
    assert dict(layout.fields) == fields_from("A")


def test_a_unit_note_in_a_joined_header(seed_grid: Build, contract: Contract) -> None:
    joined = tuple(f"{stage} - {kind} (tỷ đồng)" for stage in STAGES for kind in KINDS)
    layout = layout_of(seed_grid(unit=None, joined_titles=joined), contract)
    assert layout.unit == Unit("tỷ đồng", 10**9, "F2")
    assert dict(layout.fields) == fields_from("A")


def test_the_unit_line_wins_over_a_header_note(seed_grid: Build, contract: Contract) -> None:
    stages = (f"{STAGES[0]} (triệu đồng)", *STAGES[1:])
    layout = layout_of(seed_grid(unit="ĐVT: nghìn đồng", stage_titles=stages), contract)
    assert layout.unit == Unit("nghìn đồng", 10**3, "A2")


def test_a_note_that_is_no_unit_leaves_the_default(seed_grid: Build, contract: Contract) -> None:
    fixed = ("TT", "Tên dự án (ghi rõ)", "Thời gian thực hiện (năm)", *FIXED[3:])
    layout = layout_of(seed_grid(unit=None, fixed_headers=fixed), contract)
    assert layout.unit == Unit("triệu VNĐ", 10**6, None)
    assert layout.fields["name"] == "B"
    assert layout.fields["period"] == "C"


# ----------------------------------------------------------------------------- year, title


@pytest.mark.parametrize(
    ("demand_title", "year"),
    [
        ("Nhu cầu kế hoạch 2015", 2015),
        ("Kế hoạch năm 2020", 2020),
        ("NHU CẦU NĂM 2014", 2014),
    ],
)
def test_the_plan_year_comes_from_the_demand_header(
    seed_grid: Build, contract: Contract, demand_title: str, year: int
) -> None:
    stages = (*STAGES[:3], demand_title)
    assert layout_of(seed_grid(stage_titles=stages), contract).plan_year == year


def test_the_title_is_the_first_text_above_the_table(seed_grid: Build, contract: Contract) -> None:
    titles = (TITLE, "(Kèm theo Kế hoạch số 4379/KH-UBND ngày 25/10/2013)")
    layout = layout_of(seed_grid(titles=titles), contract)
    assert layout.title == TITLE
    assert layout.header_rows == (4, 5)
    assert layout.unit == Unit("triệu VNĐ", 10**6, "A3")


def test_the_unit_line_is_never_the_title(seed_grid: Build, contract: Contract) -> None:
    layout = layout_of(seed_grid(titles=()), contract)
    assert layout.title is None
    assert layout.unit == Unit("triệu VNĐ", 10**6, "A1")


def test_a_table_alone_has_no_title_nor_unit(seed_grid: Build, contract: Contract) -> None:
    layout = layout_of(seed_grid(titles=(), unit=None), contract)
    assert layout.title is None
    assert layout.unit.cell is None
    assert layout.header_rows == (1, 2)


# ----------------------------------------------------------------------------- missing, none


def test_a_missing_stage_is_listed_and_the_rest_mapped(
    seed_grid: Build, contract: Contract
) -> None:
    layout = layout_of(seed_grid(drop_stages=(3,)), contract)
    assert layout.missing == ("demand_next_investment", "demand_next_recurrent")
    assert layout.fields["allocated_current_recurrent"] == "K"
    assert "demand_next_investment" not in layout.fields
    assert layout.plan_year is None


def test_a_missing_required_text_column_is_listed(seed_grid: Build, contract: Contract) -> None:
    fixed = ("TT", "Tên dự án/ nhiệm vụ", "Thời gian thực hiện", "Ghi chú", "Cơ quan phê duyệt")
    layout = layout_of(seed_grid(fixed_headers=fixed), contract)
    assert layout.missing == ("lead_unit",)
    assert "lead_unit" not in layout.fields


def test_a_sheet_without_the_table_has_no_layout(sheet_grid: Build, contract: Contract) -> None:
    cells = {
        "A1": "Kính gửi: Sở Thông tin và Truyền thông tỉnh Phú Thọ",
        "A2": "Thực hiện Kế hoạch số 4379/KH-UBND ngày 25/10/2013 của UBND tỉnh,",
        "A4": "Nguyễn Văn An",
        "B4": "0900 000 001",
    }
    assert find_layout(sheet_grid(cells), contract) is None


def test_two_known_headers_are_not_enough_for_a_table(
    sheet_grid: Build, contract: Contract
) -> None:
    cells = {"A1": "TT", "B1": "Tên dự án", "C1": "Ghi chú", "A2": "1", "B2": "Một cửa"}
    assert find_layout(sheet_grid(cells), contract) is None
