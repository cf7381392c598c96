"""Open an input file of any supported kind."""

from __future__ import annotations

import hashlib
from pathlib import Path

from ictdata.read.grid import Grid, Source
from ictdata.read.unreadable import UnreadableError, UnreadableReason
from ictdata.read.xlsx import read_xlsx

ZIP_MAGIC = b"PK\x03\x04"
OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
TEXT_SUFFIXES = frozenset({".csv", ".tsv"})
DOCUMENT_SUFFIXES = frozenset({".txt", ".md", ".docx"})
SPREADSHEET_SUFFIXES = frozenset({".xlsx", ".xlsm"}) | TEXT_SUFFIXES
# Collected from folders too: the legacy formats, so that they are reported as unreadable.
SUPPORTED_SUFFIXES = SPREADSHEET_SUFFIXES | DOCUMENT_SUFFIXES | {".xls", ".ods"}


def open_source(path: Path) -> Source:
    """Read `path` once: hash its bytes and read every sheet (or every line) in it.

    Raises:
        UnreadableError: the file is missing, empty, corrupt, encrypted or not a spreadsheet.
    """
    data = _bytes(path)
    digest = hashlib.sha256(data).hexdigest()
    suffix = path.suffix.lower()
    if suffix in DOCUMENT_SUFFIXES:
        # Documents are few beside spreadsheets: their reader loads when one is read.
        from ictdata.read import documents  # noqa: PLC0415

        read = {".docx": documents.read_docx, ".md": documents.read_markdown}
        lines = read.get(suffix, documents.read_text)(data)
        if not any(line.text.strip() for line in lines):
            raise UnreadableError(UnreadableReason.EMPTY_FILE)
        lines, legacy = documents.decoded(lines)
        return Source(path=path.as_posix(), sha256=digest, lines=lines, legacy_lines=legacy)
    grids: tuple[Grid, ...]
    if suffix in TEXT_SUFFIXES and not data.startswith((ZIP_MAGIC, OLE2_MAGIC)):
        from ictdata.read.csv import read_csv  # noqa: PLC0415  (as documents: when one is read)

        grids = (read_csv(data),)
    elif data.startswith(ZIP_MAGIC):
        grids = read_xlsx(data)
    elif data.startswith(OLE2_MAGIC):
        raise UnreadableError(UnreadableReason.ENCRYPTED)
    else:
        raise UnreadableError(UnreadableReason.NOT_A_SPREADSHEET)
    if all(grid.is_empty for grid in grids):
        raise UnreadableError(UnreadableReason.EMPTY_WORKBOOK)
    return Source(path=path.as_posix(), sha256=digest, grids=grids)


def _bytes(path: Path) -> bytes:
    try:
        data = path.read_bytes()
    except FileNotFoundError as error:
        raise UnreadableError(UnreadableReason.MISSING, str(error)) from error
    except OSError as error:
        raise UnreadableError(UnreadableReason.CANNOT_OPEN, str(error)) from error
    if not data:
        raise UnreadableError(UnreadableReason.EMPTY_FILE)
    return data
