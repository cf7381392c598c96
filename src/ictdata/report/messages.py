"""Render an issue's message from its code's template, in Vietnamese or English."""

from __future__ import annotations

import re
import string
from dataclasses import fields
from typing import Any

from ictdata.check.codes import CODES, IssueCode
from ictdata.check.issue import Issue
from ictdata.read.unreadable import Limit, UnreadableReason
from ictdata.report.numbers import Lang, format_figure
from ictdata.report.periods import period_words, validity_words
from ictdata.report.places import place_in_file

_FIGURES = frozenset({"expected", "actual", "scale_factor"})

TERMS: dict[str, tuple[str, str]] = {
    "fix-figure": ("con số", "the figure"),
    "fix-words": ("phần bằng chữ", "the words"),
    "investment": ("kinh phí đầu tư", "investment funds"),
    "recurrent": ("kinh phí sự nghiệp", "recurrent funds"),
    "provincial": ("ngân sách tỉnh", "the provincial budget"),
    "district": ("ngân sách huyện", "the district budget"),
    "other": ("nguồn khác", "other sources"),
    "all": ("tổng số", "the total"),
    "year": ("năm kế hoạch", "the plan year"),
    "province": ("tỉnh", "the province"),
    "no-line": ("không có dòng trong phụ lục", "with no line in the appendix"),
    UnreadableReason.MISSING: ("không có tệp này", "there is no such file"),
    UnreadableReason.CANNOT_OPEN: ("không mở được tệp", "the file cannot be opened"),
    UnreadableReason.EMPTY_FILE: ("tệp rỗng (0 byte)", "the file is empty (0 bytes)"),
    UnreadableReason.CORRUPT: (
        "tệp bị hỏng hoặc không đầy đủ: lưu lại từ Excel rồi gửi lại",
        "the file is corrupt or truncated: save it again from Excel and resubmit",
    ),
    UnreadableReason.NOT_A_SPREADSHEET: (
        "tệp không phải bảng tính .xlsx hay .csv",
        "the file is not an .xlsx or .csv spreadsheet",
    ),
    UnreadableReason.ENCRYPTED: (
        "tệp có mật khẩu hoặc ở định dạng .xls cũ: bỏ mật khẩu và lưu lại dạng .xlsx",
        (
            "the file is password-protected or in the old .xls format: remove the password "
            "and save it as .xlsx"
        ),
    ),
    UnreadableReason.NOT_UTF8: (
        (
            "tệp không dùng bảng mã UTF-8 (hay UTF-16 có BOM): lưu lại với bảng mã UTF-8 "
            "(bảng tính CSV: dạng “CSV UTF-8”)"
        ),
        "the file is not UTF-8 (nor UTF-16 with a BOM): save it as UTF-8 (a CSV as “CSV UTF-8”)",
    ),
    UnreadableReason.TOO_LARGE: (
        "tệp vượt giới hạn cho phép (dung lượng giải nén, số trang tính hoặc số ô)",
        "the file is over the limits (unpacked size, sheets or cells)",
    ),
    UnreadableReason.READER_FAILED: (
        "ictdata gặp lỗi khi đọc tệp này: xin gửi tệp cho nhóm phát triển",
        "ictdata failed while reading this file: please report it with the file",
    ),
    UnreadableReason.BAD_MANIFEST: (
        "tệp ictdata.yaml của gói kế hoạch không hợp lệ",
        "the plan package's ictdata.yaml is not valid",
    ),
    UnreadableReason.EMPTY_WORKBOOK: (
        "bảng tính không có ô nào có dữ liệu",
        "the workbook has no cell with data",
    ),
}


