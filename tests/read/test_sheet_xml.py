"""ictdata.read.sheet_xml: merges, formulas, fractional and error cells from the sheet XML.

Workbooks are written by openpyxl and xlsxwriter into tmp_path and their worksheet part read
back with zipfile; shared formulas, which neither library writes, are written as Excel does.
"""

from __future__ import annotations

import zipfile
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import openpyxl
import polars as pl
import pytest
import xlsxwriter
from hypothesis import given, settings
from hypothesis import strategies as st

from ictdata.read.cells import CellRange, column_letter
from ictdata.read.grid import Formula, Grid
from ictdata.read.sheet_xml import SheetFacts, scan_sheet, shift_formula
from ictdata.read.source import open_source
from ictdata.read.workbook_xml import sheet_paths

Save = Callable[[Sequence[Any]], Path]


def facts_of(path: Path) -> SheetFacts:
    with zipfile.ZipFile(path) as package:
        (part,) = sheet_paths(package).values()
        return scan_sheet(package.read(part))


def openpyxl_book(path: Path, cells: dict[str, object]) -> Path:
    workbook = openpyxl.Workbook()
    worksheet = workbook.active
    for address, value in cells.items():
        worksheet[address] = value
    workbook.save(path)
    return path


def xlsxwriter_book(path: Path, write: Callable[[Any, Any], None]) -> Path:
    workbook = xlsxwriter.Workbook(str(path))
    write(workbook, workbook.add_worksheet("Bieu 01"))
    workbook.close()
    return path


# ----------------------------------------------------------------------------- merges


def test_merges_of_the_seed_layout_are_all_found(
    save_book: Save, seed_cells_spec: Callable[..., Any]
) -> None:
    facts = facts_of(save_book([seed_cells_spec()]))
    refs = [
        "A1:M1",
        "A3:A4",
        "B3:B4",
        "C3:C4",
        "D3:D4",
        "E3:E4",
        "F3:G3",
        "H3:I3",
        "J3:K3",
        "L3:M3",
        "A13:E13",
    ]
    assert set(facts.merges) == {CellRange.parse(ref) for ref in refs}


def test_a_sheet_without_merges_has_none(tmp_path: Path) -> None:
    path = openpyxl_book(tmp_path / "plain.xlsx", {"A1": "TT", "B1": 1})
    assert facts_of(path).merges == ()


# ----------------------------------------------------------------------------- float cells


def test_float_cells_are_numbers_with_a_fraction_or_exponent(
    save_book: Save, sheet_spec: Callable[..., Any]
) -> None:
    cells = {
        "F5": 1092,
        "F6": 8603.5,
        "F7": -0.25,
        "F8": "1.092",
        "F9": 0.00001,
        "F10": 1.5e20,
        "F11": -368,
        "F12": "8603.5",
        "F13": 0,
    }
    facts = facts_of(save_book([sheet_spec(cells)]))
    assert facts.float_cells == {"F6", "F7", "F9", "F10"}


def test_a_formula_with_a_fractional_result_is_a_float_cell(tmp_path: Path) -> None:
    def write(_: Any, sheet: Any) -> None:
        sheet.write_formula("F13", "=SUM(F5:F12)", None, 1093.5)
        sheet.write_formula("G13", "=SUM(G5:G12)", None, 2440)

    facts = facts_of(xlsxwriter_book(tmp_path / "f.xlsx", write))
    assert facts.float_cells == {"F13"}


# ----------------------------------------------------------------------------- errors


def test_error_values_typed_in_openpyxl_are_error_cells(tmp_path: Path) -> None:
    path = openpyxl_book(
        tmp_path / "e.xlsx", {"F5": "#DIV/0!", "F6": "#N/A", "F7": "#REF!", "F8": "DIV/0"}
    )
    assert dict(facts_of(path).errors) == {"F5": "#DIV/0!", "F6": "#N/A", "F7": "#REF!"}


def test_cached_formula_errors_are_error_cells(tmp_path: Path) -> None:
    def write(_: Any, sheet: Any) -> None:
        sheet.write_formula("F5", "=1/0", None, "#DIV/0!")
        sheet.write_formula("F6", "=NA()", None, "#N/A")
        sheet.write_string("F7", "#VALUE!")  # text that looks like an error is text

    facts = facts_of(xlsxwriter_book(tmp_path / "e.xlsx", write))
    assert dict(facts.errors) == {"F5": "#DIV/0!", "F6": "#N/A"}
    assert facts.formulas["F5"] == Formula("1/0", "#DIV/0!", "e")


# ----------------------------------------------------------------------------- formulas


