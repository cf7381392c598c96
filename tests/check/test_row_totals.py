"""row-total-mismatch: within a row, "Tổng số" equals the sum of the sources."""

from __future__ import annotations

import re
from pathlib import Path

import polars as pl
import pytest
from hypothesis import given
from hypothesis import strategies as st

import ictdata
from appendix_builders import GOOD_ROWS, Cell, write_appendix
from ictdata.check.codes import IssueCode
from ictdata.check.row_totals import row_total_mismatch
from ictdata.contracts.load import load_contract, load_template, schemas_dir
from ictdata.contracts.row_total_params import REQUIRED_PARTS
from ictdata.errors import ContractError

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"
BROKEN_ROW = FIXTURES / "packages/broken_appendix_row/phu_luc_kinh_phi.xlsx"
SEED_APPENDIX = FIXTURES / "packages/phu_tho_2014/phu_luc_kinh_phi.xlsx"
ROW_TOTAL = IssueCode.ROW_TOTAL_MISMATCH


def _row_totals(path: Path) -> list[tuple[str | None, object, object, str | None]]:
    issues = ictdata.check(path).issues
    return [(i.cell, i.expected, i.actual, i.range) for i in issues if i.code is ROW_TOTAL]


def _edited(*edits: tuple[int, int, Cell]) -> list[list[Cell]]:
    rows = [list(row) for row in GOOD_ROWS]
    for row, column, value in edits:
        rows[row][column] = value
    return rows


def test_fires_at_the_total_cell_of_the_broken_fixture_row() -> None:
    (issue,) = [i for i in ictdata.check(BROKEN_ROW).issues if i.code is ROW_TOTAL]
    assert (issue.sheet, issue.cell, issue.row, issue.column) == ("Phu luc", "D11", 11, "D")
    assert (issue.expected, issue.actual, issue.unit) == (1250, 1520, "triệu đồng")
    assert issue.range == "E11:G11"
    assert issue.severity is ictdata.Severity.ERROR


def test_silent_on_the_seed_plan_appendix_and_good_rows(tmp_path: Path) -> None:
    assert _row_totals(SEED_APPENDIX) == []
    assert _row_totals(write_appendix(tmp_path / "a.xlsx", GOOD_ROWS)) == []


def test_a_blank_source_counts_as_zero(tmp_path: Path) -> None:
    # Task II.2 has no provincial amount (a blank cell): 1.800 = 0 + 1.800.
    assert GOOD_ROWS[4][4] is None
    assert _row_totals(write_appendix(tmp_path / "a.xlsx", GOOD_ROWS)) == []


def test_a_blank_total_beside_filled_sources_is_an_error(tmp_path: Path) -> None:
    path = write_appendix(tmp_path / "a.xlsx", _edited((3, 3, None)))
    # As a blank totals cell for total-mismatch: counted as 0, reported with no figure.
    assert (("D8", 900, None, "E8:G8")) in _row_totals(path)


def test_a_total_whose_sources_are_all_blank_is_an_error(tmp_path: Path) -> None:
    path = write_appendix(tmp_path / "a.xlsx", _edited((3, 4, None)))
    assert ("D8", 0, 900, "E8:G8") in _row_totals(path)


def test_rows_of_several_tables_in_one_batch_are_judged_apart(tmp_path: Path) -> None:
    # Same sheet rows in both files: summed together, row 8 would read 900 beside 1.800.
    good = write_appendix(tmp_path / "a.xlsx", GOOD_ROWS)
    # Task II.2's district amount, and the grand total's, typed as 1.500 (its "Tổng số" 1.800).
    broken = write_appendix(tmp_path / "b.xlsx", _edited((4, 5, 1500), (5, 5, 1500)))
    issues = ictdata.check([good, broken]).issues
    found = sorted((Path(i.file).name, i.cell, i.expected, i.actual) for i in issues)
    assert found == [
        ("b.xlsx", "D10", 6503, 6803),  # the grand total's row: 6.803 beside 5.003 + 1.500
        ("b.xlsx", "D9", 1500, 1800),  # the task's row
        ("b.xlsx", "F7", 1500, 1800),  # total-mismatch: section II's district column
    ]
    assert [i.code for i in issues if i.cell != "F7"] == [ROW_TOTAL, ROW_TOTAL]