# A file over a limit: its figure against the limit, by the limit's kind (the issue's limit).
LIMIT_TERMS: dict[str, tuple[str, str]] = {
    Limit.UNPACKED_MIB: (
        "tệp quá lớn: {actual} MiB khi giải nén, tối đa {expected} MiB",
        "the file is too large: {actual} MiB unpacked, at most {expected} MiB",
    ),
    Limit.SHEETS: (
        "tệp có {actual} trang tính, tối đa {expected} trang tính",
        "the file has {actual} sheets, at most {expected}",
    ),
    Limit.CELLS: (
        "trang tính có {actual} ô, tối đa {expected} ô",
        "the sheet has {actual} cells, at most {expected}",
    ),
    Limit.COLUMN: (
        "trang tính có ô ở cột thứ {actual}, tối đa {expected} cột",
        "the sheet has a cell in column {actual}, at most {expected} columns",
    ),
    Limit.USED_RANGE_CELLS: (
        "vùng dữ liệu của trang tính rộng {actual} ô, tối đa {expected} ô",
        "the sheet's used range spans {actual} cells, at most {expected}",
    ),
}

# Reasons whose note is a reader's or a library's own text: kept in `detail`, never shown.
# (A manifest's note is ictdata's own and names the key to fix.)
_TECHNICAL = frozenset(UnreadableReason) - {UnreadableReason.BAD_MANIFEST}


def _term(text: str, lang: Lang) -> str:
    """Translate a known term; for "reason: note", translate the reason and keep a user's note."""
    reason, _, note = text.partition(": ")
    if reason in TERMS:
        words = TERMS[reason][0 if lang == "vi" else 1]
        return f"{words} ({note})" if note and reason not in _TECHNICAL else words
    return text


def _over_limit(issue: Issue, lang: Lang) -> str | None:
    """A too-large file's figure against its limit, in words of `lang`; None for other issues."""
    if issue.code is not IssueCode.UNREADABLE_FILE or issue.limit not in LIMIT_TERMS:
        return None
    if issue.actual is None or issue.expected is None:
        return None
    template = LIMIT_TERMS[issue.limit][0 if lang == "vi" else 1]
    return template.format(
        actual=format_figure(issue.actual, lang), expected=format_figure(issue.expected, lang)
    )


_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def _visible(text: str) -> str:
    """Cell text made safe for one-line output: control characters shown as escapes."""
    return _CONTROL.sub(lambda m: m[0].encode("unicode_escape").decode("ascii"), text)


# A figure an issue has none of: its cell is blank (a totals cell left empty).
_BLANK = {"vi": "(trống)", "en": "(blank)"}


def _value(name: str, value: object, lang: Lang) -> str:
    if value is None:
        return _BLANK[lang] if name in _FIGURES else "—"
    if name in _FIGURES and isinstance(value, int | float):
        return format_figure(value, lang)
    if name == "detail":
        return _visible(_term(str(value), lang))
    return _visible(str(value))


# Said first for an issue that a slip of scale explains (its `caused_by`, the slipped place).
CAUSED_BY = {
    "vi": "Hệ quả của lỗi ghi nhầm đơn vị ở {place}: sửa chỗ đó thì lỗi này cũng hết. ",
    "en": "Follows from the unit slip at {place}: fixing that clears this too. ",
}
# ... several slips together (`caused_by` lists them: `F6,F1006`).
CAUSED_BY_MANY = {
    "vi": "Hệ quả của các lỗi ghi nhầm đơn vị ở {place}: sửa các chỗ đó thì lỗi này cũng hết. ",
    "en": "Follows from the unit slips at {place}: fixing them clears this too. ",
}

_ROWS = re.compile(r"(\d+):(\d+)")


def _range_words(text: str) -> str:
    """A range as prose writes it: rows `15:27` as 15–27, runs of cells `F13:H13,J13` as a list.

    >>> _range_words("15:27"), _range_words("F13:H13,J13"), _range_words("F5:F12")
    ('15–27', 'F13:H13, J13', 'F5:F12')
    """
    if rows := _ROWS.fullmatch(text):
        return f"{rows[1]}–{rows[2]}"
    return text.replace(",", ", ")


WHERE = "where"
RATIO = "ratio"
RELATED = "related"
PERIOD = "period"
NOTE = "note"


def related_place(issue: Issue, lang: Lang = "vi") -> str | None:
    """The other place of a cross-file issue: `file:Sheet!E15`, `file:346` (a line), `file`."""
    if issue.related_file is None:
        return None
    where = place_in_file(issue.related_sheet, issue.related_cell, issue.related_row, lang)
    return issue.related_file if where is None else f"{issue.related_file}:{where}"


