"""Amounts in Vietnamese words, read to exact integers and written back.

Formal documents repeat a figure in words, in parentheses after it:
"11.553.000.000 đồng (Mười một tỷ, năm trăm năm mươi ba triệu đồng)". A checker
compares the two, so the words must be read exactly, and text that is not an
amount is an error (`WordsError`), never a silent 0.

The standard written form, which `to_words` writes and `parse_words` reads:

- Digits không, một, hai, ba, bốn, năm, sáu, bảy, tám, chín; 10 is "mười",
  11-19 "mười" + digit, 20-90 digit + "mươi".
- After "mươi" 1 is "mốt", 4 "tư" and 5 "lăm"; after "mười" 5 is "lăm" while
  1 stays "một" and 4 "bốn" (11 "mười một", 14 "mười bốn").
- A zero tens digit is "linh" (north) or "lẻ" (south), and the digit after it
  keeps its plain form: 105 is "một trăm linh năm".
- Three-digit groups take a scale word: nghìn (10³), triệu (10⁶), tỷ (10⁹).
  Above tỷ the multiplier is itself an amount: 10¹² "một nghìn tỷ", 10¹⁵
  "một triệu tỷ".
- Zero groups are skipped (1.000.000 "một triệu"); every group after the first
  one written is spoken with its hundreds, zero hundreds included: 1.092 "một
  nghìn không trăm chín mươi hai", 1.000.005 "một triệu không trăm linh năm",
  2.005.000 "hai triệu không trăm linh năm nghìn", 1.000.000.005 "một tỷ không
  trăm linh năm".

`parse_words` also reads the variants people write; its docstring lists them.
"""

from __future__ import annotations

import functools
import string
import unicodedata
from dataclasses import dataclass
from typing import Final, Literal, NamedTuple, cast

import polars as pl

from ictdata.errors import IctdataError
from ictdata.text import TONE_MARKS

__all__ = ["WordsError", "parse_words", "parse_words_series", "to_words"]

# Word kinds.
_DIGIT: Final = 0
_TEN: Final = 1  # "mười", 10
_TENS: Final = 2  # "mươi", after a tens digit
_HUNDRED: Final = 3  # "trăm"
_ZERO_TENS: Final = 4  # "linh", "lẻ"
_SCALE: Final = 5  # nghìn, triệu, tỷ; the value is the power of ten
_MINUS: Final = 6  # "âm"
_UNIT: Final = 7  # "đồng", "VNĐ"
_EVEN: Final = 8  # "chẵn"

# Places a digit word may stand in (bit flags): a digit has several spellings,
# and each is right only in some places ("mốt" after "mươi", never alone).
_PLAIN: Final = 1  # alone, before "trăm", before "mươi"
_AFTER_TENS: Final = 2  # after "mươi"
_AFTER_TEN: Final = 4  # after "mười"
_AFTER_ZERO: Final = 8  # after "linh" / "lẻ"
_SHORT: Final = 16  # alone after a scale word or "trăm": a tenth of it ("một triệu tư")
_EVERYWHERE: Final = _PLAIN | _AFTER_TENS | _AFTER_TEN | _AFTER_ZERO | _SHORT
_NOT_ALONE: Final = _EVERYWHERE & ~_PLAIN

_BILLION_POWER: Final = 9
_BILLION: Final = 10**_BILLION_POWER
_LIMIT: Final = 10**18
_FINAL_MARKS: Final = ".;:!?/)"
_LOOK_ALIKES: Final = str.maketrans({"ð": "đ"})  # Icelandic eth typed for đ


class _Word(NamedTuple):
    kind: int
    value: int
    places: int = 0


