"""Mart contracts: what the Parquet marts must hold, read from schemas/marts/*.yaml.

A mart contract names its template contract and the polars schema the mart is
written with (`schema: ictdata.marts.frames:FUNDING_SCHEMA`); its column rules
either state a figure or a list, or point at the template (`min_from:
negative-amount`) or at a registered provider (`allowed_from: stages`), so that no
rule is written twice. Loading resolves them: the values are filled in.
"""

from __future__ import annotations

import importlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import polars as pl
import yaml

from ictdata.check.codes import IssueCode
from ictdata.contracts.load import load_template, schemas_dir
from ictdata.contracts.model import DEFAULT_MIN, Rule, Template
from ictdata.contracts.providers import allowed_values
from ictdata.errors import ContractError

MARTS_FOLDER = "marts"
SOURCE_COLUMN = "source_file"


@dataclass(frozen=True)
class ColumnRules:
    """What one column of a mart must hold; `allowed` None means any value."""

    name: str
    not_null: bool = False
    min: int | None = None
    allowed: tuple[str, ...] | None = None


@dataclass(frozen=True)
class Accounting:
    """Per source file: each count column equals the rows of a mart; the status, its issues."""

    counts: tuple[tuple[str, str], ...]
    status_from: str | None


@dataclass(frozen=True)
class MartContract:
    """What one mart (`<mart>.parquet`) must hold.

    `key` columns are not null and unique together; `unique` ones, unique together only.
    `columns` carry the values already resolved from the template and providers;
    `rules` are the templates' rules checked across the mart's rows; `schema` is
    the polars schema the mart is written with (None: its types are not checked).
    """

    mart: str
    description: str
    templates: tuple[Template, ...]
    key: tuple[str, ...]
    columns: tuple[ColumnRules, ...]
    rules: tuple[IssueCode, ...]
    accounting: Accounting | None
    schema: Mapping[str, pl.DataType] | None = None
    unique: tuple[str, ...] = ()
    source_column: str = SOURCE_COLUMN
    source: str = ""

    def column(self, name: str) -> ColumnRules | None:
        """The rules of column `name`, or None when the contract states none."""
        return next((column for column in self.columns if column.name == name), None)


def _fail(where: str, what: str) -> ContractError:
    msg = f"{where}: {what}. Hint: compare with schemas/marts/project_funding.yaml."
    return ContractError(msg)


