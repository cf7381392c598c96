"""A second table under the first is reported, and its rows are rejected as `second-table`."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import polars as pl

import ictdata
from builders import HEADER_FIXED, project, table_maker, total

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"
TWO_TABLES = FIXTURES / "hostile" / "two_tables.xlsx"


def _issues(path: Path) -> list[tuple[str, str, str | None, int | None, str | None, str | None]]:
    result = ictdata.check(path).files[0]
    return [
        (i.code.value, i.severity.value, i.sheet, i.row, i.range, i.detail) for i in result.issues
    ]


def test_the_second_table_of_the_fixture_is_reported(
    tmp_path: Path, expected: dict[str, Any]
) -> None:
    # The 2015 table's title (row 15), unit line, two header rows, 8 projects and "Tổng" (27).
    assert _issues(TWO_TABLES) == [("second-table", "warning", "Bieu 01", 15, "15:27", "13")]
    assert ictdata.check(TWO_TABLES).exit_code == ictdata.ExitCode.VALID
    ictdata.build(TWO_TABLES, tmp_path)
    rejects = pl.read_parquet(tmp_path / "rejects.parquet")
    assert rejects.select("row", "reason").rows() == [(13, "total-row")] + [
        (row, "second-table") for row in range(15, 28)
    ]
    # The first table alone is loaded: the seed's eight projects and figures, once.
    projects = pl.read_parquet(tmp_path / "projects.parquet")
    assert projects["row"].to_list() == list(range(5, 13))
    funding = pl.read_parquet(tmp_path / "project_funding.parquet")
    assert funding["amount_vnd"].sum() == sum(a for *_, a in expected["seed_funding"]) * 10**6


def test_a_second_table_without_title_is_reported_from_its_header(tmp_path: Path) -> None:
    header = [*HEADER_FIXED, "Dự kiến tổng kinh phí"]
    rows = [project(1, 100), total(100), [], header, project(1, 50), total(50)]
    path = table_maker(tmp_path)(rows)
    assert _issues(path) == [("second-table", "warning", "Bieu 01", 8, "8:10", "3")]


def test_a_note_after_the_total_is_no_second_table(tmp_path: Path) -> None:
    rows = [project(1, 100), project(2, 250), total(350), [], [None, "Ghi chú: số liệu sơ bộ"]]
    path = table_maker(tmp_path)(rows)
    assert _issues(path) == []
    ictdata.build(path, tmp_path / "marts")
    rejects = pl.read_parquet(tmp_path / "marts" / "rejects.parquet")
    assert rejects.select("row", "reason").rows() == [(7, "total-row"), (9, "after-total")]


def test_one_table_gives_no_second_table_warning() -> None:
    assert _issues(FIXTURES / "valid" / "seed_budget.xlsx") == []


def test_the_title_of_a_second_table_under_a_table_without_total_is_in_it(tmp_path: Path) -> None:
    header = [*HEADER_FIXED, "Dự kiến tổng kinh phí"]
    rows = [project(1, 100), project(2, 50), [], ["KẾ HOẠCH 2015"], header, project(1, 5)]
    path = table_maker(tmp_path)(rows)
    # The first table has no total: that is warned too, under its last project.
    assert _issues(path) == [
        ("missing-total", "warning", "Bieu 01", 7, None, "2"),
        ("second-table", "warning", "Bieu 01", 8, "8:10", "3"),
    ]
    ictdata.build(path, tmp_path / "marts")
    projects = pl.read_parquet(tmp_path / "marts" / "projects.parquet")
    assert projects["row"].to_list() == [5, 6]
