"""Unreadable files: the reader's own text stays in `detail`, out of what a user reads."""

from __future__ import annotations

import json
from pathlib import Path

import ictdata
from ictdata.report.json import render_json
from ictdata.report.messages import message
from ictdata.report.numbers import LANGS

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"


def _unreadable(tmp_path: Path) -> list[ictdata.Issue]:
    report = ictdata.check([FIXTURES / "hostile", FIXTURES / "unreadable", tmp_path / "nope.xlsx"])
    issues = [i for i in report.issues if i.code is ictdata.IssueCode.UNREADABLE_FILE]
    assert len(issues) >= 10
    return issues


def test_no_reader_note_reaches_a_message(tmp_path: Path) -> None:
    noted = 0
    for issue in _unreadable(tmp_path):
        assert issue.detail is not None
        _, _, note = issue.detail.partition(": ")
        noted += bool(note)
        for lang in LANGS:
            text = message(issue, lang)
            assert not note or note not in text
            assert "\\n" not in text
            assert "\n" not in text
    assert noted >= 6


def test_the_json_detail_keeps_the_reader_note(tmp_path: Path) -> None:
    report = ictdata.check([FIXTURES / "hostile/seed_budget_cp1258.csv", tmp_path / "nope.xlsx"])
    files = json.loads(render_json(report))["files"]
    details = [file["issues"][0]["detail"] for file in files]
    assert [detail.partition(": ")[0] for detail in details] == ["not-utf8", "missing"]
    assert "utf-8" in details[0]
    assert "nope.xlsx" in details[1]


def test_a_sheet_that_cannot_be_loaded_is_named(tmp_path: Path) -> None:
    sheets = {Path(i.file).name: i.sheet for i in _unreadable(tmp_path)}
    assert sheets["empty_sheet_part.xlsx"] == "Bieu 01"
    assert sheets["entity_bomb.xlsx"] == "Bieu 01"
    assert sheets["truncated.xlsx"] is None
