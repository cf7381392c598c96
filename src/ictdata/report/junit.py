"""JUnit XML: one testsuite per run, one testcase per file, one failure per error.

Unreadable files are `<error>`s (the check could not run); warnings go to the
testcase's `<system-out>` so CI dashboards show them without failing. The
suite's `failures` and `errors` count test cases (files), as GitLab and Jenkins
read them: `tests - failures - errors` files passed.
"""

from __future__ import annotations

import re
from xml.etree import ElementTree as ET

from ictdata.check.codes import IssueCode, Severity
from ictdata.check.issue import FileResult, Issue, Report
from ictdata.report.messages import message
from ictdata.report.numbers import Lang
from ictdata.report.text import issue_line, place

SUITE = "ictdata check"


_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _xml(text: str) -> str:
    """Text with the characters XML 1.0 forbids replaced."""
    return _NOT_XML.sub("\ufffd", text)


def _failure(parent: ET.Element, issue: Issue, lang: Lang) -> None:
    tag = "error" if issue.code is IssueCode.UNREADABLE_FILE else "failure"
    where = place(issue, lang)
    text = message(issue, lang)
    summary = f"{where}: {text}" if where else text
    element = ET.SubElement(parent, tag, {"type": issue.code.value, "message": _xml(summary)})
    element.text = _xml(issue_line(issue, lang))


def _testcase(suite: ET.Element, result: FileResult, lang: Lang) -> ET.Element:
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
    return case


def render_junit(report: Report, lang: Lang = "vi") -> str:
    """The report as JUnit XML."""
    root = ET.Element("testsuites", {"name": "ictdata"})
    suite = ET.SubElement(root, "testsuite", {"name": SUITE})
    cases = [_testcase(suite, result, lang) for result in report.files]
    errored = sum(1 for case in cases if case.find("error") is not None)
    failed = sum(
        1 for case in cases if case.find("error") is None and case.find("failure") is not None
    )
    counts = {
        "tests": str(len(cases)),
        "failures": str(failed),
        "errors": str(errored),
        "skipped": "0",
    }
    for element in (root, suite):
        element.attrib.update(counts)
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
