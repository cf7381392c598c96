"""Cleaning only the cells that need it gives what cleaning every cell gave."""

from __future__ import annotations

import re
import sys
import unicodedata

import polars as pl
from hypothesis import given, settings
from hypothesis import strategies as st

from ictdata.read.text_columns import NFC_SAFE, cleaned, label_key

_SAFE = re.compile(f"[{NFC_SAFE}]")


def _safe_characters() -> list[str]:
    ranges = re.findall(r"(.)-(.)", NFC_SAFE, flags=re.DOTALL)
    return [chr(c) for low, high in ranges for c in range(ord(low), ord(high) + 1)]


def test_every_safe_character_is_nfc_and_a_starter() -> None:
    found = _safe_characters()
    assert len(found) == 0x80 + (0x250 - 0xA0) + 0x100
    assert all(unicodedata.is_normalized("NFC", ch) for ch in found)
    assert all(unicodedata.combining(ch) == 0 for ch in found)


def test_no_safe_character_composes_with_the_one_before_it() -> None:
    """No canonical pair ends in a safe character, so a run of them cannot recompose."""
    seconds = set()
    for point in range(sys.maxunicode + 1):
        parts = unicodedata.decomposition(chr(point)).split()
        if len(parts) == 2 and not parts[0].startswith("<"):  # a canonical pair
            seconds.add(chr(int(parts[1], 16)))
    assert not {ch for ch in seconds if _SAFE.fullmatch(ch)}


def _every_cell_cleaned(column: str) -> pl.Expr:
    """What ictdata did before: rewrite every cell."""
    text = pl.col(column).str.normalize("NFC").str.replace_all(r"\s+", " ").str.strip_chars()
    return pl.when(text.str.len_chars() > 0).then(text)


def _every_cell_keyed(column: str) -> pl.Expr:
    return pl.col(column).str.to_lowercase().str.replace_all(r"[\s\p{P}]+", " ").str.strip_chars()


_ALPHABET = st.sampled_from(
    [
        *"aAbz09 .,;:-/()",
        *"àáạảãâầấậẩẫăằắặẳẵđĐêềếệểễôồốộổỗơờớợởỡưừứựửữ",
        "\u0300",  # combining grave: decomposed text
        "\u0301",
        "\u0323",
        "\u0302",
        "\u00a0",  # no-break space
        "\t",
        "\n",
        "\u2003",  # em space
        "\u212b",  # angstrom sign: NFC turns it into Å
        "\u1100",  # Hangul choseong and jungseong compose into one syllable
        "\u1161",
        "“",
        "–",
    ]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(st.none(), st.text(_ALPHABET, max_size=12)), min_size=1, max_size=8))
def test_cleaning_the_cells_that_need_it_equals_cleaning_all(cells: list[str | None]) -> None:
    frame = pl.DataFrame({"text": cells}, schema={"text": pl.String})
    assert frame.select(cleaned("text")).equals(frame.select(_every_cell_cleaned("text")))
    tidy = frame.select(cleaned("text"))
    assert tidy.select(label_key("text")).equals(tidy.select(_every_cell_keyed("text")))
