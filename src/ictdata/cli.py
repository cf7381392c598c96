"""The `ictdata` command: `check`, `build` and `gx` (the marts' quality gate).

Exit codes: 0 every file valid (warnings allowed), 1 some file has a data
error, 2 some file is unreadable or the call itself is wrong.
"""

from __future__ import annotations

import argparse
import gc
import glob
import os
import sys
from collections.abc import Callable, Sequence
from contextlib import suppress
from importlib import import_module
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn, TextIO, cast

from ictdata import allocator, collector, lean
from ictdata.check.issue import ExitCode
from ictdata.errors import IctdataError, UsageError
from ictdata.report.numbers import LANGS, Lang

if TYPE_CHECKING:
    from ictdata.check.runner import Batch

FORMATS = ("text", "json", "junit", "sarif", "github", "html")
_GLOB_CHARS = frozenset("*?[")
MIN_BATCH_FOR_BAR = 2


def _parser() -> argparse.ArgumentParser:
    from ictdata import __version__  # noqa: PLC0415  (avoids a cycle with the package root)

    parser = argparse.ArgumentParser(
        prog="ictdata",
        description="Check ICT-plan budget spreadsheets and documents; build Parquet marts.",
    )
    parser.add_argument("--version", action="version", version=f"ictdata {__version__}")
    commands = parser.add_subparsers(dest="command", required=True)
    check = commands.add_parser(
        "check", help="check files, folders and globs; exit 0 valid, 1 invalid, 2 unreadable"
    )
    build = commands.add_parser("build", help="check, then write Parquet marts to --out")
    for command in (check, build):
        _common_options(command)
    build.add_argument("--out", type=Path, required=True, help="folder for the Parquet marts")
    from ictdata.gx import cli as gx_cli  # noqa: PLC0415  (argument parsing only: GX loads later)

    gx_cli.add_build_option(build)
    gx_cli.add_command(commands)
    return parser


def _common_options(command: argparse.ArgumentParser) -> None:
    command.add_argument("paths", nargs="+", metavar="PATH", help="files, folders or globs")
    command.add_argument("--format", choices=FORMATS, default="text", help="report format")
    command.add_argument("--lang", choices=LANGS, default="vi", help="message language (vi)")
    command.add_argument("--output", type=Path, help="write the report here instead of stdout")
    command.add_argument("--template", help="read every file as this template only (name or YAML)")
    command.add_argument("--annotate", type=Path, metavar="DIR", help="write marked-up copies here")
    command.add_argument(
        "--jobs", type=int, default=os.cpu_count() or 1, help="worker processes (default: cores)"
    )
    command.add_argument("--strict", action="store_true", help="warnings fail the run too (exit 1)")
    command.add_argument("--max-unpacked-mb", type=int, help="largest unpacked workbook (512)")
    command.add_argument("--max-sheets", type=int, help="most sheets in a workbook (500)")
    command.add_argument("--max-cells", type=int, help="most cells in a sheet (20000000)")


def _expand_globs(paths: Sequence[str]) -> list[str]:
    """Expand `*.xlsx`-style patterns the shell did not (Windows, quoted); keep the rest."""
    from ictdata.check.runner import may_be_submission  # noqa: PLC0415  (loads polars)

    found: list[str] = []
    for path in paths:
        # glob.glob, not Path.glob: the pattern may be absolute and span folders ("**").
        is_pattern = _GLOB_CHARS & set(path) and not Path(path).exists()
        matches = sorted(glob.glob(path, recursive=True)) if is_pattern else []  # noqa: PTH207
        # What a folder's walk leaves out, a pattern leaves out too (`~$` lock files).
        # A folder matched is walked as a folder named is.
        kept = [m for m in matches if Path(m).is_dir() or may_be_submission(Path(m))]
        found += kept or ([] if matches else [path])
    if not found:
        named = " ".join(paths)
        msg = f"{named} matched only lock, hidden or annotated files: nothing to check"
        vi = f"{named} chỉ khớp với tệp khoá, tệp ẩn hoặc bản chú thích: không có gì để kiểm tra"
        raise UsageError(msg, vi)
    return found


def _render(batch: Batch, fmt: str, lang: Lang) -> str:
    report = batch.report
    if fmt == "html":
        from ictdata.report.html import render_html  # noqa: PLC0415  (load the renderer in use only)

        return render_html(report, batch.sources, batch.checked_sheets(), lang)
    from ictdata.report import formats  # noqa: PLC0415

    return formats.renderer(fmt)(report, lang)


def _not_an_input(output: Path, paths: Sequence[str]) -> None:
    """Refuse a report path that names a file to check: writing it would destroy the submission."""
    from ictdata.check.runner import expand  # noqa: PLC0415  (loads polars)

    if output.resolve() in {path.resolve() for path in expand(paths)}:
        msg = (
            f"--output {output} is one of the files to check: the report would overwrite it. "
            "Hint: write the report outside the folders checked"
        )
        vi = (
            f"--output {output} là một trong các tệp cần kiểm tra: báo cáo sẽ ghi đè lên tệp đó."
            " Gợi ý: ghi báo cáo ra ngoài các thư mục được kiểm tra"
        )
        raise UsageError(msg, vi)


