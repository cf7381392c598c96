"""The command tells polars' allocator to hand freed memory back soon, before polars loads."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from ictdata import allocator

SEED = str(Path(__file__).resolve().parents[1] / "fixtures/valid/seed_budget.xlsx")


def test_the_setting_is_made_when_the_user_made_none(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(allocator.POLARS_MALLOC_CONF, raising=False)
    allocator.return_freed_memory_soon()
    assert allocator.POLARS_MALLOC_CONF in os.environ
    assert os.environ[allocator.POLARS_MALLOC_CONF] == allocator.RETURN_SOON


def test_the_users_own_setting_is_kept(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(allocator.POLARS_MALLOC_CONF, "narenas:1")
    allocator.return_freed_memory_soon()
    assert os.environ[allocator.POLARS_MALLOC_CONF] == "narenas:1"


# The command runs as the console script does; `os._exit` is caught to report what was seen.
PROBE = """
import json, os, sys
os.environ.pop("_RJEM_MALLOC_CONF", None)
import ictdata.cli as cli
seen = []
made = cli.allocator.return_freed_memory_soon
def spy():
    seen.append("polars" in sys.modules)
    made()
cli.allocator.return_freed_memory_soon = spy
def leave(code):
    found = {"polars_loaded_before": seen, "conf": os.environ.get("_RJEM_MALLOC_CONF")}
    print(json.dumps(found), file=sys.stderr)
    sys.stderr.flush()
    os.abort() if code not in (0, 1) else None
    sys.exit(0)
os._exit = leave
sys.argv = ["ictdata", "check", sys.argv[1]]
cli.run()
"""


def test_the_command_sets_it_before_polars_loads() -> None:
    done = subprocess.run(
        [sys.executable, "-c", PROBE, SEED], capture_output=True, text=True, check=True
    )
    found = json.loads(done.stderr.strip().splitlines()[-1])
    assert found["polars_loaded_before"] == [False]
    # polars puts its own defaults in front; the last setting of each option stands.
    assert found["conf"].endswith("," + allocator.RETURN_SOON)


@pytest.mark.parametrize("platform", ["win32", "darwin"])
def test_the_c_heap_is_left_alone_where_there_is_no_glibc(
    platform: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    allocator._malloc_trim.cache_clear()
    monkeypatch.setattr(sys, "platform", platform)
    try:
        assert allocator._malloc_trim() is None
        allocator.release_c_heap()  # and nothing is raised
    finally:
        allocator._malloc_trim.cache_clear()


def test_a_c_library_that_cannot_be_opened_is_left_alone(monkeypatch: pytest.MonkeyPatch) -> None:
    import ctypes

    def refuse(_: object) -> None:
        raise TypeError  # as CDLL(None) does on Windows

    allocator._malloc_trim.cache_clear()
    monkeypatch.setattr(sys, "platform", "linux")
    monkeypatch.setattr(ctypes, "CDLL", refuse)
    try:
        allocator.release_c_heap()
        assert allocator._malloc_trim() is None
    finally:
        allocator._malloc_trim.cache_clear()
