"""The package's layers import downwards only: `read` and `contracts` never reach into the checks.

Reading turns files into frames and contracts describe templates; the checks build on both.
A contract module that imported a rule module would load polars' rule expressions to read a
YAML file, and a change to a rule could break loading contracts. The check vocabularies
(issue codes, file statuses) are the one exception: contracts name them.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SOURCE = Path(__file__).resolve().parents[1] / "src" / "ictdata"
# What a lower layer may take from `ictdata.check`: names, not behaviour.
VOCABULARIES = {"ictdata.check.codes", "ictdata.check.issue"}
UPPER = ("ictdata.check", "ictdata.marts", "ictdata.report", "ictdata.gx", "ictdata.api")


def _imports(path: Path) -> set[str]:
    """Every absolute module `path` imports, at the top or inside a function."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and not node.level:
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return found


def _upward(path: Path) -> list[str]:
    upward = (m for m in _imports(path) if m.startswith(UPPER))
    return sorted(m for m in upward if not any(m.startswith(v) for v in VOCABULARIES))


@pytest.mark.parametrize("layer", ["read", "contracts"])
def test_a_lower_layer_imports_no_check_mart_or_report_code(layer: str) -> None:
    found = {
        str(path.relative_to(SOURCE)): upward
        for path in sorted((SOURCE / layer).rglob("*.py"))
        if (upward := _upward(path))
    }
    assert found == {}


def test_the_probe_sees_an_upward_import(tmp_path: Path) -> None:
    module = tmp_path / "m.py"
    module.write_text(
        "from ictdata.check import row_totals\n"
        "from ictdata.check.codes import IssueCode\n"
        "def f():\n    import ictdata.marts.frames\n",
        encoding="utf-8",
    )
    assert _upward(module) == ["ictdata.check", "ictdata.check.row_totals", "ictdata.marts.frames"]
