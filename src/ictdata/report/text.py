"""The plain-text report: a line per issue, `path:Sheet!F13: error code: message`, a summary."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ictdata.check.codes import Severity
from ictdata.check.issue import FileStatus, Issue, Report, Summary
from ictdata.report.messages import message
from ictdata.report.numbers import Lang

_ROW = {"vi": "dòng", "en": "row"}


def place(issue: Issue, lang: Lang = "vi") -> str | None:
    """Where in the file, or None for the whole file.

    `Sheet!F13`, `F13` (CSV), `Sheet!row 3` / `Sheet!dòng 3` (a whole row, e.g. a header),
    `345` (a line of a CSV or document, as editors jump to it), or `Sheet`.
    """
    if issue.cell is not None:
        return f"{issue.sheet}!{issue.cell}" if issue.sheet is not None else issue.cell
    if issue.row is None:
        return issue.sheet
    if issue.sheet is None:
        return str(issue.row)
    return f"{issue.sheet}!{_ROW[lang]} {issue.row}"


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


def render_text(report: Report, lang: Lang = "vi") -> str:
    """The whole report as text."""
    lines = [issue_line(issue, lang) for issue in report.issues]
    lines += [package_line(package, lang) for package in report.packages]
    lines.append(summary_line(report.summary, lang))
    return "\n".join(lines) + "\n"
