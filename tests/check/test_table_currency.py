"""A project table whose amount cells a number format shows in dollars or euros is refused.

Whatever its unit line says (`triệu VNĐ` included): `foreign-currency` at the first such
cell, and every row below the header in the rejects, as for a unit line in dollars.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

import openpyxl
import polars as pl
import pytest
import xlsxwriter
from openpyxl.styles.numbers import BUILTIN_FORMATS

import ictdata
from appendix_builders import GOOD_ROWS, write_appendix
from builders import (
    ACCOUNTING_DOLLAR,
    HEADER_FIXED,
    KINDS,
    STAGES,
    Row,
    project,
    table_maker,
    total,
)
from ictdata.read.cells import column_letter
from ictdata.read.source import open_source

ROWS = [project(1, 100, None, 40), project(2, 250, 30), total(350, 30, 40)]
AMOUNTS = "FGHIJKLM"
Formats = Mapping[str, str | int]  # cell -> number format (an int: a built-in format's id)
Write = Callable[[Path, Sequence[Row], Formats], Path]


def _with_openpyxl(path: Path, rows: Sequence[Row], formats: Formats) -> Path:
    return _formatted(table_maker(path.parent)(rows, name=path.name), formats)


def _formatted(path: Path, formats: Formats, values: Mapping[str, int] | None = None) -> Path:
    """The workbook at `path` with `formats` on its cells (and `values` put in first)."""
    book = openpyxl.load_workbook(path)
    sheet = book.active
    assert sheet is not None
    for cell, value in (values or {}).items():
        sheet[cell] = value
    for cell, number_format in formats.items():
        code = BUILTIN_FORMATS[number_format] if isinstance(number_format, int) else number_format
        sheet[cell].number_format = code
    book.save(path)
    return path


def _with_xlsxwriter(path: Path, rows: Sequence[Row], formats: Formats) -> Path:
    """The same table as `builders.table_maker`'s, written by xlsxwriter with `formats`."""
    book = xlsxwriter.Workbook(path)
    sheet = book.add_worksheet("Bieu 01")
    sheet.write_string(0, 0, "KẾ HOẠCH ỨNG DỤNG CNTT NĂM 2014")
    sheet.write_string(1, 0, "Đơn vị tính: triệu VNĐ")
    for column, text in enumerate(HEADER_FIXED):
        sheet.merge_range(2, column, 3, column, text)
    for index, stage in enumerate(STAGES):
        sheet.merge_range(2, 5 + 2 * index, 2, 6 + 2 * index, stage)
        for offset, kind in enumerate(KINDS):
            sheet.write_string(3, 5 + 2 * index + offset, kind)
    styles = {code: book.add_format({"num_format": code}) for code in set(formats.values())}
    for number, row in enumerate(rows, start=4):
        for column, value in enumerate(row):
            style = styles.get(formats.get(f"{column_letter(column)}{number + 1}", ""))
            if value is not None:
                sheet.write(number, column, value, style)
    book.close()
    return path


WRITERS = pytest.mark.parametrize("write", [_with_openpyxl, _with_xlsxwriter])


def _everywhere(number_format: str | int, rows: range = range(5, 8)) -> Formats:
    """`number_format` on every amount cell (F..M) of `rows`, as a column's format is set."""
    return {f"{letter}{row}": number_format for letter in AMOUNTS for row in rows}


def _issues(path: Path) -> list[tuple[str, str | None, str | None, int | None, str | None]]:
    return [(i.code.value, i.sheet, i.cell, i.row, i.detail) for i in ictdata.check(path).issues]


def _built(path: Path, out: Path) -> dict[str, pl.DataFrame]:
    ictdata.build(path, out)
    names = ("projects", "project_funding", "rejects")
    return {name: pl.read_parquet(out / f"{name}.parquet") for name in names}


@WRITERS
@pytest.mark.parametrize(
    ("number_format", "currency"),
    [('"$"#,##0', "USD"), ("[$$-409]#,##0.00", "USD"), ("#,##0 [$€-2]", "EUR")],
)
def test_amounts_shown_in_a_foreign_currency_refuse_the_table(
    tmp_path: Path, write: Write, number_format: str, currency: str
) -> None:
    path = write(tmp_path / "t.xlsx", ROWS, _everywhere(number_format))
    (grid,) = open_source(path).grids
    assert set(grid.currency_cells.values()) == {currency}
    (issue,) = ictdata.check(path).issues
    # The first amount cell, row by row; the cells holding a number span F5:H7.
    assert (issue.code.value, issue.sheet, issue.cell, issue.row, issue.column) == (
        "foreign-currency",
        "Bieu 01",
        "F5",
        5,
        "F",
    )
    assert (issue.unit, issue.detail, issue.range) == (currency, currency, "F5:H7")
    assert ictdata.check(path).exit_code == ictdata.ExitCode.INVALID
    marts = _built(path, tmp_path / "marts")
    assert marts["projects"].height == 0
    assert marts["project_funding"].height == 0
    assert marts["rejects"].select("row", "reason").rows() == [
        (row, "foreign-currency") for row in (5, 6, 7)
    ]
    assert marts["rejects"].filter(row=5)["content"].item().startswith("A5=1; B5=Dự án 1; ")


