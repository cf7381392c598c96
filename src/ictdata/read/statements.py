"""Find budget statements — `<label>: <figure> [unit] (<words>)` — in lines and cells.

A statement whose label starts with a total label ("Tổng kinh phí ...") opens a
group; the statements right after it ("trong đó: - Ngân sách tỉnh: ...") are
its parts, until a line that holds no statement.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from functools import cache

from ictdata.contracts.model import StatementContract
from ictdata.read.grid import Line
from ictdata.text import clean, key


@dataclass(frozen=True, slots=True)
class Statement:
    """One labelled figure, where it was found, and the group it belongs to."""

    row: int
    label: str
    figure: str
    unit: str | None
    words: str | None
    is_total: bool
    sheet: str | None = None
    cell: str | None = None
    is_float: bool = False
    group: int | None = None


@dataclass(frozen=True, slots=True)
class Place:
    """Where a piece of text sits: a line of a document, or a cell of a sheet."""

    row: int
    text: str
    sheet: str | None = None
    cell: str | None = None


@cache
def statement_pattern(contract: StatementContract) -> re.Pattern[str]:
    """The regular expression of one statement, built from the contract's separators and units."""
    separators = "|".join(
        r"(?:là\s*)?" + re.escape(s) if not s.isalpha() else re.escape(s)
        for s in contract.label_separators
    )
    units = "|".join(re.escape(u) for u in contract.unit_names)
    return re.compile(
        rf"(?P<label>[^\W\d_][^:;.()=\n]{{1,120}}?)\s*(?:{separators})\s*"
        rf"(?P<figure>-?[0-9][0-9.,]*[0-9]|[0-9])"
        rf"(?:\s*(?P<unit>{units})(?![^\W\d_]))?\.?\s*"
        rf"(?:\((?P<words>[^()]*)\))?",
        re.IGNORECASE,
    )


def _is_total(label: str, contract: StatementContract) -> bool:
    label_key = key(label, contract.abbreviations)
    return any(
        label_key == key(total) or label_key.startswith(key(total) + " ")
        for total in contract.total_labels
    )


def _is_money(label: str, contract: StatementContract) -> bool:
    label_key = f" {key(label, contract.abbreviations)} "
    return any(f" {key(word)} " in label_key for word in contract.money_labels)


def statements_in(place: Place, contract: StatementContract) -> list[Statement]:
    """Every money statement in one line or cell, in reading order."""
    found = []
    for match in statement_pattern(contract).finditer(clean(place.text)):
        label = match["label"].strip(" -–+•*\t").strip()
        words = match["words"].strip() if match["words"] else None
        if not (match["unit"] or words or _is_money(label, contract)):
            continue
        found.append(
            Statement(
                row=place.row,
                label=label,
                figure=match["figure"],
                unit=match["unit"],
                words=words,
                is_total=_is_total(label, contract),
                sheet=place.sheet,
                cell=place.cell,
            )
        )
    return found


def group_statements(found: Sequence[Statement], places: Sequence[Place]) -> list[Statement]:
    """Number the groups: a total and the statements that follow it without a gap of text."""
    texted_rows = sorted({p.row for p in places if p.text.strip()})
    next_texted = dict(itertools.pairwise(texted_rows))
    grouped: list[Statement] = []
    group: int | None = None
    last_row: int | None = None
    for statement in found:
        adjacent = last_row is not None and statement.row in {last_row, next_texted.get(last_row)}
        if statement.is_total:
            group = len({s.group for s in grouped if s.group is not None})
        elif not adjacent:
            group = None
        grouped.append(replace(statement, group=group))
        last_row = statement.row
    return grouped


def find_statements(places: Iterable[Place], contract: StatementContract) -> list[Statement]:
    """The statements in `places` (lines or cells, in reading order), grouped."""
    places = list(places)
    found = [s for place in places for s in statements_in(place, contract)]
    return group_statements(found, places)


def lines_as_places(lines: Iterable[Line]) -> list[Place]:
    """A document's lines as places (no sheet, no cell)."""
    return [Place(line.number, line.text) for line in lines]
