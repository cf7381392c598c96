"""Builders shared by the reading tests: workbooks written as other people's tools write them.

A sheet is declared writer-neutrally (A1 address → value, plus merged ranges) and saved by
openpyxl or xlsxwriter; `seed_cells` lays out the seed table (the project budget table of
the Phú Thọ 2014 ICT plan, unit "triệu VNĐ") with the variations templates show.
"""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import openpyxl
import pytest
import xlsxwriter

from ictdata.contracts import load_contract
from ictdata.contracts.model import Contract
from ictdata.read.cells import column_index, column_letter, split_cell
from ictdata.read.grid import Grid
from ictdata.read.source import open_source

Value = str | int | float
Cells = dict[str, Value]

SHEET_NAME = "Bieu 01"
TITLE = "KẾ HOẠCH ỨNG DỤNG CNTT NĂM 2014 - BẢNG TỔNG HỢP DỰ ÁN, NHIỆM VỤ"
UNIT_LINE = "Đơn vị tính: triệu VNĐ"
FIXED_HEADERS = (
    "TT",
    "Tên dự án/ nhiệm vụ",
    "Thời gian thực hiện",
    "Đơn vị chủ trì",
    "Cơ quan phê duyệt",
)
STAGE_TITLES = (
    "Dự kiến tổng kinh phí",
    "Vốn đã bố trí hết năm 2012",
    "Vốn bố trí năm 2013",
    "Nhu cầu kế hoạch 2014",
)
KIND_TITLES = ("Kinh phí đầu tư", "Kinh phí sự nghiệp")
AMOUNT_FIELDS = (
    "estimate_investment",
    "estimate_recurrent",
    "allocated_before_investment",
    "allocated_before_recurrent",
    "allocated_current_investment",
    "allocated_current_recurrent",
    "demand_next_investment",
    "demand_next_recurrent",
)
TEXT_FIELDS = ("number", "name", "period", "lead_unit", "approver")

SO_TTTT = "Sở Thông tin và Truyền thông"


@dataclass(frozen=True)
class Project:
    """One seed project: TT, name, lead unit, approver and its non-empty amounts (triệu)."""

    number: int
    name: str
    lead: str
    approver: str
    amounts: Mapping[str, Value]


SEED: tuple[Project, ...] = (
    Project(
        1,
        "Nâng cấp cổng GTĐT",
        SO_TTTT,
        "UBND tỉnh",
        {"estimate_investment": 1092, "allocated_before_investment": 1092},
    ),
    Project(
        2,
        "Nâng cấp, mở rộng hội nghị THTT",
        SO_TTTT,
        "UBND tỉnh",
        {
            "estimate_investment": 8603,
            "allocated_current_investment": 4500,
            "demand_next_investment": 4103,
        },
    ),
    Project(
        3,
        "Một cửa điện tử",
        SO_TTTT,
        SO_TTTT,
        {"estimate_recurrent": 368, "allocated_current_recurrent": 368},
    ),
    Project(
        4,
        "Nâng cấp mạng LAN huyện Yên Lập",
        "UBND huyện Yên Lập",
        "UBND huyện Yên Lập",
        {"estimate_recurrent": 200, "allocated_current_recurrent": 200},
    ),
    Project(
        5,
        "Nâng cấp mạng LAN huyện Cẩm Khê",
        "UBND huyện Cẩm Khê",
        "UBND huyện Cẩm Khê",
        {"estimate_recurrent": 300, "allocated_current_recurrent": 300},
    ),
    Project(
        6,
        "Nâng cấp mạng LAN Văn phòng ĐĐBQH và HĐND",
        "Văn phòng ĐĐBQH và HĐND",
        "Văn phòng ĐĐBQH và HĐND",
        {"estimate_recurrent": 952, "allocated_current_recurrent": 952},
    ),
    Project(
        7,
        "Nâng cấp mạng LAN WIFI - Văn phòng UBND tỉnh",
        "Văn phòng UBND tỉnh",
        "Văn phòng UBND tỉnh",
        {"estimate_recurrent": 620, "allocated_current_recurrent": 620},
    ),
    Project(
        8,
        "Một cửa điện tử UBND TP Việt Trì",
        "UBND TP Việt Trì",
        "UBND tỉnh",
        {"estimate_investment": 1634},
    ),
)

