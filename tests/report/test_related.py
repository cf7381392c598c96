"""A cross-file issue shows both of its places in every report format and in the issues mart."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import polars as pl
import pytest

from ictdata.api import check_batch
from ictdata.check.runner import Batch
from ictdata.report.frame import issues_frame
from ictdata.report.github import render_github
from ictdata.report.html import render_html
from ictdata.report.json import render_json
from ictdata.report.junit import render_junit
from ictdata.report.sarif import sarif_log
from ictdata.report.text import render_text

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "fixtures/packages/broken_project"
SCHEMA = json.loads((ROOT / "tests/data/sarif-2.1.0-rtm.5.json").read_text(encoding="utf-8"))
HERE = "bang_du_an.xlsx"
THERE = "phu_luc_kinh_phi.xlsx"


@pytest.fixture(scope="module")
def batch() -> Batch:
    return check_batch(PACKAGE)


def _both_places(text: str) -> bool:
    return HERE in text and f"{THERE}:Phu luc!D7" in text


@pytest.mark.parametrize("render", [render_text, render_github, render_junit, render_json])
def test_text_formats_name_both_places(batch: Batch, render: object) -> None:
    assert callable(render)
    text = render(batch.report, "en")
    assert _both_places(text)
    assert "L7" in text


def test_html_names_both_places(batch: Batch) -> None:
    text = render_html(batch.report, batch.sources, batch.checked_sheets(), "en")
    assert _both_places(text)


def test_sarif_has_related_locations_and_validates(batch: Batch) -> None:
    log = sarif_log(batch.report, "en")
    jsonschema.validate(log, SCHEMA)
    (result,) = [r for r in log["runs"][0]["results"] if r["ruleId"] == "cross-project-mismatch"]
    here = result["locations"][0]
    (there,) = result["relatedLocations"]
    assert here["physicalLocation"]["artifactLocation"]["uri"].endswith(HERE)
    assert here["logicalLocations"][0]["fullyQualifiedName"] == "Bieu 01!L7"
    assert there["physicalLocation"]["artifactLocation"]["uri"].endswith(THERE)
    assert there["physicalLocation"]["region"] == {"startLine": 7}
    assert there["logicalLocations"][0]["fullyQualifiedName"] == "Phu luc!D7"


def test_issues_mart_has_both_places(batch: Batch) -> None:
    frame = issues_frame(batch.report).filter(pl.col("code") == "cross-project-mismatch")
    (row,) = frame.iter_rows(named=True)
    assert (row["cell"], row["related_sheet"], row["related_cell"], row["related_row"]) == (
        "L7",
        "Phu luc",
        "D7",
        7,
    )
    assert row["file"].endswith(HERE)
    assert row["related_file"].endswith(THERE)
    assert THERE in row["message_vi"]
    assert THERE in row["message_en"]


def test_issues_without_a_second_place_leave_it_empty(batch: Batch) -> None:
    frame = issues_frame(batch.report)
    assert frame.filter(pl.col("related_file").is_null()).height == 0
    single = check_batch(ROOT / "fixtures/broken/total_mismatch.xlsx")
    assert issues_frame(single.report)["related_file"].to_list() == [None]
    assert "relatedLocations" not in sarif_log(single.report)["runs"][0]["results"][0]
