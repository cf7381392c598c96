"""Each check fires on the fault it is for, at the right cell, and stays silent on good data."""

from __future__ import annotations

from pathlib import Path
from types import MappingProxyType

import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import ictdata
from builders import MakeTable, project, table_maker, total
from ictdata import IssueCode
from ictdata.check import rules
from ictdata.check.rules import TABLE
from ictdata.contracts.model import Rule
from ictdata.read.grid import ROW
from ictdata.read.table import FAMILY, ROW_KINDS, SEGMENT


@pytest.fixture
def make_table(tmp_path: Path) -> MakeTable:
    return table_maker(tmp_path)


def issues(path: Path) -> list[tuple[str, str | None]]:
    return [(i.code.value, i.cell) for i in ictdata.check(path).issues]


def test_balanced_table_is_silent(make_table: MakeTable) -> None:
    path = make_table(
        [
            project(1, 100, 20, 50, None, 30, 20, 20),
            project(2, 5),
            total(105, 20, 50, None, 30, 20, 20),
        ]
    )
    assert issues(path) == []


def test_total_at_the_top_sums_the_rows_below(make_table: MakeTable) -> None:
    path = make_table([total(15), project(1, 10), project(2, 6)])
    report = ictdata.check(path)
    assert [(i.code, i.cell, i.expected, i.actual, i.range) for i in report.issues] == [
        (IssueCode.TOTAL_MISMATCH, "F5", 16, 15, "F6:F7")
    ]


def test_blank_total_with_nonzero_sum_is_a_mismatch(make_table: MakeTable) -> None:
    path = make_table([project(1, 10, 3), project(2, 6), total(16)])
    report = ictdata.check(path)
    assert [(i.code, i.cell, i.expected, i.actual) for i in report.issues] == [
        (IssueCode.TOTAL_MISMATCH, "G7", 3, None)
    ]


def test_scale_factor_names_the_item_typed_in_dong(make_table: MakeTable) -> None:
    path = make_table([project(1, 1092), project(2, 8_603_000_000), total(9695)])
    (issue,) = ictdata.check(path).issues
    assert (issue.code, issue.cell, issue.scale_cell, issue.scale_factor) == (
        IssueCode.TOTAL_MISMATCH,
        "F7",
        "F6",
        0.000001,
    )


def test_scale_factor_names_a_total_typed_in_thousands(make_table: MakeTable) -> None:
    path = make_table([project(1, 1092), project(2, 8603), total("9,695")])
    (issue,) = ictdata.check(path).issues
    assert (issue.cell, issue.scale_cell, issue.scale_factor) == ("F7", "F7", 1000)


def test_no_scale_factor_when_no_single_cell_explains(make_table: MakeTable) -> None:
    path = make_table([project(1, 1092), project(2, 8603), total(9000)])
    (issue,) = ictdata.check(path).issues
    assert (issue.scale_cell, issue.scale_factor) == (None, None)


def test_over_allocation_per_funding_kind(make_table: MakeTable) -> None:
    # recurrent: estimate 10, allocated before 4 + this year 4 + demand 4 = 12
    path = make_table(
        [
            project(1, None, 10, None, 4, None, 4, None, 4),
            total(None, 10, None, 4, None, 4, None, 4),
        ]
    )
    report = ictdata.check(path)
    assert [(i.code, i.cell, i.row, i.expected, i.actual, i.detail) for i in report.issues] == [
        (IssueCode.OVER_ALLOCATION, "G5", 5, 10, 12, "recurrent")
    ]


def test_allocations_equal_to_the_estimate_are_fine(make_table: MakeTable) -> None:
    path = make_table(
        [
            project(1, 8603, None, None, None, 4500, None, 4103),
            total(8603, None, None, None, 4500, None, 4103),
        ]
    )
    assert issues(path) == []


def test_allocation_without_estimate_is_over_allocation(make_table: MakeTable) -> None:
    path = make_table([project(1, None, None, 5), total(None, None, 5)])
    assert issues(path) == [("over-allocation", "F5")]


