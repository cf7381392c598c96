"""The polars engine follows the data's size, leaves the user's choice alone, changes nothing."""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest
from polars.testing import assert_frame_equal

from ictdata import engine
from ictdata.api import check_batch

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
_AFFINITY = "POLARS_ENGINE_AFFINITY"


def _affinity() -> str | None:
    return pl.Config.state(env_only=True).get(_AFFINITY)


def test_small_data_runs_in_memory_and_the_setting_is_restored() -> None:
    before = _affinity()
    with engine.for_rows(engine.SMALL_ROWS):
        assert _affinity() == "in-memory"
    assert _affinity() == before


def test_large_data_keeps_polars_default() -> None:
    before = _affinity()
    with engine.for_rows(engine.SMALL_ROWS + 1):
        assert _affinity() == before


def test_one_query_names_its_engine_by_size() -> None:
    assert engine.for_query(engine.SMALL_ROWS) == "in-memory"
    assert engine.for_query(engine.SMALL_ROWS + 1) == "auto"


def test_the_users_own_choice_stands() -> None:
    with pl.Config(set_engine_affinity="streaming"):
        with engine.for_rows(1):
            assert _affinity() == "streaming"
        assert engine.for_query(1) == "auto"  # polars resolves "auto" to the user's choice


@pytest.mark.parametrize(
    "path", ["valid/seed_budget.xlsx", "broken/total_mismatch.xlsx", "unit_reports/valid"]
)
def test_either_engine_gives_the_same_batch(path: str, monkeypatch: pytest.MonkeyPatch) -> None:
    small = check_batch(FIXTURES / path)
    monkeypatch.setattr(engine, "SMALL_ROWS", -1)
    large = check_batch(FIXTURES / path)
    assert small.report == large.report
    assert_frame_equal(small.amounts, large.amounts)
    assert_frame_equal(small.rejects, large.rejects)
    assert_frame_equal(small.unit_values, large.unit_values)
