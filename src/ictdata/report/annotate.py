"""The workbook marked up: a comment and a fill on every flagged cell, and a summary sheet.

The copy is written with openpyxl from the original, so its values, formulas,
merges and other sheets are the original's; the original is never written to.
Text copied from the issues into the copy is always stored as text, never as
a formula, whatever it starts with.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from ictdata.check.codes import Severity
from ictdata.check.issue import FileResult, FileStatus, Issue
from ictdata.report.messages import message
from ictdata.report.numbers import Lang
from ictdata.report.text import severity_word

if TYPE_CHECKING:
    from openpyxl.workbook.workbook import Workbook
    from openpyxl.worksheet.worksheet import Worksheet

ANNOTATABLE = frozenset({".xlsx", ".xlsm"})
SUMMARY_SHEET = "ictdata"
FILLS = {Severity.ERROR: "FFFFC7CE", Severity.WARNING: "FFFFEB9C"}
AUTHOR = "ictdata"
HEADERS = {
    "vi": ("Mức độ", "Mã lỗi", "Trang tính", "Ô", "Dòng", "Nội dung"),
    "en": ("Severity", "Code", "Sheet", "Cell", "Row", "Message"),
}


def _mark(sheet: Worksheet, cell_ref: str, issues: list[Issue], lang: Lang) -> None:
    """Comment and fill one cell for all the issues at it (red when any is an error)."""
    from openpyxl.comments import Comment  # noqa: PLC0415  (openpyxl loads only to annotate)
    from openpyxl.styles import PatternFill  # noqa: PLC0415

    cell = sheet[cell_ref]
    lines = [
        f"{severity_word(i.severity, lang)} {i.code.value}: {message(i, lang)}" for i in issues
    ]
    if cell.comment is not None:
        lines.insert(0, cell.comment.text)
    cell.comment = Comment(_safe("\n\n".join(lines)), AUTHOR, width=360, height=160)
    worst = (
        Severity.ERROR if any(i.severity is Severity.ERROR for i in issues) else Severity.WARNING
    )
    cell.fill = PatternFill(fill_type="solid", start_color=FILLS[worst], end_color=FILLS[worst])


def _safe(text: str) -> str:
    """Text openpyxl can store: the control characters Excel forbids are replaced."""
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE  # noqa: PLC0415

    cleaned: str = ILLEGAL_CHARACTERS_RE.sub("\ufffd", text)
    return cleaned


def _text_cell(sheet: Worksheet, row: int, column: int, value: object) -> None:
    cell = sheet.cell(row=row, column=column)
    if value is None:
        return
    cell.value = value if isinstance(value, int) else _safe(str(value))
    if isinstance(cell.value, str):
        cell.data_type = "s"  # never a formula, even when the text starts with "="


def _summary(book: Workbook, issues: tuple[Issue, ...], lang: Lang) -> None:
    name = SUMMARY_SHEET
    while name in book.sheetnames:
        name += "_"
    sheet = book.create_sheet(name)
    for column, title in enumerate(HEADERS[lang], start=1):
        _text_cell(sheet, 1, column, title)
    for row, issue in enumerate(issues, start=2):
        values = (
            severity_word(issue.severity, lang),
            issue.code.value,
            issue.sheet,
            issue.cell,
            issue.row,
            message(issue, lang),
        )
        for column, value in enumerate(values, start=1):
            _text_cell(sheet, row, column, value)
    sheet.column_dimensions["F"].width = 120


def _target(result: FileResult, out_dir: Path, taken: set[str]) -> Path:
    """A file name inside `out_dir` only (never a path from the input), made unique."""
    stem, suffix = Path(result.path).stem, Path(result.path).suffix
    name = f"{stem}.annotated{suffix}"
    counter = 2
    while name in taken:
        name = f"{stem}.annotated-{counter}{suffix}"
        counter += 1
    taken.add(name)
    return out_dir / name


def annotate(
    result: FileResult, out_dir: Path, lang: Lang = "vi", taken: set[str] | None = None
) -> Path | None:
    """Write the marked-up copy of one checked workbook; None when there is nothing to mark."""
    if not result.issues or result.status is FileStatus.UNREADABLE:
        return None
    if Path(result.path).suffix.lower() not in ANNOTATABLE:
        return None
    import openpyxl  # noqa: PLC0415  (openpyxl loads only to annotate)

    source = Path(result.path)
    book = openpyxl.load_workbook(
        source, keep_vba=source.suffix.lower() == ".xlsm", keep_links=True
    )
    at_cells: dict[tuple[str, str], list[Issue]] = {}
    for issue in result.issues:
        if issue.sheet is not None and issue.sheet in book.sheetnames and issue.cell is not None:
            at_cells.setdefault((issue.sheet, issue.cell), []).append(issue)
    for (sheet, cell), issues in at_cells.items():
        _mark(book[sheet], cell, issues, lang)
    _summary(book, result.issues, lang)
    out_dir.mkdir(parents=True, exist_ok=True)
    target = _target(result, out_dir, taken if taken is not None else set())
    if target.resolve() == source.resolve():
        msg = f"refusing to overwrite the original {source}"
        raise ValueError(msg)
    book.save(target)
    return target
