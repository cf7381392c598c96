"""The peers' way to do the same job, run in their own environment (pandas installed there).

python peers.py pandera FILE...    pandas.read_excel + pandera (pandas backend) totals check
python peers.py polars FILE...     fastexcel + the same checks as one polars select, no pandera
"""

from __future__ import annotations

import contextlib
import sys


def _pandera(paths: list[str]) -> None:
    import pandas as pd
    import pandera.pandas as pa

    for path in paths:
        if path.endswith(".csv"):
            frame = pd.read_csv(path, header=None, skiprows=4)
        else:
            frame = pd.read_excel(path, header=None, skiprows=4)
        amounts = frame.iloc[:, 5:13].apply(pd.to_numeric, errors="coerce")
        items, total = amounts.iloc[:-1], amounts.iloc[-1]
        schema = pa.DataFrameSchema(
            checks=[pa.Check(lambda df, t=total: (df.sum() == t.fillna(0)).all(), name="total")]
        )
        with contextlib.suppress(pa.errors.SchemaErrors):
            schema.validate(items, lazy=True)


def _polars(paths: list[str]) -> None:
    import fastexcel
    import polars as pl

    for path in paths:
        reader = fastexcel.read_excel(path)
        frame = reader.load_sheet(0, header_row=None, skip_rows=4).to_polars()
        amounts = frame.select(pl.nth(range(5, 13)).cast(pl.Float64, strict=False))
        items = amounts.head(amounts.height - 1)
        total = amounts.tail(1)
        items.select([pl.col(c).sum() == total[c][0] for c in items.columns])


if __name__ == "__main__":
    {"pandera": _pandera, "polars": _polars}[sys.argv[1]](sys.argv[2:])
