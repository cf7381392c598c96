"""A whole-row place (a header row) reads as a row, and the same in every format."""

from __future__ import annotations

import re
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest

import ictdata
from ictdata.api import check_batch
from ictdata.report.github import annotation, markdown_summary
from ictdata.report.html import render_html
from ictdata.report.junit import render_junit
from ictdata.report.messages import related_place
from ictdata.report.numbers import LANGS, Lang
from ictdata.report.text import location, place, render_text

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"
HEADER = FIXTURES / "broken/missing_column.xlsx"  # issues on header row 3, no cell
DOCUMENT = FIXTURES / "documents/budget_statement.docx"  # issues on lines, no sheet


@pytest.fixture(scope="module")
def report() -> ictdata.Report:
    return ictdata.check([HEADER, DOCUMENT])


def _row_issues(report: ictdata.Report) -> list[ictdata.Issue]:
    found = [i for i in report.issues if i.sheet and i.cell is None and i.row is not None]
    assert found
    return found


@pytest.mark.parametrize("lang", LANGS)
def test_sheet_row_is_not_written_like_a_broken_cell(report: ictdata.Report, lang: Lang) -> None:
    for issue in _row_issues(report):
        where = place(issue, lang)
        assert where is not None
        sheet, _, rest = where.partition("!")
        assert sheet == issue.sheet
        assert not re.fullmatch(r"[A-Z]*\d+", rest)  # neither a cell nor a bare number
        assert rest.split()[-1] == str(issue.row)
    first = _row_issues(report)[0]
    assert place(first, "vi") != place(first, "en")


def test_document_lines_stay_file_colon_line(report: ictdata.Report) -> None:
    lines = [i for i in report.issues if i.file == str(DOCUMENT) or i.file.endswith(DOCUMENT.name)]
    assert lines
    assert all(location(i, "en") == f"{i.file}:{i.row}" for i in lines)


@pytest.mark.parametrize("lang", LANGS)
def test_every_format_shows_the_same_row_place(report: ictdata.Report, lang: Lang) -> None:
    issue = _row_issues(report)[0]
    where = place(issue, lang)
    assert where is not None
    assert render_text(report, lang).startswith(f"{issue.file}:{where}: ")
    failure = next(ET.fromstring(render_junit(report, lang)).iter("failure"))  # noqa: S314
    assert failure.get("message", "").startswith(f"{where}: ")
    assert f"title={issue.code.value} {where}::" in annotation(issue, lang)
    assert f"| {where} |" in markdown_summary(report, lang)
    batch = check_batch([HEADER])
    page = render_html(batch.report, batch.sources, batch.checked_sheets(), lang)
    assert f">{where}</a>" in page


@pytest.mark.parametrize(("lang", "row_word"), [("vi", "dòng"), ("en", "row")])
def test_a_related_row_is_written_as_an_issue_row_is(lang: Lang, row_word: str) -> None:
    issue = ictdata.Issue.of(
        ictdata.IssueCode.CROSS_SOURCE_MISMATCH,
        "a.xlsx",
        sheet="Bieu 01",
        row=3,
        related_file="b.xlsx",
        related_sheet="Phu luc",
        related_row=7,
    )
    assert place(issue, lang) == f"Bieu 01!{row_word} 3"
    assert related_place(issue, lang) == f"b.xlsx:Phu luc!{row_word} 7"
