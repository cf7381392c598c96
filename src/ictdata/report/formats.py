"""The report renderers that need only the report, by format name.

Each renderer's module is imported when its format is asked for: a check
writes one format, and some (JUnit's XML) bring in modules of their own.
"""

from __future__ import annotations

from collections.abc import Callable
from importlib import import_module
from typing import cast

from ictdata.check.issue import Report
from ictdata.report.numbers import Lang

Renderer = Callable[[Report, Lang], str]
FORMATS = ("text", "json", "junit", "sarif", "github")


def renderer(fmt: str) -> Renderer:
    """The function that renders a report in `fmt` (one of `FORMATS`)."""
    if fmt not in FORMATS:
        msg = f"unknown report format {fmt!r}; known: {', '.join(FORMATS)}"
        raise KeyError(msg)
    module = import_module(f"ictdata.report.{fmt}")
    return cast("Renderer", getattr(module, f"render_{fmt}"))
