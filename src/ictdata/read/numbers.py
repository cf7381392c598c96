"""Vietnamese number text to exact integer đồng, vectorised in polars.

Thousands are grouped with "." and decimals marked with ",": "1.092" is one
thousand and ninety-two, "4,5" is four and a half, "1.092,5" both; a space
(NBSP, narrow NBSP) may group thousands too ("1 092"), and nothing else: "3 68"
is no number. A number beyond Int64 đồng is `too-large`, not `bad`. A numeric
spreadsheet cell is different: its stored value is a plain English decimal, so
the cells whose stored value has a fraction are flagged `is_float` by the
reader and read with "." as the decimal mark. Nothing here goes through a
float, so "1.092" can never silently become 1.092.
"""

from __future__ import annotations

from enum import StrEnum

import polars as pl

# Largest magnitude we accept, in đồng: keeps every product inside Int64.
_MAX_DIGITS = 18
_FRACTION_DIGITS = 9
_FRACTION_SCALE = 10**_FRACTION_DIGITS
BLANK_MARKS = ("", "-", "–", "—")  # a cell holding only these is empty
# Stripped text: a sign or brackets, and the number's body between them (its spaces, even
# one before ")", are judged below: a body ending in a digit made this 3x slower).
_BODY = r"[0-9][0-9.,\p{Zs}]*"
_SIGNED = rf"^(?:(-)?\s*({_BODY})|\(\s*({_BODY})\))$"
# Inside a body a space only groups thousands, one space (NBSP, narrow NBSP: any of
# Unicode's Zs) before each group of three: "1 092,5", never "3 68" or "12 34 5", which
# would read as one figure, nor a line break, which parts two.
_SPACE_GROUPS = r"[1-9][0-9]{0,2}(?:\p{Zs}[0-9]{3})+"
# A grouped number never starts with a 0 group: "0.500" is an English half, not 500.
_VIETNAMESE = (
    rf"^(?:[1-9][0-9]{{0,2}}(?:\.[0-9]{{3}})+|{_SPACE_GROUPS}|[0-9]+)(?:,[0-9]+)?\p{{Zs}}*$"
)
_ENGLISH = rf"^(?:{_SPACE_GROUPS}|[0-9]+)(?:\.[0-9]+)?\p{{Zs}}*$"
# Plain digits fit Int64 after any multiplier up to 10^9 when at most 9 long.
_PLAIN = r"^[0-9]{1,9}$"
# Thousands grouped with ".", at most 9 digits: as exact as plain digits once joined.
_GROUPED = r"^[1-9][0-9]{0,2}(?:\.[0-9]{3}){1,2}$"
_ORDER = "_parse_order"


class NumberStatus(StrEnum):
    """How a cell's text was read."""

    BLANK = "blank"
    OK = "ok"
    BAD = "bad"
    TOO_LARGE = "too-large"  # a number, but too large to hold in đồng (Int64)
    UNKNOWN = "unknown"  # a formula whose result is neither stored nor computable


# The statuses of text that gives no amount (`bad-number` or `number-too-large`).
UNREADABLE = (NumberStatus.BAD.value, NumberStatus.TOO_LARGE.value)


def parse_amounts(
    frame: pl.DataFrame | pl.LazyFrame,
    *,
    raw: str = "raw",
    is_float: str = "is_float",
    multiplier: str = "multiplier",
) -> pl.LazyFrame:
    """Add `amount_vnd` (Int64 đồng) and `number_status` to `frame`.

    `raw` holds the cell text, `is_float` marks numeric cells whose stored value
    has a fraction (English decimal point), `multiplier` is the table unit in
    đồng (1_000_000 for "triệu VNĐ"). Blank text, a lone dash and white space
    are blank; text that is not a number gets status "bad" and a null amount.
    Plain digits and blanks, most cells of a real table, take a short path;
    the rest go through the full Vietnamese reading. Row order is kept.

    >>> df = pl.DataFrame({"raw": ["1.092", "4,5", "1.092", " - ", "2OO"],
    ...                    "is_float": [False, False, True, False, False],
    ...                    "multiplier": [10**6] * 5})
    >>> parse_amounts(df).collect()["amount_vnd"].to_list()
    [1092000000, 4500000, 1092000, None, None]
    """
    lazy = frame.lazy().with_row_index(_ORDER)
    # Plain digits, and digits grouped with "." where the cell is not an English decimal,
    # are read by joining their digits; only the rest take the full reading.
    plain = pl.col(raw).str.contains(_PLAIN).fill_null(value=True) | (
        pl.col(raw).str.contains(_GROUPED).fill_null(value=False)
        & ~pl.col(is_float).fill_null(value=False)
    )
    lazy = lazy.with_columns(_plain=plain)
    # Only the other cells take the full reading, on a narrow frame joined back by row:
    # sorting the whole frame back into order would copy every column.
    slow = _parse_full(
        lazy.filter(~pl.col("_plain")).select(_ORDER, raw, is_float, multiplier),
        raw=raw,
        is_float=is_float,
        multiplier=multiplier,
    ).select(_ORDER, _status="number_status", _amount="amount_vnd")
    fast_status = (
        pl.when(pl.col(raw).is_null())
        .then(pl.lit(NumberStatus.BLANK.value))
        .otherwise(pl.lit(NumberStatus.OK.value))
    )
    return (
        lazy.join(slow, on=_ORDER, how="left", maintain_order="left")
        .with_columns(
            number_status=pl.when("_plain").then(fast_status).otherwise("_status"),
            amount_vnd=pl.when("_plain")
            .then(_joined_digits(raw) * pl.col(multiplier))
            .otherwise("_amount"),
        )
        .drop(_ORDER, "_plain", "_status", "_amount")
    )


