"""Write marts atomically: a crash at any moment leaves every previous mart file whole.

Each table is written to a staging folder inside the output folder, flushed to
disk, then moved over its old version with `Path.replace` (`os.replace`: atomic
on POSIX and Windows). `_manifest.json`, replaced last, lists the files of the
set with their row counts and hashes, so a reader can tell a complete set.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
import time
from collections.abc import Mapping
from pathlib import Path

import polars as pl

MANIFEST = "_manifest.json"
STAGING_PREFIX = ".ictdata-staging-"


def _fsync(path: Path) -> None:
    descriptor = os.open(path, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


ABANDONED_AFTER_SECONDS = 3600


def _remove_abandoned(out_dir: Path) -> None:
    """Staging folders a killed build left behind (an hour old: no build still writes them)."""
    cutoff = time.time() - ABANDONED_AFTER_SECONDS
    for folder in out_dir.glob(f"{STAGING_PREFIX}*"):
        if folder.is_dir() and folder.stat().st_mtime < cutoff:
            shutil.rmtree(folder, ignore_errors=True)


def write_marts(
    frames: Mapping[str, pl.DataFrame], out_dir: Path, inputs: Mapping[str, str]
) -> Path:
    """Write each frame as `<name>.parquet` in `out_dir`, atomically; return the manifest path.

    `inputs` maps each input file to its sha256, recorded in the manifest.
    """
    out_dir.mkdir(parents=True, exist_ok=True)
    _remove_abandoned(out_dir)
    staging = Path(tempfile.mkdtemp(prefix=STAGING_PREFIX, dir=out_dir))
    try:
        entries = {}
        for name, frame in sorted(frames.items()):
            path = staging / f"{name}.parquet"
            frame.write_parquet(path, compression="zstd", statistics=True)
            _fsync(path)
            entries[name] = {"file": path.name, "rows": frame.height, "sha256": _digest(path)}
        manifest = staging / MANIFEST
        listing = {"version": 1, "tables": entries, "inputs": dict(sorted(inputs.items()))}
        manifest.write_text(json.dumps(listing, indent=2) + "\n", encoding="utf-8")
        _fsync(manifest)
        for name in sorted(frames):
            (staging / f"{name}.parquet").replace(out_dir / f"{name}.parquet")
        manifest.replace(out_dir / MANIFEST)
        _fsync(out_dir)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return out_dir / MANIFEST
