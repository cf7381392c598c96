"""A file too large to read names the limit it is over in `limit`, not in the money `unit`."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import polars as pl
import pytest

import ictdata
from ictdata.contracts.marts import load_mart_contracts
from ictdata.read import limits
from ictdata.read.unreadable import Limit
from ictdata.report.json import render_json
from ictdata.report.sarif import sarif_log

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"
ZIP_BOMB = FIXTURES / "hostile" / "zip_bomb.xlsx"  # 640 MiB unpacked, over the 512 MiB limit
TOTAL_MISMATCH = FIXTURES / "broken" / "total_mismatch.xlsx"


def _json_issues(*paths: Path) -> dict[str, dict[str, Any]]:
    data = json.loads(render_json(ictdata.check(list(paths)), "en"))
    return {Path(f["path"]).name: f["issues"][0] for f in data["files"]}


def test_the_json_report_names_the_limit_in_limit_and_keeps_unit_null() -> None:
    issues = _json_issues(ZIP_BOMB, TOTAL_MISMATCH)
    bomb = issues["zip_bomb.xlsx"]
    assert (bomb["code"], bomb["limit"], bomb["unit"]) == (
        "unreadable-file",
        Limit.UNPACKED_MIB.value,
        None,
    )
    assert (bomb["actual"], bomb["expected"]) == (640, 512)
    mismatch = issues["total_mismatch.xlsx"]
    assert (mismatch["unit"], mismatch["limit"]) == ("triệu VNĐ", None)


def test_a_sheet_over_the_cell_limit_names_its_limit_in_json(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv(limits.CELLS, "50")
    issue = _json_issues(FIXTURES / "valid" / "seed_budget.xlsx")["seed_budget.xlsx"]
    assert (issue["sheet"], issue["limit"], issue["unit"], issue["expected"]) == (
        "Bieu 01",
        Limit.CELLS.value,
        None,
        50,
    )


def test_sarif_carries_the_limit_in_the_results_properties() -> None:
    log = sarif_log(ictdata.check(ZIP_BOMB), "en")
    (result,) = log["runs"][0]["results"]
    assert result["properties"]["limit"] == Limit.UNPACKED_MIB.value
    assert "unit" not in result["properties"]  # only figures that are set are written


def test_the_issues_mart_has_a_limit_column(tmp_path: Path) -> None:
    ictdata.build([ZIP_BOMB, TOTAL_MISMATCH], tmp_path)
    issues = pl.read_parquet(tmp_path / "issues.parquet")
    assert issues.schema["limit"] == pl.String()
    rows = {
        Path(file).name: (code, limit, unit)
        for file, code, limit, unit in issues.select("file", "code", "limit", "unit").iter_rows()
    }
    assert rows["zip_bomb.xlsx"] == ("unreadable-file", "unpacked-mib", None)
    assert rows["total_mismatch.xlsx"] == ("total-mismatch", None, "triệu VNĐ")


def test_the_issues_mart_contract_allows_the_limits_only() -> None:
    (contract,) = (c for c in load_mart_contracts() if c.mart == "issues")
    column = contract.column("limit")
    assert column is not None
    assert column.allowed == tuple(limit.value for limit in Limit)
    assert not column.not_null  # null for every issue but a too-large file
