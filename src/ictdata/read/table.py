"""Cut a grid into a contract's table: project rows, the totals row, amounts, rejects.

Everything here is vectorised: a 100,000-row sheet is a handful of polars
expressions, not a Python loop. Nothing is dropped silently: a row that has
content but is not a project or a total is returned in `rejects` with a reason.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from contextvars import ContextVar
from dataclasses import dataclass, field
from enum import StrEnum
from functools import lru_cache

import polars as pl

from ictdata import engine
from ictdata.contracts.model import Contract
from ictdata.read.grid import ROW, Grid
from ictdata.read.layout import TableLayout
from ictdata.read.merged_rows import (
    CONFLICT_SCHEMA,
    CONTINUED,
    FIRST,
    MERGE_HEAD,
    conflicts,
    continued,
    kept_cells,
    merge_head,
    vertical_merges,
)
from ictdata.read.text_columns import cleaned, label_key

CELL_SEPARATOR = "; "


class RowKind(StrEnum):
    """What a loaded row of the table is.

    A subtotal is a "Cộng" row closing a section, or a section row ("I", "A")
    that carries the sums of the projects under it.
    """

    ITEM = "item"
    TOTAL = "total"
    SUBTOTAL = "subtotal"
    DETAIL = "detail"  # a part ("2.1", "a", "-") of the project above it
    # A row of a project written over several rows (its number and name one vertical
    # merge): its amounts are its project's (row_kind `item` in the amounts, FAMILY the
    # merge's first row), the row itself no project of its own.
    CONTINUED = "continued"


LOADED_KINDS = [kind.value for kind in RowKind]
# Categories as polars enums: checks group and compare them by their small integer codes,
# which halves the cost of validating a large table next to grouping by strings.
ROW_KINDS = pl.Enum(LOADED_KINDS)
SEGMENT = "segment"
FAMILY = "family"  # a project's row, shared by its parts


class RejectReason(StrEnum):
    """Why a row with content was not loaded as a project or a total."""

    SECTION_HEADING = "section-heading"
    NO_AMOUNTS = "no-amounts"
    OUTSIDE_COLUMNS = "outside-columns"
    AFTER_TOTAL = "after-total"
    NO_TABLE = "no-table"
    MISSING_COLUMN = "missing-column"
    TOTAL_ROW = "total-row"
    SUBTOTAL_ROW = "subtotal-row"
    SUB_ITEM = "sub-item"
    SECOND_TABLE = "second-table"
    UNKNOWN_INDICATOR = "unknown-indicator"  # a unit report's row naming no known indicator
    NO_UNIT = "no-unit"  # a consolidated unit report's row without a unit name
    BAD_NUMBER = "bad-number"  # a unit report's value that is not a number
    DUPLICATE_UNIT = "duplicate-unit"  # a unit's value already given by an earlier report
    DUPLICATE_FILE = "duplicate-file"  # a row of a byte-identical copy of an earlier file
    FOREIGN_CURRENCY = "foreign-currency"  # a row of a table stated in USD, EUR...
    # A unit report's amount (money) whose unit is a percentage's or a count's ("%", "người").
    UNIT_CONTRADICTS_INDICATOR = "unit-contradicts-indicator"
    MERGED_ROW = "merged-row"  # a row continuing a merged project, counted in its project


REJECT_SCHEMA = {ROW: pl.Int64, "reason": pl.String, "content": pl.String}
_BLANK = "blank"
_SECTION_SUM = "section-sum"
_BARE = "bare"
# "2.1", "a", "a)", "-", "+": the parts of the project above, already counted in its figures.
_SUB_NUMBER = r"^(?:[0-9]+(?:\.[0-9]+)+\.?|[a-zđ][).]?|[-+•*–])$"
# Project 1000 and on as a Vietnamese export groups them ("1.000", "12.345"): whole numbers,
# not parts (a part numbers its items from 1: "2.1", never a three-digit "2.001"), except
# a hundredth part under its own project ("2.100" under project 2: `_part_past_99`).
_GROUPED_NUMBER = r"^[0-9]{1,3}(?:\.[0-9]{3})+$"
_ONE_GROUP = r"^([0-9]{1,3})\.[0-9]{3}$"
_FALSE = pl.lit(value=False)


@dataclass(frozen=True)
class Table:
    """One contract table found in one grid."""

    grid: Grid
    layout: TableLayout
    rows: pl.DataFrame
    amounts: pl.DataFrame
    rejects: pl.DataFrame
    # Amount cells of a merged project's column below the one counted (`merged-row-conflict`).
    conflicts: pl.DataFrame = field(default_factory=lambda: pl.DataFrame(schema=CONFLICT_SCHEMA))


def _blank(letter: str) -> pl.Expr:
    return pl.col(letter).is_null() | (pl.col(letter).str.strip_chars().str.len_chars() == 0)


def content(letters: list[str]) -> pl.Expr:
    """The non-blank cells of a row as "A5=text; B5=text", for rejects."""
    return _content(tuple(letters))


# Building these expressions costs more than running them on a small sheet, and the
# sheets of a batch mostly share their columns: build each once.
@lru_cache(maxsize=256)
def _content(letters: tuple[str, ...]) -> pl.Expr:
    parts = [
        pl.when(~_blank(letter)).then(
            pl.concat_str(pl.lit(letter), pl.col(ROW).cast(pl.String), pl.lit("="), pl.col(letter))
        )
        for letter in letters
    ]
    return (
        pl.concat_str(parts, separator=CELL_SEPARATOR, ignore_nulls=True) if parts else pl.lit("")
    )


def reject_all(grid: Grid, reason: RejectReason, first_row: int = 1) -> pl.DataFrame:
    """Every non-blank row of `grid` from `first_row` on, rejected for `reason`, with its sheet."""
    letters = grid.letters
    if not letters:
        return pl.DataFrame(schema={**REJECT_SCHEMA, "sheet": pl.String})
    return (
        grid.cells.lazy()
        .filter(pl.col(ROW) >= first_row, ~pl.all_horizontal(*[_blank(x) for x in letters]))
        .select(
            ROW,
            reason=pl.lit(reason.value),
            content=content(letters),
            sheet=pl.lit(grid.sheet, dtype=pl.String),
        )
        .collect(engine=engine.for_query(grid.cells.height))
    )


TABLE_INDEX = "_t"  # which table of a batch a row belongs to, while tables are cut together
_GROUPED: ContextVar[bool] = ContextVar("grouped", default=True)


_KEYED = ("number", "name")


def _key(column: str) -> pl.Expr:
    """The label key of `column`, computed once per batch by `_classified` (it costs)."""
    return pl.col(f"_{column}_key")


def second_header_row(grid: Grid, layout: TableLayout, contract: Contract) -> int | None:
    """The first row below `layout`'s body that repeats its header: where a second table starts.

    As the cut decides it (`_header_again`), for a check that runs before the cut.
    """
    letters = {f: layout.fields.get(f) for f in _KEYED}
    if None in letters.values():
        return None
    found = (
        grid.cells.lazy()
        .filter(pl.col(ROW) >= layout.body_start)
        .select(ROW, *[cleaned(str(letter)).alias(f"_{f}") for f, letter in letters.items()])
        .filter(_repeats_header(contract, lambda field: label_key(f"_{field}")))
        .select(pl.col(ROW).min())
        .collect()
        .item()
    )
    return None if found is None else int(found)


def _label_text(text: str) -> str:
    """What `label_key` makes of a cell, for a contract's own words."""
    nfc = unicodedata.normalize("NFC", text).lower()
    spaced = "".join(
        " " if ch.isspace() or unicodedata.category(ch).startswith("P") else ch for ch in nfc
    )
    return " ".join(spaced.split())


