"""ictdata.read.source: open any input once; unreadable files raise with a reason code."""

from __future__ import annotations

import hashlib
import zipfile
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import openpyxl
import polars as pl
import pytest
import xlsxwriter

from ictdata.read.grid import ROW
from ictdata.read.source import OLE2_MAGIC, open_source
from ictdata.read.unreadable import UnreadableError, UnreadableReason

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"
Save = Callable[[Sequence[Any]], Path]


def reason_of(path: Path) -> UnreadableReason:
    with pytest.raises(UnreadableError) as raised:
        open_source(path)
    return raised.value.reason


# ----------------------------------------------------------------------------- readable


def test_a_workbook_keeps_its_path_hash_and_sheets_in_order(
    save_book: Save, sheet_spec: Callable[..., Any], seed_cells_spec: Callable[..., Any]
) -> None:
    guide = sheet_spec({"A1": "HƯỚNG DẪN ĐIỀN BIỂU 01"}, name="Huong dan")
    path = save_book([guide, seed_cells_spec()])
    source = open_source(path)
    assert source.path == path.as_posix()
    assert source.sha256 == hashlib.sha256(path.read_bytes()).hexdigest()
    assert [grid.sheet for grid in source.grids] == ["Huong dan", "Bieu 01"]
    assert source.grids[1].cells.height == 13


def test_grid_rows_are_sheet_rows_when_the_table_starts_low(
    save_book: Save, seed_cells_spec: Callable[..., Any]
) -> None:
    grid = open_source(save_book([seed_cells_spec(origin="C5")])).grids[0]
    assert grid.letters[0] == "C"
    assert grid.cells[ROW].to_list() == list(range(5, 18))
    header = grid.cells.filter(pl.col(ROW) == 7).row(0, named=True)
    assert (header["C"], header["H"]) == ("TT", "Dự kiến tổng kinh phí")


def test_a_sheet_name_with_markup_characters_keeps_its_facts(tmp_path: Path) -> None:
    workbook = xlsxwriter.Workbook(str(tmp_path / "amp.xlsx"))
    sheet = workbook.add_worksheet("KH & ĐT <2014>")
    sheet.merge_range("A1:B1", "Tổng")
    sheet.write_number("A2", 1.5)
    workbook.close()
    (grid,) = open_source(tmp_path / "amp.xlsx").grids
    assert grid.sheet == "KH & ĐT <2014>"
    assert len(grid.merges) == 1
    assert grid.float_cells == {"A2"}


def test_both_writers_ask_for_recalculation_on_load(
    save_book: Save, sheet_spec: Callable[..., Any]
) -> None:
    (grid,) = open_source(save_book([sheet_spec({"F13": "=SUM(F5:F12)", "A1": "TT"})])).grids
    assert grid.full_calc_on_load


def test_a_workbook_without_calc_properties_does_not_ask_for_recalculation(
    tmp_path: Path, worksheet_part: Callable[..., bytes], raw_xlsx: Callable[..., Path]
) -> None:
    data = '<row r="1"><c r="A1"><f>1+1</f><v>2</v></c></row>'
    (grid,) = open_source(raw_xlsx(tmp_path / "excel.xlsx", worksheet_part(data))).grids
    assert not grid.full_calc_on_load


