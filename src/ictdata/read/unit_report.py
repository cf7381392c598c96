"""Unit reports in a sheet: the one-unit form and the consolidated form, as one long frame.

One-unit form: a heading naming the unit and the year ("Đơn vị báo cáo: Sở Y tế", "Năm báo
cáo: 2013"), then rows `TT | Chỉ tiêu | Đơn vị tính | Số liệu`. Consolidated form: one row
per unit, one column per indicator. Both give rows of `VALUE_SCHEMA`: one per value, at its
cell, with the unit resolved in the registry as it was on 31/12 of the year, plus a row for
the cell naming the unit (`UNIT_CELL`; the header's first cell, empty, when a one-unit
heading names none) and one for the cell stating the year (`YEAR_CELL`),
which the unknown-unit and period-mismatch checks point at.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from typing import TypeVar

import polars as pl

from ictdata.contracts.model import Indicator, TextColumn, UnitReportContract
from ictdata.read.grid import ROW, Grid
from ictdata.read.notes import without_notes
from ictdata.read.numbers import BLANK_MARKS, NumberStatus, english_columns, parse_amounts
from ictdata.read.report_units import (
    MisstatedUnit,
    measured,
    misstated,
    stated_above,
    stated_in,
    stated_measure,
    title_without_unit,
)
from ictdata.read.table import REJECT_SCHEMA, RejectReason, content
from ictdata.read.unit_columns import ENTRY, META, UNIT_CELL, VALUE_SCHEMA, YEAR_CELL
from ictdata.read.units import StatedUnit
from ictdata.text import clean, key
from ictdata.units.registry import Registry, load_registry

HEADER_SCAN_ROWS = 40
ONE_UNIT = "one-unit"
CONSOLIDATED = "consolidated"
# Values are read to a thousandth (percentages such as 51,4).
_MILLI = 1000
_PERCENT = 100
_NOTE = re.compile(r"\(([^()]*)\)")
_NUMBERING = re.compile(r"^\s*(?:[0-9]+(?:\.[0-9]+)*|[a-zđ]|[ivx]+)\s*[.)/-]\s+", re.IGNORECASE)
_TITLE_YEAR = re.compile(r"\bnăm\s+((?:19|20)[0-9]{2})\b", re.IGNORECASE)
_YEAR = re.compile(r"\b((?:19|20)[0-9]{2})\b")
_TOTALS = frozenset(key(x) for x in ("Tổng", "Tổng cộng", "Cộng", "Tổng số", "Toàn tỉnh"))

Rows = list[tuple[int, dict[str, str]]]
_T = TypeVar("_T")


@dataclass(frozen=True)
class UnstatedUnit:
    """An amount read in its indicator's unit because none was stated beside it.

    `cell` is where the unit belongs (the row's "Đơn vị tính" cell, or the column's header),
    `label` the indicator as written, `unit` the unit assumed.
    """

    cell: str
    label: str
    unit: str


@dataclass(frozen=True)
class UnitReport:
    """The unit report found in one sheet: its values (long) and its rows that hold none.

    `values` are as read, text in `raw`: `parse_values` reads the numbers of a whole
    batch's reports in one query (per report it cost 5 ms, most of a report's reading).
    """

    template: str
    form: str
    sheet: str | None
    report_year: int | None
    values: pl.DataFrame
    rejects: pl.DataFrame
    unstated: UnstatedUnit | None = None  # the first amount of the sheet stated in no unit
    # Amounts' units stated but not read as đồng (a foreign currency, a unit not known),
    # once per cell stating one.
    misstated: tuple[MisstatedUnit, ...] = ()


@dataclass(frozen=True)
class _Place:
    """A cell's text and address."""

    text: str
    row: int
    column: str

    @property
    def cell(self) -> str:
        return f"{self.column}{self.row}"


@dataclass
class _Entry:
    """One unit's values while they are collected."""

    unit: _Place | None
    year: _Place | None
    year_value: int | None
    values: list[dict[str, object]] = field(default_factory=list)


