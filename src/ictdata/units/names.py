"""Unit names as people write them: one key for every spelling of one unit.

"UBND huyện Hạ Hoà", "Uỷ ban nhân dân huyện Hạ Hòa", "huyện HẠ HÒA" and "Hạ Hòa" (NFC or
NFD) give one key: `ictdata.text.key` makes case, NFC/NFD, tone-mark placement and spacing
equal, and the registry's abbreviations (UBND, TP, TX, Sở TT&TT...) are expanded word by word.
"""

from __future__ import annotations

import difflib
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from ictdata.text import key

_PEOPLES_COMMITTEE = "ủy ban nhân dân"


@dataclass(frozen=True)
class NameRules:
    """How a registry's names are written: abbreviations, kind words, place suffixes (as keys)."""

    abbreviations: Mapping[str, str]
    kind_words: Mapping[str, tuple[str, ...]]
    place_suffixes: tuple[str, ...]

    @classmethod
    def of(
        cls,
        abbreviations: Mapping[str, str],
        kind_words: Mapping[str, Iterable[str]],
        place_suffixes: Iterable[str],
    ) -> NameRules:
        """Compile the registry's declarations to keys."""
        short = {key(k): key(v) for k, v in abbreviations.items()}
        return cls(
            short,
            {kind: tuple(key(w) for w in words) for kind, words in kind_words.items()},
            tuple(key(s) for s in place_suffixes),
        )

    def key(self, name: str) -> str:
        """The matching key of a unit name.

        >>> rules = NameRules.of({"ubnd": "ủy ban nhân dân"}, {}, ())
        >>> rules.key("UBND huyện Hạ Hoà") == rules.key("Uỷ ban nhân dân  huyện HẠ HÒA")
        True
        """
        return key(name, self.abbreviations)

    def forms(self, name: str, kind: str) -> set[str]:
        """Every key under which a unit of `kind` named `name` may be written."""
        full = self.key(name)
        words = self.kind_words.get(kind, ())
        bare = next((full[len(w) + 1 :] for w in words if full.startswith(w + " ")), None)
        if bare is None:
            return {full} | {f"{full} {suffix}" for suffix in self.place_suffixes}
        named = {bare} | {f"{word} {bare}" for word in words}
        return named | {f"{self.key(_PEOPLES_COMMITTEE)} {form}" for form in named}


def loose(text: str) -> str:
    """A key without any diacritic, for measuring how close two names are.

    >>> loose("Sở Ngoại vụ")
    'So Ngoai vu'
    """
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def closeness(query: str, forms: Iterable[str]) -> float:
    """How close `query` (a key) is to the nearest of `forms` (keys), from 0 to 1."""
    plain = loose(query)
    return max(
        (difflib.SequenceMatcher(None, plain, loose(form)).ratio() for form in forms), default=0.0
    )
