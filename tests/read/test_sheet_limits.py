"""The used-range bound that keeps calamine from allocating a sheet it cannot hold."""

from __future__ import annotations

import random
from collections.abc import Callable
from pathlib import Path

import fastexcel
import pytest

from ictdata.read import sheet_limits
from ictdata.read.cells import column_letter
from ictdata.read.grid import Grid
from ictdata.read.limits import Limits
from ictdata.read.sheet_limits import check_sheet_limits, widest_column
from ictdata.read.unreadable import UnreadableError, UnreadableReason
from ictdata.read.xlsx import read_xlsx


def sheet(*cells: str) -> bytes:
    """Sheet XML with a text cell at each address, each in a row of its own."""
    rows = "".join(
        f'<row r="{a.lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ")}"><c r="{a}" t="inlineStr">'
        f"<is><t>x</t></is></c></row>"
        for a in cells
    )
    return f"<worksheet><sheetData>{rows}</sheetData></worksheet>".encode()


def refused(xml: bytes, limits: Limits | None = None) -> bool:
    """True when the sheet is refused as too large (any other refusal fails the test)."""
    try:
        check_sheet_limits(xml, limits or Limits())
    except UnreadableError as error:
        return error.reason is UnreadableReason.TOO_LARGE
    return False


@pytest.mark.parametrize(
    ("cells", "columns"),
    [(("A1", "M9"), 26), (("A1", "AB3"), 28), (("ZZ1",), 702), (("AMJ2",), 1024)],
)
def test_the_widest_column_is_found(cells: tuple[str, ...], columns: int) -> None:
    assert widest_column(sheet(*cells)) == columns


def test_a_tall_table_of_few_columns_is_accepted() -> None:
    # 100,005 rows by 13 columns: six-digit rows are read exactly.
    assert not refused(sheet("A1", "M100005"))


def test_a_far_row_in_a_narrow_sheet_is_refused() -> None:
    # 800,000 rows by 26 columns (no two-letter column): 20.8 million cells.
    assert refused(sheet("A1", "Z800000"))


def test_a_wide_sheet_of_few_rows_is_read_exactly_not_bounded() -> None:
    # 1,024 columns: the bound of 99,999 rows would be 102 million cells; the sheet has 40 rows.
    assert not refused(sheet("A1", "AMJ40"))


def test_a_wide_sheet_of_many_rows_is_refused() -> None:
    # 1,024 columns by 30,000 rows (five-digit rows): 30.7 million cells.
    assert refused(sheet("AMJ1", "A30000"))


def test_the_cell_count_is_limited_on_its_own() -> None:
    assert refused(sheet(*[f"A{r}" for r in range(1, 11)]), Limits(cells=5))


def test_an_attribute_ending_in_r_is_no_row() -> None:
    # Excel's "automatic" first page number, stored as 2**32 - 4105 in every page setup.
    xml = sheet("A1") + b'<pageSetup firstPageNumber="4294963191" useFirstPageNumber="1"/>'
    assert not refused(xml)


def test_a_reference_padded_with_zeros_does_not_hide_a_wide_range() -> None:
    # A0000001 is row 1 to calamine; it must not stand for the sheet's last row.
    wide = sheet("AMJ99999")
    assert refused(wide)
    assert refused(
        wide.replace(b"<sheetData>", b'<sheetData><row r="0000001"><c r="A0000001"/></row>')
    )


def test_a_reference_after_a_tab_or_a_line_break_counts() -> None:
    for space in (b"\t", b"\n", b"\r"):
        assert refused(b"<c" + space + b'r="XFD1048576"/>')


# ------------------------------------------------------------------ cells without a reference
#
# OOXML lets a cell leave out `r`: calamine puts it right after the previous cell of its row
# (column A first), and a row without `r` right after the previous row.


def text(value: str = "x", at: str = "") -> str:
    """An inline-string cell, at the address `at` or (by default) without `r`."""
    reference = f' r="{at}"' if at else ""
    return f'<c{reference} t="inlineStr"><is><t>{value}</t></is></c>'


def data(rows: str) -> bytes:
    return f"<worksheet><sheetData>{rows}</sheetData></worksheet>".encode()


