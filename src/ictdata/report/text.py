"""The plain-text report: a line per issue, `path:Sheet!F13: error code: message`, a summary."""

from __future__ import annotations

from ictdata.check.issue import Issue, Report, Summary
from ictdata.report.messages import message
from ictdata.report.numbers import Lang


def location(issue: Issue) -> str:
    """`path:Sheet!F13`, `path:F13` (CSV), `path:Sheet!row 3`, or `path` for file-level issues."""
    place = issue.cell or (f"{issue.row}" if issue.row is not None else None)
    if place is None:
        return issue.file if issue.sheet is None else f"{issue.file}:{issue.sheet}"
    return (
        f"{issue.file}:{issue.sheet}!{place}"
        if issue.sheet is not None
        else f"{issue.file}:{place}"
    )


def issue_line(issue: Issue, lang: Lang) -> str:
    """One issue as a line editors and CI logs can jump from."""
    return f"{location(issue)}: {issue.severity.value} {issue.code.value}: {message(issue, lang)}"


def summary_line(summary: Summary, lang: Lang) -> str:
    """The closing line: files by status, issues by severity."""
    s = summary
    if lang == "vi":
        return (
            f"{s.files} tệp: {s.valid} hợp lệ, {s.invalid} có lỗi, {s.unreadable} không đọc được; "
            f"{s.errors} lỗi, {s.warnings} cảnh báo."
        )
    return (
        f"{s.files} file(s): {s.valid} valid, {s.invalid} invalid, {s.unreadable} unreadable; "
        f"{s.errors} error(s), {s.warnings} warning(s)."
    )


def render_text(report: Report, lang: Lang = "vi") -> str:
    """The whole report as text."""
    lines = [issue_line(issue, lang) for issue in report.issues]
    lines.append(summary_line(report.summary, lang))
    return "\n".join(lines) + "\n"
