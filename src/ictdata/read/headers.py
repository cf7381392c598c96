"""Recognise header cells by the aliases a template contract gives."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache

from ictdata.contracts.model import Contract, Heading
from ictdata.text import key

_YEAR = re.escape("{year}")
_PARENTHESES = re.compile(r"\([^()]*\)")


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
    """The contract's aliases compiled to keys and patterns."""

    contract: Contract
    text_fields: dict[str, str]
    stages: tuple[tuple[re.Pattern[str], str], ...]
    kinds: dict[str, str]
    joined: tuple[tuple[re.Pattern[str], str, str], ...]
    # The first words that stage headers begin with (None: some alias begins with a year):
    # most cells a scan meets, such as project names, are ruled out without the patterns.
    openings: frozenset[str] | None = None

    def match(self, text: str | None) -> Match | None:
        """Classify one header cell's text; None when it names nothing the contract knows."""
        if text is None:
            return None
        return self._cached(text)

    @lru_cache(maxsize=16_384)  # noqa: B019  (one matcher per contract, kept for the process)
    def _cached(self, text: str) -> Match | None:
        found = self._lookup(text)
        if found is None and "(" in text:
            # "Dự kiến tổng kinh phí (triệu đồng)": a note in parentheses is not the name.
            found = self._lookup(_PARENTHESES.sub(" ", text))
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
        if self.openings is not None and cell_key.split(" ", 1)[0] not in self.openings:
            return None
        for pattern, stage in self.stages:
            found = pattern.fullmatch(cell_key)
            if found:
                return Match(stage=stage, year=_year(found))
        for pattern, stage, kind in self.joined:
            found = pattern.fullmatch(cell_key)
            if found:
                return Match(stage=stage, funding_kind=kind, year=_year(found))
        return None


def _year(found: re.Match[str]) -> int | None:
    return int(found["year"]) if "year" in found.groupdict() and found["year"] else None


def _pattern(alias: str, contract: Contract) -> str:
    escaped = re.escape(key(alias, contract.abbreviations))
    return escaped.replace(_YEAR, r"(?P<year>[0-9]{4})", 1).replace(_YEAR, r"[0-9]{4}")


def _kind_pattern(kind: Heading, contract: Contract) -> str:
    return "|".join(re.escape(key(alias, contract.abbreviations)) for alias in kind.aliases)


@cache
def matcher_for(contract: Contract) -> HeaderMatcher:
    """Compile (once) the header aliases of `contract`."""
    text_fields = {
        key(alias, contract.abbreviations): column.name
        for column in contract.columns
        for alias in column.aliases
    }
    stages = tuple(
        (re.compile(_pattern(alias, contract)), stage.name)
        for stage in contract.stages
        for alias in stage.aliases
    )
    kinds = {
        key(alias, contract.abbreviations): kind.name
        for kind in contract.funding_kinds
        for alias in kind.aliases
    }
    joined = tuple(
        (
            re.compile(f"{_pattern(alias, contract)} (?:{_kind_pattern(kind, contract)})"),
            stage.name,
            kind.name,
        )
        for stage in contract.stages
        for alias in stage.aliases
        for kind in contract.funding_kinds
    )
    return HeaderMatcher(contract, text_fields, stages, kinds, joined, _openings(contract))


def _openings(contract: Contract) -> frozenset[str] | None:
    firsts = {
        key(alias, contract.abbreviations).split(" ", 1)[0]
        for stage in contract.stages
        for alias in stage.aliases
    }
    return None if any("{year}" in word for word in firsts) else frozenset(firsts)
