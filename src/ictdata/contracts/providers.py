"""Named sources of allowed values, for mart contracts' `allowed_from`.

A mart contract names a provider instead of copying a list that lives elsewhere
(the stages of a template, the issue codes, a registry of units). Every provider
is registered here, in `PROVIDERS`; one takes the mart's template contract (None
when the mart names none) and returns the allowed values.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from ictdata.check.codes import IssueCode
from ictdata.check.issue import FileStatus
from ictdata.contracts.model import Contract, Template, UnitReportContract
from ictdata.errors import ContractError
from ictdata.read.table import RejectReason
from ictdata.read.unreadable import Limit

Provider = Callable[[Template | None], tuple[str, ...]]
T = TypeVar("T", Contract, UnitReportContract)


def _kind(template: Template | None, kind: type[T], what: str) -> T:
    """`template` when it is of `kind` (the mart names the template the provider reads)."""
    if not isinstance(template, kind):
        msg = f"allowed_from: {what} needs a {kind.__name__}. Hint: set `template:` in the mart."
        raise ContractError(msg)
    return template


def _table(template: Template | None, what: str) -> Contract:
    return _kind(template, Contract, what)


def _unit_report(template: Template | None, what: str) -> UnitReportContract:
    return _kind(template, UnitReportContract, what)


def stages(template: Template | None) -> tuple[str, ...]:
    """The stages of funding the table template declares."""
    return tuple(stage.name for stage in _table(template, "stages").stages)


def funding_kinds(template: Template | None) -> tuple[str, ...]:
    """The funding kinds the table template declares."""
    return tuple(kind.name for kind in _table(template, "funding_kinds").funding_kinds)


def issue_codes(_: Template | None) -> tuple[str, ...]:
    """Every issue code."""
    return tuple(code.value for code in IssueCode)


def reject_reasons(_: Template | None) -> tuple[str, ...]:
    """Every reason a row lands in the rejects."""
    return tuple(reason.value for reason in RejectReason)


def limits(_: Template | None) -> tuple[str, ...]:
    """Every limit a file too large to read can be over (an issue's `limit`)."""
    return tuple(limit.value for limit in Limit)


def file_statuses(_: Template | None) -> tuple[str, ...]:
    """Every verdict on an input file."""
    return tuple(status.value for status in FileStatus)


def units_registry(template: Template | None) -> tuple[str, ...]:
    """Every code of the registry of units the unit-report template names, at any date."""
    from ictdata.units.registry import load_registry  # noqa: PLC0415  (read only when named)

    return tuple(sorted(load_registry(_unit_report(template, "units_registry").registry).codes()))


def indicators(template: Template | None) -> tuple[str, ...]:
    """The indicators the unit-report template reads."""
    return tuple(i.name for i in _unit_report(template, "indicators").indicators)


def rollup_indicators(template: Template | None) -> tuple[str, ...]:
    """The province figures the unit-report template rolls up."""
    return tuple(r.name for r in _unit_report(template, "rollup_indicators").rollup)


def rollup_units(template: Template | None) -> tuple[str, ...]:
    """The units of measure of the province figures the unit-report template rolls up."""
    rollup = _unit_report(template, "rollup_units").rollup
    return tuple(dict.fromkeys(r.unit for r in rollup))


PROVIDERS: dict[str, Provider] = {
    "stages": stages,
    "funding_kinds": funding_kinds,
    "issue_codes": issue_codes,
    "reject_reasons": reject_reasons,
    "file_statuses": file_statuses,
    "limits": limits,
    "units_registry": units_registry,
    "indicators": indicators,
    "rollup_indicators": rollup_indicators,
    "rollup_units": rollup_units,
}


def allowed_values(name: str, template: Template | None) -> tuple[str, ...]:
    """The values provider `name` allows.

    Raises:
        ContractError: no provider has that name.

    >>> allowed_values("file_statuses", None)
    ('valid', 'invalid', 'unreadable')
    """
    provider = PROVIDERS.get(name)
    if provider is None:
        known = ", ".join(sorted(PROVIDERS))
        msg = f"allowed_from: no provider {name!r}. Hint: one of {known}."
        raise ContractError(msg)
    return provider(template)
