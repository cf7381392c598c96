"""A row-total rule's funding kinds, checked when its contract is loaded.

`row-total-mismatch` (`ictdata.check.row_totals`) compares a row's whole with the sum of its
parts; the contract names them (`schemas/budget_appendix.yaml`: `whole: all`,
`parts: [provincial, district, other]`). A name that is not one of the contract's funding
kinds is a contract error, found at load time, not a rule that never fires.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from types import MappingProxyType

from ictdata.check.codes import IssueCode
from ictdata.contracts.model import Heading, Rule
from ictdata.errors import ContractError

REQUIRED_PARTS = "required_parts"  # set by `bind`: the parts every judged table has


def bind(rules: Sequence[Rule], funding_kinds: Sequence[Heading], where: str) -> tuple[Rule, ...]:
    """`rules`, with each row-total rule's funding kinds checked and its required parts noted.

    A table that lacks a required part (its own `missing-column`) cannot show whether its
    rows add up; an optional part it leaves out ("Nguồn khác") is simply nothing.

    Raises:
        ContractError: the rule names no whole or no parts, or a name that is not a funding kind.
    """
    kinds = {kind.name: kind for kind in funding_kinds}
    return tuple(_bind(rule, kinds, where) if _is_row_total(rule) else rule for rule in rules)


def _is_row_total(rule: Rule) -> bool:
    return rule.code is IssueCode.ROW_TOTAL_MISMATCH


def _bind(rule: Rule, kinds: dict[str, Heading], where: str) -> Rule:
    whole, parts = rule.params.get("whole"), rule.params.get("parts")
    if not isinstance(whole, str) or not isinstance(parts, list) or not parts:
        what = "needs `whole` (a funding kind) and `parts` (a list of funding kinds)"
        raise _error(where, what)
    unknown = [str(name) for name in (whole, *parts) if name not in kinds]
    if unknown or whole in parts:
        what = f"{unknown or [whole]} {'are not funding kinds' if unknown else 'is its own part'}"
        raise _error(where, what)
    required = [str(p) for p in parts if kinds[str(p)].required]
    return replace(rule, params=MappingProxyType({**rule.params, REQUIRED_PARTS: required}))


def _error(where: str, what: str) -> ContractError:
    msg = (
        f"{where}: rules: {IssueCode.ROW_TOTAL_MISMATCH.value} {what}. "
        "Hint: compare with schemas/budget_appendix.yaml."
    )
    return ContractError(msg)
