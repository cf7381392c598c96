"""Why a file could not be read at all."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class UnreadableReason(StrEnum):
    """The reasons a file is unreadable, as codes that messages translate."""

    MISSING = "missing"
    CANNOT_OPEN = "cannot-open"
    EMPTY_FILE = "empty-file"
    CORRUPT = "corrupt"
    NOT_A_SPREADSHEET = "not-a-spreadsheet"
    ENCRYPTED = "encrypted-or-legacy"
    NOT_UTF8 = "not-utf8"
    EMPTY_WORKBOOK = "empty-workbook"
    READER_FAILED = "reader-failed"
    TOO_LARGE = "too-large"
    BAD_MANIFEST = "bad-manifest"  # a plan package's ictdata.yaml


class Limit(StrEnum):
    """Which limit a too-large file is over; the unit its figures are counted in."""

    UNPACKED_MIB = "unpacked-mib"
    SHEETS = "sheets"
    CELLS = "cells"
    COLUMN = "column"
    USED_RANGE_CELLS = "used-range-cells"


@dataclass(frozen=True)
class Overage:
    """A file over one limit: what it holds (`found`) against the `limit`, in `kind`'s unit."""

    kind: Limit
    found: int
    limit: int


class UnreadableError(Exception):
    """Raised by the readers; turned into an `unreadable-file` issue by the checker.

    The `note` is technical (often a library's own text): it goes to the issue's
    `detail` for machines, never into the message a user reads. What a user can act
    on is structured: the `sheet` that failed, the limit a file is `over`.
    """

    def __init__(
        self,
        reason: UnreadableReason,
        note: str = "",
        *,
        sheet: str | None = None,
        over: Overage | None = None,
    ) -> None:
        """Record the reason, a technical note, and the sheet or limit concerned."""
        super().__init__(f"{reason}: {note}" if note else str(reason))
        self.reason = reason
        self.note = note
        self.sheet = sheet
        self.over = over


_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")


def as_utf8(data: bytes) -> bytes:
    """Text bytes in UTF-8: UTF-16 with its BOM (Windows Notepad's "Unicode") is re-encoded.

    Raises:
        UnreadableError: UTF-16 bytes that do not decode.
    """
    if not data.startswith(_UTF16_BOMS):
        return data
    try:
        return data.decode("utf-16").encode()
    except UnicodeDecodeError as error:
        raise UnreadableError(UnreadableReason.NOT_UTF8, str(error)) from error
