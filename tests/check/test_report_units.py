"""A unit report's amounts read their unit by the rule tables read theirs.

The unit line above the report (in one cell or two), a unit ending or noted in the title, a
note in the label (nested ones too) and the "Đơn vị tính" cell: a đồng unit scales the
amount, another currency keeps it out (`foreign-currency`), a unit not understood warns
(`unrecognised-unit`).
"""

from __future__ import annotations

import unicodedata
from pathlib import Path

import polars as pl
import pytest

import ictdata
from builders import project, table_maker, total
from ictdata.api import check_batch
from ictdata.marts.units import unit_indicators
from unit_builders import consolidated, edit_cells, one_unit

STAFF = ("Tổng số cán bộ, công chức", 37)
ALLOCATED = "Kinh phí CNTT được bố trí"
DISBURSED = "Kinh phí CNTT đã giải ngân"
CONSOLIDATED = ["Tổng số CBCC", "KP CNTT được bố trí", "Số máy tính"]
UNITS = [("Sở Y tế", [80, 500, 90]), ("Sở Tư pháp", [40, 300, 45])]
TITLE = "BÁO CÁO TÌNH HÌNH ỨNG DỤNG CNTT NĂM 2013"
TABLE_ROWS = [project(1, 100), project(2, 250), total(350)]
Found = list[tuple[str, str | None, str | None, str | None]]


def _issues(path: Path) -> Found:
    return [(i.code.value, i.cell, i.unit, i.detail) for i in ictdata.check(path).issues]


def _codes(path: Path) -> list[tuple[str, str | None]]:
    return [(code, cell) for code, cell, _, _ in _issues(path)]


def _values(path: Path, indicator: str = "budget_allocated") -> list[float]:
    values = unit_indicators(check_batch(path)).filter(indicator=indicator)
    return [float(v) for v in values.sort("cell")["value"].to_list()]


def _report(tmp_path: Path, label: str = ALLOCATED, amount: int = 338) -> Path:
    """A one-unit report: staff (B7) and an amount (B8, value D8) with no unit of its own."""
    return one_unit(tmp_path / "r.xlsx", [STAFF, (label, amount)], measures={})


# 1. A unit line above the report that is another currency, or no unit known.


@pytest.mark.parametrize(
    ("line", "stated", "code"),
    [
        ("Đơn vị tính: USD", "USD", "USD"),
        ("Đơn vị: nghìn USD", "nghìn USD", "USD"),
        ("ĐVT: nghìn €", "nghìn €", "EUR"),
        ("(Đơn vị tính: triệu đô la Mỹ)", "triệu đô la Mỹ", "USD"),
    ],
)
def test_a_foreign_unit_line_above_a_one_unit_report_is_an_error(
    tmp_path: Path, line: str, stated: str, code: str
) -> None:
    path = edit_cells(_report(tmp_path), {"A5": line})
    assert _issues(path) == [("foreign-currency", "A5", code, stated)]
    assert ictdata.check(path).exit_code == ictdata.ExitCode.INVALID
    # The amount is not loaded; the staff count beside it is.
    assert _values(path) == []
    assert _values(path, "staff_total") == [37.0]


def test_an_amount_in_another_currency_goes_to_the_rejects(tmp_path: Path) -> None:
    path = one_unit(tmp_path / "r.xlsx", [STAFF, (ALLOCATED, 338), (DISBURSED, 120)], measures={})
    edit_cells(path, {"A5": "Đơn vị tính: nghìn USD"})
    ictdata.build([path], tmp_path / "marts")
    rejects = pl.read_parquet(tmp_path / "marts" / "rejects.parquet")
    assert rejects.select("row", "reason", "content").rows() == [
        (8, "foreign-currency", "D8=338"),
        (9, "foreign-currency", "D9=120"),
    ]
    indicators = pl.read_parquet(tmp_path / "marts" / "unit_indicators.parquet")
    assert indicators["indicator"].to_list() == ["staff_total"]