def _rows(grid: Grid, limit: int | None = None) -> Rows:
    frame = grid.cells if limit is None else grid.cells.head(limit)
    return [
        (
            int(record[ROW]),
            {k: v for k, v in record.items() if k != ROW and isinstance(v, str) and v.strip()},
        )
        for record in frame.iter_rows(named=True)
    ]


def _lookup(text: str, names: Mapping[str, _T], contract: UnitReportContract) -> _T | None:
    """What a label names: whole ("Có mạng nội bộ (LAN)"), or without its notes.

    Numbering ("1.") never matters; a note in parentheses ("(triệu đồng)", "(ĐVT: đồng
    (VNĐ))") may be dropped.
    """
    bare = _NUMBERING.sub("", text)
    for variant in (bare, without_notes(bare)):
        found = names.get(key(variant, contract.abbreviations))
        if found is not None:
            return found
    return None


# Keyed once per contract: keying every alias again for each file was most of a batch's time.
@cache
def _column_aliases(
    columns: tuple[TextColumn, ...], contract: UnitReportContract
) -> dict[str, str]:
    return {key(a, contract.abbreviations): c.name for c in columns for a in c.aliases}


@cache
def _indicator_aliases(contract: UnitReportContract) -> dict[str, Indicator]:
    return {key(a, contract.abbreviations): i for i in contract.indicators for a in i.aliases}


def _header(
    rows: Rows, columns: tuple[TextColumn, ...], contract: UnitReportContract
) -> tuple[int, dict[str, str], dict[str, str]] | None:
    """The first row naming every required column: (row, column -> letter, letter -> indicator)."""
    aliases = _column_aliases(columns, contract)
    indicators = _indicator_aliases(contract)
    for number, texts in rows:
        found: dict[str, str] = {}
        named: dict[str, str] = {}
        for letter, text in texts.items():
            column = _lookup(text, aliases, contract)
            indicator = None if column else _lookup(text, indicators, contract)
            if column is not None:
                found.setdefault(column, letter)
            elif indicator is not None:
                named[letter] = indicator.name
        if all(c.name in found for c in columns if c.required):
            return number, found, named
    return None


def _field(rows: Rows, labels: tuple[str, ...], contract: UnitReportContract) -> _Place | None:
    """The value of a heading field "<label>: <value>" (or the label, then the value's cell)."""
    keys = [key(label, contract.abbreviations) for label in labels]
    for number, texts in rows:
        letters = sorted(texts, key=lambda x: (len(x), x))
        for index, letter in enumerate(letters):
            text = texts[letter]
            head = key(text.split(":", 1)[0], contract.abbreviations)
            if head not in keys:
                continue
            inline = clean(text.split(":", 1)[1]) if ":" in text else ""
            if inline:
                return _Place(inline, number, letter)
            rest = letters[index + 1 :]
            if rest:
                return _Place(clean(texts[rest[0]]), number, rest[0])
    return None


def _title_year(rows: Rows, contract: UnitReportContract) -> int | None:
    """The "năm YYYY" of the title; a unit line ending it ("(ĐVT: triệu đồng)") is no field."""
    for _, texts in rows:
        for text in texts.values():
            title = title_without_unit(text, contract)
            found = _TITLE_YEAR.search(clean(title))
            if found and ":" not in title:
                return int(found[1])
    return None


def _year_of(place: _Place | None) -> int | None:
    found = _YEAR.search(place.text) if place is not None else None
    return int(found[1]) if found else None


def _scale(unit: StatedUnit | None, indicator: Indicator, contract: UnitReportContract) -> float:
    """What an amount stated in `unit` is multiplied by to be in the indicator's unit.

    1 when no unit is stated, or one not read as đồng (the indicator's unit is assumed).
    """
    written = unit.multiplier if unit is not None else None
    if indicator.kind != "amount" or not written:
        return 1.0
    declared = contract.money_units.get(key(indicator.unit))
    return written / declared if declared else 1.0


