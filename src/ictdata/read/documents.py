"""Read plan documents: plain text and Markdown by line, .docx by paragraph."""

from __future__ import annotations

import html
import io
import re
import zipfile

import polars as pl

from ictdata.read.cells import split_cell
from ictdata.read.grid import ROW, Line
from ictdata.read.legacy import decode_legacy
from ictdata.read.unreadable import UnreadableError, UnreadableReason, as_utf8

_PARAGRAPH = re.compile(rb"<w:p[ >].*?</w:p>|<w:p/>", re.DOTALL)
_RUN_TEXT = re.compile(rb"<w:t(?: [^>]*)?>([^<]*)</w:t>|<w:(tab|br|cr)\b[^>]*/>")
_DOCUMENT = "word/document.xml"


def read_text(data: bytes) -> tuple[Line, ...]:
    """The lines of a UTF-8 (or UTF-16 with BOM) text or Markdown document, numbered from 1."""
    try:
        text = as_utf8(data).decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise UnreadableError(UnreadableReason.NOT_UTF8, str(error)) from error
    return tuple(Line(number, line) for number, line in enumerate(text.splitlines(), start=1))


def read_markdown(data: bytes) -> tuple[Line, ...]:
    """`read_text`, with Markdown's marks taken off each line (its numbering kept).

    Emphasis (`**Tổng kinh phí:**`, `(*Một tỷ đồng*)`) goes; a table row's cells are
    read as "label: figure" (`| Ngân sách tỉnh | 1.092.000 đồng |`), its rule line as blank.
    """
    return tuple(Line(line.number, _plain(line.text)) for line in read_text(data))


_EMPHASIS = re.compile(r"(?<![\w*_])[*_]{1,3}(?=[^\s*_])|(?<=[^\s*_])[*_]{1,3}(?![\w*_])")
_TABLE_RULE = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?\s*$")


def _plain(text: str) -> str:
    if _TABLE_RULE.match(text):
        return ""
    plain = _EMPHASIS.sub("", text)
    if plain.lstrip().startswith("|"):
        return _table_row([cell.strip() for cell in plain.strip().strip("|").split("|")])
    return plain


def _table_row(cells: list[str]) -> str:
    """A table row as a statement: `label: figure (words)`, as the sheet layout reads it.

    `| Tổng kinh phí | 11.553.000.000 đồng | Mười một tỷ ... đồng |`: the third cell is the
    figure's words (in parentheses, as a document writes them).
    """
    label, *rest = [cell for cell in cells if cell] or [""]
    if not rest:
        return label
    figure, *words = rest
    said = " ".join(w if w.startswith("(") and w.endswith(")") else f"({w})" for w in words)
    return f"{label}: {figure} {said}".rstrip()


def read_docx(data: bytes) -> tuple[Line, ...]:
    """The paragraphs of a .docx body, numbered from 1 in document order (tables included)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            xml = package.read(_DOCUMENT)
    except KeyError as error:
        raise UnreadableError(UnreadableReason.NOT_A_SPREADSHEET, str(error)) from error
    except (zipfile.BadZipFile, EOFError, OSError, ValueError) as error:
        raise UnreadableError(UnreadableReason.CORRUPT, str(error)) from error
    return tuple(
        Line(number, _paragraph_text(paragraph))
        for number, paragraph in enumerate(_PARAGRAPH.findall(xml), start=1)
    )


def _paragraph_text(paragraph: bytes) -> str:
    parts = []
    for text, control in _RUN_TEXT.findall(paragraph):
        parts.append(html.unescape(text.decode("utf-8")) if not control else " ")
    return "".join(parts)


_UNICODE_VIETNAMESE = re.compile("[\u0100-\u01b0\u1ea0-\u1ef9]")


def decoded(lines: tuple[Line, ...]) -> tuple[tuple[Line, ...], tuple[int, ...]]:
    """`lines` with legacy-font text (TCVN3 .VnTime, VNI) in Unicode, and the lines changed.

    Decided on the whole document: one typed in Unicode Vietnamese (a letter such as ư, ạ,
    đ beyond Latin-1) has no legacy line, whatever a "·" or "µ" in it looks like.
    """
    if any(_UNICODE_VIETNAMESE.search(line.text) for line in lines):
        return lines, ()
    frame = pl.DataFrame(
        {ROW: [line.number for line in lines], "A": [line.text for line in lines]},
        schema={ROW: pl.Int64, "A": pl.String},
    )
    converted, changed = decode_legacy(frame)
    if not changed:
        return lines, ()
    texts = converted.get_column("A").to_list()
    numbers = tuple(split_cell(cell)[1] for cell in changed)
    return tuple(Line(line.number, text) for line, text in zip(lines, texts, strict=True)), numbers
