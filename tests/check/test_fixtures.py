"""Every fixture gives exactly the issues its generator declared, at the declared cells."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

import ictdata

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"
EXPECTED_FILES = sorted(
    p.relative_to(FIXTURES).as_posix()
    for p in FIXTURES.rglob("*")
    if p.is_file() and p.suffix in {".xlsx", ".csv", ".txt", ".md", ".docx"}
)
ISSUE_KEYS = (
    "code",
    "severity",
    "sheet",
    "cell",
    "row",
    "expected",
    "actual",
    "scale_factor",
    "scale_cell",
    "related_file",
    "related_sheet",
    "related_cell",
    "related_row",
)


def _in_fixtures(path: str | None) -> str | None:
    """A path as expected.json writes it: relative to fixtures/."""
    if path is None:
        return None
    return Path(path).resolve().relative_to(FIXTURES).as_posix()


def _as_dict(issue: ictdata.Issue) -> dict[str, Any]:
    return {key: getattr(issue, key) for key in ISSUE_KEYS} | {
        "code": issue.code.value,
        "severity": issue.severity.value,
        "related_file": _in_fixtures(issue.related_file),
    }


def _matches(declared: dict[str, Any], issue: ictdata.Issue) -> bool:
    found = _as_dict(issue)
    return all(found[key] == value for key, value in declared.items())


@pytest.fixture(scope="module")
def report() -> ictdata.Report:
    return ictdata.check(FIXTURES)


def test_every_fixture_file_is_declared(expected: dict[str, Any]) -> None:
    assert sorted(expected["files"]) == EXPECTED_FILES


@pytest.mark.parametrize("name", EXPECTED_FILES)
def test_fixture_gives_its_declared_issues(
    name: str, expected: dict[str, Any], report: ictdata.Report
) -> None:
    declared = expected["files"][name]
    result = next(r for r in report.files if r.path.endswith(name))
    assert result.status.value == declared["status"]
    assert len(result.issues) == len(declared["issues"])
    unmatched = [d for d in declared["issues"] if not any(_matches(d, i) for i in result.issues)]
    assert unmatched == []


def test_batch_exit_code_is_two_when_any_file_is_unreadable(
    report: ictdata.Report, expected: dict[str, Any]
) -> None:
    assert report.exit_code == ictdata.ExitCode.UNREADABLE
    declared = [f for f in expected["files"].values() if f["status"] == "unreadable"]
    assert report.summary.unreadable == len(declared)


EXPECTED_PACKAGES = sorted(
    p.parent.relative_to(FIXTURES).as_posix() for p in FIXTURES.glob("packages/*/*.xlsx")
)


@pytest.mark.parametrize("folder", sorted(set(EXPECTED_PACKAGES)))
def test_package_gives_its_declared_outcome(
    folder: str, expected: dict[str, Any], report: ictdata.Report
) -> None:
    declared = expected["packages"][folder]
    (package,) = [p for p in report.packages if _in_fixtures(p.folder) == folder]
    assert package.status.value == declared["status"]
    assert (package.province, package.year) == (declared["province"], declared["year"])
    assert (package.manifest is not None) == declared["manifest"]
    assert package.total_vnd("statement") == declared["total_vnd_statement"]
    assert package.total_vnd("appendix") == declared["total_vnd_appendix"]
    assert package.projects_demand_vnd == declared["demand_vnd_projects"]


def test_every_package_is_declared(expected: dict[str, Any], report: ictdata.Report) -> None:
    found = sorted(_in_fixtures(p.folder) or "" for p in report.packages)
    assert found == sorted(expected["packages"]) == sorted(set(EXPECTED_PACKAGES))
