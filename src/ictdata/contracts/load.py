"""Read template contracts from YAML, with errors that say which key is wrong."""

from __future__ import annotations

import re
from functools import cache
from importlib import resources
from pathlib import Path
from types import MappingProxyType
from typing import Any, TypeVar

import yaml

from ictdata.check.codes import IssueCode
from ictdata.contracts import row_total_params
from ictdata.contracts.model import (
    Contract,
    Heading,
    Rule,
    StatementContract,
    Template,
    TextColumn,
)
from ictdata.errors import ContractError
from ictdata.text import key


def schemas_dir() -> Path:
    """The folder of bundled contracts: inside the wheel, or the repository's schemas/."""
    bundled = Path(str(resources.files("ictdata"))) / "schemas"
    if bundled.is_dir():
        return bundled
    return Path(__file__).resolve().parents[3] / "schemas"


def available_contracts() -> tuple[str, ...]:
    """Names of the bundled templates, e.g. ("project_budget",)."""
    return tuple(sorted(path.stem for path in schemas_dir().glob("*.yaml")))


STATEMENTS_KIND = "statements"
UNIT_REPORT_KIND = "unit_report"
TABLE_RULES = frozenset(
    {
        IssueCode.BAD_NUMBER,
        IssueCode.NEGATIVE_AMOUNT,
        IssueCode.TOTAL_MISMATCH,
        IssueCode.OVER_ALLOCATION,
        IssueCode.SCALE_SLIP,
        IssueCode.ROW_TOTAL_MISMATCH,
    }
)
STATEMENT_RULES = frozenset(
    {
        IssueCode.BAD_NUMBER,
        IssueCode.WORDS_MISMATCH,
        IssueCode.MISSING_UNIT,
        IssueCode.PARTS_SUM_MISMATCH,
        IssueCode.BAD_WORDS,
        IssueCode.FOREIGN_CURRENCY,
    }
)


_Kind = TypeVar("_Kind", bound=Template)


def load_template(name_or_path: str | Path) -> Template:
    """Load a bundled template by name, or a contract file by path, of either kind.

    Raises:
        ContractError: the file is missing or does not declare a valid contract.

    >>> load_template("budget_statement").template
    'budget_statement'
    """
    path = Path(name_or_path)
    if path.suffix not in {".yaml", ".yml"}:
        return _load_file(bundled_path(str(name_or_path)))
    return _load_file(str(path))


def bundled_path(name: str) -> str:
    """Where the bundled template `name` is: its contracts' `source`, without loading it."""
    return str(schemas_dir() / f"{name}.yaml")


# libyaml's loader when PyYAML was built with it (its wheels are): 5x faster than the pure
# Python one, which start-up of a check on a small file would notice.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@cache  # by path: a template named and then found by its path is read once
def _load_file(path: str) -> Template:
    bundled = ", ".join(available_contracts())
    data = _read_yaml(Path(path), f"cannot read contract {path}", f"bundled templates: {bundled}")
    mapping = _mapping(data, path)
    if mapping.get("kind") == STATEMENTS_KIND:
        return _statement_contract(mapping, path)
    if mapping.get("kind") == UNIT_REPORT_KIND:
        from ictdata.contracts.unit_load import unit_report_contract  # noqa: PLC0415  (imports this)

        return unit_report_contract(mapping, path)
    return _contract(mapping, path)


def _read_yaml(path: Path, what: str, hint: str) -> object:
    try:
        return yaml.load(path.read_text(encoding="utf-8"), Loader=_LOADER)  # noqa: S506  (safe)
    except (OSError, yaml.YAMLError) as error:
        msg = f"{what}: {error}. Hint: {hint}"
        raise ContractError(msg) from error


def money_units_of(data: dict[str, Any], where: str) -> dict[str, Any]:
    """A contract's money units: written out, or named by file (`shared/money_units.yaml`).

    The bundled templates share one list, so a spelling one understands, all do. A file
    is looked for beside the contract, then among the bundled ones (a copied template
    keeps reading the shared list).
    """
    value = data.get("money_units")
    if not isinstance(value, str):
        return _mapping(value, f"{where}: money_units")
    beside = Path(where).parent / value
    file = beside if beside.is_file() else schemas_dir() / value
    hint = "name a YAML file beside the contract or among the bundled ones, or write it out"
    return _mapping(_read_yaml(file, f"{where}: cannot read money_units {value}", hint), value)


