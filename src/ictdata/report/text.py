"""The plain-text report: a line per issue, `path:Sheet!F13: error code: message`, a summary."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ictdata.check.codes import Severity
from ictdata.check.issue import FileStatus, Issue, Report, Summary
from ictdata.report.messages import message
from ictdata.report.numbers import Lang
from ictdata.report.places import place_in_file


def place(issue: Issue, lang: Lang = "vi") -> str | None:
    """Where in the file the issue is (see `place_in_file`), or None for the whole file."""
    return place_in_file(issue.sheet, issue.cell, issue.row, lang)


def location(issue: Issue, lang: Lang = "vi") -> str:
    """`path:Sheet!F13`, `path:F13` (CSV), `path:Sheet!row 3`, `path:345`, or `path`."""
    where = place(issue, lang)
    return issue.file if where is None else f"{issue.file}:{where}"


def issue_line(issue: Issue, lang: Lang) -> str:
    """One issue as a line editors and CI logs can jump from."""
    prefix = f"{location(issue, lang)}: {issue.severity.value} {issue.code.value}"
    return f"{prefix}: {message(issue, lang)}"


if TYPE_CHECKING:
    from ictdata.check.package import PackageResult

_STATUS_VI = {"valid": "hợp lệ", "invalid": "có lỗi", "unreadable": "không đọc được"}
_SEVERITY_VI = {"error": "lỗi", "warning": "cảnh báo"}


def status_word(status: FileStatus, lang: Lang) -> str:
    """A file's or package's status as the reader's language says it (`có lỗi`, `invalid`)."""
    return _STATUS_VI[status.value] if lang == "vi" else status.value


def severity_word(severity: Severity, lang: Lang) -> str:
    """A severity for people to read (`lỗi`, `error`); machine prefixes keep `severity.value`."""
    return _SEVERITY_VI[severity.value] if lang == "vi" else severity.value


def package_line(package: PackageResult, lang: Lang) -> str:
    """One plan package: `folder: plan package Phú Thọ 2014: invalid, 3 file(s), ...`."""
    plan = " ".join(str(part) for part in (package.province, package.year) if part is not None)
    files, cross = len(package.files), len(package.issues)
    status = status_word(package.status, lang)
    if lang == "vi":
        return (
            f"{package.folder}: gói kế hoạch {plan or '?'}: {status}, {files} tệp, "
            f"{cross} lỗi giữa các tệp."
        )
    return (
        f"{package.folder}: plan package {plan or '?'}: {status}, {files} file(s), "
        f"{cross} cross-file issue(s)."
    )


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


def report_line(report: Report, lang: Lang) -> str:
    """The summary line, saying how many issues follow from a slip of scale (`caused_by`)."""
    line = summary_line(report.summary, lang)
    following = sum(1 for issue in report.issues if issue.caused_by is not None)
    if not following:
        return line
    if lang == "vi":
        return f"{line[:-1]} ({following} trong số đó là hệ quả của lỗi ghi nhầm đơn vị)."
    return f"{line[:-1]} ({following} of them follow from a unit slip)."


def render_text(report: Report, lang: Lang = "vi") -> str:
    """The whole report as text."""
    lines = [issue_line(issue, lang) for issue in report.issues]
    lines += [package_line(package, lang) for package in report.packages]
    lines.append(report_line(report, lang))
    return "\n".join(lines) + "\n"
