"""Where a table states its money unit: a unit line ("Đơn vị tính: triệu VNĐ"), or a header note.

Shared by every template: the labels and the units come from its contract.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass

from ictdata.read.notes import outer_notes
from ictdata.read.split_unit_line import joined_unit_cells
from ictdata.text import clean, key

Rows = list[tuple[int, dict[str, str]]]
_NOTE = re.compile(r"\(([^()]*)\)")


@dataclass(frozen=True, slots=True)
class StatedUnit:
    """A unit as written, what it is in đồng (None when unknown), and its cell."""

    label: str
    multiplier: int | None
    cell: str
    currency: str | None = None  # a currency other than the đồng it names ("USD"), if any


# Currencies other than the đồng, by the keys of the words that name them, with their ISO code.
# A table in one of them cannot be read as đồng at any scale: "nghìn USD" is not "nghìn đồng".
# Words that are also Vietnamese words or place names ("đô thị", "Yên Lập") are left out.
_FOREIGN_CURRENCIES = {
    "usd": "USD",
    "us$": "USD",
    "us $": "USD",
    "đô la": "USD",
    "đôla": "USD",
    "đô la mỹ": "USD",
    "dollar": "USD",
    "dollars": "USD",
    "eur": "EUR",
    "euro": "EUR",
    "jpy": "JPY",
    "yên nhật": "JPY",
    "cny": "CNY",
    "rmb": "CNY",
    "nhân dân tệ": "CNY",
    "gbp": "GBP",
    "bảng anh": "GBP",
    "krw": "KRW",
    "won": "KRW",
    "aud": "AUD",
    "sgd": "SGD",
    "thb": "THB",
    "lak": "LAK",
    "khr": "KHR",
    "chf": "CHF",
    "cad": "CAD",
    "hkd": "HKD",
    "twd": "TWD",
}
_CURRENCY_SIGNS = {"$": "USD", "€": "EUR", "¥": "JPY", "£": "GBP", "₩": "KRW", "฿": "THB"}
_CURRENCY_KEYS = {key(word): code for word, code in _FOREIGN_CURRENCIES.items()} | _CURRENCY_SIGNS
# What may stand before a currency in a unit: its scale, in words or figures ("nghìn USD",
# "1.000 USD"). A unit is foreign only when it is a scale and a currency and nothing else:
# "triệu đ (1 USD = 23.000 đ)" or "tr.đ, quy đổi từ USD" are đồng units that mention a dollar.
_SCALES = ("nghìn", "ngàn", "triệu", "tỷ", "tỉ", "trăm")
_SCALE_WORDS = frozenset(key(word) for word in _SCALES)


# The đồng's own words, the short forms of "triệu đồng" ("Tr.đ", "trđ"), and the scales, as
# words of clean lower-case text (`key` moves tone marks, so it is not split into words).
_DONG_WORDS = frozenset({"đồng", "đ", "vnđ", "vnd"})
_MONEY_WORDS = _DONG_WORDS | {"tr", "trđ", *_SCALES}
_WORD = re.compile(r"[^\W\d_]+")


def _words(text: str) -> set[str]:
    return set(_WORD.findall(clean(text).lower()))


def names_dong(text: str) -> bool:
    """Whether a word of `text` is the đồng's name ("Tám tỷ đồng"; "đồng hồ" too).

    >>> names_dong("Tám tỷ đồng"), names_dong("Hai triệu VNĐ"), names_dong("350.000 USD")
    (True, True, False)
    """
    return not _DONG_WORDS.isdisjoint(_words(text))


def names_money(text: str) -> bool:
    """Whether a word of `text` names money or its scale: "Triệu đ", "triệu đồng/năm", "tỷ".

    >>> names_money("Triệu đ"), names_money("Tr.đ/năm"), names_money("Số máy tính")
    (True, True, False)
    """
    return not _MONEY_WORDS.isdisjoint(_words(text))


def foreign_currency(unit: str) -> str | None:
    """The ISO code of the currency other than the đồng that `unit` is, else None.

    A note in parentheses after it does not count ("USD (tỷ giá 23.000)" is in USD).

    >>> foreign_currency("nghìn USD"), foreign_currency("triệu đô la Mỹ"), foreign_currency("€")
    ('USD', 'USD', 'EUR')
    >>> foreign_currency("1.000 USD (tỷ giá 23.000 đ)"), foreign_currency("nghìn $")
    ('USD', 'USD')
    >>> foreign_currency("triệu đồng") is None, foreign_currency("trieu dong") is None
    (True, True)
    >>> foreign_currency("triệu đồng (tương đương 50.000 USD)") is None
    True
    >>> foreign_currency("triệu đ (1 USD = 23.000 đ)") is None
    True
    >>> foreign_currency("vốn ODA quy đổi từ USD") is None
    True
    """
    words = key(_NOTE.sub(" ", unit)).split()
    while words and (words[0] in _SCALE_WORDS or words[0].isdigit()):
        words = words[1:]
    return _CURRENCY_KEYS.get(" ".join(words))


# The longest unit a figure may be followed by: "triệu đô la Mỹ".
_UNIT_WORDS = 4
# Where the unit after a figure ends: a note, a clause, a rate ("USD/năm"), or its sentence's end.
_UNIT_END = re.compile(r"[(),;:/\n]|\.(?:\s|$)")
# A note right after a figure, or after a bare scale: "350.000 (USD)", "350 triệu (USD)".
_NOTED_UNIT = re.compile(r"^\s*(?P<unit>(?P<scale>[^\W\d_]+\s*)?\((?P<note>[^()]*)\))")


def foreign_unit_after(text: str) -> tuple[str, str] | None:
    """The foreign currency that `text`, what follows a figure, starts with, else None.

    Returned as written and as its ISO code; the longest unit wins.

    >>> foreign_unit_after(" nghìn USD (Ba trăm nghìn đô la)"), foreign_unit_after(" EUR.")
    (('nghìn USD', 'USD'), ('EUR', 'EUR'))
    >>> foreign_unit_after(" đồng (tương đương 1.000 USD)") is None
    True
    >>> foreign_unit_after(" triệu. Euro 2016 ...") is None
    True
    >>> foreign_unit_after(" USD/năm."), foreign_unit_after(" (USD).")
    (('USD', 'USD'), ('(USD)', 'USD'))
    >>> foreign_unit_after(" tỷ (€)")
    ('tỷ (€)', 'EUR')
    >>> foreign_unit_after(" triệu đồng (USD)") is None
    True
    """
    words = _UNIT_END.split(text, maxsplit=1)[0].split()[:_UNIT_WORDS]
    for size in range(len(words), 0, -1):
        unit = " ".join(words[:size]).rstrip(" .")
        if (code := foreign_currency(unit)) is not None:
            return unit, code
    return _noted_unit(text)


def _noted_unit(text: str) -> tuple[str, str] | None:
    """A currency noted in parentheses in the place of a figure's unit, or after its scale.

    After a đồng unit ("350 triệu đồng (USD)") such a note is no unit: the đồng is stated.
    """
    found = _NOTED_UNIT.match(text)
    if found is None or (found["scale"] and key(found["scale"]) not in _SCALE_WORDS):
        return None
    code = foreign_currency(found["note"])
    return (found["unit"], code) if code is not None else None


def foreign_note(text: str) -> tuple[str, str] | None:
    """The first note in parentheses that is a foreign currency: "Vốn ODA (nghìn USD)".

    >>> foreign_note("Vốn ODA (nghìn USD)"), foreign_note("Vốn vay (quy đổi từ USD)")
    (('nghìn USD', 'USD'), None)
    """
    for note in _NOTE.findall(text):
        if (code := foreign_currency(note)) is not None:
            return clean(note), code
    return None


def currency_names() -> tuple[str, ...]:
    """The words and signs naming a currency other than the đồng, in lower case, longest first.

    >>> names = currency_names()
    >>> names.index("us$") < names.index("$"), "đô la mỹ" in names
    (True, True)
    """
    return tuple(sorted({*_FOREIGN_CURRENCIES, *_CURRENCY_SIGNS}, key=len, reverse=True))


def names_foreign_currency(text: str) -> bool:
    """Whether `text` names a currency other than the đồng anywhere in it.

    >>> names_foreign_currency("tương đương 1.000 USD"), names_foreign_currency("quy đổi từ $")
    (True, True)
    >>> names_foreign_currency("Tám tỷ tám trăm năm mươi ba triệu đồng")
    False
    """
    if any(sign in text for sign in _CURRENCY_SIGNS):
        return True
    words = key(text).split()
    return any(
        " ".join(words[start : start + size]) in _CURRENCY_KEYS
        for size in range(1, _UNIT_WORDS)
        for start in range(len(words))
    )


def unit_line(
    rows: Rows,
    labels: Iterable[str],
    money_units: Mapping[str, int],
    abbreviations: Mapping[str, str],
    *,
    measures: Collection[str] = (),
) -> StatedUnit | None:
    """The first cell reading "<label>[:] <unit>", e.g. "ĐVT: triệu đồng".

    A line typed across cells ("ĐVT:" | "Phụ lục 01" | "triệu đồng") is read with the cell
    that reads as a unit: money, a foreign currency, or one of `measures` (keys of units
    that are no money, "%").
    """
    labels = tuple(labels)

    def reads_as_unit(text: str) -> int:
        """2 for a unit itself, 1 for a text that names money (a note may too), else 0."""
        if key(text, abbreviations) in money_units or key(text, abbreviations) in measures:
            return 2
        return int(names_money(text) or foreign_currency(text) is not None)

    rows = joined_unit_cells(rows, labels, abbreviations, reads_as_unit)
    names = "|".join(re.escape(key(label, abbreviations)) for label in labels)
    pattern = re.compile(f"^(?:{names}) (?P<unit>.+)$")
    for number, texts in rows:
        for letter, text in texts.items():
            found = pattern.match(key(text, abbreviations))
            if found is None:
                continue
            label = _unit_label(text)
            multiplier = money_units.get(found["unit"]) or _money_unit_noted(
                text, pattern, money_units, abbreviations
            )
            currency = None if multiplier is not None else foreign_currency(label)
            return StatedUnit(label, multiplier, f"{letter}{number}", currency)
    return _bare_unit_line(rows, money_units, abbreviations) or _unit_ending(
        rows, names, money_units, abbreviations
    )


def _unit_ending(
    rows: Rows, names: str, money_units: Mapping[str, int], abbreviations: Mapping[str, str]
) -> StatedUnit | None:
    """A unit line ending a longer cell, as a title's: "BẢNG TỔNG HỢP (ĐVT: triệu đồng)".

    Only "<label>: <unit>" at the very end of the cell counts, the unit being a money unit
    or a foreign currency, so that words such as "đơn vị tính toán" in a title are never
    taken for a unit.
    """
    pattern = re.compile(f" (?:{names}) (?P<unit>.+)$")
    for number, texts in rows:
        for letter, text in texts.items():
            found = pattern.search(key(text, abbreviations)) if ":" in text else None
            if found is None:
                continue
            label = _unit_label(":" + text.rsplit(":", 1)[1])
            # "(ĐVT: triệu đồng (VNĐ))": the unit is read without its own note, as on a line.
            bare = pattern.search(key(_NOTE.sub(" ", text), abbreviations))
            multiplier = money_units.get(found["unit"]) or (
                money_units.get(bare["unit"]) if bare else None
            )
            currency = None if multiplier is not None else foreign_currency(label)
            if multiplier is not None or currency is not None:
                return StatedUnit(label, multiplier, f"{letter}{number}", currency)
    return None


# "Đơn vị: nghìn đồng" states a unit too, but "Đơn vị" alone also heads the name of the unit
# that reports ("Đơn vị: Sở Nội vụ"): such a line counts only when a money unit follows.
_BARE_LABEL = re.compile(f"^{re.escape(key('đơn vị'))} (?P<unit>.+)$")


def _bare_unit_line(
    rows: Rows, money_units: Mapping[str, int], abbreviations: Mapping[str, str]
) -> StatedUnit | None:
    for number, texts in rows:
        for letter, text in texts.items():
            found = _BARE_LABEL.match(key(text, abbreviations))
            if found is None:
                continue
            multiplier = money_units.get(found["unit"]) or _money_unit_noted(
                text, _BARE_LABEL, money_units, abbreviations
            )
            if multiplier is not None:
                return StatedUnit(_unit_label(text), multiplier, f"{letter}{number}")
            # "Đơn vị: nghìn USD" is a unit too, in a currency other than the đồng.
            if (currency := foreign_currency(label := _unit_label(text))) is not None:
                return StatedUnit(label, None, f"{letter}{number}", currency)
    return None


def _unit_label(text: str) -> str:
    """The unit as written after the label's colon; "(triệu đồng)" unwrapped, "đồng (VNĐ)" kept."""
    label = clean(text).split(":", 1)[-1].strip(" ./") if ":" in text else clean(text)
    # The line's own brackets ("(ĐVT: tỷ đồng)") go; a note's ("đồng (VNĐ)") stay.
    while label.endswith(")") and label.count(")") > label.count("("):
        label = label[:-1].strip(" ./")
    while label.startswith("(") and label.count("(") > label.count(")"):
        label = label[1:].strip(" ./")
    while _NOTE.fullmatch(label):
        label = label[1:-1].strip(" ./")
    return label