def load_contract(name_or_path: str | Path) -> Contract:
    """Load a table template (such as project_budget) by name or path.

    Raises:
        ContractError: the file is missing, invalid, or declares another kind of template.

    >>> load_contract("project_budget").amount_columns[0].field
    'estimate_investment'
    """
    return load_kind(name_or_path, Contract, "a table")


def load_statement_contract(name_or_path: str | Path = "budget_statement") -> StatementContract:
    """Load a budget-statement template by name or path.

    Raises:
        ContractError: the file is missing, invalid, or declares another kind of template.
    """
    return load_kind(name_or_path, StatementContract, "budget statements")


def load_kind(name_or_path: str | Path, kind: type[_Kind], what: str) -> _Kind:
    """Load a template that must be of `kind` (`what` names it for the error).

    Raises:
        ContractError: the file is missing, invalid, or declares another kind of template.
    """
    template = load_template(name_or_path)
    if not isinstance(template, kind):
        found = type(template).__name__
        msg = f"{name_or_path} is a {found}, not {what}. Hint: use load_template."
        raise ContractError(msg)
    return template


def _fail(where: str, key_name: str, what: str) -> ContractError:
    msg = f"{where}{key_name}: {what}. Hint: compare with schemas/project_budget.yaml."
    return ContractError(msg)


