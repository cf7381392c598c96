"""`ictdata gx MARTS_DIR [--docs DIR]` and `ictdata build ... --gx-docs DIR`: the quality gate."""

from __future__ import annotations

import argparse
import importlib.util
import sys
from pathlib import Path
from typing import TextIO

from ictdata.check.issue import ExitCode

GX_MISSING = (
    'ictdata: the quality gate needs great_expectations. Hint: pip install "ictdata[gx]".\n'
)


def add_command(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Declare `ictdata gx`."""
    gate = commands.add_parser(
        "gx", help="check Parquet marts with great_expectations; exit 0 all pass, 1 otherwise"
    )
    gate.add_argument("marts", type=Path, metavar="MARTS_DIR", help="folder written by build")
    gate.add_argument("--docs", type=Path, metavar="DIR", help="write GX Data Docs here")


def add_build_option(build: argparse.ArgumentParser) -> None:
    """Declare `ictdata build --gx-docs DIR`."""
    build.add_argument(
        "--gx-docs", type=Path, metavar="DIR", help="run the GX gate on the marts; Data Docs here"
    )


def gate(marts: Path, docs: Path | None, stream: TextIO) -> int:
    """Run the gate on `marts`, print its summary to `stream`; return the exit code.

    Raises:
        MartsError: the marts cannot be read.
    """
    if importlib.util.find_spec("great_expectations") is None:  # the extra is not installed
        sys.stderr.write(GX_MISSING)
        return ExitCode.UNREADABLE
    from ictdata.gx.gate import validate_marts  # noqa: PLC0415

    result = validate_marts(marts, docs, progress=sys.stderr.isatty())
    stream.write(result.summary())
    stream.flush()
    return result.exit_code
