"""Figures written the way each language writes them."""

from __future__ import annotations

from typing import Literal

Lang = Literal["vi", "en"]
LANGS: tuple[Lang, ...] = ("vi", "en")
_VIETNAMESE_MARKS = str.maketrans(",.", ".,")


def format_figure(value: float, lang: Lang) -> str:
    """Write a figure with thousands grouped, Vietnamese (11.329; 4,5) or English style.

    >>> format_figure(11329, "vi"), format_figure(4.5, "vi"), format_figure(1643695.25, "en")
    ('11.329', '4,5', '1,643,695.25')
    >>> format_figure(0.001, "vi")
    '0,001'
    """
    text = f"{value:,.6f}".rstrip("0").rstrip(".") if isinstance(value, float) else f"{value:,}"
    if lang == "vi":
        return text.translate(_VIETNAMESE_MARKS)
    return text
