"""ictdata.read.cells: column letters, A1 addresses and ranges."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ictdata.read.cells import CellRange, column_index, column_letter, split_cell

LAST_EXCEL_COLUMN = 16383  # XFD


@pytest.mark.parametrize(
    ("index", "letters"),
    [
        (0, "A"),
        (5, "F"),
        (12, "M"),
        (25, "Z"),
        (26, "AA"),
        (51, "AZ"),
        (52, "BA"),
        (701, "ZZ"),
        (702, "AAA"),
        (LAST_EXCEL_COLUMN, "XFD"),
    ],
)
def test_column_letter_and_index_agree_on_known_columns(index: int, letters: str) -> None:
    assert column_letter(index) == letters
    assert column_index(letters) == index


@settings(max_examples=200)
@given(st.integers(min_value=0, max_value=20 * LAST_EXCEL_COLUMN))
def test_column_letter_round_trips(index: int) -> None:
    letters = column_letter(index)
    assert letters.isalpha()
    assert letters.isupper()
    assert column_index(letters) == index


@settings(max_examples=200)
@given(st.text(alphabet="ABCDEFGHIJKLMNOPQRSTUVWXYZ", min_size=1, max_size=3))
def test_column_index_round_trips(letters: str) -> None:
    assert column_letter(column_index(letters)) == letters


@settings(max_examples=200)
@given(
    st.integers(min_value=0, max_value=LAST_EXCEL_COLUMN),
    st.integers(min_value=0, max_value=LAST_EXCEL_COLUMN),
)
def test_columns_sort_by_length_then_letters(first: int, second: int) -> None:
    a, b = column_letter(first), column_letter(second)
    assert (first < second) == ((len(a), a) < (len(b), b))


@pytest.mark.parametrize(
    ("address", "expected"),
    [
        ("F13", ("F", 13)),
        ("$F$13", ("F", 13)),
        ("F$13", ("F", 13)),
        ("$AA1", ("AA", 1)),
        ("f13", ("F", 13)),
        ("XFD1048576", ("XFD", 1048576)),
    ],
)
def test_split_cell_reads_column_and_row(address: str, expected: tuple[str, int]) -> None:
    assert split_cell(address) == expected


@pytest.mark.parametrize(
    "address", ["", "F", "13", "13F", "ABCD1", "F13:G14", "F-1", "F 13", "Đ1", "Sheet1!F13"]
)
def test_split_cell_refuses_what_is_not_one_address(address: str) -> None:
    with pytest.raises(ValueError, match=r"\S"):
        split_cell(address)


def test_cell_range_parses_a_merge() -> None:
    assert CellRange.parse("F3:G3") == CellRange(5, 3, 6, 3)
    assert CellRange.parse("A3:A4") == CellRange(0, 3, 0, 4)
    assert CellRange.parse("$A$1:$M$1") == CellRange(0, 1, 12, 1)


def test_cell_range_of_one_cell() -> None:
    assert CellRange.parse("C5") == CellRange(2, 5, 2, 5)
    assert CellRange.parse("C5").cells() == [(2, 5)]


def test_cell_range_contains_its_bounds_only() -> None:
    merge = CellRange.parse("F3:G4")
    inside = [(5, 3), (6, 3), (5, 4), (6, 4)]
    outside = [(4, 3), (7, 3), (5, 2), (5, 5)]
    assert all(merge.contains(column, row) for column, row in inside)
    assert not any(merge.contains(column, row) for column, row in outside)


def test_cell_range_lists_cells_row_by_row() -> None:
    assert CellRange.parse("A1:B2").cells() == [(0, 1), (1, 1), (0, 2), (1, 2)]


def test_cell_range_refuses_a_bad_reference() -> None:
    with pytest.raises(ValueError, match=r"\S"):
        CellRange.parse("F3:G")


@settings(max_examples=200)
@given(
    st.integers(min_value=0, max_value=800),
    st.integers(min_value=1, max_value=10_000),
    st.integers(min_value=0, max_value=5),
    st.integers(min_value=0, max_value=5),
)
def test_cell_range_round_trips_through_its_reference(
    column: int, row: int, width: int, height: int
) -> None:
    ref = f"{column_letter(column)}{row}:{column_letter(column + width)}{row + height}"
    merge = CellRange.parse(ref)
    assert merge == CellRange(column, row, column + width, row + height)
    assert len(merge.cells()) == (width + 1) * (height + 1)
    assert all(merge.contains(c, r) for c, r in merge.cells())