def test_negative_amount(make_table: MakeTable) -> None:
    path = make_table([project(1, 10), project(2, -3), total(7)])
    report = ictdata.check(path)
    assert [(i.code, i.cell, i.actual) for i in report.issues] == [
        (IssueCode.NEGATIVE_AMOUNT, "F6", -3)
    ]


def test_negative_in_parentheses_is_negative(make_table: MakeTable) -> None:
    path = make_table([project(1, 10), project(2, "(3)"), total(7)])
    assert issues(path) == [("negative-amount", "F6")]


def test_bad_number_suspends_the_column_total(make_table: MakeTable) -> None:
    path = make_table([project(1, 10), project(2, "mười"), total(99)])
    report = ictdata.check(path)
    assert [(i.code, i.cell, i.detail) for i in report.issues] == [
        (IssueCode.BAD_NUMBER, "F6", "mười")
    ]


def test_a_space_that_groups_no_thousands_is_a_bad_number(make_table: MakeTable) -> None:
    # "3 68" was read as 368: the column added up and nobody was told.
    path = make_table([project(1, 10), project(2, "3 68"), total(378)])
    report = ictdata.check(path)
    assert [(i.code, i.cell, i.detail) for i in report.issues] == [
        (IssueCode.BAD_NUMBER, "F6", "3 68")
    ]


def test_spaces_grouping_thousands_read_as_one_number(make_table: MakeTable) -> None:
    path = make_table([project(1, "1 092"), project(2, "8\u00a0603"), total("9\u202f695")])
    assert issues(path) == []
    assert ictdata.load(path).filter(row_kind="item")["estimate_investment"].to_list() == [
        1_092_000_000,
        8_603_000_000,
    ]


def test_a_number_too_large_for_dong_is_its_own_error(make_table: MakeTable) -> None:
    path = make_table([project(1, 10), project(2, 10**15), total(99)])
    report = ictdata.check(path)
    assert [(i.code, i.severity.value, i.cell, i.detail) for i in report.issues] == [
        (IssueCode.NUMBER_TOO_LARGE, "error", "F6", "1000000000000000")
    ]


def test_the_largest_amount_that_fits_is_no_error(make_table: MakeTable) -> None:
    largest = 999_999_999_999  # triệu: 18 digits of đồng
    path = make_table([project(1, largest), total(largest)])
    assert issues(path) == []


def test_scale_slip_warns_once_per_column_and_keeps_file_valid(make_table: MakeTable) -> None:
    path = make_table([project(1, None, 1.092), project(2, None, 8.603), total(None, 9.695)])
    report = ictdata.check(path)
    assert [(i.code, i.severity.value, i.cell, i.range, i.scale_factor) for i in report.issues] == [
        (IssueCode.SCALE_SLIP, "warning", "G5", "G5:G7", 1000)
    ]
    assert report.valid


def test_real_decimals_are_not_a_scale_slip(make_table: MakeTable) -> None:
    path = make_table([project(1, None, 4.5), project(2, None, 2.25), total(None, 6.75)])
    assert issues(path) == []


@pytest.mark.parametrize(
    "written",
    [("4,500", "4,500"), ("4,500", "1,000", "5,500"), ("4,000", "2,000", "6,000")],
)
def test_three_written_decimals_are_a_scale_slip_whatever_they_end_in(
    make_table: MakeTable, written: tuple[str, ...]
) -> None:
    # An English-locale "4,500" reads as 4,5 triệu: as ambiguous as "1,092" is.
    *items, last = written
    rows = [project(n, None, text) for n, text in enumerate(items, start=1)]
    path = make_table([*rows, total(None, last)])
    report = ictdata.check(path)
    end = 5 + len(items)
    assert [(i.code, i.cell, i.range, i.scale_factor) for i in report.issues] == [
        (IssueCode.SCALE_SLIP, "G5", f"G5:G{end}", 1000)
    ]


