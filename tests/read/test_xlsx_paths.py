"""read_xlsx gives the same grids whichever way it schedules its work.

A large workbook is read by calamine in a thread while its XML is scanned; a
workbook of much XML is inflated twice rather than held whole. Both are
decided by size, so here they are forced on small files and compared.
"""

from __future__ import annotations

import platform
from pathlib import Path

import fastexcel
import pytest

from ictdata import allocator
from ictdata.read import xlsx
from ictdata.read.grid import Grid
from ictdata.read.unreadable import UnreadableError

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"
WORKBOOKS = [
    "valid/seed_budget.xlsx",
    "valid/seed_budget_two_sheets.xlsx",
    "valid/seed_budget_offset.xlsx",
    "valid/seed_budget_formulas_cached.xlsx",
    "broken/formula_uncached_xlsxwriter.xlsx",
    "broken/stale_formula.xlsx",
]


def facts(grids: tuple[Grid, ...]) -> list[tuple[object, ...]]:
    return [
        (
            g.sheet,
            g.cells.rows(),
            g.float_cells,
            dict(g.formulas),
            dict(g.errors),
            g.merges,
            g.full_calc_on_load,
            g.legacy_cells,
        )
        for g in grids
    ]


@pytest.mark.parametrize("name", WORKBOOKS)
def test_background_and_inline_reads_agree(name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    data = (FIXTURES / name).read_bytes()
    inline = facts(xlsx.read_xlsx(data))
    monkeypatch.setattr(xlsx, "_BACKGROUND_BYTES", 0)
    assert facts(xlsx.read_xlsx(data)) == inline


@pytest.mark.parametrize("name", WORKBOOKS)
def test_sheets_inflated_twice_read_as_sheets_kept(
    name: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = (FIXTURES / name).read_bytes()
    kept = facts(xlsx.read_xlsx(data))
    monkeypatch.setattr(xlsx, "_KEPT_BYTES", 0)
    assert facts(xlsx.read_xlsx(data)) == kept


@pytest.mark.parametrize(("release_bytes", "released"), [(0, 1), (1 << 40, 0)])
def test_a_large_workbook_hands_the_c_heap_back_after_reading(
    release_bytes: int, released: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = (FIXTURES / "valid/seed_budget.xlsx").read_bytes()
    read = facts(xlsx.read_xlsx(data))
    calls: list[None] = []
    monkeypatch.setattr(xlsx, "_RELEASE_BYTES", release_bytes)
    monkeypatch.setattr(allocator, "release_c_heap", lambda: calls.append(None))
    assert facts(xlsx.read_xlsx(data)) == read
    assert len(calls) == released


def test_releasing_the_c_heap_keeps_what_is_in_use() -> None:
    if platform.libc_ver()[0] == "glibc":
        assert allocator._malloc_trim() is not None
    data = (FIXTURES / "valid/seed_budget.xlsx").read_bytes()
    read = facts(xlsx.read_xlsx(data))
    allocator.release_c_heap()
    assert facts(xlsx.read_xlsx(data)) == read


def test_a_corrupt_sheet_read_in_the_background_is_unreadable(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(xlsx, "_BACKGROUND_BYTES", 0)
    monkeypatch.setattr(fastexcel, "read_excel", _refuse)
    data = (FIXTURES / "valid/seed_budget.xlsx").read_bytes()
    with pytest.raises(UnreadableError):
        xlsx.read_xlsx(data)


def _refuse(_: bytes) -> None:
    msg = "calamine could not read the workbook"
    raise ValueError(msg)
