"""ictdata.read.numbers: Vietnamese number text to exact integer đồng, never through a float."""

from __future__ import annotations

import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ictdata.read.numbers import (
    NumberStatus,
    comma_thousandths,
    english_columns,
    parse_amount,
    parse_amounts,
    parse_cells,
)

NBSP = "\u00a0"
DONG, NGHIN, TRIEU, TY = 1, 10**3, 10**6, 10**9
MULTIPLIERS = (DONG, NGHIN, TRIEU, TY)
STATUSES = {status.value for status in NumberStatus}


def parse(
    raws: list[str | None], *, is_float: bool = False, multiplier: int = TRIEU
) -> pl.DataFrame:
    frame = pl.DataFrame(
        {
            "raw": raws,
            "is_float": [is_float] * len(raws),
            "multiplier": [multiplier] * len(raws),
        },
        schema={"raw": pl.String, "is_float": pl.Boolean, "multiplier": pl.Int64},
    )
    return parse_amounts(frame).collect()


def one(
    raw: str | None, *, is_float: bool = False, multiplier: int = TRIEU
) -> tuple[str, int | None]:
    row = parse([raw], is_float=is_float, multiplier=multiplier).row(0, named=True)
    return row["number_status"], row["amount_vnd"]


def vietnamese(value: int, multiplier: int, *, parentheses: bool = False) -> str:
    """Write `value` đồng in units of `multiplier`, Vietnamese style: 1.092,5."""
    whole, rest = divmod(abs(value), multiplier)
    text = f"{whole:,}".replace(",", ".")
    places = len(str(multiplier)) - 1
    fraction = str(rest).rjust(places, "0").rstrip("0") if places else ""
    if fraction:
        text += "," + fraction
    if value < 0:
        return f"({text})" if parentheses else f"-{text}"
    return text


# ----------------------------------------------------------------------------- text cells


@pytest.mark.parametrize(
    ("raw", "multiplier", "expected"),
    [
        ("1.092", TRIEU, 1_092_000_000),
        ("1.092", DONG, 1092),
        ("8.603", TRIEU, 8_603_000_000),
        ("11.329", TRIEU, 11_329_000_000),
        ("11.329.000", DONG, 11_329_000),
        ("11.553.000.000", DONG, 11_553_000_000),
        ("368", TRIEU, 368_000_000),
        ("4,5", TRIEU, 4_500_000),
        ("8,8", TY, 8_800_000_000),
        ("1.092,5", NGHIN, 1_092_500),
        ("0,5", TRIEU, 500_000),
        ("1234", DONG, 1234),
        ("0", TRIEU, 0),
    ],
)
def test_vietnamese_text_reads_as_exact_dong(raw: str, multiplier: int, expected: int) -> None:
    assert one(raw, multiplier=multiplier) == (NumberStatus.OK, expected)


def test_grouped_thousands_are_never_a_decimal_point() -> None:
    status, amount = one("1.092", multiplier=DONG)
    assert (status, amount) == (NumberStatus.OK, 1092)
    assert amount != 1


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("-368", -368_000_000),
        ("(368)", -368_000_000),
        ("-1.092,5", -1_092_500_000),
        ("(1.092,5)", -1_092_500_000),
        ("- 368", -368_000_000),
    ],
)
def test_negative_amounts_keep_their_sign(raw: str, expected: int) -> None:
    assert one(raw) == (NumberStatus.OK, expected)


@pytest.mark.parametrize(
    "raw",
    [f"{NBSP}1.092{NBSP}", " 1.092 ", "1.092\n", "\t1.092", "1\u202f092"],
)
def test_white_space_and_nbsp_around_a_number_are_ignored(raw: str) -> None:
    assert one(raw) == (NumberStatus.OK, 1_092_000_000)


NARROW_NBSP = "\u202f"