@pytest.mark.parametrize(
    "written",
    [("4,5", "1.092,5", "1.097"), ("4,50", "2,50", "7"), ("4,5", "4,5")],
)
def test_vietnamese_decimals_written_as_such_are_no_scale_slip(
    make_table: MakeTable, written: tuple[str, ...]
) -> None:
    *items, last = written
    rows = [project(n, None, text) for n, text in enumerate(items, start=1)]
    path = make_table([*rows, total(None, last)])
    assert issues(path) == []


def test_undoing_a_written_slip_clears_what_it_broke(make_table: MakeTable) -> None:
    # Estimates typed "4,500" (4,5 triệu) under allocations of 4500: the slip is the cause.
    path = make_table(
        [
            project(1, "4,500", None, None, None, 4500),
            project(2, "1,000", None, None, None, 1000),
            total("5,500", None, None, None, 5500),
        ]
    )
    report = ictdata.check(path)
    assert [(i.code, i.cell, i.caused_by) for i in report.issues] == [
        (IssueCode.SCALE_SLIP, "F5", None),
        (IssueCode.OVER_ALLOCATION, "F5", "F5:F7"),
        (IssueCode.OVER_ALLOCATION, "F6", "F5:F7"),
    ]


def test_three_decimals_in_a_dong_table_are_not_a_scale_slip(make_table: MakeTable) -> None:
    path = make_table(
        [project(1, 1.092), project(2, 8.603), total(9.695)], unit_line="Đơn vị tính: đồng"
    )
    assert [code for code, _ in issues(path)] == []


def test_unknown_unit_warns_and_uses_the_default(make_table: MakeTable) -> None:
    # A unit that names no currency ("bộ": sets); a currency is foreign-currency, an error.
    path = make_table([project(1, 10), total(10)], unit_line="Đơn vị tính: bộ")
    report = ictdata.check(path)
    assert [(i.code, i.cell, i.detail) for i in report.issues] == [
        (IssueCode.UNRECOGNISED_UNIT, "A2", "bộ")
    ]
    assert ictdata.load(path).filter(row_kind="item")["estimate_investment"].item() == 10_000_000


def test_unit_line_in_thousands_scales_amounts(make_table: MakeTable) -> None:
    path = make_table([project(1, "1.092"), total("1.092")], unit_line="ĐVT: nghìn đồng")
    frame = ictdata.load(path)
    assert frame["estimate_investment"].to_list() == [1_092_000, 1_092_000]
    assert frame["unit"].unique().to_list() == ["nghìn đồng"]


def test_sections_with_closing_subtotals_balance(make_table: MakeTable) -> None:
    rows = [
        ["A", "Dự án chuyển tiếp"],
        project(1, 10),
        project(2, 5),
        total(15, label="Cộng"),
        ["B", "Dự án mới"],
        project(3, 7),
        total(7, label="Cộng"),
        total(22, label="Tổng cộng"),
    ]
    assert issues(make_table(rows)) == []


def test_a_wrong_subtotal_points_at_itself_and_its_section(make_table: MakeTable) -> None:
    rows = [
        project(1, 10),
        project(2, 5),
        total(16, label="Cộng"),
        project(3, 7),
        total(7, label="Cộng"),
        total(22),
    ]
    report = ictdata.check(make_table(rows))
    assert [(i.code, i.cell, i.expected, i.actual, i.range) for i in report.issues] == [
        (IssueCode.TOTAL_MISMATCH, "F7", 15, 16, "F5:F6")
    ]


def test_section_rows_carrying_sums_cover_the_projects_below(make_table: MakeTable) -> None:
    rows = [
        ["I", "Dự án chuyển tiếp", None, None, None, 15],
        project(1, 10),
        project(2, 5),
        ["II", "Dự án mới", None, None, None, 8],
        project(3, 7),
        total(22),
    ]
    report = ictdata.check(make_table(rows))
    assert [(i.code, i.cell, i.expected, i.actual, i.range) for i in report.issues] == [
        (IssueCode.TOTAL_MISMATCH, "F8", 7, 8, "F9:F9")
    ]


