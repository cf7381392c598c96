"""GitHub Actions: workflow-command annotations, and a Markdown summary for the job page."""

from __future__ import annotations

import os
from pathlib import Path

from ictdata.check.codes import Severity
from ictdata.check.issue import Issue, Report
from ictdata.report.messages import message
from ictdata.report.numbers import Lang
from ictdata.report.text import place, report_line, status_word

STEP_SUMMARY = "GITHUB_STEP_SUMMARY"
HEADERS = {
    "vi": ("| tệp | trạng thái | lỗi | cảnh báo |", "| tệp | vị trí | mã lỗi | nội dung |"),
    "en": ("| file | status | errors | warnings |", "| file | where | code | message |"),
}


def _data(text: str) -> str:
    """Escape a command's message, as the runner expects."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(text: str) -> str:
    """Escape a command property (file, title): also ':' and ','."""
    return _data(text).replace(":", "%3A").replace(",", "%2C")


def annotation(issue: Issue, lang: Lang) -> str:
    """`::error file=...,line=...,title=...::message` for one issue."""
    level = issue.severity.value  # "error" or "warning", as the workflow commands are named
    properties = [f"file={_property(issue.file)}"]
    if issue.row is not None:
        properties.append(f"line={issue.row}")
    where = place(issue, lang) if issue.sheet or issue.cell else None  # line= has a bare row
    title = f"{issue.code.value} {where}" if where else issue.code.value
    properties.append(f"title={_property(title)}")
    return f"::{level} {','.join(properties)}::{_data(message(issue, lang))}"


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def markdown_summary(report: Report, lang: Lang) -> str:
    """A Markdown table of the files, then one of the issues."""
    lines = [
        "## ictdata",
        "",
        report_line(report, lang),
        "",
        HEADERS[lang][0],
    ]
    lines.append("|---|---|---|---|")
    for result in report.files:
        errors = sum(1 for i in result.issues if i.severity is Severity.ERROR)
        warnings = len(result.issues) - errors
        lines.append(
            f"| {_cell(result.path)} | {status_word(result.status, lang)} | {errors} | {warnings} |"
        )
    if report.issues:
        lines += ["", HEADERS[lang][1], "|---|---|---|---|"]
        for issue in report.issues:
            where = place(issue, lang) or ""
            text = _cell(message(issue, lang))
            lines.append(f"| {_cell(issue.file)} | {_cell(where)} | {issue.code.value} | {text} |")
    return "\n".join(lines) + "\n"


def render_github(report: Report, lang: Lang = "vi") -> str:
    """Annotation lines; the summary is appended to $GITHUB_STEP_SUMMARY when it is set."""
    target = os.environ.get(STEP_SUMMARY)
    if target:
        with Path(target).open("a", encoding="utf-8") as summary:
            summary.write(markdown_summary(report, lang))
    lines = [annotation(issue, lang) for issue in report.issues]
    lines.append(report_line(report, lang))
    return "\n".join(lines) + "\n"
