"""Template contracts: the YAML files in schemas/ as typed objects."""

from ictdata.contracts.load import (
    available_contracts,
    load_contract,
    load_statement_contract,
    load_template,
)
from ictdata.contracts.model import (
    AmountColumn,
    Contract,
    Rule,
    StatementContract,
    Template,
    TextColumn,
)

__all__ = [
    "AmountColumn",
    "Contract",
    "Rule",
    "StatementContract",
    "Template",
    "TextColumn",
    "available_contracts",
    "load_contract",
    "load_statement_contract",
    "load_template",
]
