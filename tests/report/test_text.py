from __future__ import annotations

from pathlib import Path

import ictdata
from ictdata.check.issue import Summary
from ictdata.report.text import location, render_text, summary_line

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"


def test_one_line_per_issue_with_sheet_and_cell() -> None:
    report = ictdata.check(FIXTURES / "broken/total_mismatch.xlsx")
    lines = render_text(report, "en").splitlines()
    assert lines[0].startswith(
        f"{FIXTURES.as_posix()}/broken/total_mismatch.xlsx:Bieu 01!F13: error total-mismatch: "
    )
    assert len(lines) == 2


def test_csv_location_has_no_sheet() -> None:
    report = ictdata.check(FIXTURES / "broken/total_mismatch.csv")
    assert location(report.issues[0]).endswith("total_mismatch.csv:K13")


def test_file_level_location_is_the_path() -> None:
    report = ictdata.check(FIXTURES / "unreadable/truncated.xlsx")
    assert location(report.issues[0]) == (FIXTURES / "unreadable/truncated.xlsx").as_posix()


def test_summary_counts() -> None:
    summary = Summary(files=3, valid=1, invalid=1, unreadable=1, errors=4, warnings=2)
    assert [
        int(s) for s in summary_line(summary, "en").replace(";", ",").split() if s.isdigit()
    ] == [3, 1, 1, 1, 4, 2]


def test_summary_counts_the_issues_a_slip_explains() -> None:
    report = ictdata.check(FIXTURES / "broken/scale_slip.xlsx")
    last = render_text(report, "en").splitlines()[-1]
    numbers = [int(s) for s in last.replace(";", ",").replace("(", " ").split() if s.isdigit()]
    assert numbers == [1, 0, 1, 0, 2, 1, 2]  # files by status, errors, warnings, caused_by
    clean = ictdata.check(FIXTURES / "broken/total_mismatch.xlsx")
    assert render_text(clean, "en").splitlines()[-1] == summary_line(clean.summary, "en")
