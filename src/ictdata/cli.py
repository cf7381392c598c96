"""The `ictdata` command: `check` and `build`.

Exit codes: 0 every file valid (warnings allowed), 1 some file has a data
error, 2 some file is unreadable or the call itself is wrong.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO, cast

from ictdata.check.issue import ExitCode, Report
from ictdata.errors import IctdataError
from ictdata.report.numbers import LANGS, Lang

FORMATS = ("text", "json")


def _parser() -> argparse.ArgumentParser:
    from ictdata import __version__  # noqa: PLC0415  (avoids a cycle with the package root)

    parser = argparse.ArgumentParser(
        prog="ictdata",
        description="Check ICT-plan budget spreadsheets and build Parquet marts from them.",
    )
    parser.add_argument("--version", action="version", version=f"ictdata {__version__}")
    commands = parser.add_subparsers(dest="command", required=True)
    check = commands.add_parser(
        "check", help="check files and folders; exit 0 valid, 1 invalid, 2 unreadable"
    )
    build = commands.add_parser("build", help="check, then write Parquet marts to --out")
    for command in (check, build):
        command.add_argument("paths", nargs="+", type=Path, metavar="PATH", help="files or folders")
        command.add_argument(
            "--format", choices=FORMATS, default="text", help="report format (default text)"
        )
        command.add_argument(
            "--lang", choices=LANGS, default="vi", help="message language (default vi)"
        )
        command.add_argument(
            "--output", type=Path, help="write the report to this file instead of stdout"
        )
        command.add_argument(
            "--template", help="read every file as this template only (name or contract YAML path)"
        )
    build.add_argument("--out", type=Path, required=True, help="folder for the Parquet marts")
    return parser


def _render(report: Report, fmt: str, lang: Lang) -> str:
    if fmt == "json":
        from ictdata.report.json import render_json  # noqa: PLC0415  (load the renderer in use only)

        return render_json(report, lang)
    from ictdata.report.text import render_text  # noqa: PLC0415

    return render_text(report, lang)


def _emit(text: str, output: Path | None, stream: TextIO) -> None:
    if output is None:
        stream.write(text)
        stream.flush()
        return
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(text, encoding="utf-8")


def _utf8(stream: TextIO) -> TextIO:
    """Make sure Vietnamese text can be written whatever the locale."""
    if (getattr(stream, "encoding", "") or "").lower().replace("-", "") != "utf8" and hasattr(
        stream, "reconfigure"
    ):
        stream.reconfigure(encoding="utf-8")
    return stream


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code."""
    args = _parser().parse_args(argv)
    from ictdata import api  # noqa: PLC0415  (argument errors exit before polars loads)

    lang = cast("Lang", args.lang)
    try:
        if args.command == "build":
            report = api.build(args.paths, args.out, template=args.template)
        else:
            report = api.check(args.paths, template=args.template)
    except IctdataError as error:
        sys.stderr.write(f"ictdata: {error}\n")
        return ExitCode.UNREADABLE
    _emit(_render(report, args.format, lang), args.output, _utf8(sys.stdout))
    return report.exit_code
