"""CI formats: JUnit counts right, SARIF validates against the 2.1.0 schema, GitHub lines parse."""

from __future__ import annotations

import json
import re
from pathlib import Path
from xml.etree import ElementTree as ET

import jsonschema
import pytest

import ictdata
from ictdata.report.github import annotation, render_github
from ictdata.report.junit import render_junit
from ictdata.report.messages import message
from ictdata.report.sarif import sarif_log

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "fixtures"
SCHEMA = json.loads((ROOT / "tests/data/sarif-2.1.0-rtm.5.json").read_text(encoding="utf-8"))
COMMAND = re.compile(r"^::(error|warning) file=[^,:]+(?:,line=\d+)?,title=[^:]+::.+$")


@pytest.fixture(scope="module")
def report() -> ictdata.Report:
    return ictdata.check(FIXTURES)


def test_junit_counts_test_cases_not_failure_elements(report: ictdata.Report) -> None:
    root = ET.fromstring(render_junit(report, "en"))  # noqa: S314  (our own output)
    (suite,) = root.findall("testsuite")
    cases = suite.findall("testcase")
    errored = [c for c in cases if c.findall("error")]
    failed = [c for c in cases if c.findall("failure") and not c.findall("error")]
    assert int(suite.get("tests", "-1")) == len(cases) == len(report.files)
    assert int(suite.get("failures", "-1")) == len(failed) == report.summary.invalid
    assert int(suite.get("errors", "-1")) == len(errored) == report.summary.unreadable
    assert len(cases) - len(failed) - len(errored) == report.summary.valid
    # several files carry more than one error: elements and test cases differ
    assert len(suite.findall("testcase/failure")) > len(failed)
    assert {k: root.get(k) for k in ("tests", "failures", "errors")} == {
        k: suite.get(k) for k in ("tests", "failures", "errors")
    }


def test_junit_failure_message_is_the_issue_message_at_its_cell(report: ictdata.Report) -> None:
    root = ET.fromstring(render_junit(report, "en"))  # noqa: S314
    case = next(
        c for c in root.iter("testcase") if c.get("name", "").endswith("broken/total_mismatch.xlsx")
    )
    (failure,) = case.findall("failure")
    (issue,) = [i for i in report.issues if i.file.endswith("broken/total_mismatch.xlsx")]
    assert failure.get("type") == "total-mismatch"
    assert failure.get("message") == f"Bieu 01!F13: {message(issue, 'en')}"
    assert "Bieu 01!F13" in (failure.text or "")


def test_sarif_validates_against_the_official_schema(report: ictdata.Report) -> None:
    log = sarif_log(report, "en")
    jsonschema.validate(log, SCHEMA)
    run = log["runs"][0]
    assert {rule["id"] for rule in run["tool"]["driver"]["rules"]} == {
        code.value for code in ictdata.IssueCode
    }
    assert len(run["results"]) == len(report.issues)
    assert len(run["artifacts"]) == len(report.files)


def test_sarif_result_points_at_file_row_and_cell() -> None:
    log = sarif_log(ictdata.check(FIXTURES / "broken/total_mismatch.xlsx"), "en")
    (result,) = log["runs"][0]["results"]
    location = result["locations"][0]
    assert result["ruleId"] == "total-mismatch"
    assert location["physicalLocation"]["region"] == {"startLine": 13}
    assert location["logicalLocations"][0]["fullyQualifiedName"] == "Bieu 01!F13"
    assert result["properties"]["expected"] == 11329


def test_github_lines_are_workflow_commands(
    report: ictdata.Report, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)
    lines = render_github(report, "en").splitlines()
    assert len(lines) == len(report.issues) + 1
    assert all(COMMAND.match(line) for line in lines[:-1])


def test_github_escapes_properties_and_data() -> None:
    issue = ictdata.Issue.of(
        ictdata.IssueCode.BAD_NUMBER, "a,b:c.xlsx", sheet="S", cell="A1", row=1, detail="50%\nx"
    )
    line = annotation(issue, "en")
    assert line.startswith("::error file=a%2Cb%3Ac.xlsx,line=1,title=bad-number S!A1::")
    assert "\n" not in line
    assert "50%25\\nx" in line  # the message shows the newline as \n; none reaches the log


def test_github_step_summary_is_appended(
    report: ictdata.Report, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    summary = tmp_path / "summary.md"
    summary.write_text("earlier step\n", encoding="utf-8")
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    render_github(report, "en")
    text = summary.read_text(encoding="utf-8")
    assert text.startswith("earlier step\n## ictdata")
    assert text.count("\n| ") >= len(report.files) + len(report.issues)
