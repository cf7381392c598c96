"""The closed catalogue of issue codes.

Every code has a category, a default severity, a message template in
Vietnamese and in English, and a documented meaning; a test enforces it.
Messages are `str.format` templates over an issue's fields; an `extras`
sentence is added when the field it names is present; a `cases` sentence
replaces the template when the issue's `detail` starts with its term
(`no-line: ...`), `{note}` being the rest of the detail.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from types import MappingProxyType


class IssueCode(StrEnum):
    """What is wrong, as a stable kebab-case code."""

    UNREADABLE_FILE = "unreadable-file"
    UNKNOWN_LAYOUT = "unknown-layout"
    MISSING_COLUMN = "missing-column"
    UNRECOGNISED_UNIT = "unrecognised-unit"
    BAD_NUMBER = "bad-number"
    NUMBER_TOO_LARGE = "number-too-large"
    NEGATIVE_AMOUNT = "negative-amount"
    TOTAL_MISMATCH = "total-mismatch"
    ROW_TOTAL_MISMATCH = "row-total-mismatch"
    OVER_ALLOCATION = "over-allocation"
    SCALE_SLIP = "scale-slip"
    FORMULA_NO_VALUE = "formula-no-value"
    STALE_FORMULA = "stale-formula"
    CIRCULAR_FORMULA = "circular-formula"
    WORDS_MISMATCH = "words-mismatch"
    MISSING_UNIT = "missing-unit"
    PARTS_SUM_MISMATCH = "parts-sum-mismatch"
    BAD_WORDS = "bad-words"
    LEGACY_ENCODING = "legacy-encoding"
    CROSS_TOTAL_MISMATCH = "cross-total-mismatch"
    CROSS_SOURCE_MISMATCH = "cross-source-mismatch"
    CROSS_PROJECT_MISMATCH = "cross-project-mismatch"
    CROSS_YEAR_MISMATCH = "cross-year-mismatch"
    PERCENT_OUT_OF_RANGE = "percent-out-of-range"
    PART_EXCEEDS_WHOLE = "part-exceeds-whole"
    PERCENT_MISMATCH = "percent-mismatch"
    LEVELS_SUM_MISMATCH = "levels-sum-mismatch"
    PERIOD_MISMATCH = "period-mismatch"
    UNKNOWN_UNIT = "unknown-unit"
    UNIT_NOT_NAMED = "unit-not-named"
    DUPLICATE_UNIT_REPORT = "duplicate-unit-report"
    DUPLICATE_FILE = "duplicate-file"
    FOREIGN_CURRENCY = "foreign-currency"
    SECOND_TABLE = "second-table"
    UNIT_NOT_STATED = "unit-not-stated"
    MISSING_TOTAL = "missing-total"
    UNIT_CONTRADICTS_INDICATOR = "unit-contradicts-indicator"
    COUNT_NOT_WHOLE = "count-not-whole"
    MERGED_ROW_CONFLICT = "merged-row-conflict"


class Severity(StrEnum):
    """How much an issue matters: errors make a file invalid, warnings do not."""

    ERROR = "error"
    WARNING = "warning"


class Category(StrEnum):
    """Which part of a submission an issue is about."""

    FILE = "file"
    LAYOUT = "layout"
    VALUE = "value"
    ARITHMETIC = "arithmetic"
    UNIT = "unit"
    FORMULA = "formula"
    TEXT = "text"
    CROSS_FILE = "cross-file"


@dataclass(frozen=True)
class Template:
    """A message in one language: a sentence, plus sentences added when a field is set."""

    text: str
    extras: dict[str, str] = field(default_factory=dict)
    cases: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class CodeInfo:
    """Everything known about one issue code."""

    category: Category
    severity: Severity
    meaning: str
    vi: Template
    en: Template


_SCALE_VI = " Hai số chênh nhau đúng {ratio} lần: có lẽ ghi nhầm đơn vị."
_SCALE_EN = " They differ by a factor of exactly {ratio}: probably a unit slip."
_FIX_FORMULA_VI = "mở tệp bằng Excel hoặc LibreOffice để tính lại rồi lưu."
_FIX_FORMULA_EN = "open the file in Excel or LibreOffice to recalculate, then save it."

CODES: MappingProxyType[IssueCode, CodeInfo] = MappingProxyType(
    {
        IssueCode.UNREADABLE_FILE: CodeInfo(
            Category.FILE,
            Severity.ERROR,
            "The file cannot be read at all: missing, empty, corrupt or truncated, "
            "encrypted, not a spreadsheet, or a workbook without cells. The reason is in `detail`.",
            Template("Không đọc được tệp: {detail}."),
            Template("The file cannot be read: {detail}."),
        ),
        IssueCode.UNKNOWN_LAYOUT: CodeInfo(
            Category.LAYOUT,
            Severity.ERROR,
            "No sheet holds a table whose header row matches the template contract.",
            Template(
                "Không tìm thấy bảng “{detail}” trong tệp: kiểm tra dòng tiêu đề cột "
                "có đúng theo biểu mẫu không."
            ),
            Template(
                "No “{detail}” table was found in the file: check that the column "
                "headers follow the template."
            ),
        ),
        IssueCode.MISSING_COLUMN: CodeInfo(
            Category.LAYOUT,
            Severity.ERROR,
            "A column the contract requires is absent from the table's header; `detail` names it.",
            Template("Dòng tiêu đề {row} thiếu cột “{detail}”: thêm cột này theo biểu mẫu."),
            Template("Header row {row} has no “{detail}” column: add it as the template has it."),
        ),
        IssueCode.UNRECOGNISED_UNIT: CodeInfo(
            Category.UNIT,
            Severity.WARNING,
            "The table states a money unit the contract does not know; the contract's "
            "default unit was used. In a unit report, an amount's unit not understood (its "
            "“Đơn vị tính” cell, a note in its label or header, the unit line above): the "
            "amount was read in its indicator's unit (`unit`); once per cell stating it.",
            Template(
                "Không hiểu đơn vị tính “{detail}” ở ô {cell}; đã dùng đơn vị mặc định {unit}: "
                "ghi rõ đơn vị (đồng, nghìn đồng, triệu đồng, tỷ đồng)."
            ),
            Template(
                "Unit “{detail}” in {cell} is not understood; the default {unit} was used: "
                "state the unit plainly (đồng, nghìn đồng, triệu đồng, tỷ đồng)."
            ),
        ),
        IssueCode.BAD_NUMBER: CodeInfo(
            Category.VALUE,
            Severity.ERROR,
            "An amount cell holds text that is not a number (Vietnamese style: 1.092 or 4,5).",
            Template(
                "{where} ghi “{detail}”, không phải là số: ghi số kiểu Việt Nam "
                "(1.092 hoặc 4,5) hoặc để trống."
            ),
            Template(
                "{where} holds “{detail}”, which is not a number: write it Vietnamese "
                "style (1.092 or 4,5) or leave it blank."
            ),
        ),
        IssueCode.NUMBER_TOO_LARGE: CodeInfo(
            Category.VALUE,
            Severity.ERROR,
            "An amount cell holds a number too large to hold in đồng (more than 18 digits "
            "once in đồng, beyond Int64), usually typed in the wrong unit or mistyped. Raised "
            "by the `bad-number` rule: the figure is left out like an unreadable one.",
            Template(
                "{where} ghi “{detail}”, số quá lớn (quá 18 chữ số khi đổi ra đồng): kiểm tra "
                "lại số này và đơn vị tính."
            ),
            Template(
                "{where} holds “{detail}”, a number too large to hold in đồng (more than 18 "
                "digits once in đồng): check the figure and the table's unit."
            ),
        ),
        IssueCode.NEGATIVE_AMOUNT: CodeInfo(
            Category.VALUE,
            Severity.ERROR,
            "An amount is below zero.",
            Template("Ô {cell} ghi số âm {actual} ({unit}): kinh phí không thể âm."),
            Template(
                "Cell {cell} holds a negative amount, {actual} ({unit}): "
                "amounts cannot be negative."
            ),
        ),
        IssueCode.TOTAL_MISMATCH: CodeInfo(
            Category.ARITHMETIC,
            Severity.ERROR,
            "A totals cell (grand total, section subtotal, or a project broken into parts) "
            "differs from the sum of the rows it covers in its column. `expected` "
            "is the sum, `actual` the cell; `scale_factor` and `scale_cell` name a cell whose "
            "value multiplied by that factor (1000, 1000000, 0.001, 0.000001) makes the "
            "column add up.",
            Template(
                "Ô {cell} ghi {actual} nhưng tổng các dòng {range} là {expected} ({unit}): "
                "sửa ô tổng hoặc các dòng {range}.",
                {
                    "scale_cell": " Nếu nhân ô {scale_cell} với {scale_factor} thì cột khớp: "
                    "có lẽ ô đó ghi nhầm đơn vị."
                },
            ),
            Template(
                "Cell {cell} reads {actual} but rows {range} add up to {expected} ({unit}): "
                "fix the total or the rows {range}.",
                {
                    "scale_cell": " Multiplying {scale_cell} by {scale_factor} makes the column "
                    "add up: that cell was probably typed in another unit."
                },
            ),
        ),
        IssueCode.ROW_TOTAL_MISMATCH: CodeInfo(
            Category.ARITHMETIC,
            Severity.ERROR,
            "Within one row, the cell of the whole (the “Tổng số” column) differs from the sum "
            "of its parts (the sources of funds, `range`), as the contract's `whole` and `parts` "
            "name them. Points at the whole; `expected` is the parts' sum, `actual` the cell "
            "(none when it is blank), in the table's unit. A blank part counts as 0.",
            Template(
                "Ô {cell} ghi tổng số {actual} nhưng các nguồn vốn cùng dòng ({range}) cộng lại "
                "là {expected} ({unit}): sửa ô tổng số hoặc các nguồn."
            ),
            Template(
                "Cell {cell} gives a total of {actual} but the sources in its row ({range}) add "
                "up to {expected} ({unit}): fix the total or the sources."
            ),
        ),
        IssueCode.OVER_ALLOCATION: CodeInfo(
            Category.ARITHMETIC,
            Severity.ERROR,
            "For one project and funding kind, allocated before + allocated this year + "
            "next-year demand (`actual`) exceed the estimate (`expected`, in `cell`).",
            Template(
                "Dòng {row}, {detail}: vốn đã bố trí + vốn bố trí năm nay + nhu cầu năm kế "
                "hoạch = {actual}, vượt dự kiến tổng kinh phí {expected} ở ô {cell} ({unit}): "
                "sửa dự kiến hoặc các khoản vốn."
            ),
            Template(
                "Row {row}, {detail}: allocated before + allocated this year + next-year "
                "demand = {actual}, more than the estimate {expected} in {cell} ({unit}): "
                "fix the estimate or the allocations."
            ),
        ),
        IssueCode.SCALE_SLIP: CodeInfo(
            Category.UNIT,
            Severity.WARNING,
            "Every value of a column carries exactly three decimals in a table counted in "
            "triệu (not tỷ, where three decimals are whole triệu): typed in another unit, or 1.092 "
            "typed on an English-locale computer. "
            "`scale_factor` is what the values probably need multiplying by.",
            Template(
                "Các số ở cột {column} ({range}) đều có ba chữ số thập phân, như khi gõ 1.092 "
                "trên máy đặt kiểu số tiếng Anh: có lẽ phải nhân với {scale_factor}; kiểm tra "
                "lại cột này."
            ),
            Template(
                "Every value in column {column} ({range}) has three decimals, as when 1.092 "
                "is typed on an English-locale computer: it probably needs multiplying by "
                "{scale_factor}; check this column."
            ),
        ),
        IssueCode.FORMULA_NO_VALUE: CodeInfo(
            Category.FORMULA,
            Severity.ERROR,
            "A formula cell has no stored result (or only the placeholder 0 some writers "
            "store), so other programs would read it as blank or 0. `expected` is what the "
            "formula gives when ictdata can compute it; that value is used. The cells of one "
            "row make one issue, at the first: `range` names them as runs of adjacent cells "
            "(`F13:H13,J13:L13`), `detail` counts them (`cells: 6`) and `expected` is null.",
            Template(
                "Ô {cell} có công thức “{detail}” nhưng không lưu kết quả: " + _FIX_FORMULA_VI,
                {"expected": " (Công thức cho {expected} {unit}.)"},
                {
                    "cells": "Các ô {range} ({note} ô) có công thức nhưng không lưu kết quả: "
                    + _FIX_FORMULA_VI
                },
            ),
            Template(
                "Cell {cell} has the formula “{detail}” but no stored result: " + _FIX_FORMULA_EN,
                {"expected": " (The formula gives {expected} {unit}.)"},
                {
                    "cells": "Cells {range} ({note} cells) have formulas but no stored results: "
                    + _FIX_FORMULA_EN
                },
            ),
        ),
        IssueCode.STALE_FORMULA: CodeInfo(
            Category.FORMULA,
            Severity.ERROR,
            "A formula cell's stored result (`actual`) differs from what its formula gives "
            "(`expected`); the formula's value is used.",
            Template(
                "Ô {cell} có công thức “{detail}” cho {expected} nhưng lưu kết quả cũ {actual} "
                "({unit}): " + _FIX_FORMULA_VI
            ),
            Template(
                "Cell {cell} has the formula “{detail}”, which gives {expected}, but stores the "
                "old result {actual} ({unit}): " + _FIX_FORMULA_EN
            ),
        ),
        IssueCode.CIRCULAR_FORMULA: CodeInfo(
            Category.FORMULA,
            Severity.ERROR,
            "A formula reads its own cell, directly or through other formulas (`=SUM(F5:F13)` "
            "in F13, or F6 `=F13-F5` under a total F13 summing F6): it has no value, whatever "
            "it stores, and its value is unknown, as is that of every formula reading it. "
            "`detail` is its formula.",
            Template(
                "Ô {cell} có công thức “{detail}” tham chiếu vòng (đọc lại chính ô này, trực "
                "tiếp hoặc qua ô khác) nên không có giá trị: sửa công thức."
            ),
            Template(
                "Cell {cell} has the formula “{detail}”, which refers back to itself (directly "
                "or through other cells), so it has no value: fix the formula."
            ),
        ),
        IssueCode.WORDS_MISMATCH: CodeInfo(
            Category.ARITHMETIC,
            Severity.ERROR,
            "A figure differs from its amount in words. `actual` is the figure and `expected` "
            "the words, in đồng; `scale_factor` is what the figure must be multiplied by when "
            "they differ by a power of 1,000; `detail` says which to fix (`fix-figure` or "
            "`fix-words`) when the total and its parts show it.",
            Template(
                "{where}: số ghi {actual} đồng nhưng phần bằng chữ là {expected} đồng.",
                {"scale_factor": _SCALE_VI, "detail": " Cần sửa {detail}."},
            ),
            Template(
                "{where}: the figure reads {actual} đồng but the words say {expected} đồng.",
                {"scale_factor": _SCALE_EN, "detail": " Fix {detail}."},
            ),
        ),
        IssueCode.MISSING_UNIT: CodeInfo(
            Category.UNIT,
            Severity.ERROR,
            "A money figure states no unit and no table unit applies; it was read as đồng.",
            Template(
                "{where}: số {actual} không ghi đơn vị; đã tạm hiểu là đồng: ghi rõ đơn vị "
                "(đồng, triệu đồng, tỷ đồng)."
            ),
            Template(
                "{where}: the figure {actual} has no unit; it was read as đồng: state the unit "
                "(đồng, triệu đồng, tỷ đồng)."
            ),
        ),
        IssueCode.PARTS_SUM_MISMATCH: CodeInfo(
            Category.ARITHMETIC,
            Severity.ERROR,
            "The parts listed under a total (“trong đó: ...”) do not add up to it. Points at "
            "the total; `expected` is the sum of the parts, `actual` the total, in đồng.",
            Template(
                "{where}: tổng ghi {actual} đồng nhưng các khoản trong đó cộng lại là "
                "{expected} đồng: sửa tổng hoặc các khoản.",
                {"scale_factor": _SCALE_VI},
            ),
            Template(
                "{where}: the total reads {actual} đồng but its parts add up to {expected} "
                "đồng: fix the total or the parts.",
                {"scale_factor": _SCALE_EN},
            ),
        ),
        IssueCode.BAD_WORDS: CodeInfo(
            Category.VALUE,
            Severity.ERROR,
            "The amount in words is not a Vietnamese number; `detail` is the first word that "
            "is not.",
            Template(
                "{where}: phần bằng chữ không đọc được thành số (từ “{detail}”): viết lại số "
                "tiền bằng chữ."
            ),
            Template(
                "{where}: the amount in words is not a number (at “{detail}”): write the amount "
                "in words again."
            ),
        ),
        IssueCode.LEGACY_ENCODING: CodeInfo(
            Category.TEXT,
            Severity.WARNING,
            'Cells were typed with a legacy Vietnamese font encoding (TCVN3/ABC ".VnTime", or '
            'VNI "VNI-Times"), decided per sheet; ictdata read them converted to Unicode. '
            "`cell` is the first, `detail` how many. In a plan document, decided on the whole "
            "document: `row` is the first line, `detail` `lines: <how many>`.",
            Template(
                "Ô {cell} và các ô khác ({detail} ô) gõ bằng phông cũ (TCVN3 .VnTime hoặc VNI); "
                "đã chuyển sang Unicode để kiểm tra: nên gõ lại bằng phông Unicode (Times New "
                "Roman).",
                cases={
                    "lines": "Dòng {row} và các dòng khác ({note} dòng) gõ bằng phông cũ (TCVN3 "
                    ".VnTime hoặc VNI); đã chuyển sang Unicode để kiểm tra: nên gõ lại bằng phông "
                    "Unicode (Times New Roman)."
                },
            ),
            Template(
                "Cell {cell} and others ({detail} cells) were typed in a legacy encoding (TCVN3 "
                ".VnTime or VNI); they were converted to Unicode for the check: retype them in "
                "a Unicode font (Times New Roman).",
                cases={
                    "lines": "Line {row} and others ({note} lines) were typed in a legacy encoding "
                    "(TCVN3 .VnTime or VNI); they were converted to Unicode for the check: retype "
                    "them in a Unicode font (Times New Roman)."
                },
            ),
        ),
        IssueCode.CROSS_TOTAL_MISMATCH: CodeInfo(
            Category.CROSS_FILE,
            Severity.ERROR,
            "The budget statement's total (`actual`, in đồng, at this place) differs from the "
            "budget appendix's grand total (`expected`, at `related_file` and `related_cell`) "
            "of the same plan package; `scale_factor` as for `words-mismatch`.",
            Template(
                "{where}: tổng kinh phí ghi {actual} đồng nhưng phụ lục kinh phí ({related}) "
                "ghi tổng cộng {expected} đồng: sửa một trong hai nơi.",
                {"scale_factor": _SCALE_VI},
            ),
            Template(
                "{where}: the total reads {actual} đồng but the budget appendix ({related}) "
                "totals {expected} đồng: fix one of them.",
                {"scale_factor": _SCALE_EN},
            ),
        ),
        IssueCode.CROSS_SOURCE_MISMATCH: CodeInfo(
            Category.CROSS_FILE,
            Severity.ERROR,
            "A funding source's share in the budget statement (`actual`, in đồng; `detail` is "
            "the source: `provincial`, `district`, `other`) differs from that source's grand "
            "total in the budget appendix (`expected`, at `related_file` and `related_cell`); "
            "`scale_factor` is what the statement's figure must be multiplied by when they "
            "differ by a power of 1,000.",
            Template(
                "{where}: {detail} ghi {actual} đồng nhưng phụ lục kinh phí ({related}) ghi "
                "{expected} đồng: sửa một trong hai nơi.",
                {"scale_factor": _SCALE_VI},
            ),
            Template(
                "{where}: {detail} reads {actual} đồng but the budget appendix ({related}) "
                "says {expected} đồng: fix one of them.",
                {"scale_factor": _SCALE_EN},
            ),
        ),
        IssueCode.CROSS_PROJECT_MISMATCH: CodeInfo(
            Category.CROSS_FILE,
            Severity.ERROR,
            "A project's plan-year demand in the project table (`actual`, in đồng, at this "
            "cell) differs from its line in the budget appendix (`expected`, at `related_file` "
            "and `related_cell`), or the appendix has no line for it (`detail` starts with "
            "`no-line`, `expected` is 0, `related_cell` the grand total's label, above which "
            "the line belongs). Lines are matched by name, whatever the Unicode "
            "form, tone-mark placement, case and usual abbreviations (THTT, GTĐT, CNTT...), "
            "and by number "
            "where both files give the same one; `detail` is the project's name.",
            Template(
                "{where}: dự án {detail}: bảng dự án cần {actual} đồng năm kế hoạch nhưng phụ "
                "lục kinh phí ({related}) ghi {expected} đồng: sửa một trong hai nơi.",
                {"scale_factor": _SCALE_VI},
                {
                    "no-line": "{where}: dự án “{note}” cần {actual} đồng năm kế hoạch nhưng phụ "
                    "lục kinh phí không có dòng nào cho dự án này: thêm một dòng phía trên dòng "
                    "tổng cộng ({related}) hoặc bỏ dự án khỏi bảng dự án."
                },
            ),
            Template(
                "{where}: project {detail}: the project table asks {actual} đồng for the plan "
                "year but the budget appendix ({related}) gives {expected} đồng: fix one of them.",
                {"scale_factor": _SCALE_EN},
                {
                    "no-line": "{where}: project “{note}” asks {actual} đồng for the plan year "
                    "but the budget appendix has no line for it: add one above the total row "
                    "({related}) or remove the project from the project table."
                },
            ),
        ),
        IssueCode.CROSS_YEAR_MISMATCH: CodeInfo(
            Category.CROSS_FILE,
            Severity.ERROR,
            "The files of one plan package are not about the same plan year or province: "
            "`detail` says which (`year: 2015 ≠ 2014`, `province: ...`), this file's value "
            "first; `related_file` is the manifest or the file that sets the package's value.",
            Template(
                "{where}: {detail} so với {related}: các tệp của một kế hoạch phải cùng tỉnh, "
                "cùng năm kế hoạch."
            ),
            Template(
                "{where}: {detail} against {related}: the files of one plan must be about the "
                "same province and plan year."
            ),
        ),
        IssueCode.PERCENT_OUT_OF_RANGE: CodeInfo(
            Category.VALUE,
            Severity.ERROR,
            "A unit report states a percentage outside 0-100. `actual` is the value, `detail` "
            "the indicator.",
            Template("{where} ({detail}) ghi {actual}%, ngoài khoảng 0-100: sửa lại tỷ lệ."),
            Template("{where} ({detail}) reads {actual}%, outside 0-100: correct the percentage."),
        ),
        IssueCode.COUNT_NOT_WHOLE: CodeInfo(
            Category.VALUE,
            Severity.ERROR,
            "A unit report states a count (staff, computers, mailboxes, services...) that is "
            "not a whole number. `actual` is the value, `detail` the indicator. Often a count "
            "read the English way: in a column that also holds English decimals (`58.8`), "
            "`2.933` is two point nine three three: an error, not a figure passed silently.",
            Template(
                "{where} ({detail}) ghi {actual}, không phải số nguyên: số lượng phải là số "
                "nguyên; viết kiểu Việt Nam (2.933 là hai nghìn chín trăm ba mươi ba, 58,8 là "
                "năm mươi tám phẩy tám)."
            ),
            Template(
                "{where} ({detail}) reads {actual}, which is not a whole number: a count must "
                "be whole; write numbers Vietnamese style (2.933 is two thousand nine hundred "
                "thirty-three, 58,8 is fifty-eight point eight)."
            ),
        ),
        IssueCode.PART_EXCEEDS_WHOLE: CodeInfo(
            Category.ARITHMETIC,
            Severity.ERROR,
            "In a unit report a part is more than its whole (staff with computers > staff, "
            "units with a complete LAN > units with a LAN, disbursed > allocated, e-mail users "
            "> staff). Points at the part (`actual`); `expected` is the whole, in `range`.",
            Template(
                "{where} ({detail}) ghi {actual}, lớn hơn tổng {expected} ở ô {range}: "
                "phần không thể lớn hơn tổng."
            ),
            Template(
                "{where} ({detail}) reads {actual}, more than its whole {expected} in {range}: "
                "a part cannot exceed its whole."
            ),
        ),
        IssueCode.PERCENT_MISMATCH: CodeInfo(
            Category.ARITHMETIC,
            Severity.ERROR,
            "A stated percentage (`actual`) differs from 100 × numerator / denominator "
            "(`expected`, from the cells in `range`) by more than rounding.",
            Template(
                "{where} ({detail}) ghi {actual}% nhưng tính từ số liệu ({range}) là "
                "{expected}%: sửa tỷ lệ hoặc số liệu."
            ),
            Template(
                "{where} ({detail}) reads {actual}% but the counts ({range}) give {expected}%: "
                "fix the percentage or the counts."
            ),
        ),
        IssueCode.LEVELS_SUM_MISMATCH: CodeInfo(
            Category.ARITHMETIC,
            Severity.ERROR,
            "The online public services by level 1-4 (`range`) do not add up to their stated "
            "total. Points at the total (`actual`); `expected` is the levels' sum.",
            Template(
                "{where} ghi tổng {actual} dịch vụ công trực tuyến nhưng các mức 1-4 ({range}) "
                "cộng lại là {expected}: sửa tổng hoặc từng mức."
            ),
            Template(
                "{where} states {actual} online public services but levels 1-4 ({range}) add "
                "up to {expected}: fix the total or the levels."
            ),
        ),
        IssueCode.PERIOD_MISMATCH: CodeInfo(
            Category.VALUE,
            Severity.ERROR,
            "The year stated in the data (`actual`) differs from the year of the report's "
            "title (`expected`); `detail` shows both.",
            Template(
                "{where}: năm của số liệu khác năm của báo cáo ({detail}): sửa cho khớp kỳ báo cáo."
            ),
            Template(
                "{where}: the data's year differs from the report's year ({detail}): make them "
                "agree with the reporting period."
            ),
        ),
        IssueCode.UNKNOWN_UNIT: CodeInfo(
            Category.VALUE,
            Severity.WARNING,
            "A unit report names a unit that is not in the registry of units on 31/12 of the "
            "report's year (misspelt, not yet created, or already merged). `detail` is the name "
            "written, `expected` the year; when the name is of a registry unit of another "
            "period, `range` is that unit's validity (an ISO 8601 interval, `2013-09-09/..`), "
            "else `suggestions` lists the closest registered names (`; `-separated).",
            Template(
                "{where}: đơn vị “{detail}” không có trong danh mục đơn vị {period}",
                {
                    "range": " (đơn vị này {range}): kiểm tra lại năm báo cáo hoặc tên đơn vị.",
                    "suggestions": ". Có phải là {suggestions}?",
                },
            ),
            Template(
                "{where}: the unit “{detail}” is not in the registry of units {period}",
                {
                    "range": " (it {range}): check the report's year or the unit's name.",
                    "suggestions": ". Did you mean {suggestions}?",
                },
            ),
        ),
        IssueCode.UNIT_NOT_NAMED: CodeInfo(
            Category.LAYOUT,
            Severity.ERROR,
            "A one-unit report's heading names no unit (no “Đơn vị báo cáo” line above its "
            "table), so its values cannot be counted for anyone. Points at the table's header.",
            Template(
                "Báo cáo không ghi tên đơn vị: thêm dòng “Đơn vị báo cáo: <tên đơn vị>” phía "
                "trên bảng (bảng bắt đầu ở dòng {row})."
            ),
            Template(
                "The report names no unit: add a line “Đơn vị báo cáo: <unit name>” above the "
                "table (which starts on row {row})."
            ),
        ),
        IssueCode.DUPLICATE_UNIT_REPORT: CodeInfo(
            Category.CROSS_FILE,
            Severity.ERROR,
            "The same unit (same registry code; by its normalised name when it is not in the "
            "registry) reports an indicator for the same year again, in another file, another "
            "sheet or another row of a consolidated sheet, with a different value. Points at "
            "the first differing value of the later report (`actual`; `detail` names the "
            "indicator) and names the earlier one in `related_file`, `related_sheet`, "
            "`related_cell` (`expected`), whose values the roll-up keeps; once per later report "
            "of the unit and year. Reports of files with errors of their own are not compared. "
            "The same values again raise nothing: the later values go to the rejects "
            "(`duplicate-unit`), so the unit is counted once.",
            Template(
                "{where}: chỉ tiêu “{detail}” của đơn vị này cho cùng năm đã được báo cáo ở "
                "{related} là {expected}, ở đây ghi {actual}: giữ lại một báo cáo đúng và rút "
                "báo cáo kia."
            ),
            Template(
                "{where}: this unit already reported “{detail}” for the same year at {related} "
                "as {expected}, here it reads {actual}: keep the one right report and withdraw "
                "the other."
            ),
        ),
        IssueCode.DUPLICATE_FILE: CodeInfo(
            Category.FILE,
            Severity.WARNING,
            "The file has exactly the same bytes (sha256, in `detail`) as the file kept, named "
            "in `related_file`: the same submission arrived twice (forwarded again, saved in two "
            "folders, “Copy of ...”, or the same table or plan document in two plan packages). "
            "Each set of copies is checked and counted once in the whole batch: a file in a plan "
            "package is kept over a loose copy, then the first package folder, then the first "
            "in path order. This one is not read or counted again: its rows go to the rejects "
            "(`duplicate-file`) and its issues are the kept file's. A warning, because the data "
            "itself is as valid as the kept file's and nothing is counted twice. A plan package "
            "holding a copy still compares it (the kept file's data, at the copy).",
            Template(
                "Tệp này giống hệt từng byte tệp {related}: số liệu chỉ được kiểm tra và tính "
                "ở tệp đó, không tính lần nữa; bỏ bản sao khỏi bộ hồ sơ "
                "(trừ khi gói kế hoạch cần nó)."
            ),
            Template(
                "This file is a byte-for-byte copy of {related}: its data is checked and counted "
                "there only, not again; remove the copy from the batch "
                "(unless a plan package needs it)."
            ),
        ),
        IssueCode.FOREIGN_CURRENCY: CodeInfo(
            Category.UNIT,
            Severity.ERROR,
            "The table's unit line (or a unit noted in its header) names a currency other than "
            "the đồng (`nghìn USD`, `EUR`, `triệu đô la`): its figures cannot be read as đồng at "
            "any scale. `detail` is the unit as written, `unit` the currency's ISO code, `cell` "
            "where it is stated. None of the table's amounts is loaded: every row below its "
            "header goes to the rejects (`foreign-currency`). A budget statement's figure in a "
            "foreign currency (`350.000 USD`, or a statement sheet under `ĐVT: nghìn USD`) is "
            "this error too, at the figure's line or cell, instead of `missing-unit`: it is not "
            "in `budget_sources`, and goes to the rejects (`foreign-currency`). In a unit "
            "report, an amount whose unit (its “Đơn vị tính” cell, a note in its label or "
            "header, the unit line above or the title) is another currency is not loaded: its "
            "value goes to the rejects (`foreign-currency`); once per cell stating it. A "
            "table whose amount cells a number format shows in a foreign currency (`$350,000`, "
            "`[$USD]`, `€`) is this error too, whatever its unit line says: once per table, at "
            "the first such cell, `unit` and `detail` its ISO code, `range` the span of such "
            "cells; the whole table goes to the rejects, as for a unit line in that currency.",
            Template(
                "{where}: đơn vị “{detail}” là ngoại tệ ({unit}), không phải đồng: số liệu không "
                "được nạp; quy đổi sang đồng (đồng, nghìn đồng, triệu đồng, tỷ đồng) rồi gửi lại.",
                extras={
                    "range": " Định dạng số của các ô {range} hiển thị ngoại tệ này; nếu số liệu "
                    "đã tính bằng đồng, đổi định dạng các ô đó sang Number (nút Accounting của "
                    "Excel tiếng Anh gắn dấu $ cho mọi số)."
                },
            ),
            Template(
                "{where}: the unit “{detail}” is a foreign currency ({unit}), not the đồng: its "
                "figures were not loaded; convert them to đồng (đồng, nghìn đồng, triệu đồng, "
                "tỷ đồng) and submit again.",
                extras={
                    "range": " The number format of cells {range} shows this currency; if the "
                    "figures are in đồng, format those cells as Number (English Excel's "
                    "Accounting button puts a $ on any number)."
                },
            ),
        ),
        IssueCode.SECOND_TABLE: CodeInfo(
            Category.LAYOUT,
            Severity.WARNING,
            "A sheet holds a second table under the first: a row repeats the header (`TT | Tên "
            "dự án ...`). Only the first table is read and checked; the second one's rows, from "
            "the first row after the first table's last figures (the second's title, unit "
            "line) to the last, are not counted and go to the rejects (`second-table`). `row` "
            "is the first "
            "of them, `range` the rows (`15:27`), `detail` how many. A warning: the first table "
            "is right as it is, but the second must be submitted in a sheet of its own.",
            Template(
                "Các dòng {range} là một bảng thứ hai dưới bảng đầu ({detail} dòng): không được "
                "đọc, không được tính; tách bảng này sang một trang tính (sheet) riêng."
            ),
            Template(
                "Rows {range} are a second table under the first ({detail} rows): they were not "
                "read or counted; move that table to a sheet of its own."
            ),
        ),
        IssueCode.MISSING_TOTAL: CodeInfo(
            Category.LAYOUT,
            Severity.WARNING,
            "A table of projects has no totals row (“Tổng”, “Tổng cộng”, or a closing row of "
            "figures alone) and no section sums (“Cộng”, a section row with figures): the "
            "projects' figures are read and checked one by one, but their sum is checked "
            "against nothing. `row` is the row below the last one read, where "
            "the total belongs; `detail` counts the projects. A warning: the figures may be "
            "right, but the template asks for the total that a reader checks them by.",
            Template(
                "Bảng có {detail} dự án nhưng không có dòng “Tổng”: thêm dòng tổng ở dòng {row} "
                "(ngay dưới dự án cuối) để đối chiếu tổng các dự án."
            ),
            Template(
                "The table has {detail} projects but no “Tổng” row: add the totals row at row "
                "{row} (below the last project) so that the projects' sum can be checked."
            ),
        ),
        IssueCode.UNIT_NOT_STATED: CodeInfo(
            Category.UNIT,
            Severity.WARNING,
            "A table's money unit is stated nowhere the reader looks (no unit line such as "
            "“Đơn vị tính: triệu đồng” above its header, no unit noted in a header cell or the "
            "title): its figures were read in the contract's default unit (`unit`, e.g. "
            "`triệu VNĐ`), which is wrong by a power of 1,000 if they are in another. Once per "
            "table, at the first cell of its header (`cell`; `row` is the header's first row). "
            "A warning: the figures may well be in the default unit, but only the sheet can say. "
            "In a unit report, an amount indicator (IT budget) with no unit in its “Đơn vị tính” "
            "cell, its label or its column's header was read in the indicator's unit (`unit`); "
            "once per sheet, at that cell or header, `detail` being `indicator: <label>`.",
            Template(
                "Bảng bắt đầu ở ô {cell} không ghi đơn vị tính nên số liệu đã được đọc theo đơn "
                "vị mặc định {unit}: thêm dòng “Đơn vị tính: ...” phía trên bảng, ghi đúng đơn vị "
                "của số liệu ({unit}, đồng, nghìn đồng hoặc tỷ đồng).",
                cases={
                    "indicator": "{where}: chỉ tiêu “{note}” không ghi đơn vị tính nên đã được "
                    "đọc theo {unit}: ghi đơn vị ở ô này ({unit}, đồng, nghìn đồng hoặc tỷ đồng)."
                },
            ),
            Template(
                "The table starting at {cell} states no unit, so its figures were read in the "
                "default unit, {unit}: add a line “Đơn vị tính: ...” above the table naming the "
                "unit they are in ({unit}, đồng, nghìn đồng or tỷ đồng).",
                cases={
                    "indicator": "{where}: the indicator “{note}” states no unit, so it was read "
                    "in {unit}: write its unit here ({unit}, đồng, nghìn đồng or tỷ đồng)."
                },
            ),
        ),
        IssueCode.UNIT_CONTRADICTS_INDICATOR: CodeInfo(
            Category.UNIT,
            Severity.ERROR,
            "In a unit report, an amount (an indicator of kind `amount`, the IT budget, in "
            "đồng) whose unit is one the contract knows for another kind of indicator: a "
            "percentage's `%`, a count's `người`, `máy`, a yes/no answer's `có/không` (the "
            "indicators' own units and `measure_units`, in `schemas/unit_report.yaml`). Its "
            "figure is no money at any scale, so it is not loaded: its value goes to the "
            "rejects (`unit-contradicts-indicator`). `cell` is the cell stating the unit (the "
            "amount's “Đơn vị tính” cell, or the unit line above), `detail` the unit as "
            "written, `unit` the indicator's unit; once per cell stating it.",
            Template(
                "{where}: đơn vị “{detail}” không phải đơn vị tiền nhưng chỉ tiêu là số tiền "
                "({unit}): số liệu không được nạp; ghi số tiền theo {unit} (hoặc đồng, nghìn "
                "đồng, tỷ đồng) rồi gửi lại."
            ),
            Template(
                "{where}: the unit “{detail}” is not money, but the indicator is an amount of "
                "money ({unit}): its figure was not loaded; give the amount in {unit} (or đồng, "
                "nghìn đồng, tỷ đồng) and submit again."
            ),
        ),
        IssueCode.MERGED_ROW_CONFLICT: CodeInfo(
            Category.LAYOUT,
            Severity.ERROR,
            "A project is written over several rows (its number and name one vertical merge, "
            "`A6:A7`, `B6:B7`): its amounts are all its cells across those rows, each at its own "
            "address. Two of its rows fill the same amount column: which figure is the "
            "project's is ambiguous. The first row's cell (`related_cell`, `related_row`) is "
            "counted; this one (`cell`, `detail` its text; `range` the rows compared) is not "
            "counted anywhere, and the project's sums are judged without it.",
            Template(
                "{where} ghi “{detail}” trong khi ô {related_cell} của cùng dự án (các dòng gộp "
                "ô {range}) đã ghi khoản này: chỉ tính ô {related_cell}; mỗi khoản của một dự án "
                "chỉ ghi ở một ô (xoá ô thừa hoặc tách thành hai dự án)."
            ),
            Template(
                "{where} holds “{detail}” while {related_cell} of the same project (merged rows "
                "{range}) already gives this amount: only {related_cell} is counted; write each "
                "amount of a project in one cell (clear the extra one, or split the project)."
            ),
        ),
    }
)
