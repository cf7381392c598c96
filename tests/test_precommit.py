"""The pre-commit hook, run by pre-commit itself in a throwaway repository of submissions."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "fixtures"


def _pre_commit() -> str:
    found = Path(sys.executable).with_name("pre-commit")
    if not found.exists():
        pytest.fail("pre-commit is not installed: install the test extra")
    return str(found)


@pytest.fixture(scope="module")
def submissions(tmp_path_factory: pytest.TempPathFactory) -> Path:
    repo = tmp_path_factory.mktemp("submissions")
    subprocess.run(["git", "init", "-q"], cwd=repo, check=True)
    shutil.copy(FIXTURES / "valid/seed_budget.xlsx", repo / "good.xlsx")
    shutil.copy(FIXTURES / "broken/total_mismatch.xlsx", repo / "bad.xlsx")
    subprocess.run(["git", "add", "."], cwd=repo, check=True)
    return repo


def _try_repo(repo: Path, home: Path, *files: str) -> subprocess.CompletedProcess[str]:
    if not (ROOT / ".git").exists():
        pytest.skip("the hook is tried from a git checkout of ictdata")
    env = {**os.environ, "PRE_COMMIT_HOME": str(home)}
    return subprocess.run(
        [_pre_commit(), "try-repo", str(ROOT), "ictdata-check", "--files", *files],
        cwd=repo,
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=600,
    )


def test_hook_fails_on_the_bad_spreadsheet_and_passes_the_good(
    submissions: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    home = tmp_path_factory.mktemp("pre-commit-home")
    both = _try_repo(submissions, home, "good.xlsx", "bad.xlsx")
    assert both.returncode == 1, both.stdout + both.stderr
    assert "bad.xlsx:Bieu 01!F13: error total-mismatch" in both.stdout
    assert "good.xlsx:" not in both.stdout
    good = _try_repo(submissions, home, "good.xlsx")
    assert good.returncode == 0, good.stdout + good.stderr