@pytest.mark.parametrize(
    ("raw", "multiplier", "expected"),
    [
        ("1 092", TRIEU, 1_092_000_000),
        (f"1{NBSP}092", TRIEU, 1_092_000_000),
        (f"1{NARROW_NBSP}092", TRIEU, 1_092_000_000),
        ("12 345 678", DONG, 12_345_678),
        ("1 092,5", NGHIN, 1_092_500),
        (f" 11{NBSP}329 ", TRIEU, 11_329_000_000),
        ("(1 092)", TRIEU, -1_092_000_000),
        ("( 1 092,5 )", TRIEU, -1_092_500_000),
        ("- 1 092", TRIEU, -1_092_000_000),
        ("100 000", DONG, 100_000),
    ],
)
def test_white_space_may_group_thousands(raw: str, multiplier: int, expected: int) -> None:
    assert one(raw, multiplier=multiplier) == (NumberStatus.OK, expected)
    assert parse_amount(raw, multiplier) == expected


@pytest.mark.parametrize(
    "raw",
    [
        "3 68",  # was read as 368
        "12 34 5",  # was read as 12345
        "5 9",
        "89 12",
        "1 09",
        "1092 000",  # a first group of four digits
        "0 500",  # a 0 group first, as "0.500"
        "1  092",  # two spaces are no thousands separator
        f"1{NBSP} 092",
        "1.092 500",
        "1 092 ,5",
        "4, 5",
        "1 0 9 2",
        "1\n092",
    ],
)
def test_a_space_that_groups_no_thousands_is_bad(raw: str) -> None:
    assert one(raw) == (NumberStatus.BAD, None)
    assert one(raw, is_float=True) == (NumberStatus.BAD, None)
    with pytest.raises(ValueError, match="not a number"):
        parse_amount(raw)


def test_space_grouped_text_keeps_the_decimal_mark_of_its_column() -> None:
    assert one("1 092.500") == (NumberStatus.BAD, None)  # a dot after space groups
    assert one("1 092.5", is_float=True) == (NumberStatus.OK, 1_092_500_000)
    assert one("1 092,5", is_float=True) == (NumberStatus.BAD, None)


def test_spaced_text_is_judged_the_same_in_a_large_frame_of_plain_cells() -> None:
    raws = ["368", "3 68", "1 092", "12 34 5", "200", f"8{NBSP}603"]
    frame = pl.DataFrame(
        {"col": ["F"] * 6, "raw": raws, "is_float": [False] * 6, "multiplier": [TRIEU] * 6}
    )
    cells = parse_cells(frame, ["col"])
    assert cells.select("number_status", "amount_vnd").rows() == [
        ("ok", 368 * TRIEU),
        ("bad", None),
        ("ok", 1092 * TRIEU),
        ("bad", None),
        ("ok", 200 * TRIEU),
        ("ok", 8603 * TRIEU),
    ]


@pytest.mark.parametrize("raw", [None, "", " ", NBSP, "-", " - ", "–", "—", f"{NBSP}-{NBSP}"])
def test_empty_cells_and_lone_dashes_are_blank(raw: str | None) -> None:
    assert one(raw) == (NumberStatus.BLANK, None)


@pytest.mark.parametrize(
    "raw",
    [
        "2OO",  # letter O typed for zero
        "xin chào",
        "1.5",  # a dot before fewer than three digits groups nothing
        "12.34",
        "1,2,3",
        "1.092.",
        ".5",
        ",5",
        "5,",
        "1,092.5",  # English style in a text cell
        "--368",
        "+368",
        "(-368)",
        "368 triệu",
        "1e3",
        "#DIV/0!",
        "#N/A",
        "１２",  # full-width digits
    ],
)
def test_garbage_is_bad_never_zero(raw: str) -> None:
    assert one(raw) == (NumberStatus.BAD, None)


@pytest.mark.parametrize("raw", ["0.500", "0.001", "00.092"])
def test_a_leading_zero_group_is_not_vietnamese_grouping(raw: str) -> None:
    assert one(raw) == (NumberStatus.BAD, None)