_VOCABULARY: Final[dict[str, _Word]] = {
    "không": _Word(_DIGIT, 0, _PLAIN),
    "một": _Word(_DIGIT, 1, _EVERYWHERE),
    "mốt": _Word(_DIGIT, 1, _AFTER_TENS | _SHORT),
    "hai": _Word(_DIGIT, 2, _EVERYWHERE),
    "ba": _Word(_DIGIT, 3, _EVERYWHERE),
    "bốn": _Word(_DIGIT, 4, _EVERYWHERE),
    "tư": _Word(_DIGIT, 4, _NOT_ALONE),
    "năm": _Word(_DIGIT, 5, _EVERYWHERE & ~_AFTER_TEN),
    "lăm": _Word(_DIGIT, 5, _AFTER_TENS | _AFTER_TEN),
    "nhăm": _Word(_DIGIT, 5, _AFTER_TENS | _AFTER_TEN),
    "rưỡi": _Word(_DIGIT, 5, _SHORT),
    "rưởi": _Word(_DIGIT, 5, _SHORT),
    "sáu": _Word(_DIGIT, 6, _EVERYWHERE),
    "bảy": _Word(_DIGIT, 7, _EVERYWHERE),
    "bẩy": _Word(_DIGIT, 7, _EVERYWHERE),
    "tám": _Word(_DIGIT, 8, _EVERYWHERE),
    "chín": _Word(_DIGIT, 9, _EVERYWHERE),
    "mười": _Word(_TEN, 10),
    "mươi": _Word(_TENS, 0),
    "trăm": _Word(_HUNDRED, 100),
    "linh": _Word(_ZERO_TENS, 0),
    "lẻ": _Word(_ZERO_TENS, 0),
    "nghìn": _Word(_SCALE, 3),
    "ngàn": _Word(_SCALE, 3),
    "triệu": _Word(_SCALE, 6),
    "tỷ": _Word(_SCALE, _BILLION_POWER),
    "tỉ": _Word(_SCALE, _BILLION_POWER),
    "âm": _Word(_MINUS, 0),
    "đồng": _Word(_UNIT, 0),
    "vnđ": _Word(_UNIT, 0),
    "vnd": _Word(_UNIT, 0),
    "chẵn": _Word(_EVEN, 0),
}


def _canonical(word: str) -> str:
    """Decompose `word` and move its tone mark to the end: both placements agree."""
    decomposed = unicodedata.normalize("NFD", word.translate(_LOOK_ALIKES))
    bare = "".join(ch for ch in decomposed if ch not in TONE_MARKS)
    return bare + "".join(ch for ch in decomposed if ch in TONE_MARKS)


# Each word of the vocabulary is coded as one character: a text becomes a short
# code string, whose slices key the cache of group values.
_CODES: Final = dict(zip(_VOCABULARY, string.ascii_letters[: len(_VOCABULARY)], strict=True))
_ENTRIES: Final = {_CODES[word]: entry for word, entry in _VOCABULARY.items()}
_CODES_BY_CANONICAL: Final = {_canonical(word): code for word, code in _CODES.items()}
_SCALES: Final = frozenset(code for code, entry in _ENTRIES.items() if entry.kind == _SCALE)
_ZERO: Final = _CODES["không"]


class WordsError(IctdataError, ValueError):
    """Text that is not an amount in words.

    Attributes:
        word: The first offending word as written in `text` ("" when the text
            has no words at all).
        text: The text given.
    """

    def __init__(self, word: str, text: str) -> None:
        """Record the offending `word` of `text`."""
        self.word = word
        self.text = text
        where = f"{word!r} cannot stand there" if word else "it has no words"
        hint = 'write it as in "một nghìn không trăm chín mươi hai đồng".'
        super().__init__(f"{text!r} is not an amount in words: {where}. Hint: {hint}")


class _RejectedError(Exception):
    """Internal: the grammar rejects the word at `position` (None: there are no words)."""

    def __init__(self, position: int | None) -> None:
        super().__init__(position)
        self.position = position


def _written_words(text: str) -> list[str]:
    """Split `text` into words as written: commas, parentheses and final marks dropped."""
    words = text.replace(",", " ").split()
    if words and words[-1][-1] in _FINAL_MARKS:
        while words and not words[-1].rstrip(_FINAL_MARKS):
            words.pop()
        if words:
            words[-1] = words[-1].rstrip(_FINAL_MARKS)
    if words and words[0][0] == "(":
        while words and not words[0].lstrip("("):
            words.pop(0)
        if words:
            words[0] = words[0].lstrip("(")
    return words


