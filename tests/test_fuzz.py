"""Fuzzing: random workbooks in every layout ictdata reads; what was written is what is loaded.

`nox -s fuzz` runs the same properties for much longer (the "fuzz" hypothesis profile).
"""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

import openpyxl
import polars as pl
import xlsxwriter
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import ictdata
from builders import HEADER_FIXED, KINDS, STAGES
from ictdata.read.numbers import parse_amounts
from ictdata.read.words import parse_words_series

FIELDS = [
    f"{stage}_{kind}"
    for stage in ("estimate", "allocated_before", "allocated_current", "demand_next")
    for kind in ("investment", "recurrent")
]
# Kept short in the test suite; `nox -s fuzz` raises it (ICTDATA_FUZZ_EXAMPLES).
EXAMPLES = int(os.environ.get("ICTDATA_FUZZ_EXAMPLES", "25"))
FUZZ = settings(deadline=None, suppress_health_check=[HealthCheck.too_slow], max_examples=EXAMPLES)


@dataclass(frozen=True)
class Layout:
    top: int
    left: int
    joined: bool
    writer: str
    as_text: bool
    blank_every: int


def vietnamese(value: int) -> str:
    return f"{value:,}".replace(",", ".")


layouts = st.builds(
    Layout,
    top=st.integers(0, 6),
    left=st.integers(0, 3),
    joined=st.booleans(),
    writer=st.sampled_from(["openpyxl", "xlsxwriter"]),
    as_text=st.booleans(),
    blank_every=st.integers(0, 4),
)
amounts = st.lists(st.one_of(st.none(), st.integers(0, 10**9)), min_size=8, max_size=8)
tables = st.lists(amounts, min_size=1, max_size=12)


def _cells(
    layout: Layout, rows: list[list[int | None]]
) -> tuple[dict[tuple[int, int], object], list[int]]:
    """0-based (row, column) → value, and the sheet rows (1-based) the projects land on."""
    cells: dict[tuple[int, int], object] = {(layout.top, layout.left): "Đơn vị tính: triệu VNĐ"}
    header = layout.top + 1
    for index, text in enumerate(HEADER_FIXED):
        cells[(header, layout.left + index)] = text
    for index in range(8):
        stage, kind = STAGES[index // 2], KINDS[index % 2]
        column = layout.left + 5 + index
        if layout.joined:
            cells[(header, column)] = f"{stage} - {kind}"
        else:
            cells[(header, column)] = stage if index % 2 == 0 else None
            cells[(header + 1, column)] = kind
    row = header + (1 if layout.joined else 2)
    placed = []
    for number, values in enumerate(rows, start=1):
        if layout.blank_every and number % layout.blank_every == 0:
            row += 1  # a blank row: addresses must not shift
        cells[(row, layout.left)] = number
        cells[(row, layout.left + 1)] = f"Dự án {number}"
        cells[(row, layout.left + 3)] = "Sở Y tế"
        for index, value in enumerate(values):
            if value is not None:
                cells[(row, layout.left + 5 + index)] = (
                    vietnamese(value) if layout.as_text else value
                )
        placed.append(row + 1)
        row += 1
    return {k: v for k, v in cells.items() if v is not None}, placed


def _write(path: Path, layout: Layout, cells: dict[tuple[int, int], object]) -> None:
    if layout.writer == "xlsxwriter":
        book = xlsxwriter.Workbook(str(path))
        sheet = book.add_worksheet("Bieu 01")
        for (row, column), value in cells.items():
            sheet.write(row, column, value)
        book.close()
        return
    workbook = openpyxl.Workbook()
    worksheet = workbook.active
    assert worksheet is not None
    for (row, column), value in cells.items():
        worksheet.cell(row + 1, column + 1, value)
    workbook.save(path)


@FUZZ
@given(layout=layouts, rows=tables)
def test_what_is_written_is_what_is_loaded(layout: Layout, rows: list[list[int | None]]) -> None:
    cells, placed = _cells(layout, rows)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "fuzz.xlsx"
        _write(path, layout, cells)
        report = ictdata.check(path)
        frame = ictdata.load(path).filter(row_kind="item").sort("row")
    assert report.exit_code in {0, 1}
    assert frame["row"].to_list() == placed
    for field_index, field in enumerate(FIELDS):
        expected = [None if (v := r[field_index]) is None else v * 10**6 for r in rows]
        assert frame[field].to_list() == expected


@settings(max_examples=EXAMPLES * 8, deadline=None)
@given(texts=st.lists(st.one_of(st.none(), st.text(max_size=30)), max_size=50))
def test_the_parsers_never_raise_on_any_text(texts: list[str | None]) -> None:
    frame = pl.DataFrame(
        {"raw": texts, "is_float": [False] * len(texts), "multiplier": [10**6] * len(texts)},
        schema={"raw": pl.String, "is_float": pl.Boolean, "multiplier": pl.Int64},
    )
    parsed = parse_amounts(frame).collect()
    assert parsed.height == len(texts)
    assert set(parsed["number_status"].to_list()) <= {"blank", "ok", "bad", "too-large"}
    words = parse_words_series(pl.Series(texts, dtype=pl.String))
    assert words.height == len(texts)
