"""Which polars engine runs the queries of a step: the in-memory one while the data is small.

polars 2 runs `collect()` on its streaming engine by default. That engine
starts a pipeline of tasks for every query: about 0.3 ms before any row is
read, against 0.03 ms for the in-memory engine. Checking a 50-row table runs
some fifty queries after the file is read (cutting the table, and pandera's
validation, which runs several per check), so the start-ups are most of its
time; past a few thousand rows the streaming engine pays for itself. Reading
a file gains nothing from it (a small workbook's queries cost the same on
either engine, and switching costs 0.2 ms), so the choice is made per batch.
It is scoped with `pl.Config`, so pandera's queries follow it too, and it is
left alone when the user has chosen an engine.
"""

from __future__ import annotations

from contextlib import AbstractContextManager, nullcontext

import polars as pl

# Rows of a batch up to which the in-memory engine wins (measured: 2,000 rows in-memory
# 63 ms vs 72-80 ms streaming; 5,000 rows a tie; 100,000 rows streaming 1.35 s vs 1.5-2 s).
SMALL_ROWS = 3_000
_AFFINITY = "POLARS_ENGINE_AFFINITY"


def for_rows(rows: int) -> AbstractContextManager[object]:
    """The engine for queries over `rows` rows: in-memory when they are few."""
    return _in_memory() if rows <= SMALL_ROWS else nullcontext()


def _in_memory() -> AbstractContextManager[object]:
    if _AFFINITY in pl.Config.state(if_set=True, env_only=True):
        return nullcontext()  # the user's own choice stands
    return pl.Config(set_engine_affinity="in-memory")
