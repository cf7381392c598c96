"""The unit-report marts: the roll-up reproduces the seed's 2013 figures; targets beside it."""

from __future__ import annotations

import json
from pathlib import Path

import polars as pl
import pytest

import ictdata
from ictdata.contracts.targets import load_targets
from ictdata.marts.units import (
    PROVINCE_INDICATORS_SCHEMA,
    TARGET_PROGRESS_SCHEMA,
    UNIT_INDICATORS_SCHEMA,
)
from unit_builders import Cell, one_unit

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"
UNIT_REPORTS = FIXTURES / "unit_reports"
ONE_UNIT = UNIT_REPORTS / "valid" / "one_unit"
CONSOLIDATED = UNIT_REPORTS / "valid" / "consolidated_2013.xlsx"
UNIT_MARTS = ("unit_indicators", "province_indicators", "target_progress")
# Section I.2 of the Phú Thọ 2014 plan: 37/37 units with a LAN, 12 of them complete, 2.933
# mailboxes, 19 units on the document software ("chiếm hơn 50%": 51,4%).
SEED_2013 = {
    "units_with_lan": (37, 37, 37),
    "units_with_complete_lan": (12, 12, 37),
    "mailboxes": (2933, 2933, None),
    "units_using_document_software": (19, 19, 37),
    "share_units_using_document_software": (51.4, 19, 37),
}


def _build(paths: list[Path], out: Path) -> dict[str, pl.DataFrame]:
    ictdata.build(paths, out)
    return {name: pl.read_parquet(out / f"{name}.parquet") for name in UNIT_MARTS}


def _seed_figures(province: pl.DataFrame) -> dict[str, tuple[object, object, object]]:
    rows = province.filter(pl.col("year") == 2013, pl.col("indicator").is_in(list(SEED_2013)))
    return {
        indicator: (value, numerator, denominator)
        for indicator, value, numerator, denominator in rows.select(
            "indicator", "value", "numerator", "denominator"
        ).iter_rows()
    }


@pytest.mark.parametrize(
    "inputs",
    [[ONE_UNIT], [CONSOLIDATED], [ONE_UNIT, CONSOLIDATED], [UNIT_REPORTS]],
    ids=["one-unit form", "consolidated form", "both forms", "with the broken ones"],
)
def test_the_roll_up_reproduces_the_seed_2013_figures(tmp_path: Path, inputs: list[Path]) -> None:
    marts = _build(inputs, tmp_path)
    assert _seed_figures(marts["province_indicators"]) == SEED_2013
    lan = marts["province_indicators"].filter(indicator="units_with_lan")
    assert lan["units_reporting"].to_list() == [37]
    assert lan["province_code"].to_list() == ["25"]


def test_the_readme_demo_over_every_fixture_gives_the_seed_figures(tmp_path: Path) -> None:
    marts = _build([FIXTURES], tmp_path)
    assert _seed_figures(marts["province_indicators"]) == SEED_2013
    staff = marts["province_indicators"].filter(indicator="share_staff_with_computers")
    assert staff["value"].item() > 95  # "hơn 95% cán bộ công chức ... được trang bị máy tính"


@pytest.mark.parametrize(
    "inputs", [[ONE_UNIT], [CONSOLIDATED]], ids=["one-unit form", "consolidated form"]
)
def test_each_province_figure_carries_its_unit(tmp_path: Path, inputs: list[Path]) -> None:
    marts = _build(inputs, tmp_path)
    province = marts["province_indicators"]
    units = dict(province.filter(year=2013).select("indicator", "unit").iter_rows())
    assert units["units_with_lan"] == "đơn vị"  # 37 units, not 37 %
    assert units["share_units_using_document_software"] == "%"  # 51.4 %
    assert units["share_mailboxes_used"] == "%"
    assert units["mailboxes"] == "hộp thư"  # 2,933 mailboxes
    assert units["budget_allocated"] == "triệu đồng"
    assert province["unit"].null_count() == 0
    # A sum or a mean is in the unit its values were read in.
    read = dict(marts["unit_indicators"].select("indicator", "unit").unique().iter_rows())
    for figure, indicator in [
        ("mailboxes", "mailboxes"),
        ("video_conference_endpoints", "video_conference_endpoints"),
        ("mean_percent_documents_electronic", "percent_documents_electronic"),
        ("budget_disbursed", "budget_disbursed"),
    ]:
        assert units[figure] == read[indicator], figure


