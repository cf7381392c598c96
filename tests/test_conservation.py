"""No input row is lost or counted twice, and no kill at any moment corrupts the marts.

Every row with content under the header is either a project or a reject, exactly once,
whatever the table mixes; and `ictdata build` killed at random moments leaves every mart
file readable and, once a run completes, the same marts as an uninterrupted run.
"""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import polars as pl
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import ictdata
from builders import Cell, project, table_maker, total

ROOT = Path(__file__).resolve().parents[1]
FIRST_DATA_ROW = 5  # the builder writes rows under its two-row header from row 5
AMOUNT_COLUMNS = 8

# ------------------------------------------------------------------------ every row, once

NAMES = st.one_of(
    st.sampled_from(
        [
            "Dự án chuyển tiếp",
            "Ghi chú: dự án kéo dài sang năm 2015",
            "Người lập biểu",
            "Nâng cấp mạng LAN",
            "(Kèm theo Kế hoạch số 4379/KH-UBND)",
        ]
    ),
    st.text(st.characters(categories=("L", "N", "P", "Zs")), min_size=1, max_size=20).filter(
        str.strip
    ),
)
AMOUNTS = st.lists(
    st.one_of(st.none(), st.integers(min_value=0, max_value=100_000)),
    min_size=AMOUNT_COLUMNS,
    max_size=AMOUNT_COLUMNS,
)
KINDS = st.sampled_from(["project", "blank", "section", "note"])


@st.composite
def budget_tables(draw: st.DrawFn) -> list[list[Cell]]:
    """Projects, blank, section and note rows, a totals row, then more rows after it."""
    rows: list[list[Cell]] = []
    sums = [0] * AMOUNT_COLUMNS
    number = 0

    def add(kind: str) -> None:
        nonlocal number
        if kind == "project":
            number += 1
            amounts = draw(AMOUNTS)
            sums[:] = [s + (a or 0) for s, a in zip(sums, amounts, strict=True)]
            rows.append(project(number, *amounts))
        elif kind == "blank":
            rows.append([])
        elif kind == "section":
            rows.append([draw(st.sampled_from(["I", "II", "A", "B"])), draw(NAMES)])
        else:
            rows.append([None, draw(NAMES)])

    for kind in draw(st.lists(KINDS, max_size=12)):
        add(kind)
    rows.append(total(*(s or None for s in sums)))
    for kind in draw(st.lists(KINDS, max_size=4)):
        add(kind)
    return rows


def _has_content(row: list[Cell]) -> bool:
    return any(cell is not None and str(cell).strip() for cell in row)


def _accounted_rows(out: Path, source: Path) -> list[int]:
    """The row numbers of `source` in projects and rejects, each as often as it appears."""
    found: list[int] = []
    for table in ("projects", "rejects"):
        frame = pl.read_parquet(out / f"{table}.parquet")
        found += frame.filter(pl.col("source_file") == source.as_posix())["row"].to_list()
    return found


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(budget_tables())
def test_every_row_with_content_is_a_project_or_a_reject_exactly_once(
    rows: list[list[Cell]],
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = table_maker(Path(folder))(rows)
        out = Path(folder) / "marts"
        ictdata.build(path, out)
        found = _accounted_rows(out, path)
    with_content = [FIRST_DATA_ROW + i for i, row in enumerate(rows) if _has_content(row)]
    assert sorted(row for row in found if row >= FIRST_DATA_ROW) == with_content
    assert len(found) == len(set(found))  # the title and header rows are not counted twice


# ------------------------------------------------------------------------ kill at any moment

KILLED_RUNS = 6
TABLES_GLOB = "*.parquet"


def _start_build(out: Path) -> subprocess.Popen[bytes]:
    """`python -m ictdata build fixtures --out OUT`, in a process group of its own."""
    command = [sys.executable, "-m", "ictdata", "build", "fixtures", "--out", str(out)]
    env = {name: value for name, value in os.environ.items() if not name.startswith("ICTDATA_")}
    return subprocess.Popen(
        command,
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,  # its worker processes are killed with it
    )


def _complete_build(out: Path) -> None:
    """Run a build to its end."""
    child = _start_build(out)
    assert child.wait(timeout=120) == 2  # the unreadable fixtures make it exit 2


def _tables(out: Path) -> dict[str, pl.DataFrame]:
    return {path.name: pl.read_parquet(path) for path in sorted(out.glob(TABLES_GLOB))}


def _staging(out: Path) -> set[str]:
    return {path.name for path in out.glob(".ictdata-staging-*")}


def _assert_whole(out: Path) -> None:
    """Every mart file reads, and the manifest lists files that are there, as it says."""
    tables = _tables(out)
    manifest = json.loads((out / "_manifest.json").read_text(encoding="utf-8"))
    for name, entry in manifest["tables"].items():
        assert tables[entry["file"]].height == entry["rows"], name


def _when_writing(child: subprocess.Popen[bytes], out: Path, moments: random.Random) -> None:
    """Return a few milliseconds after `child` starts staging its marts (or when it ends)."""
    before = _staging(out)
    while child.poll() is None and _staging(out) <= before:
        time.sleep(0.001)
    time.sleep(moments.uniform(0, 0.02))  # the files are written and moved within ~20 ms


def test_a_build_killed_at_any_moment_leaves_whole_marts(tmp_path: Path) -> None:
    out = tmp_path / "marts"
    _complete_build(out)
    first = _tables(out)
    assert set(first) >= {"projects.parquet", "rejects.parquet", "issues.parquet"}
    assert _staging(out) == set()
    moments = random.Random(4379)  # noqa: S311  not cryptography: when to pull the plug
    for attempt in range(KILLED_RUNS):
        child = _start_build(out)
        if attempt % 2 == 0:
            time.sleep(moments.uniform(0.05, 1.5))  # anywhere, mostly while reading
        else:
            _when_writing(child, out, moments)  # while the marts are being replaced
        os.killpg(child.pid, signal.SIGKILL)
        child.wait(timeout=30)
        _assert_whole(out)
    leftovers = _staging(out)
    _complete_build(out)
    _assert_whole(out)
    assert _staging(out) <= leftovers  # a completed run removes its own staging folder
    last = _tables(out)
    assert set(last) == set(first)
    for name, frame in first.items():
        assert last[name].equals(frame), name