# ----------------------------------------------------------------------------- numeric cells


@pytest.mark.parametrize(
    ("raw", "multiplier", "expected"),
    [
        ("1.092", TRIEU, 1_092_000),
        ("8603.5", TRIEU, 8_603_500_000),
        ("0.25", NGHIN, 250),
        ("-0.25", TRIEU, -250_000),
        ("0.00001", TY, 10_000),
        ("1.5", DONG, 2),  # half a đồng rounds away from zero
    ],
)
def test_float_cells_use_the_decimal_point(raw: str, multiplier: int, expected: int) -> None:
    assert one(raw, is_float=True, multiplier=multiplier) == (NumberStatus.OK, expected)


@pytest.mark.parametrize("raw", ["1,5", "1.092,5", "1.2.3", "1e3", "abc"])
def test_float_cells_reject_anything_but_an_english_decimal(raw: str) -> None:
    assert one(raw, is_float=True) == (NumberStatus.BAD, None)


def test_is_float_changes_only_its_own_row() -> None:
    frame = pl.DataFrame(
        {"raw": ["1.092", "1.092"], "is_float": [False, True], "multiplier": [TRIEU, TRIEU]}
    )
    amounts = parse_amounts(frame).collect()["amount_vnd"].to_list()
    assert amounts == [1_092_000_000, 1_092_000]


# ----------------------------------------------------------------------------- overflow


@pytest.mark.parametrize(
    ("raw", "multiplier", "expected"),
    [
        ("999.999.999", TY, 999_999_999 * TY),
        ("999.999.999.999.999.999", DONG, 999_999_999_999_999_999),
    ],
)
def test_the_largest_accepted_amounts_are_exact(raw: str, multiplier: int, expected: int) -> None:
    assert one(raw, multiplier=multiplier) == (NumberStatus.OK, expected)


@pytest.mark.parametrize(
    ("raw", "multiplier"),
    [
        ("9.999.999.999", TY),
        ("9223372036854775808", DONG),
        ("99999999999999999999999999", DONG),
        ("150000000000000000000", TRIEU),
    ],
)
def test_amounts_beyond_int64_are_too_large_not_wrapped(raw: str, multiplier: int) -> None:
    assert one(raw, multiplier=multiplier) == (NumberStatus.TOO_LARGE, None)
    if "." not in raw:  # an English reading of "9.999.999.999" is no number at all
        assert one(raw, multiplier=multiplier, is_float=True) == (NumberStatus.TOO_LARGE, None)
    with pytest.raises(ValueError, match="too large"):
        parse_amount(raw, multiplier)


@pytest.mark.parametrize(
    ("raw", "is_float"),
    [
        ("1000000000000000", True),  # 10^15 triệu, a numeric cell: 22 digits of đồng
        ("1.000.000.000.000.000", False),
        ("1 000 000 000 000 000", False),
        ("(1.000.000.000.000.000,5)", False),
        ("-1000000000000000.5", True),
    ],
)
def test_a_well_formed_number_beyond_int64_is_too_large(raw: str, *, is_float: bool) -> None:
    assert one(raw, is_float=is_float) == (NumberStatus.TOO_LARGE, None)


@pytest.mark.parametrize("raw", ["1000000000000000x", "1.000.000.000.000.00", "1 000 00 000"])
def test_long_garbage_is_bad_not_too_large(raw: str) -> None:
    assert one(raw) == (NumberStatus.BAD, None)


# ----------------------------------------------------------------------------- the frame


def test_parse_amounts_adds_two_columns_and_keeps_the_rest() -> None:
    frame = pl.DataFrame(
        {
            "cell": ["F5", "F6", "F7", "F8"],
            "raw": ["1.092", None, "2OO", "(368)"],
            "is_float": [False] * 4,
            "multiplier": [TRIEU] * 4,
        }
    )
    out = parse_amounts(frame.lazy()).collect()
    assert out.columns == ["cell", "raw", "is_float", "multiplier", "number_status", "amount_vnd"]
    assert out["cell"].to_list() == ["F5", "F6", "F7", "F8"]
    assert out["number_status"].to_list() == ["ok", "blank", "bad", "ok"]
    assert out["amount_vnd"].to_list() == [1_092_000_000, None, None, -368_000_000]
    assert out.schema["amount_vnd"] == pl.Int64