@WRITERS
@pytest.mark.parametrize(
    "number_format",
    ["#,##0", "#,##0.00", "#,##0 [$₫-42A]", '#,##0 "VNĐ"', 5, 44, "General"],
)
def test_amounts_shown_in_dong_or_a_built_in_format_load(
    tmp_path: Path, write: Write, number_format: str | int
) -> None:
    # Built-in currency formats follow the reader's locale (the đồng in Vietnam): not foreign.
    path = write(tmp_path / "t.xlsx", ROWS, _everywhere(number_format))
    assert _issues(path) == []
    projects = _built(path, tmp_path / "marts")["projects"]
    assert projects.height == 2
    loaded = ictdata.load(path).filter(row_kind="total")
    assert loaded["estimate_investment"].item() == 350 * 10**6


@pytest.mark.parametrize("unit_line", ["Đơn vị tính: triệu VNĐ", "ĐVT: đồng", None])
def test_the_accounting_button_on_a_dong_table_is_still_refused(
    tmp_path: Path, unit_line: str | None
) -> None:
    # English Excel's Accounting button puts "$" on figures in đồng. A statement's format is
    # overruled only by its unit and its own words in đồng; a table's figures have no words.
    table = table_maker(tmp_path)(ROWS, unit_line=unit_line)
    path = _formatted(table, _everywhere(ACCOUNTING_DOLLAR))
    # One issue, the format's: no unit-not-stated for a table that is not loaded.
    assert _issues(path) == [("foreign-currency", "Bieu 01", "F5", 5, "USD")]
    assert _built(path, tmp_path / "marts")["projects"].height == 0


@WRITERS
def test_a_mix_of_formats_refuses_the_whole_table(tmp_path: Path, write: Write) -> None:
    # Two cells show a currency (euros, dollars), two show plain numbers, the rest General.
    formats = {"F5": "#,##0", "H6": "#,##0", "H5": "#,##0 [$€-2]", "G6": "[$$-409]#,##0"}
    rows = [project(1, 100, None, 40), project(2, 250, 30, 5), total(350, 30, 45)]
    path = write(tmp_path / "t.xlsx", rows, formats)
    (issue,) = ictdata.check(path).issues
    # The first shown cell in reading order (row 5 before row 6), with its own currency.
    assert (issue.cell, issue.unit, issue.detail, issue.range) == ("H5", "EUR", "EUR", "G5:H6")
    rejects = _built(path, tmp_path / "marts")["rejects"]
    assert rejects.select("row", "reason").rows() == [(r, "foreign-currency") for r in (5, 6, 7)]


def test_a_currency_format_outside_the_amounts_is_no_finding(tmp_path: Path) -> None:
    # The TT column and a cell above the header may wear any format: they hold no amount.
    formats = dict.fromkeys(["A5", "A6", "N1"], '"$"#,##0')
    path = _formatted(table_maker(tmp_path)(ROWS), formats, {"N1": 2014})
    assert set(open_source(path).grids[0].currency_cells) == {"A5", "A6", "N1"}
    assert _issues(path) == []


def test_a_dollar_unit_line_gives_one_issue_even_with_dollar_formats(tmp_path: Path) -> None:
    path = _formatted(table_maker(tmp_path)(ROWS, unit_line="Đơn vị tính: USD"), {"F5": '"$"#,##0'})
    assert _issues(path) == [("foreign-currency", "Bieu 01", "A2", 2, "USD")]


def test_a_budget_appendix_shown_in_dollars_is_refused(tmp_path: Path) -> None:
    formats = {f"D{row}": '"$"#,##0' for row in range(5, 5 + len(GOOD_ROWS))}
    path = _formatted(write_appendix(tmp_path / "a.xlsx", GOOD_ROWS), formats)
    result = ictdata.check(path).files[0]
    assert [(i.code.value, i.cell, i.unit) for i in result.issues] == [
        ("foreign-currency", "D5", "USD")
    ]
    assert result.status.value == "invalid"
    rejects = _built(path, tmp_path / "marts")["rejects"]
    assert set(rejects["reason"]) == {"foreign-currency"}
    assert rejects.height == len(GOOD_ROWS)


def test_dollars_in_a_second_table_leave_the_first_table_alone(tmp_path: Path) -> None:
    # Review: the scan ran to the sheet's end, so a second table's `$` refused the first.
    header: Row = [*HEADER_FIXED, "Dự kiến tổng kinh phí"]
    rows: list[Row] = [*ROWS, [], header, project(1, 5), total(5)]
    path = _with_openpyxl(tmp_path / "t.xlsx", rows, {"F10": ACCOUNTING_DOLLAR})
    report = ictdata.check(path)
    assert [i.code.value for i in report.issues] == ["second-table"]
    assert ictdata.load(path).filter(row_kind="item").height == 2
