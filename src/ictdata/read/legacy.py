"""Text typed with legacy Vietnamese fonts (TCVN3 / ABC, ".VnTime"), turned into Unicode.

Such text is stored as Latin-1 letters that the font drew as Vietnamese ones:
"Së Th«ng tin vµ TruyÒn th«ng" is "Sở Thông tin và Truyền thông". The table is
glibc's TCVN5712-1 (`iconv -f TCVN5712-1`) for the bytes TCVN3 uses, A1 to FF.
A cell is converted only when it holds a letter TCVN3 uses and Vietnamese
Unicode never does («, µ, ¸...), and no character beyond Latin-1: text that
already has real Vietnamese letters ("«Đề án»") is left as it is.
"""

from __future__ import annotations

import polars as pl

from ictdata.read.grid import ROW

_TCVN3 = (
    "¡¢£¤¥¦§¨©ª«¬\xad®¯µ¶·¸¹º»¼½¾¿ÀÁÂÃÄÅÆÇÈÉÊËÌÍÎÏÐÑÒÓÔÕÖ×ØÙÚÛÜÝÞßàáâãäåæçèéêëìíîïðñòóôõö÷øùúûüþÿ"
)
_UNICODE = (
    "ĂÂÊÔƠƯĐăâêôơưđẰàảãáạẲằẳẵắẴẮẦẨẪẤỀặầẩẫấậèỂẻẽéẹềểễếệìỉỄẾỒĩíịòỔỏõóọồổỗốộờởỡớợùỖủũúụừửữứựỳỷỹỵỐ"
)
_MARKERS = "¡¢£¤¥¦§¨©ª«¬\xad®¯µ¶·¸¹º»¼½¾¿ÄÅÆÇËÎÏÐÑÖ×ØÛÜÞßäåæçëîïðñö÷øûüþÿ"
_TABLE = str.maketrans(_TCVN3, _UNICODE)
_MARKER_CLASS = "[" + "".join(f"\\x{{{ord(c):02x}}}" for c in _MARKERS) + "]"
_BEYOND_LATIN1 = r"[^\x00-\xff]"


def from_tcvn3(text: str) -> str:
    """Turn text typed in TCVN3 into Unicode.

    >>> from_tcvn3("Së Th«ng tin vµ TruyÒn th«ng")
    'Sở Thông tin và Truyền thông'
    """
    return text.translate(_TABLE)


def legacy_cells(expr: pl.Expr) -> pl.Expr:
    """True where a cell's text looks typed in TCVN3."""
    return expr.str.contains(_MARKER_CLASS) & ~expr.str.contains(_BEYOND_LATIN1)


def decode_legacy(cells: pl.DataFrame) -> tuple[pl.DataFrame, list[str]]:
    """The grid with TCVN3 text turned into Unicode, and the A1 addresses of the cells changed."""
    letters = [name for name in cells.columns if name != ROW]
    found = cells.select(
        ROW, *[legacy_cells(pl.col(x)).fill_null(value=False).alias(x) for x in letters]
    )
    hits = [x for x in letters if found.get_column(x).any()]
    if not hits:
        return cells, []
    changed = [
        f"{x}{row}" for x in hits for row in found.filter(pl.col(x)).get_column(ROW).to_list()
    ]
    decoded = cells.with_columns(
        pl.when(legacy_cells(pl.col(x)).fill_null(value=False))
        .then(pl.col(x).map_elements(from_tcvn3, return_dtype=pl.String))
        .otherwise(pl.col(x))
        .alias(x)
        for x in hits
    )
    return decoded, changed
