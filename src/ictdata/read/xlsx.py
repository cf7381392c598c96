"""Read .xlsx workbooks: values through calamine (fastexcel), the rest from the XML."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from typing import TypeVar

import fastexcel
import polars as pl

from ictdata import allocator
from ictdata.read.cells import column_letter
from ictdata.read.grid import ROW, Grid
from ictdata.read.legacy import decode_legacy
from ictdata.read.limits import Limits
from ictdata.read.sheet_limits import check_sheet_limits, first_value_row
from ictdata.read.sheet_xml import SheetFacts, scan_sheet, unprefixed
from ictdata.read.styles import percent_styles
from ictdata.read.unreadable import Limit, Overage, UnreadableError, UnreadableReason
from ictdata.read.workbook_xml import full_calc_on_load, sheet_paths

_T = TypeVar("_T")


def read_xlsx(data: bytes) -> tuple[Grid, ...]:
    """Every sheet of the workbook in `data`, each cell at its original address.

    calamine reads the values without holding the GIL; a large workbook's XML is
    scanned for what calamine does not tell while it reads.
    """
    limits = Limits.from_environment()
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            _within_limits(package, limits)
            paths = sheet_paths(package)
            recalc = full_calc_on_load(package)
            percent = percent_styles(package)
            kept, size, placed = _checked_sheets(package, paths, limits)
            loaded = _in_background(lambda: _load(data), size)
            facts = {
                name: _scan(
                    kept.pop(name, b"") or unprefixed(package.read(path)),
                    percent,
                    placed=name in placed,
                )
                for name, path in paths.items()
            }
        found = loaded()
    except UnreadableError:
        raise
    except KeyError as error:
        raise UnreadableError(UnreadableReason.NOT_A_SPREADSHEET, str(error)) from error
    except (zipfile.BadZipFile, EOFError, OSError, ValueError) as error:
        raise UnreadableError(UnreadableReason.CORRUPT, str(error)) from error
    except Exception as error:  # fastexcel raises its own hierarchy
        raise UnreadableError(UnreadableReason.CORRUPT, str(error)) from error
    grids = []
    while found:  # each sheet's calamine cells are let go once they are a frame
        grids.append(_grid(found.pop(0), facts, recalc=recalc))
    if size >= _RELEASE_BYTES:
        allocator.release_c_heap()
    return tuple(grids)


# Below this much sheet XML, a thread costs more than the overlap saves.
_BACKGROUND_BYTES = 1 << 20
# Past this much sheet XML, calamine's freed cells are handed back to the kernel after reading.
_RELEASE_BYTES = 8 << 20
# Sheet XML kept between the limit check and the scan; past it, a sheet is inflated twice
# rather than a workbook of many sheets held whole.
_KEPT_BYTES = 64 << 20


def _checked_sheets(
    package: zipfile.ZipFile, paths: dict[str, str], limits: Limits
) -> tuple[dict[str, bytes], int, set[str]]:
    """Check every sheet against `limits` before calamine reads any.

    Returns the sheets' XML that fits `_KEPT_BYTES` (for the scan), the XML's total size,
    and the names of the sheets whose cells calamine places itself (one has no reference).
    """
    kept: dict[str, bytes] = {}
    size = 0
    placed: set[str] = set()
    for name, path in paths.items():
        xml = unprefixed(package.read(path))
        try:
            placed_by_calamine = check_sheet_limits(xml, limits)
        except UnreadableError as error:
            error.sheet = name
            raise
        if placed_by_calamine:
            placed.add(name)
        if size + len(xml) <= _KEPT_BYTES:
            kept[name] = xml
        size += len(xml)
    return kept, size, placed


def _scan(xml: bytes, percent: frozenset[int], *, placed: bool) -> SheetFacts:
    """`scan_sheet`; where calamine placed cells itself, its first value row is found as it does."""
    facts = scan_sheet(xml, percent)
    return replace(facts, first_value_row=first_value_row(xml)) if placed else facts


def _in_background(job: Callable[[], _T], size: int) -> Callable[[], _T]:
    """Start `job` in a thread when `size` bytes are worth it; call the result to wait for it."""
    if size < _BACKGROUND_BYTES:
        done = job()
        return lambda: done
    pool = ThreadPoolExecutor(max_workers=1)
    future = pool.submit(job)
    pool.shutdown(wait=False)
    return future.result


def _load(data: bytes) -> list[tuple[str, fastexcel.ExcelSheet]]:
    """Every sheet's cells as text, by calamine (which releases the GIL as it reads)."""
    reader = fastexcel.read_excel(data)
    found = []
    for name in reader.sheet_names:
        try:
            found.append((name, reader.load_sheet(name, header_row=None, dtypes="string")))
        except Exception as error:
            note = f"{name}: {error}"
            raise UnreadableError(UnreadableReason.CORRUPT, note, sheet=name) from error
    return found


def _within_limits(package: zipfile.ZipFile, limits: Limits) -> None:
    """Refuse a zip bomb or a workbook of thousands of sheets before anything is inflated."""
    unpacked = sum(info.file_size for info in package.infolist())
    if unpacked > limits.unpacked_bytes:
        found, limit = unpacked // 2**20, limits.unpacked_bytes // 2**20
        note = f"{found} MiB unpacked, limit {limit} MiB"
        over = Overage(Limit.UNPACKED_MIB, found, limit)
        raise UnreadableError(UnreadableReason.TOO_LARGE, note, over=over)
    sheets = sum(1 for name in package.namelist() if name.startswith("xl/worksheets/sheet"))
    if sheets > limits.sheets:
        note = f"{sheets} sheets, limit {limits.sheets}"
        over = Overage(Limit.SHEETS, sheets, limits.sheets)
        raise UnreadableError(UnreadableReason.TOO_LARGE, note, over=over)


def _grid(
    loaded: tuple[str, fastexcel.ExcelSheet], all_facts: dict[str, SheetFacts], *, recalc: bool
) -> Grid:
    name, sheet = loaded
    facts = all_facts.get(name) or SheetFacts((), {}, frozenset(), {}, None)
    try:
        frame = sheet.to_polars()
    except Exception as error:
        raise UnreadableError(UnreadableReason.CORRUPT, f"{name}: {error}", sheet=name) from error
    letters = {info.name: column_letter(info.absolute_index) for info in sheet.available_columns()}
    first_row = facts.first_value_row or 1
    # Renamed and numbered in place: as queries, the streaming engine would copy every cell.
    frame.columns = [letters[name] for name in frame.columns]
    rows = pl.int_range(first_row, first_row + frame.height, dtype=pl.Int64, eager=True)
    cells, legacy = decode_legacy(frame.insert_column(0, rows.alias(ROW)))
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
