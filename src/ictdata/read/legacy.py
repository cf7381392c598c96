"""Text typed with legacy Vietnamese fonts (TCVN3 / ABC, VNI), turned into Unicode.

Such text is stored as Latin-1 letters that the font drew as Vietnamese ones:
"Së Th«ng tin vµ TruyÒn th«ng" is "Sở Thông tin và Truyền thông". The table is
glibc's TCVN5712-1 (`iconv -f TCVN5712-1`) for the bytes TCVN3 uses, A1 to FF.
VNI Windows fonts ("VNI-Times") write a vowel followed by a modifier letter
instead: "Sôû" is "Sở" (ơ is written ô, the hook û); its table follows the
encoding's rules (tone modifiers ù ø û õ ï, circumflex â á à å ã ä, breve
ê é è ú ü ë, horn letters ô ö, đ ñ), checked against the examples in
shared/DOMAIN.md.

A cell is converted only when it holds no character beyond Latin-1 (text that
already has real Vietnamese letters, "«Đề án»", is left as it is) and either a
vowel followed by a modifier only VNI uses (ø û ï å ä ë ü), or a letter TCVN3
uses and Vietnamese Unicode never does («, µ, ¸...).
"""

from __future__ import annotations

import re

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
_VNI_PAIRS = {
    "aù": "á",
    "aø": "à",
    "aû": "ả",
    "aõ": "ã",
    "aï": "ạ",
    "eù": "é",
    "eø": "è",
    "eû": "ẻ",
    "eõ": "ẽ",
    "eï": "ẹ",
    "où": "ó",
    "oø": "ò",
    "oû": "ỏ",
    "oõ": "õ",
    "oï": "ọ",
    "yù": "ý",
    "yø": "ỳ",
    "yû": "ỷ",
    "yõ": "ỹ",
    "uù": "ú",
    "uø": "ù",
    "uû": "ủ",
    "uõ": "ũ",
    "uï": "ụ",
    "aâ": "â",
    "aá": "ấ",
    "aà": "ầ",
    "aå": "ẩ",
    "aã": "ẫ",
    "aä": "ậ",
    "eâ": "ê",
    "eá": "ế",
    "eà": "ề",
    "eå": "ể",
    "eã": "ễ",
    "eä": "ệ",
    "oâ": "ô",
    "oá": "ố",
    "oà": "ồ",
    "oå": "ổ",
    "oã": "ỗ",
    "oä": "ộ",
    "aê": "ă",
    "aé": "ắ",
    "aè": "ằ",
    "aú": "ẳ",
    "aü": "ẵ",
    "aë": "ặ",
    "ôù": "ớ",
    "ôø": "ờ",
    "ôû": "ở",
    "ôõ": "ỡ",
    "ôï": "ợ",
    "öù": "ứ",
    "öø": "ừ",
    "öû": "ử",
    "öõ": "ữ",
    "öï": "ự",
    "AÙ": "Á",
    "AØ": "À",
    "AÛ": "Ả",
    "AÕ": "Ã",
    "AÏ": "Ạ",
    "EÙ": "É",
    "EØ": "È",
    "EÛ": "Ẻ",
    "EÕ": "Ẽ",
    "EÏ": "Ẹ",
    "OÙ": "Ó",
    "OØ": "Ò",
    "OÛ": "Ỏ",
    "OÕ": "Õ",
    "OÏ": "Ọ",
    "YÙ": "Ý",
    "YØ": "Ỳ",
    "YÛ": "Ỷ",
    "YÕ": "Ỹ",
    "UÙ": "Ú",
    "UØ": "Ù",
    "UÛ": "Ủ",
    "UÕ": "Ũ",
    "UÏ": "Ụ",
    "AÂ": "Â",
    "AÁ": "Ấ",
    "AÀ": "Ầ",
    "AÅ": "Ẩ",
    "AÃ": "Ẫ",
    "AÄ": "Ậ",
    "EÂ": "Ê",
    "EÁ": "Ế",
    "EÀ": "Ề",
    "EÅ": "Ể",
    "EÃ": "Ễ",
    "EÄ": "Ệ",
    "OÂ": "Ô",
    "OÁ": "Ố",
    "OÀ": "Ồ",
    "OÅ": "Ổ",
    "OÃ": "Ỗ",
    "OÄ": "Ộ",
    "AÊ": "Ă",
    "AÉ": "Ắ",
    "AÈ": "Ằ",
    "AÚ": "Ẳ",
    "AÜ": "Ẵ",
    "AË": "Ặ",
    "ÔÙ": "Ớ",
    "ÔØ": "Ờ",
    "ÔÛ": "Ở",
    "ÔÕ": "Ỡ",
    "ÔÏ": "Ợ",
    "ÖÙ": "Ứ",
    "ÖØ": "Ừ",
    "ÖÛ": "Ử",
    "ÖÕ": "Ữ",
    "ÖÏ": "Ự",
}
_VNI_SINGLES = {
    "ô": "ơ",
    "Ô": "Ơ",
    "ö": "ư",
    "Ö": "Ư",
    "ñ": "đ",
    "Ñ": "Đ",
    "í": "í",
    "ì": "ì",
    "æ": "ỉ",
    "ó": "ĩ",
    "ò": "ị",
    "Í": "Í",
    "Ì": "Ì",
    "Æ": "Ỉ",
    "Ó": "Ĩ",
    "Ò": "Ị",
    "î": "ỵ",
    "Î": "Ỵ",
}
_VNI = {**_VNI_SINGLES, **_VNI_PAIRS}
# One pass, longest first: "oâ" is ô, and the ô it gives is not read again as VNI's ơ.
_VNI_PATTERN = re.compile("|".join(sorted(map(re.escape, _VNI), key=len, reverse=True)))
_VNI_MARKER = "[aeiouyAEIOUYôöÔÖ][øûïåäëüØÛÏÅÄËÜ]"  # modifiers only VNI puts after a vowel
# Any VNI-looking pair or letter, for the cells of a sheet already known to be VNI.
_VNI_ANY = "[aeiouyAEIOUYôöÔÖ][ùøûõïâáàåãäêéèúüëÙØÛÕÏÂÁÀÅÃÄÊÉÈÚÜË]|[ñÑöÖæÆîÎ]"
_VNI_LETTERS = frozenset("ùøûõïâáàåãäêéèúüëÙØÛÕÏÂÁÀÅÃÄÊÉÈÚÜËñÑöÖæÆîÎòóôÔíìÍÌ")
_TCVN3_ONLY = "[" + "".join(re.escape(c) for c in _MARKERS if c not in _VNI_LETTERS) + "]"
_MARKER_CLASS = "[" + "".join(f"\\x{{{ord(c):02x}}}" for c in _MARKERS) + "]"
_BEYOND_LATIN1 = r"[^\x00-\xff]"


