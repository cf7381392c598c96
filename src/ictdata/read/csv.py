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
_SNIFF_BYTES = 20_000
_BOM = "\ufeff".encode()
_SNIFF_LINES = 50


def read_csv(data: bytes) -> Grid:
    """The CSV file in `data` as one grid; row numbers are record numbers, as spreadsheets show.

    The bytes go to polars as they are (a 100,000-row file decoded and its line ends
    replaced as text took 0.1 s more); Python decodes them only when polars cannot read them.
    """
    body = _lines(data.removeprefix(_BOM))
    sample = body[:_SNIFF_BYTES].decode("utf-8", errors="ignore")
    separator = _separator(sample)
    frame = _fast(body, sample, separator)
    if frame is None:
        frame = _tolerant(_text(body), separator)
    letters = {name: column_letter(i) for i, name in enumerate(frame.columns)}
    cells, legacy = decode_legacy(
        frame.rename(letters).select(
            pl.int_range(1, frame.height + 1, dtype=pl.Int64).alias(ROW), *letters.values()
        )
    )
    return Grid(sheet=None, cells=cells, legacy_cells=tuple(legacy))


def _lines(data: bytes) -> bytes:
    """`data` with every line ending in LF (old Mac exports end lines with a lone CR; some mix)."""
    if b"\r" not in data:
        return data
    return data.replace(b"\r\n", b"\n").replace(b"\r", b"\n")


def _text(body: bytes) -> str:
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError as error:
        raise UnreadableError(UnreadableReason.NOT_UTF8, str(error)) from error


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


def _fast(body: bytes, sample: str, separator: str) -> pl.DataFrame | None:
    """Polars' reader, when no record is wider than the widest near the top.

    Polars takes its width from the first record, and a title line is narrower
    than the table under it: an empty record as wide as the widest of the sample
    goes first, and is dropped after. A wider record further down, or bytes that
    are not UTF-8, raise, and the tolerant reader takes over.
    """
    width = max(
        (len(record) for record in csv.reader(io.StringIO(sample), delimiter=separator)), default=0
    )
    lead = (separator * (width - 1) + "\n").encode() if width > 1 else b""
    try:
        frame = pl.read_csv(
            lead + body,
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
