"""Recognise header cells by the aliases a template contract gives."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache

from ictdata.contracts.model import Contract
from ictdata.read.notes import without_notes
from ictdata.text import key

YEAR_SLOT = "{year}"  # how contracts write "any four-digit year" in an alias
# A year in a header: four digits on their own. Each is read as the slot, so that
# "Vốn bố trí năm 2013" is looked up as "vốn bố trí năm {year}" (the first gives the year).
_YEAR_IN_CELL = re.compile(r"(?<![0-9])[0-9]{4}(?![0-9])")


@dataclass(frozen=True, slots=True)
class Match:
    """What a header cell names: a text column, a stage, a funding kind, or an amount column."""

    text_field: str | None = None
    stage: str | None = None
    funding_kind: str | None = None
    year: int | None = None

    @property
    def is_amount(self) -> bool:
        """True for a joined header naming both a stage and a funding kind."""
        return self.stage is not None and self.funding_kind is not None


@dataclass(frozen=True, eq=False)
class HeaderMatcher:
    """The contract's aliases as keys: a year in a header is a slot, so lookups are exact."""

    contract: Contract
    text_fields: dict[str, str]
    stages: dict[str, str]
    kinds: dict[str, str]
    joined: dict[str, tuple[str, str]]

    def match(self, text: str | None) -> Match | None:
        """Classify one header cell's text; None when it names nothing the contract knows."""
        if text is None:
            return None
        return self._cached(text)

    @lru_cache(maxsize=16_384)  # noqa: B019  (one matcher per contract, kept for the process)
    def _cached(self, text: str) -> Match | None:
        found = self._lookup(text)
        if found is None and "(" in text:
            # "Dự kiến tổng kinh phí (triệu đồng)": a note in parentheses is not the name,
            # nor one holding a note of its own ("(triệu đồng (VNĐ))").
            found = self._lookup(without_notes(text))
        return found

    def _lookup(self, text: str) -> Match | None:
        cell_key = key(text, self.contract.abbreviations)
        if not cell_key:
            return None
        return self._exact(cell_key) or self._patterned(cell_key)

    def _exact(self, cell_key: str) -> Match | None:
        if cell_key in self.text_fields:
            return Match(text_field=self.text_fields[cell_key])
        if cell_key in self.kinds:
            return Match(funding_kind=self.kinds[cell_key])
        return None

    def _patterned(self, cell_key: str) -> Match | None:
        found = _YEAR_IN_CELL.search(cell_key)
        year = int(found[0]) if found else None
        slotted = _YEAR_IN_CELL.sub(YEAR_SLOT, cell_key)
        if slotted in self.stages:
            return Match(stage=self.stages[slotted], year=year)
        if slotted in self.joined:
            stage, kind = self.joined[slotted]
            return Match(stage=stage, funding_kind=kind, year=year)
        return None


@cache
def matcher_for(contract: Contract) -> HeaderMatcher:
    """Key (once) the header aliases of `contract`."""

    def keyed(alias: str) -> str:
        return _YEAR_IN_CELL.sub(YEAR_SLOT, key(alias, contract.abbreviations))

    plain = contract.abbreviations
    text_fields = {key(alias, plain): c.name for c in contract.columns for alias in c.aliases}
    kinds = {key(alias, plain): k.name for k in contract.funding_kinds for alias in k.aliases}
    stages: dict[str, str] = {}
    joined: dict[str, tuple[str, str]] = {}
    for stage in contract.stages:
        for alias in map(keyed, stage.aliases):
            stages.setdefault(alias, stage.name)
            for kind_alias, kind in kinds.items():
                joined.setdefault(f"{alias} {keyed(kind_alias)}", (stage.name, kind))
    return HeaderMatcher(contract, text_fields, stages, kinds, joined)