@pytest.mark.parametrize("suffix", [".csv", ".CSV", ".tsv"])
def test_text_files_are_read_as_csv(tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"export{suffix}"
    path.write_bytes("TT,Tên\n1,Một cửa điện tử\n".encode())
    (grid,) = open_source(path).grids
    assert grid.sheet is None
    assert grid.cells.row(1) == (2, "1", "Một cửa điện tử")


def test_a_text_document_is_read_as_numbered_lines(tmp_path: Path) -> None:
    path = tmp_path / "ke_hoach.txt"
    path.write_bytes("\ufeffKẾ HOẠCH\r\nTổng kinh phí: 11.553.000.000 đồng\r\n".encode())
    source = open_source(path)
    assert source.grids == ()
    assert [(line.number, line.text) for line in source.lines] == [
        (1, "KẾ HOẠCH"),
        (2, "Tổng kinh phí: 11.553.000.000 đồng"),
    ]


def test_a_workbook_named_csv_is_read_as_a_workbook(
    save_book: Save, seed_cells_spec: Callable[..., Any], tmp_path: Path
) -> None:
    renamed = tmp_path / "export.csv"
    renamed.write_bytes(save_book([seed_cells_spec()]).read_bytes())
    assert [grid.sheet for grid in open_source(renamed).grids] == ["Bieu 01"]


def test_the_committed_valid_fixtures_open() -> None:
    for path in sorted((FIXTURES / "valid").iterdir()):
        assert open_source(path).grids, path.name


# ----------------------------------------------------------------------------- unreadable


def test_a_missing_file(tmp_path: Path) -> None:
    assert reason_of(tmp_path / "missing.xlsx") is UnreadableReason.MISSING


def test_a_directory_cannot_be_opened(tmp_path: Path) -> None:
    folder = tmp_path / "folder.xlsx"
    folder.mkdir()
    assert reason_of(folder) is UnreadableReason.CANNOT_OPEN


@pytest.mark.parametrize("name", ["empty.xlsx", "empty.csv"])
def test_a_file_of_zero_bytes(tmp_path: Path, name: str) -> None:
    (tmp_path / name).write_bytes(b"")
    assert reason_of(tmp_path / name) is UnreadableReason.EMPTY_FILE


def test_text_named_xlsx_is_not_a_spreadsheet(tmp_path: Path) -> None:
    path = tmp_path / "report.xlsx"
    path.write_text("Báo cáo tình hình ứng dụng công nghệ thông tin năm 2013\n", encoding="utf-8")
    assert reason_of(path) is UnreadableReason.NOT_A_SPREADSHEET


def test_text_with_an_unknown_suffix_is_not_a_spreadsheet(tmp_path: Path) -> None:
    path = tmp_path / "report.docx.bak"
    path.write_text("TT,Tên\n", encoding="utf-8")
    assert reason_of(path) is UnreadableReason.NOT_A_SPREADSHEET


@pytest.mark.parametrize("name", ["book.xlsx", "book.xls", "book.csv"])
def test_ole2_magic_is_encrypted_or_legacy(tmp_path: Path, name: str) -> None:
    (tmp_path / name).write_bytes(OLE2_MAGIC + bytes(504))
    assert reason_of(tmp_path / name) is UnreadableReason.ENCRYPTED


def test_a_truncated_workbook_is_corrupt(
    save_book: Save, seed_cells_spec: Callable[..., Any], tmp_path: Path
) -> None:
    data = save_book([seed_cells_spec()]).read_bytes()
    path = tmp_path / "truncated.xlsx"
    path.write_bytes(data[: len(data) * 3 // 5])
    assert reason_of(path) is UnreadableReason.CORRUPT


def test_a_zip_without_a_workbook_is_not_a_spreadsheet(tmp_path: Path) -> None:
    path = tmp_path / "archive.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("bao_cao.txt", "Báo cáo")
    assert reason_of(path) is UnreadableReason.NOT_A_SPREADSHEET


def test_a_workbook_without_cells_is_an_empty_workbook(
    save_book: Save, sheet_spec: Callable[..., Any]
) -> None:
    path = save_book([sheet_spec({})])
    assert reason_of(path) is UnreadableReason.EMPTY_WORKBOOK


def test_a_workbook_of_styled_blank_cells_is_an_empty_workbook(tmp_path: Path) -> None:
    workbook = xlsxwriter.Workbook(str(tmp_path / "styled.xlsx"))
    sheet = workbook.add_worksheet("Bieu 01")
    sheet.write_blank("A1", None, workbook.add_format({"bold": True}))
    sheet.merge_range("A3:M3", "", workbook.add_format({"border": 1}))
    workbook.close()
    assert reason_of(tmp_path / "styled.xlsx") is UnreadableReason.EMPTY_WORKBOOK


def test_openpyxl_sheets_without_values_are_an_empty_workbook(tmp_path: Path) -> None:
    workbook = openpyxl.Workbook()
    workbook.active.title = "Bieu 01"
    workbook.create_sheet("Huong dan")
    workbook.save(tmp_path / "two_empty.xlsx")
    assert reason_of(tmp_path / "two_empty.xlsx") is UnreadableReason.EMPTY_WORKBOOK


def test_a_csv_that_is_only_a_bom_is_an_empty_workbook(tmp_path: Path) -> None:
    (tmp_path / "bom.csv").write_bytes(b"\xef\xbb\xbf")
    assert reason_of(tmp_path / "bom.csv") is UnreadableReason.EMPTY_WORKBOOK


@pytest.mark.parametrize("data", [b";;;;\r\n;;;;\r\n", b"\r\n\r\n"])
def test_a_csv_without_any_cell_is_an_empty_workbook(tmp_path: Path, data: bytes) -> None:
    (tmp_path / "blank.csv").write_bytes(data)
    assert reason_of(tmp_path / "blank.csv") is UnreadableReason.EMPTY_WORKBOOK


def test_a_csv_that_is_not_utf8_is_unreadable(tmp_path: Path) -> None:
    (tmp_path / "legacy.csv").write_bytes(b"S\xe9 Th\xabng tin v\xb5 Truy\xd2n th\xabng;1\r\n")
    assert reason_of(tmp_path / "legacy.csv") is UnreadableReason.NOT_UTF8


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("empty_file.xlsx", UnreadableReason.EMPTY_FILE),
        ("empty_workbook.xlsx", UnreadableReason.EMPTY_WORKBOOK),
        ("encrypted.xlsx", UnreadableReason.ENCRYPTED),
        ("not_a_spreadsheet.xlsx", UnreadableReason.NOT_A_SPREADSHEET),
        ("truncated.xlsx", UnreadableReason.CORRUPT),
    ],
)
def test_the_committed_unreadable_fixtures_give_their_reason(
    name: str, reason: UnreadableReason
) -> None:
    assert reason_of(FIXTURES / "unreadable" / name) is reason


def test_unreadable_errors_carry_a_code_and_a_note(tmp_path: Path) -> None:
    with pytest.raises(UnreadableError) as raised:
        open_source(tmp_path / "missing.csv")
    assert raised.value.reason == "missing"
    assert raised.value.note


# ----------------------------------------------------------------------------- prefixed XML


def test_rows_keep_their_numbers_in_prefixed_worksheet_xml(
    tmp_path: Path, worksheet_part: Callable[..., bytes], raw_xlsx: Callable[..., Path]
) -> None:
    data = (
        '<row r="5"><c r="C5" t="inlineStr"><is><t>TT</t></is></c><c r="D5"><v>1.5</v></c></row>'
        '<row r="7"><c r="C7" t="inlineStr"><is><t>Tổng</t></is></c></row>'
    )
    path = raw_xlsx(tmp_path / "sdk.xlsx", worksheet_part(data, ["C7:E7"], "x"))
    (grid,) = open_source(path).grids
    assert grid.cells.filter(pl.col("C") == "Tổng")[ROW].to_list() == [7]
    assert grid.float_cells == {"D5"}
    assert len(grid.merges) == 1