def test_a_foreign_unit_line_above_a_consolidated_report_is_an_error(tmp_path: Path) -> None:
    path = edit_cells(consolidated(tmp_path / "c.xlsx", CONSOLIDATED, UNITS), {"A2": "ĐVT: USD"})
    assert _issues(path) == [("foreign-currency", "A2", "USD", "USD")]
    assert _values(path) == []
    assert _values(path, "computers") == [90.0, 45.0]


@pytest.mark.parametrize("line", ["Đơn vị tính: bộ", "ĐVT: triệu đồng/năm"])
def test_a_unit_line_not_understood_warns_and_keeps_the_indicators_unit(
    tmp_path: Path, line: str
) -> None:
    path = edit_cells(_report(tmp_path), {"A5": line})
    stated = line.split(": ", 1)[1]
    assert _issues(path) == [("unrecognised-unit", "A5", "triệu đồng", stated)]
    assert ictdata.check(path).exit_code == ictdata.ExitCode.VALID
    assert _values(path) == [338.0]


def test_a_consolidated_unit_line_not_understood_warns_once(tmp_path: Path) -> None:
    path = edit_cells(consolidated(tmp_path / "c.xlsx", CONSOLIDATED, UNITS), {"A2": "ĐVT: bộ"})
    assert _issues(path) == [("unrecognised-unit", "A2", "triệu đồng", "bộ")]
    assert _values(path) == [500.0, 300.0]


@pytest.mark.parametrize(
    ("line", "expected"),
    [("Đơn vị tính: nghìn đồng", 0.338), ("Đơn vị: triệu VNĐ", 338.0), ("ĐVT: tỷ đồng", 338_000)],
)
def test_a_dong_unit_line_above_is_silent(tmp_path: Path, line: str, expected: float) -> None:
    path = edit_cells(_report(tmp_path), {"A5": line})
    assert _issues(path) == []
    assert _values(path) == pytest.approx([expected])


def test_an_amounts_own_dong_unit_wins_over_a_foreign_line_above(tmp_path: Path) -> None:
    path = one_unit(tmp_path / "r.xlsx", [STAFF, (ALLOCATED, 338)])  # "triệu đồng" in C8
    edit_cells(path, {"A5": "Đơn vị tính: USD"})
    assert _issues(path) == []
    assert _values(path) == [338.0]


def test_a_line_naming_the_reporting_unit_is_still_no_unit(tmp_path: Path) -> None:
    path = edit_cells(_report(tmp_path), {"A5": "Đơn vị: Sở Y tế"})
    assert _codes(path) == [("unit-not-stated", "C8")]


# 2. A unit stated only in the title.


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        (f"{TITLE} (Đơn vị tính: nghìn đồng)", 0.338),
        (f"{TITLE} - ĐVT: tỷ đồng", 338_000.0),
        (f"{TITLE} ĐVT: đồng", 0.000338),
        (f"{TITLE} (nghìn đồng)", 0.338),
    ],
)
def test_a_unit_in_the_title_states_the_amounts_unit(
    tmp_path: Path, title: str, expected: float
) -> None:
    path = edit_cells(_report(tmp_path), {"A1": title})
    assert _issues(path) == []
    assert _values(path) == pytest.approx([expected])


def test_a_title_ending_in_its_unit_keeps_its_year(tmp_path: Path) -> None:
    # The heading says 2014, the title 2013: the year is read from the title all the same.
    path = one_unit(tmp_path / "r.xlsx", [STAFF, (ALLOCATED, 338)], measures={}, year=2014)
    edit_cells(path, {"A1": f"{TITLE} (ĐVT: triệu đồng)"})
    report = ictdata.check(path)
    assert [(i.code.value, i.cell, i.expected, i.actual) for i in report.issues] == [
        ("period-mismatch", "B4", 2013, 2014)
    ]
    assert check_batch(path).unit_values["report_year"].unique().to_list() == [2013]


def test_a_title_in_another_currency_is_an_error(tmp_path: Path) -> None:
    path = edit_cells(
        consolidated(tmp_path / "c.xlsx", CONSOLIDATED, UNITS), {"A1": f"{TITLE} (USD)"}
    )
    assert _issues(path) == [("foreign-currency", "A1", "USD", "USD")]
    assert _values(path) == []