def test_a_row_of_cells_without_r_is_as_wide_as_it_has_cells() -> None:
    assert not refused(data(f"<row>{'<c/>' * 1024}</row>"))
    assert refused(data(f"<row>{'<c/>' * 1025}</row>"))


def test_cells_without_r_go_on_from_the_previous_reference() -> None:
    assert not refused(data('<row r="1"><c r="AMI1"/><c/></row>'))  # column 1,024
    assert refused(data('<row r="1"><c r="AMJ1"/><c/></row>'))  # column 1,025
    # a reference further back in the row starts the count again
    assert not refused(data(f'<row r="1">{"<c/>" * 1020}<c r="B1"/><c/><c/></row>'))


def rows_after(far_row: int, rows_without_r: int) -> bytes:
    """1,024 columns on row 1, then a row `far_row`, rows without r, and a cell in the next."""
    return data(
        f'<row r="1"><c r="AMJ1"/></row><row r="{far_row}"/>'
        + "<row/>" * rows_without_r
        + f"<row>{text()}</row>"
    )


def test_rows_without_r_go_on_from_the_previous_row() -> None:
    # 20,000,000 cells hold 19,531 rows of 1,024 columns: the cell lands on row 19,001 + k.
    assert not refused(rows_after(19_000, 530))
    assert refused(rows_after(19_000, 531))


def test_a_cell_without_r_under_another_prefix_counts() -> None:
    assert not refused(data('<row r="1"><c r="AMI1"/><x:c/></row>'))
    assert refused(data('<row r="1"><c r="AMJ1"/><x:c/></row>'))


@pytest.mark.parametrize(
    "cell",
    [
        "<c r='XFD1'/>",  # the other quote
        '<c r = "XFD1"/>',  # white space around =
        '<c r="xfd1"/>',  # small letters
        '<c r="AAAA1"/>',  # four letters: column 18,279
        '<c r="A1" r="XFD1"/>',  # twice: calamine takes the last
        "<c r=\"A1\" r='XFD1'/>",
        '<c r="A1"\tr="XFD1"/>',
    ],
)
def test_a_reference_calamine_reads_however_it_is_spelled_counts(cell: str) -> None:
    assert refused(data(f'<row r="1">{cell}</row>'))


NORMAL_SHEETS = [
    sheet("A1", "M100005"),
    sheet("A1", "AMJ40"),
    sheet("AB3", "C9"),
    sheet("A1") + b'<pageSetup firstPageNumber="4294963191" useFirstPageNumber="1"/>',
]


@pytest.mark.parametrize("xml", NORMAL_SHEETS)
def test_a_sheet_whose_cells_all_start_with_r_takes_the_fast_path(xml: bytes) -> None:
    # no cell is placed one by one, and the bound found is at least calamine's range
    assert check_sheet_limits(xml, Limits()) is False
    found = sheet_limits._referenced_range(xml, Limits())
    assert found is not None
    rows, columns = sheet_limits.calamine_range(xml)
    assert found[0] >= rows
    assert found[1] >= columns


@pytest.mark.parametrize(
    "xml",
    [
        sheet("A1", "Z800000"),
        sheet("AMJ1", "A30000"),
        sheet("XFD1048576"),
        sheet("AMJ99999").replace(b"<sheetData>", b'<sheetData><row r="1"><c r="A0000001"/></row>'),
    ],
)
def test_the_fast_path_still_refuses_what_it_refused(xml: bytes) -> None:
    assert sheet_limits._referenced_range(xml, Limits()) is not None  # answered without placing
    assert refused(xml)


def test_a_sheet_with_a_cell_without_r_is_placed_cell_by_cell() -> None:
    xml = data(f'<row r="3"><c r="B3"/>{text()}</row>')
    assert check_sheet_limits(xml, Limits()) is True
    assert sheet_limits.calamine_range(xml) == (3, 3)


def addresses(grid: Grid) -> dict[str, str]:
    """Every non-empty cell of `grid` by its A1 address."""
    return {
        f"{letter}{record['row']}": record[letter]
        for record in grid.cells.iter_rows(named=True)
        for letter in grid.letters
        if record[letter] is not None
    }


