"""Template contracts: the YAML files in schemas/ as typed objects."""

from ictdata.contracts.load import available_contracts, load_contract
from ictdata.contracts.model import AmountColumn, Contract, Rule, TextColumn

__all__ = [
    "AmountColumn",
    "Contract",
    "Rule",
    "TextColumn",
    "available_contracts",
    "load_contract",
]
