"""The unit-report marts: values, the province roll-up, and the plan's targets beside it.

`unit_indicators` holds every value read, `province_indicators` the roll-up the contract
declares, `target_progress` the targets of schemas/targets/ beside the actual values.

The roll-up counts each registered unit once per year and indicator (the first value in
file, sheet and cell order; a later report's values are rejects, `duplicate-unit`) and
leaves out files with errors: a report that fails its checks does not move the province's
figures. Values are Float64: percentages carry decimals, and
counts and amounts in triệu đồng are exact in a double up to 2^53.
"""

from __future__ import annotations

from datetime import date

import polars as pl

from ictdata.check.issue import FileStatus
from ictdata.check.runner import Batch
from ictdata.check.unit_rules import DUPLICATE
from ictdata.contracts.model import RollupIndicator, UnitReportContract
from ictdata.contracts.targets import load_targets
from ictdata.contracts.unit_load import AMOUNT, load_unit_contract
from ictdata.read.grid import ROW
from ictdata.read.numbers import UNREADABLE, NumberStatus
from ictdata.read.table import RejectReason
from ictdata.read.unit_columns import META
from ictdata.text import key
from ictdata.units.registry import Registry, load_registry

UNIT_INDICATORS_SCHEMA: dict[str, pl.DataType] = {
    "unit_code": pl.String(),
    "unit_name": pl.String(),
    "year": pl.Int64(),
    "indicator": pl.String(),
    "value": pl.Float64(),
    "unit": pl.String(),
    "value_vnd": pl.Int64(),  # a money indicator's value in integer đồng (null for the others)
    "file": pl.String(),
    "sheet": pl.String(),
    "cell": pl.String(),
}
PROVINCE_INDICATORS_SCHEMA: dict[str, pl.DataType] = {
    "province_code": pl.String(),
    "year": pl.Int64(),
    "indicator": pl.String(),
    "value": pl.Float64(),
    "unit": pl.String(),
    "numerator": pl.Float64(),
    "denominator": pl.Float64(),
    "units_reporting": pl.Int64(),
}
TARGET_PROGRESS_SCHEMA: dict[str, pl.DataType] = {
    "year": pl.Int64(),
    "indicator": pl.String(),
    "target": pl.Float64(),
    "actual": pl.Float64(),
    "actual_year": pl.Int64(),
    "gap": pl.Float64(),
}
PERCENT_DECIMALS = 1
_ROLLED_UP = ("unit_code", "year", "indicator")


def _typed(frame: pl.DataFrame, schema: dict[str, pl.DataType]) -> pl.DataFrame:
    return frame.select([pl.col(name).cast(dtype) for name, dtype in schema.items()])


def unit_indicators(batch: Batch) -> pl.DataFrame:
    """The `unit_indicators` mart: one row per value read from a unit report."""
    frame = batch.unit_values
    if frame.is_empty():
        return pl.DataFrame(schema=UNIT_INDICATORS_SCHEMA)
    values = frame.filter(
        pl.col("kind") != META, pl.col("number_status") == NumberStatus.OK.value, ~_duplicate(frame)
    ).sort("file", "sheet", ROW, pl.col("column").str.len_chars(), "column", nulls_last=False)
    return _typed(
        values.with_columns(
            unit_name=pl.coalesce("unit_official", "unit_name"), value_vnd=_in_dong(batch)
        ),
        UNIT_INDICATORS_SCHEMA,
    )


def _in_dong(batch: Batch) -> pl.Expr:
    """A money indicator's value (in its unit, `triệu đồng`) as integer đồng.

    From `value`, read to three decimals of the unit the report states (`read.unit_report`):
    `50,5555` triệu is 50.556.000 đồng. Exact to the đồng would need the text parsed again.
    """
    contract = _contract(batch)
    if contract is None:
        return pl.lit(None, dtype=pl.Int64)
    multipliers = {name: contract.money_units.get(key(name)) for name in _units_of(contract)}
    scale = pl.col("unit").replace_strict(multipliers, default=None, return_dtype=pl.Int64)
    money = pl.col("kind") == AMOUNT
    return pl.when(money).then((pl.col("value") * scale).round().cast(pl.Int64))


def _units_of(contract: UnitReportContract) -> set[str]:
    return {indicator.unit for indicator in contract.indicators if indicator.kind == AMOUNT}


def _duplicate(frame: pl.DataFrame) -> pl.Expr:
    """Values an earlier report of the same unit and year gave (`check.unit_duplicates`)."""
    return pl.col(DUPLICATE) if DUPLICATE in frame.columns else pl.lit(value=False)


def unit_rejects(batch: Batch) -> pl.DataFrame:
    """Unit-report values left out: unreadable (`bad-number`) or given twice (`duplicate-unit`).

    An amount in a currency other than the đồng is left out too (`foreign-currency`), as is
    one whose unit is a percentage's or a count's (`unit-contradicts-indicator`).
    """
    frame = batch.unit_values
    if frame.is_empty():
        return pl.DataFrame()
    reason = (
        pl.when(pl.col("currency").is_not_null())
        .then(pl.lit(RejectReason.FOREIGN_CURRENCY.value))
        .when(pl.col("measured_as").is_not_null())
        .then(pl.lit(RejectReason.UNIT_CONTRADICTS_INDICATOR.value))
        .when(pl.col("number_status").is_in(UNREADABLE))
        .then(pl.lit(RejectReason.BAD_NUMBER.value))
        .when(_duplicate(frame))
        .then(pl.lit(RejectReason.DUPLICATE_UNIT.value))
    )
    return (
        frame.with_columns(reason=reason)
        .filter(pl.col("reason").is_not_null())
        .select(
            source_file=pl.col("file"),
            sheet=pl.col("sheet"),
            row=pl.col(ROW),
            reason=pl.col("reason"),
            content=pl.concat_str(pl.col("cell"), pl.lit("="), pl.col("raw")),
        )
    )


