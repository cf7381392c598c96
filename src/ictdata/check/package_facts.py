"""What each file of a plan package says about the plan, with the place it says it.

The budget statement gives a total and its parts by source; the budget
appendix a grand total, each source's total and a line per task; the project
table each project's plan-year demand; and documents and tables their plan
year and province. Every figure is in đồng and keeps its file, sheet, cell or
line, so that a disagreement can point at both places.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field

import polars as pl

from ictdata.check.names import Named
from ictdata.check.rules import TABLE
from ictdata.check.runner import LoadedTable
from ictdata.contracts.model import Contract
from ictdata.read.cells import column_index
from ictdata.read.grid import ROW, Source
from ictdata.read.headers import matcher_for
from ictdata.read.numbers import NumberStatus
from ictdata.read.table import FAMILY, RowKind
from ictdata.text import clean, key

ALL = "all"  # the appendix's "Tổng số" column: every source together
TITLE_LINES = 10
_YEAR = re.compile(r"\bnăm\s+((?:19|20)[0-9]{2})\b", re.IGNORECASE)
_PROVINCE = re.compile(r"\btỉnh\s+(\w+(?:\s+\w+){0,2}?)(?=\s+năm\b|\s*$|\s*[,.;:(])", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Place:
    """A place in one file: a cell of a sheet, or a line of a document."""

    file: str
    sheet: str | None = None
    cell: str | None = None
    row: int | None = None


@dataclass(frozen=True, slots=True)
class Amount:
    """A figure in đồng (None when unreadable) and where it is written."""

    vnd: int | None
    place: Place


@dataclass(frozen=True)
class Budget:
    """A total and its parts by source (funding kind), from a statement or an appendix."""

    total: Amount | None
    sources: Mapping[str, Amount] = field(default_factory=dict)
    lines: tuple[tuple[Named, Amount], ...] = ()
    # Where a missing line belongs: the grand total's label cell ("Tổng cộng"), lines go above.
    end: Place | None = None


@dataclass(frozen=True, slots=True)
class Stated:
    """A plan year or province a file states, as written, and where."""

    what: str  # "year" or "province"
    value: str
    place: Place


def statement_budget(statements: pl.DataFrame, file: str, appendix: Contract) -> Budget | None:
    """The first total of `file`'s budget statements, with its parts classified by source."""
    if statements.is_empty():
        return None
    own = statements.filter(pl.col("file") == file)
    totals = own.filter(pl.col("is_total"))
    if totals.is_empty():
        return None
    total = totals.row(0, named=True)
    parts = own.filter(pl.col("group") == total["group"], ~pl.col("is_total")).iter_rows(named=True)
    sources: dict[str, Amount] = {}
    for part in parts:
        kind = source_of(part["label"], appendix)
        if kind is not None and kind not in sources:
            sources[kind] = _statement_amount(part)
    return Budget(_statement_amount(total), sources)


def _statement_amount(record: Mapping[str, object]) -> Amount:
    figure, words = record["amount_vnd"], record["words_vnd"]
    value = figure if isinstance(figure, int) else words if isinstance(words, int) else None
    place = Place(
        str(record["file"]), _text(record["sheet"]), _text(record["cell"]), _int(record[ROW])
    )
    return Amount(value, place)


def _text(value: object) -> str | None:
    return value if isinstance(value, str) else None


def _int(value: object) -> int | None:
    return value if isinstance(value, int) else None


def source_of(label: str, appendix: Contract) -> str | None:
    """The funding kind a statement's label names ("Ngân sách tỉnh" is `provincial`), or None."""
    match = matcher_for(appendix).match(label)
    if match is not None and match.funding_kind and match.funding_kind != ALL:
        return match.funding_kind
    label_key = key(label, appendix.abbreviations)
    aliases = sorted(
        (
            (key(alias, appendix.abbreviations), kind.name)
            for kind in appendix.funding_kinds
            if kind.name != ALL
            for alias in kind.aliases
        ),
        key=lambda pair: -len(pair[0]),
    )
    padded = f" {label_key} "
    return next((kind for alias, kind in aliases if f" {alias} " in padded), None)


def _cells(loaded: LoadedTable, amounts: pl.DataFrame) -> pl.DataFrame:
    return amounts.filter(pl.col(TABLE) == loaded.table_id)


def _line_row(record: Mapping[str, object]) -> int:
    """The row of the line or project a cell belongs to: over merged rows, the first."""
    row = record[FAMILY] if record["row_kind"] == RowKind.ITEM.value else record[ROW]
    return row if isinstance(row, int) else 0


def _place(loaded: LoadedTable, cell: str | None, row: int) -> Place:
    return Place(loaded.source.path, loaded.table.grid.sheet, cell, row)


def _sum(records: list[dict[str, object]]) -> int | None:
    values = [r["amount_vnd"] for r in records if isinstance(r["amount_vnd"], int)]
    return sum(values) if values else None


def _row_amount(loaded: LoadedTable, records: list[dict[str, object]], row: int) -> Amount:
    """A row's amount: its "Tổng số" cell, or the sum of its sources."""
    everything = [r for r in records if r["funding_kind"] == ALL and r["amount_vnd"] is not None]
    chosen = everything or [r for r in records if r["funding_kind"] != ALL]
    first = min(chosen, key=_column_order, default=None)
    cell = str(first["cell"]) if first is not None else None
    return Amount(_sum(chosen), _place(loaded, cell, row))


def _column_order(record: Mapping[str, object]) -> int:
    return column_index(str(record["column"]))