def _header_again(contract: Contract) -> pl.Expr:
    """A row that repeats the header ("TT | Tên dự án ..."): a second table starts there."""
    return _repeats_header(contract, _key)


def _repeats_header(contract: Contract, key_of: Callable[[str], pl.Expr]) -> pl.Expr:
    """Whether a row's number and name keys (`key_of(field)`) are header words of theirs."""
    aliases = {c.name: [_label_text(a) for a in c.aliases] for c in contract.columns}
    return pl.all_horizontal(
        key_of(field).is_in(aliases.get(field, [])).fill_null(value=False) for field in _KEYED
    )


def _second_table(kind: pl.Expr, contract: Contract) -> pl.Expr:
    """Rows from a repeated header on belong to another table: kept in rejects, not summed here.

    So do the rows between the first table's last figures and that header: the second
    table's title and unit line.
    """
    start = _per_table(pl.when(_header_again(contract)).then(pl.col(ROW)).min())
    figures = kind.is_in([RowKind.ITEM.value, RowKind.TOTAL.value, _BARE, _SECTION_SUM])
    last_figures = _per_table(pl.when(figures & (pl.col(ROW) < start)).then(pl.col(ROW)).max())
    after = ((pl.col(ROW) >= start) | (pl.col(ROW) > last_figures)).fill_null(value=False)
    return (
        pl.when(after & (kind != _BLANK))
        .then(pl.lit(RejectReason.SECOND_TABLE.value))
        .otherwise(kind)
    )