def test_openpyxl_formulas_have_no_cached_result(tmp_path: Path) -> None:
    path = openpyxl_book(tmp_path / "f.xlsx", {"F5": 1092, "F13": "=SUM(F5:F12)"})
    assert dict(facts_of(path).formulas) == {"F13": Formula("SUM(F5:F12)", None, None)}


def test_xlsxwriter_formulas_without_a_result_store_zero(tmp_path: Path) -> None:
    def write(_: Any, sheet: Any) -> None:
        sheet.write_formula("F13", "=SUM(F5:F12)")

    facts = facts_of(xlsxwriter_book(tmp_path / "f.xlsx", write))
    assert facts.formulas["F13"] == Formula("SUM(F5:F12)", "0", None)


def test_cached_results_and_their_types_are_kept(tmp_path: Path) -> None:
    def write(_: Any, sheet: Any) -> None:
        sheet.write_formula("F13", "=SUM(F5:F12)", None, 11329)
        sheet.write_formula("B13", '=IF(F13<0,"Tổng & cộng","")', None, "Tổng & cộng")
        sheet.write_formula("C13", "=F13>0", None, value=True)

    formulas = facts_of(xlsxwriter_book(tmp_path / "f.xlsx", write)).formulas
    assert formulas["F13"] == Formula("SUM(F5:F12)", "11329", None)
    assert formulas["B13"] == Formula('IF(F13<0,"Tổng & cộng","")', "Tổng & cộng", "str")
    assert formulas["C13"] == Formula("F13>0", "1", "b")


def test_cells_without_a_formula_are_not_formulas(
    save_book: Save, seed_cells_spec: Callable[..., Any]
) -> None:
    assert dict(facts_of(save_book([seed_cells_spec()])).formulas) == {}


# ----------------------------------------------------------------------------- shared formulas

SHARED_ACROSS = (
    '<row r="13">'
    '<c r="F13"><f t="shared" ref="F13:H13" si="0">SUM(F5:F12)</f><v>11329</v></c>'
    '<c r="G13"><f t="shared" si="0"/><v>2440</v></c>'
    '<c r="H13"><f t="shared" si="0"/><v>1092</v></c>'
    "</row>"
)
SHARED_DOWN = (
    '<row r="5"><c r="N5"><f t="shared" ref="N5:N7" si="1">F5-$F$13*H$4</f><v>1</v></c></row>'
    '<row r="6"><c r="N6"><f t="shared" si="1"/><v>2</v></c></row>'
    '<row r="7"><c r="N7"><f t="shared" si="1"/></c></row>'
)


def test_shared_formulas_are_expanded_across_a_row(
    worksheet_part: Callable[..., bytes],
) -> None:
    formulas = scan_sheet(worksheet_part(SHARED_ACROSS)).formulas
    assert dict(formulas) == {
        "F13": Formula("SUM(F5:F12)", "11329"),
        "G13": Formula("SUM(G5:G12)", "2440"),
        "H13": Formula("SUM(H5:H12)", "1092"),
    }


def test_shared_formulas_are_expanded_down_keeping_absolute_parts(
    worksheet_part: Callable[..., bytes],
) -> None:
    formulas = scan_sheet(worksheet_part(SHARED_DOWN)).formulas
    assert formulas["N5"] == Formula("F5-$F$13*H$4", "1")
    assert formulas["N6"] == Formula("F6-$F$13*H$4", "2")
    assert formulas["N7"] == Formula("F7-$F$13*H$4", None)


def test_two_shared_groups_do_not_mix(worksheet_part: Callable[..., bytes]) -> None:
    formulas = scan_sheet(worksheet_part(SHARED_DOWN + SHARED_ACROSS)).formulas
    assert formulas["G13"].text == "SUM(G5:G12)"
    assert formulas["N6"].text == "F6-$F$13*H$4"
    assert len(formulas) == 6


def test_shared_formulas_reach_the_grid(
    tmp_path: Path, worksheet_part: Callable[..., bytes], raw_xlsx: Callable[..., Path]
) -> None:
    path = raw_xlsx(tmp_path / "shared.xlsx", worksheet_part(SHARED_ACROSS))
    grid: Grid = open_source(path).grids[0]
    assert grid.formulas["H13"] == Formula("SUM(H5:H12)", "1092")
    assert grid.cells.filter(pl.col("row") == 13)["H"].to_list() == ["1092"]


# ----------------------------------------------------------------------------- shift_formula


