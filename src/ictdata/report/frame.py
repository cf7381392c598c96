"""A report as a typed polars frame: the `issues` mart."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import polars as pl

from ictdata.check.codes import CODES, Category, IssueCode, Severity
from ictdata.check.issue import FileResult, Issue, Report
from ictdata.report.json import issue_dict
from ictdata.report.messages import message

ISSUES_SCHEMA: dict[str, pl.DataType] = {
    "file": pl.String(),
    "template": pl.String(),
    "code": pl.Enum([code.value for code in IssueCode]),
    "category": pl.Enum([category.value for category in Category]),
    "severity": pl.Enum([severity.value for severity in Severity]),
    "sheet": pl.String(),
    "cell": pl.String(),
    "row": pl.Int64(),
    "column": pl.String(),
    "expected": pl.Float64(),
    "actual": pl.Float64(),
    "unit": pl.String(),
    "scale_factor": pl.Float64(),
    "scale_cell": pl.String(),
    "range": pl.String(),
    "detail": pl.String(),
    "related_file": pl.String(),
    "related_sheet": pl.String(),
    "related_cell": pl.String(),
    "related_row": pl.Int64(),
    "suggestions": pl.String(),
    "caused_by": pl.String(),
    "limit": pl.String(),
    "message_vi": pl.String(),
    "message_en": pl.String(),
}


def _record(result: FileResult, issue: Issue) -> dict[str, Any]:
    fields = issue_dict(issue, "vi")
    message_vi = fields.pop("message")
    return {
        "file": result.path,
        "template": result.template,
        "category": CODES[issue.code].category.value,
        **fields,
        "message_vi": message_vi,
        "message_en": message(issue, "en"),
    }


def by_path(files: Iterable[FileResult]) -> list[FileResult]:
    """The files' results in path order: a mart's rows never follow the order paths were named."""
    return sorted(files, key=lambda result: result.path)


def issues_frame(report: Report) -> pl.DataFrame:
    """Every issue of `report`, one row each, with messages in both languages."""
    records = [
        _record(result, issue) for result in by_path(report.files) for issue in result.issues
    ]
    return pl.DataFrame(records, schema=ISSUES_SCHEMA)