def _any_filled(columns: list[str]) -> pl.Expr:
    return _filled(tuple(columns))


@lru_cache(maxsize=256)
def _filled(columns: tuple[str, ...]) -> pl.Expr:
    return pl.any_horizontal(*[~_blank(x) for x in columns]) if columns else _FALSE


def _kind_expr(contract: Contract) -> pl.Expr:
    """Classify each body row before position is taken into account (columns are field names).

    Text columns are cleaned by now: white space alone is null.
    """
    amounts = [a.field for a in contract.amount_columns]
    labels = [" ".join(label.lower().split()) for label in contract.totals_labels]
    is_total = _key("number").is_in(labels).fill_null(value=False) | _key("name").is_in(
        labels
    ).fill_null(value=False)
    has_amount = _any_filled(amounts)
    has_text = _any_filled(list(contract.text_fields))
    section = pl.col("number").str.contains(contract.section_numbers.pattern).fill_null(value=False)
    return (
        pl.when(~has_amount & ~has_text & ~pl.col("_has_other"))
        .then(pl.lit(_BLANK))
        .when(is_total)
        .then(pl.lit(RowKind.TOTAL.value))
        .when(section & ~has_amount)
        .then(pl.lit(RejectReason.SECTION_HEADING.value))
        .when(section)
        .then(pl.lit(_SECTION_SUM))
        .when(has_amount & ~has_text)
        .then(pl.lit(_BARE))
        .when(has_amount | (~_blank("number") & ~_blank("name")))
        .then(pl.lit(RowKind.ITEM.value))
        .when(has_text)
        .then(pl.lit(RejectReason.NO_AMOUNTS.value))
        .otherwise(pl.lit(RejectReason.OUTSIDE_COLUMNS.value))
    )


def _per_table(expr: pl.Expr) -> pl.Expr:
    """A window over each table of the batch (plain when the batch is one table: windows cost)."""
    return expr.over(TABLE_INDEX) if _GROUPED.get() else expr


def _bare_rows(kind: pl.Expr) -> pl.Expr:
    """A row of figures with no text at all: the totals row when it closes a table that has none."""
    last_row = _per_table(pl.when(kind != _BLANK).then(pl.col(ROW)).max())
    no_total = ~_per_table((kind == RowKind.TOTAL.value).any())
    closing = (kind == _BARE) & (pl.col(ROW) == last_row) & no_total
    return (
        pl.when(closing)
        .then(pl.lit(RowKind.TOTAL.value))
        .when(kind == _BARE)
        .then(pl.lit(RowKind.ITEM.value))
        .otherwise(kind)
    )


def _sub_items(kind: pl.Expr, contract: Contract, *, merged: bool = False) -> pl.Expr:
    """Rows numbered "2.1", "a", "-" under a project that carries figures are its parts.

    A project over `merged` rows carries figures when any of its rows does.
    """
    number = pl.col("number")
    grouped = number.str.contains(_GROUPED_NUMBER) & ~_part_past_99(number)
    is_sub = (number.str.contains(_SUB_NUMBER) & ~grouped).fill_null(value=False)
    plain = kind.is_in([RowKind.ITEM.value, RowKind.TOTAL.value, RowKind.SUBTOTAL.value])
    has_amount = _any_filled([a.field for a in contract.amount_columns])
    if merged:
        has_amount = has_amount.max().over(TABLE_INDEX, FIRST)
    parent_has_amount = _per_table(
        pl.when(plain & ~is_sub)
        .then((kind == RowKind.ITEM.value) & has_amount)
        .when(kind != _BLANK)
        .then(pl.when(is_sub).then(pl.lit(None, dtype=pl.Boolean)).otherwise(_FALSE))
        .forward_fill()
    ).fill_null(value=False)
    detail = (kind == RowKind.ITEM.value) & is_sub & parent_has_amount
    return pl.when(detail).then(pl.lit(RowKind.DETAIL.value)).otherwise(kind)


