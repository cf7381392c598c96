"""ictdata.read.currency_styles: a number shown in a foreign currency by its cell's format.

A statement sheet's figure cell holding 50000 shown "$50,000" is a figure in dollars: it
gets `foreign-currency` and goes to the rejects, as a figure typed "50.000 USD" does.
"""

from __future__ import annotations

from pathlib import Path

import openpyxl
import polars as pl
import pytest
from openpyxl.styles.numbers import BUILTIN_FORMATS

import ictdata
from builders import ACCOUNTING_DOLLAR
from ictdata.read.currency_styles import format_currency
from ictdata.read.source import open_source


@pytest.mark.parametrize(
    ("code", "currency"),
    [
        ("[$$-409]#,##0", "USD"),
        ('"$"#,##0', "USD"),
        ("\\$#,##0.00", "USD"),
        ("$#,##0", "USD"),
        ("[$USD] #,##0", "USD"),
        ("#,##0 [$€-2]", "EUR"),
        ("_-[$$-409]* #,##0_-;\\-[$$-409]* #,##0_-", "USD"),
        ('#,##0" US$"', "USD"),
        ("#,##0 [$₫-42A]", None),
        ('#,##0 "VNĐ"', None),
        ('#,##0" đ"', None),
        ("[$-42A]#,##0", None),  # a locale tag, no currency
        ('#,##0;[Red]"$"-#,##0', None),  # only the section of positive numbers decides
        ("#,##0_$", None),  # _$ is a space as wide as a $
        ("*$#,##0", None),  # *$ fills with $: no currency
        ("General", None),
    ],
)
def test_a_format_shows_a_foreign_currency_only_when_it_prints_one(
    code: str, currency: str | None
) -> None:
    assert format_currency(code) == currency


def _sheet(tmp_path: Path, number_format: str) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    rows: list[list[object]] = [
        ["ĐVT: đồng"],
        ["Nguồn kinh phí", "Số tiền", "Bằng chữ"],
        ["Ngân sách tỉnh", 8_000_000_000, "Tám tỷ đồng"],
        ["Vốn ODA", 50_000, "Năm mươi nghìn"],
    ]
    for row in rows:
        sheet.append(row)
    sheet["B4"].number_format = number_format
    path = tmp_path / "nguon_kinh_phi.xlsx"
    book.save(path)
    return path


@pytest.mark.parametrize(
    ("number_format", "currency"),
    [('"$"#,##0', "USD"), ("[$$-409]#,##0.00", "USD"), ("#,##0 [$€-2]", "EUR")],
)
def test_a_figure_cell_shown_in_a_foreign_currency_is_rejected(
    tmp_path: Path, number_format: str, currency: str
) -> None:
    path = _sheet(tmp_path, number_format)
    (grid,) = open_source(path).grids
    assert dict(grid.currency_cells) == {"B4": currency}
    result = ictdata.check(path).files[0]
    assert [(i.code.value, i.cell, i.unit) for i in result.issues] == [
        ("foreign-currency", "B4", currency)
    ]
    ictdata.build([path], tmp_path / "marts")
    names = ("budget_sources", "rejects")
    marts = {name: pl.read_parquet(tmp_path / "marts" / f"{name}.parquet") for name in names}
    assert marts["budget_sources"].select("cell", "amount_vnd_figure").rows() == [
        ("B3", 8_000_000_000)
    ]
    assert marts["rejects"].select("row", "reason").rows() == [(4, "foreign-currency")]


@pytest.mark.parametrize(
    "number_format",
    ["#,##0", "#,##0 [$₫-42A]", '#,##0 "VNĐ"', BUILTIN_FORMATS[5], BUILTIN_FORMATS[44]],
)
def test_a_figure_cell_shown_in_dong_or_a_built_in_format_is_read(
    tmp_path: Path, number_format: str
) -> None:
    # Built-in currency formats follow the reader's locale (the đồng in Vietnam): not foreign.
    path = _sheet(tmp_path, number_format)
    (grid,) = open_source(path).grids
    assert dict(grid.currency_cells) == {}
    assert ictdata.check(path).files[0].issues == ()
    ictdata.build([path], tmp_path / "marts")
    sources = pl.read_parquet(tmp_path / "marts" / "budget_sources.parquet")
    assert sources.select("cell", "amount_vnd_figure").rows() == [
        ("B3", 8_000_000_000),
        ("B4", 50_000),
    ]


def _accounting_sheet(tmp_path: Path, figures: list[tuple[str, int, str]]) -> Path:
    """A statement sheet stated in đồng whose figures (B3...) wear the dollar Accounting format."""
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    for row in [["ĐVT: đồng"], ["Nguồn kinh phí", "Số tiền", "Bằng chữ"], *map(list, figures)]:
        sheet.append(row)
    for number in range(3, 3 + len(figures)):
        sheet[f"B{number}"].number_format = ACCOUNTING_DOLLAR
    path = tmp_path / "nguon_kinh_phi.xlsx"
    book.save(path)
    return path


def test_a_dollar_format_on_figures_whose_words_say_dong_in_a_dong_sheet_is_read(
    tmp_path: Path,
) -> None:
    # English Excel's Accounting button: a "$" on every figure of a sheet stated in đồng.
    path = _accounting_sheet(
        tmp_path,
        [
            ("Ngân sách tỉnh", 8_000_000_000, "Tám tỷ đồng"),
            ("Ngân sách huyện", 2_700_000_000, "Hai tỷ, bảy trăm triệu đồng"),
        ],
    )
    (grid,) = open_source(path).grids
    assert dict(grid.currency_cells) == {"B3": "USD", "B4": "USD"}  # the format does show "$"
    assert ictdata.check(path).files[0].issues == ()
    ictdata.build([path], tmp_path / "marts")
    sources = pl.read_parquet(tmp_path / "marts" / "budget_sources.parquet")
    assert sources.select("cell", "amount_vnd_figure").rows() == [
        ("B3", 8_000_000_000),
        ("B4", 2_700_000_000),
    ]


@pytest.mark.parametrize("words", ["đồng", "Quỹ cộng đồng", "Năm mươi nghìn"])
def test_a_dollar_figure_whose_words_are_no_dong_amount_stays_foreign(
    tmp_path: Path, words: str
) -> None:
    path = _accounting_sheet(tmp_path, [("Vốn ODA", 50_000, words)])
    codes = [(i.code.value, i.cell) for i in ictdata.check(path).files[0].issues]
    assert ("foreign-currency", "B3") in codes
