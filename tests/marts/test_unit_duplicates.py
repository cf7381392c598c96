"""A unit reported twice is counted once: the earliest report in path order, the rest rejected."""

from __future__ import annotations

import shutil
from pathlib import Path

import polars as pl

import ictdata
from unit_builders import one_unit

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"
UNIT_REPORTS = FIXTURES / "unit_reports"
ONE_UNIT = UNIT_REPORTS / "valid" / "one_unit"
DUPLICATE = UNIT_REPORTS / "duplicate"
HA_HOA = "231_ubnd_huyen_ha_hoa.xlsx"
COPY = "231_ubnd_huyen_ha_hoa_ban_sao.xlsx"  # after the original in path order
VALUES_OF_HA_HOA = 23  # indicator rows of its report (one is left blank)
MARTS = ("unit_indicators", "province_indicators", "rejects")


def _build(paths: list[Path], out: Path) -> dict[str, pl.DataFrame]:
    ictdata.build(paths, out)
    return {name: pl.read_parquet(out / f"{name}.parquet") for name in MARTS}


def _figure(province: pl.DataFrame, indicator: str) -> tuple[object, ...]:
    row = province.filter(indicator=indicator).row(0, named=True)
    return row["value"], row["numerator"], row["denominator"], row["units_reporting"]


def _from(frame: pl.DataFrame, column: str, name: str) -> pl.DataFrame:
    return frame.filter(pl.col(column).str.ends_with(name))


def test_a_copied_report_leaves_the_roll_up_as_it_was(tmp_path: Path) -> None:
    batch = tmp_path / "batch"
    shutil.copytree(ONE_UNIT, batch)
    alone = _build([batch], tmp_path / "alone")
    shutil.copy(batch / HA_HOA, batch / COPY)
    report = ictdata.check(batch)
    assert report.exit_code == ictdata.ExitCode.VALID  # a copy is a warning
    assert [(i.code.value, Path(i.file).name) for i in report.issues] == [("duplicate-file", COPY)]
    twice = _build([batch], tmp_path / "twice")
    assert twice["province_indicators"].equals(alone["province_indicators"])
    assert _figure(twice["province_indicators"], "units_with_lan") == (37, 37, 37, 37)
    assert _figure(twice["province_indicators"], "units_with_complete_lan") == (12, 12, 37, 37)
    assert twice["unit_indicators"].height == alone["unit_indicators"].height
    assert _from(twice["unit_indicators"], "file", COPY).is_empty()
    copy = _from(twice["rejects"], "source_file", COPY)
    assert copy["reason"].to_list() == ["duplicate-file"] * VALUES_OF_HA_HOA


def test_the_duplicate_fixture_counts_the_district_once(tmp_path: Path) -> None:
    marts = _build([DUPLICATE], tmp_path)
    province = marts["province_indicators"]
    assert _figure(province, "units_with_lan") == (1, 1, 37, 1)
    assert _figure(province, "units_with_complete_lan") == (1, 1, 37, 1)  # the original's
    assert _figure(province, "mailboxes")[3] == 1
    values = marts["unit_indicators"]
    assert values["file"].unique().to_list() == [(DUPLICATE / HA_HOA).as_posix()]
    assert values.height == VALUES_OF_HA_HOA
    rejected = marts["rejects"].group_by("source_file", "reason").len().sort("source_file")
    assert rejected.rows() == [
        ((DUPLICATE / "231_ubnd_huyen_ha_hoa_nop_lai.xlsx").as_posix(), "duplicate-unit", 23),
        ((DUPLICATE / "ban_sao" / HA_HOA).as_posix(), "duplicate-file", 23),
    ]


def test_the_earliest_report_in_path_order_is_the_one_counted(tmp_path: Path) -> None:
    batch = tmp_path / "batch"
    shutil.copytree(ONE_UNIT, batch)
    resubmitted = DUPLICATE / "231_ubnd_huyen_ha_hoa_nop_lai.xlsx"  # LAN not complete
    shutil.copy(resubmitted, batch / "231_a_resubmitted_first.xlsx")
    marts = _build([batch], tmp_path / "marts")
    assert _figure(marts["province_indicators"], "units_with_complete_lan") == (11, 11, 37, 37)
    (issue,) = ictdata.check(batch).issues
    assert Path(issue.file).name == HA_HOA
    assert Path(issue.related_file or "").name == "231_a_resubmitted_first.xlsx"


def test_the_readme_demo_keeps_its_figures_and_counts_every_unit_once(tmp_path: Path) -> None:
    report = ictdata.build([FIXTURES], tmp_path)
    province = pl.read_parquet(tmp_path / "province_indicators.parquet")
    assert _figure(province, "units_with_lan") == (37, 37, 37, 37)
    assert _figure(province, "units_with_complete_lan") == (12, 12, 37, 37)
    assert _figure(province, "mailboxes") == (2933, 2933, None, 37)
    valid = [f.path for f in report.files if f.status.value == "valid"]
    values = pl.read_parquet(tmp_path / "unit_indicators.parquet")
    usable = values.filter(pl.col("unit_code").is_not_null(), pl.col("file").is_in(valid))
    assert usable.height == 37 * VALUES_OF_HA_HOA + 1  # 25.01 also gives its meetings online
    assert not usable.select("unit_code", "year", "indicator").is_duplicated().any()


def test_a_later_report_adds_what_the_earlier_one_did_not_give(tmp_path: Path) -> None:
    one_unit(tmp_path / "a.xlsx", [("Có mạng LAN", "Có")], unit="UBND huyện Hạ Hoà")
    one_unit(
        tmp_path / "b.xlsx",
        [("Có mạng LAN", "Có"), ("Mạng LAN hoàn chỉnh", "Có")],
        unit="Uỷ ban nhân dân huyện Hạ Hòa",
    )
    marts = _build([tmp_path], tmp_path / "marts")
    values = marts["unit_indicators"].select(pl.col("file").str.extract(r"(\w)\.xlsx$"), "cell")
    assert sorted(values.rows()) == [("a", "D7"), ("b", "D8")]
    assert marts["rejects"].select("row", "reason").rows() == [(7, "duplicate-unit")]
    assert _figure(marts["province_indicators"], "units_with_lan") == (1, 1, 37, 1)
    assert _figure(marts["province_indicators"], "units_with_complete_lan") == (1, 1, 37, 1)


def test_the_same_marts_whatever_order_the_paths_are_named_in(tmp_path: Path) -> None:
    paths = [DUPLICATE / "ban_sao", DUPLICATE / "231_ubnd_huyen_ha_hoa_nop_lai.xlsx", ONE_UNIT]
    forward = _build(paths, tmp_path / "forward")
    backward = _build(paths[::-1], tmp_path / "backward")
    for name in MARTS:
        assert forward[name].equals(backward[name]), name
    kept = forward["unit_indicators"].filter(unit_code="231")["file"].unique().to_list()
    assert kept == [paths[1].as_posix()]  # duplicate/231_… sorts before duplicate/ban_sao/…