def test_a_consolidated_title_ending_in_its_unit_states_it(tmp_path: Path) -> None:
    path = edit_cells(
        consolidated(tmp_path / "c.xlsx", CONSOLIDATED, UNITS), {"A1": f"{TITLE} - ĐVT: tỷ đồng"}
    )
    assert _issues(path) == []
    assert _values(path) == [500_000.0, 300_000.0]


def test_title_words_that_only_look_like_a_unit_line_are_none(tmp_path: Path) -> None:
    path = edit_cells(_report(tmp_path), {"A1": f"{TITLE} - đơn vị tính toán: Sở Tài chính"})
    assert _codes(path) == [("unit-not-stated", "C8")]
    assert _values(path) == [338.0]


# 3. A note in a label that holds a note of its own, naming no đồng unit.


# A nested note giving a đồng unit: see test_unit_not_stated.py's labels stating their unit.
@pytest.mark.parametrize(
    ("label", "expected"),
    [
        (f"{ALLOCATED} (ĐVT: nghìn USD (đô la Mỹ))", ("foreign-currency", "B8", "USD")),
        (f"{ALLOCATED} (ĐVT: bộ (cái))", ("unrecognised-unit", "B8", "triệu đồng")),
    ],
)
def test_a_nested_note_naming_no_dong_unit_is_judged(
    tmp_path: Path, label: str, expected: tuple[str, str, str]
) -> None:
    path = _report(tmp_path, label)
    assert [(code, cell, unit) for code, cell, unit, _ in _issues(path)] == [expected]


@pytest.mark.parametrize(
    ("cells", "expected"),
    [
        ({"C8": "triệu đồng (VNĐ)"}, 338.0),  # the amount's own unit cell
        ({"C8": "nghìn đồng (VNĐ)"}, 0.338),
        ({"B8": f"{ALLOCATED} (triệu đồng (VNĐ))"}, 338.0),  # a note in its label
        ({"B8": f"{ALLOCATED} (Đơn vị tính: nghìn đồng (VNĐ))"}, 0.338),
        ({"D6": "Số liệu (triệu đồng (VNĐ))"}, 338.0),  # its value column's header
        ({"D6": "Số liệu (nghìn đồng (VNĐ))"}, 0.338),
    ],
)
def test_a_nested_note_in_an_amounts_cell_label_or_header_is_read_whole(
    tmp_path: Path, cells: dict[str, str | None], expected: float
) -> None:
    # "triệu đồng (VNĐ)" is in triệu đồng: its inner note alone would read đồng, 10^6 apart.
    path = edit_cells(_report(tmp_path), cells)
    assert _issues(path) == []
    assert _values(path) == pytest.approx([expected])


@pytest.mark.parametrize(
    ("cells", "cell"),
    [
        ({"C8": "Triệu đ (VNĐ)"}, "C8"),
        ({"C8": "triệu đồng/năm (VNĐ)"}, "C8"),
        ({"C8": unicodedata.normalize("NFD", "Triệu đ (VNĐ)")}, "C8"),  # decomposed text
        ({"B8": f"{ALLOCATED} (triệu đồng/năm (VNĐ))"}, "B8"),
        ({"B8": f"{ALLOCATED} (ĐV: triệu đồng (VNĐ))"}, "B8"),
        ({"D6": "Số liệu (triệu đồng/năm (VNĐ))"}, "D6"),
    ],
)
def test_money_named_but_not_understood_is_not_read_as_its_inner_note(
    tmp_path: Path, cells: dict[str, str | None], cell: str
) -> None:
    # The note's đồng would make 338 triệu 0.000338: the unit stated is not understood.
    path = edit_cells(_report(tmp_path), cells)
    assert _codes(path) == [("unrecognised-unit", cell)]
    assert _values(path) == [338.0]