def _encode(words: list[str]) -> str:
    """The code string of casefolded `words`; _RejectedError at the first unknown word."""
    codes = list(map(_CODES.get, words))
    if None in codes:  # NFD text, the other tone-mark placement, or not an amount word
        codes = [code or _code_canonical(words, position) for position, code in enumerate(codes)]
    return "".join(cast("list[str]", codes))


def _code_canonical(words: list[str], position: int) -> str:
    word = words[position]
    code = _CODES.get(unicodedata.normalize("NFC", word)) or _CODES_BY_CANONICAL.get(
        _canonical(word)
    )
    if code is None:
        raise _RejectedError(position)
    return code


# The grammar reads entries[lo:hi] and rejects a word by its position.


def _unit_digit(entries: list[_Word], lo: int, hi: int, place: int) -> int:
    """The single non-zero digit entries[lo:hi] must be, spelled as `place` allows."""
    if lo == hi:
        return 0
    first = entries[lo]
    if first.kind != _DIGIT or not first.places & place or first.value == 0:
        raise _RejectedError(lo)
    if hi - lo > 1:
        raise _RejectedError(lo + 1)
    return first.value


def _tens_and_units(
    entries: list[_Word], lo: int, hi: int, *, after_hundreds: bool, leading: bool
) -> int:
    """Value (0-99) of the words after a group's hundreds."""
    if lo == hi:
        return 0
    first = entries[lo]
    if first.kind == _TEN:
        return 10 + _unit_digit(entries, lo + 1, hi, _AFTER_TEN)
    if first.kind == _ZERO_TENS and (after_hundreds or not leading) and hi - lo > 1:
        return _unit_digit(entries, lo + 1, hi, _AFTER_ZERO)
    if first.kind != _DIGIT:
        raise _RejectedError(lo)
    if hi - lo > 1 and entries[lo + 1].kind == _TENS:
        # "một mươi", "không mươi", "tư mươi": 10 is "mười", 40 "bốn mươi".
        if not first.places & _PLAIN or first.value <= 1:
            raise _RejectedError(lo)
        return 10 * first.value + _unit_digit(entries, lo + 2, hi, _AFTER_TENS)
    if hi - lo > 1:
        raise _RejectedError(lo + 1)
    if after_hundreds:  # "một trăm rưởi" = 150, "hai trăm năm" = 250
        return 10 * _unit_digit(entries, lo, hi, _SHORT)
    return _unit_digit(entries, lo, hi, _PLAIN)


def _group(entries: list[_Word], lo: int, hi: int, *, leading: bool) -> int:
    """Value (1-999) of one three-digit group; `leading` for the amount's first group."""
    hundreds, start = 0, lo
    if hi - lo > 1 and entries[lo + 1].kind == _HUNDRED and entries[lo].kind == _DIGIT:
        digit = entries[lo]
        if not digit.places & _PLAIN or (leading and digit.value == 0):
            raise _RejectedError(lo)
        hundreds, start = digit.value, lo + 2
    elif hi > lo and entries[lo].kind == _HUNDRED and leading:  # "trăm nghìn" = 100.000
        hundreds, start = 1, lo + 1
    tail = _tens_and_units(entries, start, hi, after_hundreds=start > lo, leading=leading)
    if hundreds == 0 and tail == 0:
        raise _RejectedError(lo)
    return 100 * hundreds + tail


# Values of the groups read so far by code string, indexed by `leading`: [True] for
# an amount's first group, [False] for the others. Only valid groups are stored,
# and there are a few thousand at most.
_GROUP_VALUES: Final[tuple[dict[str, int], dict[str, int]]] = ({}, {})


def _group_value(codes: str, lo: int, hi: int, *, leading: bool) -> int:
    """Value of the group codes[lo:hi], from the cache when it was read before."""
    key = codes[lo:hi]
    value = _GROUP_VALUES[leading].get(key)
    if value is None:
        try:
            value = _group([_ENTRIES[code] for code in key], 0, hi - lo, leading=leading)
        except _RejectedError as rejected:
            raise _RejectedError(lo + (rejected.position or 0)) from None
        _GROUP_VALUES[leading][key] = value
    return value


