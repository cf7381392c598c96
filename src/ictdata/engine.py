"""Which polars engine runs the queries of a step: the in-memory one while the data is small.

polars 2 runs `collect()` on its streaming engine by default. That engine
starts a pipeline of tasks for every query: about 0.3 ms before any row is
read, against 0.03 ms for the in-memory engine. Checking a 50-row table runs
some fifty queries after the file is read (cutting the table, and pandera's
validation, which runs several per check), so the start-ups are most of its
time; past a few thousand rows the streaming engine pays for itself. For the
checks of a batch the choice is scoped with `pl.Config` (`for_rows`), so
pandera's queries follow it too; switching costs 0.2 ms, too much per file, so
a lazy query that reads one file names its engine (`for_query`). The user's
own choice of engine is left alone. `pl.Config` is process-wide: batches checked
at once in several threads may run on each other's engine (a matter of speed only).
"""

from __future__ import annotations

from contextlib import AbstractContextManager, nullcontext
from typing import Literal

import polars as pl

# Rows of a batch up to which the in-memory engine wins (measured: 2,000 rows in-memory
# 63 ms vs 72-80 ms streaming; 5,000 rows a tie; 100,000 rows streaming 1.35 s vs 1.5-2 s).
SMALL_ROWS = 3_000
_AFFINITY = "POLARS_ENGINE_AFFINITY"


def for_rows(rows: int) -> AbstractContextManager[object]:
    """The engine for queries over `rows` rows: in-memory when they are few."""
    return in_memory() if rows <= SMALL_ROWS else nullcontext()


def for_query(rows: int) -> Literal["in-memory", "auto"]:
    """The `engine` argument of one `collect()` over `rows` rows."""
    return "in-memory" if rows <= SMALL_ROWS and not _users_choice() else "auto"


def in_memory() -> AbstractContextManager[object]:
    """The in-memory engine, for a step that mostly moves columns whatever its rows.

    The streaming engine copies every column a query passes on; the in-memory
    engine passes them by reference.
    """
    if _users_choice():
        return nullcontext()
    return pl.Config(set_engine_affinity="in-memory")


def _users_choice() -> bool:
    return _AFFINITY in pl.Config.state(if_set=True, env_only=True)
