"""Find a contract's table in a grid: its header rows, columns, unit and title.

Only the top of a sheet is looked at (`HEADER_SCAN_ROWS` rows), as plain
Python: it is a few dozen cells. The body is handled in polars by `table`.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from ictdata.contracts.model import Contract
from ictdata.read.cells import column_index
from ictdata.read.grid import ROW, Grid
from ictdata.read.headers import HeaderMatcher, Match, matcher_for
from ictdata.read.units import unit_line, unit_note
from ictdata.text import clean, key

HEADER_SCAN_ROWS = 60
MIN_HEADER_SCORE = 3
# "(1)", "6", "(6)=(8)+(10)+(12)", or a letter "A" for text columns.
_COLUMN_PART = r"\(?(?:[0-9]{1,2}|[A-Z])\)?"
_COLUMN_NUMBER = re.compile(rf"^{_COLUMN_PART}(?:\s*[-=+*/]\s*{_COLUMN_PART})*$")
_MIN_COLUMN_NUMBERS = 3

Row = tuple[int, dict[str, str]]


@dataclass(frozen=True)
class Unit:
    """The table's money unit: as written, in đồng, and where it was stated."""

    label: str
    multiplier: int
    cell: str | None = None
    known: bool = True
    stated: str | None = None
    currency: str | None = None  # a foreign currency the table states ("USD"): not đồng at all


@dataclass(frozen=True)
class TableLayout:
    """Where a contract's table sits in a grid."""

    header_rows: tuple[int, ...]
    body_start: int
    fields: Mapping[str, str]
    missing: tuple[str, ...]
    unit: Unit
    plan_year: int | None
    title: str | None


def find_layout(grid: Grid, contract: Contract) -> TableLayout | None:
    """The layout of `contract`'s table in `grid`, or None when no header row matches."""
    rows = _top_rows(grid)
    matcher = matcher_for(contract)
    header = _header_row(rows, matcher)
    if header is None:
        return None
    index = next(i for i, (number, _) in enumerate(rows) if number == header)
    parent = rows[index][1]
    child = rows[index + 1][1] if index + 1 < len(rows) else {}
    child_matches = {letter: matcher.match(text) for letter, text in child.items()}
    two_rows = any(m is not None and m.funding_kind and not m.stage for m in child_matches.values())
    fields, year = _fields(grid, header, parent, child if two_rows else {}, matcher)
    header_rows = (header, header + 1) if two_rows else (header,)
    body_start = header_rows[-1] + 1
    after = rows[index + len(header_rows)] if index + len(header_rows) < len(rows) else None
    if after is not None and after[0] == body_start and _is_column_numbers(after[1]):
        body_start += 1
    return TableLayout(
        header_rows=header_rows,
        body_start=body_start,
        fields=fields,
        missing=_missing(fields, contract),
        unit=_unit([r for r in rows if r[0] <= header_rows[-1]], contract),
        plan_year=year,
        title=_title([r for r in rows if r[0] < header], contract),
    )


def _top_rows(grid: Grid) -> list[Row]:
    """The first rows of the grid as {letter: text}, blank cells left out."""
    top = grid.cells.head(HEADER_SCAN_ROWS)
    rows: list[Row] = []
    for record in top.iter_rows(named=True):
        texts = {
            letter: text
            for letter, text in record.items()
            if letter != ROW and isinstance(text, str) and text.strip()
        }
        rows.append((int(record[ROW]), texts))
    return rows


def _score(texts: dict[str, str], matcher: HeaderMatcher) -> int:
    """How many required columns and stages a row names (optional ones, such as notes, do not)."""
    required = {column.name for column in matcher.contract.columns if column.required}
    found: set[tuple[str | None, str | None, str | None]] = set()
    for text in texts.values():
        match = matcher.match(text)
        if match is not None and (match.text_field in required or match.stage):
            found.add((match.text_field, match.stage, match.funding_kind))
    return len(found)


def _header_row(rows: list[Row], matcher: HeaderMatcher) -> int | None:
    """The best-matching row; the first of equals."""
    best, best_score = None, MIN_HEADER_SCORE - 1
    for number, texts in rows:
        score = _score(texts, matcher)
        if score > best_score:
            best, best_score = number, score
    return best


