"""`ictdata check` stays light: no pandas or great_expectations, in process or base install."""

from __future__ import annotations

import json
import subprocess
import sys
from importlib import metadata
from pathlib import Path

from packaging.requirements import Requirement

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
HEAVY = {"pandas", "great_expectations", "great-expectations", "numpy"}

PROBE = """
import json, sys
from ictdata.cli import main
code = main(["check", "--format", "json", sys.argv[1]])
heavy = sorted({m.split(".")[0] for m in sys.modules} & {"pandas", "great_expectations", "numpy"})
print(json.dumps({"code": code, "heavy": heavy}), file=sys.stderr)
"""


def test_check_imports_no_pandas_nor_great_expectations() -> None:
    done = subprocess.run(
        [sys.executable, "-c", PROBE, str(FIXTURES / "valid/seed_budget.xlsx")],
        capture_output=True,
        text=True,
        check=True,
    )
    result = json.loads(done.stderr.strip().splitlines()[-1])
    assert result == {"code": 0, "heavy": []}


def _base_closure(name: str, seen: set[str]) -> set[str]:
    """Distributions the base install of `name` pulls in (extras left out)."""
    key = name.lower().replace("_", "-")
    if key in seen:
        return seen
    seen.add(key)
    try:
        requires = metadata.requires(name) or []
    except metadata.PackageNotFoundError:
        return seen
    for text in requires:
        requirement = Requirement(text)
        marker = requirement.marker
        if marker is not None and not marker.evaluate({"extra": ""}):
            continue
        _base_closure(requirement.name, seen)
        for extra in requirement.extras:
            for sub in metadata.requires(requirement.name) or []:
                sub_req = Requirement(sub)
                if sub_req.marker is not None and sub_req.marker.evaluate({"extra": extra}):
                    _base_closure(sub_req.name, seen)
    return seen


def test_base_install_pulls_in_no_pandas() -> None:
    closure = _base_closure("ictdata", set())
    assert {"polars", "pandera", "fastexcel", "pyarrow"} <= closure
    assert closure.isdisjoint(HEAVY)
