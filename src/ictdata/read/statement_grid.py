"""Budget statements in a sheet: a table (label | figure | words), or statements typed in cells."""

from __future__ import annotations

import re
from dataclasses import replace

import polars as pl

from ictdata.contracts.model import StatementContract
from ictdata.read.figure_units import currency_before, figure_unit, noted_unit
from ictdata.read.grid import ROW, Grid
from ictdata.read.statements import (
    Place,
    Statement,
    _is_total,
    amount_words,
    find_statements,
    reads_as_words,
)
from ictdata.read.units import StatedUnit, foreign_unit_after, names_dong, unit_line, unit_note
from ictdata.text import clean, key

HEADER_SCAN_ROWS = 40
_NOTE = re.compile(r"\(([^()]*)\)")


def _figure_pattern(contract: StatementContract) -> re.Pattern[str]:
    units = "|".join(re.escape(u) for u in contract.unit_names)
    return re.compile(
        rf"^{currency_before(contract)}(?P<figure>-?[0-9][0-9.,]*)\s*(?P<unit>{units})?"
        rf"{noted_unit(contract)}\.?$",
        re.IGNORECASE,
    )


def _rows(grid: Grid, limit: int | None = None) -> list[tuple[int, dict[str, str]]]:
    frame = grid.cells if limit is None else grid.cells.head(limit)
    return [
        (
            int(record[ROW]),
            {k: v for k, v in record.items() if k != ROW and isinstance(v, str) and v.strip()},
        )
        for record in frame.iter_rows(named=True)
    ]


def _header(
    rows: list[tuple[int, dict[str, str]]], contract: StatementContract
) -> tuple[int, dict[str, str]] | None:
    aliases = {key(a, contract.abbreviations): c.name for c in contract.columns for a in c.aliases}
    for number, texts in rows:
        found: dict[str, str] = {}
        for letter, text in texts.items():
            name = aliases.get(key(_NOTE.sub(" ", text), contract.abbreviations))
            if name is not None:
                found.setdefault(name, letter)
        if all(c.name in found for c in contract.columns if c.required):
            return number, found
    return None


def _table_unit(
    rows: list[tuple[int, dict[str, str]]], header: int, contract: StatementContract
) -> StatedUnit | None:
    """The unit line above the header ("ĐVT: đồng"), else a unit noted in a header cell.

    A unit line in a foreign currency ("ĐVT: USD") is the table's unit too.
    """
    above = [(n, t) for n, t in rows if n < header]
    line = unit_line(above, contract.unit_line_labels, contract.money_units, contract.abbreviations)
    if line is not None and (line.multiplier is not None or line.currency is not None):
        return line
    return unit_note([(n, t) for n, t in rows if n == header], contract.money_units)


def _in_unit(statement: Statement, unit: StatedUnit | None) -> Statement:
    """A statement with no unit of its own, in a table stated in a foreign currency: in that."""
    if unit is None or unit.currency is None or statement.unit is not None:
        return statement
    return replace(statement, unit=unit.label, currency=unit.currency)


def _table_statement(  # noqa: PLR0913  the row, where it stands, and the sheet's unit
    number: int,
    texts: dict[str, str],
    columns: dict[str, str],
    grid: Grid,
    contract: StatementContract,
    *,
    in_dong: bool = False,
) -> Statement | None:
    label = clean(texts.get(columns["label"], ""))
    figure_text = clean(texts.get(columns["figure"], ""))
    if not label or not figure_text:
        return None
    match = _figure_pattern(contract).match(figure_text)
    figure_cell = f"{columns['figure']}{number}"
    words = texts.get(columns["words"])
    foreign = None if match else _foreign_figure(figure_text)
    unit, currency = figure_unit(match) if match else foreign[1:] if foreign else (None, None)
    shown = grid.currency_cells.get(figure_cell)
    # A number shown "$350,000" by its format is in dollars, unless the sheet states the đồng
    # and its words say đồng too (English Excel's Accounting button puts a "$" on any number).
    if currency is None and shown is not None and not (in_dong and _says_dong(words)):
        unit, currency = shown, shown
    return Statement(
        row=number,
        label=label,
        figure=match["figure"] if match else foreign[0] if foreign else figure_text,
        unit=unit,
        words=amount_words(clean(words)) if words else None,
        is_total=_is_total(label, contract),
        sheet=grid.sheet,
        cell=figure_cell,
        is_float=figure_cell in grid.float_cells,
        currency=currency,
    )


_LEADING_FIGURE = re.compile(r"^(?P<figure>-?[0-9][0-9.,]*)(?P<rest>.*)$")


def _says_dong(words: str | None) -> bool:
    """Whether an amount's words are an amount in đồng ("Tám tỷ đồng"; not "cộng đồng")."""
    kept = amount_words(clean(words)) if words else None
    return kept is not None and names_dong(kept) and reads_as_words(kept)


def _foreign_figure(text: str) -> tuple[str, str, str] | None:
    """A figure cell in a foreign currency ("350.000 USD"): its figure, unit and ISO code."""
    match = _LEADING_FIGURE.match(text)
    foreign = foreign_unit_after(match["rest"]) if match else None
    if match is None or foreign is None:
        return None
    return match["figure"].rstrip(".,"), *foreign


def table_statements(
    grid: Grid, contract: StatementContract
) -> tuple[list[Statement], int | None] | None:
    """Statements of a sheet laid out as a table, and its unit; None when no header matches."""
    top = _rows(grid, HEADER_SCAN_ROWS)
    header = _header(top, contract)
    if header is None:
        return None
    number, columns = header
    unit = _table_unit(top, number, contract)
    in_dong = unit is not None and unit.multiplier is not None
    body = [(n, t) for n, t in _rows(grid) if n > number]
    found = [
        s
        for n, t in body
        if (s := _table_statement(n, t, columns, grid, contract, in_dong=in_dong)) is not None
    ]
    grouped = [replace(s, group=0) for s in found] if any(s.is_total for s in found) else found
    return [_in_unit(s, unit) for s in grouped], unit.multiplier if unit else None


def cell_places(grid: Grid) -> list[Place]:
    """Cells that may hold a statement (text with a digit), row by row, as places."""
    letters = grid.letters
    if not letters:
        return []
    candidates = grid.cells.filter(
        pl.any_horizontal(pl.col(x).str.contains(r"[0-9]") for x in letters)
    )
    return [
        Place(int(record[ROW]), text, grid.sheet, f"{letter}{record[ROW]}")
        for record in candidates.iter_rows(named=True)
        for letter in letters
        if isinstance(text := record[letter], str) and text.strip()
    ]


def grid_statements(grid: Grid, contract: StatementContract) -> tuple[list[Statement], int | None]:
    """The statements of one sheet (table form first, else typed in cells) and the table's unit."""
    table = table_statements(grid, contract)
    if table is not None:
        return table
    return find_statements(cell_places(grid), contract), None
