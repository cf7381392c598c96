"""The `plans` mart: one row per plan package, its figures from each source of truth."""

from __future__ import annotations

from typing import Any

import polars as pl

from ictdata.check.codes import IssueCode, Severity
from ictdata.check.issue import Report
from ictdata.check.package import PackageResult

CROSS_FILE = frozenset(
    {
        IssueCode.CROSS_TOTAL_MISMATCH,
        IssueCode.CROSS_SOURCE_MISMATCH,
        IssueCode.CROSS_PROJECT_MISMATCH,
        IssueCode.CROSS_YEAR_MISMATCH,
    }
)
SOURCES = ("provincial", "district", "other")
SIDES = ("statement", "appendix")

PLANS_SCHEMA: dict[str, pl.DataType] = {
    "folder": pl.String(),
    "manifest": pl.String(),
    "province": pl.String(),
    "plan_year": pl.Int32(),
    "statement_file": pl.String(),
    "projects_file": pl.String(),
    "appendix_file": pl.String(),
    "total_vnd_statement": pl.Int64(),
    "total_vnd_appendix": pl.Int64(),
    "demand_vnd_projects": pl.Int64(),
    **{f"{source}_vnd_{side}": pl.Int64() for source in SOURCES for side in SIDES},
    "cross_file_errors": pl.Int64(),
    "status": pl.String(),
}


def _record(package: PackageResult) -> dict[str, Any]:
    errors = [i for i in package.issues if i.code in CROSS_FILE and i.severity is Severity.ERROR]
    return {
        "folder": package.folder,
        "manifest": package.manifest,
        "province": package.province,
        "plan_year": package.year,
        "statement_file": package.files.get("statement"),
        "projects_file": package.files.get("projects"),
        "appendix_file": package.files.get("appendix"),
        "total_vnd_statement": package.total_vnd("statement"),
        "total_vnd_appendix": package.total_vnd("appendix"),
        "demand_vnd_projects": package.projects_demand_vnd,
        **{
            f"{source}_vnd_{side}": package.source_vnd(side, source)
            for source in SOURCES
            for side in SIDES
        },
        "cross_file_errors": len(errors),
        "status": package.status.value,
    }


def plans(report: Report) -> pl.DataFrame:
    """One row per plan package of `report` (none when no folder was a package)."""
    records = [_record(package) for package in report.packages]
    return pl.DataFrame(records, schema=PLANS_SCHEMA).sort("folder")