@pytest.mark.parametrize("measure", ["nghìn USD (VNĐ)", "USD (VNĐ)"])
def test_a_foreign_unit_with_a_dong_note_is_still_foreign(tmp_path: Path, measure: str) -> None:
    path = edit_cells(_report(tmp_path), {"C8": measure})
    assert _codes(path) == [("foreign-currency", "C8")]
    assert _values(path) == []


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        (f"{TITLE} (Đơn vị tính: nghìn đồng (VNĐ))", 0.338),
        (f"{TITLE} (nghìn đồng (VNĐ))", 0.338),
        (f"{TITLE} (Đơn vị tính: nghìn USD (đô la Mỹ))", None),
    ],
)
def test_a_nested_note_in_a_reports_title_is_read_whole(
    tmp_path: Path, title: str, expected: float | None
) -> None:
    # Not its inner note alone: "(nghìn đồng (VNĐ))" is in nghìn đồng, not in đồng.
    path = edit_cells(_report(tmp_path), {"A1": title})
    if expected is None:
        assert _codes(path) == [("foreign-currency", "A1")]
    else:
        assert _issues(path) == []
        assert _values(path) == pytest.approx([expected])


@pytest.mark.parametrize(
    ("cells", "vnd"),
    [
        ({"F3": "Dự kiến tổng kinh phí (nghìn đồng (VNĐ))"}, 350_000),
        ({"A1": "KẾ HOẠCH 2014 (Đơn vị tính: triệu đồng (VNĐ))"}, 350 * 10**6),
        ({"A1": "KẾ HOẠCH 2014 (tỷ đồng (VNĐ))"}, 350 * 10**9),
        ({"F3": "Dự kiến tổng kinh phí (đồng)"}, 350),
    ],
)
def test_a_tables_nested_note_states_its_unit_whole(
    tmp_path: Path, cells: dict[str, str | None], vnd: int
) -> None:
    path = edit_cells(table_maker(tmp_path)(TABLE_ROWS, unit_line=None), cells)
    assert _issues(path) == []
    assert ictdata.load(path).filter(row_kind="total")["estimate_investment"].item() == vnd


# 4. The "Đơn vị tính" cell of an amount.


@pytest.mark.parametrize(
    ("measure", "amount", "expected"),
    [
        ("VNĐ", 338_000_000, 338.0),
        ("VND", 338_000_000, 338.0),
        ("đồng", 338_000_000, 338.0),
        ("Đồng", 338_000_000, 338.0),
        ("nghìn VNĐ", 338_000, 338.0),
        ("Tr.đồng", 338, 338.0),
        ("Triệu VNĐ", 338, 338.0),
    ],
)
def test_a_dong_measure_scales_the_amount(
    tmp_path: Path, measure: str, amount: int, expected: float
) -> None:
    path = one_unit(tmp_path / "r.xlsx", [STAFF, (ALLOCATED, amount)], measures={})
    edit_cells(path, {"C8": measure})
    assert _issues(path) == []
    assert _values(path) == pytest.approx([expected])


@pytest.mark.parametrize(
    ("measure", "expected"),
    [
        ("bộ", ("unrecognised-unit", "C8", "triệu đồng", "bộ")),
        ("USD", ("foreign-currency", "C8", "USD", "USD")),
    ],
)
def test_a_measure_naming_no_dong_unit_is_judged(
    tmp_path: Path, measure: str, expected: tuple[str, str, str, str]
) -> None:
    path = edit_cells(_report(tmp_path), {"C8": measure})
    assert _issues(path) == [expected]


def test_a_dash_in_an_amounts_measure_states_no_unit(tmp_path: Path) -> None:
    path = edit_cells(_report(tmp_path), {"C8": "-"})
    assert _codes(path) == [("unit-not-stated", "C8")]
    assert _values(path) == [338.0]


def test_a_count_needs_no_money_unit_in_its_measure(tmp_path: Path) -> None:
    path = one_unit(tmp_path / "r.xlsx", [STAFF, (ALLOCATED, 338)])
    edit_cells(path, {"C7": "người"})
    assert _issues(path) == []


# 5. A unit line in two cells: "Đơn vị tính:" then the unit.


@pytest.mark.parametrize(
    ("cells", "expected"),
    [
        ({"A5": "Đơn vị tính:", "B5": "nghìn đồng"}, 0.338),
        ({"A5": "ĐVT:", "D5": "đồng"}, 0.000338),
    ],
)
def test_a_unit_line_in_two_cells_above_a_report_is_read(
    tmp_path: Path, cells: dict[str, str | None], expected: float
) -> None:
    path = edit_cells(_report(tmp_path), cells)
    assert _issues(path) == []
    assert _values(path) == pytest.approx([expected])


