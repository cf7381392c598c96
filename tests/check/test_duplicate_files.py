"""The same file submitted twice: `duplicate-file` at the later copy, naming the first."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest

import ictdata
from duplicate_fixtures import (
    DUPLICATES,
    FIXTURES,
    STATEMENT,
    STATEMENT_COPY,
    TABLE,
    TABLE_COPY,
)
from ictdata.check import duplicate_files, parallel
from ictdata.check.codes import IssueCode, Severity
from ictdata.check.reading import FileWork, Templates, read_file

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


def test_a_document_in_two_plan_packages_is_counted_once_and_read_by_both() -> None:
    # Six package variants hold the valid package's plan document, byte for byte.
    shared = sorted(
        p
        for p in (FIXTURES / "packages").glob("*/ke_hoach_2014.txt")
        if _sha256(p) == _sha256(FIXTURES / "packages" / "phu_tho_2014" / "ke_hoach_2014.txt")
    )
    assert len(shared) == 6
    report = ictdata.check([FIXTURES / "packages"])
    kept, *later = (path.as_posix() for path in shared)  # the first package folder's
    copies = [(c[0], c[1]) for c in _copies(report) if c[0].endswith(".txt")]
    assert copies == [(copy, kept) for copy in later]
    by_folder = {Path(p.folder).name: p for p in report.packages}
    for path in shared:
        package = by_folder[path.parent.name]
        assert package.files["statement"] == path.as_posix()
        assert package.total_vnd("statement") == 11_553_000_000
    # The valid package stays valid though its document is counted in a broken one.
    assert by_folder["phu_tho_2014"].status.value == "valid"


SEED_TEXT = FIXTURES / "packages" / "phu_tho_2014_seed_text"
LOOSE_TABLE = FIXTURES / "packages" / "ban_sao_bang_du_an_seed_text.xlsx"
SHARED = FIXTURES / "packages" / "shared_table"


def _package(report: ictdata.Report, folder: Path) -> ictdata.PackageResult:
    (found,) = [p for p in report.packages if Path(p.folder).resolve() == folder.resolve()]
    return found


def test_a_loose_copy_of_a_package_file_is_the_copy_though_it_sorts_first() -> None:
    report = ictdata.check([FIXTURES / "packages", FIXTURES / "documents"])
    kept = {copy: first for copy, first, *_ in _copies(report)}
    assert LOOSE_TABLE.as_posix() < (SEED_TEXT / "bang_du_an.xlsx").as_posix()
    assert kept[LOOSE_TABLE.as_posix()] == (SEED_TEXT / "bang_du_an.xlsx").as_posix()
    document = SEED_TEXT / "ke_hoach_4379_nguyen_van.txt"
    assert (
        kept[(FIXTURES / "documents" / "phu_tho_2014_plan.txt").as_posix()] == document.as_posix()
    )
    # The package's files keep their own issues: the seed's slips sit in the package.
    codes = {r.path: [i.code for i in r.issues] for r in report.files}
    assert IssueCode.WORDS_MISMATCH in codes[document.as_posix()]
    package = _package(report, SEED_TEXT)
    assert package.files["projects"] == (SEED_TEXT / "bang_du_an.xlsx").as_posix()
    assert package.projects_demand_vnd == 4_103_000_000


def test_the_same_table_in_two_packages_is_counted_in_the_first_and_read_by_both() -> None:
    report = ictdata.check([FIXTURES / "packages"])
    first = (PACKAGE / "bang_du_an.xlsx").as_posix()
    copy = (SHARED / "bang_du_an.xlsx").as_posix()
    assert (copy, first) in [(c[0], c[1]) for c in _copies(report)]
    shared = _package(report, SHARED)
    # Not reported missing: its roles are inferred from the copy's content, read at the copy.
    assert shared.manifest is None
    assert shared.files["projects"] == copy
    assert (shared.status.value, shared.projects_demand_vnd) == ("valid", 4_103_000_000)
    assert shared.total_vnd("appendix") == 11_553_000_000
    assert shared.issues == ()


def test_a_package_whose_appendix_is_counted_in_another_is_still_a_package(
    tmp_path: Path,
) -> None:
    first, second = tmp_path / "a_goi", tmp_path / "b_goi"
    shutil.copytree(PACKAGE, first)
    shutil.copytree(SHARED, second)  # no manifest: a package only if its appendix is found
    shutil.copy(first / "phu_luc_kinh_phi.xlsx", second / "phu_luc_kinh_phi.xlsx")
    report = ictdata.check(tmp_path)
    copies = {copy: kept for copy, kept, *_ in _copies(report)}
    assert (
        copies[(second / "phu_luc_kinh_phi.xlsx").as_posix()]
        == (first / "phu_luc_kinh_phi.xlsx").as_posix()
    )
    package = _package(report, second)
    assert package.files["appendix"] == (second / "phu_luc_kinh_phi.xlsx").as_posix()
    assert (package.status.value, package.total_vnd("appendix")) == ("valid", 11_553_000_000)


def test_a_copy_of_a_broken_file_carries_its_package_errors_at_the_copy(tmp_path: Path) -> None:
    broken = FIXTURES / "packages" / "broken_project"
    first, second = tmp_path / "a_goi", tmp_path / "b_goi"
    shutil.copytree(broken, first)
    shutil.copytree(PACKAGE, second)
    shutil.copy(first / "bang_du_an.xlsx", second / "bang_du_an.xlsx")
    report = ictdata.check(tmp_path)
    issues = {r.path: [i.code for i in r.issues] for r in report.files}
    mismatch = [IssueCode.CROSS_PROJECT_MISMATCH]
    assert issues[(first / "bang_du_an.xlsx").as_posix()] == mismatch
    # The second package compares the same table with its own appendix: the same error, there.
    assert issues[(second / "bang_du_an.xlsx").as_posix()] == [IssueCode.DUPLICATE_FILE, *mismatch]
    assert _package(report, second).status.value == "invalid"


def test_silent_on_packages_whose_files_differ() -> None:
    folders = [PACKAGE, FIXTURES / "packages" / "broken_total"]
    report = ictdata.check(folders)
    assert _copies(report) == []
    assert [p.status.value for p in report.packages] == ["invalid", "valid"]


def test_the_kept_copy_whatever_order_the_paths_are_named_in() -> None:
    named = [LOOSE_TABLE, SEED_TEXT]
    forward, backward = ictdata.check(named), ictdata.check(named[::-1])
    assert sorted(_copies(forward)) == sorted(_copies(backward))
    assert [c[0] for c in _copies(forward)] == [LOOSE_TABLE.as_posix()]


def _reads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The paths the batch parses, in order (serial reading: batches under 24 files)."""
    read: list[str] = []

    def counting(index: int, path: str, templates: Templates) -> FileWork:
        read.append(path)
        return read_file(index, path, templates)

    monkeypatch.setattr(parallel, "read_file", counting)
    monkeypatch.setattr(duplicate_files, "read_file", counting)
    return read


