"""ictdata.text: the key two spellings of one header share, and clean cell text."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ictdata.text import clean, key

NBSP = "\u00a0"
ABBREVIATIONS = {"kp": key("kinh phí"), "stt": "tt", "đvt": key("đơn vị tính")}
TONES = ("\u0300", "\u0301", "\u0303", "\u0309", "\u0323")  # huyền, sắc, ngã, hỏi, nặng


def nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


# ----------------------------------------------------------------------------- clean


def test_clean_composes_decomposed_text() -> None:
    assert clean(nfd("Kinh phí đầu tư")) == "Kinh phí đầu tư"
    assert unicodedata.is_normalized("NFC", clean(nfd("Sở Thông tin và Truyền thông")))


def test_clean_turns_nbsp_line_breaks_and_runs_into_one_space() -> None:
    assert clean(f"Kinh{NBSP}phí\n  đầu\r\ntư\t") == "Kinh phí đầu tư"


def test_clean_strips_both_ends() -> None:
    assert clean(f"{NBSP} Tổng cộng \n") == "Tổng cộng"


@pytest.mark.parametrize("blank", ["", " ", NBSP, "\n\t", f"{NBSP}{NBSP}"])
def test_clean_of_blank_text_is_empty(blank: str) -> None:
    assert clean(blank) == ""


def test_clean_keeps_case_punctuation_and_tone_placement() -> None:
    assert clean("Vốn đã bố trí hết năm 2012 / KP đầu tư") == (
        "Vốn đã bố trí hết năm 2012 / KP đầu tư"
    )
    assert clean("Hoà Bình") != clean("Hòa Bình")


@settings(max_examples=200)
@given(st.text())
def test_clean_is_idempotent_and_nfc(text: str) -> None:
    once = clean(text)
    assert clean(once) == once
    assert unicodedata.is_normalized("NFC", once)
    assert once == once.strip()
    assert "  " not in once


# ----------------------------------------------------------------------------- key


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("Hoà Bình", "Hòa Bình"),
        ("Thanh Thuỷ", "Thanh Thủy"),
        ("Uỷ ban nhân dân", "Ủy ban nhân dân"),
        ("Hạ Hoà", "Hạ Hòa"),
        ("khoẻ", "khỏe"),
        ("hoá đơn", "hóa đơn"),
        ("Luỹ kế", "Lũy kế"),
    ],
)
def test_key_ignores_tone_mark_placement(old: str, new: str) -> None:
    assert key(old) == key(new)


@pytest.mark.parametrize(
    "text",
    ["Dự kiến tổng kinh phí", "Vốn đã bố trí hết năm 2012", "Đơn vị chủ trì", "Ủy ban"],
)
def test_key_of_decomposed_text_equals_key_of_composed(text: str) -> None:
    assert key(nfd(text)) == key(text)


def test_key_ignores_case() -> None:
    assert key("HÒA BÌNH") == key("Hoà Bình")
    assert key("DỰ KIẾN TỔNG KINH PHÍ") == key("Dự kiến tổng kinh phí")
    assert key("ĐƠN VỊ CHỦ TRÌ") == key("đơn vị chủ trì")


@pytest.mark.parametrize(
    "variant",
    [
        "Dự kiến tổng kinh phí - Kinh phí đầu tư",
        "Dự kiến tổng kinh phí / Kinh phí đầu tư",
        "Dự kiến tổng kinh phí: Kinh phí đầu tư",
        "Dự kiến tổng kinh phí\nKinh phí đầu tư",
        "Dự kiến tổng kinh phí – Kinh phí đầu tư",
        "Dự kiến tổng kinh phí (Kinh phí đầu tư)",
        "Dự kiến  tổng\u00a0kinh phí,\r\n Kinh phí đầu tư.",
        "  Dự kiến tổng kinh phí - Kinh phí đầu tư  ",
    ],
)
def test_key_treats_separators_and_white_space_alike(variant: str) -> None:
    assert key(variant) == key("Dự kiến tổng kinh phí Kinh phí đầu tư")


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("Tổng", "Tống"),
        ("Tổng", "Tông"),
        ("đầu tư", "dau tu"),
        ("Đơn vị", "Don vi"),
        ("sự nghiệp", "sư nghiêp"),
        ("Trường", "Truờng"),
        ("năm 2012", "năm 2013"),
    ],
)
def test_key_keeps_letters_and_tones_that_change_the_word(one: str, other: str) -> None:
    assert key(one) != key(other)


def test_key_distinguishes_each_of_the_six_tones() -> None:
    words = ["ma", "mà", "má", "mả", "mã", "mạ"]
    assert len({key(word) for word in words}) == 6


def test_key_expands_abbreviations_word_by_word() -> None:
    assert key("KP đầu tư", ABBREVIATIONS) == key("Kinh phí đầu tư")
    assert key("STT", ABBREVIATIONS) == key("TT")
    assert key("ĐVT: triệu VNĐ", ABBREVIATIONS) == key("Đơn vị tính: triệu VNĐ")


def test_key_does_not_expand_abbreviations_inside_words() -> None:
    assert key("KPI", ABBREVIATIONS) == "kpi"
    assert key("Sttt", ABBREVIATIONS) == "sttt"


def test_key_without_abbreviations_keeps_short_forms() -> None:
    assert key("KP đầu tư") != key("Kinh phí đầu tư")


@pytest.mark.parametrize("blank", ["", " ", NBSP, " - ", "/", "()", "\n"])
def test_key_of_blank_or_punctuation_is_empty(blank: str) -> None:
    assert key(blank) == ""


# ----------------------------------------------------------------------------- properties

_VOWELS = "aăâeêioôơuưy"
_LETTERS = _VOWELS + "bcdđghklmnpqrstvx"


@st.composite
def _syllables(draw: st.DrawFn) -> str:
    """A word of Vietnamese letters carrying at most one tone mark, as real syllables do."""
    bare = draw(st.text(alphabet=st.sampled_from(_LETTERS), min_size=1, max_size=7))
    vowels = [i for i, ch in enumerate(bare) if ch in _VOWELS]
    tone = draw(st.sampled_from(("", *TONES)))
    if not vowels or not tone:
        return bare
    at = draw(st.sampled_from(vowels))
    return unicodedata.normalize("NFC", bare[: at + 1] + tone + bare[at + 1 :])


_WORDS = _syllables()
_GAPS = st.sampled_from([" ", "  ", NBSP, "\n", " - ", " / ", ": ", ", "])
_PHRASES = st.lists(st.tuples(_WORDS, _GAPS), min_size=1, max_size=6).map(
    lambda parts: "".join(word + gap for word, gap in parts)
)


@settings(max_examples=200)
@given(_PHRASES)
def test_key_is_the_same_for_nfc_nfd_and_upper_case(text: str) -> None:
    assert key(nfd(text)) == key(text)
    assert key(text.upper()) == key(text)
    assert key(clean(text)) == key(text)


@settings(max_examples=200)
@given(_PHRASES)
def test_key_is_idempotent(text: str) -> None:
    assert key(key(text)) == key(text)


# Syllables with two or three vowels, where old and new styles put the tone differently.
_CLUSTERS = ["hoa", "thuy", "uy", "khoe", "hoe", "toan", "quy", "thuong", "khuya", "ngoai"]


@settings(max_examples=200)
@given(
    st.sampled_from(_CLUSTERS),
    st.sampled_from(TONES),
    st.data(),
)
def test_key_is_the_same_wherever_the_tone_mark_sits(
    syllable: str, tone: str, data: st.DataObject
) -> None:
    vowels = [i for i, ch in enumerate(syllable) if ch in "aeiouy"]
    first, other = vowels[0], data.draw(st.sampled_from(vowels))

    def toned(at: int) -> str:
        return unicodedata.normalize("NFC", syllable[: at + 1] + tone + syllable[at + 1 :])

    assert key(toned(other)) == key(toned(first))
    assert key(toned(other).upper()) == key(toned(first))
