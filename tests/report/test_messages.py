from __future__ import annotations

import pytest

from ictdata import Issue, IssueCode
from ictdata.read.unreadable import Limit, UnreadableReason
from ictdata.report.messages import message
from ictdata.report.numbers import LANGS, format_figure


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


def test_unreadable_reason_is_translated_and_its_technical_note_left_to_detail() -> None:
    note = "calamine error: Xlsx error\nContext:\n    0: Error while loading sheet"
    for reason in set(UnreadableReason) - {UnreadableReason.BAD_MANIFEST}:
        issue = Issue.of(IssueCode.UNREADABLE_FILE, "a.xlsx", detail=f"{reason}: {note}")
        texts = {lang: message(issue, lang) for lang in LANGS}
        assert texts["vi"] != texts["en"]
        for text in texts.values():
            assert "calamine" not in text
            assert "\\n" not in text
            assert "\n" not in text
        assert issue.detail == f"{reason}: {note}"


def test_a_manifest_note_names_the_key_to_fix() -> None:
    issue = Issue.of(IssueCode.UNREADABLE_FILE, "a/ictdata.yaml", detail="bad-manifest: year")
    assert all("year" in message(issue, lang) for lang in LANGS)


@pytest.mark.parametrize("kind", list(Limit))
def test_a_file_over_a_limit_gives_its_figure_and_the_limit_in_each_language(kind: Limit) -> None:
    issue = Issue.of(
        IssueCode.UNREADABLE_FILE,
        "a.xlsx",
        actual=20_000_001,
        expected=1_048_576,
        limit=kind.value,
        detail="too-large: 20000001 things, limit 1048576",
    )
    texts = [message(issue, lang) for lang in LANGS]
    assert len(set(texts)) == len(LANGS)
    for lang, text in zip(LANGS, texts, strict=True):
        assert format_figure(20_000_001, lang) in text
        assert format_figure(1_048_576, lang) in text
        assert "20000001" not in text


def test_a_project_with_no_appendix_line_is_not_said_to_be_given_an_amount() -> None:
    def issue(detail: str) -> Issue:
        return Issue.of(
            IssueCode.CROSS_PROJECT_MISMATCH,
            "bang_du_an.xlsx",
            cell="L13",
            expected=777_777,
            actual=500_000_000,
            detail=detail,
            related_file="phu_luc.xlsx",
            related_sheet="Phu luc",
            related_cell="A15",
        )

    missing, differing = issue("no-line: Một cửa X"), issue("Một cửa X")
    for lang in LANGS:
        assert format_figure(777_777, lang) in message(differing, lang)
        text = message(missing, lang)
        assert format_figure(777_777, lang) not in text
        assert format_figure(500_000_000, lang) in text
        assert "Một cửa X" in text
        assert "no-line" not in text
        assert "phu_luc.xlsx:Phu luc!A15" in text


def test_a_figure_that_is_no_number_does_not_break_a_message() -> None:
    # The reporting period is read from `expected` for unknown-unit only; elsewhere it is a figure.
    issue = Issue.of(
        IssueCode.TOTAL_MISMATCH, "a.xlsx", cell="F13", expected=float("nan"), actual=1
    )
    assert "F13" in message(issue, "vi")
    assert "F13" in message(issue, "en")


@pytest.mark.parametrize(
    "names",
    [
        ["Sở Thông tin và Truyền thông"],
        ["Sở Thông tin và Truyền thông", "Sở Nội vụ"],
        ["Sở Thông tin và Truyền thông", "Sở Tài nguyên và Môi trường", "Sở Nội vụ"],
    ],
)
def test_unknown_unit_suggestions_are_listed_as_a_question(names: list[str]) -> None:
    issue = Issue.of(
        IssueCode.UNKNOWN_UNIT,
        "a.xlsx",
        cell="B3",
        detail="Sở Thông tin và Truyền hình",
        expected=2013,
        suggestions="; ".join(names),
    )
    for lang in LANGS:
        shown = message(issue, lang)
        # Every name once, in the field's order; the field's separator is not prose.
        places = [shown.index(f"“{name}”") for name in names]
        assert places == sorted(places)
        assert all(shown.count(f"“{name}”") == 1 for name in names)
        assert "; " not in shown
        assert shown.endswith("?")


def test_a_range_of_rows_reads_as_prose_and_keeps_its_field() -> None:
    issue = Issue.of(
        IssueCode.SECOND_TABLE, "a.xlsx", sheet="S", row=15, range="15:27", detail="13"
    )
    for lang in LANGS:
        text = message(issue, lang)
        assert "15–27" in text
        assert "15:27" not in text
    assert issue.range == "15:27"


def test_cell_ranges_keep_their_colon_in_prose() -> None:
    issue = Issue.of(
        IssueCode.TOTAL_MISMATCH, "a.xlsx", cell="F13", expected=1, actual=2, range="F5:F12"
    )
    assert all("F5:F12" in message(issue, lang) for lang in LANGS)


def test_a_blank_totals_cell_is_said_to_be_blank_not_a_question_mark() -> None:
    # QA: "Ô G13 ghi ? nhưng tổng các dòng G5:G12 là 2.440".
    issue = Issue.of(IssueCode.TOTAL_MISMATCH, "a.xlsx", cell="G13", expected=2440, actual=None)
    shown = {lang: message(issue, lang) for lang in LANGS}
    assert all("?" not in text for text in shown.values())
    assert shown["vi"] != shown["en"]
    assert all(format_figure(2440, lang) in text for lang, text in shown.items())