def _value(
    place: _Place,
    indicator: Indicator,
    grid: Grid,
    unit: StatedUnit | None,
    contract: UnitReportContract,
) -> dict[str, object]:
    return {
        ROW: place.row,
        "column": place.column,
        "cell": place.cell,
        "indicator": indicator.name,
        "kind": indicator.kind,
        "raw": place.text,
        "is_float": place.cell in grid.float_cells,
        "scale": _scale(unit, indicator, contract),
        # Typed as an Excel percentage: 44 % is stored as 0.44.
        "shown_percent": indicator.kind == "percent" and place.cell in grid.percent_cells,
        "unit": indicator.unit,
        # A currency other than the đồng: no amount in đồng at any scale, not loaded.
        "currency": unit.currency if unit is not None else None,
        # A unit of a percentage or a count ("%"): no money at all, not loaded either.
        "measured_as": measured(unit, contract) if indicator.kind == "amount" else None,
    }


def _meta(place: _Place, name: str) -> dict[str, object]:
    return {
        ROW: place.row,
        "column": place.column,
        "cell": place.cell,
        "indicator": name,
        "kind": META,
        "raw": place.text,
        "is_float": False,
        "scale": 1.0,
        "shown_percent": False,
        "unit": None,
        "currency": None,
        "measured_as": None,
    }


@dataclass
class _Read:
    """A report's values while they are read, and what its reading found about their units."""

    entries: list[_Entry] = field(default_factory=list)
    rejected: dict[int, RejectReason] = field(default_factory=dict)
    unstated: UnstatedUnit | None = None
    misstated: dict[str, MisstatedUnit] = field(default_factory=dict)  # by the cell stating it

    def amount(
        self,
        indicator: Indicator,
        unit: StatedUnit | None,
        unstated: UnstatedUnit | None,
        contract: UnitReportContract,
    ) -> None:
        """Note an amount's unit: stated nowhere (`unstated`), or stated but not as đồng."""
        if indicator.kind != "amount":
            return
        if unit is None:
            self.unstated = self.unstated or unstated
        elif (wrong := misstated(unit, indicator.unit, measured(unit, contract))) is not None:
            self.misstated.setdefault(wrong.cell, wrong)


def _one_unit(
    grid: Grid, contract: UnitReportContract, rows: Rows, header: tuple[int, dict[str, str]]
) -> _Read:
    number, columns = header
    above = [(n, t) for n, t in rows if n < number]
    year = _field(above, contract.year_labels, contract)
    # A heading naming no unit: the unit cell is the header's, empty (unit-not-named).
    unit = _field(above, contract.unit_labels, contract) or _Place("", number, columns["indicator"])
    entry = _Entry(unit, year, _year_of(year))
    indicators = _indicator_aliases(contract)
    # For amounts with no unit of their own: the value column's header note, else a unit line.
    value = columns["value"]
    value_header = dict(rows).get(number, {}).get(value, "")
    shared = stated_in(value_header, f"{value}{number}", contract) or stated_above(above, contract)
    read = _Read([entry])
    measure = columns.get("measure")
    for row, texts in rows:
        if row <= number or not texts:
            continue
        label = texts.get(columns["indicator"], "")
        indicator = _lookup(label, indicators, contract)
        raw = _figure(texts.get(value, ""))
        if indicator is None:
            read.rejected[row] = RejectReason.UNKNOWN_INDICATOR
        elif not raw:
            read.rejected[row] = RejectReason.NO_AMOUNTS
        else:
            stated = (
                _own_unit(texts, row, columns, contract) or shared
                if indicator.kind == "amount"
                else None
            )
            entry.values.append(_value(_Place(raw, row, value), indicator, grid, stated, contract))
            unit_cell = f"{measure or value}{row}"
            unstated = UnstatedUnit(unit_cell, clean(label), indicator.unit)
            read.amount(indicator, stated, unstated, contract)
    return read


def _own_unit(
    texts: dict[str, str], row: int, columns: dict[str, str], contract: UnitReportContract
) -> StatedUnit | None:
    """An amount's own unit: in its "Đơn vị tính" cell, else in its label ("(ĐVT: đồng)")."""
    measure = columns.get("measure")
    own = stated_measure(texts.get(measure, ""), f"{measure}{row}", contract) if measure else None
    label = columns["indicator"]
    return own or stated_in(texts.get(label, ""), f"{label}{row}", contract)


def _figure(text: str) -> str:
    """A value cell's text; "" when empty or only a dash, as tables read them."""
    stripped = text.strip()
    return "" if stripped in BLANK_MARKS else stripped