# The "Tổng" row of the seed (triệu VNĐ); empty columns are left blank.
SEED_TOTALS: Mapping[str, int] = {
    "estimate_investment": 11329,
    "estimate_recurrent": 2440,
    "allocated_before_investment": 1092,
    "allocated_current_investment": 4500,
    "allocated_current_recurrent": 2440,
    "demand_next_investment": 4103,
}


def vietnamese(value: int) -> str:
    """An integer written the Vietnamese way: 11329 -> "11.329"."""
    return f"{value:,}".replace(",", ".")


@dataclass(frozen=True)
class SheetSpec:
    """A writer-neutral sheet: non-empty cells by A1 address, and merged ranges."""

    cells: Mapping[str, Value]
    merges: tuple[str, ...] = ()
    name: str = SHEET_NAME


def _merged_away(merges: Sequence[str]) -> set[str]:
    """Cells covered by a merge other than its top-left cell."""
    covered: set[str] = set()
    for ref in merges:
        first, last = ref.split(":")
        first_letters, first_row = split_cell(first)
        last_letters, last_row = split_cell(last)
        for row in range(first_row, last_row + 1):
            for column in range(column_index(first_letters), column_index(last_letters) + 1):
                covered.add(f"{column_letter(column)}{row}")
        covered.discard(first)
    return covered


def save_openpyxl(path: Path, sheets: Sequence[SheetSpec]) -> Path:
    """Save with openpyxl: text as strings, numbers as numbers, "=..." as formulas."""
    workbook = openpyxl.Workbook()
    workbook.remove(workbook.active)
    for spec in sheets:
        worksheet = workbook.create_sheet(spec.name)
        for address, value in spec.cells.items():
            worksheet[address] = value
        for ref in spec.merges:
            worksheet.merge_cells(ref)
    workbook.save(path)
    return path


def save_xlsxwriter(path: Path, sheets: Sequence[SheetSpec]) -> Path:
    """Save with xlsxwriter: merges through merge_range, as its users do."""
    workbook = xlsxwriter.Workbook(str(path))
    for spec in sheets:
        worksheet = workbook.add_worksheet(spec.name)
        for ref in spec.merges:
            worksheet.merge_range(ref, spec.cells.get(ref.split(":")[0], ""))
        skip = _merged_away(spec.merges) | {ref.split(":")[0] for ref in spec.merges}
        for address, value in spec.cells.items():
            if address in skip:
                continue
            if isinstance(value, str) and value.startswith("="):
                worksheet.write_formula(address, value)
            elif isinstance(value, str):
                worksheet.write_string(address, value)
            else:
                worksheet.write_number(address, value)
    workbook.close()
    return path


WRITERS: Mapping[str, Callable[[Path, Sequence[SheetSpec]], Path]] = {
    "openpyxl": save_openpyxl,
    "xlsxwriter": save_xlsxwriter,
}


def csv_bytes(spec: SheetSpec, separator: str = ",", *, bom: bool = True) -> bytes:
    """Export a sheet as a spreadsheet program does: merged labels repeated, CRLF, padded."""
    cells = dict(spec.cells)
    for ref in spec.merges:
        first, last = ref.split(":")
        first_letters, row = split_cell(first)
        last_letters, last_row = split_cell(last)
        if row != last_row or first not in cells:
            continue
        for column in range(column_index(first_letters) + 1, column_index(last_letters) + 1):
            cells[f"{column_letter(column)}{row}"] = cells[first]
    positions = [split_cell(address) for address in cells]
    height = max(row for _, row in positions)
    width = max(column_index(letters) for letters, _ in positions) + 1
    text = io.StringIO()
    writer = csv.writer(text, delimiter=separator, lineterminator="\r\n")
    for row in range(1, height + 1):
        record = [cells.get(f"{column_letter(column)}{row}", "") for column in range(width)]
        writer.writerow([vietnamese(v) if isinstance(v, int) else str(v) for v in record])
    return text.getvalue().encode("utf-8-sig" if bom else "utf-8")


