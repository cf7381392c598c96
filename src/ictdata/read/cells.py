"""A1 addresses: column letters, cells and ranges."""

from __future__ import annotations

import re
from dataclasses import dataclass

_CELL = re.compile(r"^\$?([A-Z]{1,3})\$?([0-9]+)$")


def column_letter(index: int) -> str:
    """Letters of the 0-based column `index`.

    >>> column_letter(0), column_letter(25), column_letter(26)
    ('A', 'Z', 'AA')
    """
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def column_index(letters: str) -> int:
    """0-based index of column `letters`.

    >>> column_index("A"), column_index("AA")
    (0, 26)
    """
    index = 0
    for letter in letters:
        index = index * 26 + ord(letter) - ord("A") + 1
    return index - 1


def split_cell(address: str) -> tuple[str, int]:
    """Column letters and 1-based row of an A1 address (dollars allowed).

    >>> split_cell("$F$13")
    ('F', 13)
    """
    match = _CELL.match(address.upper())
    if match is None:
        msg = f"{address!r} is not an A1 cell address"
        raise ValueError(msg)
    return match[1], int(match[2])


@dataclass(frozen=True, slots=True)
class CellRange:
    """A rectangle of cells, 0-based columns and 1-based rows, bounds included."""

    first_column: int
    first_row: int
    last_column: int
    last_row: int

    @classmethod
    def parse(cls, ref: str) -> CellRange:
        """Read "F3:G3" (or a single cell "F3").

        >>> CellRange.parse("F3:G3")
        CellRange(first_column=5, first_row=3, last_column=6, last_row=3)
        """
        first, _, last = ref.partition(":")
        first_letters, first_row = split_cell(first)
        last_letters, last_row = split_cell(last or first)
        return cls(column_index(first_letters), first_row, column_index(last_letters), last_row)

    def contains(self, column: int, row: int) -> bool:
        """True when the cell at (`column`, `row`) lies inside."""
        return (
            self.first_column <= column <= self.last_column
            and self.first_row <= row <= self.last_row
        )

    def cells(self) -> list[tuple[int, int]]:
        """Every (column, row) inside, row by row."""
        return [
            (column, row)
            for row in range(self.first_row, self.last_row + 1)
            for column in range(self.first_column, self.last_column + 1)
        ]