def _consolidated(
    grid: Grid,
    contract: UnitReportContract,
    rows: Rows,
    header: tuple[int, dict[str, str], dict[str, str]],
) -> _Read:
    number, columns, named = header
    header_texts = dict(rows).get(number, {})
    line = stated_above([(n, t) for n, t in rows if n < number], contract)
    # An amount column's unit: noted in its heading ("(triệu đồng)"), else the unit line above.
    units = {
        letter: stated_in(header_texts.get(letter, ""), f"{letter}{number}", contract) or line
        for letter, name in named.items()
        if contract.indicator(name).kind == "amount"
    }
    read = _Read()
    for row, texts in rows:
        if row <= number or not texts:
            continue
        name = clean(texts.get(columns["unit"], ""))
        if not name or key(name) in _TOTALS:
            read.rejected[row] = RejectReason.TOTAL_ROW if name else RejectReason.NO_UNIT
            continue
        year_text = texts.get(columns.get("year", ""))
        year = _Place(clean(year_text), row, columns["year"]) if year_text else None
        entry = _Entry(_Place(name, row, columns["unit"]), year, _year_of(year))
        for letter, indicator_name in named.items():
            raw = _figure(texts.get(letter, ""))
            if raw:
                indicator = contract.indicator(indicator_name)
                heading = header_texts.get(letter, "")
                place = _Place(raw, row, letter)
                unit = units.get(letter)
                entry.values.append(_value(place, indicator, grid, unit, contract))
                # A heading with a note of its own ("(năm 2013)") is taken as stating it.
                unstated = (
                    None
                    if _NOTE.search(heading)
                    else UnstatedUnit(f"{letter}{number}", clean(heading), indicator.unit)
                )
                read.amount(indicator, unit, unstated, contract)
        if entry.values:
            read.entries.append(entry)
        else:
            read.rejected[row] = RejectReason.NO_AMOUNTS
    return read


def _iso(day: date | None) -> str:
    """A date in ISO 8601; `..` (an open end of an ISO 8601 interval) for none."""
    return day.isoformat() if day else ".."


def _resolve(entry: _Entry, report_year: int | None, registry: Registry) -> dict[str, object]:
    """The entry's unit in the registry (as on 31/12 of its year) and its year."""
    year = entry.year_value or report_year
    day = date(year, 12, 31) if year else None
    name = entry.unit.text if entry.unit else ""
    unit = registry.match(name, day) if name else None
    suggestions = registered = None
    if unit is None and name:
        # A unit of another period (created later, merged before) rather than a misspelling.
        other = registry.match(name, None) if day else None
        if other is None:
            suggestions = "; ".join(u.name for u in registry.suggest(name, day))
        else:
            registered = f"{other.valid_from.isoformat()}/{_iso(other.valid_to)}"
    return {
        "unit_name": name or None,
        "unit_code": unit.code if unit else None,
        "unit_official": unit.name if unit else None,
        "suggestions": suggestions,
        "registered": registered,
        "year": year,
        "report_year": report_year,
    }


def _frame(entries: list[_Entry], report_year: int | None, registry: Registry) -> pl.DataFrame:
    records: list[Mapping[str, object]] = []
    for index, entry in enumerate(entries):
        common = {ENTRY: index, **_resolve(entry, report_year, registry)}
        metas = [_meta(entry.unit, UNIT_CELL)] if entry.unit else []
        if entry.year is not None:
            metas.append(_meta(entry.year, YEAR_CELL))
        records += [{**common, **record} for record in [*metas, *entry.values]]
    return pl.DataFrame(records, schema=VALUE_SCHEMA)


