"""The report renderers that need only the report, by format name."""

from __future__ import annotations

from collections.abc import Callable

from ictdata.check.issue import Report
from ictdata.report.github import render_github
from ictdata.report.json import render_json
from ictdata.report.junit import render_junit
from ictdata.report.numbers import Lang
from ictdata.report.sarif import render_sarif
from ictdata.report.text import render_text

RENDERERS: dict[str, Callable[[Report, Lang], str]] = {
    "text": render_text,
    "json": render_json,
    "junit": render_junit,
    "sarif": render_sarif,
    "github": render_github,
}