def test_a_report_with_errors_does_not_move_the_province_figures(tmp_path: Path) -> None:
    broken = UNIT_REPORTS / "broken" / "part_exceeds_whole_consolidated.xlsx"  # Cẩm Khê: no LAN
    alone = _build([broken], tmp_path / "alone")
    assert alone["province_indicators"].is_empty()
    assert (
        alone["unit_indicators"].filter(unit_code="235", indicator="has_lan")["value"].item() == 0
    )
    together = _build([broken, ONE_UNIT], tmp_path / "together")
    assert _seed_figures(together["province_indicators"]) == SEED_2013


def test_unknown_units_stay_in_unit_indicators_but_out_of_the_roll_up(tmp_path: Path) -> None:
    marts = _build([UNIT_REPORTS / "broken" / "so_ngoai_vu_2012.xlsx"], tmp_path)
    values = marts["unit_indicators"]
    assert values.height == 23
    assert values["unit_code"].null_count() == values.height
    assert set(values["unit_name"]) == {"Sở Ngoại vụ"}
    assert set(values["year"]) == {2012}
    assert marts["province_indicators"].is_empty()


def test_target_progress_sets_the_2014_targets_beside_the_2013_actuals(tmp_path: Path) -> None:
    progress = _build([CONSOLIDATED], tmp_path)["target_progress"]
    targets = load_targets("phu_tho_2014").targets
    assert progress.height == len(targets) == 7
    assert set(progress["year"]) == {2014}
    row = progress.filter(indicator="share_units_using_document_software").row(0, named=True)
    assert (row["target"], row["actual"], row["gap"]) == (70, 51.4, 18.6)
    lan = progress.filter(indicator="share_units_with_complete_lan").row(0, named=True)
    assert (lan["target"], lan["actual"], lan["gap"]) == (100, 32.4, 67.6)
    meetings = progress.filter(indicator="percent_meetings_online").row(0, named=True)
    assert (meetings["target"], meetings["actual"]) == (60, 10)  # "60-70%"; 10% in 2013


def test_without_unit_reports_targets_have_no_actual(tmp_path: Path) -> None:
    marts = _build([FIXTURES / "valid" / "seed_budget.xlsx"], tmp_path)
    assert marts["unit_indicators"].is_empty()
    assert marts["province_indicators"].is_empty()
    assert marts["target_progress"].height == 7
    assert marts["target_progress"]["actual"].null_count() == 7
    assert marts["target_progress"]["actual_year"].null_count() == 7


def test_actual_year_is_the_year_of_the_2013_reports(tmp_path: Path) -> None:
    progress = _build([CONSOLIDATED], tmp_path)["target_progress"]
    assert progress["actual"].null_count() == 0
    assert set(progress["actual_year"]) == {2013}


def _progress(progress: pl.DataFrame, indicator: str) -> tuple[object, object]:
    row = progress.filter(indicator=indicator).row(0, named=True)
    return row["actual"], row["actual_year"]


def test_actual_year_follows_the_latest_year_a_unit_reported_the_indicator(
    tmp_path: Path,
) -> None:
    # A 2014 report of one unit gives its website only: that indicator's actual is 2014's
    # (1 unit of the 37), the others stay 2013's, though their 2014 roll-up reads 0.
    report = one_unit(
        tmp_path / "so_y_te_2014.xlsx",
        [("Có trang thông tin điện tử", "Có")],
        year=2014,
        title_year=2014,
    )
    marts = _build([CONSOLIDATED, report], tmp_path / "m")
    progress = marts["target_progress"]
    assert _progress(progress, "share_units_with_website") == (2.7, 2014)
    assert _progress(progress, "share_units_with_complete_lan") == (32.4, 2013)
    lan_2014 = marts["province_indicators"].filter(
        year=2014, indicator="share_units_with_complete_lan"
    )
    assert lan_2014.select("value", "units_reporting").row(0) == (0.0, 0)


