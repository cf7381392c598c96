"""The used-range bound that keeps calamine from allocating a sheet it cannot hold."""

from __future__ import annotations

import pytest

from ictdata.read.limits import Limits
from ictdata.read.sheet_limits import check_sheet_limits, widest_column
from ictdata.read.unreadable import UnreadableError, UnreadableReason


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
