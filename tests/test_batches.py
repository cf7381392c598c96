"""Batches: folders and globs, parallel reading that changes nothing, one bad file stops nothing."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from ictdata.api import check_batch
from ictdata.check.parallel import PARALLEL_MIN_FILES
from ictdata.cli import main
from ictdata.report.json import report_dict

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


@pytest.fixture(scope="module")
def batch_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("batch")
    sources = [
        *sorted((FIXTURES / "valid").glob("*.xlsx")),
        FIXTURES / "broken/total_mismatch.xlsx",
    ]
    for number in range(PARALLEL_MIN_FILES + 6):
        source = sources[number % len(sources)]
        shutil.copy(source, folder / f"{number:03d}_{source.name}")
    shutil.copy(FIXTURES / "unreadable/truncated.xlsx", folder / "017_corrupt.xlsx")
    return folder


def test_parallel_reading_gives_the_same_report(batch_dir: Path) -> None:
    serial = check_batch(batch_dir, jobs=1).report
    parallel = check_batch(batch_dir, jobs=2).report
    assert report_dict(parallel) == report_dict(serial)
    assert [r.path for r in parallel.files] == sorted(
        str(p.as_posix()) for p in batch_dir.iterdir()
    )


def test_one_corrupt_file_never_stops_the_others(
    batch_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(["check", "--format", "json", "--jobs", "2", str(batch_dir)])
    data = json.loads(capsys.readouterr().out)
    statuses = {f["path"].rsplit("/", 1)[1]: f["status"] for f in data["files"]}
    assert code == 2
    assert statuses.pop("017_corrupt.xlsx") == "unreadable"
    assert len(statuses) == PARALLEL_MIN_FILES + 6
    assert set(statuses.values()) == {"valid", "invalid"}


def test_globs_are_expanded(batch_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    main(["check", "--format", "json", str(batch_dir / "00*_seed_budget*.xlsx")])
    files = json.loads(capsys.readouterr().out)["files"]
    assert files
    assert all(Path(f["path"]).name.startswith("00") for f in files)


def test_a_pattern_leaves_out_what_a_folder_walk_does(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Excel keeps `~$name.xlsx` beside an open workbook: `**/*.xlsx` in CI must not fail on it.
    nested = tmp_path / "Sở Y tế"
    nested.mkdir()
    shutil.copy(FIXTURES / "valid/seed_budget.xlsx", nested / "bảng dự án.xlsx")
    (nested / "~$bảng dự án.xlsx").write_bytes(b"\x00lock")
    (tmp_path / "~$owner.xlsx").write_bytes(b"\x00lock")
    pattern = str(tmp_path / "**" / "*.xlsx")
    code = main(["check", "--format", "json", pattern])
    files = json.loads(capsys.readouterr().out)["files"]
    assert [Path(f["path"]).name for f in files] == ["bảng dự án.xlsx"]
    assert code == 0
    # A pattern that matches lock files only names nothing to check: a usage error.
    assert main(["check", str(tmp_path / "~$*.xlsx")]) == 2
    capsys.readouterr()
    # A pattern that matches folders walks them, as naming them does.
    (tmp_path / "Sở Nội vụ").mkdir()
    shutil.copy(FIXTURES / "valid/seed_budget_nfd.xlsx", tmp_path / "Sở Nội vụ" / "b.xlsx")
    assert main(["check", "--format", "json", str(tmp_path / "Sở*")]) == 0
    files = json.loads(capsys.readouterr().out)["files"]
    assert sorted(Path(f["path"]).name for f in files) == ["b.xlsx", "bảng dự án.xlsx"]


def test_no_progress_bar_when_not_a_terminal(
    batch_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    main(["check", "--jobs", "1", str(batch_dir)])
    assert capsys.readouterr().err == ""


def test_jobs_must_be_positive(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "--jobs", "0", str(FIXTURES / "valid")]) == 2
    assert "--jobs" in capsys.readouterr().err
