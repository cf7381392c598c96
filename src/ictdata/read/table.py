"""Cut a grid into a contract's table: project rows, the totals row, amounts, rejects.

Everything here is vectorised: a 100,000-row sheet is a handful of polars
expressions, not a Python loop. Nothing is dropped silently: a row that has
content but is not a project or a total is returned in `rejects` with a reason.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

import polars as pl

from ictdata.contracts.model import Contract
from ictdata.read.cells import column_letter
from ictdata.read.grid import ROW, Grid
from ictdata.read.layout import TableLayout

CELL_SEPARATOR = "; "


class RowKind(StrEnum):
    """What a loaded row of the table is.

    A subtotal is a "Cộng" row closing a section, or a section row ("I", "A")
    that carries the sums of the projects under it.
    """

    ITEM = "item"
    TOTAL = "total"
    SUBTOTAL = "subtotal"


LOADED_KINDS = [kind.value for kind in RowKind]
SEGMENT = "segment"


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


REJECT_SCHEMA = {ROW: pl.Int64, "reason": pl.String, "content": pl.String}
_BLANK = "blank"
_SECTION_SUM = "section-sum"
_BARE = "bare"
# "2.1", "a", "a)", "-", "+": the parts of the project above, already counted in its figures.
_SUB_NUMBER = r"^(?:[0-9]+(?:\.[0-9]+)+\.?|[a-zđ][).]?|[-+•*–])$"
_FALSE = pl.lit(value=False)


@dataclass(frozen=True)
class Table:
    """One contract table found in one grid."""

    grid: Grid
    layout: TableLayout
    rows: pl.DataFrame
    amounts: pl.DataFrame
    rejects: pl.DataFrame


def _blank(letter: str) -> pl.Expr:
    return pl.col(letter).is_null() | (pl.col(letter).str.strip_chars().str.len_chars() == 0)


def _clean(letter: str | None) -> pl.Expr:
    if letter is None:
        return pl.lit(None, dtype=pl.String)
    text = pl.col(letter).str.normalize("NFC").str.replace_all(r"\s+", " ").str.strip_chars()
    return pl.when(text.str.len_chars() > 0).then(text)


def content(letters: list[str]) -> pl.Expr:
    """The non-blank cells of a row as "A5=text; B5=text", for rejects."""
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
        .collect()
    )


def _label_key(letter: str | None) -> pl.Expr:
    if letter is None:
        return pl.lit(None, dtype=pl.String)
    return (
        pl.col(letter)
        .str.normalize("NFC")
        .str.to_lowercase()
        .str.replace_all(r"[\s\p{P}]+", " ")
        .str.strip_chars()
    )


def _has_amount(layout: TableLayout, contract: Contract) -> pl.Expr:
    letters = [layout.fields[a.field] for a in contract.amount_columns if a.field in layout.fields]
    return pl.any_horizontal(*[~_blank(x) for x in letters]) if letters else _FALSE


def _kind_expr(layout: TableLayout, contract: Contract, grid: Grid) -> pl.Expr:
    """Classify each body row before position is taken into account."""
    fields = layout.fields
    amount_letters = [fields[a.field] for a in contract.amount_columns if a.field in fields]
    text_letters = [fields[c] for c in contract.text_fields if c in fields]
    mapped = set(amount_letters) | set(text_letters)
    other = [x for x in grid.letters if x not in mapped]
    number, name = fields.get("number"), fields.get("name")
    labels = [" ".join(label.lower().split()) for label in contract.totals_labels]
    is_total = _label_key(number).is_in(labels).fill_null(value=False) | _label_key(name).is_in(
        labels
    ).fill_null(value=False)
    has_amount = (
        pl.any_horizontal(*[~_blank(x) for x in amount_letters]) if amount_letters else _FALSE
    )
    has_text = pl.any_horizontal(*[~_blank(x) for x in text_letters]) if text_letters else _FALSE
    has_other = pl.any_horizontal(*[~_blank(x) for x in other]) if other else _FALSE
    has_number = ~_blank(number) if number else _FALSE
    has_name = ~_blank(name) if name else _FALSE
    section = (
        _clean(number).str.contains(contract.section_numbers.pattern).fill_null(value=False)
        if number
        else _FALSE
    )
    return (
        pl.when(~has_amount & ~has_text & ~has_other)
        .then(pl.lit(_BLANK))
        .when(is_total)
        .then(pl.lit(RowKind.TOTAL.value))
        .when(section & ~has_amount)
        .then(pl.lit(RejectReason.SECTION_HEADING.value))
        .when(section)
        .then(pl.lit(_SECTION_SUM))
        .when(has_amount & ~has_text)
        .then(pl.lit(_BARE))
        .when(has_amount | (has_number & has_name))
        .then(pl.lit(RowKind.ITEM.value))
        .when(has_text)
        .then(pl.lit(RejectReason.NO_AMOUNTS.value))
        .otherwise(pl.lit(RejectReason.OUTSIDE_COLUMNS.value))
    )


def _bare_rows(kind: pl.Expr) -> pl.Expr:
    """A row of figures with no text at all: the totals row when it closes a table that has none."""
    last_row = pl.when(kind != _BLANK).then(pl.col(ROW)).max()
    no_total = ~(kind == RowKind.TOTAL.value).any()
    closing = (kind == _BARE) & (pl.col(ROW) == last_row) & no_total
    return (
        pl.when(closing)
        .then(pl.lit(RowKind.TOTAL.value))
        .when(kind == _BARE)
        .then(pl.lit(RowKind.ITEM.value))
        .otherwise(kind)
    )


def _sub_items(kind: pl.Expr, number: str | None, has_amount: pl.Expr) -> pl.Expr:
    """Rows numbered "2.1", "a", "-" under a project that carries figures are its parts."""
    if number is None:
        return kind
    is_sub = _clean(number).str.contains(_SUB_NUMBER).fill_null(value=False)
    plain = kind.is_in([RowKind.ITEM.value, RowKind.TOTAL.value, RowKind.SUBTOTAL.value])
    parent_has_amount = (
        pl.when(plain & ~is_sub)
        .then((kind == RowKind.ITEM.value) & has_amount)
        .when(kind != _BLANK)
        .then(pl.when(is_sub).then(pl.lit(None, dtype=pl.Boolean)).otherwise(_FALSE))
        .forward_fill()
        .fill_null(value=False)
    )
    detail = (kind == RowKind.ITEM.value) & is_sub & parent_has_amount
    return pl.when(detail).then(pl.lit(RejectReason.SUB_ITEM.value)).otherwise(kind)


def _place_totals(kind: pl.Expr) -> pl.Expr:
    """Decide which totals row is the grand total; the other totals rows are subtotals.

    A totals row above every project heads the table and is the grand total;
    otherwise the last one is, and rows with content below it are rejected.
    """
    is_total = kind == RowKind.TOTAL.value
    total_rows = pl.when(is_total).then(pl.col(ROW))
    first_total = total_rows.min()
    items_above = ((kind == RowKind.ITEM.value) & (pl.col(ROW) < first_total)).any()
    grand = pl.when(items_above).then(total_rows.max()).otherwise(first_total)
    return (
        pl.when((kind != _BLANK) & items_above & (pl.col(ROW) > grand))
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
    before = boundary.cum_sum() - boundary
    return (
        pl.when(kind == RowKind.TOTAL.value)
        .then(pl.lit(None, dtype=pl.Int64))
        .when(section_sum)
        .then(before + 1)
        .otherwise(before)
    )


def _fill_merged_text(grid: Grid, layout: TableLayout, contract: Contract) -> pl.DataFrame:
    """Copy a vertically merged text cell (one approver for five projects) into every row it covers.

    Amount columns are left alone: a merged figure counted on every row would be counted twice.
    """
    text_letters = {layout.fields[c] for c in contract.text_fields if c in layout.fields}
    fills: dict[str, dict[int, int]] = {}
    for merge in grid.merges:
        letter = column_letter(merge.first_column)
        if (
            merge.last_row > merge.first_row
            and merge.first_row >= layout.body_start
            and letter in text_letters
        ):
            rows = fills.setdefault(letter, {})
            rows |= dict.fromkeys(range(merge.first_row + 1, merge.last_row + 1), merge.first_row)
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


def extract_table(grid: Grid, layout: TableLayout, contract: Contract) -> Table:
    """Split the body of `grid` below `layout`'s header into rows, amounts and rejects.

    One lazy query, collected once for all three results: on a small sheet the
    cost of a polars query is mostly the query itself, not the rows.
    """
    body = (
        _fill_merged_text(grid, layout, contract)
        .lazy()
        .filter(pl.col(ROW) >= layout.body_start)
        .with_columns(_kind=_kind_expr(layout, contract, grid))
        .with_columns(_kind=_bare_rows(pl.col("_kind")))
        .with_columns(_section_sum=pl.col("_kind") == _SECTION_SUM)
        .with_columns(_kind=_place_totals(pl.col("_kind")))
        .with_columns(
            _kind=_sub_items(
                pl.col("_kind"), layout.fields.get("number"), _has_amount(layout, contract)
            )
        )
        .filter(pl.col("_kind") != _BLANK)
        .with_columns(_segment(pl.col("_kind"), pl.col("_section_sum")).alias(SEGMENT))
        .cache()
    )
    loaded = body.filter(pl.col("_kind").is_in(LOADED_KINDS))
    rows = loaded.select(
        ROW,
        SEGMENT,
        row_kind=pl.col("_kind"),
        **{name: _clean(layout.fields.get(name)) for name in contract.text_fields},
        content=pl.when(pl.col("_kind") != RowKind.ITEM.value).then(content(grid.letters)),
    )
    rejects = body.filter(~pl.col("_kind").is_in(LOADED_KINDS)).select(
        ROW, reason=pl.col("_kind"), content=content(grid.letters)
    )
    amounts = _amounts(loaded, layout, contract, grid)
    rows_frame, amounts_frame, rejects_frame = pl.collect_all([rows, amounts, rejects])
    return Table(grid, layout, rows_frame, amounts_frame, rejects_frame)


def _amounts(
    loaded: pl.LazyFrame, layout: TableLayout, contract: Contract, grid: Grid
) -> pl.LazyFrame:
    """The amount cells of loaded rows, long: one row per cell, with its address."""
    present = [a for a in contract.amount_columns if a.field in layout.fields]
    if not present:
        return (
            loaded.select(ROW, SEGMENT, row_kind=pl.col("_kind"))
            .head(0)
            .with_columns(
                stage=pl.lit(None, pl.String),
                funding_kind=pl.lit(None, pl.String),
                column=pl.lit(None, pl.String),
                cell=pl.lit(None, pl.String),
                raw=pl.lit(None, pl.String),
                is_float=pl.lit(value=False),
            )
        )
    parts = [
        loaded.select(
            ROW,
            SEGMENT,
            row_kind=pl.col("_kind"),
            stage=pl.lit(a.stage),
            funding_kind=pl.lit(a.funding_kind),
            column=pl.lit(layout.fields[a.field]),
            cell=pl.concat_str(pl.lit(layout.fields[a.field]), pl.col(ROW).cast(pl.String)),
            raw=pl.col(layout.fields[a.field]),
        )
        for a in present
    ]
    long = pl.concat(parts, how="vertical")
    if grid.errors:
        errors = pl.LazyFrame(
            {"cell": list(grid.errors), "_error": list(grid.errors.values())},
            schema={"cell": pl.String, "_error": pl.String},
        )
        long = (
            long.join(errors, on="cell", how="left", maintain_order="left")
            .with_columns(raw=pl.coalesce("_error", "raw"))
            .drop("_error")
        )
    floats = list(grid.float_cells)
    return long.with_columns(
        is_float=pl.col("cell").is_in(floats) if floats else pl.lit(value=False)
    )
