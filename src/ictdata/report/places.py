"""Where in a file a place is, written the same way for an issue and for the place it points to."""

from __future__ import annotations

from ictdata.report.numbers import Lang

_ROW = {"vi": "dòng", "en": "row"}


def place_in_file(sheet: str | None, cell: str | None, row: int | None, lang: Lang) -> str | None:
    """Where in a file: a cell, a whole row, a line, a sheet, or None for the whole file.

    `Sheet!F13`, `F13` (CSV), `Sheet!dòng 3` / `Sheet!row 3` (a whole row, e.g. a header),
    `345` (a line of a CSV or document, as editors jump to it), `Sheet`.

    >>> place_in_file("Bieu 01", None, 3, "vi"), place_in_file(None, None, 345, "en")
    ('Bieu 01!dòng 3', '345')
    """
    if cell is not None:
        return f"{sheet}!{cell}" if sheet is not None else cell
    if row is None:
        return sheet
    if sheet is None:
        return str(row)
    return f"{sheet}!{_ROW[lang]} {row}"
