"""Hostile files are checked in a child process, in bounded time and memory, never crashing it.

Each file of fixtures/hostile must give the exit code of the status expected.json declares,
a JSON report, and no traceback, within 20 seconds and 1 GiB. A few hostile workbooks are
built here instead of in fixtures/, because reading them in-process (as the fixture tests
and the demo do) would take the whole run down with them.
"""

from __future__ import annotations

import io
import json
import os
import re
import resource
import signal
import subprocess
import sys
import tempfile
import time
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "fixtures"
HOSTILE = FIXTURES / "hostile"
SEED = FIXTURES / "valid/seed_budget.xlsx"
SEED_SHEET = "xl/worksheets/sheet1.xml"  # the one sheet of the seed and of two_tables.xlsx
TIMEOUT_SECONDS = 20
MEMORY_LIMIT = 2**30  # bytes: no small file may cost a gigabyte
EXIT_CODES = {"valid": 0, "invalid": 1, "unreadable": 2}
HOSTILE_FILES = sorted(
    path.relative_to(FIXTURES).as_posix() for path in HOSTILE.iterdir() if path.is_file()
)

# Files whose declared outcome ictdata does not give yet: the declaration is the correct one.
KNOWN_BUGS: dict[str, str] = {}


@dataclass(frozen=True)
class Run:
    """What a child `ictdata check` did."""

    exit_code: int
    stdout: str
    stderr: str
    peak_rss: int  # bytes, the child's (and its reaped workers') largest resident set

    def report(self) -> dict[str, Any]:
        """The JSON report it printed."""
        data: dict[str, Any] = json.loads(self.stdout)
        return data


def _child_env() -> dict[str, str]:
    """The test's environment without ictdata limits a test may have set."""
    return {name: value for name, value in os.environ.items() if not name.startswith("ICTDATA_")}


# A hostile file must not take the test machine down with a regressed ictdata: the child
# caps its own address space, then execs `python -m ictdata` (same process, so wait4 still
# measures it; worker processes inherit the cap). A runaway allocation then fails in it.
ADDRESS_SPACE = 6 * 2**30
CAPPED = (
    "import os, resource, sys; "
    "resource.setrlimit(resource.RLIMIT_AS, (int(sys.argv[1]),) * 2); "
    "os.execv(sys.executable, [sys.executable, '-m', 'ictdata', *sys.argv[2:]])"
)


def run_check(*paths: Path, jobs: int = 1) -> Run:
    """Run `python -m ictdata check --format json` on `paths`; fail the test past the timeout.

    The child is reaped with os.wait4, whose resource usage gives its peak memory.
    """
    command = [sys.executable, "-c", CAPPED, str(ADDRESS_SPACE)]
    command += ["check", "--format", "json", "--lang", "en", "--jobs", str(jobs), *map(str, paths)]
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        child = subprocess.Popen(
            command, stdout=out, stderr=err, cwd=ROOT, env=_child_env(), start_new_session=True
        )
        status, usage = _reap(child)
        out.seek(0)
        err.seek(0)
        return Run(
            exit_code=os.waitstatus_to_exitcode(status),
            stdout=out.read().decode("utf-8"),
            stderr=err.read().decode("utf-8", errors="replace"),
            peak_rss=usage.ru_maxrss * 1024,  # Linux reports kibibytes
        )


def _reap(child: subprocess.Popen[bytes]) -> tuple[int, resource.struct_rusage]:
    """Wait for `child` (killing its process group past the timeout) and return wait4's answer."""
    deadline = time.monotonic() + TIMEOUT_SECONDS
    while True:
        pid, status, usage = os.wait4(child.pid, os.WNOHANG)
        if pid == child.pid:
            child.returncode = os.waitstatus_to_exitcode(status)  # reaped: Popen must not wait
            return status, usage
        if time.monotonic() > deadline:
            os.killpg(child.pid, signal.SIGKILL)
            os.wait4(child.pid, 0)
            child.returncode = -signal.SIGKILL
            pytest.fail(f"ictdata took over {TIMEOUT_SECONDS} s")
        time.sleep(0.02)


