"""The same file submitted twice: byte-identical copies in one batch are counted once.

A province consolidating hundreds of files often gets a submission twice (forwarded
again, saved in two folders, "Copy of ..."). Files with the same sha256 are copies; the
first in the batch's path order (the same whatever order the paths are named in, as for
`duplicate-unit-report`) is checked and counted. Each later copy gets one
`duplicate-file` warning naming the first in `related_file`, in place of its own issues
(the first copy's, reported there); its tables, statements and unit values leave the
batch, and every row it would have put in a mart goes to the rejects (`duplicate-file`).
So nothing is counted twice, `project_id` stays unique, and nothing is lost.

A unit report copied byte for byte is this case too (before, its values went to the
rejects as `duplicate-unit`, silently): `duplicate-unit` and `duplicate-unit-report` are
left to reports that differ in their bytes (a resubmission, the consolidated sheet).

A plan package is checked as a whole, so its files are compared only with the files of
the same package: two package folders may hold the same plan document, and a loose copy
of a package's file leaves the package whole. Unreadable files have no hash: never copies.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import replace
from pathlib import Path

import polars as pl

from ictdata.check.codes import IssueCode
from ictdata.check.issue import FileResult, Issue, Report
from ictdata.check.runner import Batch
from ictdata.read.grid import ROW, Source
from ictdata.read.table import RejectReason, content
from ictdata.read.unit_columns import META

_FILE = "file"
_SHEET = "sheet"
_CONTENT = "content"
_KEY = "_sheet_key"  # the sheet, "" for a CSV or a document: a join key that is never null
_PLACE = [_SHEET, ROW]


def copies(
    sources: Iterable[Source], packages: Collection[str] = (), named: Collection[str] = ()
) -> dict[str, str]:
    """Each later copy's path, mapped to the path of the first copy (in path order).

    `packages` are the plan-package folders: a file in one is compared only with the
    files of that folder, any other file with every file outside packages. A file a
    package's manifest `named` comes first among its copies, so that the package keeps it.
    """
    groups: dict[tuple[str | None, str], list[str]] = {}
    for source in sources:
        folder = Path(source.path).parent.as_posix()
        scope = folder if folder in packages else None
        groups.setdefault((scope, source.sha256), []).append(source.path)
    found: dict[str, str] = {}
    for paths in groups.values():
        first, *later = sorted(paths, key=lambda path: (path not in named, path))
        found |= dict.fromkeys(later, first)
    return found


def first_copy(result: FileResult) -> str | None:
    """The file `result`'s file is a copy of, or None."""
    return next((i.related_file for i in result.issues if i.code is IssueCode.DUPLICATE_FILE), None)


def without_copies(
    batch: Batch, packages: Collection[str] = (), named: Collection[str] = ()
) -> Batch:
    """`batch` with each later copy reported as `duplicate-file` and its rows in the rejects.

    `packages` and `named` are the plan-package folders and the files their manifests name.
    """
    found = copies(batch.sources, packages, named)
    if not found:
        return batch
    gone = sorted(found)
    hashes = {source.path: source.sha256 for source in batch.sources}
    files = tuple(
        replace(r, issues=(_issue(r.path, found[r.path], hashes[r.path]),))
        if r.path in found
        else r
        for r in batch.report.files
    )
    rejected = [_without(batch.rejects, gone), _copy_rejects(batch, gone)]
    return replace(
        batch,
        report=Report(files, batch.report.packages),
        tables=tuple(t for t in batch.tables if t.source.path not in found),
        amounts=_without(batch.amounts, gone),
        statements=_without(batch.statements, gone),
        unit_values=_without(batch.unit_values, gone),
        rejects=pl.concat(rejected).sort(_FILE, _SHEET, ROW, nulls_last=False, maintain_order=True),
    )


def _issue(copy: str, first: str, sha256: str) -> Issue:
    return Issue.of(IssueCode.DUPLICATE_FILE, copy, detail=sha256, related_file=first)


def _without(frame: pl.DataFrame, gone: list[str]) -> pl.DataFrame:
    if _FILE not in frame.columns:
        return frame
    return frame.filter(~pl.col(_FILE).is_in(gone))


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


def _cells(copied: list[Source], places: pl.DataFrame) -> pl.DataFrame:
    """The contents of the copies' rows at `places`, for every sheet in one query."""
    grids = [(source.path, grid) for source in copied for grid in source.grids if grid.letters]
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


def _copy_rejects(batch: Batch, gone: list[str]) -> pl.DataFrame:
    """The rejects of the copies: each of their rows that a mart or the rejects would hold."""
    copied = [s for s in batch.sources if s.path in set(gone)]
    places = _places(batch, gone).with_columns(pl.col(_SHEET).fill_null("").alias(_KEY))
    contents = pl.concat([_cells(copied, places), *[_lines(s) for s in copied if s.is_document]])
    return places.join(contents, on=[_FILE, _KEY, ROW], how="left").select(
        _FILE,
        _SHEET,
        ROW,
        reason=pl.lit(RejectReason.DUPLICATE_FILE.value),
        content=pl.col(_CONTENT),
    )


def deduplicated(batch: Batch, paths: Iterable[str | Path]) -> Batch:
    """`batch` without its later copies; the plan packages among `paths` are scopes of their own."""
    given = list(paths)
    if not copies(batch.sources):
        return batch  # no two files alike: no package needs finding
    if not any(Path(path).is_dir() for path in given):
        return without_copies(batch)  # only a folder named can be a plan package
    from ictdata.check.package import find_packages  # noqa: PLC0415  (packages load when named)

    packages, _ = find_packages(batch, given)
    folders = {package.folder for package in packages}
    manifests = {
        path for package in packages if package.manifest for path in package.files.values()
    }
    return without_copies(batch, folders, manifests)
