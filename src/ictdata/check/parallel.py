"""Read a batch of files, in worker processes when it is large enough to repay them.

Workers are spawned, not forked: polars' thread pool does not survive a fork.
Starting one costs a few hundred milliseconds, so small batches are read here.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from ictdata.check.reading import FileWork, Templates, read_file

PARALLEL_MIN_FILES = 24
Progress = Callable[[int, int], None]


def _serial(
    paths: Sequence[str], templates: Templates, progress: Progress | None
) -> list[FileWork]:
    done = []
    for index, path in enumerate(paths):
        done.append(read_file(index, path, templates))
        if progress is not None:
            progress(index + 1, len(paths))
    return done


def read_all(
    files: Sequence[Path], templates: Templates, *, jobs: int = 1, progress: Progress | None = None
) -> list[FileWork]:
    """Read every file, in input order; `progress(done, total)` is called as files finish."""
    paths = [path.as_posix() for path in files]
    if jobs <= 1 or len(paths) < PARALLEL_MIN_FILES:
        return _serial(paths, templates, progress)
    # Imported here: most runs are small and never start a worker.
    import multiprocessing  # noqa: PLC0415
    from concurrent.futures import ProcessPoolExecutor  # noqa: PLC0415

    context = multiprocessing.get_context("spawn")
    chunk = max(1, len(paths) // (jobs * 8))
    done: list[FileWork] = []
    with ProcessPoolExecutor(max_workers=jobs, mp_context=context) as pool:
        for work in pool.map(
            read_file, range(len(paths)), paths, [templates] * len(paths), chunksize=chunk
        ):
            done.append(work)
            if progress is not None:
                progress(len(done), len(paths))
    return done