def test_subtotals_are_not_counted_in_the_grand_total(make_table: MakeTable) -> None:
    rows = [
        project(1, 10),
        total(10, label="Cộng"),
        project(2, 5),
        total(5, label="Cộng"),
        total(30),
    ]
    report = ictdata.check(make_table(rows))
    assert [(i.cell, i.expected, i.actual) for i in report.issues] == [("F9", 15, 30)]


def test_unit_in_a_header_note_when_there_is_no_unit_line(tmp_path: Path) -> None:
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    headers = ["STT", "Tên dự án", "Đơn vị chủ trì"]
    headers += [
        f"{stage} (nghìn đồng) - {kind}"
        for stage in tables_stages()
        for kind in ("Đầu tư", "Sự nghiệp")
    ]
    sheet.append(headers)
    sheet.append([1, "Dự án 1", "Sở Y tế", 1500])
    sheet.append(["Tổng", None, None, 1500])
    book.save(tmp_path / "notes.xlsx")
    frame = ictdata.load(tmp_path / "notes.xlsx")
    assert frame["estimate_investment"].to_list() == [1_500_000, 1_500_000]
    assert ictdata.check(tmp_path / "notes.xlsx").issues == ()


def tables_stages() -> list[str]:
    return [
        "Dự kiến tổng kinh phí",
        "Vốn đã bố trí hết năm 2012",
        "Vốn bố trí năm 2013",
        "Nhu cầu kế hoạch 2014",
    ]


def test_numbered_sub_items_are_parts_of_their_project(make_table: MakeTable) -> None:
    rows = [
        project(1, 10),
        project(2, 8),
        ["2.1", "Hạng mục 1", None, None, None, 5],
        ["2.2", "Hạng mục 2", None, None, None, 3],
        project(3, 2),
        total(20),
    ]
    report = ictdata.check(make_table(rows))
    assert report.issues == ()
    frame = ictdata.load(make_table(rows, name="again.xlsx"))
    assert frame.filter(row_kind="item")["number"].to_list() == ["1", "2", "3"]


def test_lettered_and_dashed_sub_items_too(make_table: MakeTable) -> None:
    rows = [
        project(1, 8),
        ["a", "Phần cứng", None, None, None, 5],
        ["-", "Phần mềm", None, None, None, 3],
        total(8),
    ]
    assert issues(make_table(rows)) == []


def test_sub_items_under_a_heading_without_figures_are_the_projects(make_table: MakeTable) -> None:
    rows = [
        ["1", "Hạ tầng"],
        ["1.1", "Mạng LAN", None, "Sở Y tế", None, 5],
        ["1.2", "Máy chủ", None, "Sở Y tế", None, 3],
        total(8),
    ]
    report = ictdata.check(make_table(rows))
    assert report.issues == ()
    assert ictdata.load(make_table(rows, name="b.xlsx")).filter(row_kind="item")[
        "number"
    ].to_list() == ["1", "1.1", "1.2"]


def test_an_unlabelled_closing_row_of_figures_is_the_total(make_table: MakeTable) -> None:
    rows = [project(1, 10), project(2, 5), [None, None, None, None, None, 16]]
    assert issues(make_table(rows)) == [("total-mismatch", "F7")]


def _one_column(path: Path, formulas: dict[str, tuple[str, float | None]]) -> Path:
    """Two projects in one amount column (D2:D3) and formulas, written by xlsxwriter."""
    import xlsxwriter

    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet("Bieu 01")
    header = ["TT", "Tên dự án", "Đơn vị chủ trì", "Dự kiến tổng kinh phí - Kinh phí đầu tư"]
    sheet.write_row(0, 0, header)
    sheet.write_row(1, 0, [1, "A", "Sở Y tế", 10])
    sheet.write_row(2, 0, [2, "B", "Sở Y tế", 5])
    sheet.write(3, 0, "Tổng")
    for cell, (formula, cached) in formulas.items():
        sheet.write_formula(cell, formula, None, cached)
    book.close()
    return path


