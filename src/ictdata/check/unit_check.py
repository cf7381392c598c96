"""Unit reports of a batch as one frame, ready for one pandera validation."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import polars as pl

from ictdata.check.rules import TABLE
from ictdata.contracts.model import UnitReportContract
from ictdata.read.unit_columns import ENTRY, VALUE_SCHEMA

if TYPE_CHECKING:
    from ictdata.check.reading import FileWork

_REPORT = "_report"  # which report of the batch a value is from, while numbers are read
UNIT_VALUES_SCHEMA: dict[str, pl.DataType] = {
    TABLE: pl.Int64(),
    "file": pl.String(),
    "sheet": pl.String(),
    "form": pl.String(),
    **{name: dtype for name, dtype in VALUE_SCHEMA.items() if name != ENTRY},
    "value": pl.Float64(),
    "number_status": pl.String(),
    "label": pl.String(),
    "multiplier": pl.Int64(),
}


def unit_values(work: Sequence[FileWork], contract: UnitReportContract | None) -> pl.DataFrame:
    """Every value of every unit report in `work`, each unit of each report with its own `table`.

    `label` is the indicator's name as people know it (the contract's first alias), for
    messages; `multiplier` is 1: values are already in their indicator's unit.
    """
    if contract is None:
        return pl.DataFrame(schema=UNIT_VALUES_SCHEMA)
    labels = {i.name: i.aliases[0] for i in contract.indicators}
    frames: list[pl.DataFrame] = []
    offset = 0
    for item in work:
        for report in item.unit_reports:
            values = report.values
            frames.append(
                values.with_columns(
                    (pl.col(ENTRY) + offset).alias(TABLE),
                    pl.lit(len(frames), dtype=pl.Int64).alias(_REPORT),
                    file=pl.lit(item.path),
                    sheet=pl.lit(report.sheet, dtype=pl.String),
                    form=pl.lit(report.form),
                    label=pl.col("indicator").replace_strict(labels, default=None),
                )
            )
            offset += values.get_column(ENTRY).n_unique()
    if not frames:
        return pl.DataFrame(schema=UNIT_VALUES_SCHEMA)
    # The unit-report reader only when there are unit reports (see read/unit_columns.py).
    from ictdata.read.unit_report import parse_values  # noqa: PLC0415

    parsed = parse_values(pl.concat(frames, how="vertical_relaxed"), contract, _REPORT)
    columns = [pl.col(name).cast(dtype) for name, dtype in UNIT_VALUES_SCHEMA.items()]
    # Values are in their indicator's unit already: nothing to multiply.
    return parsed.with_columns(multiplier=pl.lit(1, dtype=pl.Int64)).select(columns)
