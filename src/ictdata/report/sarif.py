"""SARIF 2.1.0: a rule per issue code, a result per issue, the file as artifact, row as region."""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import quote

from ictdata.check.codes import CODES, IssueCode
from ictdata.check.issue import Issue, Report
from ictdata.report.messages import message
from ictdata.report.numbers import Lang

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
INFORMATION_URI = "https://github.com/ictdata/ictdata"
_FIGURES = (
    "expected",
    "actual",
    "unit",
    "scale_factor",
    "scale_cell",
    "range",
    "detail",
    "suggestions",
    "caused_by",
)


def _rule(code: IssueCode) -> dict[str, Any]:
    info = CODES[code]
    return {
        "id": code.value,
        "name": "".join(part.title() for part in code.value.split("-")),
        "shortDescription": {"text": info.meaning.split(". ")[0].rstrip(".") + "."},
        "fullDescription": {"text": info.meaning},
        "defaultConfiguration": {"level": info.severity.value},
        "properties": {"category": info.category.value},
    }


def _place(
    file: str, sheet: str | None, cell: str | None, row: int | None, artifact: int | None
) -> dict[str, Any]:
    uri: dict[str, Any] = {"uri": quote(file)}
    if artifact is not None:
        uri["index"] = artifact
    physical: dict[str, Any] = {"artifactLocation": uri}
    if row is not None:
        physical["region"] = {"startLine": row}
    located: dict[str, Any] = {"physicalLocation": physical}
    if cell is not None:
        name = f"{sheet}!{cell}" if sheet else cell
        located["logicalLocations"] = [{"fullyQualifiedName": name, "kind": "element"}]
    return located


def _location(issue: Issue, artifact: int) -> dict[str, Any]:
    return _place(issue.file, issue.sheet, issue.cell, issue.row, artifact)


def _related(issue: Issue, artifacts: list[str]) -> list[dict[str, Any]]:
    """The other file's place of a cross-file issue, as SARIF's relatedLocations."""
    if issue.related_file is None:
        return []
    artifact = artifacts.index(issue.related_file) if issue.related_file in artifacts else None
    place = _place(
        issue.related_file, issue.related_sheet, issue.related_cell, issue.related_row, artifact
    )
    return [{"id": 1, **place}]


def _result(
    issue: Issue, rules: list[IssueCode], artifacts: list[str], lang: Lang
) -> dict[str, Any]:
    figures = {name: getattr(issue, name) for name in _FIGURES if getattr(issue, name) is not None}
    result: dict[str, Any] = {
        "ruleId": issue.code.value,
        "ruleIndex": rules.index(issue.code),
        "level": issue.severity.value,  # SARIF's levels include "error" and "warning"
        "message": {"text": message(issue, lang)},
        "locations": [_location(issue, artifacts.index(issue.file))],
    }
    if related := _related(issue, artifacts):
        result["relatedLocations"] = related
    if figures:
        result["properties"] = figures
    return result


def sarif_log(report: Report, lang: Lang = "vi") -> dict[str, Any]:
    """The report as a SARIF 2.1.0 log (plain data)."""
    from ictdata import __version__  # noqa: PLC0415  (the package root imports this module's users)

    rules = list(IssueCode)
    artifacts = [result.path for result in report.files]
    return {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "ictdata",
                        "version": __version__,
                        "informationUri": INFORMATION_URI,
                        "rules": [_rule(code) for code in rules],
                    }
                },
                "artifacts": [{"location": {"uri": quote(path)}} for path in artifacts],
                "results": [_result(issue, rules, artifacts, lang) for issue in report.issues],
            }
        ],
    }


def render_sarif(report: Report, lang: Lang = "vi") -> str:
    """The report as SARIF 2.1.0 JSON text."""
    return json.dumps(sarif_log(report, lang), ensure_ascii=False, indent=2) + "\n"
