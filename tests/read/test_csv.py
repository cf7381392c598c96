"""ictdata.read.csv: CSV exports as grids whose row numbers are record numbers."""

from __future__ import annotations

import unicodedata
from collections.abc import Callable

import polars as pl
import pytest

from ictdata.read.csv import _fast, _separator, _tolerant, read_csv
from ictdata.read.grid import ROW, Grid
from ictdata.read.unreadable import UnreadableError, UnreadableReason

BOM = b"\xef\xbb\xbf"
NBSP = "\u00a0"


def records(grid: Grid) -> list[tuple[object, ...]]:
    return list(grid.cells.iter_rows())


def test_a_comma_separated_file_is_one_grid_without_a_sheet() -> None:
    grid = read_csv("TT,Tên dự án\n1,Nâng cấp cổng GTĐT\n".encode())
    assert grid.sheet is None
    assert grid.letters == ["A", "B"]
    assert records(grid) == [(1, "TT", "Tên dự án"), (2, "1", "Nâng cấp cổng GTĐT")]


def test_every_cell_is_text_and_row_is_int64() -> None:
    grid = read_csv(b"TT,KP\n1,1092\n2,8603\n")
    assert grid.cells.schema == {ROW: pl.Int64, "A": pl.String, "B": pl.String}


def test_cells_are_addressed_as_a_spreadsheet_shows_them() -> None:
    grid = read_csv(b"TT,KP\n1,1092\n")
    assert grid.sheet is None
    assert grid.cells.filter(pl.col(ROW) == 2)["B"].item() == "1092"


def test_a_bom_is_not_part_of_the_first_cell() -> None:
    with_bom = read_csv(BOM + "TT,Tên\n1,x\n".encode())
    without = read_csv("TT,Tên\n1,x\n".encode())
    assert with_bom.cells.equals(without.cells)
    assert with_bom.cells["A"][0] == "TT"


def test_a_semicolon_export_keeps_decimal_commas_and_commas_in_names() -> None:
    text = (
        "Đơn vị tính: triệu VNĐ;;\n"
        "TT;Tên dự án, nhiệm vụ;Dự kiến tổng kinh phí\n"
        "1;Nâng cấp cổng GTĐT;1.092\n"
        "2;Nâng cấp, mở rộng hội nghị THTT;8.603,5\n"
    )
    grid = read_csv(text.encode())
    assert grid.letters == ["A", "B", "C"]
    assert records(grid)[3] == (4, "2", "Nâng cấp, mở rộng hội nghị THTT", "8.603,5")


def test_the_seed_exported_with_semicolons_reads_into_thirteen_columns(
    seed_csv: Callable[..., bytes],
) -> None:
    grid = read_csv(seed_csv(";"))
    assert grid.letters == [chr(ord("A") + i) for i in range(13)]
    total = grid.cells.filter(pl.col(ROW) == 13).row(0, named=True)
    assert (total["A"], total["F"], total["G"]) == ("Tổng", "11.329", "2.440")


def test_a_short_semicolon_export_with_a_comma_on_every_line_is_split_on_semicolons() -> None:
    text = (
        "TT;Tên dự án, nhiệm vụ;Kinh phí đầu tư\n"
        "1;Nâng cấp cổng GTĐT;1.092,5\n"
        "2;Một cửa điện tử;368,4\n"
    )
    grid = read_csv(text.encode())
    assert records(grid)[1] == (2, "1", "Nâng cấp cổng GTĐT", "1.092,5")


def test_a_tab_separated_file() -> None:
    grid = read_csv("TT\tTên\tKP\n1\tMột cửa điện tử\t1.092,5\n".encode())
    assert records(grid)[1] == (2, "1", "Một cửa điện tử", "1.092,5")


def test_a_quoted_decimal_comma_in_a_comma_file_stays_one_cell() -> None:
    grid = read_csv('TT,Tên,KP\n1,"Nâng cấp, mở rộng","1.092,5"\n'.encode())
    assert records(grid)[1] == (2, "1", "Nâng cấp, mở rộng", "1.092,5")


def test_records_wider_than_the_first_line_are_not_cut_off() -> None:
    grid = read_csv("Đơn vị tính: triệu VNĐ\nTT,Tên,KP\n1,Một cửa,368,ghi chú\n".encode())
    assert grid.letters == ["A", "B", "C", "D"]
    assert records(grid) == [
        (1, "Đơn vị tính: triệu VNĐ", None, None, None),
        (2, "TT", "Tên", "KP", None),
        (3, "1", "Một cửa", "368", "ghi chú"),
    ]


