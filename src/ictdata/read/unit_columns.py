"""The columns of unit reports' values, shared by the reader and the checks.

Apart from `read/unit_report.py` so that a check of budget tables alone never
imports the unit-report reader and the unit registry behind it.
"""

from __future__ import annotations

import polars as pl

from ictdata.read.grid import ROW

UNIT_CELL = "_unit"  # the row for the cell naming the unit (see `read/unit_report.py`)
YEAR_CELL = "_year"  # the row for the cell stating the year
META = "meta"  # the kind of those two rows
ENTRY = "entry"  # which unit of a report a value belongs to

VALUE_SCHEMA: dict[str, pl.DataType] = {
    ENTRY: pl.Int64(),
    ROW: pl.Int64(),
    "column": pl.String(),
    "cell": pl.String(),
    "indicator": pl.String(),
    "kind": pl.String(),
    "raw": pl.String(),
    "is_float": pl.Boolean(),
    "scale": pl.Float64(),
    "shown_percent": pl.Boolean(),
    "unit": pl.String(),
    # The ISO code of the currency other than the đồng an amount is stated in ("USD"): such an
    # amount is not loaded (its value is null), it goes to the rejects (`foreign-currency`).
    "currency": pl.String(),
    # The kind of measure ("percent", "count") an amount's stated unit is when it is no money
    # ("%", "người"): such an amount is not loaded either (`unit-contradicts-indicator`).
    "measured_as": pl.String(),
    "unit_name": pl.String(),
    "unit_code": pl.String(),
    "unit_official": pl.String(),
    "suggestions": pl.String(),
    # The validity (ISO 8601 interval) of the registry unit the name names in another period.
    "registered": pl.String(),
    "year": pl.Int64(),
    "report_year": pl.Int64(),
}
