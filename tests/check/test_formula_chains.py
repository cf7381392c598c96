"""Formulas reading formula cells use their values, computed first; loops are refused."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pytest
import xlsxwriter

import ictdata
from builders import HEADER_FIXED, KINDS, STAGES, MakeTable, project, table_maker, total
from ictdata.check.codes import IssueCode
from ictdata.check.formula_graph import FormulaGraph

NO_VALUE = IssueCode.FORMULA_NO_VALUE
STALE = IssueCode.STALE_FORMULA
MISMATCH = IssueCode.TOTAL_MISMATCH
CIRCULAR = IssueCode.CIRCULAR_FORMULA

# A formula and the result stored with it (None: xlsxwriter's placeholder 0).
Stored = tuple[str, float | None]
XCell = str | int | float | Stored | None


@pytest.fixture
def make_table(tmp_path: Path) -> MakeTable:
    return table_maker(tmp_path)


def _item(number: int, *amounts: XCell) -> list[XCell]:
    return [*project(number)[:5], *amounts]


def _total(*amounts: XCell) -> list[XCell]:
    return [*total()[:5], *amounts]


def _xlsxwriter_table(path: Path, rows: Sequence[Sequence[XCell]]) -> Path:
    """The canonical two-row header and `rows` from row 5, as xlsxwriter saves them."""
    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet("Bieu 01")
    sheet.write(0, 0, "KẾ HOẠCH ỨNG DỤNG CNTT NĂM 2014")
    sheet.write(1, 0, "Đơn vị tính: triệu VNĐ")
    for column, text in enumerate(HEADER_FIXED):
        sheet.merge_range(2, column, 3, column, text)
    for index, stage in enumerate(STAGES):
        first = 5 + 2 * index
        sheet.merge_range(2, first, 2, first + 1, stage)
        sheet.write_row(3, first, KINDS)
    for row, cells in enumerate(rows, start=4):
        for column, cell in enumerate(cells):
            if isinstance(cell, tuple):
                sheet.write_formula(row, column, cell[0], None, cell[1])
            elif cell is not None:
                sheet.write(row, column, cell)
    book.close()
    return path


def _issues(path: Path) -> list[tuple[IssueCode, str | None, object, object]]:
    return [(i.code, i.cell, i.expected, i.actual) for i in ictdata.check(path).issues]


def _estimates(path: Path) -> list[int | None]:
    """Column F as loaded, in triệu VNĐ (None: unknown)."""
    vnd = ictdata.load(path)["estimate_investment"].to_list()
    return [None if amount is None else amount // 1_000_000 for amount in vnd]


def test_a_total_over_a_placeholder_formula_uses_what_the_formula_gives(tmp_path: Path) -> None:
    # F6 =J6+L6 stored as xlsxwriter's placeholder 0; F7 sums F5:F6 and stores 17.
    rows = [
        _item(1, 10),
        _item(2, ("=J6+L6", None), None, None, None, 4, None, 3),
        _total(("=SUM(F5:F6)", 17), None, None, None, 4, None, 3),
    ]
    path = _xlsxwriter_table(tmp_path / "chain.xlsx", rows)
    assert _issues(path) == [(NO_VALUE, "F6", 7, None)]
    assert _estimates(path) == [10, 7, 17]


def test_the_qa_file_reports_only_the_item_formula(fixtures_dir: Path) -> None:
    report = ictdata.check(fixtures_dir / "broken/formula_chain_placeholder.xlsx")
    found = {(i.code, i.cell) for i in report.issues}
    assert (NO_VALUE, "F6") in found
    assert not {(STALE, "F13"), (MISMATCH, "F13")} & found
    assert [i.expected for i in report.issues] == [8603]
    path = fixtures_dir / "broken/formula_chain_placeholder.xlsx"
    assert _estimates(path)[1] == 8603
    assert _estimates(path)[-1] == 11329


def _three_formula_chain(total_cell: XCell) -> list[list[XCell]]:
    """F5 = 10, F6 = F5+2 (12), F7 = F6*2 (24) without results, then the total row."""
    return [
        _item(1, 10),
        _item(2, ("=F5+2", None)),
        _item(3, ("=F6*2", None)),
        _total(total_cell),
    ]


def test_a_chain_of_three_formulas_is_computed_in_order(tmp_path: Path) -> None:
    path = _xlsxwriter_table(tmp_path / "c.xlsx", _three_formula_chain(("=SUM(F5:F7)", 46)))
    assert _issues(path) == [(NO_VALUE, "F6", 12, None), (NO_VALUE, "F7", 24, None)]
    assert _estimates(path) == [10, 12, 24, 46]


def test_a_truly_stale_total_over_a_chain_is_still_stale(tmp_path: Path) -> None:
    path = _xlsxwriter_table(tmp_path / "c.xlsx", _three_formula_chain(("=SUM(F5:F7)", 45)))
    assert (STALE, "F8", 46, 45) in _issues(path)
    assert MISMATCH not in {code for code, *_ in _issues(path)}  # F8 is worth 46: it adds up


def test_a_typed_total_that_misses_a_chain_is_a_total_mismatch(tmp_path: Path) -> None:
    path = _xlsxwriter_table(tmp_path / "c.xlsx", _three_formula_chain(45))
    assert (MISMATCH, "F8", 46, 45) in _issues(path)


def test_openpyxl_formulas_without_results_are_chained_too(make_table: MakeTable) -> None:
    # openpyxl stores no result at all: every formula is reported, with what it gives.
    rows = [project(1, 10), project(2, "=F5+2"), project(3, "=F6*2"), total("=SUM(F5:F7)")]
    path = make_table(rows)
    assert _issues(path) == [
        (NO_VALUE, "F6", 12, None),
        (NO_VALUE, "F7", 24, None),
        (NO_VALUE, "F8", 46, None),
    ]
    assert _estimates(path) == [10, 12, 24, 46]


def test_formulas_reading_each_other_are_circular_and_unknown(tmp_path: Path) -> None:
    rows = [
        _item(1, 10),
        _item(2, ("=F7+1", 5)),
        _item(3, ("=F6+1", 6)),
        _total(("=SUM(F5:F7)", 21)),
    ]
    path = _xlsxwriter_table(tmp_path / "loop.xlsx", rows)
    # F8 reads the loop: unknown, the loop being reported at its cells; it keeps its result.
    assert _issues(path) == [(CIRCULAR, "F6", None, None), (CIRCULAR, "F7", None, None)]
    assert _estimates(path) == [10, None, None, 21]


def test_a_total_summing_its_own_cell_is_circular(make_table: MakeTable) -> None:
    path = make_table([project(1, 10), project(2, 5), total("=SUM(F5:F7)")])
    assert _issues(path) == [(CIRCULAR, "F7", None, None)]


def test_a_chain_longer_than_the_recursion_limit_is_computed(tmp_path: Path) -> None:
    # Each row's estimate is the next row's, without results; only the last row is typed.
    # F5 is judged first and reads 1,499 formulas down: a recursive evaluator would overflow.
    count = 1_500
    rows: list[list[XCell]] = [_item(n, (f"=F{n + 5}", None)) for n in range(1, count)]
    rows += [_item(count, 1), _total((f"=SUM(F5:F{count + 4})", count))]
    path = _xlsxwriter_table(tmp_path / "long.xlsx", rows)
    issues = _issues(path)
    assert {(code, expected) for code, _, expected, _ in issues} == {(NO_VALUE, 1)}
    assert len(issues) == count - 1
    assert _estimates(path) == [1] * count + [count]


def test_the_graph_orders_inputs_first_and_names_only_looped_cells() -> None:
    graph = FormulaGraph(
        {"A1": "B1+C1", "B1": "C1*2", "C1": "D1", "E1": "F1", "F1": "G1+E1", "G1": "F1", "H1": "E1"}
    )
    assert graph.order("A1", done=set()) == (["C1", "B1", "A1"], set())
    sequence, looped = graph.order("H1", done=set())
    assert looped == {"E1", "F1", "G1"}
    assert sequence[-1] == "H1"
    assert graph.order("A1", done={"C1", "B1"}) == (["A1"], set())


def test_a_total_over_an_uncomputable_formula_keeps_its_stored_result(tmp_path: Path) -> None:
    # VLOOKUP is beyond ictdata: F6's placeholder 0 is unknown; F7's 17 is no placeholder.
    rows = [
        _item(1, 10),
        _item(2, ("=VLOOKUP(1,A5:F5,6)", None)),
        _total(("=SUM(F5:F6)", 17)),
    ]
    path = _xlsxwriter_table(tmp_path / "v.xlsx", rows)
    assert _issues(path) == [(NO_VALUE, "F6", None, None)]
    assert _estimates(path) == [10, None, 17]


def test_a_zero_total_over_an_unknown_formula_is_unknown_not_reported_twice(
    tmp_path: Path,
) -> None:
    # F7's stored 0 may be xlsxwriter's placeholder too: unknown, its input F6 reported.
    rows = [
        _item(1, None, 10),
        _item(2, ("=VLOOKUP(1,A5:F5,6)", None)),
        _total(("=SUM(F5:F6)", 0), 10),
    ]
    path = _xlsxwriter_table(tmp_path / "z.xlsx", rows)
    assert _issues(path) == [(NO_VALUE, "F6", None, None)]
    assert _estimates(path) == [None, None, None]