def _part_past_99(number: pl.Expr) -> pl.Expr:
    """Whether a grouped-looking number is a part: "2.100" under project 2, not project 2100.

    Project 1000 as "1.000" follows project 999: the last plain project number above it
    is not its head.
    """
    head = number.str.extract(_ONE_GROUP, 1).cast(pl.Int64, strict=False)
    plain = number.str.strip_chars_end(".").cast(pl.Int64, strict=False)  # "2", "2.", not "2.1"
    return (head == _per_table(plain.forward_fill())).fill_null(value=False)


def _family(kind: pl.Expr, first: pl.Expr) -> pl.Expr:
    """The row of the project a row belongs to: its own for a project, its parent's for a part.

    A project's row is `first`: a project written over merged rows starts at the merge's.
    """
    project_rows = _per_table(pl.when(kind == RowKind.ITEM.value).then(first).forward_fill())
    return (
        pl.when(kind == RowKind.ITEM.value)
        .then(first)
        .when(kind == RowKind.DETAIL.value)
        .then(project_rows)
    )


def _place_totals(kind: pl.Expr) -> pl.Expr:
    """Decide which totals row is the grand total; the other totals rows are subtotals.

    A totals row above every project heads the table and is the grand total;
    otherwise the last one is, and rows with content below it are rejected. The rows of
    a second table under the first keep their reason.
    """
    is_total = kind == RowKind.TOTAL.value
    total_rows = pl.when(is_total).then(pl.col(ROW))
    first_total = _per_table(total_rows.min())
    items_above = _per_table(((kind == RowKind.ITEM.value) & (pl.col(ROW) < first_total)).any())
    grand = pl.when(items_above).then(_per_table(total_rows.max())).otherwise(first_total)
    second = kind == RejectReason.SECOND_TABLE.value
    return (
        pl.when(second)
        .then(kind)
        .when((kind != _BLANK) & items_above & (pl.col(ROW) > grand))
        .then(pl.lit(RejectReason.AFTER_TOTAL.value))
        .when(is_total & (pl.col(ROW) != grand))
        .then(pl.lit(RowKind.SUBTOTAL.value))
        .when(kind == _SECTION_SUM)
        .then(pl.lit(RowKind.SUBTOTAL.value))
        .otherwise(kind)
    )


def _segment(kind: pl.Expr, section_sum: pl.Expr) -> pl.Expr:
    """The section each project belongs to, and the one each subtotal sums.

    Sections are delimited by section rows and subtotal rows. A "Cộng" row sums
    the projects above it; a section row carrying sums covers those below it.
    """
    boundary = kind.is_in([RowKind.SUBTOTAL.value, RejectReason.SECTION_HEADING.value]).cast(
        pl.Int64
    )
    before = _per_table(boundary.cum_sum()) - boundary
    return (
        pl.when(kind == RowKind.TOTAL.value)
        .then(pl.lit(None, dtype=pl.Int64))
        .when(section_sum)
        .then(before + 1)
        .otherwise(before)
    )


def _fill_merged_text(grid: Grid, layout: TableLayout, contract: Contract) -> pl.DataFrame:
    """Copy a vertically merged text cell (one approver for five rows) into every row it covers.

    Amount columns are left alone: a merged figure counted on every row would be counted twice.
    """
    text_letters = {layout.fields[c] for c in contract.text_fields if c in layout.fields}
    fills = vertical_merges(grid.merges, layout.body_start, text_letters)
    cells = grid.cells
    for letter, sources in fills.items():
        source_rows = pl.col(ROW).replace_strict(sources, default=None, return_dtype=pl.Int64)
        donors = cells.select(pl.col(ROW).alias("_from"), pl.col(letter).alias("_text"))
        cells = (
            cells.with_columns(_from=source_rows)
            .join(donors, on="_from", how="left", maintain_order="left")
            .with_columns(pl.coalesce(letter, "_text").alias(letter))
            .drop("_from", "_text")
        )
    return cells


def _raw(letter: str, grid: Grid) -> pl.Expr:
    """An amount column's text; an error value (#DIV/0!) from the XML where calamine has none."""
    if not grid.errors:
        return pl.col(letter)
    cell = pl.concat_str(pl.lit(letter), pl.col(ROW).cast(pl.String))
    errors = cell.replace_strict(dict(grid.errors), default=None, return_dtype=pl.String)
    return pl.coalesce(errors, pl.col(letter))


