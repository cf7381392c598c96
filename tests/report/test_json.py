"""The JSON report's shape is pinned: CI integrations depend on it."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import ictdata
from ictdata.report.json import render_json, report_dict

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"
ISSUE_KEYS = [
    "code",
    "severity",
    "sheet",
    "cell",
    "row",
    "column",
    "message",
    "expected",
    "actual",
    "unit",
    "scale_factor",
    "scale_cell",
    "range",
    "detail",
    "related_file",
    "related_sheet",
    "related_cell",
    "related_row",
    "suggestions",
    "caused_by",
]


def _report(*names: str) -> dict[str, Any]:
    report = ictdata.check([FIXTURES / name for name in names])
    data: dict[str, Any] = json.loads(render_json(report, "en"))
    return data


def test_top_level_shape() -> None:
    data = _report("broken/total_mismatch.xlsx")
    assert list(data) == ["version", "files", "summary"]
    assert data["version"] == 1
    assert data["summary"] == {
        "files": 1,
        "valid": 0,
        "invalid": 1,
        "unreadable": 0,
        "errors": 1,
        "warnings": 0,
    }


def test_issue_shape_and_figures() -> None:
    (file,) = _report("broken/total_mismatch.xlsx")["files"]
    assert list(file) == ["path", "status", "template", "issues"]
    assert (file["status"], file["template"]) == ("invalid", "project_budget")
    (issue,) = file["issues"]
    assert list(issue) == ISSUE_KEYS
    without_message = {k: v for k, v in issue.items() if k != "message"}
    assert without_message == {
        "code": "total-mismatch",
        "severity": "error",
        "sheet": "Bieu 01",
        "cell": "F13",
        "row": 13,
        "column": "F",
        "expected": 11329,
        "actual": 11392,
        "unit": "triệu VNĐ",
        "scale_factor": None,
        "scale_cell": None,
        "range": "F5:F12",
        "detail": None,
        "related_file": None,
        "related_sheet": None,
        "related_cell": None,
        "related_row": None,
        "suggestions": None,
        "caused_by": None,
    }


def test_csv_issue_has_no_sheet() -> None:
    (file,) = _report("broken/total_mismatch.csv")["files"]
    (issue,) = file["issues"]
    assert (issue["sheet"], issue["cell"], issue["row"]) == (None, "K13", 13)


def test_unreadable_file_shape() -> None:
    (file,) = _report("unreadable/empty_file.xlsx")["files"]
    assert (file["status"], file["template"]) == ("unreadable", None)
    (issue,) = file["issues"]
    assert (issue["code"], issue["sheet"], issue["cell"], issue["row"]) == (
        "unreadable-file",
        None,
        None,
        None,
    )


def test_vietnamese_is_the_default_language_and_kept_readable() -> None:
    report = ictdata.check(FIXTURES / "broken/total_mismatch.xlsx")
    text = render_json(report)
    assert "\\u" not in text
    assert (
        report_dict(report)["files"][0]["issues"][0]["message"]
        != report_dict(report, "en")["files"][0]["issues"][0]["message"]
    )
