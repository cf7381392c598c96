"""Hostile workbooks are refused by the limits before they are inflated."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

import ictdata
from ictdata.cli import main
from ictdata.read import limits

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"


def _bomb(path: Path, unpacked_mb: int) -> Path:
    """The seed workbook with an extra part that inflates to `unpacked_mb` MiB of zeros."""
    source = zipfile.ZipFile(FIXTURES / "valid/seed_budget.xlsx")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            target.writestr(info, source.read(info))
        target.writestr("xl/media/padding.bin", b"\0" * (unpacked_mb * 2**20))
    path.write_bytes(buffer.getvalue())
    return path


def test_a_zip_bomb_is_unreadable_and_fast(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(limits.UNPACKED_MB, "8")
    path = _bomb(tmp_path / "bomb.xlsx", 64)
    assert path.stat().st_size < 2**20
    (issue,) = ictdata.check(path).issues
    assert issue.code is ictdata.IssueCode.UNREADABLE_FILE
    assert issue.detail is not None
    assert issue.detail.startswith("too-large")
    assert (issue.actual, issue.expected, issue.limit, issue.unit) == (64, 8, "unpacked-mib", None)


def test_a_sheet_over_the_cell_limit_names_the_sheet_and_both_counts(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv(limits.CELLS, "50")
    (issue,) = ictdata.check(FIXTURES / "valid/seed_budget.xlsx").issues
    assert issue.code is ictdata.IssueCode.UNREADABLE_FILE
    assert (issue.sheet, issue.expected, issue.limit, issue.unit) == ("Bieu 01", 50, "cells", None)
    assert isinstance(issue.actual, int)
    assert issue.actual > 50


def test_the_same_workbook_under_the_limit_is_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(limits.UNPACKED_MB, "128")
    assert ictdata.check(_bomb(tmp_path / "padded.xlsx", 8)).valid


def test_cell_and_sheet_limits_from_the_command_line(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in (limits.UNPACKED_MB, limits.SHEETS, limits.CELLS):
        monkeypatch.setenv(name, "")  # restored after the test, whatever main() sets
    assert main(["check", "--max-cells", "50", str(FIXTURES / "valid/seed_budget.xlsx")]) == 2
    monkeypatch.setenv(limits.CELLS, "")
    assert (
        main(["check", "--max-sheets", "1", str(FIXTURES / "valid/seed_budget_two_sheets.xlsx")])
        == 2
    )
    monkeypatch.setenv(limits.SHEETS, "")
    assert main(["check", str(FIXTURES / "valid/seed_budget.xlsx")]) == 0