@dataclass(slots=True)
class _Reader:
    """Reads an amount left to right, closing a group at each scale word."""

    codes: str
    group_start: int  # where the group being read begins
    above: int = 0  # the part already multiplied by tỷ
    part: int = 0  # the part below tỷ read so far
    last_power: int = _BILLION_POWER  # scales must decrease within a part
    unit: int = 0  # value of the scale words just read, for "một triệu tư"
    started: bool = False
    billion_seen: bool = False

    def take_group(self, stop: int) -> int:
        """Value of the group from `group_start` to the word at `stop`."""
        value = _group_value(self.codes, self.group_start, stop, leading=not self.started)
        self.started, self.group_start = True, stop + 1
        return value

    def scale(self, position: int) -> None:
        """Close the group before the scale word at `position`."""
        power = _ENTRIES[self.codes[position]].value
        if power == _BILLION_POWER:
            self.billion(position)
            return
        if position == self.group_start or power >= self.last_power:
            raise _RejectedError(position)  # "triệu nghìn", "nghìn nghìn", "nghìn triệu"
        self.part += self.take_group(position) * 10**power
        self.last_power, self.unit = power, 10**power

    def billion(self, position: int) -> None:
        """Close the part before "tỷ": all read so far is multiplied by 10⁹."""
        pending = position > self.group_start
        if self.billion_seen or not (pending or self.part):
            raise _RejectedError(position)
        # "nghìn tỷ" and "triệu tỷ" act as one scale word.
        self.unit = _BILLION if pending else self.unit * _BILLION
        self.part += self.take_group(position) if pending else 0
        self.above, self.part, self.group_start = self.part * _BILLION, 0, position + 1
        self.last_power, self.billion_seen = _BILLION_POWER, True

    def finish(self, stop: int) -> int:
        """Read the last group (or a short form's digit) and return the amount."""
        if stop - self.group_start == 1 and self.unit:
            last = _ENTRIES[self.codes[self.group_start]]
            if last.places & _SHORT:
                return self.above + self.part + last.value * self.unit // 10
        if stop > self.group_start:
            self.part += self.take_group(stop)
        return self.above + self.part


def _amount(codes: str, start: int, stop: int) -> int:
    """Value of codes[start:stop], an amount without sign and unit."""
    if stop - start == 1 and codes[start] == _ZERO:
        return 0
    reader = _Reader(codes, start)
    for position in range(start, stop):
        if codes[position] in _SCALES:
            reader.scale(position)
    return reader.finish(stop)


def _core(codes: str) -> tuple[int, int, int]:
    """Sign, start and stop of the amount: a leading "âm", a final unit and "chẵn" left out."""
    if not codes:
        raise _RejectedError(None)
    stop = len(codes)
    if _ENTRIES[codes[stop - 1]].kind == _EVEN:
        stop -= 1
    if stop and _ENTRIES[codes[stop - 1]].kind == _UNIT:
        stop -= 1
    start = 1 if _ENTRIES[codes[0]].kind == _MINUS else 0
    if start >= stop:  # "đồng", "âm" alone
        raise _RejectedError(0)
    return (-1 if start else 1), start, stop


