"""Where a table states its money unit: a unit line ("Đơn vị tính: triệu VNĐ"), or a header note.

Shared by every template: the labels and the units come from its contract.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from ictdata.text import clean, key

Rows = list[tuple[int, dict[str, str]]]
_NOTE = re.compile(r"\(([^()]*)\)")


@dataclass(frozen=True, slots=True)
class StatedUnit:
    """A unit as written, what it is in đồng (None when unknown), and its cell."""

    label: str
    multiplier: int | None
    cell: str


def unit_line(
    rows: Rows,
    labels: Iterable[str],
    money_units: Mapping[str, int],
    abbreviations: Mapping[str, str],
) -> StatedUnit | None:
    """The first cell reading "<label>[:] <unit>", e.g. "ĐVT: triệu đồng"."""
    names = "|".join(re.escape(key(label, abbreviations)) for label in labels)
    pattern = re.compile(f"^(?:{names}) (?P<unit>.+)$")
    for number, texts in rows:
        for letter, text in texts.items():
            found = pattern.match(key(text, abbreviations))
            if found is None:
                continue
            label = clean(text).split(":", 1)[-1].strip(" ()./") if ":" in text else clean(text)
            return StatedUnit(label, money_units.get(found["unit"]), f"{letter}{number}")
    return None


def unit_note(rows: Rows, money_units: Mapping[str, int]) -> StatedUnit | None:
    """The first money unit noted in parentheses in a cell: "Tổng kinh phí (triệu đồng)"."""
    for number, texts in rows:
        for letter, text in texts.items():
            for note in _NOTE.findall(text):
                multiplier = money_units.get(key(note))
                if multiplier is not None:
                    return StatedUnit(clean(note), multiplier, f"{letter}{number}")
    return None
