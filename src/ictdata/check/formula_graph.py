"""Which formulas a formula reads, and the order to compute them in: inputs first, loops named.

A total `=SUM(F5:F12)` over a row holding `=J6+L6` must use what `J6+L6` gives, so
F6 is computed before F13. Formulas that read each other in a loop (`A1=B1`, `B1=A1+1`,
a total summing its own cell) have no value; they are named, never followed forever.

>>> graph = FormulaGraph({"F6": "J6+L6", "F13": "SUM(F5:F12)", "A1": "B1", "B1": "A1+1"})
>>> graph.inputs("F13")
['F6']
>>> graph.order("F13", done=set())
(['F6', 'F13'], set())
>>> sorted(graph.order("A1", done=set())[1])
['A1', 'B1']
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Collection, Iterator, Mapping

from ictdata.check.formula_eval import references
from ictdata.read.cells import CellRange, column_letter, split_cell


class FormulaGraph:
    """The formula cells of one sheet and the formula cells each of them reads."""

    def __init__(self, formulas: Mapping[str, str]) -> None:
        """`formulas` maps each formula cell to its text."""
        self.formulas = formulas
        rows: dict[str, list[int]] = {}
        for cell in formulas:
            letter, row = split_cell(cell)
            rows.setdefault(letter, []).append(row)
        self.rows = {letter: sorted(found) for letter, found in rows.items()}

    def inputs(self, cell: str) -> list[str]:
        """The formula cells `cell`'s formula reads, directly (in its references)."""
        found: list[str] = []
        for ref in references(self.formulas[cell]):
            area = CellRange.parse(ref.replace("$", ""))
            for column in range(area.first_column, area.last_column + 1):
                letter = column_letter(column)
                rows = self.rows.get(letter, [])
                first = bisect_left(rows, area.first_row)
                last = bisect_right(rows, area.last_row)
                found.extend(f"{letter}{row}" for row in rows[first:last])
        return found

    def order(self, root: str, done: Collection[str]) -> tuple[list[str], set[str]]:
        """The formula cells to compute so `root` can be, each after its inputs, and the loops.

        Cells in `done` (already computed) are left out. The second item holds every cell
        that reads itself, directly or through others (strongly connected, Tarjan's way,
        without recursion: a chain may be 100,000 cells long).
        """
        index: dict[str, int] = {root: 0}
        low: dict[str, int] = {root: 0}
        stack, on_stack = [root], {root}
        work: list[tuple[str, Iterator[str]]] = [(root, iter(self.inputs(root)))]
        sequence: list[str] = []
        looped: set[str] = set()
        while work:
            cell, inputs = work[-1]
            for found in inputs:
                if found in done:
                    continue
                if found not in index:
                    index[found] = low[found] = len(index)
                    stack.append(found)
                    on_stack.add(found)
                    work.append((found, iter(self.inputs(found))))
                    break
                if found == cell:
                    looped.add(cell)
                if found in on_stack:
                    low[cell] = min(low[cell], index[found])
            else:
                work.pop()
                if work:
                    parent = work[-1][0]
                    low[parent] = min(low[parent], low[cell])
                if low[cell] == index[cell]:
                    component = _pop_component(stack, on_stack, cell)
                    if len(component) > 1:
                        looped.update(component)
                    sequence.extend(component)
        return sequence, looped


def _pop_component(stack: list[str], on_stack: set[str], cell: str) -> list[str]:
    component: list[str] = []
    while True:
        top = stack.pop()
        on_stack.discard(top)
        component.append(top)
        if top == cell:
            return component
