"""Find budget statements — `<label>: <figure> [unit] (<words>)` — in lines and cells.

A statement whose label starts with a total label ("Tổng kinh phí ...") opens a
group; the statements right after it ("trong đó: - Ngân sách tỉnh: ...") are
its parts, until a line that holds no statement.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from functools import cache

from ictdata.contracts.model import StatementContract
from ictdata.read.figure_units import currency_before, figure_unit, noted_unit
from ictdata.read.grid import Line
from ictdata.read.units import foreign_note, foreign_unit_after, names_foreign_currency
from ictdata.read.words import WordsError, parse_words
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
    bullet: str = ""
    currency: str | None = None  # a currency other than the đồng the figure is in ("USD")


@dataclass(frozen=True, slots=True)
class Place:
    """Where a piece of text sits: a line of a document, or a cell of a sheet."""

    row: int
    text: str
    sheet: str | None = None
    cell: str | None = None


# "11.553.000.000 đồng Việt Nam (Mười một tỷ ... đồng)": the currency's full name is still
# the unit, and the words after it are the figure's.
_OF_VIETNAM = r"(?:\s+Vi[eệ]t\s*Nam)?"


@cache
def statement_pattern(contract: StatementContract) -> re.Pattern[str]:
    """The regular expression of one statement, built from the contract's separators and units."""
    separators = "|".join(
        r"(?:là\s*)?" + re.escape(s) if not s.isalpha() else re.escape(s)
        for s in contract.label_separators
    )
    units = "|".join(re.escape(u) for u in contract.unit_names)
    return re.compile(
        rf"(?P<label>[^\W\d_](?:[^:;.()=\n]|\([^()\n]*\)){{1,120}}?)\s*(?:{separators})\s*"
        rf"{currency_before(contract)}(?P<figure>-?[0-9][0-9.,]*[0-9]|[0-9])"
        rf"(?:\s*(?P<unit>{units}){_OF_VIETNAM}(?![^\W\d_]))?{noted_unit(contract)}\.?\s*"
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


_WORDS_LEAD = re.compile(r"^(?:viết\s+)?bằng\s+chữ\s*[:：]?\s*", re.IGNORECASE)
_BULLETS = "-–+•*"
# Lines that only announce the parts to come: they do not end a group.
_CONNECTORS = frozenset({"trong đó", "gồm", "bao gồm", "cụ thể", "cụ thể như sau", "chi tiết"})


# Where a clause of the bracket after a figure starts: a separator, or the lead word of a note;
# in a table's words cell, also a bracket of its own ("Tám tỷ đồng (tương đương 385.000 USD)").
_CLAUSE = re.compile(
    r"[;,(]|(?<![^\W\d_])(?:tương\s+đương|quy\s+đổi|theo\s+tỷ\s+giá|tỷ\s+giá)(?![^\W\d_])",
    re.IGNORECASE,
)


# What separates the clauses kept before a currency note, and what may trail the words there.
_SEPARATOR = re.compile(r"[;,]|\s[-–—]\s")
_TRAILING = ",;:-–—( "


def amount_words(text: str | None) -> str | None:
    """The amount in words, without a lead-in such as "Bằng chữ:".

    A note naming another currency ("tương đương 1.000 USD", "quy đổi từ USD") is no amount
    in words: the words of a đồng amount never name a dollar. The words stop at the first
    clause that names one: "Tám tỷ đồng; tương đương 385.000 USD" are "Tám tỷ đồng".

    >>> amount_words("Bằng chữ: Tám tỷ đồng chẵn, theo tỷ giá USD")
    'Tám tỷ đồng chẵn'
    >>> amount_words("tương đương 1.000 USD") is None
    True
    >>> amount_words("Tám tỷ đồng - tương đương 385.000 USD")
    'Tám tỷ đồng'
    >>> amount_words("Tám tỷ, trong đó ODA 2 tỷ; 1 USD") is None
    True
    >>> amount_words("Tám tỷ, tám trăm triệu đồng (tương đương 385.000 USD)")
    'Tám tỷ, tám trăm triệu đồng'
    """
    if text is None:
        return None
    starts = [0, *(clause.start() for clause in _CLAUSE.finditer(text)), len(text)]
    cut = next(
        (a for a, b in itertools.pairwise(starts) if names_foreign_currency(text[a:b])),
        len(text),
    )
    kept = text[:cut]
    words = _WORDS_LEAD.sub("", kept.strip().rstrip(_TRAILING).strip()).strip()
    if (
        cut < len(text)
        and sum(1 for part in _SEPARATOR.split(kept) if part.strip()) > 1
        and not reads_as_words(words)
    ):
        return None  # side clauses before the note ("trong đó …"): which are the words is unknown
    return words or None


def reads_as_words(text: str) -> bool:
    """Whether `text` is an amount in words as a whole ("Tám tỷ, tám trăm … triệu đồng")."""
    try:
        parse_words(text)
    except WordsError:
        return False
    return True


# What follows a foreign figure in an exchange rate: "= 23.000 đồng" ("1 USD = 23.000 đồng").
_RATE = re.compile(r"\s*=\s*-?[0-9][0-9.,]*\s*(?:đồng|đ|vnđ|vnd)?(?![^\W\d_])\.?", re.IGNORECASE)
_ONE = re.compile(r"1(?:[.,]0+)?")  # a rate is given for one unit of the currency
Found = tuple[re.Match[str], str | None, str | None]  # a match, its unit, its foreign currency


def _matches(text: str, contract: StatementContract) -> Iterator[Found]:
    """Each statement in `text` with its unit, and the currency it is in when not the đồng.

    "0,35 triệu USD": a scale the pattern takes for a đồng unit may begin a foreign one; a
    currency may stand before the figure ("USD 350.000"); with no unit around the figure,
    the label may note one ("Vốn ODA (USD): 350.000"). The next statement starts after a
    foreign unit: "350.000 USD, trong đó ..." is no label "USD, ...".
    """
    pattern, start = statement_pattern(contract), 0
    while (match := pattern.search(text, start)) is not None:
        start, (unit, currency) = match.end(), figure_unit(match)
        after = text[match.end("figure") :]
        foreign = foreign_unit_after(after)
        rest = match.end("figure")
        if foreign is not None and (at := after.find(foreign[0])) >= 0:
            rest = match.end("figure") + at + len(foreign[0])
            start = max(start, rest)
        rate = _RATE.match(text, rest) if foreign or currency else None
        if rate is not None and _ONE.fullmatch(match["figure"]):
            start = rate.end()  # "1 USD = 23.000 đồng": an exchange rate, no amount of money
            continue
        foreign = foreign or (foreign_note(match["label"]) if unit is None else None)
        if foreign is not None:
            unit, currency = foreign
        yield match, unit, currency


def statements_in(place: Place, contract: StatementContract) -> list[Statement]:
    """Every money statement in one line or cell, in reading order."""
    found = []
    text = clean(place.text)
    bullet = text[0] if text and text[0] in _BULLETS else ""
    for match, unit, currency in _matches(text, contract):
        label = match["label"].strip(" -–+•*\t").strip()
        words = amount_words(match["words"])
        if not (unit or words or _is_money(label, contract)):
            continue
        found.append(
            Statement(
                row=place.row,
                label=label,
                figure=match["figure"],
                unit=unit,
                words=words,
                is_total=_is_total(label, contract),
                sheet=place.sheet,
                cell=place.cell,
                bullet=bullet,
                currency=currency,
            )
        )
    return found


def _is_connector(text: str) -> bool:
    return clean(text).strip(" :.-–").lower() in _CONNECTORS


def _neighbours(places: Sequence[Place]) -> dict[int, int]:
    """Each row with text mapped to the next one, skipping blank and "trong đó:" lines."""
    rows = sorted({p.row for p in places if p.text.strip() and not _is_connector(p.text)})
    return dict(itertools.pairwise(rows))


def group_statements(found: Sequence[Statement], places: Sequence[Place]) -> list[Statement]:
    """Number the groups: a total and its parts, the statements next to it without a gap.

    Parts usually follow their total ("trong đó: ..."), but may come first
    ("... Tổng cộng: ..."). Parts of parts (a second bullet style under a
    part: "- Ngân sách tỉnh ..., gồm: + ...") are not parts of the total.
    """
    following = _neighbours(places)
    grouped: list[Statement] = []
    group: int | None = None
    level: str | None = None
    for statement in found:
        last = grouped[-1] if grouped else None
        adjacent = last is not None and statement.row in {last.row, following.get(last.row)}
        if statement.is_total:
            group, level = len({s.group for s in grouped if s.group is not None}), None
            grouped = _adopt_preceding(grouped, group, statement.row, following)
        elif not adjacent:
            group, level = None, None
        if group is not None and not statement.is_total:
            level = statement.bullet if level is None else level
            if statement.bullet != level:
                grouped.append(replace(statement, group=None))
                continue
        grouped.append(replace(statement, group=group))
    return grouped


def _adopt_preceding(
    grouped: list[Statement], group: int, total_row: int, following: dict[int, int]
) -> list[Statement]:
    """Bulleted parts listed just before their total ("- ...", "- ...", "Tổng: ...") join it."""
    index, next_row = len(grouped), total_row
    while index > 0:
        previous = grouped[index - 1]
        if previous.group is not None or previous.is_total or not previous.bullet:
            break
        if next_row not in {previous.row, following.get(previous.row)}:
            break
        if index < len(grouped) and grouped[index].bullet != previous.bullet:
            break
        next_row, index = previous.row, index - 1
    return grouped[:index] + [replace(s, group=group) for s in grouped[index:]]


def find_statements(places: Iterable[Place], contract: StatementContract) -> list[Statement]:
    """The statements in `places` (lines or cells, in reading order), grouped."""
    places = list(places)
    found = [s for place in places for s in statements_in(place, contract)]
    return group_statements(found, places)


def lines_as_places(lines: Iterable[Line]) -> list[Place]:
    """A document's lines as places (no sheet, no cell)."""
    return [Place(line.number, line.text) for line in lines]
