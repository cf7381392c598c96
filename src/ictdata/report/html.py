"""A self-contained HTML page: a summary, each file's status, its sheets drawn with their flags.

A file with issues shows its checked sheets, flagged cells highlighted, and its issues; a
clean file shows only its status line (drawing 40 valid reports' grids made 200 KB of noise).

No scripts, fonts or styles are loaded from anywhere: the page is one file that
can be mailed to the unit that filled the sheet in. Every cell text is escaped.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from dataclasses import dataclass

from ictdata.check.codes import Severity
from ictdata.check.formula_rows import flagged_cells
from ictdata.check.issue import FileResult, Issue, Report
from ictdata.read.grid import ROW, Grid, Line, Source
from ictdata.report.messages import message
from ictdata.report.numbers import Lang
from ictdata.report.text import place as place_of
from ictdata.report.text import report_line, severity_word, status_word

FULL_SHEET_ROWS = 300
HEAD_ROWS = 40
CONTEXT_ROWS = 3
_ID = re.compile(r"[^A-Za-z0-9_-]")
_NOTES = {"vi": "Ghi chú", "en": "Notes"}
VIEWPORT = '<meta name="viewport" content="width=device-width, initial-scale=1">'

STYLE = """
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;
margin:1rem;color:#1d1d1f;overflow-wrap:anywhere}
h1{font-size:1.4rem}h2{font-size:1.15rem;margin-top:2rem}h3{font-size:1rem}
.summary{padding:.6rem .9rem;background:#f4f4f6;border-radius:6px;display:inline-block}
.status-valid{color:#1a7f37}.status-invalid{color:#b42318}
.status-unreadable{color:#9a6700}
.grid{overflow-x:auto;max-width:100%;margin:.5rem 0}
table.sheet{border-collapse:collapse;font-size:.8rem}
table.sheet td,table.sheet th{border:1px solid #d0d7de;padding:2px 6px;white-space:nowrap;
max-width:22rem;overflow:hidden;text-overflow:ellipsis}
table.sheet th{background:#f6f8fa;color:#57606a;font-weight:normal}
table.sheet th.row{position:sticky;left:0;z-index:1}
td.error{background:#ffd7d5;outline:2px solid #cf222e}
td.warning{background:#fff3b0;outline:2px solid #bf8700}
table.sheet td.note{white-space:normal;min-width:16rem;max-width:28rem;overflow:visible;
color:#57606a}
table.sheet td.note:not(:empty){background:#fffdf5}
tr.gap td{border:none;color:#8c959f;text-align:center}
ol.issues li{margin:.3rem 0}.code{font-family:ui-monospace,monospace;font-size:.85em}
.sev-error{color:#cf222e}.sev-warning{color:#9a6700}
"""


@dataclass(frozen=True)
class _Context:
    index: int
    lang: Lang


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


def _anchor(ctx: _Context, sheet: str | None, place: str) -> str:
    return _ID.sub("_", f"f{ctx.index}-{sheet or ''}-{place}")


def _rows_to_draw(grid: Grid, flagged: set[int]) -> list[int]:
    rows = grid.cells.get_column(ROW).to_list()
    if len(rows) <= FULL_SHEET_ROWS:
        return rows
    keep = set(rows[:HEAD_ROWS])
    for row in flagged:
        keep |= set(range(row - CONTEXT_ROWS, row + CONTEXT_ROWS + 1))
    return [row for row in rows if row in keep]


def _cell_html(
    text: object, issues: list[Issue], ctx: _Context, sheet: str | None, cell: str
) -> str:
    shown = "" if text is None else _e(text)
    if not issues:
        return f"<td>{shown}</td>"
    level = "error" if any(i.severity is Severity.ERROR for i in issues) else "warning"
    tip = _e(" ".join(message(i, ctx.lang) for i in issues))
    return f'<td class="{level}" id="{_anchor(ctx, sheet, cell)}" title="{tip}">{shown}</td>'


def _notes_html(issues: Sequence[Issue], ctx: _Context) -> str:
    """The note cell of one row: the messages of the issues on it."""
    return '<td class="note">' + "<br>".join(_e(message(i, ctx.lang)) for i in issues) + "</td>"


def _cells_to_flag(issue: Issue) -> list[str]:
    """An issue's cells, and the cell it says was typed in another scale: the one to fix."""
    cells = flagged_cells(issue)
    if issue.scale_cell is not None and issue.scale_cell not in cells:
        cells.append(issue.scale_cell)
    return cells


def _grid_html(grid: Grid, issues: Sequence[Issue], ctx: _Context) -> str:
    by_cell: dict[str, list[Issue]] = {}
    by_row: dict[int, list[Issue]] = {}
    for issue in issues:
        for cell in _cells_to_flag(issue):
            by_cell.setdefault(cell, []).append(issue)
        if issue.row is not None:
            by_row.setdefault(issue.row, []).append(issue)
    letters = grid.letters
    wanted = _rows_to_draw(grid, set(by_row))
    records = {
        r[ROW]: r for r in grid.cells.filter(grid.cells[ROW].is_in(wanted)).iter_rows(named=True)
    }
    noted = bool(by_row)  # the notes column comes right after the row numbers, in view
    head = "".join(f"<th>{letter}</th>" for letter in letters)
    note_head = f'<th class="note">{_NOTES[ctx.lang]}</th>' if noted else ""
    lines = [
        f'<div class="grid"><table class="sheet"><tr><th class="row"></th>{note_head}{head}</tr>'
    ]
    previous = None
    for row in wanted:
        if previous is not None and row != previous + 1:
            lines.append(f'<tr class="gap"><td colspan="{len(letters) + 1 + noted}">…</td></tr>')
        record = records[row]
        cells = "".join(
            _cell_html(record[x], by_cell.get(f"{x}{row}", []), ctx, grid.sheet, f"{x}{row}")
            for x in letters
        )
        notes = _notes_html(by_row.get(row, []), ctx) if noted else ""
        anchor = _anchor(ctx, grid.sheet, str(row))
        lines.append(f'<tr><th class="row" id="{anchor}">{row}</th>{notes}{cells}</tr>')
        previous = row
    lines.append("</table></div>")
    return "\n".join(lines)


def _lines_html(lines: Sequence[Line], issues: Sequence[Issue], ctx: _Context) -> str:
    flagged = {i.row for i in issues if i.row is not None}
    keep = {n for row in flagged for n in range(row - CONTEXT_ROWS, row + CONTEXT_ROWS + 1)}
    out = ['<div class="grid"><table class="sheet">']
    for line in lines:
        if line.number not in keep:
            continue
        mine = [i for i in issues if i.row == line.number]
        level = ""
        if mine:
            level = (
                ' class="error"'
                if any(i.severity is Severity.ERROR for i in mine)
                else ' class="warning"'
            )
        anchor = _anchor(ctx, None, str(line.number))
        text = f"<td{level}>{_e(line.text)}</td>"
        notes = _notes_html(mine, ctx)
        out.append(f'<tr><th class="row" id="{anchor}">{line.number}</th>{notes}{text}</tr>')
    out.append("</table></div>")
    return "\n".join(out)


def _issue_link(issue: Issue, ctx: _Context) -> str:
    place = issue.cell or (str(issue.row) if issue.row is not None else None)
    where = place_of(issue, ctx.lang) or ""
    target = f'<a href="#{_anchor(ctx, issue.sheet, place)}">{_e(where)}</a> ' if place else ""
    return (
        f'<li>{target}<span class="sev-{issue.severity.value}">'
        f"{severity_word(issue.severity, ctx.lang)}</span> "
        f'<span class="code">{issue.code.value}</span>: {_e(message(issue, ctx.lang))}</li>'
    )


def _sheets_to_draw(
    source: Source, issues: Sequence[Issue], checked: set[str | None]
) -> list[Grid]:
    named = {i.sheet for i in issues if i.sheet is not None or i.cell is not None}
    return [g for g in source.grids if g.sheet in named | checked]


def _file_html(
    result: FileResult, source: Source | None, checked: set[str | None], ctx: _Context
) -> str:
    parts = [
        (
            f'<h2 id="file-{ctx.index}">{_e(result.path)} — '
            f'<span class="status-{result.status.value}">'
            f"{status_word(result.status, ctx.lang)}</span></h2>"
        )
    ]
    if not result.issues:  # a clean file is its status line: no grid to look through
        return parts[0]
    if source is not None and source.is_document:
        parts.append(_lines_html(source.lines, result.issues, ctx))
    elif source is not None:
        for grid in _sheets_to_draw(source, result.issues, checked):
            parts.append(f"<h3>{_e(grid.sheet or 'CSV')}</h3>")
            parts.append(_grid_html(grid, [i for i in result.issues if i.sheet == grid.sheet], ctx))
    parts.append(
        '<ol class="issues">' + "".join(_issue_link(i, ctx) for i in result.issues) + "</ol>"
    )
    return "\n".join(parts)


def _file_link(index: int, result: FileResult, lang: Lang) -> str:
    status = result.status.value
    return (
        f'<li><a href="#file-{index}">{_e(result.path)}</a> — '
        f'<span class="status-{status}">{status_word(result.status, lang)}</span></li>'
    )


def render_html(
    report: Report,
    sources: Sequence[Source],
    checked_sheets: dict[str, set[str | None]] | None = None,
    lang: Lang = "vi",
) -> str:
    """The report as one HTML page; `sources` give the cells to draw (others are only listed)."""
    by_path = {source.path: source for source in sources}
    checked = checked_sheets or {}
    body = [
        f"<h1>ictdata — {'báo cáo kiểm tra' if lang == 'vi' else 'check report'}</h1>",
        f'<p class="summary">{_e(report_line(report, lang))}</p>',
        "<ul>" + "".join(_file_link(i, r, lang) for i, r in enumerate(report.files)) + "</ul>",
    ]
    for index, result in enumerate(report.files):
        body.append(
            _file_html(
                result,
                by_path.get(result.path),
                checked.get(result.path, set()),
                _Context(index, lang),
            )
        )
    return (
        f'<!DOCTYPE html>\n<html lang="{lang}"><head><meta charset="utf-8">{VIEWPORT}'
        f"<title>ictdata</title><style>{STYLE}</style></head><body>\n"
        + "\n".join(body)
        + "\n</body></html>\n"
    )
