"""Grid.is_empty: a sheet with any text is not empty, wherever the text is."""

from __future__ import annotations

import polars as pl
import pytest

from ictdata.read.grid import ROW, Grid


def grid_with(cells: dict[int, str], height: int = 400) -> Grid:
    """A one-column grid of `height` rows, blank but for `cells` (row → text)."""
    return Grid(
        sheet="Sheet1",
        cells=pl.DataFrame(
            {ROW: range(1, height + 1), "A": [cells.get(r) for r in range(1, height + 1)]},
            schema={ROW: pl.Int64, "A": pl.String},
        ),
    )


@pytest.mark.parametrize("row", [1, 50, 51, 400])
def test_text_in_any_row_makes_the_grid_not_empty(row: int) -> None:
    assert not grid_with({row: "Tổng"}).is_empty


def test_white_space_alone_in_every_row_is_empty() -> None:
    assert grid_with({1: " ", 49: "\u00a0", 300: "\t"}).is_empty
    assert grid_with({}).is_empty
