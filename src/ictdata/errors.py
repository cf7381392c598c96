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
    """The call itself is wrong (no input, an unknown option value)."""


class MartsError(IctdataError, OSError):
    """A folder of marts cannot be read: no manifest, a missing or corrupt Parquet file."""
