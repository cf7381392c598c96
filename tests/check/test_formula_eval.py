from __future__ import annotations

from fractions import Fraction

import pytest

from ictdata.check.formula_eval import UnevaluableError, evaluate, references, tokens

VALUES = {"F5": Fraction(1092), "F6": Fraction(8603), "F12": Fraction(1634), "G5": Fraction(1, 2)}


def value(cell: str) -> Fraction | None:
    return VALUES.get(cell)


@pytest.mark.parametrize(
    ("formula", "result"),
    [
        ("SUM(F5:F12)", Fraction(11329)),
        ("=SUM(F5:F12)", Fraction(11329)),
        ("sum(F5:F12)", Fraction(11329)),
        ("SUM($F$5:$F$12)", Fraction(11329)),
        ("F5+F6+F12", Fraction(11329)),
        ("SUM(F5,F6,F7:F12)", Fraction(11329)),
        ("F6-F5*2", Fraction(8603 - 2184)),
        ("(F5+F6)/2", Fraction(9695, 2)),
        ("-F5+G5", Fraction(-2183, 2)),
        ("SUM(F5:F12)-SUM(F5:F6)", Fraction(1634)),
        ("1.5+F5", Fraction(2187, 2)),
    ],
)
def test_evaluates_budget_formulas(formula: str, result: Fraction) -> None:
    assert evaluate(formula, value) == result


@pytest.mark.parametrize(
    "formula",
    ["VLOOKUP(A1,B:B,2)", "Sheet2!A1", "F5/0", "SUM(F5:F12", "F5+", "IF(F5>1,1,0)", "A:A"],
)
def test_refuses_what_it_cannot_evaluate(formula: str) -> None:
    with pytest.raises(UnevaluableError):
        evaluate(formula, value)


def test_blank_cells_count_as_zero_as_in_spreadsheets() -> None:
    assert evaluate("SUM(A1:A3)+B7", lambda _: None) == 0


def test_references_lists_cells_and_ranges() -> None:
    assert references("SUM(F5:F12)+$G$3") == ["F5:F12", "$G$3"]
    assert references("VLOOKUP(A1,B:B,2)") == []


def test_tokens_keep_function_names() -> None:
    assert tokens("SUM(A1)")[0] == ("func", "SUM")
