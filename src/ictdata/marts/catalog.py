"""Every mart by name, with the polars schema it is written with.

The quality gate (`ictdata gx`) takes each mart's column types from here; a new
mart is registered here and gets a contract in schemas/marts/.
"""

from __future__ import annotations

import polars as pl

from ictdata.marts.frames import (
    BUDGET_SOURCES_SCHEMA,
    FUNDING_SCHEMA,
    PROJECTS_SCHEMA,
    REJECTS_SCHEMA,
    SOURCES_SCHEMA,
)
from ictdata.report.frame import ISSUES_SCHEMA

MART_SCHEMAS: dict[str, dict[str, pl.DataType]] = {
    "projects": PROJECTS_SCHEMA,
    "project_funding": FUNDING_SCHEMA,
    "budget_sources": BUDGET_SOURCES_SCHEMA,
    "issues": ISSUES_SCHEMA,
    "rejects": REJECTS_SCHEMA,
    "sources": SOURCES_SCHEMA,
}
