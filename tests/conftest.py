"""Shared test fixtures: the committed fixture files and their declared expectations."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import settings

# No property test is timed: on a shared CI machine a polars call can take longer
# than hypothesis' default 200 ms deadline, and speed is the benchmark's business.
settings.register_profile("ictdata", deadline=None)
settings.load_profile("ictdata")

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "fixtures"


@pytest.fixture(scope="session")
def fixtures_dir() -> Path:
    """The committed fixtures folder."""
    return FIXTURES


@pytest.fixture(scope="session")
def expected() -> dict[str, Any]:
    """fixtures/expected.json: what each fixture file must give, written by the generator."""
    data: dict[str, Any] = json.loads((FIXTURES / "expected.json").read_text(encoding="utf-8"))
    return data


@pytest.fixture
def in_repo(monkeypatch: pytest.MonkeyPatch) -> Path:
    """Run the test from the repository root, as the README's commands do."""
    monkeypatch.chdir(ROOT)
    return ROOT