def _formula_and_total_issues(path: Path) -> list[tuple[str, str | None, object, object]]:
    return [
        (i.code.value, i.cell, i.expected, i.actual)
        for i in ictdata.check(path).issues
        if i.code.value not in {"missing-column", "unit-not-stated"}
    ]


def test_subtotal_and_round_formulas_are_evaluated(tmp_path: Path) -> None:
    path = _one_column(
        tmp_path / "f.xlsx",
        {"D4": ("=SUBTOTAL(109,D2:D3)", 16), "D5": ("=ROUND(SUM(D2:D3)/2,0)", 8)},
    )
    # SUBTOTAL gives 15, not the stored 16; ROUND gives the stored 8 (7.5 rounds away from 0).
    assert _formula_and_total_issues(path) == [("stale-formula", "D4", 15, 16)]


def test_an_unknown_formula_result_suspends_the_column_check(tmp_path: Path) -> None:
    # xlsxwriter stores the placeholder 0 for a formula it cannot compute.
    path = _one_column(tmp_path / "f.xlsx", {"D4": ("=VLOOKUP(1,A2:D2,4)", None)})
    assert _formula_and_total_issues(path) == [("formula-no-value", "D4", None, None)]


def test_a_column_typed_the_english_way_is_read_the_english_way(make_table: MakeTable) -> None:
    rows = [project(1, "4.5"), project(2, "4.103"), project(3, "1092.0"), total("1100.603")]
    report = ictdata.check(make_table(rows))
    assert [i.code.value for i in report.issues] == []
    frame = ictdata.load(make_table(rows, name="b.xlsx"))
    assert frame["estimate_investment"].to_list() == [
        4_500_000,
        4_103_000,
        1_092_000_000,
        1_100_603_000,
    ]


def test_vietnamese_grouping_stays_vietnamese_in_its_column(make_table: MakeTable) -> None:
    rows = [project(1, "4.103"), project(2, "1.092,5"), total("5.195,5")]
    assert issues(make_table(rows)) == []


def test_parts_that_do_not_add_up_to_their_project(make_table: MakeTable) -> None:
    rows = [
        project(1, 10),
        project(2, 8),
        ["2.1", "Hạng mục 1", None, None, None, 5],
        ["2.2", "Hạng mục 2", None, None, None, 4],
        total(18),
    ]
    report = ictdata.check(make_table(rows))
    assert [
        (i.code, i.cell, i.expected, i.actual, i.range, i.scale_cell) for i in report.issues
    ] == [(IssueCode.TOTAL_MISMATCH, "F6", 9, 8, "F7:F8", None)]


# ----------------------------------------------------------------------------- window keys

_STAGES = pl.Enum(["estimate", "allocated_before", "allocated_current", "demand_next"])
_KINDS = pl.Enum(["investment", "recurrent"])
_NULLABLE = st.one_of(st.none(), st.integers(0, 3))
_WINDOW_COLUMNS: dict[str, pl.DataType] = {
    TABLE: pl.Int64(),
    ROW: pl.Int64(),
    SEGMENT: pl.Int64(),
    FAMILY: pl.Int64(),
    "stage": _STAGES,
    "funding_kind": _KINDS,
}