def assert_sane(run: Run) -> None:
    """No traceback, no crash, a JSON report, bounded memory."""
    assert "Traceback" not in run.stderr
    assert run.exit_code in {0, 1, 2}, run.stderr[-2000:]
    assert run.peak_rss < MEMORY_LIMIT, f"peak memory {run.peak_rss / 2**20:.0f} MiB"
    run.report()


def _param(name: str) -> Any:
    """The file's name, marked xfail while ictdata does not give its declared outcome."""
    if name in KNOWN_BUGS:
        return pytest.param(name, marks=pytest.mark.xfail(strict=True, reason=KNOWN_BUGS[name]))
    return name


def test_the_hostile_folder_is_there() -> None:
    assert len(HOSTILE_FILES) >= 14


@pytest.mark.parametrize("name", [_param(name) for name in HOSTILE_FILES])
def test_a_hostile_file_gives_its_declared_outcome_quickly(
    name: str, expected: dict[str, Any]
) -> None:
    declared = expected["files"][name]
    run = run_check(FIXTURES / name)
    assert_sane(run)
    (result,) = run.report()["files"]
    assert result["status"] == declared["status"]
    assert run.exit_code == EXIT_CODES[declared["status"]]
    assert [i["code"] for i in result["issues"]] == [i["code"] for i in declared["issues"]]
    if "reason" in declared:
        (issue,) = result["issues"]
        assert issue["detail"].startswith(declared["reason"])


def test_the_zip_bomb_is_refused_before_it_is_inflated() -> None:
    bomb = HOSTILE / "zip_bomb.xlsx"
    with zipfile.ZipFile(bomb) as package:
        unpacked = sum(info.file_size for info in package.infolist())
    assert bomb.stat().st_size < 200 * 2**10
    assert unpacked > 600 * 2**20
    run = run_check(bomb)
    assert_sane(run)
    assert run.exit_code == 2
    (issue,) = run.report()["files"][0]["issues"]
    assert issue["detail"].startswith("too-large")
    assert run.peak_rss < MEMORY_LIMIT


def test_every_hostile_file_is_small() -> None:
    sizes = {name: (FIXTURES / name).stat().st_size for name in HOSTILE_FILES}
    assert {name: size for name, size in sizes.items() if size >= 200 * 2**10} == {}


def test_hostile_files_do_not_stop_a_batch(expected: dict[str, Any]) -> None:
    valid = sorted((FIXTURES / "valid").iterdir())
    run = run_check(HOSTILE, FIXTURES / "valid", jobs=2)
    assert_sane(run)
    assert run.exit_code == 2
    statuses = {
        Path(result["path"]).resolve(): result["status"] for result in run.report()["files"]
    }
    assert {path.resolve(): statuses.get(path.resolve()) for path in valid} == {
        path.resolve(): "valid" for path in valid
    }
    hostile = {
        name: statuses.get((FIXTURES / name).resolve())
        for name in HOSTILE_FILES
        if name not in KNOWN_BUGS
    }
    assert hostile == {name: expected["files"][name]["status"] for name in hostile}


def test_a_wrong_total_above_a_second_table_is_still_reported(tmp_path: Path) -> None:
    path = tmp_path / "two_tables_wrong_total.xlsx"
    path.write_bytes(
        _with_sheet_edit(
            HOSTILE / "two_tables.xlsx",
            lambda xml: xml.replace(b'<c r="F13"><v>11329</v>', b'<c r="F13"><v>11392</v>'),
        )
    )
    run = run_check(path)
    assert_sane(run)
    issues = run.report()["files"][0]["issues"]
    assert [(i["code"], i["cell"], i["row"], i["actual"]) for i in issues] == [
        ("total-mismatch", "F13", 13, 11392),
        ("second-table", None, 15, None),
    ]


