"""The same file submitted twice: `duplicate-file` at the later copy, naming the first."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import ictdata
from duplicate_fixtures import (
    DUPLICATES,
    FIXTURES,
    STATEMENT,
    STATEMENT_COPY,
    TABLE,
    TABLE_COPY,
)
from ictdata.check.codes import IssueCode, Severity

SEED = FIXTURES / "valid" / "seed_budget.xlsx"
TOTAL_MISMATCH = FIXTURES / "broken" / "total_mismatch.xlsx"
PACKAGE = FIXTURES / "packages" / "phu_tho_2014"

Copy = tuple[str, str | None, str | None, str | None, str | None]


def _copies(report: ictdata.Report) -> list[Copy]:
    """(file, related file, sheet, cell, detail) of each duplicate-file issue."""
    return [
        (i.file, i.related_file, i.sheet, i.cell, i.detail)
        for i in report.issues
        if i.code is IssueCode.DUPLICATE_FILE
    ]


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_fires_at_the_later_copy_naming_the_first() -> None:
    report = ictdata.check(DUPLICATES)
    assert _copies(report) == [
        (TABLE_COPY.as_posix(), TABLE.as_posix(), None, None, _sha256(TABLE)),
        (STATEMENT_COPY.as_posix(), STATEMENT.as_posix(), None, None, _sha256(STATEMENT)),
    ]
    assert {i.severity for i in report.issues} == {Severity.WARNING}
    assert report.exit_code == ictdata.ExitCode.VALID


def test_silent_on_different_files_with_the_same_data() -> None:
    # The same table written by two libraries: the same projects, other bytes.
    twins = [SEED, FIXTURES / "valid" / "seed_budget_openpyxl.xlsx"]
    assert _sha256(twins[0]) != _sha256(twins[1])
    assert ictdata.check(twins).issues == ()


def test_silent_on_a_file_named_twice(tmp_path: Path) -> None:
    shutil.copy(SEED, tmp_path / "a.xlsx")
    assert ictdata.check([tmp_path / "a.xlsx", tmp_path, tmp_path / "a.xlsx"]).issues == ()


def test_empty_files_are_unreadable_never_copies(tmp_path: Path) -> None:
    (tmp_path / "a.csv").write_bytes(b"")
    (tmp_path / "b.csv").write_bytes(b"")
    codes = [i.code for i in ictdata.check(tmp_path).issues]
    assert codes == [IssueCode.UNREADABLE_FILE] * 2


def test_the_first_in_path_order_whatever_order_the_paths_are_named_in() -> None:
    forward = ictdata.check([TABLE, TABLE_COPY, STATEMENT, STATEMENT_COPY])
    backward = ictdata.check([STATEMENT_COPY, TABLE_COPY, STATEMENT, TABLE])
    assert sorted(_copies(forward)) == sorted(_copies(backward))
    assert {c[0] for c in _copies(backward)} == {TABLE_COPY.as_posix(), STATEMENT_COPY.as_posix()}


def test_a_copy_of_an_invalid_file_leaves_its_errors_at_the_first(tmp_path: Path) -> None:
    first, copy = tmp_path / "a" / "bieu.xlsx", tmp_path / "b" / "bieu.xlsx"
    for path in (first, copy):
        path.parent.mkdir()
        shutil.copy(TOTAL_MISMATCH, path)
    report = ictdata.check([copy, first])
    by_file = {r.path: [(i.code, i.severity) for i in r.issues] for r in report.files}
    assert by_file == {
        copy.as_posix(): [(IssueCode.DUPLICATE_FILE, Severity.WARNING)],
        first.as_posix(): [(IssueCode.TOTAL_MISMATCH, Severity.ERROR)],
    }
    # The batch exits as it would without the copy: 1 for the first copy's error.
    assert report.exit_code == ictdata.check(first).exit_code == ictdata.ExitCode.INVALID
    assert [r.status.value for r in report.files] == ["valid", "invalid"]


def test_a_copy_inside_a_plan_package_leaves_the_package_whole(tmp_path: Path) -> None:
    package = tmp_path / "phu_tho_2014"
    shutil.copytree(PACKAGE, package)
    # "ban_sao_" sorts before the file the manifest names: the manifest's file is kept.
    shutil.copy(package / "bang_du_an.xlsx", package / "ban_sao_bang_du_an.xlsx")
    report = ictdata.check(tmp_path)
    assert _copies(report) == [
        (
            (package / "ban_sao_bang_du_an.xlsx").as_posix(),
            (package / "bang_du_an.xlsx").as_posix(),
            None,
            None,
            _sha256(package / "bang_du_an.xlsx"),
        )
    ]
    (found,) = report.packages
    assert found.status.value == "valid"
    assert found.projects_demand_vnd == ictdata.check(PACKAGE).packages[0].projects_demand_vnd


def test_two_plan_packages_may_hold_the_same_document() -> None:
    # Every broken package variant holds the valid package's plan document, byte for byte.
    shared = [
        FIXTURES / "packages" / p / "ke_hoach_2014.txt" for p in ("phu_tho_2014", "broken_project")
    ]
    assert _sha256(shared[0]) == _sha256(shared[1])
    report = ictdata.check([FIXTURES / "packages"])
    assert _copies(report) == []
    assert all(p.statement is not None for p in report.packages)
