"""Text normalisation for matching what people type against what a contract says.

Two spellings of one header must give one key: NFC or NFD, old or new tone-mark
placement (Hoà/Hòa, Uỷ/Ủy), case, non-breaking and repeated spaces, line breaks
and punctuation used as separators.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping

# Combining tone marks. Vietnamese writes each syllable with at most one; the
# old and new styles differ only in which vowel carries it.
TONE_MARKS = frozenset("\u0300\u0301\u0303\u0309\u0323")
_SEPARATORS = re.compile(r"[\s/\\\-–—:;,.()\[\]\"'*]+")


def clean(text: str) -> str:
    r"""Return `text` in NFC with every run of white space (NBSP included) as one space.

    >>> clean("Kinh\u00a0phí\n  đầu tư ")
    'Kinh phí đầu tư'
    """
    return " ".join(unicodedata.normalize("NFC", text).split())


def _canonical_word(word: str) -> str:
    """Move a word's tone mark to its end, so both placement styles agree."""
    tones = [ch for ch in word if ch in TONE_MARKS]
    bare = "".join(ch for ch in word if ch not in TONE_MARKS)
    return bare + "".join(tones)


def key(text: str, abbreviations: Mapping[str, str] | None = None) -> str:
    """Return the matching key of `text`: equal for spellings a reader sees as equal.

    `abbreviations` maps keys of short forms ("kp") to keys of their long form.

    >>> key("Hoà  Bình") == key("HÒA BÌNH")
    True
    >>> key("Tổng kinh phí - Kinh phí đầu tư") == key("Tổng kinh phí / Kinh phí đầu tư")
    True
    """
    decomposed = unicodedata.normalize("NFD", text.casefold())
    words = [_canonical_word(w) for w in _SEPARATORS.split(decomposed) if w]
    if abbreviations:
        words = [abbreviations.get(w, w) for w in words]
    return " ".join(words)