def parse_cells(frame: pl.DataFrame, group: list[str], *, raw: str = "raw") -> pl.DataFrame:
    """`parse_amounts` of a large frame of cells, deciding English columns by `group`.

    Plain digits and blanks, most cells of a real table, are read where they are;
    only the other cells are read in full, and their results put back by position
    (no join, no sort of the whole frame). Plain cells never make a column English
    (`english_columns`), so deciding on the others alone gives the same answer.

    >>> df = pl.DataFrame({"col": ["F", "F", "G"], "raw": ["1.092", "4.5", "1.092"],
    ...                    "is_float": [False] * 3, "multiplier": [10**6] * 3})
    >>> parse_cells(df, ["col"])["amount_vnd"].to_list()
    [1092000, 4500000, 1092000000]
    """
    text = frame.get_column(raw)
    plain = text.str.contains(_PLAIN).fill_null(value=True)
    parsed = frame.with_columns(
        number_status=pl.when(pl.col(raw).is_null())
        .then(pl.lit(NumberStatus.BLANK.value))
        .otherwise(pl.lit(NumberStatus.OK.value)),
        amount_vnd=pl.col(raw).cast(pl.Int64, strict=False) * pl.col("multiplier"),
    )
    others = (~plain).arg_true()
    if others.is_empty():
        return parsed
    # The rest is read by `parse_amounts` (dot-grouped figures by their digits, the others
    # in full), once its columns are known to be English or not.
    # Only the columns the reading needs are gathered (not a batch's file names and the like).
    needed = frame.select(*dict.fromkeys([*group, raw, "is_float", "multiplier"]))
    rest = parse_amounts(
        needed[others].with_columns(is_float=english_columns(group, raw=raw)), raw=raw
    ).collect()
    return parsed.with_columns(
        parsed.get_column("number_status").scatter(others, rest.get_column("number_status")),
        parsed.get_column("amount_vnd").scatter(others, rest.get_column("amount_vnd")),
    )


def _joined_digits(raw: str) -> pl.Expr:
    """The digits of plain or dot-grouped text as an integer ("1.092" is 1092)."""
    return pl.col(raw).str.replace_all(".", "", literal=True).cast(pl.Int64, strict=False)