def parse_values(frame: pl.DataFrame, contract: UnitReportContract, report: str) -> pl.DataFrame:
    """Add `value` (Float64) and `number_status`: numbers read Vietnamese style, yes/no as 1/0.

    An amount in a currency other than the đồng (`currency`), or in a unit that is no money
    (`measured_as`), is left unread: null, `blank`.

    `frame` holds the values of many reports, told apart by the column `report`.
    """
    flat = pl.col("raw").str.strip_chars().str.strip_chars_end("%").str.strip_chars()
    # A cell shown as a percentage holds a hundredth of what it shows: read exactly, times 100.
    multiplier = pl.when("shown_percent").then(_MILLI * _PERCENT).otherwise(_MILLI)
    # A column typed the English way ("51.4") is read so, decided per column as for tables.
    prepared = frame.with_columns(
        raw_number=flat, multiplier=multiplier.cast(pl.Int64)
    ).with_columns(is_float=english_columns([report, "column"], raw="raw_number"))  # "32.9%" too
    parsed = parse_amounts(prepared, raw="raw_number")
    # Yes/no answers are few and short: key each distinct one once, not every value.
    flags = frame.filter(pl.col("kind") == "flag").get_column("raw").drop_nulls().unique()
    answers = {text: key(text) for text in flags.to_list()}
    answer = pl.col("raw").replace_strict(answers, default=None, return_dtype=pl.String)
    is_flag = pl.col("kind") == "flag"
    yes = answer.is_in(list(contract.flags_yes))
    no = answer.is_in(list(contract.flags_no))
    number = pl.col("amount_vnd").cast(pl.Float64) / _MILLI * pl.col("scale")
    year = pl.col("raw").str.extract(_YEAR.pattern).cast(pl.Float64)
    # An amount in another currency, or in "%", is not read: no value, no check judges it.
    foreign = pl.col("currency").is_not_null() | pl.col("measured_as").is_not_null()
    value = (
        pl.when(pl.col("kind") == META)
        .then(pl.when(pl.col("indicator") == YEAR_CELL).then(year))
        .when(foreign)
        .then(None)
        .when(is_flag)
        .then(pl.when(yes).then(1.0).when(no).then(0.0))
        .otherwise(number)
    )
    status = (
        pl.when(pl.col("kind") == META)
        .then(pl.lit(NumberStatus.OK.value))
        .when(foreign)
        .then(pl.lit(NumberStatus.BLANK.value))
        .when(is_flag)
        .then(
            pl.when(yes | no)
            .then(pl.lit(NumberStatus.OK.value))
            .otherwise(pl.lit(NumberStatus.BAD.value))
        )
        .otherwise(pl.col("number_status"))
    )
    return (
        parsed.with_columns(value=value, number_status=status)
        .drop("raw_number", "amount_vnd", "multiplier")
        .collect()
    )


def _rejects(grid: Grid, rejected: dict[int, RejectReason]) -> pl.DataFrame:
    schema = {**REJECT_SCHEMA, "sheet": pl.String}
    if not rejected or not grid.letters:
        return pl.DataFrame(schema=schema)
    reasons = pl.DataFrame(
        {ROW: list(rejected), "reason": [r.value for r in rejected.values()]},
        schema={ROW: pl.Int64, "reason": pl.String},
    )
    return (
        grid.cells.join(reasons, on=ROW, how="inner")
        .select(ROW, "reason", content=content(grid.letters), sheet=pl.lit(grid.sheet, pl.String))
        .sort(ROW)
    )


def find_unit_report(grid: Grid, contract: UnitReportContract) -> UnitReport | None:
    """The unit report in `grid` (one-unit form first, then consolidated); None when none."""
    top = _rows(grid, HEADER_SCAN_ROWS)
    one = _header(top, contract.one_unit_columns, contract)
    many = None if one else _header(top, contract.consolidated_columns, contract)
    if many is not None and len(set(many[2].values())) < contract.consolidated_min_indicators:
        many = None
    if one is None and many is None:
        return None
    rows = _rows(grid)
    if one is not None:
        form, read = ONE_UNIT, _one_unit(grid, contract, rows, one[:2])
        number = one[0]
    else:
        assert many is not None  # noqa: S101  (narrowed above)
        form, read = CONSOLIDATED, _consolidated(grid, contract, rows, many)
        number = many[0]
    report_year = _title_year([(n, t) for n, t in top if n < number], contract)
    values = _frame(read.entries, report_year, load_registry(contract.registry))
    return UnitReport(
        contract.template,
        form,
        grid.sheet,
        report_year,
        values,
        _rejects(grid, read.rejected),
        read.unstated,
        tuple(read.misstated.values()),
    )