def _ratio(issue: Issue, lang: Lang) -> str:
    """How many times two figures differ (1.000 for both 1000 and 0.001)."""
    factor = issue.scale_factor
    if not factor:
        return "?"
    return format_figure(round(max(factor, 1 / factor)), lang)


# How an issue's `suggestions` field separates its names (data, not prose).
_SUGGESTION_SEPARATOR = "; "


def choices(suggestions: str, lang: Lang) -> str:
    """The names of a `suggestions` field as one would say them: "“A”, “B” hay “C”".

    >>> choices("Sở Nội vụ; Sở Y tế; Sở Tư pháp", "vi")
    '“Sở Nội vụ”, “Sở Y tế” hay “Sở Tư pháp”'
    >>> choices("Sở Nội vụ; Sở Y tế", "en"), choices("Sở Y tế", "en")
    ('“Sở Nội vụ” or “Sở Y tế”', '“Sở Y tế”')
    """
    names = [f"“{_visible(n)}”" for n in suggestions.split(_SUGGESTION_SEPARATOR) if n.strip()]
    if len(names) < 2:  # noqa: PLR2004  (one name needs no "or")
        return "".join(names)
    last = " hay " if lang == "vi" else " or "
    return ", ".join(names[:-1]) + last + names[-1]


def _where(issue: Issue, lang: Lang) -> str:
    """Where an issue is: "Ô F13" / "Cell F13" in a sheet, "Dòng 346" / "Line 346" in a document."""
    if issue.cell is not None:
        return f"Ô {issue.cell}" if lang == "vi" else f"Cell {issue.cell}"
    if issue.row is not None:
        return f"Dòng {issue.row}" if lang == "vi" else f"Line {issue.row}"
    return "Tệp" if lang == "vi" else "File"


def message(issue: Issue, lang: Lang = "vi") -> str:
    """The issue's message in `lang`, naming its cell and figures.

    >>> from ictdata.check.codes import IssueCode
    >>> issue = Issue.of(IssueCode.NEGATIVE_AMOUNT, "a.xlsx", cell="K7", actual=-368, unit="tr")
    >>> message(issue, "en")
    'Cell K7 holds a negative amount, -368 (tr): amounts cannot be negative.'
    """
    info = CODES[issue.code]
    template = info.vi if lang == "vi" else info.en
    values: dict[str, Any] = {
        f.name: _value(f.name, getattr(issue, f.name), lang) for f in fields(issue)
    }
    values[WHERE] = _where(issue, lang)
    values["range"] = _range_words(values["range"])
    values[RATIO] = _ratio(issue, lang)
    values[RELATED] = _visible(related_place(issue, lang) or "—")
    values["detail"] = _over_limit(issue, lang) or values["detail"]
    if issue.code is IssueCode.UNKNOWN_UNIT:  # its `expected` is the report's year
        values[PERIOD] = period_words(issue.expected, lang)
        if issue.range is not None:
            values["range"] = validity_words(issue.range, lang)
        if issue.suggestions is not None:
            values["suggestions"] = choices(issue.suggestions, lang)
    term, _, note = (issue.detail or "").partition(": ")
    values[NOTE] = _visible(note)
    text = template.cases.get(term, template.text).format_map(values)
    for name, extra in template.extras.items():
        if getattr(issue, name) is not None:
            text += extra.format_map(values)
    if issue.caused_by is not None:
        said = CAUSED_BY_MANY if "," in issue.caused_by else CAUSED_BY
        text = said[lang].format(place=_range_words(_visible(issue.caused_by))) + text
    return text


def template_fields(code: IssueCode) -> set[str]:
    """Names of the issue fields a code's templates use (for the catalogue test)."""
    info = CODES[code]
    texts = [
        info.vi.text,
        info.en.text,
        *info.vi.extras.values(),
        *info.en.extras.values(),
        *info.vi.cases.values(),
        *info.en.cases.values(),
    ]
    return {name for text in texts for _, name, _, _ in string.Formatter().parse(text) if name}
