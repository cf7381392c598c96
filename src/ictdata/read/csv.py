"""Read CSV exports: UTF-8 with or without BOM, comma, semicolon or tab separated."""

from __future__ import annotations

import csv
import io
import statistics

import polars as pl

from ictdata.read.cells import column_letter
from ictdata.read.grid import ROW, Grid
from ictdata.read.legacy import decode_legacy
from ictdata.read.unreadable import UnreadableError, UnreadableReason

_SEPARATORS = ",;\t"
_SNIFF_CHARS = 20_000
_SNIFF_LINES = 50


def read_csv(data: bytes) -> Grid:
    """The CSV file in `data` as one grid; row numbers are record numbers, as spreadsheets show."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise UnreadableError(UnreadableReason.NOT_UTF8, str(error)) from error
    # Old Mac exports end lines with a lone CR; mixed endings happen too.
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    separator = _separator(text[:_SNIFF_CHARS])
    frame = _fast(text, separator)
    if frame is None:
        frame = _tolerant(text, separator)
    letters = {name: column_letter(i) for i, name in enumerate(frame.columns)}
    cells, legacy = decode_legacy(
        frame.rename(letters).select(
            pl.int_range(1, frame.height + 1, dtype=pl.Int64).alias(ROW), *letters.values()
        )
    )
    return Grid(sheet=None, cells=cells, legacy_cells=tuple(legacy))


def _separator(sample: str) -> str:
    """The separator that splits a typical line of the sample into the most fields.

    Counted with quoting respected and by the median line, so that commas inside
    numbers ("1.092,5" in a Vietnamese-locale export, which separates with ";")
    or a title line do not decide it.
    """
    lines = [line for line in sample.split("\n")[:_SNIFF_LINES] if line.strip()] or [sample]

    def typical_width(separator: str) -> float:
        return statistics.median(len(record) for record in csv.reader(lines, delimiter=separator))

    return max(_SEPARATORS, key=typical_width)


def _fast(text: str, separator: str) -> pl.DataFrame | None:
    """Polars' reader, when no record is wider than the widest near the top.

    Polars takes its width from the first record, and a title line is narrower
    than the table under it: an empty record as wide as the widest of the sample
    goes first, and is dropped after. A wider record further down raises, and
    the tolerant reader takes over.
    """
    sample = csv.reader(io.StringIO(text[:_SNIFF_CHARS]), delimiter=separator)
    width = max((len(record) for record in sample), default=0)
    lead = separator * (width - 1) + "\n" if width > 1 else ""
    try:
        frame = pl.read_csv(
            io.StringIO(lead + text),
            has_header=False,
            infer_schema=False,
            separator=separator,
            raise_if_empty=False,
        )
    except pl.exceptions.ComputeError:
        return None
    return frame.slice(1) if lead else frame


def _tolerant(text: str, separator: str) -> pl.DataFrame:
    """The standard library's reader, padding ragged records so nothing is cut off."""
    records = list(csv.reader(io.StringIO(text, newline=""), delimiter=separator))
    width = max((len(record) for record in records), default=0)
    columns = {
        f"column_{i}": [
            record[i] if i < len(record) and record[i] != "" else None for record in records
        ]
        for i in range(width)
    }
    return pl.DataFrame(columns, schema=dict.fromkeys(columns, pl.String))
