"""A project written over rows whose number and name are one vertical merge is one project.

Each workbook is written by openpyxl and by xlsxwriter (both merge cells), checked and
built; the marts and issues are asserted on codes, cells and figures.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import openpyxl
import polars as pl
import pytest
import xlsxwriter

import ictdata
from appendix_builders import Cell as AppendixCell
from appendix_builders import write_appendix
from builders import HEADER_FIXED, KINDS, STAGES, Cell
from ictdata.read.cells import column_letter

# A row from A: TT, name, period, lead unit, approver, then the eight amounts F..M.
Rows = dict[int, Sequence[Cell]]
Save = Callable[[Path, Rows, Sequence[str]], Path]
TEXT_COLUMNS = "ABCDE"
MILLION = 10**6
FIXTURE = Path(__file__).resolve().parents[2] / "fixtures" / "broken" / "merged_project_rows.xlsx"


def _header() -> tuple[dict[str, Cell], list[str]]:
    cells: dict[str, Cell] = {"A1": "KẾ HOẠCH ỨNG DỤNG CNTT NĂM 2014", "A2": "ĐVT: triệu VNĐ"}
    merges = [f"{letter}3:{letter}4" for letter in TEXT_COLUMNS]
    cells |= {f"{letter}3": text for letter, text in zip(TEXT_COLUMNS, HEADER_FIXED, strict=True)}
    for index, stage in enumerate(STAGES):
        first, second = column_letter(5 + 2 * index), column_letter(6 + 2 * index)
        cells[f"{first}3"] = stage
        merges.append(f"{first}3:{second}3")
        cells |= {f"{first}4": KINDS[0], f"{second}4": KINDS[1]}
    return cells, merges


def _cells(rows: Rows) -> dict[str, Cell]:
    cells, _ = _header()
    for row, values in rows.items():
        for column, value in enumerate(values):
            if value is not None:
                cells[f"{column_letter(column)}{row}"] = value
    return cells


def _with_openpyxl(path: Path, rows: Rows, merges: Sequence[str]) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Bieu 01"
    for address, value in _cells(rows).items():
        sheet[address] = value
    for ref in [*_header()[1], *merges]:
        sheet.merge_cells(ref)
    book.save(path)
    return path


def _with_xlsxwriter(path: Path, rows: Rows, merges: Sequence[str]) -> Path:
    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet("Bieu 01")
    cells = _cells(rows)
    all_merges = [*_header()[1], *merges]
    for ref in all_merges:
        first = ref.split(":")[0]
        sheet.merge_range(ref, cells.pop(first, None) or "")
    for address, value in cells.items():
        sheet.write(address, value)
    book.close()
    return path


@pytest.fixture(params=["openpyxl", "xlsxwriter"])
def save(request: pytest.FixtureRequest, tmp_path: Path) -> Callable[[Rows, Sequence[str]], Path]:
    """Write rows (and merges) under the canonical header with each writer."""
    writer: Save = _with_openpyxl if request.param == "openpyxl" else _with_xlsxwriter

    def write(rows: Rows, merges: Sequence[str]) -> Path:
        return writer(tmp_path / f"{request.param}.xlsx", rows, merges)

    return write


def _project(number: int, *amounts: Cell) -> list[Cell]:
    padded = list(amounts) + [None] * (8 - len(amounts))
    return [number, f"Dự án {number}", "2014", "Sở TT&TT", "UBND tỉnh", *padded]


def _more(*amounts: Cell) -> list[Cell]:
    """A row under a merged project: its text cells covered by the merge, amounts of its own."""
    return [None] * 5 + list(amounts)


def _merged(first: int, last: int) -> list[str]:
    return [f"{letter}{first}:{letter}{last}" for letter in TEXT_COLUMNS]


def _issues(path: Path) -> list[tuple[str, str | None, str | None]]:
    return [(i.code.value, i.cell, i.related_cell) for i in ictdata.check(path).files[0].issues]


def _marts(path: Path, out: Path) -> dict[str, pl.DataFrame]:
    ictdata.build(path, out)
    return {name: pl.read_parquet(out / f"{name}.parquet") for name in ("projects", "rejects")} | {
        "funding": pl.read_parquet(out / "project_funding.parquet")
    }


def test_the_qa_case_is_one_project_without_false_error(
    save: Callable[[Rows, Sequence[str]], Path], tmp_path: Path
) -> None:
    # Project 2: estimate F6 (8.603), allocations J7 (4.500) and L7 (4.103): not over.
    rows: Rows = {
        5: _project(1, 1092, None, 1092),
        6: _project(2, 8603),
        7: _more(None, None, None, None, 4500, None, 4103),
        8: ["Tổng", None, None, None, None, 9695, None, 1092, None, 4500, None, 4103],
    }
    path = save(rows, _merged(6, 7))
    assert _issues(path) == []
    marts = _marts(path, tmp_path / "marts")
    assert marts["projects"].select("number", "row").rows() == [("1", 5), ("2", 6)]
    two = marts["projects"].filter(pl.col("row") == 6)["project_id"].item()
    funding = marts["funding"].filter(pl.col("project_id") == two)
    assert funding.select("stage", "cell", "row", "amount_vnd").rows() == [
        ("estimate", "F6", 6, 8603 * MILLION),
        ("allocated_current", "J7", 7, 4500 * MILLION),
        ("demand_next", "L7", 7, 4103 * MILLION),
    ]
    assert marts["rejects"].select("row", "reason").rows() == [(7, "merged-row"), (8, "total-row")]
    # `ictdata.load` gives the project its amounts on its row, at their own cells.
    loaded = ictdata.load(path).filter(pl.col("row") == 6).row(0, named=True)
    assert loaded["allocated_current_investment"] == 4500 * MILLION
    assert (loaded["cells"]["estimate_investment"], loaded["cells"]["demand_next_investment"]) == (
        "F6",
        "L7",
    )


def test_a_merged_project_is_judged_once_across_its_rows(
    save: Callable[[Rows, Sequence[str]], Path],
) -> None:
    # Estimate 100 in F6, then 60 + 50 allocated in H7 and J8: over by 10, reported once.
    rows: Rows = {
        5: _project(1, 10),
        6: _project(2, 100),
        7: _more(None, None, 60),
        8: _more(None, None, None, None, 50),
        9: ["Tổng", None, None, None, None, 110, None, 60, None, 50],
    }
    path = save(rows, _merged(6, 8))
    issues = ictdata.check(path).files[0].issues
    assert [(i.code.value, i.cell, i.expected, i.actual) for i in issues] == [
        ("over-allocation", "F6", 100, 110)
    ]


def test_a_merge_over_three_rows_is_one_project(
    save: Callable[[Rows, Sequence[str]], Path], tmp_path: Path
) -> None:
    rows: Rows = {
        5: _project(1, 500, 40),
        6: _more(None, None, 200),
        7: _more(None, None, None, 30, 100),
        8: _project(2, 70),
        9: ["Tổng", None, None, None, None, 570, 40, 200, 30, 100],
    }
    path = save(rows, _merged(5, 7))
    assert _issues(path) == []
    marts = _marts(path, tmp_path / "marts")
    assert marts["projects"]["row"].to_list() == [5, 8]
    first = marts["projects"].filter(pl.col("row") == 5)["project_id"].item()
    cells = marts["funding"].filter(pl.col("project_id") == first)["cell"].to_list()
    assert cells == ["F5", "G5", "H6", "I7", "J7"]
    assert marts["rejects"].select("row", "reason").rows() == [
        (6, "merged-row"),
        (7, "merged-row"),
        (9, "total-row"),
    ]


def test_two_rows_filling_one_column_are_reported_and_counted_once(
    save: Callable[[Rows, Sequence[str]], Path], tmp_path: Path
) -> None:
    # F6 and F7 both give project 2's estimate: F6 counts, F7 is reported, not summed.
    rows: Rows = {
        5: _project(1, 10),
        6: _project(2, 100),
        7: _more(80, None, 50),
        8: ["Tổng", None, None, None, None, 110, None, 50],
    }
    path = save(rows, _merged(6, 7))
    assert _issues(path) == [("merged-row-conflict", "F7", "F6")]
    issue = ictdata.check(path).files[0].issues[0]
    assert (issue.row, issue.range, issue.detail, issue.related_row) == (7, "6:7", "80", 6)
    marts = _marts(path, tmp_path / "marts")
    assert marts["funding"]["amount_vnd"].sum() == (10 + 100 + 50) * MILLION
    assert "F7" not in marts["funding"]["cell"].to_list()


def test_a_merged_section_heading_is_unchanged(
    save: Callable[[Rows, Sequence[str]], Path], tmp_path: Path
) -> None:
    # Section "I" merged over rows 5-6 (A5:A6, B5:B6), as before: two section headings.
    rows: Rows = {
        5: ["I", "Dự án ứng dụng CNTT"],
        7: _project(1, 10),
        8: _project(2, 20),
        9: ["Tổng", None, None, None, None, 30],
    }
    path = save(rows, ["A5:A6", "B5:B6"])
    assert _issues(path) == []
    marts = _marts(path, tmp_path / "marts")
    assert marts["projects"]["row"].to_list() == [7, 8]
    assert marts["rejects"].select("row", "reason").rows() == [
        (5, "section-heading"),
        (6, "section-heading"),
        (9, "total-row"),
    ]


def test_rows_sharing_a_merged_amount_stay_two_projects(
    save: Callable[[Rows, Sequence[str]], Path], tmp_path: Path
) -> None:
    # Projects 1 and 2 share the approver cell E5:E6 and an estimate F5:F6: two projects.
    rows: Rows = {
        5: _project(1, 30),
        6: [2, "Dự án 2", "2014", "Sở TT&TT"],
        7: ["Tổng", None, None, None, None, 30],
    }
    path = save(rows, ["E5:E6", "F5:F6"])
    assert _issues(path) == []
    marts = _marts(path, tmp_path / "marts")
    assert marts["projects"].select("row", "approver").rows() == [
        (5, "UBND tỉnh"),
        (6, "UBND tỉnh"),
    ]


def test_a_merged_project_in_parts_sums_its_parts_once(
    save: Callable[[Rows, Sequence[str]], Path], tmp_path: Path
) -> None:
    # Project 2 over rows 6-7 (estimate F6, allocation H7); its parts 2.1 and 2.2 add up.
    rows: Rows = {
        5: _project(1, 10),
        6: _project(2, 100),
        7: _more(None, None, 30),
        8: ["2.1", "Hạng mục 1", None, None, None, 60, None, 10],
        9: ["2.2", "Hạng mục 2", None, None, None, 40, None, 20],
        10: ["Tổng", None, None, None, None, 110, None, 30],
    }
    path = save(rows, _merged(6, 7))
    assert _issues(path) == []
    marts = _marts(path, tmp_path / "marts")
    assert marts["projects"]["row"].to_list() == [5, 6]
    # The parts' sum against the project, at the cell that holds the project's figure.
    rows[9] = ["2.2", "Hạng mục 2", None, None, None, 40, None, 25]
    path = save(rows, _merged(6, 7))
    issues = ictdata.check(path).files[0].issues
    assert [(i.code.value, i.cell, i.expected, i.actual) for i in issues] == [
        ("total-mismatch", "H7", 35, 30)
    ]


def test_the_fixture_loads_the_seed_once(tmp_path: Path, expected: dict[str, Any]) -> None:
    # Projects 2 and 3 over two rows each, 3's recurrent estimate in both: the seed's
    # eight projects and funding, each once, the funding at the cells it was typed in.
    marts = _marts(FIXTURE, tmp_path / "marts")
    assert marts["projects"]["row"].to_list() == [5, 6, 8, 10, 11, 12, 13, 14]
    funding = marts["funding"].join(
        marts["projects"].select("project_id", pl.col("number").cast(pl.Int64)), on="project_id"
    )
    seed = sorted(tuple(f) for f in expected["seed_funding"])
    loaded = funding.select("number", "stage", "funding_kind", pl.col("amount_vnd") // MILLION)
    assert sorted(loaded.rows()) == seed
    two = funding.filter(pl.col("number") == 2).select("cell", "row").rows()
    assert two == [("F6", 6), ("J7", 7), ("L7", 7)]
    reasons = marts["rejects"].filter(pl.col("reason") == "merged-row")["row"].to_list()
    assert reasons == [7, 9]


def test_parts_under_a_project_with_figures_in_its_first_row_only(
    save: Callable[[Rows, Sequence[str]], Path], tmp_path: Path
) -> None:
    # Project 2's name runs over rows 6-7 (figures in row 6 alone): 2.1, 2.2 are its parts.
    rows: Rows = {
        5: _project(1, 10),
        6: _project(2, 100),
        7: _more(),
        8: ["2.1", "Hạng mục 1", None, None, None, 60],
        9: ["2.2", "Hạng mục 2", None, None, None, 40],
        10: ["Tổng", None, None, None, None, 110],
    }
    path = save(rows, _merged(6, 7))
    assert _issues(path) == []
    marts = _marts(path, tmp_path / "marts")
    assert marts["projects"]["row"].to_list() == [5, 6]
    assert marts["rejects"].select("row", "reason").rows() == [
        (7, "merged-row"),
        (8, "sub-item"),
        (9, "sub-item"),
        (10, "total-row"),
    ]


def test_a_package_compares_a_merged_project_with_its_appendix_line(tmp_path: Path) -> None:
    # The plan's project table with projects 2 and 3 over two rows each: project 2's demand
    # (L7, in its second row) is still compared with its appendix line, and still agrees.
    packages = FIXTURE.parents[1] / "packages"
    original = ictdata.build(packages / "phu_tho_2014", tmp_path / "original")
    folder = shutil.copytree(packages / "phu_tho_2014", tmp_path / "plan")
    shutil.copy(FIXTURE, folder / "bang_du_an.xlsx")
    report = ictdata.build(folder, tmp_path / "merged")
    (package,), (before,) = report.packages, original.packages
    assert [i.code.value for i in package.issues] == [i.code.value for i in before.issues] == []
    demands = [
        pl.read_parquet(tmp_path / name / "plans.parquet")["demand_vnd_projects"].item()
        for name in ("original", "merged")
    ]
    assert demands[0] == demands[1] == 4103 * MILLION


@pytest.mark.parametrize(("provincial", "issues"), [(4103, []), (4000, [("D6", 4000, "E6:G7")])])
def test_an_appendix_line_over_merged_rows_is_one_row_total(
    tmp_path: Path, provincial: int, issues: list[tuple[str, int, str]]
) -> None:
    # Line 1: "Tổng số" D6, its provincial share E7 in the row below (A6:A7 ... C6:C7).
    rows: list[list[AppendixCell]] = [
        ["I", "Dự án chuyển tiếp", None, 4103, 4103, None],
        ["1", "Nâng cấp hệ thống hội nghị truyền hình trực tuyến", "Sở TT&TT", 4103],
        [None, None, None, None, provincial],
        ["Tổng cộng", None, None, 4103, 4103],
    ]
    path = write_appendix(tmp_path / "phu_luc.xlsx", rows)
    book = openpyxl.load_workbook(path)
    sheet = book.active
    assert sheet is not None
    for letter in "ABC":
        sheet.merge_cells(f"{letter}6:{letter}7")
    book.save(path)
    # (4.000 also breaks the column's totals: those are total-mismatch, in rows 5 and 8.)
    found = [i for i in ictdata.check(path).files[0].issues if i.row == 6]
    assert [(i.cell, i.expected, i.range) for i in found] == issues
    assert [i.code.value for i in found] == ["row-total-mismatch"] * len(issues)
