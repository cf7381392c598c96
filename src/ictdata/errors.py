"""Exceptions raised by ictdata's API.

Data problems are not exceptions: they are issues in a Report. These are for
calls that cannot go on (a broken contract, a bad argument).
"""

from __future__ import annotations


class IctdataError(Exception):
    """Base class of every exception ictdata raises on purpose."""


class ContractError(IctdataError, ValueError):
    """A template contract in schemas/ is malformed."""


class UsageError(IctdataError, ValueError):
    """The call itself is wrong (no input, an unknown option value).

    `vi` says the same in Vietnamese, for the command line's default language.
    """

    def __init__(self, message: str, vi: str | None = None) -> None:
        """`message` in English; `vi` the same in Vietnamese, if given."""
        super().__init__(message)
        self.vi = vi

    def text(self, lang: str) -> str:
        """The message in `lang` ("vi" or "en"); English when no Vietnamese was given."""
        return self.vi if lang == "vi" and self.vi is not None else str(self)


class MartsError(IctdataError, OSError):
    """A folder of marts cannot be read: no manifest, a missing or corrupt Parquet file."""


class UnloadableError(IctdataError, ValueError):
    """`load` found nothing to load: a file it cannot read, or no table in the files named.

    `files` maps each file that could not be read to why (its unreadable-file detail).
    """

    def __init__(self, message: str, files: dict[str, str] | None = None) -> None:
        """`message` says what; `files` names the unreadable files and why."""
        super().__init__(message)
        self.files = files or {}
