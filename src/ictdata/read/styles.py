r"""Which cell styles of a workbook show a number as a percentage (44 % stored as 0.44).

A cell's `s="N"` attribute indexes `<cellXfs>` in the styles part; that `<xf>`'s
`numFmtId` is a built-in format (9 is "0%", 10 is "0.00%") or one of the workbook's
`<numFmt formatCode="...">`. A format shows its number times 100 when its first section
(the one for positive numbers) holds a "%" that is not literal text: `0.0%` and
`[Red]0%` do, `0" %"` and `0\%` do not (Excel prints those as they are, unscaled).
"""

from __future__ import annotations

import html
import re
import zipfile

from ictdata.read.workbook_xml import attributes, part_path

BUILT_IN_PERCENT = frozenset({9, 10})  # "0%" and "0.00%" (ECMA-376, 18.8.30)
DEFAULT_STYLES = "xl/styles.xml"
_STYLES_TYPE = "/relationships/styles"
_RELATIONSHIP = re.compile(rb"<(?:\w+:)?Relationship\b[^>]*>")
_NUM_FMT = re.compile(rb"<(?:\w+:)?numFmt\b[^>]*>")
_CELL_XFS = re.compile(rb"<(?:\w+:)?cellXfs\b[^>]*>(.*?)</(?:\w+:)?cellXfs>", re.DOTALL)
_XF = re.compile(rb"<(?:\w+:)?xf\b[^>]*>")
# Literal text in a format: "quoted", \x escaped, _x (a space as wide as x), *x (fill), [Red].
_LITERAL = re.compile(r'"[^"]*"|\\.|_.|\*.|\[[^\]]*\]')
_NUMERIC = (b"", b"n")  # a cell's `t`: none (a number) or "n"
_HEAD = 18  # '<c r="XFD1048576" ': the longest start of a cell tag before its s="N"
# A cell tag's start ending where its s="N" begins; heads are joined by NUL (never in XML).
_ADDRESS = re.compile(rb'<c r="([A-Z]{1,3}[0-9]{1,7})" (?=\0)')


def shows_percent(format_code: str) -> bool:
    r"""True when a number format code shows its number as a percentage (times 100).

    >>> [shows_percent(c) for c in ("0%", "#,##0.0%;[Red]-0.0%", '0" %"', "0\\%", "General")]
    [True, True, False, False, False]
    """
    unquoted = _LITERAL.sub("", format_code)
    return "%" in unquoted.split(";", 1)[0]


def percent_styles(package: zipfile.ZipFile) -> frozenset[int]:
    """The indexes into `<cellXfs>` (a cell's `s`) whose number format shows a percentage.

    Empty when the workbook has no styles part or none of its styles is a percentage.
    """
    return percent_styles_of(styles_xml(package))


def styles_xml(package: zipfile.ZipFile) -> bytes:
    """The workbook's styles part, or empty bytes when it has none."""
    path = _styles_path(package)
    return package.read(path) if path in package.namelist() else b""


def percent_styles_of(styles_xml: bytes) -> frozenset[int]:
    """`percent_styles` from the styles part's XML."""
    percent_formats = set(BUILT_IN_PERCENT)
    for number, code in format_codes(styles_xml).items():
        # A workbook may redefine a built-in id: its own code decides.
        if shows_percent(code):
            percent_formats.add(number)
        else:
            percent_formats.discard(number)
    return frozenset(
        index
        for index, format_id in enumerate(style_format_ids(styles_xml))
        if format_id in percent_formats
    )


def format_codes(styles_xml: bytes) -> dict[int, str]:
    """The workbook's own number formats (`<numFmt>`): their code by their id."""
    codes = {}
    for tag in _NUM_FMT.findall(styles_xml):
        attrs = attributes(tag)
        number = attrs.get("numFmtId", "")
        if number.isdigit():
            codes[int(number)] = html.unescape(attrs.get("formatCode", ""))
    return codes


def style_format_ids(styles_xml: bytes) -> list[int]:
    """The number format id of each cell style (`<cellXfs>`), in order: a cell's `s` indexes it."""
    cell_xfs = _CELL_XFS.search(styles_xml)
    return [] if cell_xfs is None else [_format_id(tag) for tag in _XF.findall(cell_xfs[1])]


def _format_id(xf_tag: bytes) -> int:
    number = attributes(xf_tag).get("numFmtId", "0")
    return int(number) if number.isdigit() else 0


def _styles_path(package: zipfile.ZipFile) -> str:
    """The styles part named by the workbook's relationships (xl/styles.xml when none does)."""
    try:
        rels = package.read("xl/_rels/workbook.xml.rels")
    except KeyError:
        return DEFAULT_STYLES
    for tag in _RELATIONSHIP.findall(rels):
        attrs = attributes(tag)
        if attrs.get("Type", "").endswith(_STYLES_TYPE):
            return part_path(attrs.get("Target", ""))
    return DEFAULT_STYLES


def styled_number_cells(sheet_xml: bytes, styles: frozenset[int]) -> frozenset[str]:
    """The numeric cells of a sheet (no `t`, or `t="n"`) whose style is in `styles`, with a value.

    Found as `float_cells` are, without walking every cell: one search for the styles'
    literal `s="N"` (most sheets hold none), which also keeps the bytes before each; the
    cells' addresses are then read from those bytes, as every writer orders a cell's
    attributes (`r`, `s`, `t`). A sheet where that does not account for every styled tag
    is scanned again with an expression that allows any order. A cell without `s` has
    style 0, which writers keep General: it is not looked for.
    """
    if not styles:
        return frozenset()
    names = b"|".join(str(style).encode() for style in sorted(styles))
    styled = _styled(names).findall(sheet_xml)
    if not styled:
        return frozenset()
    # "/>" and "></c>" (lxml's way) close a cell that holds nothing.
    heads = [
        head
        for head, kind, empty, end, _ in styled
        if kind in _NUMERIC and end == b">" and not empty
    ]
    found = _ADDRESS.findall(b"\0".join([*heads, b""]))
    if len(found) == len(heads) and all(end or row for *_, end, row in styled):
        return frozenset(cell.decode() for cell in found)
    return frozenset(cell.decode() for cell in _any_order(names).findall(sheet_xml))


def _styled(names: bytes) -> re.Pattern[bytes]:
    """Every ` s="N"` of the styles `names`: the bytes before it, `t`, "/" and ">" after it.

    The last three are empty when other attributes follow ("/", and ">" or "></c>" as
    lxml closes an empty cell, say a cell holds nothing); the fifth is "customFormat" on
    a row styled as a whole (`<row r="5" s="3" customFormat="1">`), which holds no value.
    The root element's start tag is always longer than `_HEAD` bytes, so no cell is missed
    at the start of the XML.
    """
    # The style is looked at first: in sheets whose every cell has a style, most `s="` fail there.
    return re.compile(
        rb's="(?=(?:'
        + names
        + rb')")(?<=\ss=")(?<=(.{%d})s=")(?:' % _HEAD
        + names
        + rb')"(?:(?: t="([^"]*)")?\s*(/?)(>(?:</c>)?)|\s(customFormat)=)?',
        re.DOTALL,
    )


def _any_order(names: bytes) -> re.Pattern[bytes]:
    """Cell tags styled among `names`, with a value, `t` none or "n", attributes in any order."""
    return re.compile(
        rb'<c\b(?=[^>]*\sr="([A-Z]+[0-9]+)")(?=[^>]*\ss="(?:' + names + rb')")'
        rb'(?![^>]*\st="(?!n")[^"]*")[^>]*(?<!/)>(?!</c>)'
    )