def prepare_body(grid: Grid, layout: TableLayout, contract: Contract) -> pl.DataFrame:
    """One grid's body with its columns named by field, ready to be cut with other tables'.

    A query per grid: batches run it where they read the file, in the worker processes.
    """
    fields = layout.fields
    none = pl.lit(None, dtype=pl.String)
    columns: dict[str, pl.Expr] = {
        name: pl.col(fields[name]) if name in fields else none for name in contract.text_fields
    }
    for amount in contract.amount_columns:
        letter = fields.get(amount.field)
        columns[amount.field] = _raw(letter, grid) if letter else none
    other = [x for x in grid.letters if x not in set(fields.values())]
    keys = [fields[name] for name in _KEYED if name in fields]
    covered = vertical_merges(grid.merges, layout.body_start, set(keys))
    return (
        _fill_merged_text(grid, layout, contract)
        .filter(pl.col(ROW) >= layout.body_start)
        .select(
            ROW,
            **columns,
            **{MERGE_HEAD: merge_head(covered, keys, _blank)},
            _has_other=_any_filled(other),
            _content=content(grid.letters) if _content_early(grid) else pl.lit(None, pl.String),
        )
    )


# A row's content ("A5=...; F5=...") is kept for rejects and totals only. A small sheet
# writes it for every row (one query is cheaper than two); a large one, only for the rows
# that keep it, once the rows are classified (0.2 s saved on 100,000 rows).
_EARLY_CONTENT_ROWS = 5_000


def _content_early(grid: Grid) -> bool:
    return grid.cells.height <= _EARLY_CONTENT_ROWS


def _late_content(
    rows: pl.DataFrame,
    rejects: pl.DataFrame,
    found: list[tuple[Grid, TableLayout]],
    contract: Contract,
) -> tuple[pl.DataFrame, pl.DataFrame]:
    """`rows` and `rejects` with the content of the large tables' rows that keep it."""
    late = [index for index, (grid, _) in enumerate(found) if not _content_early(grid)]
    if not late:
        return rows, rejects
    keep = pl.concat(
        [
            rows.filter(pl.col("row_kind") != RowKind.ITEM.value).select(TABLE_INDEX, ROW),
            rejects.select(TABLE_INDEX, ROW),
        ]
    ).filter(pl.col(TABLE_INDEX).is_in(late))
    filled = pl.concat(
        [
            _fill_merged_text(grid, layout, contract)
            .filter(pl.col(ROW).is_in(keep.filter(pl.col(TABLE_INDEX) == index)[ROW].implode()))
            .select(pl.lit(index, pl.Int64).alias(TABLE_INDEX), ROW, content=content(grid.letters))
            for index in late
            for grid, layout in [found[index]]
        ]
    )
    keys = [TABLE_INDEX, ROW]
    return (
        rows.update(filled, on=keys, how="left", include_nulls=False),
        rejects.update(filled, on=keys, how="left", include_nulls=False),
    )


def _classified(bodies: pl.LazyFrame, contract: Contract, *, merged: bool) -> pl.LazyFrame:
    """Each body row's kind, segment and family; text columns cleaned (once: NFC costs).

    `merged`: some table has a project's key text merged over rows (else none is looked for).
    """
    kinds = (
        bodies.with_columns(**{name: cleaned(name) for name in contract.text_fields})
        .with_columns(**{f"_{c}_key": label_key(c) for c in _KEYED})
        .with_columns(_kind=_kind_expr(contract))
    )
    if merged:
        kinds = _merged_rows(kinds)
    first = pl.col(FIRST if merged else ROW)
    return (
        kinds.with_columns(_kind=_second_table(pl.col("_kind"), contract))
        .with_columns(_kind=_bare_rows(pl.col("_kind")))
        .with_columns(_section_sum=pl.col("_kind") == _SECTION_SUM)
        .with_columns(_kind=_place_totals(pl.col("_kind")))
        .with_columns(_kind=_sub_items(pl.col("_kind"), contract, merged=merged))
        .filter(pl.col("_kind") != _BLANK)
        .with_columns(
            _segment(pl.col("_kind"), pl.col("_section_sum")).alias(SEGMENT),
            _family(pl.col("_kind"), first).alias(FAMILY),
        )
    )


