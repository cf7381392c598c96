"""JUnit XML: one testsuite per run, one testcase per file, one failure per error.

Unreadable files are `<error>`s (the check could not run); warnings go to the
testcase's `<system-out>` so CI dashboards show them without failing.
"""

from __future__ import annotations

import re
from xml.etree import ElementTree as ET

from ictdata.check.codes import IssueCode, Severity
from ictdata.check.issue import FileResult, Issue, Report
from ictdata.report.numbers import Lang
from ictdata.report.text import issue_line, location

SUITE = "ictdata check"


_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _xml(text: str) -> str:
    """Text with the characters XML 1.0 forbids replaced."""
    return _NOT_XML.sub("\ufffd", text)


def _failure(parent: ET.Element, issue: Issue, lang: Lang) -> None:
    tag = "error" if issue.code is IssueCode.UNREADABLE_FILE else "failure"
    element = ET.SubElement(
        parent, tag, {"type": issue.code.value, "message": _xml(location(issue))}
    )
    element.text = _xml(issue_line(issue, lang))


def _testcase(suite: ET.Element, result: FileResult, lang: Lang) -> None:
    case = ET.SubElement(
        suite,
        "testcase",
        {"classname": f"ictdata.{result.template or 'unknown'}", "name": result.path},
    )
    warnings = []
    for issue in result.issues:
        if issue.severity is Severity.ERROR:
            _failure(case, issue, lang)
        else:
            warnings.append(issue_line(issue, lang))
    if warnings:
        ET.SubElement(case, "system-out").text = "\n".join(warnings)


def render_junit(report: Report, lang: Lang = "vi") -> str:
    """The report as JUnit XML."""
    errors = [i for i in report.issues if i.severity is Severity.ERROR]
    unreadable = sum(1 for i in errors if i.code is IssueCode.UNREADABLE_FILE)
    counts = {
        "tests": str(len(report.files)),
        "failures": str(len(errors) - unreadable),
        "errors": str(unreadable),
        "skipped": "0",
    }
    root = ET.Element("testsuites", {"name": "ictdata", **counts})
    suite = ET.SubElement(root, "testsuite", {"name": SUITE, **counts})
    for result in report.files:
        _testcase(suite, result, lang)
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
