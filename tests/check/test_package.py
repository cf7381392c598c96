"""Plan packages: found as documented; each cross-file check fires with both places or is silent."""

from __future__ import annotations

import json
import shutil
import unicodedata
from pathlib import Path
from types import MappingProxyType

import pytest

import ictdata
from ictdata.check.codes import IssueCode
from ictdata.check.names import Named
from ictdata.check.package import budget_issues, project_issues, year_issues
from ictdata.check.package_facts import Amount, Budget, Place, Stated, _source_total, source_of
from ictdata.cli import main
from ictdata.contracts import load_contract
from ictdata.read.manifest import Manifest
from ictdata.report.json import report_dict

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"
PACKAGES = FIXTURES / "packages"
CROSS = {
    IssueCode.CROSS_TOTAL_MISMATCH,
    IssueCode.CROSS_SOURCE_MISMATCH,
    IssueCode.CROSS_PROJECT_MISMATCH,
    IssueCode.CROSS_YEAR_MISMATCH,
}
APPENDIX = load_contract("budget_appendix")


def _cross(report: ictdata.Report) -> list[ictdata.Issue]:
    return [i for i in report.issues if i.code in CROSS]


def test_faithful_package_gives_no_issue_at_all() -> None:
    report = ictdata.check_package(PACKAGES / "phu_tho_2014")
    assert report.issues == ()
    (package,) = report.packages
    assert (package.province, package.year, package.status.value) == ("Phú Thọ", 2014, "valid")
    assert package.total_vnd("statement") == package.total_vnd("appendix") == 11_553_000_000
    assert package.source_vnd("appendix", "provincial") == 8_853_000_000
    assert package.source_vnd("statement", "district") == 2_700_000_000
    assert package.projects_demand_vnd == 4_103_000_000


def test_seed_text_as_written_reports_provincial_and_district_with_factor_1000() -> None:
    report = ictdata.check_package(PACKAGES / "phu_tho_2014_seed_text")
    found = sorted(
        (i.row, i.detail, i.actual, i.expected, i.scale_factor, i.related_cell)
        for i in _cross(report)
    )
    assert found == [
        (346, "provincial", 8_853_000, 8_853_000_000, 1000, "E15"),
        (347, "district", 2_700_000, 2_700_000_000, 1000, "F15"),
    ]
    assert {i.code for i in _cross(report)} == {IssueCode.CROSS_SOURCE_MISMATCH}
    assert all(Path(i.related_file or "").name == "phu_luc_kinh_phi.xlsx" for i in _cross(report))
    (package,) = report.packages
    assert package.manifest is None  # roles, year and province inferred
    assert (package.province, package.year) == ("Phú Thọ", 2014)


@pytest.mark.parametrize(
    ("folder", "code"),
    [
        ("broken_total", IssueCode.CROSS_TOTAL_MISMATCH),
        ("broken_sources", IssueCode.CROSS_SOURCE_MISMATCH),
        ("broken_project", IssueCode.CROSS_PROJECT_MISMATCH),
        ("broken_project_missing", IssueCode.CROSS_PROJECT_MISMATCH),
        ("broken_year", IssueCode.CROSS_YEAR_MISMATCH),
        ("broken_province", IssueCode.CROSS_YEAR_MISMATCH),
    ],
)
def test_each_broken_variant_gives_its_code_with_both_places(folder: str, code: IssueCode) -> None:
    report = ictdata.check_package(PACKAGES / folder)
    issues = _cross(report)
    assert issues
    assert {i.code for i in issues} == {code}
    for issue in issues:
        assert issue.cell is not None or issue.row is not None
        assert issue.related_file is not None
        assert issue.related_file != issue.file
        assert Path(issue.related_file).parent == Path(issue.file).parent
    assert report.exit_code == ictdata.ExitCode.INVALID


def test_a_folder_that_is_no_package_is_checked_as_before() -> None:
    report = ictdata.check(FIXTURES / "valid")
    assert report.packages == ()
    assert list(report_dict(report)) == ["version", "files", "summary"]
    assert _cross(report) == []


def test_files_named_one_by_one_are_not_compared() -> None:
    folder = PACKAGES / "broken_total"
    report = ictdata.check(sorted(folder.glob("*.x*")) + sorted(folder.glob("*.txt")))
    assert report.packages == ()
    assert _cross(report) == []


def test_without_manifest_roles_year_and_province_are_inferred(tmp_path: Path) -> None:
    folder = shutil.copytree(PACKAGES / "broken_sources", tmp_path / "plan")
    (folder / "ictdata.yaml").unlink()
    report = ictdata.check_package(folder)
    (package,) = report.packages
    assert package.manifest is None
    assert set(package.files) == {"statement", "projects", "appendix"}
    assert (package.province, package.year) == ("Phú Thọ", 2014)
    assert [i.code for i in _cross(report)] == [IssueCode.CROSS_SOURCE_MISMATCH] * 2


