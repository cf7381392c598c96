"""One unit reported twice in a batch: judged once every file's own checks are known.

The same unit (same registry code; by its normalised name when it is not in the registry)
may report the same year twice: a resubmission beside the original, a copy in another
folder, the consolidated sheet beside the unit's own report, or two rows of one sheet. A
report whose file fails its own checks is out of the roll-up already, so only reports of
files without errors are compared. Of those, the earliest in the batch's order (file path,
then sheet and row) is kept. A later report's values that an earlier one already gives are
duplicates: they go to the rejects (`duplicate-unit`), never to the roll-up; when one of
them differs, the later report is a `duplicate-unit-report` error, since nobody can tell
which figure is right. The same figures again raise nothing: a consolidated sheet copied
from the units' own reports is the normal case, and counted once it cannot move the
province's figures.
"""

from __future__ import annotations

from collections.abc import Collection

import polars as pl

from ictdata.check.rules import TABLE
from ictdata.check.unit_rules import COMPARED, OCCURRENCE, UNIT_KEY, earliest
from ictdata.contracts.model import UnitReportContract
from ictdata.units.registry import Registry, load_registry

# A report's place in the batch: its file's rank in path order, then its entry's number.
_FILE_STEP = 1 << 32


def _unit_key(frame: pl.DataFrame, registry: Registry) -> pl.Expr:
    """`code:227` for a registered unit; `name:<key>` (the registry's key) for another."""
    unknown = frame.filter(pl.col("unit_code").is_null()).get_column("unit_name")
    keys = {name: f"name:{registry.rules.key(name)}" for name in unknown.drop_nulls().unique()}
    by_name = pl.col("unit_name").replace_strict(keys, default=None, return_dtype=pl.String)
    return pl.coalesce(pl.concat_str(pl.lit("code:"), pl.col("unit_code")), by_name)


def prepare(
    frame: pl.DataFrame, contract: UnitReportContract, invalid: Collection[str]
) -> pl.DataFrame:
    """`frame` with what the batch rules read.

    Its unit key, occurrence and whether it is compared, then the earliest report's value of
    each unit, year and indicator and `duplicate` on the later ones (`unit_rules.earliest`).
    """
    file_rank = pl.col("file").rank("dense").cast(pl.Int64)
    keyed = frame.with_columns(
        _unit_key(frame, load_registry(contract.registry)).alias(UNIT_KEY),
        (file_rank * _FILE_STEP + pl.col(TABLE)).alias(OCCURRENCE),
        (~pl.col("file").is_in(list(invalid))).alias(COMPARED),
    )
    return keyed.with_columns(**earliest())
