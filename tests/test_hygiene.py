"""The repository keeps its promises: lint and types clean, README true, contracts shipped."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def _tool(name: str) -> str:
    found = Path(sys.executable).with_name(name)
    if found.exists():
        return str(found)
    path = shutil.which(name)
    if path is None:
        pytest.fail(f"{name} is not installed: install the test extra (pip install -e '.[test]')")
    return path


def _command_after(marker: str) -> str:
    match = re.search(rf"<!-- {marker} -->\s*```sh\n(.+?)\n```", README)
    assert match is not None, f"README has no {marker}"
    return match[1]


def test_ruff_lint_is_clean() -> None:
    done = subprocess.run(
        [_tool("ruff"), "check", "."], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stdout + done.stderr


def test_ruff_format_is_clean() -> None:
    done = subprocess.run(
        [_tool("ruff"), "format", "--check", "."],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr


def test_mypy_strict_is_clean() -> None:
    done = subprocess.run([_tool("mypy")], cwd=ROOT, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stdout + done.stderr


def test_ci_runs_the_readme_test_command() -> None:
    command = _command_after("test-command")
    assert "pytest" in command
    assert "pip install" in command
    assert "test-command" in (ROOT / ".ci/run").read_text(encoding="utf-8")


def test_readme_demo_runs_the_main_job_on_the_fixtures() -> None:
    command = _command_after("demo-command")
    assert "ictdata build fixtures" in command


def test_wheel_ships_the_contracts(tmp_path: Path) -> None:
    pip = [
        sys.executable,
        "-m",
        "pip",
        "wheel",
        "--no-deps",
        "--no-build-isolation",
        "-q",
        "-w",
        str(tmp_path),
        str(ROOT),
    ]
    if subprocess.run([sys.executable, "-c", "import hatchling"], check=False).returncode != 0:
        pip.remove("--no-build-isolation")
    subprocess.run(pip, check=True, capture_output=True)
    (wheel,) = tmp_path.glob("ictdata-*.whl")
    import zipfile

    names = zipfile.ZipFile(wheel).namelist()
    for contract in sorted((ROOT / "schemas").glob("*.yaml")):  # budget_appendix too
        assert f"ictdata/schemas/{contract.name}" in names
    assert "ictdata/schemas/marts/project_funding.yaml" in names  # the gate's mart contracts
    assert "ictdata/py.typed" in names