@dataclass(frozen=True)
class SeedLayout:
    """How the seed table sits on its sheet; every default is the canonical layout.

    Canonical: title A1 (merged A1:M1), unit line A2, a two-row header on rows 3-4
    (A3:A4 ... E3:E4 and F3:G3 ... L3:M3 merged), projects 1-8 on rows 5-12 and the
    "Tổng" row 13 (label merged A13:E13). `sections` puts rows before a project,
    `changes` sets a project cell (by project number and field), `after_total` adds rows
    below the totals row; each row is a list of values from the table's first column.
    """

    origin: str = "A1"
    titles: Sequence[str] = (TITLE,)
    unit: str | None = UNIT_LINE
    unit_offset: int = 0
    fixed_headers: Sequence[str] = FIXED_HEADERS
    stage_titles: Sequence[str] = STAGE_TITLES
    kind_titles: Sequence[str] = KIND_TITLES
    joined_titles: Sequence[str] | None = None
    merge_stages: bool = True
    drop_stages: Sequence[int] = ()
    column_numbers: bool | Sequence[str] = False  # True: (1) (2) ... (n)
    blank_after: Sequence[int] = ()
    sections: Mapping[int, Sequence[Sequence[Value]]] = field(default_factory=dict)
    total_label: str = "Tổng"
    total_label_offset: int = 0
    merge_total_label: bool = True
    total_at_top: bool = False
    after_total: Sequence[Sequence[Value]] = ()
    amounts_as_text: bool = False
    text_blank: str = ""
    changes: Mapping[tuple[int, str], Value] = field(default_factory=dict)

    @property
    def fields(self) -> list[str]:
        """The amount fields present, left to right."""
        stages = [i for i in range(len(self.stage_titles)) if i not in self.drop_stages]
        return [AMOUNT_FIELDS[2 * i + k] for i in stages for k in range(2)]

    @property
    def width(self) -> int:
        return len(self.fixed_headers) + len(self.fields)

    def sheet(self) -> SheetSpec:
        """Draw the table and return its sheet."""
        letters, top = split_cell(self.origin)
        drawing = _Drawing(self, column_index(letters))
        row = drawing.titles(top)
        row = drawing.header(row)
        row = drawing.column_numbers(row)
        if self.total_at_top:
            row = drawing.totals(row)
        row = drawing.projects(row)
        if not self.total_at_top:
            row = drawing.totals(row)
        drawing.rows(row, self.after_total)
        return SheetSpec(drawing.cells, tuple(drawing.merges))

    def shown(self, amount: Value | None) -> Value | None:
        """An amount as the sheet holds it: a number, or Vietnamese text."""
        if not self.amounts_as_text:
            return amount
        if amount is None:
            return self.text_blank or None
        return vietnamese(amount) if isinstance(amount, int) else amount


