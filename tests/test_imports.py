"""`ictdata check` stays light.

The base install pulls in neither pandas nor great_expectations, and `ictdata check` run in an
environment holding only the base install imports neither. With the `gx` extra installed (as in
the test environment), pandera imports pandas, but `ictdata check` still never imports
great_expectations: only `ictdata gx` and `build --gx-docs` load it.
"""

from __future__ import annotations

import json
import subprocess
import sys
from importlib import metadata
from pathlib import Path
from typing import Any

import pytest
from packaging.requirements import Requirement

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
HEAVY = {"pandas", "great_expectations", "great-expectations", "numpy"}

PROBE = """
import importlib.util, json, sys
sys.path[:0] = sys.argv[2:]
from ictdata.cli import main
code = main(["check", "--format", "json", sys.argv[1]])
heavy = sorted({m.split(".")[0] for m in sys.modules} & {"pandas", "great_expectations", "numpy"})
installed = [n for n in ("pandas", "great_expectations") if importlib.util.find_spec(n)]
gate = main(["gx", sys.argv[1]]) if not installed else None
found = {"code": code, "heavy": heavy, "installed": installed, "gate": gate}
print(json.dumps(found), file=sys.stderr)
"""
SEED = str(FIXTURES / "valid/seed_budget.xlsx")


def _probe(*args: str, path: tuple[str, ...] = ()) -> dict[str, Any]:
    done = subprocess.run(
        [sys.executable, *args, "-c", PROBE, SEED, *path],
        capture_output=True,
        text=True,
        check=True,
    )
    result: dict[str, Any] = json.loads(done.stderr.strip().splitlines()[-1])
    return result


def test_check_never_imports_great_expectations_with_the_extra_installed() -> None:
    result = _probe()
    assert result["installed"] == ["pandas", "great_expectations"]
    assert result["code"] == 0
    assert "great_expectations" not in result["heavy"]  # pandera loads pandas when it is there


def test_the_check_command_keeps_pandas_out_even_when_it_is_installed(tmp_path: Path) -> None:
    # pandera imports numpy and pandas whenever it can: the command's own process makes them
    # look absent (one small file with pandas installed: 0.87 -> 0.59 s of CPU, 185 -> 111 MiB).
    for command in (["check", SEED], ["build", SEED, "--out", str(tmp_path / "marts")]):
        done = subprocess.run(
            [sys.executable, "-c", COMMAND_PROBE, *command],
            capture_output=True,
            text=True,
            check=False,
        )
        code, loaded = json.loads(done.stderr.strip().splitlines()[-1])
        assert code == 0
        assert loaded == ["pandera"]  # the checks still ran through pandera, without pandas


# The console script's path (`cli.run`), reporting what it imported before it leaves.
COMMAND_PROBE = """
import json, os, sys
from ictdata import cli
sys.argv[0] = "ictdata"
def leave(code):
    names = {m.split(".")[0] for m in sys.modules}
    heavy = names & {"pandas", "numpy", "great_expectations", "pandera"}
    print(json.dumps([code, sorted(heavy)]), file=sys.stderr)
    sys.exit(code)
os._exit = leave
cli.run()
"""


def test_the_library_leaves_pandas_importable() -> None:
    # Only the command hides it: a program that imports ictdata keeps its pandas.
    probe = f"import ictdata, pandas; ictdata.check({SEED!r}); print(pandas.__name__)"
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "pandas"


def _base_environment(folder: Path) -> Path:
    """A site folder holding only the base install's distributions (ictdata's own source aside)."""
    site = folder / "site-packages"
    site.mkdir()
    for name in _base_closure("ictdata", set()) - {"ictdata"}:
        distribution = metadata.distribution(name)
        tops = {Path(str(f)).parts[0] for f in distribution.files or ()}
        for top in tops - {".."}:
            target = Path(str(distribution.locate_file(top)))
            if target.exists() and not (site / top).exists():
                (site / top).symlink_to(target)
    return site