def test_parse_amounts_reads_the_multiplier_of_each_row() -> None:
    frame = pl.DataFrame(
        {"raw": ["1.092"] * 4, "is_float": [False] * 4, "multiplier": list(MULTIPLIERS)}
    )
    amounts = parse_amounts(frame).collect()["amount_vnd"].to_list()
    assert amounts == [1092, 1_092_000, 1_092_000_000, 1_092_000_000_000]


def test_parse_amounts_takes_other_column_names() -> None:
    frame = pl.DataFrame({"text": ["4,5"], "fractional": [False], "unit": [TY]})
    out = parse_amounts(frame, raw="text", is_float="fractional", multiplier="unit").collect()
    assert out["amount_vnd"].to_list() == [4_500_000_000]


def test_parse_amounts_of_no_rows_is_an_empty_frame() -> None:
    assert parse([]).height == 0


# ----------------------------------------------------------------------------- scalar


def test_parse_amount_returns_integer_dong() -> None:
    assert parse_amount("1.092", TRIEU) == 1_092_000_000
    assert parse_amount("(1.092,5)", NGHIN) == -1_092_500
    assert parse_amount("1.092", TRIEU, is_float=True) == 1_092_000


def test_parse_amount_defaults_to_dong() -> None:
    assert parse_amount("11.553.000.000") == 11_553_000_000


@pytest.mark.parametrize("raw", [None, "", NBSP, "-"])
def test_parse_amount_of_a_blank_is_none(raw: str | None) -> None:
    assert parse_amount(raw, TRIEU) is None


@pytest.mark.parametrize("raw", ["2OO", "xin chào", "1.5", "1,2,3", "9.999.999.999"])
def test_parse_amount_raises_value_error_on_garbage(raw: str) -> None:
    with pytest.raises(ValueError, match=r"\S"):
        parse_amount(raw, TY)


# ----------------------------------------------------------------------------- properties


@settings(max_examples=200)
@given(
    value=st.integers(min_value=-(10**18) + 1, max_value=10**18 - 1),
    multiplier=st.sampled_from(MULTIPLIERS),
    parentheses=st.booleans(),
)
def test_any_vietnamese_amount_reads_back_exactly(
    value: int, multiplier: int, *, parentheses: bool
) -> None:
    text = vietnamese(value, multiplier, parentheses=parentheses)
    assert parse_amount(text, multiplier) == value


