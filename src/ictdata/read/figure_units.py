"""What is written around a statement's figure: a currency before it, a unit note after it.

"USD 350.000", "$350.000" and "US$ 350.000" are dollars as much as "350.000 USD" is;
"VNĐ 350.000.000" and "đ 350.000" are đồng. A bracket holding only a money unit after
the figure or its scale ("350 triệu (VNĐ)", "350.000.000 (đồng)") notes the unit: it is
no amount in words. Shared by statements in text and in statement tables.
"""

from __future__ import annotations

import re
from functools import cache

from ictdata.contracts.model import StatementContract
from ictdata.read.units import currency_names, foreign_currency
from ictdata.text import key


def _alternatives(names: list[str]) -> str:
    """Names as one regex alternation, longest first, a space matching any white space."""
    ordered = sorted(names, key=len, reverse=True)
    return "|".join(re.escape(name).replace(r"\ ", r"\s+") for name in ordered)


def _dong_names(contract: StatementContract) -> list[str]:
    """The đồng's own names: the contract's units worth one đồng ("đồng", "VNĐ", "đ")."""
    return [name for name in contract.unit_names if contract.money_units.get(key(name)) == 1]


@cache
def currency_before(contract: StatementContract) -> str:
    """Regex source of a currency written right before a figure: group `before`.

    The đồng's own names and the foreign currencies' words and signs; never a scale
    ("triệu 350" is no unit).
    """
    names = _alternatives([*_dong_names(contract), *currency_names()])
    return rf"(?:(?P<before>{names})(?![^\W\d_])\s*)?"


@cache
def noted_unit(contract: StatementContract) -> str:
    """Regex source of a money unit in brackets after a figure or its unit: group `noted`.

    After a unit (group `unit`) only the đồng's own names are its note ("triệu (VNĐ)"); a
    note of another scale ("350 triệu (tỷ đồng)") contradicts it and stays the words.
    """
    dong = _alternatives(_dong_names(contract))
    units = _alternatives(list(contract.unit_names))
    return rf"(?:\s*\(\s*(?P<noted>(?(unit)(?:{dong})|(?:{units})))\s*\))?"


def figure_unit(match: re.Match[str]) -> tuple[str | None, str | None]:
    """The unit a figure is stated in, and its currency when that is not the đồng.

    `match` has the groups `before`, `unit` (after the figure) and `noted`. A foreign
    currency before the figure makes it foreign ("USD 350.000"), a scale after it kept
    ("$0,35 triệu" is "$ triệu"); otherwise the unit after the figure wins over its note
    ("350 triệu (VNĐ)" is in triệu), which wins over a đồng name before it.
    """
    before, unit, noted = match["before"], match["unit"], match["noted"]
    code = foreign_currency(before) if before else None
    if code is not None:
        return " ".join(part for part in (before, unit) if part), code
    return unit or noted or before, None