def usable(batch: Batch) -> pl.DataFrame:
    """The values the roll-up uses: of registered units, from files without errors, each once."""
    invalid = [r.path for r in batch.report.files if r.status is not FileStatus.VALID]
    return (
        unit_indicators(batch)
        .filter(pl.col("unit_code").is_not_null(), ~pl.col("file").is_in(invalid))
        .unique(subset=list(_ROLLED_UP), keep="first", maintain_order=True)
    )


def _percent(numerator: float, denominator: float) -> float | None:
    return round(100 * numerator / denominator, PERCENT_DECIMALS) if denominator else None


def _rollup_row(
    rule: RollupIndicator, values: pl.DataFrame, units: int
) -> tuple[float | None, float | None, float | None, int]:
    """(value, numerator, denominator, units reporting) of one roll-up indicator."""
    if rule.how == "ratio":
        both = values.filter(pl.col("indicator").is_in([rule.numerator, rule.denominator]))
        paired = both.filter(pl.len().over("unit_code") == 2)  # noqa: PLR2004  (the two indicators)
        top = float(paired.filter(pl.col("indicator") == rule.numerator)["value"].sum())
        bottom = float(paired.filter(pl.col("indicator") == rule.denominator)["value"].sum())
        return _percent(top, bottom), top, bottom, paired["unit_code"].n_unique()
    of = values.filter(pl.col("indicator") == rule.of)["value"]
    reporting = of.len()
    if rule.how in {"count", "share"}:
        yes = float((of > 0).sum())
        value = yes if rule.how == "count" else _percent(yes, units)
        return value, yes, float(units), reporting
    total = float(of.sum())
    if rule.how == "sum":
        return total, total, None, reporting
    mean = round(total / reporting, PERCENT_DECIMALS) if reporting else None
    return mean, total, float(reporting), reporting


def _year_rows(
    year: int, values: pl.DataFrame, contract: UnitReportContract, registry: Registry
) -> list[dict[str, object]]:
    units = registry.reporting(date(year, 12, 31))
    rows: list[dict[str, object]] = []
    for rule in contract.rollup:
        scope = [u.code for u in units if not rule.scope or u.kind in rule.scope]
        within = values.filter(pl.col("year") == year, pl.col("unit_code").is_in(scope))
        value, numerator, denominator, reporting = _rollup_row(rule, within, len(scope))
        rows.append(
            {
                "province_code": registry.province,
                "year": year,
                "indicator": rule.name,
                "value": value,
                "unit": rule.unit,
                "numerator": numerator,
                "denominator": denominator,
                "units_reporting": reporting,
            }
        )
    return rows


def _contract(batch: Batch) -> UnitReportContract | None:
    return load_unit_contract(batch.unit_contract) if batch.unit_contract else None


def province_indicators(batch: Batch) -> pl.DataFrame:
    """The `province_indicators` mart: the contract's roll-up, per year found in the reports."""
    contract = _contract(batch)
    values = usable(batch)
    if contract is None or values.is_empty():
        return pl.DataFrame(schema=PROVINCE_INDICATORS_SCHEMA)
    registry = load_registry(contract.registry)
    years = sorted(values["year"].drop_nulls().unique().to_list())
    rows = [row for year in years for row in _year_rows(year, values, contract, registry)]
    return pl.DataFrame(rows, schema=PROVINCE_INDICATORS_SCHEMA)


def target_progress(batch: Batch, province: pl.DataFrame) -> pl.DataFrame:
    """The `target_progress` mart: each target, the latest actual value up to its year, the gap.

    `actual_year` is the year of the province figure `actual` is; `gap` is target − actual
    (what is left to reach). `actual` and `actual_year` are null when no report of the
    target's year or before gives the indicator (a year where no unit reported it has no
    figure, even when its roll-up reads 0).
    """
    contract = _contract(batch)
    if contract is None:
        return pl.DataFrame(schema=TARGET_PROGRESS_SCHEMA)
    rows = []
    for name in contract.targets:
        plan = load_targets(name)
        for target in plan.targets:
            known = province.filter(
                pl.col("province_code") == plan.province,
                pl.col("indicator") == target.indicator,
                pl.col("year") <= target.year,
                pl.col("value").is_not_null(),
                pl.col("units_reporting") > 0,
            ).sort("year")
            latest = (None, None) if known.is_empty() else known.select("value", "year").row(-1)
            actual, year = latest
            gap = None if actual is None else round(target.target - actual, PERCENT_DECIMALS)
            rows.append((target.year, target.indicator, target.target, actual, year, gap))
    return pl.DataFrame(rows, schema=TARGET_PROGRESS_SCHEMA, orient="row")


def unit_marts(batch: Batch) -> dict[str, pl.DataFrame]:
    """The unit-report marts, by table name."""
    province = province_indicators(batch)
    return {
        "unit_indicators": unit_indicators(batch),
        "province_indicators": province,
        "target_progress": target_progress(batch, province),
    }