def test_manifest_names_which_file_is_which(tmp_path: Path) -> None:
    folder = shutil.copytree(PACKAGES / "phu_tho_2014", tmp_path / "plan")
    shutil.copy(PACKAGES / "broken_total/ke_hoach_2014.txt", folder / "a_draft.txt")
    report = ictdata.check_package(folder)
    (package,) = report.packages
    assert Path(package.files["statement"]).name == "ke_hoach_2014.txt"
    assert _cross(report) == []


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("year: soon\n", "bad-manifest: year"),
        ("files: {appendix: phu_luc_2015.xlsx}\n", "bad-manifest: files.appendix"),
        ("files: {budget: a.xlsx}\n", "bad-manifest: files: unknown role"),
        ("year: [2014\n", "bad-manifest: not valid YAML"),
    ],
)
def test_a_bad_manifest_is_an_unreadable_file_and_the_rest_is_still_checked(
    tmp_path: Path, text: str, reason: str
) -> None:
    folder = shutil.copytree(PACKAGES / "broken_total", tmp_path / "plan")
    (folder / "ictdata.yaml").write_text(text, encoding="utf-8")
    report = ictdata.check_package(folder)
    (bad,) = [r for r in report.files if r.path.endswith("ictdata.yaml")]
    (issue,) = bad.issues
    assert issue.code is IssueCode.UNREADABLE_FILE
    assert (issue.detail or "").startswith(reason)
    assert [i.code for i in _cross(report)] == [IssueCode.CROSS_TOTAL_MISMATCH]  # inferred
    assert report.exit_code == ictdata.ExitCode.UNREADABLE
    assert main(["check", str(folder)]) == ictdata.ExitCode.UNREADABLE
    # The package is not "valid" beside its own manifest's error (QA found it was).
    (package,) = report.packages
    assert package.status is ictdata.FileStatus.UNREADABLE


def test_check_package_refuses_a_file() -> None:
    with pytest.raises(ictdata.UsageError, match="folder"):
        ictdata.check_package(PACKAGES / "phu_tho_2014/ke_hoach_2014.txt")


def test_cli_checks_the_package_after_its_files(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(PACKAGES / "broken_total"), "--format", "json"]) == 1
    data = json.loads(capsys.readouterr().out)
    (package,) = data["packages"]
    assert (package["province"], package["year"], package["status"]) == ("Phú Thọ", 2014, "invalid")
    (issue,) = [i for f in data["files"] for i in f["issues"]]
    assert issue["code"] == "cross-total-mismatch"
    assert (issue["row"], issue["related_cell"], issue["related_row"]) == (6, "D15", 15)
    assert issue["related_file"].endswith("broken_total/phu_luc_kinh_phi.xlsx")


# --------------------------------------------------------------------------- the checks alone

HERE, THERE = Place("plan.txt", row=6), Place("appendix.xlsx", "Phu luc", "D15", 15)


def _budget(total: int, provincial: int, district: int, place: Place) -> Budget:
    return Budget(
        Amount(total, place),
        {"provincial": Amount(provincial, place), "district": Amount(district, place)},
    )


def test_budgets_that_agree_give_nothing() -> None:
    same = 11_553_000_000, 8_853_000_000, 2_700_000_000
    assert budget_issues(_budget(*same, HERE), _budget(*same, THERE)) == []


def test_budgets_that_differ_point_at_both_places() -> None:
    statement = _budget(11_553_000_000, 8_853_000, 2_700_000_000, HERE)
    appendix = _budget(11_553_000_000, 8_853_000_000, 2_700_000_000, THERE)
    (issue,) = budget_issues(statement, appendix)
    assert (issue.code, issue.detail, issue.scale_factor) == (
        IssueCode.CROSS_SOURCE_MISMATCH,
        "provincial",
        1000,
    )
    assert (issue.file, issue.row) == ("plan.txt", 6)
    assert (issue.related_file, issue.related_sheet, issue.related_cell) == (
        "appendix.xlsx",
        "Phu luc",
        "D15",
    )


def test_totals_that_differ_by_no_power_of_1000_have_no_factor() -> None:
    statement = Budget(Amount(11_335_000_000, HERE))
    (issue,) = budget_issues(statement, Budget(Amount(11_553_000_000, THERE)))
    assert (issue.code, issue.scale_factor) == (IssueCode.CROSS_TOTAL_MISMATCH, None)


