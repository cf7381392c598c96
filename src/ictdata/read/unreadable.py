"""Why a file could not be read at all."""

from __future__ import annotations

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


class UnreadableError(Exception):
    """Raised by the readers; turned into an `unreadable-file` issue by the checker."""

    def __init__(self, reason: UnreadableReason, note: str = "") -> None:
        """Record the reason, and a technical note for those who want it."""
        super().__init__(f"{reason}: {note}" if note else str(reason))
        self.reason = reason
        self.note = note
