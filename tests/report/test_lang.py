"""Words people read follow --lang; the prefixes and commands CI parses stay as they are."""

from __future__ import annotations

import re
from pathlib import Path

import openpyxl
import pytest

import ictdata
from ictdata.api import check_batch
from ictdata.check.codes import Severity
from ictdata.check.issue import FileStatus
from ictdata.report.annotate import HEADERS, SUMMARY_SHEET, annotate
from ictdata.report.github import markdown_summary, render_github
from ictdata.report.html import render_html
from ictdata.report.numbers import LANGS, Lang
from ictdata.report.text import render_text, severity_word, status_word

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"
MIXED = [
    FIXTURES / "valid/seed_budget.xlsx",
    FIXTURES / "broken/total_mismatch.xlsx",
    FIXTURES / "broken/scale_slip.xlsx",  # an error and a warning
    FIXTURES / "unreadable",
]
ENGLISH = {s.value for s in FileStatus} | {s.value for s in Severity}


@pytest.fixture(scope="module")
def report() -> ictdata.Report:
    return ictdata.check(MIXED)


def test_mixed_batch_has_every_status_and_severity(report: ictdata.Report) -> None:
    assert {f.status for f in report.files} == set(FileStatus)
    assert {i.severity for i in report.issues} == set(Severity)


@pytest.mark.parametrize("word", [status_word, severity_word])
def test_vietnamese_words_are_distinct_and_not_english(word: object) -> None:
    members = list(FileStatus) if word is status_word else list(Severity)
    vi = [word(m, "vi") for m in members]  # type: ignore[operator]
    en = [word(m, "en") for m in members]  # type: ignore[operator]
    assert en == [m.value for m in members]
    assert len(set(vi)) == len(vi)
    assert not set(vi) & ENGLISH


@pytest.mark.parametrize("lang", LANGS)
def test_html_statuses_and_severities_follow_lang(report: ictdata.Report, lang: Lang) -> None:
    batch = check_batch(MIXED)
    text = render_html(batch.report, batch.sources, batch.checked_sheets(), lang)
    statuses = re.findall(r'<span class="status-(\w+)">([^<]*)</span>', text)
    severities = re.findall(r'<span class="sev-(\w+)">([^<]*)</span>', text)
    # a heading and a list entry per file; an entry per issue
    assert len(statuses) == 2 * len(report.files)
    assert len(severities) == len(report.issues)
    assert all(shown == status_word(FileStatus(value), lang) for value, shown in statuses)
    assert all(shown == severity_word(Severity(value), lang) for value, shown in severities)


def _table(markdown: str, header_index: int) -> list[list[str]]:
    """The rows (header first) of the n-th Markdown table."""
    tables = re.split(r"\n\n", markdown)
    rows = [t for t in tables if t.startswith("|")][header_index].splitlines()
    return [[c.strip() for c in row.strip("|").split(" | ")] for row in rows if "---" not in row]


def test_github_summary_speaks_vietnamese(report: ictdata.Report) -> None:
    vi, en = markdown_summary(report, "vi"), markdown_summary(report, "en")
    files_vi, files_en = _table(vi, 0), _table(en, 0)
    assert len(files_vi) == len(files_en) == len(report.files) + 1
    assert not set(files_vi[0]) & set(files_en[0])
    assert not set(_table(vi, 1)[0]) & set(_table(en, 1)[0])
    assert [row[1] for row in files_vi[1:]] == [status_word(f.status, "vi") for f in report.files]
    assert [row[1] for row in files_en[1:]] == [f.status.value for f in report.files]


def test_machine_prefixes_stay_english_in_vietnamese(report: ictdata.Report) -> None:
    lines = render_text(report, "vi").splitlines()[: len(report.issues)]
    assert all(
        re.match(rf"^.+: {i.severity.value} {i.code.value}: ", line)
        for i, line in zip(report.issues, lines, strict=True)
    )
    commands = render_github(report, "vi").splitlines()[: len(report.issues)]
    assert [c.split(" ", 1)[0] for c in commands] == [
        f"::{i.severity.value}" for i in report.issues
    ]


@pytest.mark.parametrize("lang", LANGS)
def test_annotated_severity_follows_lang(tmp_path: Path, lang: Lang) -> None:
    (result,) = ictdata.check(FIXTURES / "broken/scale_slip.xlsx").files
    copy = annotate(result, tmp_path, lang)
    assert copy is not None
    book = openpyxl.load_workbook(copy)
    rows = list(book[SUMMARY_SHEET].iter_rows(values_only=True))
    assert rows[0] == HEADERS[lang]
    assert [row[0] for row in rows[1:]] == [severity_word(i.severity, lang) for i in result.issues]
    comments = [
        c.comment.text for s in book.worksheets for r in s.iter_rows() for c in r if c.comment
    ]
    assert comments
    severities = {severity_word(s, lang) for s in Severity}
    # "cảnh báo" is two words: a comment starts with a whole severity word.
    assert all(text.startswith(tuple(severities)) for text in comments)
