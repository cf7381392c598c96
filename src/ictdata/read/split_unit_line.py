"""A unit line typed across cells: "Đơn vị tính:" in one, "triệu đồng" in another.

Joined into the label's cell before the unit line is read, so that tables, budget
statements' sheets and unit reports read it exactly as one cell "Đơn vị tính: triệu đồng".
Only a cell holding a unit-line label and its colon, and nothing else, is joined: a column
header "Đơn vị tính" (no colon) beside "Số liệu" is no unit line. It is joined with the
first cell on its right, on its row, that reads as a unit: a note between them ("Phụ lục
01") is not the unit. When no cell there reads as one, the next cell is taken, and judged
(a unit not understood).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping

from ictdata.read.cells import column_index
from ictdata.text import key

Rows = list[tuple[int, dict[str, str]]]
# "Đơn vị:" heads a unit line too (read only when a money unit follows, see read/units.py).
_BARE_LABEL = "đơn vị"


def _no_unit(_: str) -> int:
    return 0


def joined_unit_cells(
    rows: Rows,
    labels: Iterable[str],
    abbreviations: Mapping[str, str],
    reads_as_unit: Callable[[str], int] = _no_unit,
) -> Rows:
    """`rows`, each lone "<label>:" cell joined with the cell on its right holding the unit.

    That is the cell up to the next label that `reads_as_unit` best (a unit itself, 2, before
    a text that only names money, 1: "nghìn đồng" before "Tỷ giá: 1 USD = 21.036 đồng"), the
    first of those; else the next non-empty cell.

    >>> joined_unit_cells([(2, {"A": "ĐVT:", "C": "triệu đồng"})], ["ĐVT"], {})
    [(2, {'A': 'ĐVT: triệu đồng', 'C': 'triệu đồng'})]
    >>> row = [(5, {"A": "ĐVT:", "B": "Phụ lục 01", "C": "đồng"})]
    >>> joined_unit_cells(row, ["ĐVT"], {}, lambda text: text == "đồng")[0][1]["A"]
    'ĐVT: đồng'
    >>> joined_unit_cells(row, ["ĐVT"], {})[0][1]["A"]
    'ĐVT: Phụ lục 01'
    >>> joined_unit_cells([(6, {"C": "Đơn vị tính", "D": "Số liệu"})], ["Đơn vị tính"], {})
    [(6, {'C': 'Đơn vị tính', 'D': 'Số liệu'})]
    """
    names = {key(label, abbreviations) for label in (*labels, _BARE_LABEL)}
    return [(number, _joined(texts, names, abbreviations, reads_as_unit)) for number, texts in rows]


def _joined(
    texts: dict[str, str],
    names: set[str],
    abbreviations: Mapping[str, str],
    reads_as_unit: Callable[[str], int],
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
    for index, end in zip(lone, [*lone[1:], len(letters)], strict=True):
        after = [texts[letter].strip() for letter in letters[index + 1 : end]]
        ranked = [(reads_as_unit(text), -place) for place, text in enumerate(after)]
        best = max(ranked, default=(0, 0))
        unit = after[-best[1]] if best[0] > 0 else (after[0] if after else "")
        joined[letters[index]] = f"{texts[letters[index]].strip()} {unit}".strip()
    return joined