@settings(max_examples=100)
@given(
    cells=st.lists(
        st.tuples(
            st.integers(0, 3),
            st.integers(1, 6),
            _NULLABLE,
            _NULLABLE,
            st.sampled_from(_STAGES.categories.to_list()),
            st.sampled_from(_KINDS.categories.to_list()),
        ),
        min_size=1,
        max_size=40,
    )
)
def test_a_packed_window_key_groups_as_its_columns_do(
    cells: list[tuple[int, int, int | None, int | None, str, str]],
) -> None:
    frame = pl.DataFrame(cells, schema=_WINDOW_COLUMNS, orient="row")
    for group in ([TABLE, "stage", "funding_kind", FAMILY], [TABLE, ROW, "funding_kind"]):
        packed = frame.select(key=rules._key(group), columns=pl.struct(group))
        # One key per distinct combination, and one combination per key.
        pairs = packed.unique().height
        assert pairs == packed.get_column("key").n_unique() == frame.select(group).unique().height


def test_a_batch_beyond_the_key_widths_is_refused_not_mixed_up() -> None:
    fits = pl.DataFrame({TABLE: [0, 1], ROW: [5, 2**26 - 2]})
    assert rules.fits_keys(fits)
    assert not rules.fits_keys(fits.with_columns(pl.col(ROW) + 1))
    assert not rules.fits_keys(pl.DataFrame({TABLE: [2**20], ROW: [1]}))


