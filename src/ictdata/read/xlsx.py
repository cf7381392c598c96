"""Read .xlsx workbooks: values through calamine (fastexcel), the rest from the XML."""

from __future__ import annotations

import io
import re
import zipfile

import fastexcel
import polars as pl

from ictdata.read.cells import column_index, column_letter
from ictdata.read.grid import ROW, Grid
from ictdata.read.legacy import decode_legacy
from ictdata.read.limits import Limits
from ictdata.read.sheet_xml import SheetFacts, scan_sheet
from ictdata.read.styles import percent_styles
from ictdata.read.unreadable import UnreadableError, UnreadableReason
from ictdata.read.workbook_xml import full_calc_on_load, sheet_paths


def read_xlsx(data: bytes) -> tuple[Grid, ...]:
    """Every sheet of the workbook in `data`, each cell at its original address."""
    limits = Limits.from_environment()
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            _within_limits(package, limits)
            paths = sheet_paths(package)
            recalc = full_calc_on_load(package)
            percent = percent_styles(package)
            facts = {
                name: _scanned(package.read(path), limits, percent) for name, path in paths.items()
            }
        reader = fastexcel.read_excel(data)
    except UnreadableError:
        raise
    except KeyError as error:
        raise UnreadableError(UnreadableReason.NOT_A_SPREADSHEET, str(error)) from error
    except (zipfile.BadZipFile, EOFError, OSError, ValueError) as error:
        raise UnreadableError(UnreadableReason.CORRUPT, str(error)) from error
    except Exception as error:  # fastexcel raises its own hierarchy
        raise UnreadableError(UnreadableReason.CORRUPT, str(error)) from error
    return tuple(_grid(reader, name, facts.get(name), recalc=recalc) for name in reader.sheet_names)


def _within_limits(package: zipfile.ZipFile, limits: Limits) -> None:
    """Refuse a zip bomb or a workbook of thousands of sheets before anything is inflated."""
    unpacked = sum(info.file_size for info in package.infolist())
    if unpacked > limits.unpacked_bytes:
        note = f"{unpacked // 2**20} MiB unpacked, limit {limits.unpacked_bytes // 2**20} MiB"
        raise UnreadableError(UnreadableReason.TOO_LARGE, note)
    sheets = sum(1 for name in package.namelist() if name.startswith("xl/worksheets/sheet"))
    if sheets > limits.sheets:
        raise UnreadableError(UnreadableReason.TOO_LARGE, f"{sheets} sheets, limit {limits.sheets}")


def _scanned(xml: bytes, limits: Limits, percent: frozenset[int] = frozenset()) -> SheetFacts:
    _cells_within_limits(xml, limits)
    return scan_sheet(xml, percent)


def _cells_within_limits(xml: bytes, limits: Limits) -> None:
    """Refuse a sheet whose cells, or whose used range, exceed the limits.

    calamine allocates the whole used range: one cell at XFD1048576 is a
    request for 17 billion cells, which aborts the process. The range is
    bounded from the last row and the widest column reference, found cheaply.
    """
    cells = xml.count(b"<c ") + xml.count(b"<c>")
    if cells > limits.cells:
        raise UnreadableError(UnreadableReason.TOO_LARGE, f"{cells} cells, limit {limits.cells}")
    columns = _widest_column(xml)
    if columns > limits.columns:
        note = f"a cell in column {columns}, limit {limits.columns} columns"
        raise UnreadableError(UnreadableReason.TOO_LARGE, note)
    rows = max((int(m) for m in _ROW_NUMBER.findall(xml)), default=0)  # rows may come in any order
    if rows * columns > limits.cells:
        note = f"a used range of {rows} rows by {columns} columns, limit {limits.cells} cells"
        raise UnreadableError(UnreadableReason.TOO_LARGE, note)


def _widest_column(xml: bytes) -> int:
    """The widest column any cell names (an upper bound of 26 when no name has two letters)."""
    for pattern in (_THREE_LETTERS, _TWO_LETTERS):
        if pattern.search(xml):
            return max(column_index(m.decode()) + 1 for m in pattern.findall(xml))
    return 26


# An r="..." attribute anywhere (not ref="..."): cells name letters then digits, rows digits.
# XML puts white space before every attribute; the pattern starts with the literal `r="`
# and looks back for that space, so the search skips ahead by the literal (6x faster
# on a 100,000-row sheet than a leading word boundary).
_ATTRIBUTE = rb'r="(?<=\sr=")'
_THREE_LETTERS = re.compile(_ATTRIBUTE + rb"([A-Z]{3})[0-9]")
_TWO_LETTERS = re.compile(_ATTRIBUTE + rb"([A-Z]{2})[0-9]")
_ROW_NUMBER = re.compile(_ATTRIBUTE + rb'([0-9]+)"')


def _grid(
    reader: fastexcel.ExcelReader, name: str, facts: SheetFacts | None, *, recalc: bool
) -> Grid:
    try:
        sheet = reader.load_sheet(name, header_row=None, dtypes="string")
        frame = sheet.to_polars()
    except Exception as error:
        raise UnreadableError(UnreadableReason.CORRUPT, f"{name}: {error}") from error
    facts = facts or SheetFacts((), {}, frozenset(), {}, None)
    letters = {info.name: column_letter(info.absolute_index) for info in sheet.available_columns()}
    first_row = facts.first_value_row or 1
    cells, legacy = decode_legacy(
        frame.rename(letters).select(
            pl.int_range(first_row, first_row + frame.height, dtype=pl.Int64).alias(ROW),
            *[pl.col(letter) for letter in letters.values()],
        )
    )
    return Grid(
        sheet=name,
        cells=cells,
        float_cells=facts.float_cells,
        percent_cells=facts.percent_cells,
        formulas=facts.formulas,
        errors=facts.errors,
        merges=facts.merges,
        full_calc_on_load=recalc,
        legacy_cells=tuple(legacy),
    )
