"""Limits that keep a hostile file (a zip bomb, a sheet claiming a million rows) from sinking a run.

Set by environment variable, so that worker processes see the same limits as
the command that started them (`ictdata check --max-unpacked-mb ...` sets them).
"""

from __future__ import annotations

import os
from dataclasses import dataclass

UNPACKED_MB = "ICTDATA_MAX_UNPACKED_MB"
SHEETS = "ICTDATA_MAX_SHEETS"
CELLS = "ICTDATA_MAX_CELLS"
COLUMNS = "ICTDATA_MAX_COLUMNS"


@dataclass(frozen=True)
class Limits:
    """How much one input file may hold."""

    unpacked_bytes: int = 512 * 1024 * 1024
    sheets: int = 500
    cells: int = 20_000_000
    columns: int = 1024

    @classmethod
    def from_environment(cls) -> Limits:
        """The limits in force: defaults, overridden by the environment."""
        default = cls()
        return cls(
            unpacked_bytes=_number(UNPACKED_MB, default.unpacked_bytes // (1024 * 1024))
            * 1024
            * 1024,
            sheets=_number(SHEETS, default.sheets),
            cells=_number(CELLS, default.cells),
            columns=_number(COLUMNS, default.columns),
        )


def _number(name: str, default: int) -> int:
    text = os.environ.get(name, "")
    return int(text) if text.isdigit() and int(text) > 0 else default