def _written(amount: int | None, multiplier: int, *, comma: bool) -> str | None:
    """The text of `amount` đồng in a table of `multiplier`: "4,500" with `comma`, if it can."""
    step = multiplier // 1000
    if amount is None or not comma or amount % step:
        return None if amount is None else str(amount)
    whole, thousandths = divmod(abs(amount) // step, 1000)
    return f"{'-' if amount < 0 else ''}{whole},{thousandths:03d}"


@settings(max_examples=150)
@given(
    cells=st.lists(
        st.tuples(
            st.integers(0, 2),
            st.integers(1, 8),
            st.sampled_from(_STAGES.categories.to_list()),
            st.sampled_from([10**3, 10**6, 10**9]),
            # Whole units, thousandths, hundredths and tenths of the unit, and blanks.
            st.one_of(st.none(), st.integers(-3, 3), st.integers(0, 20).map(lambda k: k * 10**3)),
            st.booleans(),  # written with three decimals after a comma ("4,500"), if it can be
        ),
        min_size=1,
        max_size=30,
    ),
    scale=st.sampled_from([10**3, 10**6, 10**9]),
)
def test_scale_slip_is_skipped_only_where_it_cannot_fire(
    cells: list[tuple[int, int, str, int, int | None, bool]], scale: int
) -> None:
    """The rule's cheap `applies` is False only on frames where `fails` holds nowhere."""
    frame = pl.DataFrame(
        [
            (t, r, s, "investment", m, amount, _written(amount, m, comma=comma))
            for t, r, s, m, v, comma in cells
            for amount in [None if v is None else v * scale]
        ],
        schema={
            TABLE: pl.Int64,
            ROW: pl.Int64,
            "stage": _STAGES,
            "funding_kind": _KINDS,
            "multiplier": pl.Int64,
            "amount_vnd": pl.Int64,
            "raw": pl.String,
        },
        orient="row",
    ).with_columns(pl.col("multiplier").first().over(TABLE))  # one unit per table
    exprs = rules.scale_slip(Rule(IssueCode.SCALE_SLIP, "", MappingProxyType({"min_values": 2})))
    assert exprs.applies is not None
    fires, applies = frame.select(exprs.fails.any(), exprs.applies).row(0)
    assert applies or not fires


_PLAIN_RULES = {
    "total": rules.total_mismatch(Rule(IssueCode.TOTAL_MISMATCH, "")),
    "over": rules.over_allocation(
        Rule(
            IssueCode.OVER_ALLOCATION,
            "",
            MappingProxyType({"whole": "estimate", "parts": ["allocated_current", "demand_next"]}),
        )
    ),
}


PlainCells = list[tuple[int, int, int, int, str, str, str, int | None, str]]
_PLAIN_SCHEMA = {
    **_WINDOW_COLUMNS,
    "row_kind": ROW_KINDS,
    "amount_vnd": pl.Int64(),
    "number_status": pl.String(),
}


def _plain_cells(kinds: list[str], statuses: list[str]) -> st.SearchStrategy[PlainCells]:
    """Amount cells of two tables (rows of `kinds`, numbers of `statuses`), in `_PLAIN_SCHEMA`."""
    return st.lists(
        st.tuples(
            st.integers(0, 1),
            st.integers(1, 6),
            st.integers(0, 1),
            st.integers(0, 2),
            st.sampled_from(_STAGES.categories.to_list()),
            st.sampled_from(_KINDS.categories.to_list()),
            st.sampled_from(kinds),
            st.one_of(st.none(), st.integers(-2, 9)),
            st.sampled_from(statuses),
        ),
        min_size=1,
        max_size=40,
    )


@settings(max_examples=150)
@given(
    cells=_plain_cells(
        ["item", "item", "total", "subtotal", "detail"],
        ["ok", "ok", "ok", "blank", "bad", "unknown"],
    ),
    rule=st.sampled_from(sorted(_PLAIN_RULES)),
)
def test_a_plain_form_fails_where_the_rule_does(cells: PlainCells, rule: str) -> None:
    """Wherever a rule's `plain.when` holds, its cheaper `plain.fails` gives the same rows."""
    frame = pl.DataFrame(cells, schema=_PLAIN_SCHEMA, orient="row")
    exprs = _PLAIN_RULES[rule]
    assert exprs.plain is not None
    found = frame.select(
        full=exprs.fails.fill_null(value=False),
        plain=exprs.plain.fails.fill_null(value=False),
        when=exprs.plain.when,
    )
    if found.get_column("when")[0]:
        assert found.get_column("full").to_list() == found.get_column("plain").to_list()


@settings(max_examples=150)
@given(cells=_plain_cells(["item", "item", "total", "subtotal"], ["ok", "ok", "blank"]))
def test_the_plain_figures_are_the_rules_figures(cells: PlainCells) -> None:
    """On a frame with no project in parts and every value known, the cheaper figures agree."""
    frame = pl.DataFrame(cells, schema=_PLAIN_SCHEMA, orient="row").with_columns(column=pl.lit("F"))
    exprs = _PLAIN_RULES["total"]
    assert exprs.plain is not None
    assert frame.select(exprs.plain.when).item()
    assert set(exprs.plain.figures) == {"expected_vnd", "range"}
    for name, cheaper in exprs.plain.figures.items():
        figures = frame.select(full=exprs.figures[name], plain=cheaper)
        assert figures.get_column("full").to_list() == figures.get_column("plain").to_list()


def test_the_plain_form_is_not_taken_where_it_would_miss() -> None:
    """A project in parts, or an unreadable cell, makes the full form run."""
    frame = pl.DataFrame(
        {"row_kind": ["item", "detail"], "number_status": ["ok", "ok"]},
        schema={"row_kind": ROW_KINDS, "number_status": pl.String},
    )
    total_when = _PLAIN_RULES["total"].plain
    over_when = _PLAIN_RULES["over"].plain
    assert total_when is not None
    assert over_when is not None
    assert frame.select(total_when.when).item() is False
    assert frame.head(1).select(total_when.when).item() is True
    unreadable = frame.head(1).with_columns(number_status=pl.lit("bad"))
    assert unreadable.select(total_when.when).item() is False
    assert unreadable.select(over_when.when).item() is False


def test_a_subtotal_suspects_only_the_items_of_its_section(make_table: MakeTable) -> None:
    # Section 2's subtotal is 1,998 over its items: 2 x 999, as if section 1's item (F5)
    # had been typed x1000. F5 is not summed by it, so no cell is named.
    rows = [
        project(1, 2),
        total(2, label="Cộng"),
        project(2, 3),
        total(2001, label="Cộng"),
        total(5),
    ]
    report = ictdata.check(make_table(rows))
    assert [(i.code, i.cell, i.scale_cell) for i in report.issues] == [
        (IssueCode.TOTAL_MISMATCH, "F8", None)
    ]