def test_unit_marts_are_typed_listed_and_the_same_on_reruns(tmp_path: Path) -> None:
    first = _build([UNIT_REPORTS], tmp_path / "a")
    second = _build([UNIT_REPORTS], tmp_path / "b")
    schemas = {
        "unit_indicators": UNIT_INDICATORS_SCHEMA,
        "province_indicators": PROVINCE_INDICATORS_SCHEMA,
        "target_progress": TARGET_PROGRESS_SCHEMA,
    }
    manifest = json.loads((tmp_path / "a" / "_manifest.json").read_text(encoding="utf-8"))
    for name, frame in first.items():
        assert dict(frame.schema) == schemas[name], name
        assert frame.equals(second[name]), name
        assert manifest["tables"][name]["rows"] == frame.height


def test_an_unreadable_value_is_in_rejects(tmp_path: Path) -> None:
    out = tmp_path / "m"
    ictdata.build(UNIT_REPORTS / "broken" / "bad_number.xlsx", out)
    rejects = pl.read_parquet(out / "rejects.parquet")
    assert rejects.select("row", "reason", "content").rows() == [
        (14, "bad-number", "D14=khoảng 90")
    ]


def _rows_with_content(path: Path) -> set[int]:
    """Rows with content under the header (row 4 of the consolidated form, else row 6)."""
    from ictdata.read.source import open_source

    (grid,) = open_source(path).grids
    header_row = 4 if grid.sheet == "Tong hop" else 6
    texts = grid.cells.filter(pl.col("row") > header_row).drop("row")
    filled = texts.select(
        pl.any_horizontal(pl.col(c).str.strip_chars().str.len_chars() > 0 for c in texts.columns)
    ).to_series()
    return set(grid.cells.filter(pl.col("row") > header_row).filter(filled)["row"].to_list())


def test_every_row_of_every_unit_report_is_in_a_mart_or_in_rejects(tmp_path: Path) -> None:
    out = tmp_path / "m"
    ictdata.build(UNIT_REPORTS, out)
    values = pl.read_parquet(out / "unit_indicators.parquet").with_columns(
        row=pl.col("cell").str.extract(r"([0-9]+)$").cast(pl.Int64)
    )
    rejects = pl.read_parquet(out / "rejects.parquet").rename({"source_file": "file"})
    files = sorted(p for p in UNIT_REPORTS.rglob("*") if p.suffix in {".xlsx", ".csv"})
    assert len(files) == 60  # 37 one-unit, 1 consolidated, 16 broken, 2 percent, 1 unit line,
    # 3 duplicate
    for path in files:
        landed = pl.concat([values.select("file", "row"), rejects.select("file", "row")])
        found = set(landed.filter(pl.col("file") == path.as_posix())["row"].to_list())
        assert found == _rows_with_content(path), path.name


def test_money_indicators_are_also_in_integer_dong(tmp_path: Path) -> None:
    # DOMAIN: money is integer đồng. `value` keeps the indicator's unit (triệu đồng, a float).
    values: list[tuple[str, Cell]] = [
        ("Tổng số cán bộ công chức", 120),
        ("Kinh phí CNTT được bố trí", "1.543,08"),
        ("Kinh phí CNTT đã giải ngân", 0.1),
    ]
    one_unit(tmp_path / "r.xlsx", values)
    marts = _build([tmp_path / "r.xlsx"], tmp_path / "out")
    rows = dict(marts["unit_indicators"].select("indicator", "value_vnd").iter_rows())
    assert rows == {
        "staff_total": None,
        "budget_allocated": 1_543_080_000,
        "budget_disbursed": 100_000,
    }
