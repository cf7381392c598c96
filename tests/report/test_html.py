"""The HTML page: self-contained, escaped, flagged cells highlighted and linked."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from builders import project, table_maker, total
from ictdata.api import check_batch
from ictdata.report.html import render_html

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"


def page(*paths: Path) -> str:
    batch = check_batch(list(paths))
    return render_html(batch.report, batch.sources, batch.checked_sheets(), "en")


def test_page_is_self_contained() -> None:
    text = page(
        FIXTURES / "broken/total_mismatch.xlsx", FIXTURES / "documents/phu_tho_2014_plan.txt"
    )
    assert "<script" not in text
    assert not re.search(r"""(?:src|href)=["'](?:https?:)?//""", text)
    assert "@import" not in text
    assert "url(" not in text


def test_flagged_cell_is_highlighted_and_linked() -> None:
    text = page(FIXTURES / "broken/total_mismatch.xlsx")
    cell = re.search(r'<td class="error" id="([^"]+)"[^>]*>11392</td>', text)
    assert cell is not None
    assert f'href="#{cell[1]}"' in text


def test_document_lines_are_drawn_with_their_issues() -> None:
    text = page(FIXTURES / "documents/phu_tho_2014_plan.txt")
    assert text.count('<td class="error">') == 3  # lines 345, 346, 347


def test_cell_text_is_escaped(tmp_path: Path) -> None:
    path = table_maker(tmp_path)([project(1, "<script>alert(1)</script>"), total(1)])
    text = page(path)
    assert "<script>alert(1)</script>" not in text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in text


@pytest.mark.skipif(shutil.which("chromium") is None, reason="headless Chromium is not installed")
def test_chromium_renders_the_page(tmp_path: Path) -> None:
    html_file = tmp_path / "report.html"
    html_file.write_text(page(FIXTURES / "broken/total_mismatch.xlsx"), encoding="utf-8")
    shot = tmp_path / "report.png"
    subprocess.run(
        [
            "chromium",
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            f"--user-data-dir={tmp_path / 'profile'}",
            "--window-size=1400,900",
            f"--screenshot={shot}",
            html_file.as_uri(),
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )
    assert shot.stat().st_size > 10_000
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_a_clean_file_is_its_status_line_only() -> None:
    clean = sorted((FIXTURES / "valid").iterdir())
    text = page(*clean, FIXTURES / "broken/total_mismatch.xlsx")
    assert text.count('<table class="sheet">') == 1  # the broken file's sheet only
    assert text.count('<span class="status-valid">valid</span></h2>') == len(clean)
    assert text.count('<ol class="issues">') == 1


def test_an_unreadable_file_still_lists_its_issue() -> None:
    text = page(FIXTURES / "unreadable/empty_file.xlsx")
    assert text.count('<ol class="issues">') == 1
    assert "unreadable-file" in text


def test_the_cell_typed_in_another_scale_is_flagged_beside_its_total() -> None:
    text = page(FIXTURES / "broken/scale_item.xlsx")  # F13's column adds up with F12 x0.001
    flagged = re.findall(r'<td class="error" id="[^"]*-(F1[23])"', text)
    assert flagged == ["F12", "F13"]