@dataclass
class _Drawing:
    """Places a `SeedLayout` row by row, from the table's first column."""

    layout: SeedLayout
    left: int
    cells: Cells = field(default_factory=dict)
    merges: list[str] = field(default_factory=list)

    def at(self, row: int, offset: int) -> str:
        return f"{column_letter(self.left + offset)}{row}"

    def put(self, row: int, offset: int, value: Value | None) -> None:
        if value is not None and value != "":
            self.cells[self.at(row, offset)] = value

    def merge(self, row: int, first: int, last_row: int, last: int) -> None:
        self.merges.append(f"{self.at(row, first)}:{self.at(last_row, last)}")

    def rows(self, row: int, rows: Sequence[Sequence[Value]]) -> int:
        for values in rows:
            for offset, value in enumerate(values):
                self.put(row, offset, value)
            row += 1
        return row

    def titles(self, row: int) -> int:
        for title in self.layout.titles:
            self.put(row, 0, title)
            self.merge(row, 0, row, self.layout.width - 1)
            row += 1
        if self.layout.unit is None:
            return row
        self.put(row, self.layout.unit_offset, self.layout.unit)
        return row + 1

    def header(self, row: int) -> int:
        layout = self.layout
        first_amount = len(layout.fixed_headers)
        joined = layout.joined_titles
        for offset, text in enumerate(layout.fixed_headers):
            self.put(row, offset, text)
            if joined is None:
                self.merge(row, offset, row + 1, offset)
        if joined is not None:
            self.rows(row, [["" for _ in layout.fixed_headers] + list(joined)])
            return row + 1
        stages = [i for i in range(len(layout.stage_titles)) if i not in layout.drop_stages]
        for position, stage in enumerate(stages):
            left = first_amount + 2 * position
            self.put(row, left, layout.stage_titles[stage])
            if layout.merge_stages:
                self.merge(row, left, row, left + 1)
            for k, text in enumerate(layout.kind_titles):
                self.put(row + 1, left + k, text)
        return row + 2

    def column_numbers(self, row: int) -> int:
        labels = self.layout.column_numbers
        if labels is False:
            return row
        if labels is True:
            labels = [f"({i + 1})" for i in range(self.layout.width)]
        return self.rows(row, [list(labels)])

    def totals(self, row: int) -> int:
        layout = self.layout
        self.put(row, layout.total_label_offset, layout.total_label)
        if layout.merge_total_label:
            self.merge(row, 0, row, len(layout.fixed_headers) - 1)
        for i, name in enumerate(layout.fields):
            self.put(row, len(layout.fixed_headers) + i, layout.shown(SEED_TOTALS.get(name)))
        return row + 1

    def projects(self, row: int) -> int:
        layout = self.layout
        for project in SEED:
            row = self.rows(row, layout.sections.get(project.number, ()))
            number = str(project.number) if layout.amounts_as_text else project.number
            self.rows(row, [[number, project.name, "", project.lead, project.approver]])
            for i, name in enumerate(layout.fields):
                amount = layout.changes.get((project.number, name), project.amounts.get(name))
                self.put(row, len(layout.fixed_headers) + i, layout.shown(amount))
            row += 2 if project.number in layout.blank_after else 1
        return row


def seed_cells(**options: Any) -> SheetSpec:
    """The seed table laid out as `SeedLayout(**options)` says."""
    return SeedLayout(**options).sheet()


@pytest.fixture(scope="session")
def contract() -> Contract:
    """The bundled project budget contract."""
    return load_contract("project_budget")


@pytest.fixture(params=sorted(WRITERS))
def writer(request: pytest.FixtureRequest) -> str:
    """Each test using it runs once per spreadsheet writer."""
    name: str = request.param
    return name


@pytest.fixture
def save_book(tmp_path: Path, writer: str) -> Callable[[Sequence[SheetSpec]], Path]:
    """Save sheets with the current writer into tmp_path; return the file's path."""
    counter = iter(range(1_000_000))

    def save(sheets: Sequence[SheetSpec]) -> Path:
        path = tmp_path / f"book_{next(counter)}_{writer}.xlsx"
        return WRITERS[writer](path, sheets)

    return save


@pytest.fixture
def seed_grid(save_book: Callable[[Sequence[SheetSpec]], Path]) -> Callable[..., Grid]:
    """Build the seed table with `seed_cells` options, save it, read it back as a grid."""

    def build(**options: Any) -> Grid:
        path = save_book([seed_cells(**options)])
        return open_source(path).grids[-1]

    return build


