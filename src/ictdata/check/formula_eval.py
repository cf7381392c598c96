"""Evaluate the simple spreadsheet formulas budget tables use: SUM, + - * /, references.

Money is exact: values are Fractions in the table's unit. Anything beyond this
small grammar (other functions, other sheets) is `Unevaluable`, never a guess.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from fractions import Fraction

from ictdata.read.cells import CellRange, column_letter

_TOKEN = re.compile(
    r"\s*(?:(?P<range>\$?[A-Z]{1,3}\$?[0-9]+:\$?[A-Z]{1,3}\$?[0-9]+)"
    r"|(?P<ref>\$?[A-Z]{1,3}\$?[0-9]+)(?![0-9A-Z(!])"
    r"|(?P<func>[A-Z][A-Z0-9.]*)\("
    r"|(?P<num>[0-9]+(?:\.[0-9]+)?(?:[eE][-+]?[0-9]+)?)"
    r"|(?P<op>[-+*/(),]))"
)
_MAX_CELLS = 2_000_000
_SUBTOTAL_SUMS = frozenset({Fraction(9), Fraction(109)})

CellValue = Callable[[str], Fraction | None]


class UnevaluableError(ValueError):
    """The formula uses something this evaluator does not know."""


def tokens(text: str) -> list[tuple[str, str]]:
    """Split a formula into (kind, text) tokens.

    >>> tokens("SUM(F5:F12)+1")
    [('func', 'SUM'), ('range', 'F5:F12'), ('op', ')'), ('op', '+'), ('num', '1')]
    """
    found: list[tuple[str, str]] = []
    position = 0
    text = text.strip().removeprefix("=").upper()
    while position < len(text.rstrip()):
        match = _TOKEN.match(text, position)
        if match is None or match.end() == position:
            msg = f"cannot read {text[position:]!r}"
            raise UnevaluableError(msg)
        kind = match.lastgroup or ""
        found.append((kind, match[kind]))
        position = match.end()
    return found


class _Parser:
    def __init__(self, text: str, value: CellValue) -> None:
        self.tokens = tokens(text)
        self.position = 0
        self.value = value

    def peek(self) -> tuple[str, str] | None:
        return self.tokens[self.position] if self.position < len(self.tokens) else None

    def take(self) -> tuple[str, str]:
        token = self.peek()
        if token is None:
            msg = "formula ends too early"
            raise UnevaluableError(msg)
        self.position += 1
        return token

    def expect(self, text: str) -> None:
        if self.take() != ("op", text):
            msg = f"expected {text!r}"
            raise UnevaluableError(msg)

    def expression(self) -> Fraction:
        total = self.term()
        while self.peek() in {("op", "+"), ("op", "-")}:
            sign = self.take()[1]
            total = total + self.term() if sign == "+" else total - self.term()
        return total

    def term(self) -> Fraction:
        total = self.factor()
        while self.peek() in {("op", "*"), ("op", "/")}:
            operator = self.take()[1]
            other = self.factor()
            if operator == "/" and other == 0:
                msg = "division by zero"
                raise UnevaluableError(msg)
            total = total * other if operator == "*" else total / other
        return total

    def factor(self) -> Fraction:
        kind, text = self.take()
        if (kind, text) == ("op", "-"):
            return -self.factor()
        if (kind, text) == ("op", "+"):
            return self.factor()
        if (kind, text) == ("op", "("):
            inner = self.expression()
            self.expect(")")
            return inner
        if kind == "num":
            return Fraction(text)
        if kind == "ref":
            return self.value(text.replace("$", "")) or Fraction(0)
        if kind == "func":
            return self.function(text.upper())
        msg = f"unsupported {text!r}"
        raise UnevaluableError(msg)

    def function(self, name: str) -> Fraction:
        if name == "SUM":
            return self.sum_arguments()
        if name == "SUBTOTAL":
            return self.subtotal()
        if name == "ROUND":
            return self.round_arguments()
        msg = f"unsupported function {name}"
        raise UnevaluableError(msg)

    def subtotal(self) -> Fraction:
        """SUBTOTAL(9 or 109, ...): a SUM that skips other subtotals; here, a SUM."""
        kind = self.expression()
        self.expect(",")
        if kind not in _SUBTOTAL_SUMS:
            msg = f"SUBTOTAL({kind}) is not a sum"
            raise UnevaluableError(msg)
        return self.sum_arguments()

    def round_arguments(self) -> Fraction:
        """ROUND(x, n), halves away from zero as spreadsheets round."""
        value = self.expression()
        self.expect(",")
        digits = self.expression()
        self.expect(")")
        scale = Fraction(10) ** int(digits)
        magnitude = (abs(value) * scale + Fraction(1, 2)).__floor__()
        return (magnitude if value >= 0 else -magnitude) / scale

    def sum_arguments(self) -> Fraction:
        total = Fraction(0)
        while True:
            token = self.peek()
            if token is not None and token[0] == "range":
                self.take()
                total += sum_range(token[1], self.value)
            else:
                total += self.expression()
            if self.take() == ("op", ")"):
                return total


def sum_range(ref: str, value: CellValue) -> Fraction:
    """The sum of a rectangular range; blank and text cells count as 0, as in spreadsheets."""
    area = CellRange.parse(ref.replace("$", ""))
    size = (area.last_column - area.first_column + 1) * (area.last_row - area.first_row + 1)
    if size > _MAX_CELLS:
        msg = f"range {ref} is too large"
        raise UnevaluableError(msg)
    return sum(
        (value(f"{column_letter(col)}{row}") or Fraction(0) for col, row in area.cells()),
        Fraction(0),
    )


def evaluate(text: str, value: CellValue) -> Fraction:
    """The value of formula `text`, reading cells through `value`.

    >>> evaluate("SUM(A1:A2)-A3", {"A1": Fraction(2), "A2": Fraction(3), "A3": Fraction(1)}.get)
    Fraction(4, 1)
    """
    parser = _Parser(text, value)
    result = parser.expression()
    if parser.peek() is not None:
        msg = f"unexpected {parser.peek()}"
        raise UnevaluableError(msg)
    return result


def references(text: str) -> list[str]:
    """Every cell or range a formula reads (empty when it cannot be tokenised)."""
    try:
        return [t for kind, t in tokens(text) if kind in {"ref", "range"}]
    except UnevaluableError:
        return []
