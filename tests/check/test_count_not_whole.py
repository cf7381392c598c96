"""A count in a unit report is a whole number: 120,5 people is refused, not loaded."""

from __future__ import annotations

from pathlib import Path

import pytest

import ictdata
from unit_builders import Cell, one_unit

FIXTURE = Path(__file__).resolve().parents[2] / "fixtures/unit_reports/broken/count_not_whole.xlsx"


def test_the_fixture_is_refused_at_its_cell() -> None:
    (issue,) = ictdata.check(FIXTURE).issues
    assert (issue.code.value, issue.cell, issue.actual) == ("count-not-whole", "D8", 85.5)


@pytest.mark.parametrize(
    ("computers", "codes"),
    [
        ("85,5", ["count-not-whole"]),  # Vietnamese decimal comma
        ("2.933", []),  # Vietnamese thousands: 2933, whole
        (85, []),
    ],
)
def test_a_count_must_be_whole(tmp_path: Path, computers: Cell, codes: list[str]) -> None:
    values = [("Tổng số cán bộ công chức", 120), ("Tổng số máy tính", computers)]
    path = one_unit(tmp_path / "r.xlsx", values)
    found = ictdata.check(path).issues
    assert [i.code.value for i in found] == codes
    assert all(i.cell == "D8" for i in found)