@pytest.mark.parametrize(
    ("text", "origin", "target", "expected"),
    [
        ("SUM(F5:F12)", "F13", "G13", "SUM(G5:G12)"),
        ("SUM(F5:F12)", "F13", "M13", "SUM(M5:M12)"),
        ("F5+G5", "N5", "N12", "F12+G12"),
        ("$F$5+F5", "N5", "O6", "$F$5+G6"),
        ("F$5+$F5", "N5", "O6", "G$5+$F6"),
        ("SUM(Z1:Z2)", "Z3", "AA3", "SUM(AA1:AA2)"),
        ("SUM(AA1)", "AA2", "Z2", "SUM(Z1)"),
        ("LOG10(F5)+ATAN2(F5,G5)", "H5", "H6", "LOG10(F6)+ATAN2(F6,G6)"),
        ("SUM('Bieu 01'!F5:F12)", "F13", "G13", "SUM('Bieu 01'!G5:G12)"),
        ("ROUND(F5*1000,0)", "G5", "G6", "ROUND(F6*1000,0)"),
        ("SUM(F5:F12)", "F13", "F13", "SUM(F5:F12)"),
    ],
)
def test_shift_formula_moves_relative_references(
    text: str, origin: str, target: str, expected: str
) -> None:
    assert shift_formula(text, origin, target) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("SUM(KH2014!F5:F12)", "SUM(KH2014!G5:G12)"),
        ("DEC2HEX(F5)", "DEC2HEX(G5)"),
        ('IF(F5="A1","x","y")', 'IF(G5="A1","x","y")'),
    ],
)
def test_shift_formula_moves_only_cell_references(text: str, expected: str) -> None:
    assert shift_formula(text, "F13", "G13") == expected


_CELLS = st.tuples(
    st.sampled_from(["", "$"]),
    st.integers(min_value=30, max_value=60),
    st.sampled_from(["", "$"]),
    st.integers(min_value=30, max_value=60),
)


@settings(max_examples=200)
@given(
    st.lists(_CELLS, min_size=1, max_size=4),
    st.integers(min_value=-20, max_value=20),
    st.integers(min_value=-20, max_value=20),
)
def test_shift_formula_there_and_back_is_the_identity(
    refs: list[tuple[str, int, str, int]], d_col: int, d_row: int
) -> None:
    text = "SUM(" + ",".join(f"{a}{column_letter(c)}{b}{r}" for a, c, b, r in refs) + ")"
    target = f"{column_letter(40 + d_col)}{40 + d_row}"
    moved = shift_formula(text, "AO40", target)
    assert shift_formula(moved, target, "AO40") == text


# ----------------------------------------------------------------------------- first value row


def test_first_value_row_is_where_the_table_starts(
    save_book: Save, seed_cells_spec: Callable[..., Any]
) -> None:
    assert facts_of(save_book([seed_cells_spec(origin="C5")])).first_value_row == 5


def test_styled_blank_cells_above_do_not_count(tmp_path: Path) -> None:
    def write(workbook: Any, sheet: Any) -> None:
        bold = workbook.add_format({"bold": True})
        sheet.write_blank("A1", None, bold)
        sheet.write_blank("C3", None, bold)
        sheet.write_string("C5", "TT")

    assert facts_of(xlsxwriter_book(tmp_path / "b.xlsx", write)).first_value_row == 5


def test_a_formula_without_a_result_above_does_not_count(tmp_path: Path) -> None:
    path = openpyxl_book(tmp_path / "f.xlsx", {"B2": "=A9", "C5": "TT"})
    assert facts_of(path).first_value_row == 5


def test_first_value_row_of_an_empty_sheet_is_none(tmp_path: Path) -> None:
    path = openpyxl_book(tmp_path / "empty.xlsx", {})
    assert facts_of(path).first_value_row is None


# ----------------------------------------------------------------------------- prefixed XML

PREFIXED_TABLE = (
    '<row r="3"><c r="C3" t="inlineStr"><is><t>Tổng</t></is></c><c r="F3"><v>1.5</v></c></row>'
    + SHARED_ACROSS
)


def test_prefixed_worksheet_xml_gives_the_same_facts(
    worksheet_part: Callable[..., bytes],
) -> None:
    plain = scan_sheet(worksheet_part(PREFIXED_TABLE, ["C3:E3"]))
    prefixed = scan_sheet(worksheet_part(PREFIXED_TABLE, ["C3:E3"], "x"))
    assert prefixed == plain


def test_a_fraction_written_with_white_space_before_its_end_is_a_float_cell() -> None:
    xml = b'<worksheet><sheetData><row r="1"><c r="A1"><v>1.500 </v></c><c r="B1"><v>2</v></c>'
    xml += b'<c r="C1"><v>1E-3</v></c><c r="D1" t="s"><v>3</v></c></row></sheetData></worksheet>'
    assert scan_sheet(xml).float_cells == {"A1", "C1"}