def _parent_of(grid: Grid, header: int, letter: str, parent: dict[str, str]) -> str | None:
    """The group header above a sub-column: its own text, its merge's, or the one to its left."""
    if letter in parent:
        return parent[letter]
    column = column_index(letter)
    for merge in grid.merges:
        if merge.contains(column, header):
            return parent.get(_letter_at(grid, merge.first_column))
    return None


def _letter_at(grid: Grid, column: int) -> str:
    return next((letter for letter in grid.letters if column_index(letter) == column), "")


def _fields(
    grid: Grid,
    header: int,
    parent: dict[str, str],
    child: dict[str, str],
    matcher: HeaderMatcher,
) -> tuple[dict[str, str], int | None]:
    """Map each field to its column letter, and read the plan year from the headers."""
    fields: dict[str, str] = {}
    year: int | None = None
    current_stage: Match | None = None
    plan_stages = {stage.name for stage in matcher.contract.stages if stage.plan_year}
    for letter in sorted(set(parent) | set(child) | set(grid.letters), key=column_index):
        own = matcher.match(_parent_of(grid, header, letter, parent))
        below = matcher.match(child.get(letter))
        if own is not None and own.stage and not own.funding_kind:
            current_stage = own
        elif own is not None or (letter in parent):
            current_stage = None
        match = _combine(own, below, current_stage)
        if match is None:
            continue
        name = match.text_field or f"{match.stage}_{match.funding_kind}"
        fields.setdefault(name, letter)
        if match.stage in plan_stages and match.year is not None:
            year = year or match.year
    return fields, year


def _combine(own: Match | None, below: Match | None, stage: Match | None) -> Match | None:
    """The field a column holds, from its own header cell and the sub-header under it."""
    if own is not None and (own.text_field or own.is_amount):
        return own
    if below is not None and below.text_field and own is None:
        return below
    if below is not None and below.funding_kind and not below.stage and stage is not None:
        return Match(stage=stage.stage, funding_kind=below.funding_kind, year=stage.year)
    return None


def _is_column_numbers(texts: dict[str, str]) -> bool:
    """True for the row of column numbers, "(1) (2) (3)...", that templates put under headers."""
    values = [clean(text) for text in texts.values()]
    numbered = any(any(ch.isdigit() for ch in v) for v in values)
    return (
        numbered
        and len(values) >= _MIN_COLUMN_NUMBERS
        and all(_COLUMN_NUMBER.match(v) for v in values)
    )


def _missing(fields: dict[str, str], contract: Contract) -> tuple[str, ...]:
    required = [column.name for column in contract.columns if column.required]
    if contract.amounts_required:
        optional = {kind.name for kind in contract.funding_kinds if not kind.required}
        required += [a.field for a in contract.amount_columns if a.funding_kind not in optional]
    return tuple(name for name in required if name not in fields)


def _unit(rows: list[Row], contract: Contract) -> Unit:
    """The unit stated above the table ("Đơn vị tính: triệu VNĐ"), or the contract's default.

    Failing a unit line, a unit in parentheses in a header cell ("Tổng kinh phí
    (triệu đồng)") is the table's unit.
    """
    default = contract.money_units.get(key(contract.default_unit), 1)
    stated = unit_line(
        rows, contract.unit_line_labels, contract.money_units, contract.abbreviations
    ) or unit_note(rows, contract.money_units)
    if stated is None:
        return Unit(contract.default_unit, default)
    if stated.multiplier is None:
        return Unit(
            contract.default_unit,
            default,
            stated.cell,
            known=False,
            stated=stated.label,
            currency=stated.currency,
        )
    return Unit(stated.label, stated.multiplier, stated.cell)


def _title(rows: list[Row], contract: Contract) -> str | None:
    """The first line of text above the table that is not its unit line."""
    for number, texts in rows:
        for letter, text in texts.items():
            line = unit_line(
                [(number, {letter: text})], contract.unit_line_labels, {}, contract.abbreviations
            )
            if line is None:
                return clean(text)
    return None