@pytest.mark.parametrize(
    ("label", "kind"),
    [
        ("Ngân sách tỉnh", "provincial"),
        ("NS tỉnh", "provincial"),
        ("Nguồn ngân sách huyện", "district"),
        ("NGÂN SÁCH HUYỆN, THÀNH, THỊ", "district"),
        ("Nguồn vốn khác", "other"),
        ("Vốn ODA", None),
    ],
)
def test_statement_labels_are_sources_by_the_appendix_aliases(label: str, kind: str | None) -> None:
    assert source_of(label, APPENDIX) == kind


def _lines(*names: tuple[str, str | None, int]) -> Budget:
    return Budget(
        Amount(1, THERE),
        {},
        end=Place("appendix.xlsx", "Phu luc", "A15", 15),
        lines=tuple(
            (
                Named(name, number, index),
                Amount(amount, Place("a.xlsx", "Phu luc", f"D{7 + index}")),
            )
            for index, (name, number, amount) in enumerate(names)
        ),
    )


def _demand(name: str, amount: int, number: str | None = "2") -> list[tuple[Named, Amount]]:
    return [(Named(name, number, 0), Amount(amount, Place("p.xlsx", "Bieu 01", "L6", 6)))]


def test_a_project_matches_its_line_whatever_the_spelling() -> None:
    appendix = _lines(
        ("Triển khai một cửa điện tử cấp huyện", "5", 1_800_000_000),
        (
            unicodedata.normalize(
                "NFD", "NÂNG CẤP, MỞ RỘNG hệ thống Hội nghị truyền hình trực tuyến"
            ),
            "1",
            4_103_000_000,
        ),
    )
    demand = _demand("Nâng cấp, mở rộng hội nghị THTT", 4_103_000_000)
    assert project_issues(demand, appendix, APPENDIX, "a.xlsx") == []


def test_tone_placement_does_not_matter() -> None:
    appendix = _lines(("Nâng cấp mạng LAN huyện Hạ Hoà", None, 200_000_000))
    demand = _demand("Nâng cấp mạng LAN huyện Hạ Hòa", 200_000_000)
    assert project_issues(demand, appendix, APPENDIX, "a.xlsx") == []


def test_a_different_amount_names_the_line() -> None:
    appendix = _lines(
        ("Nâng cấp, mở rộng hệ thống hội nghị truyền hình trực tuyến", "1", 4_103_000_000)
    )
    demand = _demand("Nâng cấp, mở rộng hội nghị THTT", 4_103_000)
    (issue,) = project_issues(demand, appendix, APPENDIX, "a.xlsx")
    assert (issue.cell, issue.related_cell, issue.scale_factor) == ("L6", "D7", 1000)


def test_a_project_with_no_line_is_reported_against_the_appendix() -> None:
    appendix = _lines(("Triển khai một cửa điện tử cấp huyện", "5", 1_800_000_000))
    demand = _demand("Một cửa điện tử UBND TP Việt Trì", 500_000_000, "8")
    (issue,) = project_issues(demand, appendix, APPENDIX, "a.xlsx")
    assert (issue.expected, issue.actual) == (0, 500_000_000)
    assert issue.detail == "no-line: Một cửa điện tử UBND TP Việt Trì"
    assert (issue.related_file, issue.related_cell) == ("appendix.xlsx", "A15")


def test_the_same_number_accepts_a_weaker_name_match() -> None:
    appendix = _lines(
        ("Mạng LAN Văn phòng UBND tỉnh và WIFI", "3", 620_000_000),
        ("Mạng LAN Văn phòng UBND huyện", "7", 999_000_000),
    )
    demand = _demand("Nâng cấp mạng LAN WIFI - Văn phòng UBND tỉnh", 620_000_000, "7")
    # "7" names the second line, but the first is the better name: the name decides.
    assert project_issues(demand, appendix, APPENDIX, "a.xlsx") == []


def test_short_names_match_only_exactly() -> None:
    appendix = _lines(("Một cửa điện tử cấp huyện", "5", 1_800_000_000))
    demand = _demand("Một cửa điện tử", 368_000_000, None)
    (issue,) = project_issues(demand, appendix, APPENDIX, "a.xlsx")
    assert issue.detail is not None
    assert issue.detail.startswith("no-line")


def _stated(what: str, value: str, file: str) -> Stated:
    return Stated(what, value, Place(file, row=2))


def test_the_year_most_files_state_wins_without_manifest() -> None:
    stated = [
        _stated("year", "2014", "a"),
        _stated("year", "2015", "b"),
        _stated("year", "2014", "c"),
    ]
    (issue,) = year_issues(stated, None)
    assert (issue.file, issue.detail, issue.related_file) == ("b", "year: 2015 ≠ 2014", "a")


