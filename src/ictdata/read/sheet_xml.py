"""What calamine does not tell: merges, formulas, fractional and error cells.

The sheet XML is scanned with byte-level regular expressions, one pass per
kind of element, so the scan costs little next to reading the values. Shared
formulas are expanded to each cell they cover.
"""

from __future__ import annotations

import html
import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from ictdata.read.cells import CellRange, column_index, column_letter, split_cell
from ictdata.read.currency_styles import currency_cells
from ictdata.read.grid import Formula
from ictdata.read.styles import styled_number_cells
from ictdata.read.workbook_xml import attributes

_MERGE = re.compile(rb'<mergeCell\b[^>]*\bref="([A-Z]+[0-9]+(?::[A-Z]+[0-9]+)?)"')
_CELL_REF = rb'<c\b(?=[^>]*\br="([A-Z]+[0-9]+)")'
_FORMULA_PART = rb"(?:<f\b[^>]*/>|<f\b[^>]*>[^<]*</f>)?"
_FRACTIONAL_VALUE = re.compile(rb"<v>-?[0-9]*[.Ee][^<]*</v>")
# Each fractional value ends with its last mark and digits: literal-led searches find them.
_FRACTION_HINTS = tuple(re.compile(re.escape(m) + rb"[-+0-9]*\s*</v>") for m in (b".", b"E", b"e"))
_ERROR_CELL = re.compile(
    _CELL_REF + rb'(?=[^>]*\bt="e")[^>]*>' + _FORMULA_PART + rb"<v>([^<]*)</v>"
)
_FIRST_VALUE = re.compile(
    rb'<c\b[^>]*?\br="[A-Z]+([0-9]+)"[^>]*>' + _FORMULA_PART + rb"(?:<v>[^<]|<is>)"
)
_F_OPEN = re.compile(rb"<f\b")
_PREFIX = re.compile(rb"<([A-Za-z_][\w.-]*):worksheet\b")
# A reference stands alone: not inside a name (DEC2HEX, sheet KH2014!) and not in a "string".
_REF = re.compile(r'("[^"]*")|(?<![A-Za-z0-9_.])(\$?)([A-Z]{1,3})(\$?)([0-9]+)(?![A-Za-z0-9_(!])')


@dataclass(frozen=True)
class SheetFacts:
    """Facts of one sheet that the value reader does not give."""

    merges: tuple[CellRange, ...]
    formulas: Mapping[str, Formula]
    float_cells: frozenset[str]
    errors: Mapping[str, str]
    first_value_row: int | None
    percent_cells: frozenset[str] = frozenset()
    currency_cells: Mapping[str, str] = field(default_factory=dict)


def unprefixed(xml: bytes) -> bytes:
    """The XML with a namespace prefix on element names removed (`<x:c>` as `<c>`)."""
    found = _PREFIX.search(xml[:4096])
    if found is None:
        return xml
    return re.sub(rb"<(/?)" + re.escape(found[1]) + rb":", rb"<\1", xml)


def scan_sheet(
    xml: bytes,
    percent_styles: frozenset[int] = frozenset(),
    currency_styles: Mapping[int, str] | None = None,
) -> SheetFacts:
    """Scan one worksheet's XML; `percent_styles` and `currency_styles` are the workbook's.

    See `read.styles` and `read.currency_styles`.
    """
    xml = unprefixed(xml)
    first = _FIRST_VALUE.search(xml)
    return SheetFacts(
        merges=tuple(CellRange.parse(m.decode()) for m in _MERGE.findall(xml)),
        formulas=_formulas(xml),
        float_cells=_float_cells(xml),
        errors=_errors(xml),
        first_value_row=int(first[1]) if first else None,
        percent_cells=styled_number_cells(xml, percent_styles),
        currency_cells=currency_cells(xml, currency_styles or {}),
    )


