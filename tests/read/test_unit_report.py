"""Unit reports: both forms load into one long table, values at their cells, units resolved."""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest

import ictdata
from ictdata.check.runner import Batch
from ictdata.marts.units import unit_indicators, unit_rejects
from unit_builders import Cell, consolidated, one_unit

UNIT_REPORTS = Path(__file__).resolve().parents[2] / "fixtures" / "unit_reports"
KEY = ["unit_code", "year", "indicator"]


def _indicators(paths: list[Path] | Path) -> pl.DataFrame:
    batch: Batch = ictdata.api.check_batch(paths, "unit_report")
    return unit_indicators(batch)


@pytest.fixture(scope="module")
def one_unit_table() -> pl.DataFrame:
    return _indicators(UNIT_REPORTS / "valid" / "one_unit")


@pytest.fixture(scope="module")
def consolidated_table() -> pl.DataFrame:
    return _indicators(UNIT_REPORTS / "valid" / "consolidated_2013.xlsx")


def test_both_forms_load_into_the_same_long_table(
    one_unit_table: pl.DataFrame, consolidated_table: pl.DataFrame
) -> None:
    columns = [*KEY, "value", "unit", "unit_name"]
    left = one_unit_table.select(columns).sort(KEY)
    right = consolidated_table.select(columns).sort(KEY)
    assert left.height == right.height == 852
    assert left.equals(right)
    assert one_unit_table["unit_code"].n_unique() == 37
    # No value is missing (`sheet` is null for a CSV; `value_vnd` for what is no money).
    assert one_unit_table.drop("sheet", "value_vnd").null_count().sum_horizontal().item() == 0


def test_values_keep_their_file_sheet_and_cell(
    one_unit_table: pl.DataFrame, consolidated_table: pl.DataFrame
) -> None:
    ha_hoa = one_unit_table.filter(unit_code="231", indicator="staff_total")
    assert ha_hoa["file"].item().endswith("valid/one_unit/231_ubnd_huyen_ha_hoa.xlsx")
    assert (ha_hoa["sheet"].item(), ha_hoa["cell"].item()) == ("Bao cao", "D7")
    assert ha_hoa["unit_name"].item() == "Huyện Hạ Hòa"
    row = consolidated_table.filter(unit_code="227", indicator="mailboxes")
    assert (row["sheet"].item(), row["cell"].item()) == ("Tong hop", "K29")


def test_csv_and_nfd_reports_read_like_the_others(one_unit_table: pl.DataFrame) -> None:
    csv_rows = one_unit_table.filter(pl.col("file").str.ends_with(".csv"))
    assert set(csv_rows["unit_code"]) == {"25.12", "236"}
    assert csv_rows["sheet"].null_count() == csv_rows.height
    tu_phap = dict(csv_rows.filter(unit_code="25.12").select("indicator", "value").iter_rows())
    exact = 100 * tu_phap["staff_with_computers"] / tu_phap["staff_total"]
    assert tu_phap["percent_staff_with_computers"] == round(exact, 1)  # "97,6" read as 97.6
    assert tu_phap["percent_staff_with_computers"] % 1 != 0
    nfd = one_unit_table.filter(unit_code="232")
    assert nfd.height == 23


def test_yes_no_answers_and_amount_units(tmp_path: Path) -> None:
    path = one_unit(
        tmp_path / "r.xlsx",
        [
            ("Có mạng nội bộ (LAN)", "Có"),
            ("Mạng LAN hoàn chỉnh", "không"),
            ("Kết nối Internet", "x"),
            ("Kinh phí CNTT được bố trí (triệu đồng)", "1.092"),
            ("Tỷ lệ văn bản gửi nhận dưới dạng điện tử", "51,4%"),
            ("Người lập biểu", None),
        ],
    )
    batch = ictdata.api.check_batch(path)
    values = dict(unit_indicators(batch).select("indicator", "value").iter_rows())
    assert values == {
        "has_lan": 1.0,
        "lan_complete": 0.0,
        "internet": 1.0,
        "budget_allocated": 1092.0,
        "percent_documents_electronic": 51.4,
    }
    assert batch.report.files[0].template == "unit_report"
    assert batch.rejects.select("row", "reason").rows() == [(12, "unknown-indicator")]


def test_consolidated_rows_without_a_unit_or_values_are_rejected(tmp_path: Path) -> None:
    path = consolidated(
        tmp_path / "c.xlsx",
        ["Tổng số CBCC", "Số CBCC có máy tính", "Số hộp thư"],
        [
            ("Sở Y tế", [80, 78, 90]),
            ("", [1, 1, 1]),
            ("Sở Tài chính", [None, None, None]),
            ("Tổng cộng", [80, 78, 90]),
        ],
    )
    batch = ictdata.api.check_batch(path)
    assert unit_indicators(batch).height == 3
    assert batch.rejects.select("row", "reason").rows() == [
        (5, "no-unit"),
        (6, "no-amounts"),
        (7, "total-row"),
    ]


def test_a_sheet_that_is_no_unit_report_is_left_to_the_other_templates() -> None:
    fixtures = UNIT_REPORTS.parent
    report = ictdata.check(fixtures / "valid" / "seed_budget_two_sheets.xlsx")
    assert report.files[0].template == "project_budget"
    assert report.valid


