"""A unit line typed across two cells: "Đơn vị tính:" in one, "triệu đồng" in the next.

Joined into the label's cell before the unit line is read, so that tables, budget
statements' sheets and unit reports read it exactly as one cell "Đơn vị tính: triệu đồng".
Only a cell holding a unit-line label and its colon, and nothing else, is joined: a column
header "Đơn vị tính" (no colon) beside "Số liệu" is no unit line.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from ictdata.read.cells import column_index
from ictdata.text import key

Rows = list[tuple[int, dict[str, str]]]
# "Đơn vị:" heads a unit line too (read only when a money unit follows, see read/units.py).
_BARE_LABEL = "đơn vị"


def joined_unit_cells(rows: Rows, labels: Iterable[str], abbreviations: Mapping[str, str]) -> Rows:
    """`rows`, each lone "<label>:" cell joined with the next non-empty cell on its right.

    >>> joined_unit_cells([(2, {"A": "ĐVT:", "C": "triệu đồng"})], ["ĐVT"], {})
    [(2, {'A': 'ĐVT: triệu đồng', 'C': 'triệu đồng'})]
    >>> joined_unit_cells([(6, {"C": "Đơn vị tính", "D": "Số liệu"})], ["Đơn vị tính"], {})
    [(6, {'C': 'Đơn vị tính', 'D': 'Số liệu'})]
    """
    names = {key(label, abbreviations) for label in (*labels, _BARE_LABEL)}
    return [(number, _joined(texts, names, abbreviations)) for number, texts in rows]


def _joined(
    texts: dict[str, str], names: set[str], abbreviations: Mapping[str, str]
) -> dict[str, str]:
    letters = sorted(texts, key=column_index)
    lone = [
        index
        for index, letter in enumerate(letters[:-1])
        if texts[letter].strip().endswith(":") and key(texts[letter], abbreviations) in names
    ]
    if not lone:
        return texts
    joined = dict(texts)
    for index in lone:
        letter = letters[index]
        joined[letter] = f"{texts[letter].strip()} {texts[letters[index + 1]].strip()}"
    return joined