def _mapping(value: object, where: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise _fail(where, "", "expected a mapping")
    return value


def _items(value: object, where: str) -> list[Any]:
    if not isinstance(value, list) or not value:
        raise _fail(where, "", "expected a non-empty list")
    return value


def _text(data: dict[str, Any], name: str, where: str, default: str | None = None) -> str:
    value = data.get(name, default)
    if not isinstance(value, str) or not value:
        raise _fail(where, "." + name, "expected text")
    return value


def _aliases(data: dict[str, Any], where: str) -> tuple[str, ...]:
    return tuple(str(alias) for alias in _items(data.get("aliases"), f"{where}.aliases"))


def _text_column(value: object, where: str) -> TextColumn:
    data = _mapping(value, where)
    return TextColumn(
        name=_text(data, "name", where),
        description=_text(data, "description", where, ""),
        required=bool(data.get("required", False)),
        aliases=_aliases(data, where),
    )


def _heading(value: object, where: str) -> Heading:
    data = _mapping(value, where)
    return Heading(
        name=_text(data, "name", where),
        description=str(data.get("description", "")),
        aliases=_aliases(data, where),
        plan_year=bool(data.get("plan_year", False)),
        required=bool(data.get("required", True)),
    )


def _rule(value: object, where: str) -> Rule:
    data = _mapping(value, where)
    code = _text(data, "code", where)
    if code not in IssueCode.__members__.values():
        raise _fail(where, ".code", "unknown issue code " + repr(code))
    params = {k: v for k, v in data.items() if k not in {"code", "description"}}
    return Rule(IssueCode(code), str(data.get("description", "")), MappingProxyType(params))


def _key_map(value: object, where: str) -> dict[str, Any]:
    return {key(str(k)): v for k, v in _mapping(value or {}, where).items()}


def _contract(data: dict[str, Any], where: str) -> Contract:
    amounts = _mapping(data.get("amounts"), f"{where}: amounts")
    unit = _mapping(data.get("unit"), f"{where}: unit")
    money_units = {
        k: _money_unit(v, f"{where}: money_units.{k}")
        for k, v in _key_map(money_units_of(data, where), "money_units").items()
    }
    try:
        sections = re.compile(str(data.get("section_numbers", r"^$")))
    except re.error as error:
        raise _fail(where, ": section_numbers", str(error)) from error
    funding_kinds = _headings(amounts, "funding_kinds", where)
    return Contract(
        template=_text(data, "template", where),
        title=_text(data, "title", where),
        version=_positive(data.get("version", 1), f"{where}: version"),
        abbreviations=_abbreviations(data),
        default_unit=_text(unit, "default", f"{where}: unit"),
        unit_line_labels=tuple(str(x) for x in _items(unit.get("line_labels"), "unit.line_labels")),
        money_units=MappingProxyType(money_units),
        columns=_columns(data, where),
        stages=_headings(amounts, "stages", where),
        funding_kinds=funding_kinds,
        amounts_required=bool(amounts.get("required", True)),
        totals_labels=_texts(data, "totals_labels", where),
        section_numbers=sections,
        rules=row_total_params.bind(_rules(data, where, TABLE_RULES), funding_kinds, where),
        source=where,
    )


# Amounts are exact Int64 đồng: 9 digits of a figure times a unit up to 10^9 always fit.
MAX_MONEY_UNIT = 10**9
# The checks group cells by stage and funding kind packed into one Int64 key
# (`check.rules._KEY_BITS`): 5 and 4 bits, so at most 31 stages and 15 kinds.
MAX_HEADINGS = {"stages": 31, "funding_kinds": 15}


def _money_unit(value: object, where: str) -> int:
    unit = _positive(value, where)
    if unit > MAX_MONEY_UNIT:
        raise _fail(where, "", f"a money unit is at most 10^9 đồng (tỷ), not {unit}")
    return unit


def _headings(amounts: dict[str, Any], name: str, where: str) -> tuple[Heading, ...]:
    found = tuple(
        _heading(item, f"{where}: amounts.{name}[{i}]")
        for i, item in enumerate(_items(amounts.get(name), f"amounts.{name}"))
    )
    if len(found) > MAX_HEADINGS[name]:
        raise _fail(where, f": amounts.{name}", f"at most {MAX_HEADINGS[name]}, not {len(found)}")
    return found


def _positive(value: object, where: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
        raise _fail(where, "", f"expected a whole number above 0, not {value!r}")
    return value


def _abbreviations(data: dict[str, Any]) -> MappingProxyType[str, str]:
    pairs = _key_map(data.get("abbreviations"), "abbreviations").items()
    return MappingProxyType({k: key(str(v)) for k, v in pairs})


def _rules(data: dict[str, Any], where: str, allowed: frozenset[IssueCode]) -> tuple[Rule, ...]:
    items = _items(data.get("rules"), f"{where}: rules")
    rules = tuple(_rule(r, f"{where}: rules[{i}]") for i, r in enumerate(items))
    for index, rule in enumerate(rules):
        if rule.code not in allowed:
            names = ", ".join(sorted(code.value for code in allowed))
            what = f"{rule.code} is not a check of this kind of template (one of {names})"
            place = f"{where}: rules[{index}]"
            raise _fail(place, ".code", what)
    return rules


def _columns(data: dict[str, Any], where: str) -> tuple[TextColumn, ...]:
    items = _items(data.get("columns"), f"{where}: columns")
    return tuple(_text_column(c, f"{where}: columns[{i}]") for i, c in enumerate(items))


def _texts(data: dict[str, Any], name: str, where: str) -> tuple[str, ...]:
    return tuple(str(x) for x in _items(data.get(name), f"{where}: {name}"))


def _statement_contract(data: dict[str, Any], where: str) -> StatementContract:
    raw_units = money_units_of(data, where)
    return StatementContract(
        template=_text(data, "template", where),
        title=_text(data, "title", where),
        version=_positive(data.get("version", 1), f"{where}: version"),
        abbreviations=_abbreviations(data),
        total_labels=_texts(data, "total_labels", where),
        label_separators=_texts(data, "label_separators", where),
        money_labels=_texts(data, "money_labels", where),
        money_units=MappingProxyType(
            {key(str(k)): _money_unit(v, f"{where}: money_units.{k}") for k, v in raw_units.items()}
        ),
        unit_names=tuple(sorted((str(k) for k in raw_units), key=len, reverse=True)),
        columns=_columns(data, where),
        rules=_rules(data, where, STATEMENT_RULES),
        source=where,
        unit_line_labels=_texts(data, "unit_line_labels", where),
    )
