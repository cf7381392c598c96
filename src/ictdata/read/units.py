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
    currency: str | None = None  # a currency other than the đồng it names ("USD"), if any


# Currencies other than the đồng, by the keys of the words that name them, with their ISO code.
# A table in one of them cannot be read as đồng at any scale: "nghìn USD" is not "nghìn đồng".
# Words that are also Vietnamese words or place names ("đô thị", "Yên Lập") are left out.
_FOREIGN_CURRENCIES = {
    "usd": "USD",
    "us$": "USD",
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
_CURRENCY_KEYS = {key(word): code for word, code in _FOREIGN_CURRENCIES.items()}
_LONGEST_NAME = max(len(word.split()) for word in _CURRENCY_KEYS)
# A unit that names the đồng as well ("triệu đồng (≈ 50.000 USD)") is a đồng unit written
# oddly, not a foreign one: it stays unrecognised.
_DONG_KEYS = frozenset(key(word) for word in ("đồng", "vnđ", "vnd"))


def foreign_currency(unit: str) -> str | None:
    """The ISO code of a currency other than the đồng that `unit` names, else None.

    >>> foreign_currency("nghìn USD"), foreign_currency("triệu đô la Mỹ"), foreign_currency("€")
    ('USD', 'USD', 'EUR')
    >>> foreign_currency("triệu đồng") is None, foreign_currency("trieu dong") is None
    (True, True)
    >>> foreign_currency("triệu đồng (tương đương 50.000 USD)") is None
    True
    """
    signs = [code for sign, code in _CURRENCY_SIGNS.items() if sign in unit]
    words = key(unit).split()
    if _DONG_KEYS.intersection(words):
        return None
    names = [
        _CURRENCY_KEYS[name]
        for size in range(_LONGEST_NAME, 0, -1)
        for start in range(len(words) - size + 1)
        if (name := " ".join(words[start : start + size])) in _CURRENCY_KEYS
    ]
    return next(iter(signs + names), None)


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
            multiplier = money_units.get(found["unit"])
            currency = None if multiplier is not None else foreign_currency(label)
            return StatedUnit(label, multiplier, f"{letter}{number}", currency)
    return None


def unit_note(rows: Rows, money_units: Mapping[str, int]) -> StatedUnit | None:
    """The first money unit noted in parentheses in a cell: "Tổng kinh phí (triệu đồng)".

    A note naming a foreign currency ("(nghìn USD)") is returned too, with no multiplier.
    """
    for number, texts in rows:
        for letter, text in texts.items():
            for note in _NOTE.findall(text):
                multiplier = money_units.get(key(note))
                currency = None if multiplier is not None else foreign_currency(note)
                if multiplier is not None or currency is not None:
                    return StatedUnit(clean(note), multiplier, f"{letter}{number}", currency)
    return None
