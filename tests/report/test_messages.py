from __future__ import annotations

import pytest

from ictdata import Issue, IssueCode
from ictdata.report.messages import message
from ictdata.report.numbers import format_figure


@pytest.mark.parametrize(
    ("value", "vi", "en"),
    [
        (11329, "11.329", "11,329"),
        (4.5, "4,5", "4.5"),
        (1092.5, "1.092,5", "1,092.5"),
        (-368, "-368", "-368"),
        (0.001, "0,001", "0.001"),
        (1_000_000, "1.000.000", "1,000,000"),
    ],
)
def test_figures_are_written_the_way_each_language_writes_them(
    value: float, vi: str, en: str
) -> None:
    assert format_figure(value, "vi") == vi
    assert format_figure(value, "en") == en


def test_message_names_the_cell_and_both_figures() -> None:
    issue = Issue.of(
        IssueCode.TOTAL_MISMATCH, "a.xlsx", cell="F13", expected=11329, actual=11392, range="F5:F12"
    )
    for lang, expected, actual in (("vi", "11.329", "11.392"), ("en", "11,329", "11,392")):
        text = message(issue, lang)  # type: ignore[arg-type]
        assert "F13" in text
        assert expected in text
        assert actual in text


def test_scale_sentence_only_when_a_cell_is_named() -> None:
    plain = Issue.of(IssueCode.TOTAL_MISMATCH, "a.xlsx", cell="F13", expected=1, actual=1000)
    scaled = Issue.of(
        IssueCode.TOTAL_MISMATCH,
        "a.xlsx",
        cell="F13",
        expected=1,
        actual=1000,
        scale_factor=0.001,
        scale_cell="F13",
    )
    assert "0,001" not in message(plain)
    assert "0,001" in message(scaled)


def test_unreadable_reason_is_translated_and_note_kept() -> None:
    issue = Issue.of(IssueCode.UNREADABLE_FILE, "a.xlsx", detail="corrupt: Bad magic number")
    assert "Bad magic number" in message(issue, "vi")
    assert "corrupt" in message(issue, "en")
    assert message(issue, "vi") != message(issue, "en")
