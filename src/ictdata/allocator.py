"""How soon the command hands freed memory back: polars' allocator, told before polars loads.

polars allocates through its own jemalloc, which it sets to keep freed pages for
0.5 s in case they are wanted again, then to mark them free to the kernel for 1 s
more; marked pages still count in the process's memory until the kernel takes them
back, which a check that is over in a second or two never sees. Checking the
100,000-row table peaked at 366–401 MiB; told to let pages go after 0.1 s and to
return them to the kernel outright (no marking), the same check peaked 22–55 MiB
lower (`build`: 33 MiB) for 0.03 s more CPU (1.79 → 1.82 s), in runs side by side
on a busy machine. Returning pages at once saved 60 MiB but cost 0.26 s. polars
reads the setting when it loads (it puts its own in front, and the last one
stands), so only the command sets it (a program that imports ictdata keeps its
own), and a setting the user made in the environment is left as it is.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from functools import cache

# jemalloc as polars builds it reads its options from this variable (prefix `_RJEM_`).
POLARS_MALLOC_CONF = "_RJEM_MALLOC_CONF"
RETURN_SOON = "dirty_decay_ms:100,muzzy_decay_ms:0"


def return_freed_memory_soon() -> None:
    """Have polars hand freed memory back after 0.1 s, unless the user chose otherwise.

    Call it before polars is imported; afterwards it changes nothing.
    """
    os.environ.setdefault(POLARS_MALLOC_CONF, RETURN_SOON)


def release_c_heap() -> None:
    """Hand the C heap's free pages back to the kernel (glibc's `malloc_trim`), where it can.

    calamine allocates through the C heap: reading the 100,000-row table leaves
    26 MiB of its freed cells there, which `malloc_trim` returns in 5 ms; the
    check's peak is then 26 MiB lower. Elsewhere (no glibc: macOS, musl, Windows) it does nothing.
    """
    trim = _malloc_trim()
    if trim is not None:
        trim(0)


@cache
def _malloc_trim() -> Callable[[int], int] | None:
    """The C library's `malloc_trim` (glibc); None elsewhere.

    macOS and musl have none, and Windows opens no `CDLL(None)` (a TypeError).
    """
    if not sys.platform.startswith("linux"):
        return None
    import ctypes  # noqa: PLC0415  (only a large workbook needs it)

    try:
        found: Callable[[int], int] = ctypes.CDLL(None).malloc_trim
    except (OSError, AttributeError, TypeError):
        return None
    return found
