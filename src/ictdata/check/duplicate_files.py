"""The same file submitted twice: byte-identical copies in one batch are counted once.

A province consolidating hundreds of files often gets a submission twice (forwarded
again, saved in two folders, "Copy of ..."). Files with the same sha256, read the
same way (a `.txt` and a `.md` are; a `.docx` or a `.csv` is read otherwise), are
copies. Every file is hashed before it is read; of each set of copies one file is
read, checked and counted, across the whole batch:

1. a file in a plan package, over a copy outside packages (its manifest names it,
   and the package is checked as a whole);
2. between packages, the file of the first package folder in path order, and in
   one package the file its manifest names;
3. otherwise the first in the batch's path order (the same whatever order the paths
   are named in, as for `duplicate-unit-report`).

Each other copy is not read again: it gets one `duplicate-file` warning naming the
kept file in `related_file`, in place of its own issues (the kept file's, reported
there), and every row the kept file puts in a mart or in the rejects is in the
rejects again at the copy (`duplicate-file`). So nothing is counted twice,
`project_id` stays unique, and nothing is lost. A plan package whose file is a copy
kept elsewhere still has it: the package reads the kept file's data at its copy
(`package.aliases`), and the copy's status is the kept file's.

A unit report copied byte for byte is this case too: `duplicate-unit` and
`duplicate-unit-report` are left to reports that differ in their bytes (a
resubmission, the consolidated sheet). Unreadable files are never copies: when the
first of a set cannot be read, each file of the set is read on its own.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace
from pathlib import Path

import polars as pl

from ictdata.check.codes import IssueCode
from ictdata.check.issue import FileResult, Issue, Report
from ictdata.check.parallel import Progress, read_all
from ictdata.check.reading import FileWork, Templates, read_file
from ictdata.check.runner import Batch, check_read, to_check
from ictdata.read.grid import ROW, Source
from ictdata.read.source import DOCUMENT_SUFFIXES, TEXT_SUFFIXES
from ictdata.read.table import RejectReason, content
from ictdata.read.unit_columns import META

_FILE = "file"
_SHEET = "sheet"
_CONTENT = "content"
_COPY = "_copy"
_KEY = "_sheet_key"  # the sheet, "" for a CSV or a document: a join key that is never null
_PLACE = [_SHEET, ROW]
_STATEMENTS = "budget_statement"


def first_copy(result: FileResult) -> str | None:
    """The file `result`'s file is a copy of, or None."""
    return next((i.related_file for i in result.issues if i.code is IssueCode.DUPLICATE_FILE), None)


def _sha256(path: Path) -> str | None:
    try:
        with path.open("rb") as file:
            return hashlib.file_digest(file, "sha256").hexdigest()
    except OSError:
        return None  # reading it will say why


def _reading(path: Path) -> str:
    """How a file's bytes are read: the same bytes read the same way give the same data."""
    suffix = path.suffix.lower()
    if suffix in DOCUMENT_SUFFIXES:
        return suffix if suffix == ".docx" else "text"
    return "text-table" if suffix in TEXT_SUFFIXES else "workbook"


def sets_of_copies(files: Iterable[Path]) -> list[list[str]]:
    """The sets of files with the same bytes read the same way, each in path order."""
    sets: dict[tuple[str, str], list[str]] = {}
    for path in files:
        digest = _sha256(path)
        if digest is not None:
            sets.setdefault((digest, _reading(path)), []).append(path.as_posix())
    return [sorted(paths) for paths in sets.values() if len(paths) > 1]


def read_once(
    paths: Iterable[str | Path],
    templates: Templates,
    *,
    jobs: int = 1,
    progress: Progress | None = None,
) -> Batch:
    """Read and check `paths`, each set of copies once; the other copies are `duplicate-file`."""
    given = list(paths)
    files = to_check(given)
    sets = sets_of_copies(files)
    later = {path for paths in sets for path in paths[1:]}
    first = [path for path in files if path.as_posix() not in later]
    work = {w.path: w for w in read_all(first, templates, jobs=jobs, progress=progress)}
    extra = _Reader(templates, len(files))
    for copies in [c for c in sets if work[c[0]].source is None]:
        work |= {path: extra.read(path) for path in copies[1:]}  # unreadable: never copies
    sets = [copies for copies in sets if work[copies[0]].source is not None]
    rank = _Rank(_packages(work, sets, given) if sets else (set(), set()))
    found: dict[str, str] = {}
    for copies in sets:
        kept = min(copies, key=rank.of)
        if kept != copies[0]:  # a package's file read in place of its loose copy
            work[kept] = extra.read(kept)
            del work[copies[0]]
        found |= {path: kept for path in copies if path != kept}
    order = [path.as_posix() for path in files]
    batch = check_read([work[path] for path in order if path in work], templates)
    return with_copies(batch, found, order) if found else batch


class _Reader:
    """Reads the files left out of the first reading, numbered after the batch's files."""

    def __init__(self, templates: Templates, start: int) -> None:
        self.templates = templates
        self.number = start

    def read(self, path: str) -> FileWork:
        self.number += 1
        return read_file(self.number, path, self.templates)


def _held(work: Mapping[str, FileWork], sets: Sequence[list[str]]) -> dict[str, list[str]]:
    """The templates each file holds, as read (a copy holds its first copy's)."""
    held = {
        path: [t for _, t in w.tables]
        + [p[2] for p in w.pending]
        + ([_STATEMENTS] if w.statements else [])
        for path, w in work.items()
    }
    for copies in sets:
        for path in copies[1:]:
            held.setdefault(path, held.get(copies[0], []))
    return held


