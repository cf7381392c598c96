"""Issues and reports: what the checks found, as immutable data.

An `Issue` carries its place in the original file (sheet, A1 cell, 1-based
row, column letter) and its figures in the table's own unit. A `Report` holds
one `FileResult` per input and answers the questions CI asks: valid? exit code?
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from ictdata.check.codes import CODES, IssueCode, Severity

if TYPE_CHECKING:
    from ictdata.check.package import PackageResult

Figure = int | float


class FileStatus(StrEnum):
    """The verdict on one input file."""

    VALID = "valid"
    INVALID = "invalid"
    UNREADABLE = "unreadable"


class ExitCode:
    """Process exit codes: CI must tell bad data from a broken run."""

    VALID = 0
    INVALID = 1
    UNREADABLE = 2


def figure(amount_vnd: int | None, multiplier: int) -> Figure | None:
    """Express an amount in đồng in the table's unit, as an int when it is whole.

    >>> figure(11_329_000_000, 10**6), figure(4_500_000, 10**6)
    (11329, 4.5)
    """
    if amount_vnd is None:
        return None
    whole, rest = divmod(amount_vnd, multiplier)
    return whole if rest == 0 else amount_vnd / multiplier


@dataclass(frozen=True, slots=True)
class Issue:
    """One problem found in one place.

    Build issues with `Issue.of`, which fills the code's default severity.
    """

    code: IssueCode
    severity: Severity
    file: str
    sheet: str | None = None
    cell: str | None = None
    row: int | None = None
    column: str | None = None
    expected: Figure | None = None
    actual: Figure | None = None
    unit: str | None = None
    scale_factor: Figure | None = None
    scale_cell: str | None = None
    range: str | None = None
    detail: str | None = None
    # The other place of a cross-file issue (the same plan's other file).
    related_file: str | None = None
    related_sheet: str | None = None
    related_cell: str | None = None
    related_row: int | None = None
    # What the reference data holds nearest to a value it lacks (the closest unit names).
    suggestions: str | None = None
    # The place of a slip of scale (`F12`, `F5:F13`) whose undoing clears this issue.
    caused_by: str | None = None
    # Which limit a file too large to read is over (`unreadable-file`): a `read.unreadable.Limit`.
    limit: str | None = None

    @classmethod
    def of(cls, code: IssueCode, file: str, **fields: Any) -> Issue:  # noqa: ANN401
        """Return an issue of `code` in `file` with the code's default severity."""
        return cls(code=code, severity=CODES[code].severity, file=file, **fields)

    def sort_key(self) -> tuple[str, str, int, int, str, bool, str]:
        """Order issues by file, sheet, row, column, code: stable across runs.

        At one cell, an issue a slip of scale explains comes after the others (its cause).
        """
        column = self.column or ""
        return (
            self.file,
            self.sheet or "",
            self.row or 0,
            len(column),
            column,
            self.caused_by is not None,
            self.code.value,
        )


@dataclass(frozen=True, slots=True)
class FileResult:
    """The issues of one input file, and which template it was read as."""

    path: str
    template: str | None
    issues: tuple[Issue, ...] = field(default=())

    @property
    def status(self) -> FileStatus:
        """Unreadable beats invalid beats valid; warnings leave a file valid."""
        codes = {issue.code for issue in self.issues}
        if IssueCode.UNREADABLE_FILE in codes:
            return FileStatus.UNREADABLE
        if any(issue.severity is Severity.ERROR for issue in self.issues):
            return FileStatus.INVALID
        return FileStatus.VALID

    def with_issues(self, issues: tuple[Issue, ...]) -> FileResult:
        """Return a copy holding `issues` in their stable order."""
        return replace(self, issues=tuple(sorted(issues, key=Issue.sort_key)))


@dataclass(frozen=True, slots=True)
class Summary:
    """Counts over a report, as the JSON report's `summary` shows them."""

    files: int
    valid: int
    invalid: int
    unreadable: int
    errors: int
    warnings: int


@dataclass(frozen=True, slots=True)
class Report:
    """What checking a set of files found; `packages` are the plan packages among them."""

    files: tuple[FileResult, ...]
    packages: tuple[PackageResult, ...] = ()

    @property
    def issues(self) -> tuple[Issue, ...]:
        """Every issue of every file, in file order."""
        return tuple(issue for result in self.files for issue in result.issues)

    @property
    def valid(self) -> bool:
        """True when no file has an error (warnings allowed)."""
        return all(result.status is FileStatus.VALID for result in self.files)

    @property
    def exit_code(self) -> int:
        """0 all valid, 1 some file has a data error, 2 some file is unreadable."""
        statuses = {result.status for result in self.files}
        if FileStatus.UNREADABLE in statuses:
            return ExitCode.UNREADABLE
        if FileStatus.INVALID in statuses:
            return ExitCode.INVALID
        return ExitCode.VALID

    @property
    def strict_exit_code(self) -> int:
        """`exit_code`, where a warning fails the run too (1): for CI that lets no warning by."""
        if self.exit_code == ExitCode.VALID and any(
            issue.severity is Severity.WARNING for issue in self.issues
        ):
            return ExitCode.INVALID
        return self.exit_code

    @property
    def summary(self) -> Summary:
        """Counts of files by status and of issues by severity."""
        statuses = [result.status for result in self.files]
        severities = [issue.severity for issue in self.issues]
        return Summary(
            files=len(self.files),
            valid=statuses.count(FileStatus.VALID),
            invalid=statuses.count(FileStatus.INVALID),
            unreadable=statuses.count(FileStatus.UNREADABLE),
            errors=severities.count(Severity.ERROR),
            warnings=severities.count(Severity.WARNING),
        )
