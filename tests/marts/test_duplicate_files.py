"""A file submitted twice is counted once: the copy's rows are rejects, `duplicate-file`."""

from __future__ import annotations

import shutil
from pathlib import Path

import polars as pl
import pytest

import ictdata
from duplicate_fixtures import (
    DUPLICATES,
    FIXTURES,
    STATEMENT,
    STATEMENT_COPY,
    TABLE,
    TABLE_COPY,
)
from ictdata.api import check_batch, write_batch
from ictdata.check.parallel import PARALLEL_MIN_FILES

DATA_MARTS = ("projects", "project_funding", "budget_sources")
PLACE = ["sheet", "row"]


def _marts(out: Path) -> dict[str, pl.DataFrame]:
    return {p.stem: pl.read_parquet(p) for p in sorted(out.glob("*.parquet"))}


def _of(frame: pl.DataFrame, path: Path) -> pl.DataFrame:
    return frame.filter(pl.col("source_file") == path.as_posix())


@pytest.fixture(scope="module")
def twice(tmp_path_factory: pytest.TempPathFactory) -> dict[str, pl.DataFrame]:
    out = tmp_path_factory.mktemp("twice")
    ictdata.build(DUPLICATES, out)
    return _marts(out)


@pytest.fixture(scope="module")
def once(tmp_path_factory: pytest.TempPathFactory) -> dict[str, pl.DataFrame]:
    out = tmp_path_factory.mktemp("once")
    ictdata.build([TABLE, STATEMENT], out)
    return _marts(out)


def test_the_data_marts_are_the_first_copys_alone(
    twice: dict[str, pl.DataFrame], once: dict[str, pl.DataFrame]
) -> None:
    for name in DATA_MARTS:
        assert twice[name].equals(once[name]), name
    assert twice["projects"].height == 8  # the seed table's projects, once
    assert not twice["projects"]["project_id"].is_duplicated().any()
    assert _of(twice["project_funding"], TABLE_COPY).is_empty()
    assert _of(twice["budget_sources"], STATEMENT_COPY).is_empty()


def test_the_rejects_hold_every_row_the_table_copy_would_have_given(
    twice: dict[str, pl.DataFrame],
) -> None:
    first = pl.concat(
        [
            _of(twice["projects"], TABLE).select(*PLACE, content=pl.lit(None, pl.String)),
            _of(twice["rejects"], TABLE).select(*PLACE, "content"),
        ]
    )
    copy = _of(twice["rejects"], TABLE_COPY)
    assert copy["reason"].unique().to_list() == ["duplicate-file"]
    assert copy.select(PLACE).sort(PLACE).equals(first.select(PLACE).sort(PLACE))
    assert copy.height == 9  # 8 projects and the total row
    # The copy's total row reads as the first copy's does.
    total = _of(twice["rejects"], TABLE)["content"].item()
    assert copy.filter(pl.col("content") == total).height == 1


def test_the_rejects_hold_the_statement_copys_lines(twice: dict[str, pl.DataFrame]) -> None:
    statements = _of(twice["budget_sources"], STATEMENT)
    copy = _of(twice["rejects"], STATEMENT_COPY)
    assert copy["row"].to_list() == statements["row"].to_list() == [3, 4, 5]
    assert copy["reason"].unique().to_list() == ["duplicate-file"]
    lines = STATEMENT.read_text(encoding="utf-8").splitlines()
    assert copy["content"].to_list() == [lines[r - 1] for r in copy["row"]]


def test_sources_says_what_happened_to_each_copy(twice: dict[str, pl.DataFrame]) -> None:
    sources = twice["sources"].select(
        "source_file", "status", "projects", "rejected_rows", "statements", "duplicate_of"
    )
    assert sources.sort("source_file").rows() == [
        (TABLE.as_posix(), "valid", 8, 1, 0, None),
        (TABLE_COPY.as_posix(), "valid", 0, 9, 0, TABLE.as_posix()),
        (STATEMENT.as_posix(), "valid", 0, 0, 3, None),
        (STATEMENT_COPY.as_posix(), "valid", 0, 3, 0, STATEMENT.as_posix()),
    ]
    issues = twice["issues"].filter(code="duplicate-file")
    assert issues.select("file", "related_file").sort("file").rows() == [
        (TABLE_COPY.as_posix(), TABLE.as_posix()),
        (STATEMENT_COPY.as_posix(), STATEMENT.as_posix()),
    ]


def test_reruns_and_any_order_of_paths_give_the_same_parquet(tmp_path: Path) -> None:
    paths = [TABLE, TABLE_COPY, STATEMENT, STATEMENT_COPY]
    for name, named in (("a", paths), ("b", paths), ("c", paths[::-1])):
        ictdata.build(named, tmp_path / name)
    # Every mart and the manifest, byte for byte, whatever the order (issues and sources too).
    written = sorted((tmp_path / "a").iterdir())
    assert {p.name for p in written} >= {f"{name}.parquet" for name in (*DATA_MARTS, "rejects")}
    for path in written:
        data = path.read_bytes()
        assert data == (tmp_path / "b" / path.name).read_bytes(), path.name
        assert data == (tmp_path / "c" / path.name).read_bytes(), path.name


def test_a_renamed_copy_in_another_folder_of_the_batch(tmp_path: Path) -> None:
    shutil.copytree(DUPLICATES, tmp_path / "in", ignore=shutil.ignore_patterns("*.md"))
    shutil.copy(TABLE, tmp_path / "in" / "zz_Copy of bang_du_an.xlsx")
    report = ictdata.build(tmp_path / "in", tmp_path / "out")
    marts = _marts(tmp_path / "out")
    assert marts["projects"].height == 8
    assert marts["rejects"].filter(reason="duplicate-file").height == 2 * 9
    assert report.summary.warnings == 2