def _source_total(record: Mapping[str, object]) -> int | None:
    """A source's grand total: a blank cell is nothing from that source, bad text is unknown."""
    if record["number_status"] == NumberStatus.BLANK.value:
        return 0
    return _int(record["amount_vnd"])


def appendix_budget(loaded: LoadedTable, amounts: pl.DataFrame) -> Budget:
    """The appendix's grand total, each source's total and each task line's amount."""
    cells = _cells(loaded, amounts)
    by_row: dict[int, list[dict[str, object]]] = {}
    for record in cells.iter_rows(named=True):
        by_row.setdefault(_line_row(record), []).append(record)
    kinds = dict(zip(cells[ROW], cells["row_kind"], strict=True))
    total_row = next((row for row, kind in kinds.items() if kind == RowKind.TOTAL.value), None)
    if total_row is None:
        return Budget(None, {}, _lines(loaded, by_row, kinds))
    total_cells = by_row[total_row]
    sources = {
        str(r["funding_kind"]): Amount(_source_total(r), _place(loaded, str(r["cell"]), total_row))
        for r in total_cells
        if r["funding_kind"] != ALL
    }
    total = _row_amount(loaded, total_cells, total_row)
    number = loaded.table.layout.fields.get("number")
    end = _place(loaded, f"{number}{total_row}" if number else None, total_row)
    return Budget(total, sources, _lines(loaded, by_row, kinds), end)


def _lines(
    loaded: LoadedTable, by_row: dict[int, list[dict[str, object]]], kinds: dict[int, str]
) -> tuple[tuple[Named, Amount], ...]:
    """Task lines: numbered rows, and tasks (1.1, 1.2) of a sub-section (1, 2) that sums them."""
    lines = (RowKind.ITEM.value, RowKind.DETAIL.value)
    rows = loaded.table.rows.filter(pl.col("row_kind").is_in(lines))
    return tuple(
        (Named(name or "", number, index), _row_amount(loaded, by_row.get(row, []), row))
        for index, (row, number, name) in enumerate(rows.select(ROW, "number", "name").iter_rows())
        if kinds.get(row) in lines
    )


def project_demands(
    loaded: LoadedTable, amounts: pl.DataFrame, contract: Contract
) -> tuple[tuple[Named, Amount], ...]:
    """Each project's plan-year demand (every funding kind together), where one is asked."""
    stages = {stage.name for stage in contract.stages if stage.plan_year}
    cells = _cells(loaded, amounts).filter(
        pl.col("stage").is_in(stages), pl.col("row_kind") == RowKind.ITEM.value
    )
    by_row: dict[int, list[dict[str, object]]] = {}
    for record in cells.iter_rows(named=True):
        if isinstance(record["amount_vnd"], int) and record["amount_vnd"] != 0:
            by_row.setdefault(_line_row(record), []).append(record)
    rows = loaded.table.rows.filter(pl.col("row_kind") == RowKind.ITEM.value)
    found = []
    for index, (row, number, name) in enumerate(rows.select(ROW, "number", "name").iter_rows()):
        if row in by_row:
            first = min(by_row[row], key=_column_order)
            amount = Amount(_sum(by_row[row]), _place(loaded, str(first["cell"]), row))
            found.append((Named(name or "", number, index), amount))
    return tuple(found)


def stated_in_lines(source: Source) -> list[Stated]:
    """The plan year and province a document's title lines state (the first of each)."""
    lines = [line for line in source.lines if line.text.strip()][:TITLE_LINES]
    return _first_stated(
        [(clean(line.text), Place(source.path, row=line.number)) for line in lines]
    )


def stated_in_table(loaded: LoadedTable, contract: Contract) -> list[Stated]:
    """The plan year a table's headers state, at the header cell; the province its title states."""
    layout = loaded.table.layout
    found: list[Stated] = []
    if layout.plan_year is not None:
        stages = {s.name for s in contract.stages if s.plan_year}
        letters = [
            letter
            for name, letter in layout.fields.items()
            if any(name.startswith(f"{stage}_") for stage in stages)
        ]
        row = layout.header_rows[0]
        cell = f"{min(letters, key=column_index)}{row}" if letters else None
        found.append(Stated("year", str(layout.plan_year), _place(loaded, cell, row)))
    if layout.title is not None:
        province = _PROVINCE.search(layout.title)
        if province:
            place = _title_place(loaded, layout.title, layout.header_rows[0])
            found.append(Stated("province", _province(province[1]), place))
    return found


def _title_place(loaded: LoadedTable, title: str, header: int) -> Place:
    """The cell above the header that holds the table's title."""
    grid = loaded.table.grid
    for record in grid.cells.filter(pl.col(ROW) < header).iter_rows(named=True):
        for letter in grid.letters:
            text = record[letter]
            if isinstance(text, str) and clean(text) == title:
                return _place(loaded, f"{letter}{record[ROW]}", record[ROW])
    return Place(loaded.source.path, grid.sheet)


def _province(text: str) -> str:
    return clean(text).title()


def _first_stated(texts: list[tuple[str, Place]]) -> list[Stated]:
    year = next(((m[1], place) for text, place in texts if (m := _YEAR.search(text))), None)
    province = next(((m[1], place) for text, place in texts if (m := _PROVINCE.search(text))), None)
    found = [Stated("year", year[0], year[1])] if year else []
    if province:
        found.append(Stated("province", _province(province[0]), province[1]))
    return found


def same_value(what: str, first: str, second: str) -> bool:
    """Two statements of a year or province agree (provinces compared by key)."""
    return first == second if what == "year" else key(first) == key(second)