def parse_words(text: str) -> int:
    """Exact integer value of an amount written in Vietnamese words.

    Reads the standard form (see the module) and these variants: any case;
    NFC or NFD text and either tone-mark placement; runs of spaces and NBSP;
    commas between groups; one opening parenthesis and final marks (".", "./.",
    ")", ...); a trailing "đồng", "VNĐ" or "VND", then "chẵn"; a leading "âm"
    (negative); ngàn, tỉ, bẩy; after "mươi" một/mốt, bốn/tư, năm/lăm/nhăm;
    "mười tư", "mười nhăm"; "linh tư"; zero hundreds left out after the first
    group ("một nghìn lẻ năm" = 1.005, "một nghìn chín mươi hai" = 1.092); "trăm"
    with no digit first ("trăm nghìn"); and the short colloquial form in which a
    lone digit (or "rưỡi"/"rưởi", a half) after a scale word or "trăm" is a
    tenth of it: "một triệu tư" = 1.400.000, "hai nghìn rưỡi" = 2.500,
    "một trăm rưởi" = 150, "ba triệu mốt" = 3.100.000, "một nghìn tỷ rưỡi" =
    1.500 tỷ ("nghìn tỷ" and "triệu tỷ" count as one scale word).

    Args:
        text: The words, as written.

    Returns:
        The amount in its unit (đồng when the text says "đồng").

    Raises:
        WordsError: The text is empty, has a word that is not part of amounts,
            or has one where it cannot stand (scale words misplaced or in
            increasing order, two digits in a row, "mươi" with no digit before
            it). `.word` is that word as written.

    >>> parse_words("Mười một tỷ, năm trăm năm mươi ba triệu đồng")
    11553000000
    >>> parse_words("một nghìn không trăm chín mươi hai")
    1092
    >>> try:
    ...     parse_words("xin chào")
    ... except WordsError as error:
    ...     error.word
    'xin'
    """
    try:
        codes = _encode(_written_words(text.casefold()))
        sign, start, stop = _core(codes)
        return sign * _amount(codes, start, stop)
    except _RejectedError as rejected:
        # Casefolding keeps spaces and punctuation: the words as written align.
        words = _written_words(text)
        word = "" if rejected.position is None else words[rejected.position]
        raise WordsError(word, text) from None


# ----------------------------------------------------------------------------- writing

_DIGIT_WORDS: Final = ("không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín")
_CHOICES: Final[dict[str, tuple[str, ...]]] = {
    "zero_tens": ("linh", "lẻ"),
    "thousand": ("nghìn", "ngàn"),
    "billion": ("tỷ", "tỉ"),
    "four": ("tư", "bốn"),
    "five": ("lăm", "nhăm"),
    "one": ("mốt", "một"),
}


@dataclass(frozen=True, slots=True, eq=False)  # hashed by identity: _style caches them
class _Style:
    zero_tens: str
    thousand: str
    after_ten: tuple[str, ...]  # unit words after "mười"
    after_tens: tuple[str, ...]  # unit words after "mươi"


@functools.cache
def _style(*chosen: str) -> _Style:
    """The words to write with, for choices given in the order of `_CHOICES`."""
    choices = dict(zip(_CHOICES, chosen, strict=True))
    for name, chosen_word in choices.items():
        if chosen_word not in _CHOICES[name]:
            msg = f"{name}={chosen_word!r} is not one of {_CHOICES[name]}. Hint: use one of those."
            raise ValueError(msg)
    after_ten = (*_DIGIT_WORDS[:5], choices["five"], *_DIGIT_WORDS[6:])
    after_tens = (
        "",
        choices["one"],
        *_DIGIT_WORDS[2:4],
        choices["four"],
        choices["five"],
        *_DIGIT_WORDS[6:],
    )
    return _Style(choices["zero_tens"], choices["thousand"], after_ten, after_tens)


@functools.cache  # at most 2 * 999 groups for each of the 64 styles
def _group_words(group: int, style: _Style, *, full: bool) -> tuple[str, ...]:
    """Words of one group (1-999); `full` writes zero hundreds ("không trăm")."""
    hundreds, rest = divmod(group, 100)
    tens, units = divmod(rest, 10)
    words = [_DIGIT_WORDS[hundreds], "trăm"] if hundreds or full else []
    if tens == 0 and units:
        words += [style.zero_tens, _DIGIT_WORDS[units]] if words else [_DIGIT_WORDS[units]]
    elif tens == 1:
        words += ["mười", style.after_ten[units]] if units else ["mười"]
    elif tens:
        words += [_DIGIT_WORDS[tens], "mươi"]
        if units:
            words.append(style.after_tens[units])
    return tuple(words)


