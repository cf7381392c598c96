"""The marts: complete, typed, deterministic, and written atomically."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path
from typing import Any

import polars as pl
import pytest

import ictdata
from builders import project, table_maker, total
from ictdata.marts import write as mart_write
from ictdata.marts.frames import (
    BUDGET_SOURCES_SCHEMA,
    FUNDING_SCHEMA,
    PROJECTS_SCHEMA,
    REJECTS_SCHEMA,
    SOURCES_SCHEMA,
)
from ictdata.report.frame import ISSUES_SCHEMA

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"
VALID = sorted((FIXTURES / "valid").iterdir())
TABLES = ("projects", "project_funding", "budget_sources", "issues", "rejects", "sources")


def read(out: Path, name: str) -> pl.DataFrame:
    return pl.read_parquet(out / f"{name}.parquet")


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("marts")
    ictdata.build(FIXTURES, out)
    return out


@pytest.mark.parametrize(
    ("name", "schema"),
    [
        ("projects", PROJECTS_SCHEMA),
        ("project_funding", FUNDING_SCHEMA),
        ("issues", ISSUES_SCHEMA),
        ("rejects", REJECTS_SCHEMA),
        ("sources", SOURCES_SCHEMA),
        ("budget_sources", BUDGET_SOURCES_SCHEMA),
    ],
)
def test_mart_schemas_are_fixed(built: Path, name: str, schema: dict[str, pl.DataType]) -> None:
    assert dict(read(built, name).schema) == schema


@pytest.mark.parametrize("path", VALID, ids=lambda p: p.name)
def test_every_faithful_fixture_loads_the_seed_figures(
    built: Path, path: Path, expected: dict[str, Any]
) -> None:
    projects = read(built, "projects").filter(pl.col("source_file").str.ends_with(path.name))
    funding = read(built, "project_funding").join(
        projects.select("project_id", "number"), on="project_id"
    )
    assert projects["number"].to_list() == [str(n) for n in range(1, 9)]
    assert projects["plan_year"].unique().to_list() == [2014]
    got = sorted(
        (int(r["number"]), r["stage"], r["funding_kind"], r["amount_vnd"])
        for r in funding.iter_rows(named=True)
    )
    want = sorted(
        (n, stage, kind, amount * 1_000_000) for n, stage, kind, amount in expected["seed_funding"]
    )
    assert got == want


def test_faithful_fixtures_give_identical_project_data(built: Path) -> None:
    projects = read(built, "projects").filter(pl.col("source_file").str.contains("/valid/"))
    columns = ["number", "name", "lead_unit", "approver", "period"]
    per_file = [
        frame.select(columns) for _, frame in projects.group_by("source_file", maintain_order=True)
    ]
    assert len(per_file) == len(VALID)
    for frame in per_file[1:]:
        assert frame.equals(per_file[0])


def test_every_row_of_every_file_is_accounted_for(built: Path) -> None:
    sources = read(built, "sources")
    projects = read(built, "projects").group_by("source_file").len()
    rejects = read(built, "rejects").group_by("source_file").len()
    joined = sources.join(projects, on="source_file", how="left").join(
        rejects, on="source_file", how="left", suffix="_rejects"
    )
    for record in joined.iter_rows(named=True):
        assert record["projects"] == (record["len"] or 0)
        assert record["rejected_rows"] == (record["len_rejects"] or 0)
    unknown = read(built, "rejects").filter(
        pl.col("source_file").str.ends_with("unknown_layout.xlsx")
    )
    assert unknown["reason"].unique().to_list() == ["no-table"]
    assert unknown.height == 8


def test_rows_that_are_not_projects_are_rejected_with_a_reason(tmp_path: Path) -> None:
    make = table_maker(tmp_path)
    rows = [
        ["I", "Dự án chuyển tiếp"],
        project(1, 10),
        [None, "Ghi chú: dự án 1 kéo dài"],
        project(2, 5),
        total(15),
        [None, "Người lập biểu"],
    ]
    path = make(rows)
    out = tmp_path / "out"
    report = ictdata.build(path, out)
    assert report.valid
    rejects = read(out, "rejects")
    assert [(r["row"], r["reason"]) for r in rejects.iter_rows(named=True)] == [
        (5, "section-heading"),
        (7, "no-amounts"),
        (9, "total-row"),
        (10, "after-total"),
    ]
    assert read(out, "projects")["row"].to_list() == [6, 8]


def test_build_runs_even_when_checks_fail_and_reports_them(tmp_path: Path) -> None:
    report = ictdata.build(FIXTURES / "broken/total_mismatch.xlsx", tmp_path)
    assert report.exit_code == 1
    issues = read(tmp_path, "issues")
    assert issues.select("code", "cell").rows() == [("total-mismatch", "F13")]
    assert read(tmp_path, "projects").height == 8


def test_reruns_give_identical_marts(tmp_path: Path) -> None:
    ictdata.build(FIXTURES, tmp_path / "a")
    ictdata.build(FIXTURES, tmp_path / "b")
    manifest_a = json.loads((tmp_path / "a/_manifest.json").read_text())
    manifest_b = json.loads((tmp_path / "b/_manifest.json").read_text())
    assert manifest_a == manifest_b
    for name in TABLES:
        assert read(tmp_path / "a", name).equals(read(tmp_path / "b", name))


def test_a_crash_mid_write_leaves_the_previous_marts_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ictdata.build(FIXTURES / "valid", tmp_path)
    before = {name: read(tmp_path, name) for name in TABLES}
    calls = []
    real_replace = os.replace

    def crash_after_first(src: str | Path, dst: str | Path) -> None:
        calls.append(dst)
        if len(calls) > 1:
            message = "simulated crash"
            raise OSError(message)
        real_replace(src, dst)

    monkeypatch.setattr(os, "replace", crash_after_first)
    with pytest.raises(OSError, match="simulated crash"):
        ictdata.build(FIXTURES / "broken", tmp_path)
    monkeypatch.undo()
    for name in TABLES:
        assert read(tmp_path, name).height >= 0
    assert read(tmp_path, "sources").equals(before["sources"])
    assert not list(tmp_path.glob(f"{mart_write.STAGING_PREFIX}*"))


def test_load_keeps_every_cell_address() -> None:
    frame = ictdata.load(FIXTURES / "valid/seed_budget_offset.xlsx")
    total_row = frame.filter(row_kind="total")
    assert total_row["row"].item() == 16
    assert total_row["cells"].struct.field("estimate_investment").item() == "H16"
    assert total_row["estimate_investment"].item() == 11_329_000_000


@pytest.mark.parametrize(
    ("name", "unreadable"),
    [
        ("no_such_file.xlsx", True),  # a typo in a path
        ("unreadable/truncated.xlsx", True),
        ("documents/phu_tho_2014_plan.txt", False),  # statements: no table to load
    ],
)
def test_load_raises_rather_than_return_nothing(name: str, *, unreadable: bool) -> None:
    # An empty frame for these looked like a table with no projects.
    with pytest.raises(ictdata.UnloadableError) as raised:
        ictdata.load(FIXTURES / name)
    assert bool(raised.value.files) is unreadable
    if unreadable:
        assert list(raised.value.files) == [(FIXTURES / name).as_posix()]


def test_load_of_a_folder_passes_over_a_stray_unreadable_file(tmp_path: Path) -> None:
    shutil.copy(FIXTURES / "valid/seed_budget.xlsx", tmp_path)
    (tmp_path / "ghi_chu.txt").write_bytes(b"")  # an empty note beside the table
    assert ictdata.load(tmp_path).filter(row_kind="item").height == 8
    (tmp_path / "seed_budget.xlsx").unlink()
    with pytest.raises(ictdata.UnloadableError) as raised:
        ictdata.load(tmp_path)  # nothing but the note: no table
    assert [Path(path).name for path in raised.value.files] == ["ghi_chu.txt"]


def test_load_still_loads_a_table_whose_figures_are_wrong() -> None:
    frame = ictdata.load(FIXTURES / "broken/total_mismatch.xlsx")
    assert frame.filter(row_kind="item").height == 8


def test_budget_sources_hold_figures_and_words(built: Path) -> None:
    # The seed plan is counted once, in its plan package: documents/ holds a copy of it.
    sources = read(built, "budget_sources")
    assert sources.filter(pl.col("source_file").str.ends_with("phu_tho_2014_plan.txt")).is_empty()
    plan = sources.filter(
        pl.col("source_file").str.ends_with("phu_tho_2014_seed_text/ke_hoach_4379_nguyen_van.txt")
    )
    grouped = plan.filter(pl.col("kind") != "single").sort("row")
    assert grouped.select("row", "kind", "amount_vnd_figure", "amount_vnd_words").rows() == [
        (345, "total", 11_553_000_000, 11_553_000_000),
        (346, "part", 8_853_000, 8_853_000_000),
        (347, "part", 2_700_000, 2_700_000_000),
    ]
    assert grouped["unit_missing"].to_list() == [False, False, True]
    assert plan["plan"].unique().to_list() == ["KẾ HOẠCH"]


def test_build_without_any_table_writes_marts(tmp_path: Path) -> None:
    report = ictdata.build(FIXTURES / "documents/budget_statement_correct.md", tmp_path)
    assert report.exit_code == 0
    assert read(tmp_path, "projects").height == 0
    assert read(tmp_path, "budget_sources").height == 3


def test_build_of_an_unreadable_file_writes_marts(tmp_path: Path) -> None:
    report = ictdata.build(FIXTURES / "unreadable/truncated.xlsx", tmp_path)
    assert report.exit_code == 2
    assert read(tmp_path, "sources")["status"].to_list() == ["unreadable"]


def test_merged_text_cells_fill_every_row_they_cover(tmp_path: Path) -> None:
    make = table_maker(tmp_path)
    path = make([project(1, 1), project(2, 2), project(3, 3), total(6)])
    import openpyxl

    book = openpyxl.load_workbook(path)
    sheet = book["Bieu 01"]
    sheet["E6"] = None
    sheet["E7"] = None
    sheet.merge_cells("E5:E7")
    book.save(path)
    ictdata.build(path, tmp_path / "out")
    assert read(tmp_path / "out", "projects")["approver"].to_list() == ["UBND tỉnh"] * 3


def test_a_sheet_beside_the_table_is_accounted_for(built: Path) -> None:
    rejects = read(built, "rejects").filter(
        pl.col("source_file").str.ends_with("seed_budget_two_sheets.xlsx")
    )
    guide = rejects.filter(pl.col("sheet") == "Huong dan")
    assert guide.height > 0
    assert guide["reason"].unique().to_list() == ["no-table"]


def test_staging_left_by_a_killed_build_is_cleaned_later(tmp_path: Path) -> None:
    old = tmp_path / f"{mart_write.STAGING_PREFIX}killed"
    old.mkdir(parents=True)
    (old / "projects.parquet").write_bytes(b"half")
    stale = 10 * mart_write.ABANDONED_AFTER_SECONDS
    os.utime(old, (old.stat().st_atime - stale, old.stat().st_mtime - stale))
    fresh = tmp_path / f"{mart_write.STAGING_PREFIX}running"
    fresh.mkdir()
    ictdata.build(FIXTURES / "valid/seed_budget.xlsx", tmp_path)
    assert not old.exists()
    assert fresh.exists()


def test_the_gates_funding_view_flags_what_pandera_flags(built: Path) -> None:
    """On the marts of every fixture, the GX gate's over-allocation table fails on exactly the
    projects whose rows pandera reported, from the same contract rule."""
    from ictdata.check.codes import IssueCode
    from ictdata.gx import views

    rule = ictdata.load_contract("project_budget").rule(IssueCode.OVER_ALLOCATION)
    assert rule is not None
    view = views.over_allocation(read(built, "project_funding"), rule)
    over = view.filter(pl.col(views.WHOLE) < pl.col(views.PARTS)).join(
        read(built, "projects"), on="project_id"
    )
    issues = read(built, "issues").filter(pl.col("code") == IssueCode.OVER_ALLOCATION.value)
    assert sorted(over.select("source_file", "row", "funding_kind").rows()) == sorted(
        issues.select("file", "row", "detail").rows()
    )
    assert over.height > 0


def test_the_gates_accounting_agrees_on_every_fixture(built: Path) -> None:
    """Per source file, the counts in `sources` equal the rows of the marts, and the status the
    one its issues give (as FileResult.status decides it), for valid, invalid and unreadable."""
    from ictdata.contracts.marts import load_mart_contracts
    from ictdata.gx import views

    contracts = {c.mart: c for c in load_mart_contracts()}
    accounts = contracts["sources"].accounting
    assert accounts is not None
    marts = {name: read(built, name) for name in contracts}
    view = views.accounting(marts["sources"], accounts, marts, contracts)
    for column, _ in accounts.counts:
        assert view[column].to_list() == view[column + views.COUNTED].to_list()
    assert view[views.STATUS].to_list() == view[views.STATUS_FROM_ISSUES].to_list()
    assert set(view[views.STATUS]) == {"valid", "invalid", "unreadable"}


def test_plans_mart_has_a_row_per_package(built: Path, expected: dict[str, Any]) -> None:
    from ictdata.marts.plans import PLANS_SCHEMA

    plans = read(built, "plans")
    assert dict(plans.schema) == PLANS_SCHEMA
    folders = [Path(f).relative_to(FIXTURES).as_posix() for f in plans["folder"]]
    assert folders == sorted(expected["packages"])
    for record, folder in zip(plans.iter_rows(named=True), folders, strict=True):
        declared = expected["packages"][folder]
        assert record["status"] == declared["status"]
        assert (record["province"], record["plan_year"]) == (declared["province"], declared["year"])
        assert record["total_vnd_statement"] == declared["total_vnd_statement"]
        assert record["total_vnd_appendix"] == declared["total_vnd_appendix"]
        assert record["demand_vnd_projects"] == declared["demand_vnd_projects"]


def test_plans_mart_is_empty_without_packages(tmp_path: Path) -> None:
    ictdata.build(FIXTURES / "valid", tmp_path)
    assert read(tmp_path, "plans").height == 0


def test_cross_file_issues_land_in_the_issues_mart(built: Path) -> None:
    issues = read(built, "issues").filter(pl.col("code").cast(pl.String).str.starts_with("cross-"))
    assert issues.height == 9
    assert issues["related_file"].null_count() == 0
    seed = issues.filter(pl.col("file").str.contains("phu_tho_2014_seed_text"))
    assert sorted(seed["related_cell"].to_list()) == ["E15", "F15"]
    assert seed["scale_factor"].to_list() == [1000.0, 1000.0]


def test_project_ids_are_unique_over_every_fixture(built: Path) -> None:
    projects = read(built, "projects")
    assert projects["project_id"].n_unique() == projects.height


def test_marts_are_in_file_sheet_row_and_cell_order(built: Path) -> None:
    """Sorted on whole-number keys, the marts keep the order the strings give."""
    funding = read(built, "project_funding")
    assert funding["source_file"].n_unique() > 1
    assert funding["sheet"].n_unique() > 1
    assert funding["cell"].str.extract(r"^([A-Z]+)").n_unique() > 1
    assert funding.equals(funding.sort("source_file", "sheet", "row", "cell", nulls_last=False))
    projects = read(built, "projects")
    assert projects.equals(projects.sort("source_file", "sheet", "row", nulls_last=False))