PLACED_BY_CALAMINE = {
    "no-r-at-all": (
        f"<row>{text('a')}{text('b')}</row><row>{text('c')}</row>",
        {"A1": "a", "B1": "b", "A2": "c"},
    ),
    "rows-numbered-cells-not": (
        f'<row r="3">{text("a")}{text("b")}</row><row r="5">{text("c")}</row>',
        {"A3": "a", "B3": "b", "A5": "c"},
    ),
    "after-a-reference": (
        f'<row r="3">{text("a", "B3")}{text("b")}</row><row>{text("c")}</row>',
        {"B3": "a", "C3": "b", "A4": "c"},
    ),
    "empty-cells-take-their-place": (
        f'<row r="2"><c r="B2"/><c/>{text("x")}</row>',
        {"D2": "x"},
    ),
    "a-row-without-cells-counts": (
        f'<row r="2">{text("a")}</row><row/><row>{text("b")}</row>',
        {"A2": "a", "A4": "b"},
    ),
    "a-reference-names-its-row-not-the-next": (
        (
            f'<row r="2">{text("a")}</row><row>{text("x", "C7")}{text("y")}</row>'
            f"<row>{text('z')}</row>"
        ),
        {"A2": "a", "C7": "x", "D3": "y", "A4": "z"},
    ),
}


@pytest.mark.parametrize("name", sorted(PLACED_BY_CALAMINE))
def test_a_small_sheet_without_r_reads_at_calamines_addresses(
    name: str,
    tmp_path: Path,
    worksheet_part: Callable[..., bytes],
    raw_xlsx: Callable[..., Path],
) -> None:
    rows, expected = PLACED_BY_CALAMINE[name]
    (grid,) = read_xlsx(raw_xlsx(tmp_path / f"{name}.xlsx", worksheet_part(rows)).read_bytes())
    assert addresses(grid) == expected


SPELLINGS = ('r="{}"', "r='{}'", 'r = "{}"', 'r="A1" r="{}"')


def random_cell(rng: random.Random, label: str, at: str) -> str:
    """A text cell at `at` (spelled any way calamine reads) or without `r`, maybe prefixed."""
    tag = rng.choice(["c", "c", "c", "y:c"])
    reference = " " + rng.choice(SPELLINGS).format(at) if at else ""
    return f'<{tag}{reference} t="inlineStr"><is><t>{label}</t></is></{tag}>'


def random_sheet(rng: random.Random) -> str:
    """Rows with and without `r`, cells with and without it (some naming another row)."""
    parts = [f'<row r="1">{text("first", "A1")}</row>']  # the range starts at A1
    row = 1
    for number in range(rng.randint(1, 6)):
        kind = rng.random()
        row += rng.randint(1, 4) if kind < 0.6 else 1
        if kind < 0.1:  # an empty row with r, then one without
            parts.append(f'<row r="{row}"/><row>')
            row += 1
        else:
            parts.append(f'<row r="{row}">' if kind < 0.6 else "<row>")
        for cell in range(rng.randint(0, 6)):
            at = f"{column_letter(rng.randint(0, 30))}{row + rng.randint(0, 3)}"
            parts.append(random_cell(rng, f"{number}.{cell}", at if rng.random() < 0.4 else ""))
        parts.append("</row>")
        if rng.random() < 0.15:  # a cell outside any row
            parts.append(random_cell(rng, f"{number}.out", ""))
    return "".join(parts)


@pytest.mark.parametrize("seed", range(40))
def test_the_placed_range_is_calamines(
    seed: int, tmp_path: Path, worksheet_part: Callable[..., bytes], raw_xlsx: Callable[..., Path]
) -> None:
    xml = worksheet_part(random_sheet(random.Random(seed)))  # noqa: S311  not cryptography
    workbook = raw_xlsx(tmp_path / "random.xlsx", xml).read_bytes()
    sheet = fastexcel.read_excel(workbook).load_sheet(0, header_row=None, dtypes="string")
    columns = max(column.absolute_index for column in sheet.available_columns()) + 1
    assert sheet_limits.calamine_range(xml) == (sheet.height, columns)