# --------------------------------------------------------------------------- far cells
#
# One cell far from the table makes the sheet's used range huge while the file stays a few
# kilobytes. The value reader (calamine, through fastexcel) allocates that whole range.
# The right answer is to read such a sheet in bounded memory, or to refuse it as too-large
# (--max-cells bounds the cells of a sheet), never to abort or to take gigabytes.


def _with_sheet_edit(workbook: Path, edit: Callable[[bytes], bytes]) -> bytes:
    """The bytes of `workbook` with its first sheet's XML passed through `edit`."""
    output = io.BytesIO()
    with (
        zipfile.ZipFile(workbook) as source,
        zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for info in source.infolist():
            content = source.read(info)
            target.writestr(info, edit(content) if info.filename == SEED_SHEET else content)
    return output.getvalue()


def seed_with_cell_at(path: Path, address: str) -> Path:
    """valid/seed_budget.xlsx with one more text cell at `address` (below or right of it)."""
    row = re.sub(r"[A-Z]", "", address)
    cell = f'<row r="{row}"><c r="{address}" t="inlineStr"><is><t>x</t></is></c></row>'
    path.write_bytes(
        _with_sheet_edit(
            SEED, lambda xml: xml.replace(b"</sheetData>", f"{cell}</sheetData>".encode())
        )
    )
    return path


def test_a_cell_at_the_last_address_is_refused_not_a_crash(tmp_path: Path) -> None:
    path = seed_with_cell_at(tmp_path / "far_cell.xlsx", "XFD1048576")
    assert path.stat().st_size < 20 * 2**10
    run = run_check(path)
    assert_sane(run)
    assert run.exit_code == 2
    (issue,) = run.report()["files"][0]["issues"]
    assert issue["detail"].startswith("too-large")


def test_a_cell_at_the_last_address_does_not_sink_a_batch(tmp_path: Path) -> None:
    far = seed_with_cell_at(tmp_path / "far_cell.xlsx", "XFD1048576")
    valid = sorted((FIXTURES / "valid").iterdir())
    run = run_check(far, *valid, FIXTURES / "broken", HOSTILE, jobs=2)  # enough for workers
    assert_sane(run)
    assert run.exit_code == 2
    statuses = {Path(r["path"]).name: r["status"] for r in run.report()["files"]}
    assert statuses["far_cell.xlsx"] == "unreadable"
    assert {path.name: statuses[path.name] for path in valid} == {p.name: "valid" for p in valid}


def test_a_used_range_over_the_cell_limit_is_refused(tmp_path: Path) -> None:
    run = run_check(seed_with_cell_at(tmp_path / "tall.xlsx", "T1048576"))
    assert_sane(run)
    assert run.exit_code == 2
    (issue,) = run.report()["files"][0]["issues"]
    assert issue["detail"].startswith("too-large")


def test_a_sheet_as_wide_as_excel_allows_is_checked_in_bounded_memory(tmp_path: Path) -> None:
    # 16,384 columns by 13 rows: 213,000 cells, far under --max-cells, yet the cost grows
    # with the column count (1.9 GiB and 13 s before tables were cut in one query; 0.9 GiB
    # and 7 s since).
    run = run_check(seed_with_cell_at(tmp_path / "wide.xlsx", "XFD1"))
    assert_sane(run)
    assert run.exit_code in {0, 2}  # read as the valid seed, or refused as too-large


_BARE = '<c t="inlineStr"><is><t>x</t></is></c>'
_PREFIXED = '<x:c t="inlineStr"><is><t>x</t></is></x:c>'


def _cell_at(reference: str) -> str:
    return f'<c {reference} t="inlineStr"><is><t>x</t></is></c>'


def _far_row(xml: bytes, row: str) -> bytes:
    """The sheet with `row` (its start tag and cells) closed and added after the table."""
    return xml.replace(b"</sheetData>", f"{row}</row></sheetData>".encode())


# Ways a sheet's XML can hide its far cell from a cheap scan; calamine reads them all.
HIDDEN_FAR_CELLS = {
    # `r` after `t`: writers may order attributes as they like
    "r-not-first": lambda xml: xml.replace(
        b"</sheetData>",
        b'<row r="20000"><c t="inlineStr" r="XFD20000"><is><t>x</t></is></c></row></sheetData>',
    ),
    # attributes parted by a line break and a tab, not a space: XML allows any white space
    "white-space": lambda xml: xml.replace(
        b"</sheetData>",
        b'<row\nr="20000"><c\tr="XFD20000" t="inlineStr"><is><t>x</t></is></c></row></sheetData>',
    ),
    # the far row written first, then 400 rows of notes: rows need not come in order
    "far-row-first": lambda xml: xml.replace(
        b"<sheetData>",
        b'<sheetData><row r="1048576"><c r="T1048576" t="inlineStr"><is><t>x</t></is></c></row>',
    ).replace(
        b"</sheetData>",
        b"".join(
            f'<row r="{r}"><c r="B{r}" t="inlineStr"><is><t>Ghi chú {r}</t></is></c></row>'.encode()
            for r in range(15, 415)
        )
        + b"</sheetData>",
    ),
    # cells without `r`: calamine puts each right after the previous one in its row, and a
    # row without `r` right after the previous row
    "cells-without-r": lambda xml: _far_row(xml, '<row r="20000">' + _BARE * 2000),
    "rows-without-r": lambda xml: _far_row(xml, "<row/>" * 30_000 + "<row>" + _BARE * 1000),
    "mixed": lambda xml: _far_row(xml, '<row r="20000">' + _cell_at('r="Z20000"') + _BARE * 1500),
    "other-prefix": lambda xml: _far_row(xml, '<row r="20000">' + _PREFIXED * 2000),
    # references calamine reads however they are spelled
    "other-quote": lambda xml: _far_row(xml, "<row r='20000'>" + _cell_at("r='XFD20000'")),
    "small-letters": lambda xml: _far_row(xml, '<row r="20000">' + _cell_at('r="xfd20000"')),
    "four-letters": lambda xml: _far_row(xml, '<row r="20000">' + _cell_at('r="AAAA20000"')),
    "spaces-around-equals": lambda xml: _far_row(
        xml, '<row r="20000">' + _cell_at('r = "XFD20000"')
    ),
    "repeated-r": lambda xml: _far_row(
        xml, '<row r="20000">' + _cell_at("r=\"A20000\" r='XFD20000'")
    ),
    # tags inside what a parser skips: a comment opening or closing the sheet data early,
    # and comments resetting the row count between rows without `r`
    "comment-opens-sheet-data": lambda xml: _far_row(
        xml.replace(b"<sheetData>", b"<!--<sheetData/>--><sheetData>"),
        '<row r="20000">' + _BARE + _cell_at('r="XFD20000"'),
    ),
    "comment-closes-sheet-data": lambda xml: _far_row(
        xml.replace(b"<sheetData>", b"<sheetData><!--</sheetData>-->"),
        '<row r="20000">' + _BARE + _cell_at('r="XFD20000"'),
    ),
    "comments-reset-rows": lambda xml: _far_row(
        xml, '<row/><!--<row r="1"/>-->' * 30_000 + "<row>" + _BARE * 1000
    ),
}


@pytest.mark.parametrize("name", sorted(HIDDEN_FAR_CELLS))
def test_a_far_cell_is_found_however_the_sheet_is_written(tmp_path: Path, name: str) -> None:
    path = tmp_path / f"{name}.xlsx"
    path.write_bytes(_with_sheet_edit(SEED, HIDDEN_FAR_CELLS[name]))
    run = run_check(path)
    assert_sane(run)
    assert run.exit_code == 2
    (issue,) = run.report()["files"][0]["issues"]
    assert issue["detail"].startswith("too-large")