def _parse_full(
    frame: pl.DataFrame | pl.LazyFrame,
    *,
    raw: str = "raw",
    is_float: str = "is_float",
    multiplier: str = "multiplier",
) -> pl.LazyFrame:
    """The full reading of `parse_amounts`, for text that is not plain digits."""
    trimmed = pl.col(raw).str.strip_chars()
    parts = trimmed.str.extract_groups(_SIGNED)
    spaced = pl.coalesce(parts.struct.field("2"), parts.struct.field("3"))
    negative = parts.struct.field("1").is_not_null() | parts.struct.field("3").is_not_null()
    valid = (
        pl.when(pl.col(is_float))
        .then(spaced.str.contains(_ENGLISH))
        .otherwise(spaced.str.contains(_VIETNAMESE))
    )
    body = spaced.str.replace_all(r"\p{Zs}", "")
    english = (
        pl.when(pl.col(is_float))
        .then(body)
        .otherwise(body.str.replace_all(".", "", literal=True).str.replace(",", ".", literal=True))
    )
    whole = english.str.extract(r"^([0-9]+)").str.strip_chars_start("0")
    fraction = english.str.extract(r"\.([0-9]+)$").fill_null("")
    fits = whole.str.len_chars() + _digits_expr(multiplier) <= _MAX_DIGITS
    return (
        frame.lazy()
        .with_columns(
            _blank=trimmed.is_null() | trimmed.is_in(list(BLANK_MARKS)),
            _valid=valid.fill_null(value=False),
            _fits=fits.fill_null(value=False),
            _whole=whole.replace("", "0").cast(pl.Int64, strict=False),
            _fraction=fraction.str.pad_end(_FRACTION_DIGITS, "0")
            .str.slice(0, _FRACTION_DIGITS)
            .cast(pl.Int64, strict=False),
            _negative=negative.fill_null(value=False),
        )
        .with_columns(
            number_status=pl.when("_blank")
            .then(pl.lit(NumberStatus.BLANK.value))
            .when(pl.col("_valid") & pl.col("_fits"))
            .then(pl.lit(NumberStatus.OK.value))
            .when("_valid")
            .then(pl.lit(NumberStatus.TOO_LARGE.value))
            .otherwise(pl.lit(NumberStatus.BAD.value)),
            _magnitude=pl.col("_whole") * pl.col(multiplier)
            + (pl.col("_fraction") * pl.col(multiplier) + _FRACTION_SCALE // 2) // _FRACTION_SCALE,
        )
        .with_columns(
            amount_vnd=pl.when(pl.col("number_status") == NumberStatus.OK.value).then(
                pl.when("_negative").then(-pl.col("_magnitude")).otherwise("_magnitude")
            )
        )
        .drop("_blank", "_valid", "_fits", "_whole", "_fraction", "_negative", "_magnitude")
    )


def _digits_expr(multiplier: str) -> pl.Expr:
    return pl.col(multiplier).cast(pl.String).str.len_chars() - 1


def parse_amount(text: str | None, multiplier: int = 1, *, is_float: bool = False) -> int | None:
    """Read one cell's text as integer đồng; None when blank.

    Raises:
        ValueError: the text is not a number, or one too large for Int64 đồng.
            Hint: Vietnamese style groups thousands with "." (or a space) and
            marks decimals with ",".

    >>> parse_amount("1.092", 10**6)
    1092000000
    >>> parse_amount("(1.092,5)", 10**3)
    -1092500
    """
    frame = pl.DataFrame(
        {"raw": [text], "is_float": [is_float], "multiplier": [multiplier]},
        schema={"raw": pl.String, "is_float": pl.Boolean, "multiplier": pl.Int64},
    )
    row = parse_amounts(frame).collect().row(0, named=True)
    if row["number_status"] == NumberStatus.TOO_LARGE:
        msg = (
            f"{text!r} is too large to hold in đồng. Hint: check its unit; amounts up to "
            f"{_MAX_DIGITS} digits of đồng are read."
        )
        raise ValueError(msg)
    if row["number_status"] == NumberStatus.BAD:
        msg = (
            f"{text!r} is not a number. Hint: Vietnamese style groups thousands "
            'with "." and marks decimals with ",", as in 1.092,5.'
        )
        raise ValueError(msg)
    amount: int | None = row["amount_vnd"]
    return amount


def comma_thousandths(raw: str = "raw") -> pl.Expr:
    """What text written with a decimal comma and exactly three decimals says, in thousandths.

    "4,500" is 4500 and "1.092,000" 1092000: read as 4,5 and 1.092 they are as ambiguous as
    "1,092" (English thousands, or Vietnamese decimals), whatever their decimals end in.
    Null for any other text.

    >>> df = pl.DataFrame({"raw": ["4,500", "(1.092,000)", "4,5", "1.092", "4,5000"]})
    >>> df.select(comma_thousandths())["raw"].to_list()
    [4500, 1092000, None, None, None]
    """
    text = pl.col(raw).str.strip_chars()
    written = text.str.extract(r"^-?\(?\s*([1-9][0-9.\s]*,[0-9]{3}|0,[0-9]{3})\s*\)?$")
    return written.str.replace_all(r"[.,\s]", "").cast(pl.Int64, strict=False)


def english_columns(columns: list[str], raw: str = "raw") -> pl.Expr:
    """`is_float`, also True for "4.5"-style text in a column typed the English way.

    A column is English-style when some text in it cannot be Vietnamese ("4.5",
    "1092.0": a "." that does not group three digits) and none of it uses the
    Vietnamese decimal comma; then every "1.092" in it is one point zero nine
    two too. Decided per column (`columns` name the group), never per cell.
    """
    text = pl.col(raw).str.strip_chars()
    impossible = text.str.contains(r"^-?[0-9]+\.(?:[0-9]{1,2}|[0-9]{4,})$").fill_null(value=False)
    comma = text.str.contains(",").fill_null(value=False)
    # The max of 0/1 codes: a boolean's any() over groups is 3x slower on large batches.
    english = (impossible.cast(pl.UInt8).max().over(columns) == 1) & (
        comma.cast(pl.UInt8).max().over(columns) == 0
    )
    dotted = text.str.contains(r"^-?[0-9]+\.[0-9]+$").fill_null(value=False)
    return pl.col("is_float") | (english & dotted)


__all__ = [
    "BLANK_MARKS",
    "UNREADABLE",
    "NumberStatus",
    "comma_thousandths",
    "english_columns",
    "parse_amount",
    "parse_amounts",
    "parse_cells",
]
