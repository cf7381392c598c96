"""ictdata: check the spreadsheets government units submit for provincial ICT plans.

Read them as people make them, check their arithmetic cell by cell, and build
Parquet data marts:

>>> import ictdata
>>> ictdata.check("fixtures/broken/total_mismatch.xlsx").issues[0].cell
'F13'
"""

from ictdata.api import build, check, check_package, load
from ictdata.check.codes import CODES, Category, IssueCode, Severity
from ictdata.check.issue import ExitCode, FileResult, FileStatus, Issue, Report, Summary
from ictdata.contracts import Contract, available_contracts, load_contract
from ictdata.errors import ContractError, IctdataError, UsageError

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
    "UsageError",
    "__version__",
    "available_contracts",
    "build",
    "check",
    "check_package",
    "load",
    "load_contract",
]