def _merged_rows(kinds: pl.LazyFrame) -> pl.LazyFrame:
    """Rows continuing a project over merged rows are that project's: items starting at its row."""
    return kinds.with_columns(
        continued(pl.col("_kind"), RowKind.ITEM.value, _per_table).alias(CONTINUED)
    ).with_columns(
        _kind=pl.when(CONTINUED).then(pl.lit(RowKind.ITEM.value)).otherwise("_kind"),
        **{FIRST: pl.coalesce(pl.when(CONTINUED).then(pl.col(MERGE_HEAD)), ROW)},
    )


def _letters(found: list[tuple[Grid, TableLayout]], field: str) -> pl.Expr | None:
    """The letter holding `field` in each row's table (null where the table lacks it)."""
    letters = {
        i: layout.fields[field] for i, (_, layout) in enumerate(found) if field in layout.fields
    }
    if not letters:
        return None
    if len(set(letters.values())) == 1 and len(letters) == len(found):
        return pl.lit(next(iter(letters.values())), dtype=pl.String)
    return pl.col(TABLE_INDEX).replace_strict(letters, default=None, return_dtype=pl.String)


def _floats(found: list[tuple[Grid, TableLayout]]) -> pl.LazyFrame | None:
    """The cells holding fractional numbers, by table; None when no table has one."""
    floats = [(index, cell) for index, (grid, _) in enumerate(found) for cell in grid.float_cells]
    if not floats:
        return None
    return pl.LazyFrame(
        floats, schema={TABLE_INDEX: pl.Int64, "cell": pl.String}, orient="row"
    ).with_columns(is_float=pl.lit(value=True))


def contract_enums(contract: Contract) -> tuple[pl.Enum, pl.Enum]:
    """The contract's stages and funding kinds, as the enum types of the amounts frame."""
    return (
        pl.Enum([stage.name for stage in contract.stages]),
        pl.Enum([kind.name for kind in contract.funding_kinds]),
    )


def _long_amounts(
    loaded: pl.LazyFrame,
    contract: Contract,
    found: list[tuple[Grid, TableLayout]],
    *,
    merged: bool = False,
) -> tuple[pl.LazyFrame, pl.LazyFrame | None]:
    """The amount cells of loaded rows, long: one row per cell of a column the table has.

    Each column's letter comes by table number, not by a join; fractional cells are
    joined only when some table has one (most tables hold whole numbers). With `merged`
    rows, a project's column keeps one cell (see `merged_rows`); the others come second.
    """
    stages, funding_kinds = contract_enums(contract)
    parts = [
        loaded.select(
            TABLE_INDEX,
            ROW,
            SEGMENT,
            FAMILY,
            *([FIRST, CONTINUED] if merged else []),
            row_kind=pl.col("_kind").cast(ROW_KINDS),
            stage=pl.lit(a.stage, dtype=stages),
            funding_kind=pl.lit(a.funding_kind, dtype=funding_kinds),
            column=letter,
            raw=pl.col(a.field),
        ).filter(pl.col("column").is_not_null())
        for a in contract.amount_columns
        if (letter := _letters(found, a.field)) is not None
    ]
    if not parts:
        return pl.LazyFrame(schema=_long_schema(stages, funding_kinds)), None
    cells = pl.concat(parts, how="vertical").with_columns(
        cell=pl.concat_str(pl.col("column"), pl.col(ROW).cast(pl.String))
    )
    ambiguous = None
    if merged:
        project_column = [TABLE_INDEX, FIRST, "column"]
        ambiguous = conflicts(cells, ~_blank("raw"), project_column).select(
            TABLE_INDEX, *CONFLICT_SCHEMA
        )
        cells = kept_cells(cells, ~_blank("raw"), project_column)
    floats = _floats(found)
    is_float = pl.col("is_float").fill_null(value=False) if floats is not None else _FALSE
    if floats is not None:
        cells = cells.join(floats, on=[TABLE_INDEX, "cell"], how="left", maintain_order="left")
    return cells.select(
        TABLE_INDEX,
        ROW,
        SEGMENT,
        FAMILY,
        "row_kind",
        "stage",
        "funding_kind",
        "column",
        "cell",
        "raw",
        is_float=is_float,
    ), ambiguous


def _long_schema(stages: pl.Enum, funding_kinds: pl.Enum) -> dict[str, pl.DataType]:
    return {
        TABLE_INDEX: pl.Int64(),
        ROW: pl.Int64(),
        SEGMENT: pl.Int64(),
        FAMILY: pl.Int64(),
        "row_kind": ROW_KINDS,
        "stage": stages,
        "funding_kind": funding_kinds,
        "column": pl.String(),
        "cell": pl.String(),
        "raw": pl.String(),
        "is_float": pl.Boolean(),
    }