def _emit(text: str, output: Path | None, stream: TextIO) -> None:
    if output is None:
        stream.write(text)
        stream.flush()
        return
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(text, encoding="utf-8")


def _utf8(stream: TextIO) -> TextIO:
    """Make sure Vietnamese text can be written whatever the locale."""
    encoding = (getattr(stream, "encoding", "") or "").lower().replace("-", "")
    if encoding != "utf8" and hasattr(stream, "reconfigure"):
        stream.reconfigure(encoding="utf-8")
    return stream


def _progress_bar(stream: TextIO) -> Callable[[int, int], None] | None:
    """A one-line progress bar on an interactive terminal; nothing otherwise."""
    if not stream.isatty():
        return None

    def show(done: int, total: int) -> None:
        if total < MIN_BATCH_FOR_BAR:
            return
        filled = done * 30 // total
        stream.write(f"\r[{'#' * filled}{'.' * (30 - filled)}] {done}/{total}")
        if done == total:
            stream.write("\r" + " " * 50 + "\r")
        stream.flush()

    return show


def _annotate(batch: Batch, out_dir: Path, lang: Lang) -> None:
    from ictdata.report.annotate import annotate  # noqa: PLC0415  (openpyxl only when asked for)

    taken: set[str] = set()
    for result in batch.report.files:
        annotate(result, out_dir, lang, taken)


def _set_limits(args: argparse.Namespace) -> None:
    """Pass the limits on through the environment, which worker processes inherit."""
    from ictdata.read import limits  # noqa: PLC0415

    chosen = {
        limits.UNPACKED_MB: args.max_unpacked_mb,
        limits.SHEETS: args.max_sheets,
        limits.CELLS: args.max_cells,
    }
    for name, value in chosen.items():
        if value is not None:
            os.environ[name] = str(value)


def _run(args: argparse.Namespace) -> int:
    if args.command == "gx":
        from ictdata.gx.cli import gate  # noqa: PLC0415  (the gate's modules load only here)

        return gate(args.marts, args.docs, _utf8(sys.stdout))
    from ictdata import api  # noqa: PLC0415  (argument errors exit before polars loads)

    lang = cast("Lang", args.lang)
    if args.jobs < 1:
        msg = "--jobs must be at least 1"
        raise UsageError(msg, "--jobs phải từ 1 trở lên")
    _set_limits(args)
    paths = _expand_globs(args.paths)
    if args.output is not None:
        _not_an_input(args.output, paths)
    batch = api.check_batch(
        paths, args.template, jobs=args.jobs, progress=_progress_bar(sys.stderr)
    )
    if args.command == "build":
        api.write_batch(batch, args.out)
    _emit(_render(batch, args.format, lang), args.output, _utf8(sys.stdout))
    if args.annotate is not None:
        _annotate(batch, args.annotate, lang)
    code = batch.report.strict_exit_code if args.strict else batch.report.exit_code
    if args.command == "build" and args.gx_docs is not None:
        from ictdata.gx.cli import gate  # noqa: PLC0415

        return max(code, gate(args.out, args.gx_docs, sys.stderr))
    return code


def run() -> NoReturn:
    """The console script: `main`, then leave at once.

    The modules a check needs (polars, ictdata's own) load with the collector
    paused and are then frozen: they live as long as the process, so the collector
    has nothing to find in them, neither while they load nor after. And tearing
    them down at exit is work nobody needs once every output is written and closed
    (callgrind, 50 rows: 2.05 G instructions before freezing and leaving at once,
    1.68 G after; pausing the collector while they load, 1.63 G → 1.60 G).
    """
    args = _parser().parse_args()  # a usage error exits here, before polars loads
    allocator.return_freed_memory_soon()
    if not _runs_great_expectations(args):
        lean.hide_pandas()
    with collector.paused():
        if args.command != "gx":
            import_module("ictdata.api")
        gc.freeze()
    code = _main(args)
    for stream in (sys.stdout, sys.stderr):
        with suppress(OSError):  # a reader that went away (| head) is not our error
            stream.flush()
    os._exit(code)


def _runs_great_expectations(args: argparse.Namespace) -> bool:
    """`ictdata gx` and `build --gx-docs` run great_expectations, which needs pandas."""
    return args.command == "gx" or getattr(args, "gx_docs", None) is not None


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code."""
    return _main(_parser().parse_args(argv))


def _main(args: argparse.Namespace) -> int:
    lang = getattr(args, "lang", "vi")
    try:
        return _run(args)
    except UsageError as error:
        _utf8(sys.stderr).write(f"ictdata: {error.text(lang)}\n")
        return ExitCode.UNREADABLE
    except IctdataError as error:
        sys.stderr.write(f"ictdata: {error}\n")
        return ExitCode.UNREADABLE
    except OSError as error:  # an output that cannot be written: the call is wrong, not the data
        what = "không ghi được" if lang == "vi" else "cannot write"
        _utf8(sys.stderr).write(
            f"ictdata: {what} {error.filename or ''}: {error.strerror or error}\n"
        )
        return ExitCode.UNREADABLE