def test_narrower_records_are_padded_with_nulls() -> None:
    grid = read_csv(b"a,b,c\n1\n2,3\n")
    assert records(grid) == [(1, "a", "b", "c"), (2, "1", None, None), (3, "2", "3", None)]


def test_a_quoted_line_break_stays_inside_its_cell() -> None:
    grid = read_csv('TT,Tên\n1,"Nâng cấp\ncổng GTĐT"\n2,Một cửa\n'.encode())
    assert records(grid) == [
        (1, "TT", "Tên"),
        (2, "1", "Nâng cấp\ncổng GTĐT"),
        (3, "2", "Một cửa"),
    ]


def test_a_quoted_line_break_in_a_ragged_file() -> None:
    grid = read_csv('TT,Tên\n1,"Nâng cấp\ncổng",x,y\n2,z\n'.encode())
    assert grid.cells[ROW].to_list() == [1, 2, 3]
    assert records(grid)[1] == (2, "1", "Nâng cấp\ncổng", "x", "y")


def test_blank_lines_keep_record_numbering() -> None:
    grid = read_csv(b"TT;KP\n\n1;1.092\n\n\n2;368\n")
    assert grid.cells[ROW].to_list() == [1, 2, 3, 4, 5, 6]
    assert grid.cells.filter(pl.col("A") == "2")[ROW].to_list() == [6]
    assert grid.cells.filter(pl.col(ROW) == 2).row(0) == (2, None, None)


def test_blank_lines_in_a_ragged_file_keep_record_numbering() -> None:
    grid = read_csv(b"TT,KP\n\n1,1.092,x\n")
    assert records(grid) == [(1, "TT", "KP", None), (2, None, None, None), (3, "1", "1.092", "x")]


def test_crlf_line_ends_leave_no_carriage_return() -> None:
    grid = read_csv(BOM + "TT,Tên\r\n1,Một cửa\r\n".encode())
    assert records(grid) == [(1, "TT", "Tên"), (2, "1", "Một cửa")]


def test_decomposed_text_is_kept_as_the_file_holds_it() -> None:
    name = unicodedata.normalize("NFD", "Nâng cấp cổng GTĐT")
    grid = read_csv(f"TT,Tên\n1,{name}\n".encode())
    assert grid.cells["B"][1] == name


def test_nbsp_cells_are_kept_as_text_not_dropped() -> None:
    grid = read_csv(f"TT,KP\n1,{NBSP}\n".encode())
    assert grid.cells["B"][1] == NBSP


@pytest.mark.parametrize(
    "data",
    [
        unicodedata.normalize("NFD", "Phú Thọ,1\n").encode("cp1258"),  # Windows-1258
        "Cà Mau,1\n".encode("latin-1"),
        b"S\xe9 Th\xabng tin v\xb5 Truy\xd2n th\xabng\n",  # TCVN3 (.VnTime) bytes
        BOM + b"TT,\xff\xfe\n",
    ],
)
def test_text_that_is_not_utf8_is_unreadable(data: bytes) -> None:
    with pytest.raises(UnreadableError) as raised:
        read_csv(data)
    assert raised.value.reason is UnreadableReason.NOT_UTF8


@pytest.mark.parametrize("data", [b"", BOM])
def test_an_empty_file_is_a_grid_without_rows(data: bytes) -> None:
    assert read_csv(data).cells.height == 0


def test_a_single_cell_file() -> None:
    assert records(read_csv("Tổng".encode())) == [(1, "Tổng")]


def test_lone_carriage_returns_end_records() -> None:
    grid = read_csv("TT;Tên\r1;Một cửa\r2;Tổng\r".encode())
    assert records(grid) == [(1, "TT", "Tên"), (2, "1", "Một cửa"), (3, "2", "Tổng")]


# A title line over the table is narrower than the records under it: the fast
# reader must still be taken, and read exactly what the tolerant one reads.
TITLED = [
    "Đơn vị tính: triệu VNĐ\nTT,Tên,KP\n1,Một cửa,368\n",
    'Kế hoạch 2014\n\nTT;"Dự kiến\ntổng kinh phí";Ghi chú\n1;1.092,5;\n\n2;368\n',
    "Tiêu đề\nTT\tTên\tKP\n1\tA\t\u00a0\n",
]


@pytest.mark.parametrize("text", TITLED)
def test_a_titled_file_is_read_fast_and_as_the_tolerant_reader_reads_it(text: str) -> None:
    separator = _separator(text)
    fast = _fast(text.encode(), text, separator)
    assert fast is not None
    assert fast.equals(_tolerant(text, separator))