def test_worker_processes_give_the_same_marts(tmp_path: Path) -> None:
    batch = tmp_path / "batch"
    batch.mkdir()
    for number in range(PARALLEL_MIN_FILES):
        source = (TABLE, STATEMENT)[number % 2]
        shutil.copy(source, batch / f"{number:02d}_{source.name}")
    marts = []
    for jobs in (1, 2):
        write_batch(check_batch(batch, jobs=jobs), tmp_path / f"jobs{jobs}")
        marts.append(_marts(tmp_path / f"jobs{jobs}"))
    serial, parallel = marts
    assert serial.keys() == parallel.keys()
    for name, frame in serial.items():
        assert frame.equals(parallel[name]), name
    copies = serial["sources"].filter(pl.col("duplicate_of").is_not_null())
    assert copies.height == PARALLEL_MIN_FILES - 2
    assert serial["projects"].height == 8


@pytest.mark.parametrize(
    "fixture",
    [
        "valid/seed_budget.csv",  # no sheet
        "valid/seed_budget_two_sheets.xlsx",  # a sheet of instructions (no-table) beside
        "broken/bad_number.xlsx",  # an invalid file
        "unit_reports/valid/consolidated_2013.xlsx",  # many values a row
        "documents/budget_statement.docx",  # paragraphs
    ],
)
def test_every_row_the_first_copy_gives_is_a_reject_of_the_second(
    fixture: str, tmp_path: Path
) -> None:
    source = FIXTURES / fixture
    first, copy = tmp_path / "in" / "a" / source.name, tmp_path / "in" / "b" / source.name
    for path in (first, copy):
        path.parent.mkdir(parents=True)
        shutil.copy(source, path)
    ictdata.build(tmp_path / "in", tmp_path / "out")
    marts = _marts(tmp_path / "out")
    place = pl.col("sheet"), pl.col("row").cast(pl.Int64)
    values = marts["unit_indicators"].select(
        "sheet", pl.col("cell").str.extract(r"([0-9]+)$").cast(pl.Int64).alias("row")
    )
    given = pl.concat(
        [
            _of(marts["projects"], first).select(*place),
            _of(marts["rejects"], first).select(*place),
            _of(marts["budget_sources"], first).select(*place),
            values.filter(marts["unit_indicators"]["file"] == first.as_posix()),
        ]
    ).unique()
    rejected = _of(marts["rejects"], copy)
    assert not given.is_empty()
    assert rejected["reason"].unique().to_list() == ["duplicate-file"]
    assert (
        rejected.select(PLACE)
        .sort(PLACE, nulls_last=True)
        .equals(given.sort(PLACE, nulls_last=True))
    )
    assert rejected["content"].null_count() == 0
    # Where the first copy's rows are rejects too, they read the same.
    own = _of(marts["rejects"], first).select(*PLACE, "content").unique()
    both = own.join(rejected, on=PLACE, how="inner", nulls_equal=True, suffix="_copy")
    assert both.height == own.height
    assert both["content"].to_list() == both["content_copy"].to_list()


PACKAGES = FIXTURES / "packages"
SHARED_TABLE = PACKAGES / "shared_table" / "bang_du_an.xlsx"
LOOSE_TABLE = PACKAGES / "ban_sao_bang_du_an_seed_text.xlsx"
KEPT = {
    SHARED_TABLE: PACKAGES / "phu_tho_2014" / "bang_du_an.xlsx",
    LOOSE_TABLE: PACKAGES / "phu_tho_2014_seed_text" / "bang_du_an.xlsx",
}


@pytest.fixture(scope="module")
def packages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, pl.DataFrame]:
    out = tmp_path_factory.mktemp("packages")
    ictdata.build(PACKAGES, out)
    return _marts(out)


def test_a_table_in_two_packages_or_loose_beside_one_gives_its_projects_once(
    packages: dict[str, pl.DataFrame],
) -> None:
    projects = packages["projects"]
    assert not projects["project_id"].is_duplicated().any()
    for copy, kept in KEPT.items():
        assert _of(projects, copy).is_empty()
        assert _of(projects, kept).height == 8
        # Every row the kept table gives is at the copy again, in the rejects.
        given = pl.concat(
            [_of(projects, kept).select(PLACE), _of(packages["rejects"], kept)[PLACE]]
        )
        rejected = _of(packages["rejects"], copy)
        assert rejected["reason"].unique().to_list() == ["duplicate-file"]
        assert rejected.select(PLACE).sort(PLACE).equals(given.sort(PLACE))
    # Each table's plan-year demand is counted once: 10 packages' tables, not 12.
    tables = packages["sources"].filter(
        pl.col("tables") > 0, pl.col("template") == "project_budget"
    )
    assert tables.height == 10


def test_the_package_sharing_a_table_has_its_figures_in_plans(
    packages: dict[str, pl.DataFrame],
) -> None:
    shared = packages["plans"].filter(pl.col("projects_file") == SHARED_TABLE.as_posix())
    assert shared.select("status", "demand_vnd_projects", "total_vnd_appendix").rows() == [
        ("valid", 4_103_000_000, 11_553_000_000)
    ]


def test_silent_on_a_package_without_copies(tmp_path: Path) -> None:
    ictdata.build(PACKAGES / "phu_tho_2014", tmp_path)
    marts = _marts(tmp_path)
    assert marts["rejects"].filter(reason="duplicate-file").is_empty()
    assert marts["sources"]["duplicate_of"].null_count() == marts["sources"].height