def test_decimals_of_a_trieu_table_compare_exactly_in_dong(tmp_path: Path) -> None:
    rows = _edited((3, 3, "900,5"), (3, 4, "900,25"), (3, 5, "0,25"))
    assert _row_totals(write_appendix(tmp_path / "a.xlsx", rows)) == []
    # One thousand đồng (0,001 triệu) off is off: no float tolerance hides it.
    slipped = _edited((3, 3, "900,501"), (3, 4, "900,25"), (3, 5, "0,25"))
    (found,) = _row_totals(write_appendix(tmp_path / "b.xlsx", slipped))
    assert found == ("D8", 900.5, 900.501, "E8:G8")


def test_a_row_with_an_unreadable_source_is_not_judged(tmp_path: Path) -> None:
    path = write_appendix(tmp_path / "a.xlsx", _edited((3, 4, "chín trăm")))
    codes = [i.code for i in ictdata.check(path).issues]
    assert IssueCode.BAD_NUMBER in codes
    assert ROW_TOTAL not in codes


def test_a_table_without_a_required_source_is_not_judged(tmp_path: Path) -> None:
    rows = [row[:5] for row in GOOD_ROWS]
    path = write_appendix(tmp_path / "a.xlsx", rows, ["Tổng số", "Ngân sách tỉnh"])
    assert [i.code for i in ictdata.check(path).issues] == [IssueCode.MISSING_COLUMN]


def test_the_contract_names_the_whole_and_its_required_parts() -> None:
    rule = load_contract("budget_appendix").rule(ROW_TOTAL)
    assert rule is not None
    assert (rule.params["whole"], rule.params["parts"]) == (
        "all",
        ["provincial", "district", "other"],
    )
    assert rule.params[REQUIRED_PARTS] == ["provincial", "district"]  # "Nguồn khác" is optional


@pytest.mark.parametrize(
    ("replacement", "complaint"),
    [
        ("parts: [provincial, district, central]", "['central'] are not funding kinds"),
        ("whole: provincial", "is its own part"),
        ("parts: []", "needs `whole`"),
    ],
)
def test_a_contract_naming_unknown_sources_is_refused(
    tmp_path: Path, replacement: str, complaint: str
) -> None:
    original = "parts: [provincial, district, other]" if "parts" in replacement else "whole: all"
    path = _contract_with(tmp_path, original, replacement)
    with pytest.raises(ContractError, match=re.escape(complaint)):
        load_template(path)


def test_the_rule_is_one_window_over_a_large_frame() -> None:
    """The expressions alone on 100,000 rows of four sources: every row judged, none in Python."""
    rule = load_contract("budget_appendix").rule(ROW_TOTAL)
    assert rule is not None
    rows, kinds = 100_000, ["all", "provincial", "district", "other"]
    frame = pl.DataFrame(
        {
            "table": [0] * (rows * 4),
            "row": [r for r in range(1, rows + 1) for _ in kinds],
            "stage": ["plan"] * (rows * 4),
            "funding_kind": kinds * rows,
            "column": ["D", "E", "F", "G"] * rows,
            "amount_vnd": [3, 1, 2, None] * rows,
            "number_status": ["ok"] * (rows * 4),
        }
    ).with_columns(
        pl.col("stage").cast(pl.Enum(["plan"])),
        pl.col("funding_kind").cast(pl.Enum(kinds)),
        row_kind=pl.lit("item"),
        family=pl.col("row"),
    )
    broken = frame.with_columns(
        amount_vnd=pl.when(pl.col("row") == rows, pl.col("funding_kind") == "all")
        .then(4)
        .otherwise("amount_vnd")
    )
    exprs = row_total_mismatch(rule)
    assert frame.select(exprs.fails.sum()).item() == 0
    failing = broken.with_columns(**exprs.figures, fails=exprs.fails).filter("fails")
    assert failing.select("row", "expected_vnd", "actual_vnd", "range").rows() == [
        (rows, 3, 4, f"E{rows}:G{rows}")
    ]


def _contract_with(tmp_path: Path, original: str, replacement: str) -> Path:
    text = (schemas_dir() / "budget_appendix.yaml").read_text(encoding="utf-8")
    assert original in text
    path = tmp_path / f"appendix_{len(list(tmp_path.glob('*.yaml')))}.yaml"  # loads cache by path
    path.write_text(text.replace(original, replacement), encoding="utf-8")
    return path