def test_a_column_typed_the_english_way_is_read_so(tmp_path: Path) -> None:
    many = consolidated(
        tmp_path / "c.xlsx",
        ["Tổng số CBCC", "Số hộp thư", "Tỷ lệ sử dụng hộp thư"],
        [("Sở Y tế", ["80", "1.092", "51.4"]), ("Sở Tài chính", ["60", "70", "40.25"])],
    )
    values = unit_indicators(ictdata.api.check_batch(many))
    read = dict(
        values.filter(pl.col("unit_code") == "25.05").select("indicator", "value").iter_rows()
    )
    # "1.092" is Vietnamese (a column with no English decimal); "51.4" English (its column).
    assert read == {"staff_total": 80, "mailboxes": 1092, "percent_mailboxes_used": 51.4}


def test_each_report_of_a_batch_decides_its_own_english_columns(tmp_path: Path) -> None:
    """A batch reads every report's numbers at once; column D of one is not column D of another."""
    indicators = ["Tổng số CBCC", "Số hộp thư", "Tỷ lệ sử dụng hộp thư"]
    english = consolidated(tmp_path / "a.xlsx", indicators, [("Sở Y tế", ["80", "70.25", "50"])])
    vietnamese = consolidated(
        tmp_path / "b.xlsx", indicators, [("Sở Tài chính", ["60", "1.092", "50"])]
    )
    values = unit_indicators(ictdata.api.check_batch([english, vietnamese]))
    mailboxes = values.filter(pl.col("indicator") == "mailboxes")
    read = dict(mailboxes.select(pl.col("file").str.extract(r"([ab])\.xlsx$"), "value").rows())
    assert read == {"a": 70.25, "b": 1092}


@pytest.mark.parametrize("dash", ["-", "–", "—", " - "])
def test_a_dash_is_no_value_and_its_row_is_rejected(tmp_path: Path, dash: str) -> None:
    # A dash stands for "nothing" as in tables: the row goes to rejects, never lost.
    rows: list[tuple[str, Cell]] = [
        ("Tổng số cán bộ, công chức", 80),
        ("Số hộp thư điện tử được cấp", dash),
    ]
    batch = ictdata.api.check_batch(one_unit(tmp_path / "r.xlsx", rows))
    assert unit_indicators(batch).get_column("indicator").to_list() == ["staff_total"]
    assert batch.rejects.select("row", "reason").rows() == [(8, "no-amounts")]
    many = consolidated(
        tmp_path / "c.xlsx",
        ["Tổng số CBCC", "Số CBCC có máy tính", "Số hộp thư"],
        [("Sở Y tế", [80, 78, dash]), ("Sở Tài chính", [dash, dash, dash])],
    )
    batch = ictdata.api.check_batch(many)
    assert unit_indicators(batch).select("unit_code", "indicator").rows() == [
        ("25.05", "staff_total"),
        ("25.05", "staff_with_computers"),
    ]
    assert batch.rejects.select("row", "reason").rows() == [(5, "no-amounts")]


def test_a_percent_sign_on_english_text_in_an_english_column(tmp_path: Path) -> None:
    many = consolidated(
        tmp_path / "c.xlsx",
        ["Tổng số CBCC", "Số hộp thư", "Tỷ lệ sử dụng hộp thư"],
        [("Sở Y tế", ["80", "70", "32.9%"]), ("Sở Tài chính", ["60", "50", "51.4"])],
    )
    batch = ictdata.api.check_batch(many)
    assert batch.report.issues == ()
    shares = unit_indicators(batch).filter(pl.col("indicator") == "percent_mailboxes_used")
    assert sorted(shares.get_column("value").to_list()) == [32.9, 51.4]


def test_a_space_that_groups_no_thousands_is_a_bad_number(tmp_path: Path) -> None:
    # "5 9" and "89 12" were read as 59 and 8912, and the report called valid.
    rows: list[tuple[str, Cell]] = [
        ("Tổng số CBCC", "62"),
        ("Số CBCC có máy tính", "5 9"),
        ("Số hộp thư", "89 12"),
    ]
    batch = ictdata.api.check_batch(one_unit(tmp_path / "r.xlsx", rows))
    assert [(i.code.value, i.cell, i.detail) for i in batch.report.issues] == [
        ("bad-number", "D8", "5 9"),
        ("bad-number", "D9", "89 12"),
    ]
    assert unit_indicators(batch).get_column("indicator").to_list() == ["staff_total"]
    assert unit_rejects(batch).select("row", "reason", "content").rows() == [
        (8, "bad-number", "D8=5 9"),
        (9, "bad-number", "D9=89 12"),
    ]


def test_spaces_grouping_thousands_read_as_one_value(tmp_path: Path) -> None:
    rows: list[tuple[str, Cell]] = [
        ("Tổng số CBCC", "1 062"),
        ("Số CBCC có máy tính", "1\u00a0059"),
        ("Số hộp thư", "2\u202f933"),
    ]
    batch = ictdata.api.check_batch(one_unit(tmp_path / "r.xlsx", rows))
    assert batch.report.issues == ()
    read = dict(unit_indicators(batch).select("indicator", "value").iter_rows())
    assert read == {"staff_total": 1062, "staff_with_computers": 1059, "mailboxes": 2933}


def test_a_value_too_large_to_hold_is_number_too_large(tmp_path: Path) -> None:
    rows: list[tuple[str, Cell]] = [
        ("Tổng số CBCC", "62"),
        ("Số hộp thư", "1.000.000.000.000.000"),  # 10^18 thousandths: beyond Int64
    ]
    batch = ictdata.api.check_batch(one_unit(tmp_path / "r.xlsx", rows))
    assert [(i.code.value, i.cell) for i in batch.report.issues] == [("number-too-large", "D8")]
    assert unit_rejects(batch).select("row", "reason").rows() == [(8, "bad-number")]