def _money_unit_noted(
    text: str,
    pattern: re.Pattern[str],
    money_units: Mapping[str, int],
    abbreviations: Mapping[str, str],
) -> int | None:
    """The money unit of a unit line whose unit has a note after it.

    "đồng (VNĐ)" is the đồng, "triệu đồng (≈ 2.000 USD)" the triệu đồng.
    """
    found = pattern.match(key(_NOTE.sub(" ", text), abbreviations))
    return None if found is None else money_units.get(found["unit"])


def unit_note(rows: Rows, money_units: Mapping[str, int]) -> StatedUnit | None:
    """The money unit noted in parentheses in a cell: "Tổng kinh phí (triệu đồng)".

    The first đồng unit noted; failing one, the first note that is a foreign currency
    ("(nghìn USD)"), returned with no multiplier. A title that notes where money came
    from ("(vốn ODA quy đổi từ USD)") is no unit.
    """
    foreign = None
    for number, texts in rows:
        for letter, text in texts.items():
            for note in outer_notes(text):  # "(triệu đồng (VNĐ))" is triệu đồng, not "VNĐ"
                if (multiplier := money_units.get(key(note))) is not None:
                    return StatedUnit(clean(note), multiplier, f"{letter}{number}")
                if foreign is None and (currency := foreign_currency(note)) is not None:
                    foreign = StatedUnit(clean(note), None, f"{letter}{number}", currency)
    return foreign
