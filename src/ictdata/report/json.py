"""The JSON report (version 1), as documented in the README and pinned by a test."""

from __future__ import annotations

import json
from dataclasses import asdict
from typing import TYPE_CHECKING, Any

from ictdata.check.issue import FileResult, Issue, Report
from ictdata.report.messages import message
from ictdata.report.numbers import Lang

if TYPE_CHECKING:
    from ictdata.check.package import PackageResult

JSON_VERSION = 1


def issue_dict(issue: Issue, lang: Lang) -> dict[str, Any]:
    """One issue: code, severity, place, message, figures in the table's unit."""
    return {
        "code": issue.code.value,
        "severity": issue.severity.value,
        "sheet": issue.sheet,
        "cell": issue.cell,
        "row": issue.row,
        "column": issue.column,
        "message": message(issue, lang),
        "expected": issue.expected,
        "actual": issue.actual,
        "unit": issue.unit,
        "scale_factor": issue.scale_factor,
        "scale_cell": issue.scale_cell,
        "range": issue.range,
        "detail": issue.detail,
        "related_file": issue.related_file,
        "related_sheet": issue.related_sheet,
        "related_cell": issue.related_cell,
        "related_row": issue.related_row,
        "suggestions": issue.suggestions,
        "caused_by": issue.caused_by,
    }


def file_dict(result: FileResult, lang: Lang) -> dict[str, Any]:
    """One file's verdict and issues."""
    return {
        "path": result.path,
        "status": result.status.value,
        "template": result.template,
        "issues": [issue_dict(issue, lang) for issue in result.issues],
    }


def package_dict(package: PackageResult) -> dict[str, Any]:
    """One plan package: what it is and what each file says; its issues are with its files."""
    return {
        "folder": package.folder,
        "manifest": package.manifest,
        "province": package.province,
        "year": package.year,
        "status": package.status.value,
        "files": dict(package.files),
        "issues": len(package.issues),
    }


def report_dict(report: Report, lang: Lang = "vi") -> dict[str, Any]:
    """The report as plain data (`packages` only when some folder was a plan package)."""
    data: dict[str, Any] = {
        "version": JSON_VERSION,
        "files": [file_dict(result, lang) for result in report.files],
        "summary": asdict(report.summary),
    }
    if report.packages:
        data["packages"] = [package_dict(package) for package in report.packages]
    return data


def render_json(report: Report, lang: Lang = "vi") -> str:
    """The report as JSON text (UTF-8, Vietnamese left readable)."""
    return json.dumps(report_dict(report, lang), ensure_ascii=False, indent=2) + "\n"