def _float_cells(xml: bytes) -> frozenset[str]:
    """Numeric cells whose stored value has a fraction or an exponent.

    Found from the values (rare in integer tables), not by walking every cell:
    a value's last "." or exponent mark is searched for as a literal (3x faster
    than matching every `<v>`), then its cell tag is read for address and type.
    """
    found = set()
    for hint in _FRACTION_HINTS:
        for mark in hint.finditer(xml):
            start = xml.rfind(b"<v>", 0, mark.start())
            value = _FRACTIONAL_VALUE.match(xml, start) if start >= 0 else None
            if value is None or value.end() != mark.end():
                continue
            tag_start = xml.rfind(b"<c", 0, start)
            attrs = attributes(xml[tag_start : xml.find(b">", tag_start) + 1])
            if attrs.get("t", "n") == "n" and "r" in attrs:
                found.add(attrs["r"])
    return frozenset(found)


def _errors(xml: bytes) -> dict[str, str]:
    """Cells holding an error value (#DIV/0!, #REF!)."""
    if b't="e"' not in xml:
        return {}
    return {m[1].decode(): m[2].decode() for m in _ERROR_CELL.finditer(xml)}


def _formulas(xml: bytes) -> dict[str, Formula]:
    """Every formula cell, shared formulas expanded from their master cell."""
    found: dict[str, Formula] = {}
    masters: dict[str, tuple[str, str]] = {}
    pending: list[tuple[str, str, Formula]] = []
    for match in _F_OPEN.finditer(xml):
        start = xml.rfind(b"<c", 0, match.start())
        end = xml.find(b"</c>", match.start())
        if start < 0 or end < 0:
            continue
        cell_xml = xml[start:end]
        tag_end = cell_xml.find(b">")
        cell = attributes(cell_xml[:tag_end]).get("r")
        if cell is None:
            continue
        f_tag_end = cell_xml.find(b">", match.start() - start)
        f_attrs = attributes(cell_xml[match.start() - start : f_tag_end])
        text = _between(cell_xml, b"<f", b"</f>")
        value = _between(cell_xml, b"<v", b"</v>")
        formula = Formula(
            text=html.unescape(text) if text else "",
            cached=html.unescape(value) if value else None,
            cached_type=attributes(cell_xml[:tag_end]).get("t"),
        )
        shared = f_attrs.get("si") if f_attrs.get("t") == "shared" else None
        if shared is not None and formula.text:
            masters[shared] = (cell, formula.text)
        elif shared is not None:
            pending.append((shared, cell, formula))
            continue
        found[cell] = formula
    for shared, cell, formula in pending:
        if shared in masters:
            origin, text = masters[shared]
            found[cell] = Formula(
                shift_formula(text, origin, cell), formula.cached, formula.cached_type
            )
    return found


def _between(cell_xml: bytes, open_tag: bytes, close_tag: bytes) -> str | None:
    start = cell_xml.find(open_tag)
    if start < 0:
        return None
    body_start = cell_xml.find(b">", start) + 1
    if cell_xml[body_start - 2 : body_start] == b"/>":
        return None
    body_end = cell_xml.find(close_tag, body_start)
    return cell_xml[body_start:body_end].decode() if body_end >= 0 else None


def shift_formula(text: str, origin: str, target: str) -> str:
    """Move the relative references of a shared formula from `origin` to `target`.

    >>> shift_formula("SUM(F5:F12)", "F13", "H13")
    'SUM(H5:H12)'
    >>> shift_formula("$A$1+B2", "C3", "D5")
    '$A$1+C4'
    """
    origin_col, origin_row = split_cell(origin)
    target_col, target_row = split_cell(target)
    d_col = column_index(target_col) - column_index(origin_col)
    d_row = target_row - origin_row

    def move(ref: re.Match[str]) -> str:
        literal, col_abs, col, row_abs, row = ref.groups()
        if literal is not None:
            return literal
        new_col = col if col_abs else column_letter(column_index(col) + d_col)
        new_row = row if row_abs else str(int(row) + d_row)
        return f"{col_abs}{new_col}{row_abs}{new_row}"

    return _REF.sub(move, text)
