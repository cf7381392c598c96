"""A budget statement in a foreign currency is an error, and its figure reaches no amount mart."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import polars as pl
import pytest

import ictdata
from ictdata.check.codes import IssueCode

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"
TOTAL_LINE = "Tổng kinh phí thực hiện: {figure} (Ba trăm năm mươi nghìn đô la Mỹ), trong đó:"
VALID_PLAN = FIXTURES / "documents" / "budget_statement_correct.md"


def _issues(path: Path) -> list[tuple[str, int | None, str | None, str | None, str | None]]:
    result = ictdata.check(path).files[0]
    return [(i.code.value, i.row, i.cell, i.unit, i.detail) for i in result.issues]


def _text(tmp_path: Path, *lines: str) -> Path:
    path = tmp_path / "ke_hoach.txt"
    path.write_text("\n".join(["KẾ HOẠCH ỨNG DỤNG CNTT NĂM 2014", *lines]), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("figure", "unit", "code"),
    [
        ("350.000 USD", "USD", "USD"),
        ("350 nghìn USD", "nghìn USD", "USD"),
        ("0,35 triệu USD", "triệu USD", "USD"),
        ("320.000 EUR", "EUR", "EUR"),
        ("350.000 đô la Mỹ", "đô la Mỹ", "USD"),
        ("350.000 US$", "US$", "USD"),
    ],
)
def test_a_statement_in_a_foreign_currency_is_one_error(
    tmp_path: Path, figure: str, unit: str, code: str
) -> None:
    path = _text(tmp_path, f"Tổng kinh phí: {figure}.")
    # foreign-currency, not missing-unit: the unit is stated, it is just not the đồng.
    assert _issues(path) == [("foreign-currency", 2, None, code, unit)]
    assert ictdata.check(path).exit_code == ictdata.ExitCode.INVALID


@pytest.mark.parametrize(
    ("written", "unit"),
    [("350.000 USD/năm", "USD"), ("350.000 (USD)", "(USD)"), ("350 nghìn (USD)", "nghìn (USD)")],
)
def test_a_dollar_unit_before_a_rate_or_in_brackets_is_rejected(
    tmp_path: Path, written: str, unit: str
) -> None:
    path = _text(tmp_path, f"Tổng kinh phí: {written}.")
    assert _issues(path) == [("foreign-currency", 2, None, "USD", unit)]
    marts = _built(path, tmp_path / "marts")
    assert marts["budget_sources"].is_empty()
    assert marts["rejects"].select("row", "reason").rows() == [(2, "foreign-currency")]
    assert "350" in marts["rejects"]["content"].item()


def test_a_dollar_note_after_a_dong_unit_is_no_unit(tmp_path: Path) -> None:
    # The đồng is stated: "(USD)" after it is a note, not the figure's unit.
    path = _text(tmp_path, "Vốn ODA: 350 triệu đồng (USD).", "Vốn tỉnh: 8 tỷ đồng/năm.")
    assert _issues(path) == []
    marts = _built(path, tmp_path / "marts")
    assert marts["budget_sources"]["amount_vnd_figure"].to_list() == [350_000_000, 8 * 10**9]
    assert marts["rejects"].is_empty()


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Vốn ODA (nghìn USD): 350.", [("foreign-currency", 2, None, "USD", "nghìn USD")]),
        ("Vốn vay (quy đổi từ USD): 23.000.000.000 đồng.", []),
        ("Kinh phí (quy đổi từ USD): 23.000.000.000.", [("missing-unit", 2, None, "đồng", None)]),
    ],
)
def test_a_label_noting_a_foreign_unit(
    tmp_path: Path, line: str, expected: list[tuple[str, int, None, str, str | None]]
) -> None:
    assert _issues(_text(tmp_path, line)) == expected


def test_a_group_in_dollars_gives_one_error_per_figure_and_no_sum(tmp_path: Path) -> None:
    path = _text(
        tmp_path,
        TOTAL_LINE.format(figure="350.000 USD"),
        "- Vốn ODA: 300 nghìn USD;",
        "- Vốn đối ứng: 40.000 USD.",  # the parts do not add up: not judged in dollars
    )
    assert [(code, row) for code, row, *_ in _issues(path)] == [
        ("foreign-currency", 2),
        ("foreign-currency", 3),
        ("foreign-currency", 4),
    ]


def test_statements_after_a_dollar_figure_on_one_line_keep_their_labels(tmp_path: Path) -> None:
    path = _text(
        tmp_path,
        "Tổng kinh phí: 350.000 USD, trong đó ngân sách tỉnh: 8.000.000.000 đồng, "
        "vốn ODA: 150 nghìn USD.",
    )
    assert [(code, unit) for code, _, _, unit, _ in _issues(path)] == [
        ("foreign-currency", "USD"),
        ("foreign-currency", "USD"),
    ]
    marts = _built(path, tmp_path / "marts")
    (label, amount), *others = marts["budget_sources"].select("label", "amount_vnd_figure").rows()
    assert (label.endswith("ngân sách tỉnh"), "USD" in label, amount, others) == (
        True,
        False,
        8_000_000_000,
        [],
    )
    assert marts["rejects"]["content"].to_list() == [
        "Tổng kinh phí: 350.000 USD",
        "vốn ODA: 150 nghìn USD",
    ]


def test_a_dollar_part_under_a_dong_total_is_not_summed(tmp_path: Path) -> None:
    path = _text(
        tmp_path,
        "Tổng kinh phí: 8.000.000.000 đồng (Tám tỷ đồng), trong đó:",
        "- Ngân sách tỉnh: 8.000.000.000 đồng (Tám tỷ đồng);",
        "- Vốn ODA: 50.000 USD.",
    )
    assert [(code, row) for code, row, *_ in _issues(path)] == [("foreign-currency", 4)]


@pytest.mark.parametrize(
    "line",
    [
        "Tổng kinh phí: 23.000.000 đồng (tương đương 1.000 USD).",
        "Vốn ODA: 23.000.000.000 đồng (quy đổi từ USD).",
        "Kinh phí: 2,3 tỷ đồng (theo tỷ giá 1 USD = 23.000 đồng).",
        "Tổng kinh phí: 23 triệu đồng (tương đương 1.000 $).",
    ],
)
def test_a_dong_amount_with_a_dollar_note_stays_silent(tmp_path: Path, line: str) -> None:
    path = _text(tmp_path, line)
    assert _issues(path) == []
    rows = _built(path, tmp_path / "marts")
    assert rows["budget_sources"].height == 1
    assert rows["budget_sources"]["amount_vnd_figure"].item() in {
        23_000_000,
        23 * 10**9,
        2_300_000_000,
    }
    assert rows["rejects"].is_empty()


def test_words_before_a_dollar_note_are_still_checked(tmp_path: Path) -> None:
    path = _text(
        tmp_path,
        "Ngân sách tỉnh: 8.853.000 đồng (Tám tỷ tám trăm năm mươi ba triệu đồng) "
        "(tương đương 385.000 USD).",
    )
    assert [code for code, *_ in _issues(path)] == ["words-mismatch"]


WRONG_WORDS = "Tám tỷ tám trăm triệu đồng"  # 8.800 triệu, not the 8.853 of the figure
RIGHT_WORDS = "Tám tỷ tám trăm năm mươi ba triệu đồng"


@pytest.mark.parametrize(
    "bracket",
    [
        "({words}; tương đương 385.000 USD)",
        "(Bằng chữ: {words} chẵn, theo tỷ giá USD)",
        "({words} tương đương 385.000 USD)",
        "({words} - tương đương 385.000 USD)",
        "({words} – tương đương 385.000 USD)",
    ],
)
@pytest.mark.parametrize(
    ("words", "expected"), [(WRONG_WORDS, ["words-mismatch"]), (RIGHT_WORDS, [])]
)
def test_words_sharing_their_bracket_with_a_dollar_clause_are_checked(
    tmp_path: Path, bracket: str, words: str, expected: list[str]
) -> None:
    line = f"Tổng kinh phí: 8.853 triệu đồng {bracket.format(words=words)}."
    assert [(code, row, cell) for code, row, cell, *_ in _issues(_text(tmp_path, line))] == [
        (code, 2, None) for code in expected
    ]
    typed = _sheet(tmp_path, [["4. Kinh phí"], [line]])
    assert [(code, row, cell) for code, row, cell, *_ in _issues(typed)] == [
        (code, 2, "A2") for code in expected
    ]


def test_words_with_a_side_clause_before_a_dollar_note_are_not_guessed(tmp_path: Path) -> None:
    bracket = f"(Bằng chữ: {RIGHT_WORDS}; trong đó vốn ODA 2 tỷ đồng, tương đương USD)"
    line = f"Tổng kinh phí: 8.853 triệu đồng {bracket}."
    assert _issues(_text(tmp_path, line)) == []


def _built(*paths: Path) -> dict[str, pl.DataFrame]:
    *inputs, out = paths
    ictdata.build(inputs, out)
    names = ("budget_sources", "rejects", "sources")
    return {name: pl.read_parquet(out / f"{name}.parquet") for name in names}


def _sheet(tmp_path: Path, rows: list[list[object]]) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Kinh phi"
    for row in rows:
        sheet.append(row)
    path = tmp_path / "nguon_kinh_phi.xlsx"
    book.save(path)
    return path


@pytest.mark.parametrize(
    ("unit_line", "header", "code", "unit"),
    [
        ("ĐVT: nghìn USD", "Số tiền", "USD", "nghìn USD"),
        ("Đơn vị tính: EUR", "Số tiền", "EUR", "EUR"),
        (None, "Số tiền (USD)", "USD", "USD"),
    ],
)
def test_a_statement_sheet_under_a_foreign_unit(
    tmp_path: Path, unit_line: str | None, header: str, code: str, unit: str
) -> None:
    path = _sheet(
        tmp_path,
        [
            ["KINH PHÍ THỰC HIỆN KẾ HOẠCH NĂM 2014"],
            [unit_line],
            ["Nguồn kinh phí", header, "Bằng chữ"],
            ["Tổng kinh phí", 350, "Ba trăm năm mươi"],
            ["Ngân sách tỉnh", 350, "Ba trăm năm mươi"],
        ],
    )
    assert _issues(path) == [
        ("foreign-currency", 4, "B4", code, unit),
        ("foreign-currency", 5, "B5", code, unit),
    ]


@pytest.mark.parametrize(
    ("figure", "unit"),
    [
        ("50.000 USD", "USD"),
        ("50.000 USD/năm", "USD"),
        ("50.000 (USD)", "(USD)"),
        ("USD 50.000", "USD"),
        ("$50.000", "$"),
        ("US$ 50.000", "US$"),
    ],
)
def test_a_figure_cell_typed_in_dollars_in_a_dong_sheet(
    tmp_path: Path, figure: str, unit: str
) -> None:
    path = _sheet(
        tmp_path,
        [
            ["ĐVT: đồng"],
            ["Nguồn kinh phí", "Số tiền", "Bằng chữ"],
            ["Ngân sách tỉnh", 8_000_000_000, "Tám tỷ đồng"],
            ["Vốn ODA", figure, "Năm mươi nghìn đô la Mỹ"],
        ],
    )
    # Not bad-number nor bad-words: the figure is a number, in another currency.
    assert _issues(path) == [("foreign-currency", 4, "B4", "USD", unit)]
    marts = _built(path, tmp_path / "marts")
    assert marts["budget_sources"].select("cell", "amount_vnd_figure").rows() == [
        ("B3", 8_000_000_000)
    ]
    assert marts["rejects"].select("row", "reason").rows() == [(4, "foreign-currency")]


def test_statements_typed_in_cells_in_dollars(tmp_path: Path) -> None:
    path = _sheet(tmp_path, [["4. Kinh phí"], ["Tổng kinh phí: 350.000 USD"]])
    assert _issues(path) == [("foreign-currency", 2, "A2", "USD", "USD")]


@pytest.mark.parametrize(
    ("name", "rejected", "kept"),
    [("statement_usd.xlsx", [4, 5, 6], []), ("statement_usd.docx", [3, 4, 5], [(7, 23_000_000)])],
)
def test_no_foreign_figure_of_the_fixtures_reaches_budget_sources(
    tmp_path: Path, name: str, rejected: list[int], kept: list[tuple[int, int]]
) -> None:
    path = FIXTURES / "broken" / name
    report = ictdata.build([path, VALID_PLAN], tmp_path)
    assert {i.code for i in report.files[0].issues} == {IssueCode.FOREIGN_CURRENCY}
    marts = {n: pl.read_parquet(tmp_path / f"{n}.parquet") for n in ("budget_sources", "rejects")}
    own = marts["budget_sources"].filter(pl.col("source_file").str.ends_with(name))
    # Only the đồng amount beside the dollars (its note names the dollar) is loaded.
    assert own.select("row", "amount_vnd_figure").rows() == kept
    rejects = marts["rejects"].filter(pl.col("source_file").str.ends_with(name))
    assert rejects.select("row", "reason").rows() == [(r, "foreign-currency") for r in rejected]
    # Every statement of the file is somewhere, once: in budget_sources or in the rejects.
    sources = pl.read_parquet(tmp_path / "sources.parquet").filter(
        pl.col("source_file").str.ends_with(name)
    )
    assert sources.select("statements", "rejected_rows").row(0) == (len(kept), len(rejected))
    # The good plan beside it still loads its three đồng statements.
    good = marts["budget_sources"].filter(pl.col("source_file").str.ends_with(VALID_PLAN.name))
    assert good["amount_vnd_figure"].to_list() == [11_553_000_000, 8_853_000_000, 2_700_000_000]


@pytest.mark.parametrize(
    ("written", "code", "unit"),
    [
        ("$350.000", "USD", "$"),
        ("USD 350.000", "USD", "USD"),
        ("US$ 350.000", "USD", "US$"),
        ("US $350.000", "USD", "US $"),
        ("usd 350.000", "USD", "usd"),
        ("€ 350.000", "EUR", "€"),
        ("đô la Mỹ 350.000", "USD", "đô la Mỹ"),
    ],
)
def test_a_currency_written_before_the_figure_is_foreign(
    tmp_path: Path, written: str, code: str, unit: str
) -> None:
    path = _text(tmp_path, f"Tổng kinh phí: {written} (Ba trăm năm mươi nghìn).")
    assert _issues(path) == [("foreign-currency", 2, None, code, unit)]
    marts = _built(path, tmp_path / "marts")
    assert marts["budget_sources"].is_empty()
    assert marts["rejects"].select("row", "reason").rows() == [(2, "foreign-currency")]
    assert "350.000" in marts["rejects"]["content"].item()


def test_a_statement_after_a_dollar_figure_written_before_keeps_its_label(tmp_path: Path) -> None:
    path = _text(tmp_path, "Tổng kinh phí là USD 350.000, trong đó ngân sách tỉnh: 8 tỷ đồng.")
    assert [(code, unit) for code, _, _, unit, _ in _issues(path)] == [("foreign-currency", "USD")]
    marts = _built(path, tmp_path / "marts")
    assert marts["budget_sources"].select("label", "amount_vnd_figure").rows() == [
        ("trong đó ngân sách tỉnh", 8 * 10**9)
    ]


@pytest.mark.parametrize(
    ("written", "amount"),
    [
        ("VNĐ 350.000.000 (Ba trăm năm mươi triệu đồng)", 350_000_000),
        ("VND 350.000.000", 350_000_000),
        ("đ 350.000 (Ba trăm năm mươi nghìn đồng)", 350_000),
        ("đồng 350.000", 350_000),
    ],
)
def test_the_dong_written_before_the_figure_is_no_foreign_currency(
    tmp_path: Path, written: str, amount: int
) -> None:
    path = _text(tmp_path, f"Tổng kinh phí: {written}.")
    assert _issues(path) == []
    marts = _built(path, tmp_path / "marts")
    assert marts["budget_sources"].select("row", "amount_vnd_figure").rows() == [(2, amount)]
    assert marts["rejects"].is_empty()


def test_words_after_a_dong_name_before_the_figure_are_checked(tmp_path: Path) -> None:
    path = _text(tmp_path, "Tổng kinh phí: VNĐ 350.000.000 (Ba trăm triệu đồng).")
    assert [(code, row) for code, row, *_ in _issues(path)] == [("words-mismatch", 2)]


def test_a_statement_typed_in_a_cell_with_a_dollar_before_its_figure(tmp_path: Path) -> None:
    path = _sheet(tmp_path, [["4. Kinh phí"], ["Tổng kinh phí: $350.000"]])
    assert _issues(path) == [("foreign-currency", 2, "A2", "USD", "$")]


@pytest.mark.parametrize(
    ("figure", "amount"),
    [("VNĐ 350.000.000", 350_000_000), ("đ 350.000.000", 350_000_000), (350_000_000, 350_000_000)],
)
def test_a_figure_cell_with_the_dong_before_it_is_read(
    tmp_path: Path, figure: object, amount: int
) -> None:
    path = _sheet(
        tmp_path,
        [
            ["ĐVT: đồng"],
            ["Nguồn kinh phí", "Số tiền", "Bằng chữ"],
            ["Vốn ODA", figure, "Ba trăm năm mươi triệu đồng"],
        ],
    )
    assert _issues(path) == []
    marts = _built(path, tmp_path / "marts")
    assert marts["budget_sources"].select("cell", "amount_vnd_figure").rows() == [("B3", amount)]


def _words_sheet(tmp_path: Path, words: str) -> Path:
    return _sheet(
        tmp_path,
        [
            ["ĐVT: đồng"],
            ["Nguồn kinh phí", "Số tiền", "Bằng chữ"],
            ["Tổng kinh phí", 8_853_000_000, words],
        ],
    )


@pytest.mark.parametrize(
    "cell",
    [
        "{words}; tương đương 385.000 USD",
        "Bằng chữ: {words} chẵn, theo tỷ giá USD",
        "{words} tương đương 385.000 USD",
        "{words} - tương đương 385.000 USD",
        "{words} – tương đương 385.000 USD",
        "{words} (tương đương 385.000 USD)",
    ],
)
@pytest.mark.parametrize(
    ("words", "expected"), [(WRONG_WORDS, ["words-mismatch"]), (RIGHT_WORDS, [])]
)
def test_table_words_are_cut_before_a_dollar_clause(
    tmp_path: Path, cell: str, words: str, expected: list[str]
) -> None:
    path = _words_sheet(tmp_path, cell.format(words=words))
    assert [(code, cell) for code, _, cell, *_ in _issues(path)] == [
        (code, "B3") for code in expected
    ]


# The seed's own style: commas between the groups of the words.
COMMA_WRONG = "Tám tỷ, tám trăm triệu đồng"
COMMA_RIGHT = "Tám tỷ, tám trăm năm mươi ba triệu đồng"


@pytest.mark.parametrize(
    ("words", "expected"), [(COMMA_WRONG, ["words-mismatch"]), (COMMA_RIGHT, [])]
)
def test_comma_grouped_table_words_before_a_dollar_clause_are_judged(
    tmp_path: Path, words: str, expected: list[str]
) -> None:
    # Cut at the note, the words hold a comma: they are still words as a whole.
    path = _words_sheet(tmp_path, f"{words} (tương đương 385.000 USD)")
    assert [(code, cell) for code, _, cell, *_ in _issues(path)] == [
        (code, "B3") for code in expected
    ]


def test_a_slip_with_comma_grouped_words_and_a_dollar_note_is_named(tmp_path: Path) -> None:
    # 8.853.000 đồng beside words for 8.853.000.000: the seed's slip, a dollar note after it.
    path = _text(
        tmp_path, f"Ngân sách tỉnh: 8.853.000 đồng ({COMMA_RIGHT}; tương đương 385.000 USD)"
    )
    assert [(code, row) for code, row, *_ in _issues(path)] == [("words-mismatch", 2)]


@pytest.mark.parametrize(
    "cell",
    ["tương đương 385.000 USD", f"{RIGHT_WORDS}; trong đó vốn ODA 2 tỷ đồng, tương đương USD"],
)
def test_table_words_that_are_only_a_dollar_note_or_not_told_apart_are_not_judged(
    tmp_path: Path, cell: str
) -> None:
    path = _words_sheet(tmp_path, cell)
    assert _issues(path) == []
    marts = _built(path, tmp_path / "marts")
    assert marts["budget_sources"]["amount_vnd_figure"].to_list() == [8_853_000_000]


@pytest.mark.parametrize(
    "line",
    [
        "Vốn ODA: 350 triệu (VNĐ).",
        "Vốn ODA: 350 triệu đồng (VNĐ).",
        "Vốn ODA: 350.000.000 (VNĐ).",
        "Vốn ODA: 350.000.000 (đồng).",
        "Vốn ODA: 350 (triệu đồng).",
        "Vốn ODA: 350 triệu (VNĐ) (Ba trăm năm mươi triệu đồng).",
    ],
)
def test_a_dong_unit_in_brackets_after_the_figure_is_its_unit(tmp_path: Path, line: str) -> None:
    path = _text(tmp_path, line)
    assert _issues(path) == []
    marts = _built(path, tmp_path / "marts")
    assert marts["budget_sources"].select("row", "amount_vnd_figure").rows() == [(2, 350_000_000)]


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Vốn ODA: 350 triệu (VNĐ) (Ba trăm triệu đồng).", ("words-mismatch", 300_000_000)),
        ("Vốn ODA: 350 triệu (Ba trăm triệu đồng).", ("words-mismatch", 300_000_000)),
        ("Vốn ODA: 350 triệu (VNĐ nhé).", ("bad-words", None)),
        # A note of another scale contradicts the unit: not taken for its note.
        ("Vốn ODA: 350 triệu (tỷ đồng).", ("bad-words", None)),
    ],
)
def test_a_bracket_after_the_figure_that_is_more_than_a_unit_is_still_words(
    tmp_path: Path, line: str, expected: tuple[str, int | None]
) -> None:
    result = ictdata.check(_text(tmp_path, line)).files[0]
    assert [(i.code.value, i.row, i.expected) for i in result.issues] == [
        (expected[0], 2, expected[1])
    ]


def test_a_figure_cell_with_a_dong_unit_note_is_read(tmp_path: Path) -> None:
    path = _sheet(
        tmp_path,
        [
            ["Nguồn kinh phí", "Số tiền", "Bằng chữ"],
            ["Vốn ODA", "350 triệu (VNĐ)", "Ba trăm năm mươi triệu đồng"],
            ["Vốn tỉnh", "350 triệu (VNĐ)", "Ba trăm triệu đồng"],
        ],
    )
    assert [(code, cell) for code, _, cell, *_ in _issues(path)] == [("words-mismatch", "B3")]
    marts = _built(path, tmp_path / "marts")
    assert marts["budget_sources"]["amount_vnd_figure"].to_list() == [350_000_000] * 2


@pytest.mark.parametrize(
    "line",
    [
        "Tỷ giá: 1 USD = 23.000 đồng",
        "Tỷ giá quy đổi áp dụng: 1 USD = 23.000 VNĐ.",
        "Tỷ giá: USD 1 = 23.000 đồng",
        "Tỷ giá: 1 EUR = 25.500 đ",
    ],
)
def test_an_exchange_rate_line_is_no_statement(tmp_path: Path, line: str) -> None:
    path = _text(tmp_path, f"Tổng kinh phí: 8.853.000.000 đồng ({COMMA_RIGHT})", line)
    assert _issues(path) == []
    marts = _built(path, tmp_path / "marts")
    assert marts["budget_sources"]["amount_vnd_figure"].to_list() == [8_853_000_000]


@pytest.mark.parametrize(
    "line",
    [
        "Vốn ODA: 350.000 USD",
        "Vốn ODA: 350.000 USD (tỷ giá 1 USD = 23.000 đồng)",
        "Vốn ODA: 350.000 USD = 8.050.000.000 đồng",  # an amount converted, not a rate
    ],
)
def test_a_dollar_amount_beside_a_rate_is_still_foreign(tmp_path: Path, line: str) -> None:
    path = _text(tmp_path, f"Tổng kinh phí: 8.853.000.000 đồng ({COMMA_RIGHT})", line)
    assert [(code, row) for code, row, *_ in _issues(path)] == [("foreign-currency", 3)]