def test_a_later_copy_is_never_parsed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for number in range(4):
        shutil.copy(TABLE, tmp_path / f"{number}_{TABLE.name}")
    read = _reads(monkeypatch)
    report = ictdata.check(tmp_path)
    assert read == [(tmp_path / f"0_{TABLE.name}").as_posix()]
    assert [c[0] for c in _copies(report)] == [
        (tmp_path / f"{n}_{TABLE.name}").as_posix() for n in (1, 2, 3)
    ]


def test_a_package_file_is_parsed_in_place_of_its_loose_copy(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    package = tmp_path / "phu_tho_2014"
    shutil.copytree(PACKAGE, package)
    loose = tmp_path / "a_bang_du_an.xlsx"  # sorts before the package's file
    shutil.copy(package / "bang_du_an.xlsx", loose)
    read = _reads(monkeypatch)
    report = ictdata.check(tmp_path)
    # The loose copy, first in path order, is parsed once; the package's file is then
    # parsed as the one kept, and each of the package's other files once.
    assert read[0] == loose.as_posix()
    assert read[-1] == (package / "bang_du_an.xlsx").as_posix()
    assert len(set(read)) == len(read)
    assert _copies(report)[0][:2] == (loose.as_posix(), (package / "bang_du_an.xlsx").as_posix())


def test_the_same_bytes_read_as_a_document_and_as_a_table_are_not_copies(tmp_path: Path) -> None:
    data = (FIXTURES / "valid" / "seed_budget.csv").read_bytes()
    for name in ("a.csv", "b.txt"):
        (tmp_path / name).write_bytes(data)
    assert _copies(ictdata.check(tmp_path)) == []


def test_a_text_document_saved_as_markdown_is_a_copy(tmp_path: Path) -> None:
    shutil.copy(STATEMENT, tmp_path / "a.txt")
    shutil.copy(STATEMENT, tmp_path / "b.md")
    assert [c[:2] for c in _copies(ictdata.check(tmp_path))] == [
        ((tmp_path / "b.md").as_posix(), (tmp_path / "a.txt").as_posix())
    ]
