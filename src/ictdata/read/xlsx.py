"""Read .xlsx workbooks: values through calamine (fastexcel), the rest from the XML."""

from __future__ import annotations

import io
import zipfile

import fastexcel
import polars as pl

from ictdata.read.cells import column_letter
from ictdata.read.grid import ROW, Grid
from ictdata.read.sheet_xml import SheetFacts, scan_sheet
from ictdata.read.unreadable import UnreadableError, UnreadableReason
from ictdata.read.workbook_xml import full_calc_on_load, sheet_paths


def read_xlsx(data: bytes) -> tuple[Grid, ...]:
    """Every sheet of the workbook in `data`, each cell at its original address."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            paths = sheet_paths(package)
            recalc = full_calc_on_load(package)
            facts = {name: scan_sheet(package.read(path)) for name, path in paths.items()}
        reader = fastexcel.read_excel(data)
    except KeyError as error:
        raise UnreadableError(UnreadableReason.NOT_A_SPREADSHEET, str(error)) from error
    except (zipfile.BadZipFile, EOFError, OSError, ValueError) as error:
        raise UnreadableError(UnreadableReason.CORRUPT, str(error)) from error
    except Exception as error:  # fastexcel raises its own hierarchy
        raise UnreadableError(UnreadableReason.CORRUPT, str(error)) from error
    return tuple(_grid(reader, name, facts.get(name), recalc=recalc) for name in reader.sheet_names)


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
    cells = frame.rename(letters).select(
        pl.int_range(first_row, first_row + frame.height, dtype=pl.Int64).alias(ROW),
        *[pl.col(letter) for letter in letters.values()],
    )
    return Grid(
        sheet=name,
        cells=cells,
        float_cells=facts.float_cells,
        formulas=facts.formulas,
        errors=facts.errors,
        merges=facts.merges,
        full_calc_on_load=recalc,
    )