def _below_billion(number: int, style: _Style, *, leading: bool) -> list[str]:
    """Words of 1 <= number < 10⁹; `leading` when nothing is written before it."""
    words: list[str] = []
    groups = ((number // 10**6, "triệu"), (number // 1000 % 1000, style.thousand))
    for group, scale in (*groups, (number % 1000, "")):
        if group:
            words += _group_words(group, style, full=not leading)
            leading = False
            if scale:
                words.append(scale)
    return words


def to_words(  # noqa: PLR0913  one keyword per dialect choice
    number: int,
    *,
    zero_tens: Literal["linh", "lẻ"] = "linh",
    thousand: Literal["nghìn", "ngàn"] = "nghìn",
    billion: Literal["tỷ", "tỉ"] = "tỷ",
    four: Literal["tư", "bốn"] = "tư",
    five: Literal["lăm", "nhăm"] = "lăm",
    one: Literal["mốt", "một"] = "mốt",
) -> str:
    """Write a non-negative integer below 10¹⁸ in words, lower case, without a unit.

    Follows the standard form of the module docstring; groups are joined by
    spaces, without commas. `four`, `one` and `five` choose the unit word after
    "mươi" (and `five` after "mười" too); elsewhere 1, 4 and 5 are một, bốn, năm.

    Args:
        number: The amount, 0 <= number < 10**18.
        zero_tens: Word for a zero tens digit before a unit ("linh" or "lẻ").
        thousand: Word for 10³.
        billion: Word for 10⁹.
        four: 4 after "mươi".
        five: 5 after "mươi" and "mười".
        one: 1 after "mươi".

    Returns:
        The words, NFC, lower case.

    Raises:
        ValueError: `number` is negative or too large, or a choice is unknown.

    >>> to_words(1092)
    'một nghìn không trăm chín mươi hai'
    >>> to_words(11_553_000_000)
    'mười một tỷ năm trăm năm mươi ba triệu'
    >>> to_words(2_005_000, zero_tens="lẻ", thousand="ngàn")
    'hai triệu không trăm lẻ năm ngàn'
    """
    if isinstance(number, bool) or not 0 <= number < _LIMIT:
        msg = f"{number!r} cannot be written. Hint: give an int with 0 <= number < 10**18."
        raise ValueError(msg)
    style = _style(zero_tens, thousand, billion, four, five, one)
    if number == 0:
        return _DIGIT_WORDS[0]
    high, low = divmod(number, _BILLION)
    words = [*_below_billion(high, style, leading=True), billion] if high else []
    if low:
        words += _below_billion(low, style, leading=not high)
    return " ".join(words)


# ----------------------------------------------------------------------------- columns


def _outcome(text: str) -> tuple[int | None, str | None]:
    """(value, None) for an amount, (None, offending word) otherwise."""
    try:
        return parse_words(text), None
    except WordsError as error:
        return None, error.word


def parse_words_series(texts: pl.Series) -> pl.DataFrame:
    """Read a column of amounts in words: one parse per distinct text.

    Args:
        texts: String (or Categorical, or all-null) Series.

    Returns:
        A frame of the same height, in the same order, with `value` (Int64, null
        when the text is not an amount) and `error_word` (String: the first
        offending word as `WordsError.word` gives it, "" for a text with no
        words, null when the text is an amount). A null text gives nulls in both.

    Raises:
        TypeError: `texts` holds neither strings nor nulls.

    >>> parse_words_series(pl.Series(["hai mươi mốt", "xin chào", None])).rows()
    [(21, None), (None, 'xin'), (None, None)]
    """
    if texts.dtype not in (pl.String, pl.Categorical, pl.Null) and not isinstance(
        texts.dtype, pl.Enum
    ):
        msg = f"texts is {texts.dtype}, not text. Hint: cast the column to pl.String."
        raise TypeError(msg)
    strings = texts.cast(pl.String)
    distinct = strings.drop_nulls().unique()
    outcomes = [_outcome(text) for text in distinct.to_list()]
    table = pl.DataFrame(
        {
            "text": distinct,
            "value": [value for value, _ in outcomes],
            "error_word": [word for _, word in outcomes],
        },
        schema={"text": pl.String, "value": pl.Int64, "error_word": pl.String},
    )
    return (
        strings.rename("text")
        .to_frame()
        .join(table, on="text", how="left", maintain_order="left")
        .select("value", "error_word")
    )
