"""What a template contract declares, as frozen dataclasses."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

from ictdata.check.codes import IssueCode


@dataclass(frozen=True)
class TextColumn:
    """A text column of the table (number, name, lead unit...)."""

    name: str
    description: str
    required: bool
    aliases: tuple[str, ...]


@dataclass(frozen=True)
class Heading:
    """A stage (group header) or a funding kind (sub-header) of the amount columns."""

    name: str
    description: str
    aliases: tuple[str, ...]
    plan_year: bool = False
    required: bool = True  # a funding kind a table may leave out ("Nguồn khác")


@dataclass(frozen=True)
class AmountColumn:
    """One amount column: a stage of funding for one funding kind."""

    stage: str
    funding_kind: str

    @property
    def field(self) -> str:
        """The column's name in loaded frames, e.g. `estimate_investment`."""
        return f"{self.stage}_{self.funding_kind}"


@dataclass(frozen=True)
class Rule:
    """A rule of the contract: the issue code it raises and its parameters."""

    code: IssueCode
    description: str
    params: MappingProxyType[str, Any] = field(default_factory=lambda: MappingProxyType({}))


@dataclass(frozen=True, eq=False)
class Contract:
    """A template: how to find its table, what its columns are, what must hold.

    Compared and hashed by identity: `load_contract` returns one object per file.
    """

    template: str
    title: str
    version: int
    abbreviations: MappingProxyType[str, str]
    default_unit: str
    unit_line_labels: tuple[str, ...]
    money_units: MappingProxyType[str, int]
    columns: tuple[TextColumn, ...]
    stages: tuple[Heading, ...]
    funding_kinds: tuple[Heading, ...]
    amounts_required: bool
    totals_labels: tuple[str, ...]
    section_numbers: re.Pattern[str]
    rules: tuple[Rule, ...]
    source: str = ""

    @property
    def amount_columns(self) -> tuple[AmountColumn, ...]:
        """Every (stage, funding kind) pair, stage-major as tables lay them out."""
        return tuple(
            AmountColumn(stage.name, kind.name)
            for stage in self.stages
            for kind in self.funding_kinds
        )

    @property
    def text_fields(self) -> tuple[str, ...]:
        """Names of the text columns."""
        return tuple(column.name for column in self.columns)

    def rule(self, code: IssueCode) -> Rule | None:
        """The rule raising `code`, or None when this template does not check it."""
        return next((rule for rule in self.rules if rule.code is code), None)

    def label(self, field_name: str) -> str:
        """The first alias of a column, as people know it (for messages)."""
        for column in self.columns:
            if column.name == field_name:
                return column.aliases[0]
        for amount in self.amount_columns:
            if amount.field == field_name:
                stage = next(s for s in self.stages if s.name == amount.stage)
                kind = next(k for k in self.funding_kinds if k.name == amount.funding_kind)
                return f"{stage.aliases[0].replace(' {year}', '')} - {kind.aliases[0]}"
        return field_name


@dataclass(frozen=True, eq=False)
class StatementContract:
    """A budget-statement template: labelled figures with their amounts in words.

    Compared and hashed by identity, like `Contract`.
    """

    template: str
    title: str
    version: int
    abbreviations: MappingProxyType[str, str]
    total_labels: tuple[str, ...]
    label_separators: tuple[str, ...]
    money_labels: tuple[str, ...]
    money_units: MappingProxyType[str, int]
    unit_names: tuple[str, ...]
    columns: tuple[TextColumn, ...]
    rules: tuple[Rule, ...]
    source: str = ""
    unit_line_labels: tuple[str, ...] = ()

    def rule(self, code: IssueCode) -> Rule | None:
        """The rule raising `code`, or None when this template does not check it."""
        return next((rule for rule in self.rules if rule.code is code), None)


DEFAULT_MIN = 0  # negative-amount's `min` when its contract states none
INDICATOR_KINDS = ("count", "percent", "amount", "flag")
ROLLUP_WAYS = ("count", "share", "sum", "ratio", "mean")


@dataclass(frozen=True)
class Indicator:
    """One indicator of a unit report: its name, kind (count, percent, amount, flag), unit."""

    name: str
    kind: str
    unit: str
    aliases: tuple[str, ...]


@dataclass(frozen=True)
class RollupIndicator:
    """One province indicator: how it is rolled up from the units' indicators, its `unit`."""

    name: str
    how: str
    of: str | None = None
    numerator: str | None = None
    denominator: str | None = None
    scope: tuple[str, ...] = ()
    unit: str = ""


@dataclass(frozen=True, eq=False)
class UnitReportContract:
    """A unit-report template (one-unit and consolidated forms), compared by identity."""

    template: str
    title: str
    version: int
    abbreviations: MappingProxyType[str, str]
    registry: str
    unit_labels: tuple[str, ...]
    year_labels: tuple[str, ...]
    one_unit_columns: tuple[TextColumn, ...]
    consolidated_columns: tuple[TextColumn, ...]
    consolidated_min_indicators: int
    flags_yes: frozenset[str]
    flags_no: frozenset[str]
    money_units: MappingProxyType[str, int]
    indicators: tuple[Indicator, ...]
    rules: tuple[Rule, ...]
    rollup: tuple[RollupIndicator, ...]
    targets: tuple[str, ...]
    source: str = ""
    unit_line_labels: tuple[str, ...] = ()  # "Đơn vị tính": labels of a money-unit line
    # Units of measure that are no money, by key, with the kind they measure ("%" percent,
    # "người" count): the non-amount indicators' own units and `measure_units`.
    measure_units: MappingProxyType[str, str] = field(default_factory=lambda: MappingProxyType({}))

    def rule(self, code: IssueCode) -> Rule | None:
        """The rule raising `code`, or None when this template does not check it."""
        return next((rule for rule in self.rules if rule.code is code), None)

    def indicator(self, name: str) -> Indicator:
        """The indicator called `name`."""
        return next(i for i in self.indicators if i.name == name)


Template = Contract | StatementContract | UnitReportContract
