"""The expectation suites of the marts, as plain data built from the contracts.

Nothing here imports great_expectations: a suite is a list of `Expect`, each the
name of a GX expectation class and its arguments; `ictdata.gx.gate` turns them
into GX objects. Everything comes from the mart contracts in schemas/marts/:
column types from the polars schema each names, the rest from its rules, which
take their values from the template contracts.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import polars as pl

from ictdata.contracts.marts import MartContract
from ictdata.errors import ContractError
from ictdata.gx import views

OVER_ALLOCATION = "over-allocation"
ACCOUNTING = "accounting"

# The type GX observes in a pandas column read with dtype_backend="numpy_nullable"
# (the `.type` of its dtype): Int64 stays int64, never float64. Integer and float
# types are named as numpy names them (int32, uint8, float64).
GX_TYPES: dict[type[pl.DataType], str] = {
    pl.String: "str",
    pl.Boolean: "bool",
    pl.Enum: "CategoricalDtypeType",
    pl.Categorical: "CategoricalDtypeType",
    pl.Datetime: "datetime64",
    pl.Date: "object",  # pandas holds dates as datetime.date objects
}


@dataclass(frozen=True)
class Expect:
    """One expectation: a GX expectation class name and its keyword arguments."""

    kind: str
    kwargs: Mapping[str, Any] = field(default_factory=dict)

    @property
    def column(self) -> str | None:
        """The column it is about, if one."""
        value = self.kwargs.get("column", self.kwargs.get("column_A"))
        return None if value is None else str(value)


@dataclass(frozen=True)
class Suite:
    """The expectations on one table: a mart, or a frame derived from the marts."""

    name: str
    table: str
    expectations: tuple[Expect, ...]
    contract: str = ""


def _types(schema: Mapping[str, pl.DataType]) -> list[Expect]:
    found = [Expect("ExpectTableColumnsToMatchOrderedList", {"column_list": list(schema)})]
    for name, dtype in schema.items():
        found.append(
            Expect("ExpectColumnValuesToBeOfType", {"column": name, "type_": gx_type(dtype)})
        )
        if isinstance(dtype, pl.Enum):
            values = [str(v) for v in dtype.categories.to_list()]
            found.append(
                Expect("ExpectColumnValuesToBeInSet", {"column": name, "value_set": values})
            )
    return found


def gx_type(dtype: pl.DataType) -> str:
    """The type name GX's type expectation sees for a column of polars type `dtype`.

    Raises:
        ContractError: the type has no plain pandas column type (lists, structs...).

    >>> gx_type(pl.Int64()), gx_type(pl.UInt8()), gx_type(pl.String())
    ('int64', 'uint8', 'str')
    """
    if dtype.is_integer() or dtype.is_float():
        return type(dtype).__name__.lower()
    name = GX_TYPES.get(type(dtype))
    if name is None:
        msg = f"a mart column of type {dtype} has no GX type. Hint: use a flat type."
        raise ContractError(msg)
    return name


def _unique(columns: tuple[str, ...]) -> list[Expect]:
    if not columns:
        return []
    if len(columns) == 1:
        return [Expect("ExpectColumnValuesToBeUnique", {"column": columns[0]})]
    return [Expect("ExpectCompoundColumnsToBeUnique", {"column_list": list(columns)})]


def _columns(contract: MartContract) -> list[Expect]:
    found: list[Expect] = []
    not_null = [*contract.key, *(c.name for c in contract.columns if c.not_null)]
    found += [
        Expect("ExpectColumnValuesToNotBeNull", {"column": name})
        for name in dict.fromkeys(not_null)
    ]
    for column in contract.columns:
        if column.min is not None:
            found.append(
                Expect(
                    "ExpectColumnValuesToBeBetween",
                    {"column": column.name, "min_value": column.min},
                )
            )
        if column.allowed is not None:
            found.append(
                Expect(
                    "ExpectColumnValuesToBeInSet",
                    {"column": column.name, "value_set": list(column.allowed)},
                )
            )
    return found


def mart_suite(contract: MartContract, rows: int | None) -> Suite:
    """The suite of one mart: its columns and types, keys, values, and row count.

    `rows` is the row count its manifest records (None: not checked).
    """
    found = _types(contract.schema) if contract.schema is not None else []
    found += _unique(contract.key) + _unique(contract.unique) + _columns(contract)
    if rows is not None:
        found.append(Expect("ExpectTableRowCountToEqual", {"value": rows}))
    return Suite(contract.mart, contract.mart, tuple(found), contract.source)


def over_allocation_suite(contract: MartContract) -> Suite:
    """Per project and funding kind, the parts never exceed the whole (the estimate)."""
    expect = Expect(
        "ExpectColumnPairValuesAToBeGreaterThanB",
        {"column_A": views.WHOLE, "column_B": views.PARTS, "or_equal": True},
    )
    name = f"{contract.mart}.{OVER_ALLOCATION}"
    return Suite(name, name, (expect,), contract.source)


def accounting_suite(contract: MartContract) -> Suite:
    """Per source file, the declared counts equal the rows counted, and the status its issues'."""
    accounts = contract.accounting
    pairs = [] if accounts is None else [(c, c + views.COUNTED) for c, _ in accounts.counts]
    if accounts is not None and accounts.status_from is not None:
        pairs.append((views.STATUS, views.STATUS_FROM_ISSUES))
    found = tuple(
        Expect("ExpectColumnPairValuesToBeEqual", {"column_A": a, "column_B": b}) for a, b in pairs
    )
    name = f"{contract.mart}.{ACCOUNTING}"
    return Suite(name, name, found, contract.source)
