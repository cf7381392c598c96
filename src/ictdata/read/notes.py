"""Notes in parentheses, which may hold notes of their own: "(Đơn vị tính: đồng (VNĐ))"."""

from __future__ import annotations

import re

from ictdata.text import clean

_INNERMOST_NOTE = re.compile(r"\([^()]*\)")


def _balanced(text: str) -> list[tuple[int, int, int]]:
    """Each balanced note of `text` as (depth, start, end), outermost first, left to right."""
    found: list[tuple[int, int, int]] = []
    opened: list[int] = []
    for index, char in enumerate(text):
        if char == "(":
            opened.append(index)
        elif char == ")" and opened:
            start = opened.pop()
            found.append((len(opened), start, index))
    return sorted(found)


def notes(text: str) -> list[str]:
    """The notes in parentheses of `text`, outermost first: a note may hold a note.

    >>> notes("Kinh phí (Đơn vị tính: đồng (VNĐ))")
    ['Đơn vị tính: đồng (VNĐ)', 'VNĐ']
    >>> notes("Số liệu (đồng) (ghi chú)"), notes("Lẻ (một ( hai")
    (['đồng', 'ghi chú'], [])
    """
    return [text[start + 1 : end].strip() for _, start, end in _balanced(text)]


def outer_notes(text: str) -> list[str]:
    """The notes of `text` that no other note holds, each without the notes it holds.

    >>> outer_notes("Tổng hợp (triệu đồng (VNĐ)) (năm 2014)")
    ['triệu đồng', 'năm 2014']
    """
    return [
        without_notes(text[start + 1 : end]) for depth, start, end in _balanced(text) if not depth
    ]


def without_notes(text: str) -> str:
    """`text` without any note, nested ones too: "Kinh phí (ĐVT: đồng (VNĐ))" -> "Kinh phí".

    >>> without_notes("Kinh phí CNTT (Đơn vị tính: đồng (VNĐ))")
    'Kinh phí CNTT'
    """
    previous = None
    while previous != text:
        previous, text = text, _INNERMOST_NOTE.sub(" ", text)
    return clean(text)