@pytest.fixture
def sheet_grid(save_book: Callable[[Sequence[SheetSpec]], Path]) -> Callable[..., Grid]:
    """Save one sheet of `cells` (A1 → value) with `merges`; read it back as a grid."""

    def build(cells: Mapping[str, Value], merges: Sequence[str] = ()) -> Grid:
        path = save_book([SheetSpec(cells, tuple(merges))])
        return open_source(path).grids[-1]

    return build


@pytest.fixture
def seed_csv_grid(tmp_path: Path) -> Callable[..., Grid]:
    """The seed table exported as CSV (`separator`, BOM) and read back."""

    def build(separator: str = ",", **options: Any) -> Grid:
        data = csv_bytes(seed_cells(**options), separator)
        path = tmp_path / "export.csv"
        path.write_bytes(data)
        return open_source(path).grids[-1]

    return build


_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
    'relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-'
    'officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.'
    'openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    "</Types>"
)
_ROOT_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/officeDocument" Target="xl/workbook.xml"/>'
    "</Relationships>"
)
_WORKBOOK = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
    '<sheets><sheet name="{name}" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
_WORKBOOK_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/worksheet" Target="worksheets/sheet1.xml"/>'
    "</Relationships>"
)
MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"


def worksheet_xml(sheet_data: str, merges: Sequence[str] = (), prefix: str = "") -> bytes:
    """A worksheet part as Excel writes it; `prefix` ("x") qualifies every element name."""
    p = f"{prefix}:" if prefix else ""
    xmlns = f'xmlns:{prefix}="{MAIN_NS}"' if prefix else f'xmlns="{MAIN_NS}"'
    merge_xml = (
        f'<{p}mergeCells count="{len(merges)}">'
        + "".join(f'<{p}mergeCell ref="{ref}"/>' for ref in merges)
        + f"</{p}mergeCells>"
        if merges
        else ""
    )
    body = sheet_data.replace("<", f"<{p}").replace(f"<{p}/", f"</{p}") if p else sheet_data
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f"<{p}worksheet {xmlns}><{p}sheetData>{body}</{p}sheetData>{merge_xml}</{p}worksheet>"
    ).encode()


def save_raw_xlsx(path: Path, sheet: bytes, name: str = SHEET_NAME) -> Path:
    """A minimal package around one worksheet part (inline strings, no styles)."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr("[Content_Types].xml", _CONTENT_TYPES)
        package.writestr("_rels/.rels", _ROOT_RELS)
        package.writestr("xl/workbook.xml", _WORKBOOK.format(name=name))
        package.writestr("xl/_rels/workbook.xml.rels", _WORKBOOK_RELS)
        package.writestr("xl/worksheets/sheet1.xml", sheet)
    return path


@pytest.fixture(scope="session")
def seed_cells_spec() -> Callable[..., SheetSpec]:
    """`seed_cells`, for tests that save the sheet themselves."""
    return seed_cells


@pytest.fixture(scope="session")
def sheet_spec() -> Callable[..., SheetSpec]:
    """Make a `SheetSpec` from cells (A1 → value) and merged ranges."""

    def make(
        cells: Mapping[str, Value], merges: Sequence[str] = (), name: str = SHEET_NAME
    ) -> SheetSpec:
        return SheetSpec(cells, tuple(merges), name)

    return make


@pytest.fixture(scope="session")
def worksheet_part() -> Callable[..., bytes]:
    """`worksheet_xml`: a worksheet part written as Excel (or the OpenXML SDK) writes it."""
    return worksheet_xml


@pytest.fixture(scope="session")
def raw_xlsx() -> Callable[..., Path]:
    """`save_raw_xlsx`: a minimal package around one worksheet part."""
    return save_raw_xlsx


@pytest.fixture(scope="session")
def seed_csv() -> Callable[..., bytes]:
    """The seed table (with `seed_cells` options) as CSV bytes: `separator`, `bom`."""

    def export(separator: str = ",", *, bom: bool = True, **options: Any) -> bytes:
        return csv_bytes(seed_cells(**options), separator, bom=bom)

    return export