def _units(multiplier: int) -> st.SearchStrategy[tuple[int, int]]:
    """A whole number of units small enough for the 18-digit cap, with its multiplier."""
    return st.tuples(
        st.integers(min_value=0, max_value=10**18 // multiplier - 1), st.just(multiplier)
    )


@settings(max_examples=200)
@given(
    units=st.sampled_from(MULTIPLIERS).flatmap(_units),
    padding=st.integers(min_value=0, max_value=3),
)
def test_trailing_decimal_zeros_change_nothing(units: tuple[int, int], padding: int) -> None:
    value, multiplier = units
    text = vietnamese(value * multiplier, multiplier)
    padded = f"{text},{'0' * (padding + 1)}"
    assert parse_amount(padded, multiplier) == value * multiplier


@settings(max_examples=200)
@given(units=st.sampled_from(MULTIPLIERS).flatmap(_units))
def test_a_numeric_cell_of_an_integer_reads_the_same_either_way(units: tuple[int, int]) -> None:
    value, multiplier = units
    as_text = parse_amount(str(value), multiplier)
    as_number = parse_amount(str(value), multiplier, is_float=True)
    assert as_text == as_number == value * multiplier


_NUMBERISH = st.text(alphabet="0123456789.,-() \u00a0–Oo", max_size=24)


@settings(max_examples=200)
@given(
    raws=st.lists(st.one_of(st.none(), st.text(max_size=30), _NUMBERISH), max_size=20),
    is_float=st.booleans(),
    multiplier=st.sampled_from(MULTIPLIERS),
)
def test_any_text_gives_a_status_and_an_amount_only_when_ok(
    raws: list[str | None], *, is_float: bool, multiplier: int
) -> None:
    out = parse(raws, is_float=is_float, multiplier=multiplier)
    assert out.height == len(raws)
    for status, amount in out.select("number_status", "amount_vnd").iter_rows():
        assert status in STATUSES
        assert (amount is not None) == (status == NumberStatus.OK)


_GROUPED_TEXT = st.integers(0, 10**13).map(lambda value: f"{value:,}".replace(",", "."))
_CELLS = st.one_of(
    st.none(), st.from_regex(r"[0-9]{1,12}", fullmatch=True), _GROUPED_TEXT, _NUMBERISH
)


@settings(max_examples=200)
@given(
    cells=st.lists(
        st.tuples(st.sampled_from("FGH"), _CELLS, st.booleans(), st.sampled_from(MULTIPLIERS)),
        max_size=30,
    )
)
def test_the_large_frame_reading_equals_the_reading_of_every_cell(
    cells: list[tuple[str, str | None, bool, int]],
) -> None:
    # parse_cells reads plain digits in place and only the rest in full, deciding
    # English columns on those alone: it must agree with the full reading of all cells.
    frame = pl.DataFrame(
        cells,
        schema={
            "column": pl.String,
            "raw": pl.String,
            "is_float": pl.Boolean,
            "multiplier": pl.Int64,
        },
        orient="row",
    )
    everything = parse_amounts(frame.with_columns(is_float=english_columns(["column"]))).collect()
    reading = ["number_status", "amount_vnd"]
    assert parse_cells(frame, ["column"]).select(reading).equals(everything.select(reading))


_SPACES = st.sampled_from([" ", NBSP, NARROW_NBSP])


@given(
    value=st.integers(min_value=-(10**18) + 1, max_value=10**18 - 1),
    multiplier=st.sampled_from(MULTIPLIERS),
    space=_SPACES,
    parentheses=st.booleans(),
)
def test_any_amount_grouped_by_spaces_reads_back_exactly(
    value: int, multiplier: int, space: str, *, parentheses: bool
) -> None:
    text = vietnamese(value, multiplier, parentheses=parentheses)
    whole, comma, fraction = text.partition(",")
    assert parse_amount(whole.replace(".", space) + comma + fraction, multiplier) == value


@given(
    digits=st.from_regex(r"[1-9][0-9]{1,14}", fullmatch=True),
    data=st.data(),
    space=_SPACES,
)
def test_a_space_anywhere_but_before_a_group_of_three_is_bad(
    digits: str, data: st.DataObject, space: str
) -> None:
    cut = data.draw(st.integers(1, len(digits) - 1).filter(lambda k: (len(digits) - k) % 3 != 0))
    assert one(digits[:cut] + space + digits[cut:]) == (NumberStatus.BAD, None)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("4,500", 4500),
        ("4,000", 4000),
        (" 1.092,500 ", 1_092_500),
        ("(1 092,500)", 1_092_500),
        ("-0,125", 125),
        ("4,5", None),
        ("4,50", None),
        ("4,5000", None),
        ("4.500", None),  # Vietnamese thousands, no decimals
        ("4500", None),
        (None, None),
    ],
)
def test_comma_thousandths_reads_three_written_decimals(
    raw: str | None, expected: int | None
) -> None:
    frame = pl.DataFrame({"raw": [raw]}, schema={"raw": pl.String})
    assert frame.select(comma_thousandths()).item() == expected