def _numbered(bodies: list[pl.DataFrame]) -> pl.DataFrame:
    """The bodies one under another, each row with the number of its table."""
    heights = pl.DataFrame({TABLE_INDEX: range(len(bodies)), "_height": [b.height for b in bodies]})
    # An empty body repeats its number no times: explode makes that a null, dropped here.
    numbers = heights.select(
        pl.col(TABLE_INDEX).cast(pl.Int64).repeat_by("_height").explode().drop_nulls()
    )
    # One chunk per column: string kernels run per chunk, so a thousand small chunks cost
    # more than the rows.
    together = pl.concat(bodies, how="vertical_relaxed", rechunk=True)
    return together.with_columns(numbers.get_column(TABLE_INDEX))


@dataclass(frozen=True)
class Cut:
    """Tables cut together, and all their amount cells in one frame, numbered by `TABLE_INDEX`."""

    tables: list[Table]
    amounts: pl.DataFrame


def extract_tables(found: list[tuple[Grid, TableLayout]], contract: Contract) -> list[Table]:
    """Cut many grids into tables in one polars query (a query costs milliseconds, rows little)."""
    return cut_tables(found, contract).tables


def cut_tables(
    found: list[tuple[Grid, TableLayout]],
    contract: Contract,
    bodies: list[pl.DataFrame] | None = None,
) -> Cut:
    """`extract_tables`, keeping the batch's amounts whole.

    `bodies` are the grids' `prepare_body` frames when already made.
    """
    if not found:
        return Cut([], pl.DataFrame())
    if bodies is None:
        bodies = [prepare_body(grid, layout, contract) for grid, layout in found]
    body_frame = _numbered(bodies)
    merged = body_frame.get_column(MERGE_HEAD).null_count() < body_frame.height
    token = _GROUPED.set(len(found) > 1)
    try:
        body = _classified(body_frame.lazy(), contract, merged=merged).cache()
    finally:
        _GROUPED.reset(token)
    loaded = body.filter(pl.col("_kind").is_in(LOADED_KINDS))
    kind = (
        pl.when(CONTINUED).then(pl.lit(RowKind.CONTINUED.value)).otherwise("_kind")
        if merged
        else pl.col("_kind")
    )
    rows = loaded.select(
        TABLE_INDEX,
        ROW,
        SEGMENT,
        FAMILY,
        kind.alias("row_kind"),
        *contract.text_fields,
        content=pl.when(kind != RowKind.ITEM.value).then(pl.col("_content")),
    )
    rejects = body.filter(~pl.col("_kind").is_in(LOADED_KINDS)).select(
        TABLE_INDEX, ROW, reason=pl.col("_kind"), content=pl.col("_content")
    )
    long, ambiguous = _long_amounts(loaded, contract, found, merged=merged)
    kept, amounts, rejected, *conflicting = pl.collect_all(
        [rows, long, rejects, *([] if ambiguous is None else [ambiguous])]
    )
    frames = [*_late_content(kept, rejected, found, contract), amounts, *conflicting]
    split = [_split(frame, len(found)) for frame in frames]
    tables = [
        Table(grid, layout, split[0][index], split[2][index], split[1][index])
        if not conflicting
        else Table(grid, layout, split[0][index], split[2][index], split[1][index], split[3][index])
        for index, (grid, layout) in enumerate(found)
    ]
    return Cut(tables, amounts)


def _split(frame: pl.DataFrame, count: int) -> list[pl.DataFrame]:
    if count == 1:
        # `drop` is a query, and the streaming engine answers it with a copy of every
        # column (58 MiB of a 100,000-row table's amounts); `drop_in_place` moves nothing.
        kept = frame.clone()
        kept.drop_in_place(TABLE_INDEX)
        return [kept]
    parts = frame.partition_by(TABLE_INDEX, as_dict=True, include_key=False)
    empty = frame.drop(TABLE_INDEX).head(0)
    return [parts.get((index,), empty) for index in range(count)]


def extract_table(grid: Grid, layout: TableLayout, contract: Contract) -> Table:
    """Split the body of `grid` below `layout`'s header into rows, amounts and rejects."""
    return extract_tables([(grid, layout)], contract)[0]