def _names(value: object, where: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise _fail(where, "expected a list of names")
    return tuple(value)


def declared(templates: Sequence[Template], name: str) -> list[Rule]:
    """The rule `name` as each of `templates` that declares it declares it."""
    if name not in IssueCode.__members__.values():
        return []
    found = (template.rule(IssueCode(name)) for template in templates)
    return [rule for rule in found if rule is not None]


def _minimum(data: dict[str, Any], templates: Sequence[Template], where: str) -> int | None:
    """A column's lowest value: stated, or the lowest `min` of a rule of the templates."""
    if "min_from" not in data:
        value = data.get("min")
        if value is not None and (isinstance(value, bool) or not isinstance(value, int)):
            raise _fail(where + ".min", f"expected a whole number, not {value!r}")
        return value
    code = str(data["min_from"])
    rules = declared(templates, code)
    if not rules:
        raise _fail(where + ".min_from", f"no template declares rule {code!r}")
    return min(int(rule.params.get("min", DEFAULT_MIN)) for rule in rules)


def _allowed(
    data: dict[str, Any], templates: Sequence[Template], where: str
) -> tuple[str, ...] | None:
    """The allowed values: a list, or what a provider gives for each template, together."""
    if "allowed_from" in data:
        name = str(data["allowed_from"])
        found = [allowed_values(name, t) for t in templates] or [allowed_values(name, None)]
        return tuple(dict.fromkeys(value for values in found for value in values))
    if "allowed" in data:
        return tuple(str(v) for v in _names(data["allowed"], where + ".allowed"))
    return None


def _column(name: str, value: object, templates: Sequence[Template], where: str) -> ColumnRules:
    if not isinstance(value, dict):
        raise _fail(where, "expected a mapping of rules")
    unknown = set(value) - {"not_null", "min", "min_from", "allowed", "allowed_from"}
    if unknown:
        raise _fail(where, f"unknown rules {sorted(unknown)}")
    return ColumnRules(
        name=name,
        not_null=bool(value.get("not_null", False)),
        min=_minimum(value, templates, where),
        allowed=_allowed(value, templates, where),
    )


def _accounting(value: object, where: str) -> Accounting | None:
    if value is None:
        return None
    if not isinstance(value, dict) or not isinstance(value.get("counts", {}), dict):
        raise _fail(where, "expected `counts` (column: mart) and `status_from`")
    counts = tuple((str(k), str(v)) for k, v in value.get("counts", {}).items())
    status = value.get("status_from")
    return Accounting(counts, None if status is None else str(status))


def _polars_type(name: str, where: str) -> pl.DataType:
    dtype = getattr(pl, name, None)
    if not isinstance(dtype, type) or not issubclass(dtype, pl.DataType):
        raise _fail(where, f"{name!r} is not a polars type")
    try:
        return dtype()
    except TypeError as error:  # Enum, List...: name them in code, as `module:NAME`
        raise _fail(where, f"{name!r} needs parameters: name a schema in code") from error


def _schema(value: object, where: str) -> Mapping[str, pl.DataType] | None:
    """`module:NAME` of a schema in ictdata's code, or a mapping of column: polars type name."""
    if value is None:
        return None
    if isinstance(value, dict):
        return {str(k): _polars_type(str(v), where) for k, v in value.items()}
    module, _, name = str(value).partition(":")
    if not module.startswith("ictdata.") or not name:
        raise _fail(where, f"expected ictdata.MODULE:NAME, not {value!r}")
    try:
        schema = getattr(importlib.import_module(module), name)
    except (ImportError, AttributeError) as error:
        raise _fail(where, f"no schema {value!r}") from error
    if not isinstance(schema, dict):
        raise _fail(where, f"{value!r} is not a mapping of column: type")
    return schema


def _rules(value: object, templates: Sequence[Template], where: str) -> tuple[IssueCode, ...]:
    codes = []
    for name in _names(value, where):
        if not declared(templates, name):
            raise _fail(where, f"no template declares rule {name!r}")
        codes.append(IssueCode(name))
    return tuple(codes)


def _templates(value: object, where: str) -> tuple[Template, ...]:
    names = [value] if isinstance(value, str) else _names(value, where)
    return tuple(load_template(name) for name in names)


def parse_mart_contract(
    data: object, where: str, templates: Sequence[Template] | None = None
) -> MartContract:
    """A mart contract from its YAML mapping; `templates` override the ones it names.

    Raises:
        ContractError: the mapping is not a valid mart contract.
    """
    if not isinstance(data, dict) or not isinstance(data.get("mart"), str):
        raise _fail(where, "expected a mapping with `mart: NAME`")
    if templates is None:
        templates = _templates(data.get("template"), where + ": template")
    columns = data.get("columns") or {}
    if not isinstance(columns, dict):
        raise _fail(where + ": columns", "expected a mapping of column: rules")
    return MartContract(
        mart=data["mart"],
        description=str(data.get("description", "")),
        templates=tuple(templates),
        key=_names(data.get("key"), where + ": key"),
        columns=tuple(
            _column(str(name), rules, templates, f"{where}: columns.{name}")
            for name, rules in columns.items()
        ),
        rules=_rules(data.get("rules"), templates, where + ": rules"),
        accounting=_accounting(data.get("accounting"), where + ": accounting"),
        schema=_schema(data.get("schema"), where + ": schema"),
        unique=_names(data.get("unique"), where + ": unique"),
        source_column=str(data.get("source_column", SOURCE_COLUMN)),
        source=where,
    )


def load_mart_contract(path: Path, templates: Sequence[Template] | None = None) -> MartContract:
    """Read one mart contract file; `templates` override the templates it names.

    Raises:
        ContractError: the file cannot be read or is not a valid mart contract.
    """
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as error:
        msg = f"cannot read mart contract {path}: {error}"
        raise ContractError(msg) from error
    return parse_mart_contract(data, str(path), templates)


def load_mart_contracts(folder: Path | None = None) -> tuple[MartContract, ...]:
    """Every mart contract of `folder` (the bundled schemas/marts/ by default), by mart name.

    >>> [c.mart for c in load_mart_contracts()][:2]
    ['budget_sources', 'issues']
    """
    folder = schemas_dir() / MARTS_FOLDER if folder is None else folder
    return tuple(load_mart_contract(path) for path in sorted(folder.glob("*.yaml")))
