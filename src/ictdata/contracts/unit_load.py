"""Read a unit-report contract (kind: unit_report) from its YAML mapping."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from types import MappingProxyType
from typing import Any

from ictdata.check.codes import IssueCode
from ictdata.contracts.load import (
    _abbreviations,
    _columns,
    _fail,
    _items,
    _mapping,
    _positive,
    _rules,
    _text,
    _texts,
    load_kind,
    money_units_of,
)
from ictdata.contracts.model import (
    INDICATOR_KINDS,
    ROLLUP_WAYS,
    Indicator,
    RollupIndicator,
    UnitReportContract,
)
from ictdata.text import key

UNIT_RULES = frozenset(
    {
        IssueCode.BAD_NUMBER,
        IssueCode.NEGATIVE_AMOUNT,
        IssueCode.PERCENT_OUT_OF_RANGE,
        IssueCode.COUNT_NOT_WHOLE,
        IssueCode.PART_EXCEEDS_WHOLE,
        IssueCode.PERCENT_MISMATCH,
        IssueCode.LEVELS_SUM_MISMATCH,
        IssueCode.PERIOD_MISMATCH,
        IssueCode.UNKNOWN_UNIT,
        IssueCode.UNIT_NOT_NAMED,
        IssueCode.DUPLICATE_UNIT_REPORT,
    }
)
AMOUNT = "amount"  # the kind of indicator that is money
# The ways of rolling up whose figure is in the unit of the indicator they roll up.
KEEP_UNIT = frozenset({"sum", "mean"})


def _indicator(value: object, where: str) -> Indicator:
    data = _mapping(value, where)
    kind = _text(data, "kind", where)
    if kind not in INDICATOR_KINDS:
        raise _fail(where, ".kind", f"{kind!r} is not one of {', '.join(INDICATOR_KINDS)}")
    aliases = tuple(str(a) for a in _items(data.get("aliases"), f"{where}.aliases"))
    return Indicator(_text(data, "name", where), kind, _text(data, "unit", where), aliases)


def _rollup_unit(
    data: dict[str, Any], how: str, indicators: dict[str, str], ways: dict[str, str], where: str
) -> str:
    """A roll-up's unit of measure: its own `unit`, its way's (`rollup_units`), or its `of`'s.

    Only a sum or a mean is in the unit of what it rolls up (a count of units answering
    yes is not in có/không).
    """
    kept = indicators.get(str(data.get("of"))) if how in KEEP_UNIT else None
    unit = data.get("unit") or ways.get(how) or kept
    if not unit:
        raise _fail(where, ".unit", f"no unit: give one, or one for {how!r} in rollup_units")
    return str(unit)


def _rollup(
    value: object, where: str, indicators: dict[str, str], ways: dict[str, str]
) -> RollupIndicator:
    data = _mapping(value, where)
    how = _text(data, "how", where)
    if how not in ROLLUP_WAYS:
        raise _fail(where, ".how", f"{how!r} is not one of {', '.join(ROLLUP_WAYS)}")
    fields = {name: data.get(name) for name in ("of", "numerator", "denominator")}
    for name, used in fields.items():
        if used is not None and used not in indicators:
            raise _fail(where, f".{name}", f"{used!r} is not an indicator of the contract")
    return RollupIndicator(
        _text(data, "name", where),
        how,
        fields["of"],
        fields["numerator"],
        fields["denominator"],
        tuple(str(s) for s in data.get("scope") or ()),
        _rollup_unit(data, how, indicators, ways, where),
    )


def _rollups(
    data: dict[str, Any], where: str, indicators: tuple[Indicator, ...]
) -> tuple[RollupIndicator, ...]:
    """The roll-up, each figure with its unit of measure (see `_rollup_unit`)."""
    declared = _mapping(data.get("rollup_units") or {}, f"{where}: rollup_units")
    ways = {str(k): str(v) for k, v in declared.items()}
    unknown = set(ways) - set(ROLLUP_WAYS)
    if unknown:
        raise _fail(where, ": rollup_units", f"{sorted(unknown)} are not ways to roll up")
    units = {i.name: i.unit for i in indicators}
    return tuple(
        _rollup(x, f"{where}: rollup[{i}]", units, ways)
        for i, x in enumerate(_items(data.get("rollup"), "rollup"))
    )


def _flags(data: dict[str, Any], where: str, answer: str) -> frozenset[str]:
    flags = _mapping(data.get("flags"), f"{where}: flags")
    return frozenset(key(str(x)) for x in _items(flags.get(answer), f"{where}: flags.{answer}"))


def _measure_units(
    data: dict[str, Any], where: str, indicators: tuple[Indicator, ...], money: Mapping[str, int]
) -> MappingProxyType[str, str]:
    """Units of measure that are no money, by key, with the kind they measure.

    Each indicator's own unit but an amount's ("%": percent, "người": count), and the other
    spellings `measure_units` lists by kind ("máy": count). None may be a money unit.
    """
    found = {key(i.unit): i.kind for i in indicators if i.kind != AMOUNT}
    declared = _mapping(data.get("measure_units") or {}, f"{where}: measure_units")
    for kind, spellings in declared.items():
        if kind not in INDICATOR_KINDS or kind == AMOUNT:
            raise _fail(where, ": measure_units", f"{kind!r} is not a kind of measure but money")
        found |= {key(str(u)): kind for u in _items(spellings, f"measure_units.{kind}")}
    if money_too := sorted(set(found) & set(money)):
        raise _fail(where, ": measure_units", f"{money_too} are money units too")
    return MappingProxyType(found)


def unit_report_contract(data: dict[str, Any], where: str) -> UnitReportContract:
    """Build a `UnitReportContract` from a contract file's mapping (`where` names the file)."""
    heading = _mapping(data.get("heading"), f"{where}: heading")
    indicators = tuple(
        _indicator(x, f"{where}: indicators[{i}]")
        for i, x in enumerate(_items(data.get("indicators"), "indicators"))
    )
    units = money_units_of(data, where)
    money = {key(str(k)): _positive(v, f"{where}: money_units.{k}") for k, v in units.items()}
    return UnitReportContract(
        template=_text(data, "template", where),
        title=_text(data, "title", where),
        version=_positive(data.get("version", 1), f"{where}: version"),
        abbreviations=_abbreviations(data),
        registry=_text(data, "registry", where),
        unit_labels=_texts(heading, "unit_labels", f"{where}: heading"),
        year_labels=_texts(heading, "year_labels", f"{where}: heading"),
        one_unit_columns=_columns({"columns": data.get("one_unit_columns")}, where),
        consolidated_columns=_columns({"columns": data.get("consolidated_columns")}, where),
        consolidated_min_indicators=_positive(
            data.get("consolidated_min_indicators", 3), f"{where}: consolidated_min_indicators"
        ),
        flags_yes=_flags(data, where, "yes"),
        flags_no=_flags(data, where, "no"),
        money_units=MappingProxyType(money),
        indicators=indicators,
        rules=_rules(data, where, UNIT_RULES),
        rollup=_rollups(data, where, indicators),
        targets=tuple(str(t) for t in data.get("targets") or ()),
        source=where,
        unit_line_labels=tuple(str(x) for x in heading.get("unit_line_labels") or ()),
        measure_units=_measure_units(data, where, indicators, money),
    )


def load_unit_contract(name_or_path: str | Path = "unit_report") -> UnitReportContract:
    """Load a unit-report template by name or path.

    Raises:
        ContractError: the file is missing, invalid, or declares another kind of template.

    >>> load_unit_contract().indicator("mailboxes").kind
    'count'
    """
    return load_kind(name_or_path, UnitReportContract, "a unit report")
