"""ictdata.read.table: project rows, the totals row, amount cells and rejects, end to end.

Workbooks are built in tmp_path by openpyxl and by xlsxwriter (each test runs once per
writer), read by ictdata.read.source and cut by find_layout + extract_table. The canonical
seed has projects 1-8 on rows 5-12 and the "Tổng" row on row 13, amounts in F:M.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import openpyxl
import polars as pl
import pytest

from builders import project, table_maker, total
from ictdata.contracts.model import Contract
from ictdata.read import table as table_module
from ictdata.read.grid import ROW, Grid
from ictdata.read.layout import find_layout
from ictdata.read.numbers import parse_amounts
from ictdata.read.table import (
    SEGMENT,
    RejectReason,
    RowKind,
    Table,
    extract_table,
    extract_tables,
    reject_all,
)
from ictdata.read.xlsx import read_xlsx

Build = Callable[..., Grid]
NBSP = "\u00a0"
FIXED = ("STT", "Tên dự án/ nhiệm vụ", "Thời gian thực hiện", "Đơn vị chủ trì", "Cơ quan phê duyệt")
STAGES = (
    "Dự kiến tổng kinh phí",
    "Vốn đã bố trí hết năm 2012",
    "Vốn bố trí năm 2013",
    "Nhu cầu kế hoạch 2014",
)
KINDS = ("Kinh phí đầu tư", "Kinh phí sự nghiệp")

# The seed's non-blank amount cells in the canonical layout, as calamine gives numbers.
SEED_CELLS = {
    "F5": "1092",
    "H5": "1092",
    "F6": "8603",
    "J6": "4500",
    "L6": "4103",
    "G7": "368",
    "K7": "368",
    "G8": "200",
    "K8": "200",
    "G9": "300",
    "K9": "300",
    "G10": "952",
    "K10": "952",
    "G11": "620",
    "K11": "620",
    "F12": "1634",
    "F13": "11329",
    "G13": "2440",
    "H13": "1092",
    "J13": "4500",
    "K13": "2440",
    "L13": "4103",
}
# Per (stage, funding kind): the projects' sum, which is also the "Tổng" row (triệu VNĐ).
SEED_SUMS = {
    ("estimate", "investment"): 11329,
    ("estimate", "recurrent"): 2440,
    ("allocated_before", "investment"): 1092,
    ("allocated_current", "investment"): 4500,
    ("allocated_current", "recurrent"): 2440,
    ("demand_next", "investment"): 4103,
}


def table_of(grid: Grid, contract: Contract) -> Table:
    layout = find_layout(grid, contract)
    assert layout is not None
    return extract_table(grid, layout, contract)


def kinds(table: Table) -> list[tuple[int, str]]:
    return list(table.rows.select(ROW, "row_kind").iter_rows())


def rejects(table: Table) -> list[tuple[int, str]]:
    return list(table.rejects.select(ROW, "reason").iter_rows())


def filled(table: Table) -> dict[str, str]:
    """The non-blank amount cells: address → raw text."""
    cells = table.amounts.filter(pl.col("raw").str.strip_chars().str.len_chars() > 0)
    return dict(cells.select("cell", "raw").iter_rows())


def in_dong(table: Table, multiplier: int = 10**6) -> pl.DataFrame:
    return (
        parse_amounts(table.amounts.with_columns(multiplier=pl.lit(multiplier, dtype=pl.Int64)))
        .collect()
        .sort(ROW, "column")
    )


def sums(table: Table, row_kind: str) -> dict[tuple[str, str], int]:
    amounts = in_dong(table).filter(pl.col("row_kind") == row_kind, pl.col("number_status") == "ok")
    grouped = amounts.group_by("stage", "funding_kind").agg(pl.col("amount_vnd").sum())
    return {(stage, kind): total for stage, kind, total in grouped.iter_rows()}


SEED_SUMS_DONG = {column: figure * 10**6 for column, figure in SEED_SUMS.items()}


# ----------------------------------------------------------------------------- the seed


def test_the_seed_rows_are_eight_projects_and_a_total(seed_grid: Build, contract: Contract) -> None:
    table = table_of(seed_grid(), contract)
    assert kinds(table) == [(row, "item") for row in range(5, 13)] + [(13, "total")]
    assert table.rows["number"].to_list() == [*map(str, range(1, 9)), "Tổng"]
    assert table.rejects.height == 0


def test_the_seed_text_columns(seed_grid: Build, contract: Contract) -> None:
    rows = table_of(seed_grid(), contract).rows
    text = ["number", "name", "period", "lead_unit", "approver"]
    assert rows.select(ROW, "row_kind", *text).row(0) == (
        5,
        "item",
        "1",
        "Nâng cấp cổng GTĐT",
        None,
        "Sở Thông tin và Truyền thông",
        "UBND tỉnh",
    )
    assert rows.row(7, named=True)["lead_unit"] == "UBND TP Việt Trì"


def test_items_form_one_segment_and_the_total_none(seed_grid: Build, contract: Contract) -> None:
    rows = table_of(seed_grid(), contract).rows
    assert rows[SEGMENT].to_list() == [0] * 8 + [None]
    assert rows["content"].to_list()[:8] == [None] * 8
    assert rows["content"].to_list()[8].startswith("A13=Tổng; F13=11329; G13=2440")


def test_the_seed_amount_cells_keep_their_addresses(seed_grid: Build, contract: Contract) -> None:
    table = table_of(seed_grid(), contract)
    assert filled(table) == SEED_CELLS
    assert not table.amounts["is_float"].any()


def test_amounts_are_long_with_stage_kind_and_column(seed_grid: Build, contract: Contract) -> None:
    amounts = table_of(seed_grid(), contract).amounts
    assert amounts.height == 9 * 8
    assert {ROW, SEGMENT, "row_kind", "stage", "funding_kind", "column", "cell", "raw"} <= set(
        amounts.columns
    )
    assert amounts.schema["is_float"] == pl.Boolean
    l6 = amounts.filter(pl.col("cell") == "L6").row(0, named=True)
    assert (l6[ROW], l6["row_kind"], l6["stage"], l6["funding_kind"], l6["column"]) == (
        6,
        "item",
        "demand_next",
        "investment",
        "L",
    )


def test_the_seed_adds_up_in_dong(seed_grid: Build, contract: Contract) -> None:
    table = table_of(seed_grid(), contract)
    assert sums(table, "item") == SEED_SUMS_DONG
    assert sums(table, "total") == SEED_SUMS_DONG


# ----------------------------------------------------------------------------- positions


def test_a_table_at_c5_keeps_rows_and_cells(seed_grid: Build, contract: Contract) -> None:
    table = table_of(seed_grid(origin="C5"), contract)
    assert kinds(table) == [(row, "item") for row in range(9, 17)] + [(17, "total")]
    cells = filled(table)
    assert cells["H9"] == "1092"
    assert cells["N10"] == "4103"
    assert cells["H17"] == "11329"
    assert len(cells) == len(SEED_CELLS)


def test_blank_rows_inside_the_table_keep_the_addresses(
    seed_grid: Build, contract: Contract
) -> None:
    table = table_of(seed_grid(blank_after=(3, 6)), contract)
    assert [row for row, _ in kinds(table)] == [5, 6, 7, 9, 10, 11, 13, 14, 15]
    assert table.rejects.height == 0
    assert filled(table)["G9"] == "200"
    assert filled(table)["F14"] == "1634"


def test_the_column_number_row_is_neither_loaded_nor_rejected(
    seed_grid: Build, contract: Contract
) -> None:
    table = table_of(seed_grid(column_numbers=True), contract)
    assert kinds(table)[0] == (6, "item")
    assert kinds(table)[-1] == (14, "total")
    assert table.rejects.height == 0


def test_a_column_number_row_with_a_formula_label_is_not_a_project(
    seed_grid: Build, contract: Contract
) -> None:
    labels = [f"({i})" for i in range(1, 6)] + ["(6)=(8)+(10)+(12)"]
    labels += [f"({i})" for i in range(7, 14)]
    table = table_of(seed_grid(column_numbers=labels), contract)
    assert kinds(table)[0] == (6, "item")
    assert 5 not in table.amounts[ROW].to_list()


def test_a_one_row_header_table(seed_grid: Build, contract: Contract) -> None:
    joined = tuple(f"{stage} - {kind}" for stage in STAGES for kind in KINDS)
    table = table_of(seed_grid(joined_titles=joined, column_numbers=True), contract)
    assert kinds(table)[0] == (5, "item")
    assert filled(table)["F5"] == "1092"
    assert filled(table)["F13"] == "11329"


# ----------------------------------------------------------------------------- totals


@pytest.mark.parametrize(
    ("label", "offset", "merged", "column"),
    [
        ("Tổng", 0, True, "number"),
        ("Tổng cộng", 1, False, "name"),
        ("Cộng", 0, True, "number"),
        ("TỔNG CỘNG", 0, True, "number"),
        ("Tổng số", 1, False, "name"),
        ("Tổng cộng:", 1, False, "name"),
        ("  Tổng\ncộng ", 0, False, "number"),
    ],
)
def test_totals_row_labels(  # noqa: PLR0913
    seed_grid: Build,
    contract: Contract,
    label: str,
    offset: int,
    *,
    merged: bool,
    column: str,
) -> None:
    grid = seed_grid(total_label=label, total_label_offset=offset, merge_total_label=merged)
    table = table_of(grid, contract)
    total = table.rows.filter(pl.col("row_kind") == "total")
    assert total[ROW].to_list() == [13]
    assert total[column].to_list() == [" ".join(label.split())]
    assert table.rejects.height == 0


def test_a_decomposed_total_label(seed_grid: Build, contract: Contract) -> None:
    label = unicodedata.normalize("NFD", "TỔNG CỘNG")
    table = table_of(seed_grid(total_label=label), contract)
    assert kinds(table)[-1] == (13, "total")
    assert table.rows["number"].to_list()[-1] == "TỔNG CỘNG"


def test_a_totals_row_at_the_top(seed_grid: Build, contract: Contract) -> None:
    table = table_of(seed_grid(total_at_top=True), contract)
    assert kinds(table) == [(5, "total")] + [(row, "item") for row in range(6, 14)]
    assert table.rejects.height == 0
    assert sums(table, "total") == SEED_SUMS_DONG
    assert sums(table, "item") == SEED_SUMS_DONG


def test_a_second_total_under_a_top_total_is_a_subtotal(
    seed_grid: Build, contract: Contract
) -> None:
    second = ["Tổng", "", "", "", "", 11329]
    table = table_of(seed_grid(total_at_top=True, after_total=[second]), contract)
    assert kinds(table)[0] == (5, "total")
    assert kinds(table)[-1] == (14, "subtotal")
    assert table.rejects.height == 0


def test_a_row_after_the_total_is_rejected(seed_grid: Build, contract: Contract) -> None:
    late = [9, "Dự án bổ sung", "", "Sở Y tế", "UBND tỉnh", 100]
    table = table_of(seed_grid(after_total=[late]), contract)
    assert rejects(table) == [(14, RejectReason.AFTER_TOTAL)]
    assert table.rejects["content"].to_list() == [
        "A14=9; B14=Dự án bổ sung; D14=Sở Y tế; E14=UBND tỉnh; F14=100"
    ]
    assert kinds(table)[-1] == (13, "total")
    assert 14 not in table.amounts[ROW].to_list()


def test_the_last_totals_row_is_the_grand_total(seed_grid: Build, contract: Contract) -> None:
    rows = [["", "Ghi chú: số liệu sơ bộ"], [], ["Tổng cộng", "", "", "", "", 11329]]
    table = table_of(seed_grid(after_total=rows), contract)
    assert kinds(table)[-2:] == [(13, "subtotal"), (16, "total")]
    assert rejects(table) == [(14, RejectReason.NO_AMOUNTS)]


def test_cong_rows_close_their_sections_as_subtotals(seed_grid: Build, contract: Contract) -> None:
    sections = {
        1: [["I", "Dự án chuyển tiếp"]],
        3: [["Cộng", "", "", "", "", 9695], ["II", "Dự án khởi công mới"]],
    }
    table = table_of(seed_grid(sections=sections), contract)
    rows = table.rows.select(ROW, SEGMENT, "row_kind")
    assert rows.filter(pl.col("row_kind") != "item").rows() == [
        (8, 1, "subtotal"),
        (16, None, "total"),
    ]
    assert rows.filter(pl.col(ROW).is_in([6, 7]))[SEGMENT].to_list() == [1, 1]
    assert rejects(table) == [(5, "section-heading"), (9, "section-heading")]


def test_a_section_row_carrying_sums_is_a_subtotal(seed_grid: Build, contract: Contract) -> None:
    sections = {
        1: [["I", "Dự án chuyển tiếp", "", "", "", 9695]],
        3: [["II", "Dự án mới", "", "", "", None, 2440]],
    }
    table = table_of(seed_grid(sections=sections), contract)
    rows = table.rows.select(ROW, SEGMENT, "row_kind")
    assert rows.filter(pl.col("row_kind") == "subtotal").rows() == [
        (5, 1, "subtotal"),
        (8, 2, "subtotal"),
    ]
    assert rows.filter(pl.col(ROW) == 9)[SEGMENT].to_list() == [2]
    assert table.rejects.height == 0


# ----------------------------------------------------------------------------- rejects


def test_a_section_row_without_amounts_is_a_section_heading(
    seed_grid: Build, contract: Contract
) -> None:
    sections = {1: [["I", "Dự án chuyển tiếp"]], 4: [["II.", "Dự án khởi công mới"]]}
    table = table_of(seed_grid(sections=sections), contract)
    assert rejects(table) == [(5, "section-heading"), (9, "section-heading")]
    assert table.rejects["content"].to_list() == [
        "A5=I; B5=Dự án chuyển tiếp",
        "A9=II.; B9=Dự án khởi công mới",
    ]
    assert [row for row, kind in kinds(table) if kind == "item"] == [6, 7, 8, 10, 11, 12, 13, 14]
    assert kinds(table)[-1] == (15, "total")


def test_a_letter_section_row_is_a_section_heading(seed_grid: Build, contract: Contract) -> None:
    table = table_of(seed_grid(sections={3: [["A", "Kinh phí sự nghiệp"]]}), contract)
    assert rejects(table) == [(7, RejectReason.SECTION_HEADING)]


def test_a_note_inside_the_table_has_no_amounts(seed_grid: Build, contract: Contract) -> None:
    table = table_of(seed_grid(sections={5: [["", "Các dự án cấp huyện:"]]}), contract)
    assert rejects(table) == [(9, RejectReason.NO_AMOUNTS)]


def test_text_outside_the_table_columns_is_outside_columns(
    seed_grid: Build, contract: Contract
) -> None:
    note = ["", "", "", "", "", "", "", "", "", "", "", "", "", "ghi chú ngoài bảng"]
    table = table_of(seed_grid(sections={2: [note]}), contract)
    assert rejects(table) == [(6, RejectReason.OUTSIDE_COLUMNS)]
    assert table.rejects["content"].to_list() == ["N6=ghi chú ngoài bảng"]


def test_a_project_without_figures_is_still_an_item(seed_grid: Build, contract: Contract) -> None:
    late = [9, "Dự án chưa có kinh phí", "", "Sở Y tế", "UBND tỉnh"]
    table = table_of(seed_grid(sections={8: [late]}), contract)
    assert (12, "item") in kinds(table)
    assert table.rejects.height == 0


def test_reject_all_lists_every_row_with_content(sheet_grid: Build) -> None:
    grid = sheet_grid({"A1": "Kính gửi: Sở TT&TT", "B3": "Nguyễn Văn An", "C3": 1})
    rejected = reject_all(grid, RejectReason.NO_TABLE)
    assert list(rejected.iter_rows()) == [
        (1, "no-table", "A1=Kính gửi: Sở TT&TT", "Bieu 01"),
        (3, "no-table", "B3=Nguyễn Văn An; C3=1", "Bieu 01"),
    ]
    assert reject_all(grid, RejectReason.NO_TABLE, first_row=2)[ROW].to_list() == [3]


# ----------------------------------------------------------------------------- cell contents


def test_numbers_stored_as_text_with_nbsp_blanks(seed_grid: Build, contract: Contract) -> None:
    table = table_of(seed_grid(amounts_as_text=True, text_blank=NBSP), contract)
    amounts = table.amounts
    assert amounts.filter(pl.col("cell") == "F5")["raw"].to_list() == ["1.092"]
    assert amounts.filter(pl.col("cell") == "F13")["raw"].to_list() == ["11.329"]
    assert amounts.filter(pl.col("cell") == "G5")["raw"].to_list() == [NBSP]
    assert not amounts["is_float"].any()
    parsed = in_dong(table)
    assert set(parsed["number_status"].unique()) == {"ok", "blank"}
    assert sums(table, "item") == SEED_SUMS_DONG
    assert sums(table, "total") == SEED_SUMS_DONG


def test_numeric_cells_with_fractions_are_the_only_float_cells(
    seed_grid: Build, contract: Contract
) -> None:
    changes = {(2, "estimate_investment"): 8603.5, (3, "estimate_recurrent"): 368.25}
    table = table_of(seed_grid(changes=changes), contract)
    floats = table.amounts.filter(pl.col("is_float"))
    assert dict(floats.select("cell", "raw").iter_rows()) == {"F6": "8603.5", "G7": "368.25"}
    parsed = in_dong(table).filter(pl.col("cell").is_in(["F6", "G7", "F5"]))
    assert dict(parsed.select("cell", "amount_vnd").iter_rows()) == {
        "F5": 1_092_000_000,
        "F6": 8_603_500_000,
        "G7": 368_250_000,
    }


def test_a_fraction_typed_as_vietnamese_text_is_not_a_float_cell(
    seed_grid: Build, contract: Contract
) -> None:
    table = table_of(seed_grid(changes={(2, "estimate_investment"): "8.603,5"}), contract)
    f6 = in_dong(table).filter(pl.col("cell") == "F6").row(0, named=True)
    assert (f6["raw"], f6["is_float"], f6["amount_vnd"]) == ("8.603,5", False, 8_603_500_000)


def test_garbage_in_an_amount_cell_is_kept_raw_and_reads_bad(
    seed_grid: Build, contract: Contract
) -> None:
    table = table_of(seed_grid(changes={(4, "allocated_current_recurrent"): "2OO"}), contract)
    k8 = in_dong(table).filter(pl.col("cell") == "K8").row(0, named=True)
    assert (k8["raw"], k8["number_status"], k8["amount_vnd"]) == ("2OO", "bad", None)


def test_an_error_value_in_an_amount_cell_reads_bad(seed_grid: Build, contract: Contract) -> None:
    table = table_of(seed_grid(changes={(4, "allocated_current_recurrent"): "#DIV/0!"}), contract)
    k8 = in_dong(table).filter(pl.col("cell") == "K8").row(0, named=True)
    assert (k8["raw"], k8["number_status"]) == ("#DIV/0!", "bad")


def test_decomposed_text_is_loaded_composed(seed_grid: Build, contract: Contract) -> None:
    fixed = tuple(unicodedata.normalize("NFD", text) for text in FIXED)
    table = table_of(
        seed_grid(fixed_headers=fixed, total_label=unicodedata.normalize("NFD", "Tổng")),
        contract,
    )
    names = table.rows["name"].drop_nulls().to_list()
    assert names[0] == "Nâng cấp cổng GTĐT"
    assert all(unicodedata.is_normalized("NFC", name) for name in names)
    assert kinds(table)[-1] == (13, RowKind.TOTAL)


def test_a_missing_stage_gives_amounts_for_the_present_columns_only(
    seed_grid: Build, contract: Contract
) -> None:
    table = table_of(seed_grid(drop_stages=(3,)), contract)
    assert set(table.amounts["stage"].unique()) == {
        "estimate",
        "allocated_before",
        "allocated_current",
    }
    assert table.amounts.height == 9 * 6


# ----------------------------------------------------------------------------- csv


def test_a_csv_export_gives_the_same_rows_and_cells(
    seed_csv_grid: Build, contract: Contract
) -> None:
    table = table_of(seed_csv_grid(";"), contract)
    assert kinds(table) == [(row, "item") for row in range(5, 13)] + [(13, "total")]
    assert table.rejects.height == 0
    assert filled(table)["F13"] == "11.329"
    assert sums(table, "item") == SEED_SUMS_DONG
    assert sums(table, "total") == SEED_SUMS_DONG


def test_tables_cut_together_are_cut_as_alone(seed_grid: Build, contract: Contract) -> None:
    # A batch numbers each table's rows; a table with no body (header only) must not
    # shift the rows of the tables after it.
    grid = seed_grid()
    layout = find_layout(grid, contract)
    assert layout is not None
    header_only = replace(grid, cells=grid.cells.filter(pl.col(ROW) < layout.body_start))
    alone = extract_table(grid, layout, contract)
    batch = extract_tables([(grid, layout), (header_only, layout), (grid, layout)], contract)
    assert [t.rows.height for t in batch] == [alone.rows.height, 0, alone.rows.height]
    for table in (batch[0], batch[2]):
        assert table.rows.equals(alone.rows)
        assert table.amounts.equals(alone.amounts)


def test_project_numbers_grouped_by_thousands_are_projects_not_parts(
    tmp_path: Path, contract: Contract
) -> None:
    # A CSV export of a Vietnamese sheet writes project 1000 as "1.000": the rows after 999
    # are projects of their own, not parts of project 999 (which "2.1" would be).
    rows = [
        project(998, 10),
        project(999, 20),
        ["1.000", "Dự án 1000", None, None, None, 30],
        ["1.001", "Dự án 1001", None, None, None, 40],
        ["1.001.1", "Hạng mục con", None, None, None, 40],
        total(100),
    ]
    table = table_of(read_xlsx(table_maker(tmp_path)(rows).read_bytes())[0], contract)
    kinds = table.rows.select("number", "row_kind").rows()
    assert kinds == [
        ("998", "item"),
        ("999", "item"),
        ("1.000", "item"),
        ("1.001", "item"),
        ("1.001.1", "detail"),
        ("Tổng", "total"),
    ]


def test_the_hundredth_part_of_a_project_is_a_part_not_a_grouped_number(
    tmp_path: Path, contract: Contract
) -> None:
    # "2.100" under project 2 follows "2.99": its hundredth part, already in project 2's
    # figures (summed again as project 2100, it would double the total). "1.000" after
    # project 999 stays project 1000.
    parts = [[f"2.{n}", f"Hạng mục {n}", None, None, None, 1] for n in range(1, 101)]
    for dot in ("", "."):  # projects numbered "2" or "2."
        numbered = [[f"{n}{dot}", *project(n, a)[1:]] for n, a in ((1, 10), (2, 100), (3, 5))]
        rows = [*numbered[:2], *parts, numbered[2], total(115)]
        path = table_maker(tmp_path)(rows, name=f"t{dot}.xlsx")
        table = table_of(read_xlsx(path.read_bytes())[0], contract)
        kinds = dict(table.rows.select("number", "row_kind").rows())
        assert kinds["2.99"] == kinds["2.100"] == "detail"
        assert [n for n, k in kinds.items() if k == "item"] == [f"{n}{dot}" for n in (1, 2, 3)]
        assert table.rejects.height == 0


# ----------------------------------------------------------------------------- large tables


def test_a_large_table_keeps_the_same_contents_as_a_small_one(
    tmp_path: Path, contract: Contract, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A large sheet writes the content of its rejects and totals after classifying its
    # rows; it must be what writing every row's content first gives, merged text included.
    projects = [project(n, 10, None, 5) for n in range(1, 6001)]
    rows = [
        ["I", "Nhóm dự án A"],
        *projects[:3000],
        [None, "Ghi chú giữa bảng"],
        [None, "Cộng", None, None, None, 30000, None, 15000],
        *projects[3000:],
        ["2.1", "Hạng mục con", None, None, None, 4, None, 2],
        total(60004, None, 30002),
        [None, "Người lập biểu"],
    ]
    path = table_maker(tmp_path)(rows)
    book = openpyxl.load_workbook(path)
    sheet = book.active
    assert sheet is not None
    sheet.merge_cells("E3005:E3006")  # the last project's approver, over the note below it
    book.save(path)
    grid = read_xlsx(path.read_bytes())[0]
    late = table_of(grid, contract)
    monkeypatch.setattr(table_module, "_EARLY_CONTENT_ROWS", 10**9)
    early = table_of(grid, contract)
    assert late.rows.equals(early.rows)
    assert late.rejects.equals(early.rejects)
    assert late.rejects.height >= 3
    assert "E3006=UBND tỉnh" in late.rejects.filter(pl.col(ROW) == 3006)["content"].item()
    assert late.rows.filter(pl.col("content").is_not_null()).height >= 3


def test_a_date_typed_into_a_text_column_reads_as_the_day(
    tmp_path: Path, contract: Contract
) -> None:
    # QA: a period typed as a date showed "2012-05-01 00:00:00" in the marts.
    dated = project(1, 100)
    # Excel's dates have no time zone.
    dated[2] = dt.datetime(2012, 5, 1)  # type: ignore[call-overload]  # noqa: DTZ001
    timed = project(2, 50)
    timed[2] = dt.datetime(2012, 5, 1, 10, 30)  # type: ignore[call-overload]  # noqa: DTZ001
    path = table_maker(tmp_path)([dated, timed, total(150)])
    table = table_of(read_xlsx(path.read_bytes())[0], contract)
    periods = table.rows.filter(row_kind="item")["period"].to_list()
    assert periods == ["2012-05-01", "2012-05-01 10:30:00"]
