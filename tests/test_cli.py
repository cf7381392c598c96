"""The command line: exit codes CI can rely on, formats, output files."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from ictdata.cli import main

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


def run(*args: str | Path) -> int:
    return main([str(a) for a in args])


def test_valid_files_exit_zero(capsys: pytest.CaptureFixture[str]) -> None:
    assert run("check", FIXTURES / "valid") == 0
    out = capsys.readouterr().out
    assert out.count("\n") == 1  # only the summary line


def test_invalid_data_exits_one() -> None:
    assert (
        run("check", FIXTURES / "broken/total_mismatch.xlsx", FIXTURES / "valid/seed_budget.xlsx")
        == 1
    )


def test_warnings_alone_keep_exit_zero(tmp_path: Path) -> None:
    from builders import project, table_maker, total

    path = table_maker(tmp_path)(
        [project(1, None, 1.092), project(2, None, 8.603), total(None, 9.695)]
    )
    assert run("check", path) == 0


def test_strict_makes_a_warning_fail_the_run(capsys: pytest.CaptureFixture[str]) -> None:
    path = FIXTURES / "hostile/unit_not_stated.xlsx"
    assert run("check", "--format", "json", path) == 0
    codes = [i["code"] for f in json.loads(capsys.readouterr().out)["files"] for i in f["issues"]]
    assert codes == ["unit-not-stated"]
    assert run("check", "--strict", path) == 1


def test_strict_keeps_the_other_exit_codes(capsys: pytest.CaptureFixture[str]) -> None:
    assert run("check", "--strict", "--format", "json", FIXTURES / "valid/seed_budget.xlsx") == 0
    assert json.loads(capsys.readouterr().out)["summary"]["warnings"] == 0
    assert run("check", "--strict", FIXTURES / "broken/total_mismatch.xlsx") == 1
    assert run("check", "--strict", FIXTURES / "unreadable/truncated.xlsx") == 2


def test_build_strict_fails_on_a_warning_and_still_writes(tmp_path: Path) -> None:
    out = tmp_path / "marts"
    assert run("build", "--strict", FIXTURES / "hostile/unit_not_stated.xlsx", "--out", out) == 1
    assert (out / "projects.parquet").is_file()


def test_unreadable_file_exits_two_and_others_are_still_checked(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code = run(
        "check", "--format", "json", FIXTURES / "unreadable/truncated.xlsx", FIXTURES / "broken"
    )
    data = json.loads(capsys.readouterr().out)
    assert code == 2
    assert data["summary"]["unreadable"] == 1
    assert data["summary"]["invalid"] == len(list((FIXTURES / "broken").iterdir()))


def test_missing_path_exits_two(capsys: pytest.CaptureFixture[str]) -> None:
    assert run("check", "--format", "json", "no/such/file.xlsx") == 2
    (file,) = json.loads(capsys.readouterr().out)["files"]
    assert file["issues"][0]["code"] == "unreadable-file"


@pytest.mark.parametrize(
    "argv", [[], ["check"], ["check", "--format", "yaml", "x.xlsx"], ["frobnicate"]]
)
def test_usage_errors_exit_two(argv: list[str]) -> None:
    with pytest.raises(SystemExit) as stop:
        main(argv)
    assert stop.value.code == 2


def test_unknown_template_exits_two(capsys: pytest.CaptureFixture[str]) -> None:
    assert run("check", "--template", "no_such_template", FIXTURES / "valid/seed_budget.xlsx") == 2
    assert "no_such_template" in capsys.readouterr().err


def test_output_file_and_english(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "reports/report.json"
    code = run(
        "check",
        "--format",
        "json",
        "--lang",
        "en",
        "--output",
        target,
        FIXTURES / "broken/negative_amount.xlsx",
    )
    assert code == 1
    assert capsys.readouterr().out == ""
    (issue,) = json.loads(target.read_text(encoding="utf-8"))["files"][0]["issues"]
    assert (issue["code"], issue["cell"], issue["actual"]) == ("negative-amount", "K7", -368)
    assert issue["message"].startswith("Cell K7")


def test_build_writes_marts_and_follows_the_exit_rule(tmp_path: Path) -> None:
    assert run("build", FIXTURES / "broken/bad_number.xlsx", "--out", tmp_path) == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "_manifest.json",
        "budget_sources.parquet",
        "issues.parquet",
        "plans.parquet",
        "project_funding.parquet",
        "projects.parquet",
        "province_indicators.parquet",
        "rejects.parquet",
        "sources.parquet",
        "target_progress.parquet",
        "unit_indicators.parquet",
    ]


def test_python_dash_m_and_console_script_agree() -> None:
    target = FIXTURES / "broken/total_mismatch.xlsx"
    module = subprocess.run(
        [sys.executable, "-m", "ictdata", "check", "--lang", "en", str(target)],
        capture_output=True,
        text=True,
        check=False,
    )
    script = Path(sys.executable).with_name("ictdata")
    console = subprocess.run(
        [str(script), "check", "--lang", "en", str(target)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert module.returncode == console.returncode == 1
    assert module.stdout == console.stdout
    assert ":Bieu 01!F13: error total-mismatch:" in module.stdout


def test_an_empty_folder_is_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run("check", tmp_path) == 2
    assert capsys.readouterr().err.startswith("ictdata: ")


def test_readme_files_in_a_folder_are_not_submissions(tmp_path: Path) -> None:
    (tmp_path / "README.md").write_text("# Nộp báo cáo\nHướng dẫn nộp.\n", encoding="utf-8")
    import shutil

    shutil.copy(FIXTURES / "valid/seed_budget.xlsx", tmp_path)
    assert run("check", tmp_path) == 0


def test_annotated_copies_in_a_folder_are_not_read_back(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # QA: `--annotate sub/annotated`, then `build sub` counted the marked-up copies' projects.
    sources = {"a": "total_mismatch.xlsx", "b": "over_allocation.xlsx"}
    for folder, name in sources.items():  # one name twice: bang.annotated.xlsx, -2.xlsx
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "bang.xlsx").write_bytes((FIXTURES / "broken" / name).read_bytes())
    out = tmp_path / "annotated"
    run("check", "--annotate", out, tmp_path)
    assert len(list(out.glob("bang.annotated*.xlsx"))) == 2
    capsys.readouterr()
    run("check", "--format", "json", tmp_path)
    files = json.loads(capsys.readouterr().out)["files"]
    assert [Path(f["path"]).parent.name for f in files] == ["a", "b"]


def test_a_file_named_twice_is_checked_once(capsys: pytest.CaptureFixture[str]) -> None:
    target = FIXTURES / "broken/total_mismatch.xlsx"
    assert run("check", "--format", "json", target, target, FIXTURES / "broken") == 1
    data = json.loads(capsys.readouterr().out)
    assert sum(1 for f in data["files"] if f["path"].endswith("total_mismatch.xlsx")) == 1


def test_an_unwritable_output_is_exit_two(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    assert (
        run("check", "--output", blocker / "report.json", FIXTURES / "valid/seed_budget.xlsx") == 2
    )
    assert str(blocker) in capsys.readouterr().err  # the path that cannot be made


def test_a_report_never_overwrites_a_file_it_checks(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    submission = tmp_path / "bang_du_an.xlsx"
    submission.write_bytes((FIXTURES / "valid/seed_budget.xlsx").read_bytes())
    before = submission.read_bytes()
    assert run("check", "--output", submission, submission) == 2
    assert run("check", "--output", tmp_path / "." / submission.name, tmp_path) == 2
    assert submission.read_bytes() == before
    assert "--output" in capsys.readouterr().err


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_usage_errors_speak_the_language_asked(
    lang: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run("check", "--lang", lang, "--jobs", "0", FIXTURES / "valid") == 2
    assert run("check", "--lang", lang, tmp_path) == 2  # an empty folder: nothing to check
    err = capsys.readouterr().err
    assert "--jobs" in err
    assert err.isascii() is (lang == "en")


def test_a_broken_contract_file_is_exit_two(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    contract = tmp_path / "c.yaml"
    source = (FIXTURES.parent / "schemas/project_budget.yaml").read_text(encoding="utf-8")
    bad_units = source.replace("money_units: shared/money_units.yaml", "money_units: {tr: one}")
    assert bad_units != source
    contract.write_text(bad_units, encoding="utf-8")
    assert run("check", "--template", contract, FIXTURES / "valid/seed_budget.xlsx") == 2
    assert "money_units" in capsys.readouterr().err
    contract.write_text(
        source.replace("- code: scale-slip", "- code: words-mismatch"), encoding="utf-8"
    )
    assert run("check", "--template", contract, FIXTURES / "valid/seed_budget.xlsx") == 2


def test_control_characters_never_break_a_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = (FIXTURES / "valid/seed_budget.csv").read_text(encoding="utf-8-sig")
    path = tmp_path / "ctl.csv"
    path.write_text(source.replace(",368,", ',"2OO\x0b\nxx",', 1), encoding="utf-8")
    assert run("check", path) == 1
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 2  # the bad-number line, then the summary
    assert "\\x0b\\nxx" in lines[0]