def test_check_in_the_base_install_imports_no_pandas_nor_great_expectations(
    tmp_path: Path,
) -> None:
    site = _base_environment(tmp_path)
    source = Path(__file__).resolve().parents[1] / "src"
    result = _probe("-S", path=(str(source), str(site)))  # -S: not the test venv's packages
    assert result == {"code": 0, "heavy": [], "installed": [], "gate": 2}


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


def test_the_gx_extra_pulls_in_great_expectations() -> None:
    requirements = [Requirement(text) for text in metadata.requires("ictdata") or []]
    extra = [r.name for r in requirements if r.marker and r.marker.evaluate({"extra": "gx"})]
    assert extra == ["great-expectations"]


LIGHT_PROBE = """
import sys
from ictdata.cli import main
main(["check", "--format", "text", sys.argv[1]])
print(" ".join(sorted(sys.modules)), file=sys.stderr)
"""
# What one file checked as text does not need: worker processes, plan packages (a folder
# must be named for one), the other report formats; and for a workbook of budget tables,
# the readers of unit reports (and the unit registry), statements (number words),
# documents and CSV, the formula evaluator, and what turns failures into issues.
NOT_FOR_ONE_FILE = (
    "multiprocessing",
    "concurrent.futures.process",
    "ictdata.check.package",
    "ictdata.report.junit",
    "xml.etree.ElementTree",
    "ictdata.read.unit_report",
    "ictdata.units.registry",
    "ictdata.check.unit_duplicates",
    "ictdata.read.statements",
    "ictdata.read.words",
    "ictdata.read.documents",
    "ictdata.read.csv",
    "ictdata.check.formulas",
    "ictdata.check.findings",
)


def test_checking_one_file_imports_only_what_it_uses() -> None:
    done = subprocess.run(
        [sys.executable, "-c", LIGHT_PROBE, SEED], capture_output=True, text=True, check=False
    )
    modules = set(done.stderr.strip().splitlines()[-1].split())
    assert "ictdata.check.runner" in modules  # the probe did check
    assert sorted(modules & set(NOT_FOR_ONE_FILE)) == []


# The command pauses the collector while polars and the checks' modules load, then freezes
# them: that needs the package itself to load none of them.
PACKAGE_PROBE = """
import sys
import ictdata.cli
print(" ".join(sorted(m for m in ("polars", "ictdata.api", "yaml") if m in sys.modules)))
"""


def test_importing_the_package_and_its_command_loads_no_polars() -> None:
    done = subprocess.run(
        [sys.executable, "-c", PACKAGE_PROBE], capture_output=True, text=True, check=True
    )
    assert done.stdout.split() == []


def test_every_public_name_loads_on_first_use() -> None:
    import ictdata

    found = {name: getattr(ictdata, name) for name in ictdata.__all__}
    assert callable(found["check"])
    assert found["IssueCode"].TOTAL_MISMATCH.value == "total-mismatch"


def test_check_is_the_function_after_the_subpackage_of_that_name_loads() -> None:
    import ictdata
    from ictdata.check import runner

    assert runner.__name__ == "ictdata.check.runner"
    assert ictdata.check is ictdata.api.check


def test_an_unknown_name_is_an_attribute_error() -> None:
    import ictdata

    with pytest.raises(AttributeError):
        _ = ictdata.no_such_name


SUBPACKAGE_PROBE = """
import ictdata
print(ictdata.read.words.__name__ if hasattr(ictdata.read, "words") else ictdata.read.__name__)
print(ictdata.api.check is ictdata.check, "check" in dir(ictdata), "import_module" in dir(ictdata))
"""


def test_a_subpackage_loads_when_first_named() -> None:
    done = subprocess.run(
        [sys.executable, "-c", SUBPACKAGE_PROBE], capture_output=True, text=True, check=True
    )
    assert done.stdout.split() == ["ictdata.read", "True", "True", "False"]
