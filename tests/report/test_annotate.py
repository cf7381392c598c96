"""The marked-up copy: comments and fills on flagged cells; every other cell as the original's."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

import openpyxl
import pytest

import ictdata
from builders import project, table_maker, total
from ictdata.cli import main
from ictdata.report.annotate import SUMMARY_SHEET, annotate

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"


def cells(path: Path) -> dict[str, dict[str, Any]]:
    book = openpyxl.load_workbook(path)
    return {
        sheet.title: {
            c.coordinate: c.value for row in sheet.iter_rows() for c in row if c.value is not None
        }
        for sheet in book.worksheets
    }


def merges(path: Path) -> dict[str, set[str]]:
    book = openpyxl.load_workbook(path)
    return {sheet.title: {str(r) for r in sheet.merged_cells.ranges} for sheet in book.worksheets}


@pytest.mark.parametrize("name", ["total_mismatch.xlsx", "stale_formula.xlsx", "scale_slip.xlsx"])
def test_copy_keeps_every_cell_formula_and_merge(name: str, tmp_path: Path) -> None:
    original = FIXTURES / "broken" / name
    before = hashlib.sha256(original.read_bytes()).hexdigest()
    (result,) = ictdata.check(original).files
    copy = annotate(result, tmp_path, "en")
    assert copy is not None
    copied = cells(copy)
    summary = copied.pop(SUMMARY_SHEET)
    assert copied == cells(original)
    assert {k: v for k, v in merges(copy).items() if k != SUMMARY_SHEET} == merges(original)
    assert hashlib.sha256(original.read_bytes()).hexdigest() == before
    assert len([k for k in summary if k.startswith("B")]) == len(result.issues) + 1


def test_flagged_cell_has_comment_and_fill(tmp_path: Path) -> None:
    (result,) = ictdata.check(FIXTURES / "broken/total_mismatch.xlsx").files
    copy = annotate(result, tmp_path, "en")
    assert copy is not None
    sheet = openpyxl.load_workbook(copy)["Bieu 01"]
    flagged = sheet["F13"]
    assert flagged.comment is not None
    assert "total-mismatch" in flagged.comment.text
    assert flagged.fill.fgColor.rgb == "FFFFC7CE"
    assert sheet["F12"].comment is None


def test_warning_fill_is_yellow(tmp_path: Path) -> None:
    path = table_maker(tmp_path)(
        [project(1, None, 1.092), project(2, None, 8.603), total(None, 9.695)]
    )
    (result,) = ictdata.check(path).files
    assert [i.code.value for i in result.issues] == ["scale-slip"]
    copy = annotate(result, tmp_path / "out", "en")
    assert copy is not None
    assert openpyxl.load_workbook(copy)["Bieu 01"]["G5"].fill.fgColor.rgb == "FFFFEB9C"


def test_summary_text_is_never_a_formula(tmp_path: Path) -> None:
    (result,) = ictdata.check(FIXTURES / "broken/bad_number.xlsx").files
    tricky = result.with_issues(
        (
            ictdata.Issue.of(
                ictdata.IssueCode.BAD_NUMBER, result.path, sheet="Bieu 01", cell="K8", detail="=1+1"
            ),
        )
    )
    copy = annotate(tricky, tmp_path, "en")
    assert copy is not None
    summary = openpyxl.load_workbook(copy)[SUMMARY_SHEET]
    assert all(
        not str(c.value).startswith("=") for row in summary.iter_rows() for c in row if c.value
    )
    assert summary["B2"].data_type == "s"


def test_cli_annotates_only_files_with_issues(tmp_path: Path) -> None:
    out = tmp_path / "marked"
    code = main(
        [
            "check",
            "--annotate",
            str(out),
            str(FIXTURES / "valid"),
            str(FIXTURES / "broken/negative_amount.xlsx"),
        ]
    )
    assert code == 1
    assert sorted(p.name for p in out.iterdir()) == ["negative_amount.annotated.xlsx"]