def test_the_manifest_sets_the_year_and_province() -> None:
    manifest = Manifest(
        "ictdata.yaml", "Phú Thọ", 2015, lines=MappingProxyType({"year": 3, "province": 2})
    )
    stated = [_stated("year", "2014", "a"), _stated("province", "PHÚ THỌ".title(), "a")]
    (issue,) = year_issues(stated, manifest)
    assert (issue.detail, issue.related_file, issue.related_row) == (
        "year: 2014 ≠ 2015",
        "ictdata.yaml",
        3,
    )


def test_provinces_compare_whatever_the_spelling() -> None:
    stated = [_stated("province", "Hoà Bình", "a"), _stated("province", "HÒA BÌNH", "b")]
    assert year_issues(stated, None) == []


def test_text_report_ends_with_a_line_per_package() -> None:
    from ictdata.report.text import render_text

    report = ictdata.check(PACKAGES)
    lines = render_text(report, "en").splitlines()
    plans = [line for line in lines if ": plan package " in line]
    assert len(plans) == len(report.packages) == sum(p.is_dir() for p in PACKAGES.iterdir())
    faithful = next(line for line in plans if line.startswith(f"{PACKAGES}/phu_tho_2014:"))
    assert faithful.endswith("plan package Phú Thọ 2014: valid, 3 file(s), 0 cross-file issue(s).")
    assert "plan package" not in render_text(ictdata.check(FIXTURES / "valid"), "en")


def _one_workbook(target: Path, source: Path) -> None:
    """The project table and the appendix as two sheets of one workbook, as some provinces send."""
    import openpyxl

    book = openpyxl.load_workbook(source / "bang_du_an.xlsx")
    appendix = openpyxl.load_workbook(source / "phu_luc_kinh_phi.xlsx").active
    assert appendix is not None
    sheet = book.create_sheet("Phu luc")
    for row in appendix.iter_rows():
        for cell in row:
            if cell.value is not None:
                sheet[cell.coordinate] = cell.value
    for merged in appendix.merged_cells.ranges:
        sheet.merge_cells(str(merged))
    book.save(target)


def test_one_workbook_can_be_both_project_table_and_appendix(tmp_path: Path) -> None:
    folder = tmp_path / "plan"
    folder.mkdir()
    source = PACKAGES / "broken_project"
    shutil.copy(source / "ke_hoach_2014.txt", folder)
    _one_workbook(folder / "ke_hoach_bieu.xlsx", source)
    report = ictdata.check_package(folder)
    (package,) = report.packages
    assert Path(package.files["projects"]).name == Path(package.files["appendix"]).name
    (issue,) = _cross(report)
    assert (issue.code, issue.sheet, issue.cell) == (
        IssueCode.CROSS_PROJECT_MISMATCH,
        "Bieu 01",
        "L7",
    )
    assert (issue.related_file, issue.related_sheet, issue.related_cell) == (
        issue.file,
        "Phu luc",
        "D7",
    )


def test_a_table_title_naming_another_province_points_at_its_cell(tmp_path: Path) -> None:
    import openpyxl

    folder = shutil.copytree(PACKAGES / "phu_tho_2014", tmp_path / "plan")
    book = openpyxl.load_workbook(folder / "phu_luc_kinh_phi.xlsx")
    sheet = book.active
    assert sheet is not None
    sheet["A1"] = "PHỤ LỤC CHI TIẾT KINH PHÍ KẾ HOẠCH ỨNG DỤNG CNTT TỈNH HOÀ BÌNH NĂM 2014"
    book.save(folder / "phu_luc_kinh_phi.xlsx")
    (issue,) = _cross(ictdata.check_package(folder))
    assert (issue.code, issue.sheet, issue.cell, issue.row) == (
        IssueCode.CROSS_YEAR_MISMATCH,
        "Phu luc",
        "A1",
        1,
    )
    assert issue.detail == "province: Hoà Bình ≠ Phú Thọ"
    assert (Path(issue.related_file or "").name, issue.related_row) == ("ictdata.yaml", 2)


@pytest.mark.parametrize(
    ("status", "amount", "total"),
    [("ok", 8_853_000_000, 8_853_000_000), ("blank", None, 0), ("bad", None, None)],
)
def test_an_appendix_source_total_that_cannot_be_read_is_unknown_not_zero(
    status: str, amount: int | None, total: int | None
) -> None:
    # Unknown is not compared (its bad-number is reported); a blank source gave nothing.
    assert _source_total({"number_status": status, "amount_vnd": amount}) == total
    appendix = Budget(
        None,
        {
            "provincial": Amount(
                _source_total({"number_status": status, "amount_vnd": amount}), THERE
            )
        },
    )
    statement = Budget(None, {"provincial": Amount(8_853_000_000, HERE)})
    assert len(budget_issues(statement, appendix)) == (1 if status == "blank" else 0)