def from_tcvn3(text: str) -> str:
    """Turn text typed in TCVN3 into Unicode.

    >>> from_tcvn3("Së Th«ng tin vµ TruyÒn th«ng")
    'Sở Thông tin và Truyền thông'
    """
    return text.translate(_TABLE)


def from_vni(text: str) -> str:
    """Turn text typed in VNI into Unicode.

    >>> from_vni("Sôû Thoâng tin vaø Truyeàn thoâng")
    'Sở Thông tin và Truyền thông'
    """
    return _VNI_PATTERN.sub(lambda found: _VNI[found[0]], text)


def _latin1(expr: pl.Expr, pattern: str) -> pl.Expr:
    return (expr.str.contains(pattern) & ~expr.str.contains(_BEYOND_LATIN1)).fill_null(value=False)


def _encoding(cells: pl.DataFrame, letters: list[str]) -> tuple[str, str] | None:
    """Which legacy encoding a sheet was typed in, decided on the whole sheet: (pattern, name)."""
    # All cells in one column: each pattern is compiled and run once, not once per column
    # (7x faster on the small sheets that batches are made of).
    text = pl.col("value")
    counts = (
        cells.unpivot(on=letters, index=[])
        # Legacy letters are all beyond ASCII: the figures and plain text of a sheet,
        # most of its cells, are left out before the patterns run (3x on large sheets);
        # and within Latin-1: Unicode Vietnamese (ư, ạ, đ) is left out next (2.5x more).
        .filter(text.str.len_bytes() != text.str.len_chars())
        .filter(~text.str.contains(_BEYOND_LATIN1))
        .select(
            vni=text.str.contains(_VNI_MARKER).sum(),
            tcvn3=text.str.contains(_TCVN3_ONLY).sum(),
        )
        .row(0, named=True)
    )
    if counts["vni"] and counts["vni"] >= counts["tcvn3"]:
        return _VNI_ANY, "vni"
    if counts["tcvn3"]:
        return _MARKER_CLASS, "tcvn3"
    return None


def decode_legacy(cells: pl.DataFrame) -> tuple[pl.DataFrame, list[str]]:
    """The grid with legacy-font text in Unicode, and the A1 addresses of the cells changed."""
    letters = [name for name in cells.columns if name != ROW]
    if not letters or cells.height == 0:
        return cells, []
    chosen = _encoding(cells, letters)
    if chosen is None:
        return cells, []
    pattern, name = chosen
    convert = from_vni if name == "vni" else from_tcvn3
    found = cells.select(ROW, *[_latin1(pl.col(x), pattern).alias(x) for x in letters])
    hits = [x for x in letters if found.get_column(x).any()]
    changed = [
        f"{x}{row}" for x in hits for row in found.filter(pl.col(x)).get_column(ROW).to_list()
    ]
    decoded = cells.with_columns(
        pl.when(_latin1(pl.col(x), pattern))
        .then(pl.col(x).map_elements(convert, return_dtype=pl.String))
        .otherwise(pl.col(x))
        .alias(x)
        for x in hits
    )
    return decoded, changed
