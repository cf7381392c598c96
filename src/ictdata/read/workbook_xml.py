"""The parts of an .xlsx package that say where each sheet's XML is."""

from __future__ import annotations

import html
import posixpath
import re
import zipfile

_SHEET = re.compile(rb"<(?:\w+:)?sheet\b[^>]*>")
_REL = re.compile(rb"<(?:\w+:)?Relationship\b[^>]*>")
_ATTR = re.compile(rb'\b([\w:]+)="([^"]*)"')  # name="value" pairs of one XML tag
_FULL_CALC = re.compile(rb'<(?:\w+:)?calcPr\b[^>]*\bfullCalcOnLoad="(?:1|true)"')


def attributes(tag: bytes) -> dict[str, str]:
    """The attributes of one XML tag, as text."""
    return {k.decode(): v.decode() for k, v in _ATTR.findall(tag)}


def part_path(target: str) -> str:
    """The path inside the package of a workbook relationship's target (relative to xl/)."""
    path = target.lstrip("/") if target.startswith("/") else posixpath.join("xl", target)
    return posixpath.normpath(path)


def sheet_paths(package: zipfile.ZipFile) -> dict[str, str]:
    """Map each sheet's name to the path of its XML inside the package."""
    workbook = package.read("xl/workbook.xml")
    targets = {}
    for tag in _REL.findall(package.read("xl/_rels/workbook.xml.rels")):
        attrs = attributes(tag)
        targets[attrs.get("Id", "")] = part_path(attrs.get("Target", ""))
    paths = {}
    for tag in _SHEET.findall(workbook):
        attrs = attributes(tag)
        rel = next((v for k, v in attrs.items() if k.endswith(":id")), "")
        name = html.unescape(attrs.get("name", ""))
        if rel in targets:
            paths[name] = targets[rel]
    return paths


def full_calc_on_load(package: zipfile.ZipFile) -> bool:
    """True when the writer asked for recalculation on open (stored results may be placeholders)."""
    return _FULL_CALC.search(package.read("xl/workbook.xml")) is not None
