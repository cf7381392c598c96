"""Generate benchmark inputs: project-budget tables of any size, and folders of small submissions.

The layout is the seed's: a title, a unit line, a two-row merged header, about a
third of the amount cells blank, and a "Tổng" row whose figures add up.
"""

from __future__ import annotations

import csv
import io
import random
import zipfile
from pathlib import Path

import xlsxwriter

FIXED = ["TT", "Tên dự án/ nhiệm vụ", "Thời gian thực hiện", "Đơn vị chủ trì", "Cơ quan phê duyệt"]
STAGES = [
    "Dự kiến tổng kinh phí",
    "Vốn đã bố trí hết năm 2012",
    "Vốn bố trí năm 2013",
    "Nhu cầu kế hoạch 2014",
]
KINDS = ["Kinh phí đầu tư", "Kinh phí sự nghiệp"]
UNITS = ["Sở Thông tin và Truyền thông", "UBND huyện Yên Lập", "Văn phòng UBND tỉnh", "Sở Y tế"]


def rows(count: int, seed: int) -> list[list[object]]:
    """`count` project rows whose allocations never exceed their estimates; then the totals row."""
    rng = random.Random(seed)
    body: list[list[object]] = []
    for number in range(1, count + 1):
        amounts: list[object] = []
        for _kind in KINDS:
            estimate = rng.randint(100, 9000) if rng.random() > 0.3 else None
            parts = [
                rng.randint(0, estimate // 3) if estimate and rng.random() > 0.3 else None
                for _ in range(3)
            ]
            amounts.append(estimate)
            amounts.extend(parts)
        # order: stage-major, kind-minor (F=estimate inv, G=estimate rec, H=before inv, ...)
        inv, rec = amounts[:4], amounts[4:]
        ordered = [value for pair in zip(inv, rec, strict=True) for value in pair]
        unit = UNITS[number % len(UNITS)]
        name = f"Dự án ứng dụng CNTT số {number}"
        body.append([number, name, "2014-2015", unit, "UBND tỉnh", *ordered])
    totals = [sum(int(r[5 + i]) for r in body if r[5 + i] is not None) for i in range(8)]
    body.append(["Tổng", None, None, None, None, *totals])
    return body


def write_xlsx(path: Path, count: int, seed: int = 1) -> Path:
    """A workbook with one sheet holding a table of `count` projects."""
    return _write_table(path, rows(count, seed))


def slipped_rows(count: int, sections: int, seed: int = 1) -> list[list[object]]:
    """`count` projects in `sections` sections closed by "Cộng" subtotals, then the total.

    In each section the first project with an investment estimate has it typed x1000 (in
    nghìn đồng in a triệu table): the subtotals and the grand total add up the true figures.
    """
    body = rows(count, seed)[:-1]
    per = count // sections
    out: list[list[object]] = []
    for start in range(0, count, per):
        part = [list(row) for row in body[start : start + per]]
        sums = [sum(int(r[5 + i]) for r in part if r[5 + i] is not None) for i in range(8)]
        slipped = next((r for r in part if r[5] is not None), None)
        if slipped is not None:
            slipped[5] = int(slipped[5]) * 1000
        out += [*part, ["Cộng", None, None, None, None, *sums]]
    totals = [sum(int(r[5 + i]) for r in out if r[0] == "Cộng") for i in range(8)]
    return [*out, ["Tổng", None, None, None, None, *totals]]


def write_slipped_xlsx(path: Path, count: int, sections: int, seed: int = 1) -> Path:
    """A workbook of `count` projects in `sections` sections, one slip of scale in each."""
    return _write_table(path, slipped_rows(count, sections, seed))


def _write_table(path: Path, values_by_row: list[list[object]]) -> Path:
    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet("Bieu 01")
    merged = book.add_format({"bold": True, "align": "center"})
    sheet.merge_range(0, 0, 0, 12, "KẾ HOẠCH ỨNG DỤNG CNTT NĂM 2014", merged)
    sheet.write(1, 0, "Đơn vị tính: triệu VNĐ")
    for column, text in enumerate(FIXED):
        sheet.merge_range(2, column, 3, column, text, merged)
    for index, stage in enumerate(STAGES):
        sheet.merge_range(2, 5 + 2 * index, 2, 6 + 2 * index, stage, merged)
    for index in range(8):
        sheet.write(3, 5 + index, KINDS[index % 2])
    for offset, values in enumerate(values_by_row):
        for column, value in enumerate(values):
            if value is not None:
                sheet.write(4 + offset, column, value)
    book.close()
    return path


def write_csv(path: Path, count: int, seed: int = 1) -> Path:
    """The same table as a UTF-8 CSV export with BOM, parents repeated over their sub-columns."""
    parents = [*FIXED, *[stage for stage in STAGES for _ in KINDS]]
    children = [""] * len(FIXED) + KINDS * len(STAGES)
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["KẾ HOẠCH ỨNG DỤNG CNTT NĂM 2014"])
        writer.writerow(["Đơn vị tính: triệu VNĐ"])
        writer.writerow(parents)
        writer.writerow(children)
        for values in rows(count, seed):
            writer.writerow(["" if v is None else _vietnamese(v) for v in values])
    return path


def _vietnamese(value: object) -> str:
    return f"{value:,}".replace(",", ".") if isinstance(value, int) else str(value)


def write_folder(folder: Path, files: int, seed: int = 7) -> Path:
    """`files` small submissions of 8 to 40 projects each."""
    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    for number in range(files):
        write_xlsx(folder / f"submission_{number:04d}.xlsx", rng.randint(8, 40), seed + number)
    return folder


def write_unit_reports(folder: Path, copies: int) -> None:
    """`copies` of the 37 one-unit reports of the fixtures (xlsx and CSV), side by side.

    Each copy is the same report in other bytes, as a resubmission is: byte-identical
    files would be set aside as `duplicate-file` copies, and the workload is reading them.
    """
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "fixtures"))
    import make_unit_reports  # the fixture generator's reports

    folder.mkdir(parents=True, exist_ok=True)
    one_unit = [f for f in make_unit_reports.valid() if "/one_unit/" in f.path]
    for copy in range(copies):
        for fixture in one_unit:
            name = Path(fixture.path)
            data = _resubmitted(fixture.data, name.suffix, copy)
            (folder / f"{name.stem}_{copy}{name.suffix}").write_bytes(data)


def _resubmitted(data: bytes, suffix: str, copy: int) -> bytes:
    """`data` in other bytes for each `copy`: a zip comment, or blank lines after a CSV."""
    if copy == 0:
        return data
    if suffix != ".xlsx":
        return data + b"\r\n" * copy
    buffer = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(buffer, "w") as target:
        for info in source.infolist():
            target.writestr(info, source.read(info.filename))
        target.comment = f"copy {copy}".encode()
    return buffer.getvalue()