def _packages(
    work: Mapping[str, FileWork], sets: Sequence[list[str]], given: list[str | Path]
) -> tuple[set[str], set[str]]:
    """The plan-package folders, and the files their manifests name."""
    if not any(Path(path).is_dir() for path in given):
        return set(), set()  # only a folder named can be a plan package
    from ictdata.check.package import packages_among  # noqa: PLC0415  (packages load when named)

    files = {*work, *(path for copies in sets for path in copies)}
    packages, _ = packages_among(sorted(files), _held(work, sets), given)
    folders = {package.folder for package in packages}
    named = {path for p in packages if p.manifest for path in p.files.values()}
    return folders, named


class _Rank:
    """The order in which copies are kept: a package's file first, then by folder and name."""

    def __init__(self, packages: tuple[set[str], set[str]]) -> None:
        self.folders, self.named = packages

    def of(self, path: str) -> tuple[bool, str, bool, str]:
        folder = Path(path).parent.as_posix()
        inside = folder in self.folders
        return (not inside, folder if inside else "", path not in self.named, path)


def with_copies(batch: Batch, found: Mapping[str, str], order: Sequence[str]) -> Batch:
    """`batch` with each copy in `found` (mapped to its kept file) as a `duplicate-file`.

    The copy keeps its place in `order`, the batch's files in path order.
    """
    results = {r.path: r for r in batch.report.files}
    sources = {s.path: s for s in batch.sources}
    for copy, kept in found.items():
        source = sources[kept]
        issue = _issue(copy, kept, source.sha256)
        results[copy] = FileResult(copy, results[kept].template, (issue,))
        sources[copy] = replace(source, path=copy)
    rejects = pl.concat([batch.rejects, _copy_rejects(batch, found)])
    return replace(
        batch,
        report=Report(tuple(results[p] for p in order if p in results), batch.report.packages),
        sources=tuple(sources[p] for p in order if p in sources),
        rejects=rejects.sort(_FILE, _SHEET, ROW, nulls_last=False, maintain_order=True),
    )


def _issue(copy: str, first: str, sha256: str) -> Issue:
    return Issue.of(IssueCode.DUPLICATE_FILE, copy, detail=sha256, related_file=first)


def _places(batch: Batch, gone: list[str]) -> pl.DataFrame:
    """Every (file, sheet, row) of the files `gone` that lands in a mart or in the rejects."""
    schema = {_FILE: pl.String, _SHEET: pl.String, ROW: pl.Int64}
    copied = set(gone)
    parts = [
        t.table.rows.select(
            pl.lit(t.source.path).alias(_FILE),
            pl.lit(t.table.grid.sheet, dtype=pl.String).alias(_SHEET),
            ROW,
        )
        for t in batch.tables
        if t.source.path in copied
    ]
    values = batch.unit_values  # less the cells naming a report's unit and year (not values)
    values = values.filter(pl.col("kind") != META) if "kind" in values.columns else values
    parts += [
        frame.filter(pl.col(_FILE).is_in(gone)).select(_FILE, *_PLACE)
        for frame in (batch.rejects, batch.statements, values)
        if _FILE in frame.columns
    ]
    places = [p.select([pl.col(n).cast(t) for n, t in schema.items()]) for p in parts]
    return pl.concat([pl.DataFrame(schema=schema), *places]).unique()


def _lines(source: Source) -> pl.DataFrame:
    """The non-blank lines of a document: its rows' contents."""
    lines = [(line.number, line.text) for line in source.lines if line.text.strip()]
    frame = pl.DataFrame(lines, schema={ROW: pl.Int64, _CONTENT: pl.String}, orient="row")
    return frame.select(pl.lit(source.path).alias(_FILE), pl.lit("").alias(_KEY), ROW, _CONTENT)


def _cells(read: list[Source], places: pl.DataFrame) -> pl.DataFrame:
    """The contents of the files' rows at `places`, for every sheet in one query."""
    grids = [(source.path, grid) for source in read for grid in source.grids if grid.letters]
    if not grids:
        return pl.DataFrame(
            schema={_FILE: pl.String, _KEY: pl.String, ROW: pl.Int64, _CONTENT: pl.String}
        )
    letters = sorted({x for _, grid in grids for x in grid.letters}, key=lambda x: (len(x), x))
    cells = pl.concat(
        [
            grid.cells.lazy().with_columns(
                pl.lit(path).alias(_FILE), pl.lit(grid.sheet or "").alias(_KEY)
            )
            for path, grid in grids
        ],
        how="diagonal_relaxed",
    )
    found = cells.join(places.lazy().select(_FILE, _KEY, ROW), on=[_FILE, _KEY, ROW], how="semi")
    return found.select(_FILE, _KEY, ROW, content(letters).alias(_CONTENT)).collect()


def _copy_rejects(batch: Batch, found: Mapping[str, str]) -> pl.DataFrame:
    """The rejects of the copies: each row of their kept file that a mart or the rejects hold."""
    kept = sorted(set(found.values()))
    read = [s for s in batch.sources if s.path in set(kept)]
    places = _places(batch, kept).with_columns(pl.col(_SHEET).fill_null("").alias(_KEY))
    contents = pl.concat([_cells(read, places), *[_lines(s) for s in read if s.is_document]])
    copies = pl.DataFrame(
        {_COPY: list(found), _FILE: list(found.values())},
        schema={_COPY: pl.String, _FILE: pl.String},
    )
    return (
        places.join(contents, on=[_FILE, _KEY, ROW], how="left")
        .join(copies, on=_FILE)
        .select(
            pl.col(_COPY).alias(_FILE),
            _SHEET,
            ROW,
            reason=pl.lit(RejectReason.DUPLICATE_FILE.value),
            content=pl.col(_CONTENT),
        )
    )