def test_a_foreign_unit_line_in_two_cells_is_an_error(tmp_path: Path) -> None:
    path = edit_cells(_report(tmp_path), {"A5": "Đơn vị tính:", "B5": "nghìn USD"})
    assert _issues(path) == [("foreign-currency", "A5", "USD", "nghìn USD")]


def test_a_label_without_its_colon_beside_a_unit_is_no_unit_line(tmp_path: Path) -> None:
    path = edit_cells(_report(tmp_path), {"A5": "Đơn vị tính", "B5": "nghìn đồng"})
    assert _codes(path) == [("unit-not-stated", "C8")]
    assert _values(path) == [338.0]


@pytest.mark.parametrize(
    ("cells", "expected"),
    [
        ({"A2": "Đơn vị tính:", "B2": "nghìn đồng"}, []),
        ({"A2": "ĐVT:", "C2": "tỷ đồng"}, []),
        (
            {"A2": "Đơn vị tính:", "B2": "nghìn USD"},
            [("foreign-currency", "A2", "USD", "nghìn USD")],
        ),
        ({"A2": "Đơn vị tính:", "B2": "bộ"}, [("unrecognised-unit", "A2", "triệu VNĐ", "bộ")]),
    ],
)
def test_a_tables_unit_line_in_two_cells_is_read(
    tmp_path: Path, cells: dict[str, str | None], expected: Found
) -> None:
    path = edit_cells(table_maker(tmp_path)(TABLE_ROWS, unit_line=None), cells)
    assert _issues(path) == expected


@pytest.mark.parametrize(
    ("cells", "vnd"),
    [
        ({"A2": "Đơn vị tính:", "B2": "nghìn đồng"}, 350_000),
        ({"A2": "ĐVT:", "C2": "tỷ đồng"}, 350 * 10**9),
    ],
)
def test_a_tables_split_unit_line_scales_its_figures(
    tmp_path: Path, cells: dict[str, str | None], vnd: int
) -> None:
    path = edit_cells(table_maker(tmp_path)(TABLE_ROWS, unit_line=None), cells)
    assert ictdata.load(path).filter(row_kind="total")["estimate_investment"].item() == vnd


def test_a_tables_foreign_unit_line_headed_by_don_vi_is_an_error(tmp_path: Path) -> None:
    path = table_maker(tmp_path)(TABLE_ROWS, unit_line="Đơn vị: nghìn USD")
    assert _issues(path) == [("foreign-currency", "A2", "USD", "nghìn USD")]


FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"
IN_USD = FIXTURES / "unit_reports" / "broken" / "foreign_currency.xlsx"
BUDGET = ["budget_allocated", "budget_disbursed"]


def test_the_usd_fixture_loads_all_but_its_amounts(tmp_path: Path) -> None:
    # Its twin: the same unit's report, its amounts in triệu đồng in their own unit cells.
    (twin,) = (FIXTURES / "unit_reports" / "valid" / "one_unit").glob("25_07_*.xlsx")
    report = ictdata.build([IN_USD, twin], tmp_path)
    assert [i.code.value for i in report.files[0].issues] == ["foreign-currency"]
    values = pl.read_parquet(tmp_path / "unit_indicators.parquet")
    mine = values.filter(pl.col("file").str.ends_with(IN_USD.name))
    theirs = values.filter(pl.col("file").str.ends_with(twin.name))
    assert mine.select("indicator", "value").rows() == (
        theirs.filter(~pl.col("indicator").is_in(BUDGET)).select("indicator", "value").rows()
    )
    rejects = pl.read_parquet(tmp_path / "rejects.parquet")
    own = rejects.filter(pl.col("source_file").str.ends_with(IN_USD.name))
    amounts = theirs.filter(pl.col("indicator").is_in(BUDGET))
    assert own.select("row", "reason", "content").rows() == [
        (int(cell[1:]), "foreign-currency", f"{cell}={int(value)}")
        for cell, value in amounts.select("cell", "value").iter_rows()
    ]