def test_the_contract_drives_the_rule(tmp_path: Path) -> None:
    good = write_appendix(tmp_path / "a.xlsx", GOOD_ROWS)
    # Declared as "Tổng số = Ngân sách tỉnh" alone, section II (900 + 1.800) no longer adds up.
    provincial = _contract_with(tmp_path, "[provincial, district, other]", "[provincial]")
    issues = ictdata.check(good, template=provincial).issues
    found = [(i.cell, i.expected, i.actual, i.range) for i in issues if i.code is ROW_TOTAL]
    assert found == [
        ("D7", 900, 2700, "E7:E7"),
        ("D9", 0, 1800, "E9:E9"),
        ("D10", 5003, 6803, "E10:E10"),
    ]
    # Without the rule in the contract, a broken row raises nothing of the kind.
    rows = _edited((3, 3, 950))
    cut = _contract_with(tmp_path, "  - code: row-total-mismatch", "  - code: scale-slip")
    codes = {
        i.code
        for i in ictdata.check(write_appendix(tmp_path / "b.xlsx", rows), template=cut).issues
    }
    assert ROW_TOTAL not in codes
    assert ROW_TOTAL in {i.code for i in ictdata.check(tmp_path / "b.xlsx").issues}


def test_the_rule_is_a_pandera_check_of_the_appendix_schema() -> None:
    from ictdata.check.schema import amounts_schema

    checks = [c.name for c in amounts_schema(load_contract("budget_appendix")).checks]
    assert ROW_TOTAL.value in checks
    assert ROW_TOTAL.value not in [
        c.name for c in amounts_schema(load_contract("project_budget")).checks
    ]


KINDS = ("all", "provincial", "district", "other")
# One cell: its amount in đồng (None: blank) and whether it was read.
CELLS = st.tuples(st.one_of(st.none(), st.integers(-3, 3)), st.booleans())


@st.composite
def long_frames(draw: st.DrawFn) -> pl.DataFrame:
    """Tables of a few rows, each with its own columns (some lack a source), long as checked."""
    records = []
    for table in range(draw(st.integers(1, 3))):
        kinds = [k for k in KINDS if k in {"all", "provincial"} or draw(st.booleans())]
        for row in range(5, 5 + draw(st.integers(1, 4))):
            for kind in kinds:
                amount, read = draw(CELLS)
                records.append((table, row, kind, amount, "ok" if read else "bad"))
    schema = ["table", "row", "funding_kind", "amount_vnd", "number_status"]
    return pl.DataFrame(records, schema=schema, orient="row").with_columns(
        stage=pl.lit("plan").cast(pl.Enum(["plan"])),
        funding_kind=pl.col("funding_kind").cast(pl.Enum(KINDS)),
        column=pl.col("funding_kind")
        .cast(pl.String)
        .replace_strict(dict(zip(KINDS, "DEFG", strict=True))),
        row_kind=pl.lit("item"),
        family=pl.col("row"),
    )


def _reference(frame: pl.DataFrame) -> set[tuple[int, int]]:
    """The rows whose total differs from their sources, one row at a time."""
    failing = set()
    for (table, row), cells in frame.group_by("table", "row"):
        by_kind = {r["funding_kind"]: r for r in cells.iter_rows(named=True)}
        has_district = any(k == "district" for k in frame.filter(table=table)["funding_kind"])
        if "all" not in by_kind or not has_district:
            continue
        if any(r["number_status"] != "ok" for r in by_kind.values()):
            continue
        parts = sum(by_kind[k]["amount_vnd"] or 0 for k in KINDS[1:] if k in by_kind)
        if (by_kind["all"]["amount_vnd"] or 0) != parts:
            failing.add((int(str(table)), int(str(row))))
    return failing


@given(long_frames())
def test_the_windows_agree_with_a_row_by_row_reference(frame: pl.DataFrame) -> None:
    rule = load_contract("budget_appendix").rule(ROW_TOTAL)
    assert rule is not None
    exprs = row_total_mismatch(rule)
    found = frame.with_columns(**exprs.figures, fails=exprs.fails).filter("fails")
    assert set(found.select("table", "row").iter_rows()) == _reference(frame)
    assert (found["funding_kind"] == "all").all()
