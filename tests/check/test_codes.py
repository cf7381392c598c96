"""The issue-code catalogue is closed and complete: every code documented, in both languages."""

from __future__ import annotations

import re
from dataclasses import fields

import pytest

from ictdata.check.codes import CODES, Category, IssueCode, Severity
from ictdata.check.issue import Issue
from ictdata.check.registry import RULES
from ictdata.contracts import available_contracts, load_template
from ictdata.report.messages import message, template_fields

KEBAB = re.compile(r"^[a-z]+(?:-[a-z]+)*$")
ISSUE_FIELDS = {f.name for f in fields(Issue)} | {
    "where",
    "ratio",
    "related",
    "period",
    "note",
}  # derived in messages


@pytest.mark.parametrize("code", list(IssueCode))
def test_code_is_kebab_case_and_catalogued(code: IssueCode) -> None:
    assert KEBAB.match(code.value)
    info = CODES[code]
    assert isinstance(info.category, Category)
    assert isinstance(info.severity, Severity)
    assert len(info.meaning) > 20
    assert info.vi.text
    assert info.en.text


def test_catalogue_has_no_stray_entries() -> None:
    assert set(CODES) == set(IssueCode)


@pytest.mark.parametrize("code", list(IssueCode))
def test_templates_only_use_issue_fields(code: IssueCode) -> None:
    assert template_fields(code) <= ISSUE_FIELDS
    info = CODES[code]
    assert set(info.vi.extras) == set(info.en.extras)
    assert set(info.vi.cases) == set(info.en.cases)


@pytest.mark.parametrize("code", [code for code in IssueCode if CODES[code].vi.cases])
def test_each_case_renders_in_both_languages(code: IssueCode) -> None:
    for term in CODES[code].vi.cases:
        issue = Issue.of(code, "a.xlsx", detail=f"{term}: x")
        assert message(issue, "vi") != message(issue, "en")
        assert message(issue, "vi") != message(Issue.of(code, "a.xlsx", detail="x"), "vi")


@pytest.mark.parametrize("code", list(IssueCode))
def test_messages_render_in_both_languages_with_all_fields_empty(code: IssueCode) -> None:
    issue = Issue.of(code, "a.xlsx")
    assert message(issue, "vi") != message(issue, "en")


def test_every_contract_rule_has_a_check_or_is_raised_elsewhere() -> None:
    raised_by_reader = {IssueCode.BAD_NUMBER}
    for name in available_contracts():
        for rule in load_template(name).rules:
            assert rule.code in RULES or rule.code in raised_by_reader


def test_documented_in_readme() -> None:
    from pathlib import Path

    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    for code in IssueCode:
        assert f"`{code.value}`" in readme
