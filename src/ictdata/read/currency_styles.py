r"""Which cell styles show a number in a foreign currency: 350000 shown "$350,000".

A number format prints a currency as literal text: a currency tag (`[$$-409]`, `[$USD]`,
`[$€-2]`), quoted text (`"$"`), an escaped character (`\$`), or a bare sign (`$`, `€`).
Only the section for positive numbers decides, and only the workbook's own formats
(`<numFmt>`): the built-in currency formats (ids 5-8, 37-44) follow the reader's locale,
the đồng in Vietnam. A đồng format (`#,##0 [$₫-42A]`, `#,##0 "VNĐ"`) is no foreign one.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from ictdata.read.styles import format_codes, style_format_ids, styled_number_cells
from ictdata.read.units import currency_names, foreign_currency

# A currency tag's text (its locale after "-" left out), quoted text, an escaped character.
_TEXT = re.compile(r'\[\$([^\]]*?)(?:-[0-9A-Fa-f]+)?\]|"([^"]*)"|\\(.)')
# What else prints no sign: a colour or condition in brackets, _x (a space), *x (a fill).
_NO_SIGN = re.compile(r"\[[^\]]*\]|_.|\*.")
_SIGNS = tuple(name for name in currency_names() if not any(ch.isalpha() for ch in name))


def format_currency(format_code: str) -> str | None:
    r"""The ISO code of the foreign currency a number format shows its numbers in, else None.

    >>> [format_currency(c) for c in ("[$$-409]#,##0", '"€" 0', "\\$0", "$#,##0", "[$USD] 0")]
    ['USD', 'EUR', 'USD', 'USD', 'USD']
    >>> [format_currency(c) for c in ("#,##0 [$₫-42A]", '#,##0 "VNĐ"', "[$-42A]0", "General")]
    [None, None, None, None]
    """
    first = format_code.split(";", 1)[0]
    pieces = [a or b or c for a, b, c in _TEXT.findall(first)]
    bare = _NO_SIGN.sub(" ", _TEXT.sub(" ", first))
    pieces += [sign for sign in _SIGNS if sign in bare]
    return next((code for piece in pieces if (code := foreign_currency(piece.strip()))), None)


def currency_styles_of(styles_xml: bytes) -> dict[int, str]:
    """The cell styles (a cell's `s`) that show a foreign currency, with its ISO code."""
    shown = {
        number: currency
        for number, code in format_codes(styles_xml).items()
        if (currency := format_currency(code)) is not None
    }
    return {
        index: shown[format_id]
        for index, format_id in enumerate(style_format_ids(styles_xml))
        if format_id in shown
    }


def currency_cells(sheet_xml: bytes, styles: Mapping[int, str]) -> dict[str, str]:
    """The numeric cells of a sheet, with a value, shown in a foreign currency: its ISO code."""
    found: dict[str, str] = {}
    for code in sorted(set(styles.values())):
        styled = frozenset(style for style, shown in styles.items() if shown == code)
        found |= dict.fromkeys(styled_number_cells(sheet_xml, styled), code)
    return found
