"""ictdata: check the spreadsheets government units submit for provincial ICT plans.

Read them as people make them, check their arithmetic cell by cell, and build
Parquet data marts:

>>> import ictdata
>>> ictdata.check("fixtures/broken/total_mismatch.xlsx").issues[0].cell
'F13'
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

from ictdata import collector

# `ictdata.check` is the function, as it always was. Loading the subpackage of that name
# binds it here; loaded now and the binding let go, it cannot take the name over later.
import_module("ictdata.check")
del globals()["check"]

if TYPE_CHECKING:
    from ictdata.api import build, check, check_package, load
    from ictdata.check.codes import CODES, Category, IssueCode, Severity
    from ictdata.check.issue import ExitCode, FileResult, FileStatus, Issue, Report, Summary
    from ictdata.contracts import Contract, available_contracts, load_contract
    from ictdata.errors import ContractError, IctdataError, UnloadableError, UsageError

__version__ = "0.1.0"

__all__ = [
    "CODES",
    "Category",
    "Contract",
    "ContractError",
    "ExitCode",
    "FileResult",
    "FileStatus",
    "IctdataError",
    "Issue",
    "IssueCode",
    "Report",
    "Severity",
    "Summary",
    "UnloadableError",
    "UsageError",
    "__version__",
    "available_contracts",
    "build",
    "check",
    "check_package",
    "load",
    "load_contract",
]

# The public names load with their modules on first use: `import ictdata.cli` stays light,
# so the command can pause the collector around polars and freeze what it loaded.
_HOMES = {
    **dict.fromkeys(("build", "check", "check_package", "load"), "ictdata.api"),
    **dict.fromkeys(("CODES", "Category", "IssueCode", "Severity"), "ictdata.check.codes"),
    **dict.fromkeys(
        ("ExitCode", "FileResult", "FileStatus", "Issue", "Report", "Summary"),
        "ictdata.check.issue",
    ),
    **dict.fromkeys(("Contract", "available_contracts", "load_contract"), "ictdata.contracts"),
    **dict.fromkeys(
        ("ContractError", "IctdataError", "UnloadableError", "UsageError"), "ictdata.errors"
    ),
}


def __getattr__(name: str) -> Any:  # noqa: ANN401  (each public name has its own type)
    home = _HOMES.get(name)
    if home is None:
        return _submodule(name)
    with collector.paused():  # polars and ictdata's own modules: nothing to collect yet
        value = getattr(import_module(home), name)
    globals()[name] = value
    return value


def _submodule(name: str) -> Any:  # noqa: ANN401  (a module)
    """`ictdata.read`, `ictdata.api`...: a subpackage loads when first named, as before."""
    missing = AttributeError(f"module {__name__!r} has no attribute {name!r}")
    if name.startswith("_"):
        raise missing
    try:
        with collector.paused():
            return import_module(f"{__name__}.{name}")
    except ModuleNotFoundError as error:
        if error.name != f"{__name__}.{name}":
            raise
        raise missing from None


def __dir__() -> list[str]:
    return sorted({*__all__, *(n for n in globals() if not n.startswith("_"))} - _HELPERS)


_HELPERS = {"Any", "TYPE_CHECKING", "annotations", "import_module"}
