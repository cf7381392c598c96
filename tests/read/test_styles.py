"""ictdata.read.styles: which cell styles show a percentage, and which cells of a sheet use them.

Workbooks are written by openpyxl and xlsxwriter as people's tools write them; the XML of
odd writers (attributes in another order, a namespace prefix) is written by hand.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

import openpyxl
import pytest
import xlsxwriter

from ictdata.read.sheet_xml import scan_sheet
from ictdata.read.source import open_source
from ictdata.read.styles import (
    _any_order,
    percent_styles,
    percent_styles_of,
    shows_percent,
    styled_number_cells,
)

STYLES_HEAD = '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'


@pytest.mark.parametrize(
    ("code", "percent"),
    [
        ("0%", True),
        ("0.00%", True),
        ("0.0%", True),
        ("#,##0.0%", True),
        ("[Red]0.0%", True),
        ("0.0%;[Red]-0.0%", True),
        ("0.0 %", True),
        ('0" %"', False),  # a quoted % is text: 44 is shown "44 %", unscaled
        ('0.0" %"', False),
        ("0\\%", False),  # an escaped % likewise
        ('"%"0', False),
        ("0;-0%", False),  # only the section of positive numbers decides
        ("General", False),
        ("0.00", False),
        ("@", False),
        ("#,##0_%", False),  # _% is a space as wide as a %
    ],
)
def test_a_format_shows_percent_when_an_unquoted_percent_sign_scales_it(
    code: str, *, percent: bool
) -> None:
    assert shows_percent(code) is percent


def _styles(num_fmts: str, xf_ids: list[int], prefix: str = "") -> bytes:
    xfs = "".join(f'<{prefix}xf numFmtId="{n}" fontId="0" xfId="0"/>' for n in xf_ids)
    return (
        f"{STYLES_HEAD}<{prefix}numFmts>{num_fmts}</{prefix}numFmts>"
        f'<{prefix}cellStyleXfs count="1"><{prefix}xf numFmtId="9"/></{prefix}cellStyleXfs>'
        f"<{prefix}cellXfs>{xfs}</{prefix}cellXfs></styleSheet>"
    ).encode()


def test_built_in_formats_9_and_10_and_custom_percent_formats_are_found() -> None:
    custom = (
        '<numFmt numFmtId="164" formatCode="0.0%"/>'
        '<numFmt numFmtId="165" formatCode="0&quot; %&quot;"/>'
        '<numFmt numFmtId="166" formatCode="#,##0"/>'
    )
    styles = _styles(custom, [0, 9, 10, 164, 165, 166, 3, 14])
    # cellStyleXfs (the named styles) are not what a cell's s= indexes.
    assert percent_styles_of(styles) == {1, 2, 3}


def test_a_workbook_may_redefine_a_built_in_format() -> None:
    styles = _styles('<numFmt numFmtId="9" formatCode="0.00"/>', [0, 9, 10])
    assert percent_styles_of(styles) == {2}


def test_styles_with_a_namespace_prefix_are_read() -> None:
    styles = _styles('<x:numFmt numFmtId="170" formatCode="0.000%"/>', [0, 170, 2], "x:")
    assert percent_styles_of(styles.replace(b"<styleSheet", b"<x:styleSheet")) == {1}


def test_a_workbook_without_percent_styles_or_a_styles_part_has_none() -> None:
    assert percent_styles_of(_styles("", [0, 3, 4])) == frozenset()
    assert percent_styles_of(b"<styleSheet/>") == frozenset()


def _openpyxl_book(path: Path) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    for address, value, number_format in [
        ("A1", 0.44, "0%"),  # built-in 9
        ("A2", 0.4425, "0.00%"),  # built-in 10
        ("A3", 0.953, "0.0%"),  # custom
        ("A4", 44, '0" %"'),  # a literal "%": not a percentage
        ("A5", "44%", "0%"),  # text in a percent cell: read as its text
        ("A6", 1, "0%"),  # a whole number shown as 100 %
        ("A7", True, "0%"),  # a boolean is not a number here
        ("A8", 0.44, "General"),
        ("A9", 12, "#,##0"),
    ]:
        sheet[address] = value
        sheet[address].number_format = number_format
    sheet["B1"].number_format = "0%"  # styled, but empty
    book.save(path)
    return path


def test_numeric_cells_in_percent_styles_are_found_in_an_openpyxl_workbook(tmp_path: Path) -> None:
    (grid,) = open_source(_openpyxl_book(tmp_path / "p.xlsx")).grids
    assert grid.percent_cells == {"A1", "A2", "A3", "A6"}
    assert grid.cells.filter(row=1)["A"].item() == "0.44"  # the value stays as stored


def test_numeric_and_formula_cells_in_percent_styles_are_found_in_an_xlsxwriter_workbook(
    tmp_path: Path,
) -> None:
    path = tmp_path / "x.xlsx"
    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet()
    percent = book.add_format({"num_format": "0%"})
    custom = book.add_format({"num_format": "0.00%"})
    sheet.write_number("A1", 0.44, percent)
    sheet.write_formula("A2", "=22/50", custom, 0.44)
    sheet.write_string("A3", "44%", percent)
    sheet.write_formula("A4", '="44"', percent, "44")  # a formula giving text (t="str")
    sheet.write_number("A5", 44)
    book.close()
    (grid,) = open_source(path).grids
    assert grid.percent_cells == {"A1", "A2"}


def _sheet(cells: str, prefix: str = "") -> bytes:
    return (
        f'<{prefix}worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        f"<{prefix}sheetData>{cells}</{prefix}sheetData></{prefix}worksheet>"
    ).encode()


def test_cells_with_attributes_in_any_order_are_found() -> None:
    xml = _sheet(
        '<row r="1" s="1" customFormat="1">'
        '<c s="1" r="A1"><v>0.44</v></c>'
        '<c r="B1" s="1" t="n"><v>0.5</v></c>'
        '<c t="n" s="1" r="C1"><v>0.6</v></c>'
        '<c r="D1" cm="1" s="1"><f>E1/2</f><v>0.7</v></c>'
        '<c t="s" s="1" r="E1"><v>0</v></c>'
        '<c r="F1" s="1" t="e"><v>#DIV/0!</v></c>'
        '<c r="G1" s="1"/>'
        '<c r="H1" s="12"><v>0.44</v></c>'
        '<c r="I1" s="2"><v>0.44</v></c>'
        "</row>"
    )
    assert scan_sheet(xml, frozenset({1, 12})).percent_cells == {"A1", "B1", "C1", "D1", "H1"}
    assert styled_number_cells(xml, frozenset({2})) == {"I1"}
    assert styled_number_cells(xml, frozenset()) == frozenset()


def test_cells_under_a_namespace_prefix_are_found() -> None:
    xml = _sheet('<x:row r="3"><x:c r="B3" s="4"><x:v>0.25</x:v></x:c></x:row>', "x:")
    assert scan_sheet(xml, frozenset({4})).percent_cells == {"B3"}


def test_the_styles_part_is_found_through_the_workbook_relationships(tmp_path: Path) -> None:
    path = _openpyxl_book(tmp_path / "p.xlsx")
    moved = tmp_path / "moved.xlsx"
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(moved, "w") as target:
        for item in source.infolist():
            data = source.read(item)
            name = "xl/theme/my_styles.xml" if item.filename == "xl/styles.xml" else item.filename
            if item.filename == "xl/_rels/workbook.xml.rels":
                data = data.replace(b'Target="styles.xml"', b'Target="theme/my_styles.xml"')
            if item.filename == "[Content_Types].xml":
                data = data.replace(b'"/xl/styles.xml"', b'"/xl/theme/my_styles.xml"')
            target.writestr(name, data)
    with zipfile.ZipFile(moved) as package:
        assert percent_styles(package) == {1, 2, 3}
    (grid,) = open_source(moved).grids
    assert grid.percent_cells == {"A1", "A2", "A3", "A6"}


def test_the_longest_address_and_pretty_printed_cells_are_found() -> None:
    xml = _sheet(
        '<row r="1048576"><c r="XFD1048576" s="1"><v>0.5</v></c></row>\n'
        '<row r="2">\n  <c r="B2"\n     s="1"><v>0.5</v></c>\n'
        '  <c r="C2" s="1"><v>1</v></c>\n</row>'
    )
    assert styled_number_cells(xml, frozenset({1})) == {"XFD1048576", "B2", "C2"}


def test_the_fast_scan_agrees_with_the_scan_in_any_order(tmp_path: Path) -> None:
    path = _openpyxl_book(tmp_path / "p.xlsx")
    with zipfile.ZipFile(path) as package:
        xml = package.read("xl/worksheets/sheet1.xml")
        styles = percent_styles(package)
    fallback = {m.decode() for m in _any_order(b"|".join(b"%d" % s for s in styles)).findall(xml)}
    assert styled_number_cells(xml, styles) == fallback == {"A1", "A2", "A3", "A6"}


def test_a_row_styled_as_a_percentage_holds_no_cell_and_needs_no_second_scan(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    xml = _sheet(
        '<row r="4" spans="1:3" s="1" customFormat="1" ht="15">'
        '<c r="A4" s="1"><v>0.25</v></c><c r="B4" s="1" t="s"><v>3</v></c></row>'
    )

    def no_second_scan(names: bytes) -> None:
        raise AssertionError(names)

    monkeypatch.setattr("ictdata.read.styles._any_order", no_second_scan)
    assert styled_number_cells(xml, frozenset({1})) == {"A4"}


@pytest.mark.parametrize("empty", ['<c r="B1" s="1" t="n"/>', '<c r="B1" s="1" t="n"></c>'])
def test_an_empty_styled_cell_is_no_percent_cell_however_it_is_closed(empty: str) -> None:
    # openpyxl writes "/>" with its own writer and "></c>" when lxml is installed.
    row = f'<row r="1"><c r="A1" s="1" t="n"><v>0.44</v></c>{empty}</row>'
    xml = f'<worksheet xmlns="x"><sheetData>{row}</sheetData></worksheet>'.encode()
    assert styled_number_cells(xml, frozenset({1})) == {"A1"}
    # The same cells with attributes in another order take the scan that allows any order.
    reordered = xml.replace(b'r="A1" s="1"', b's="1" r="A1"')
    assert styled_number_cells(reordered, frozenset({1})) == {"A1"}
