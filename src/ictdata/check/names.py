"""Match a project's name in one file to its line in another, as a reader would.

Both names are reduced to their matching key (NFC/NFD, tone-mark placement,
case, separators; see `ictdata.text.key`) with the contract's abbreviations
expanded ("THTT" is "truyền hình trực tuyến"), then compared syllable by
syllable: a line matches when nearly all the syllables of the shorter name are
in the longer one ("hội nghị THTT" is "hệ thống hội nghị truyền hình trực
tuyến tỉnh Phú Thọ"). A line with the same number is preferred, and a weaker
name match is accepted when the numbers agree.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from ictdata.text import key

# Share of the shorter name's syllables the other name must hold.
MATCH = 0.8
MATCH_SAME_NUMBER = 0.5
# So few syllables say too little to match on ("Một cửa điện tử" is many tasks).
MIN_SYLLABLES = 5


@dataclass(frozen=True, slots=True)
class Named:
    """A line that can be matched: its name and number, and what the caller keeps with it."""

    name: str
    number: str | None
    index: int


def syllables(name: str, abbreviations: Mapping[str, str]) -> frozenset[str]:
    """The syllables of a name's key, abbreviations (keys to keys) expanded.

    >>> short = {"thtt": key("truyền hình trực tuyến")}
    >>> syllables("Hội nghị THTT", short) == syllables("HỘI NGHỊ truyền hình trực tuyến", short)
    True
    """
    return frozenset(key(name, abbreviations).split())


def overlap(first: frozenset[str], second: frozenset[str]) -> float:
    """The share of the shorter set that the other holds (0 when either is too short)."""
    shorter = min(len(first), len(second))
    if shorter < MIN_SYLLABLES:
        return 1.0 if first == second and first else 0.0
    return len(first & second) / shorter


def _same_number(first: str | None, second: str | None) -> bool:
    return first is not None and second is not None and key(first) == key(second)


def best_match(
    wanted: Named, lines: Sequence[Named], abbreviations: Mapping[str, str]
) -> Named | None:
    """The line of `lines` that is `wanted`, or None."""
    target = syllables(wanted.name, abbreviations)
    scored = []
    for line in lines:
        score = overlap(target, syllables(line.name, abbreviations))
        same = _same_number(wanted.number, line.number)
        if score >= MATCH or (same and score >= MATCH_SAME_NUMBER):
            scored.append((score, same, -line.index, line))
    return max(scored, key=lambda s: s[:3])[3] if scored else None
