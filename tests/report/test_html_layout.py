"""The HTML page's layout: notes shown in full beside their rows, wide sheets scroll in place."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from dataclasses import replace
from html.parser import HTMLParser
from pathlib import Path

import pytest

from ictdata import Issue, IssueCode
from ictdata.api import check_batch
from ictdata.report.html import STYLE, render_html

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"
WIDE = FIXTURES / "unit_reports/broken/levels_sum_mismatch.xlsx"  # flag at T31, 41 rows
Element = tuple[str, frozenset[str]]  # tag, classes


def page(*paths: Path) -> str:
    batch = check_batch(list(paths))
    return render_html(batch.report, batch.sources, batch.checked_sheets(), "en")


def _rules(css: str) -> list[tuple[str, dict[str, str]]]:
    """(selector, declarations) for each selector of each rule, in source order."""
    rules = []
    for block in css.split("}"):
        if "{" not in block:
            continue
        selectors, body = block.split("{", 1)
        pairs = [part.split(":", 1) for part in body.split(";") if ":" in part]
        declarations = {name.strip(): value.strip() for name, value in pairs}
        rules += [(selector.strip(), declarations) for selector in selectors.split(",")]
    return rules


def _compound(text: str) -> tuple[str | None, frozenset[str]]:
    tag, *classes = text.split(".")
    return (tag or None), frozenset(classes)


def _matches(selector: str, path: list[Element]) -> bool:
    """Whether a selector of tags, classes and descendant combinators matches `path[-1]`."""
    *ancestors, last = [_compound(part) for part in selector.split()]
    if any(":" in part or "#" in part for part in selector.split()):
        return False

    def fits(compound: tuple[str | None, frozenset[str]], element: Element) -> bool:
        return compound[0] in {None, element[0]} and compound[1] <= element[1]

    if not fits(last, path[-1]):
        return False
    remaining = list(reversed(path[:-1]))
    for compound in reversed(ancestors):
        while remaining and not fits(compound, remaining[0]):
            remaining.pop(0)
        if not remaining:
            return False
        remaining.pop(0)
    return True


def _specificity(selector: str) -> tuple[int, int]:
    parts = [_compound(part) for part in selector.split()]
    return sum(len(c) for _, c in parts), sum(tag is not None for tag, _ in parts)


def computed(css: str, path: list[Element], prop: str) -> str | None:
    """The cascaded value of `prop` on `path[-1]`: highest specificity, then latest rule."""
    found = [
        (_specificity(selector), order, declarations[prop])
        for order, (selector, declarations) in enumerate(_rules(css))
        if prop in declarations and _matches(selector, path)
    ]
    return max(found)[2] if found else None


NOTE: list[Element] = [
    ("table", frozenset({"sheet"})),
    ("tr", frozenset()),
    ("td", frozenset({"note"})),
]


def test_note_cell_wraps_and_is_not_clipped() -> None:
    assert computed(STYLE, NOTE, "white-space") == "normal"
    assert computed(STYLE, NOTE, "max-width") != "22rem"
    assert computed(STYLE, NOTE, "overflow") in {None, "visible"}
    plain_cell = [*NOTE[:-1], ("td", frozenset())]
    assert computed(STYLE, plain_cell, "white-space") == "nowrap"  # the helper sees the cascade


class _Rows(HTMLParser):
    """The page's structure: each sheet table's parent, each row's cells as (tag, classes, text)."""

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[Element] = []
        self.table_parents: list[Element] = []
        self.rows: list[list[tuple[str, frozenset[str], str]]] = []
        self.meta: list[dict[str, str | None]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        classes = frozenset((dict(attrs).get("class") or "").split())
        if tag == "meta":
            self.meta.append(dict(attrs))
            return
        if tag == "br":
            return
        if tag == "table":
            self.table_parents.append(self.stack[-1])
        if tag == "tr":
            self.rows.append([])
        if tag in {"td", "th"}:
            self.rows[-1].append((tag, classes, ""))
        self.stack.append((tag, classes))

    def handle_endtag(self, tag: str) -> None:
        if tag not in {"meta", "br"}:
            self.stack.pop()

    def handle_data(self, data: str) -> None:
        if self.stack and self.stack[-1][0] in {"td", "th"} and self.rows and self.rows[-1]:
            tag, classes, text = self.rows[-1][-1]
            self.rows[-1][-1] = (tag, classes, text + data)


def parsed(text: str) -> _Rows:
    parser = _Rows()
    parser.feed(text)
    return parser


def test_page_declares_a_device_width_viewport() -> None:
    viewports = [m for m in parsed(page(WIDE)).meta if m.get("name") == "viewport"]
    assert [m.get("content") for m in viewports] == ["width=device-width, initial-scale=1"]


def test_every_sheet_scrolls_inside_its_own_box() -> None:
    tree = parsed(page(WIDE, FIXTURES / "broken/total_mismatch.csv", FIXTURES / "documents"))
    assert len(tree.table_parents) >= 3
    assert all(parent == ("div", frozenset({"grid"})) for parent in tree.table_parents)
    box = [("div", frozenset({"grid"}))]
    assert computed(STYLE, box, "overflow-x") == "auto"
    assert computed(STYLE, [("body", frozenset())], "overflow-wrap") == "anywhere"


@pytest.mark.parametrize(
    ("path", "row", "cell"),
    [(WIDE, "31", "T31"), (FIXTURES / "broken/total_mismatch.csv", "13", "K13")],
)
def test_note_sits_right_after_the_row_number(path: Path, row: str, cell: str) -> None:
    rows = parsed(page(path)).rows
    (flagged,) = [r for r in rows if r and r[0][0] == "th" and r[0][2] == row]
    assert flagged[1][:2] == ("td", frozenset({"note"}))
    assert cell in flagged[1][2]
    assert len([c for c in flagged if "error" in c[1]]) == 1
    assert all(r[1][1] == frozenset({"note"}) for r in rows if len(r) > 1 and r[0][2].isdigit())


def test_sheet_without_row_issues_has_no_notes_column() -> None:
    # A file whose one issue is about the whole file: its checked sheet is drawn, with no notes.
    batch = check_batch([FIXTURES / "valid/seed_budget.xlsx"])
    (result,) = batch.report.files
    whole_file = Issue.of(IssueCode.DUPLICATE_FILE, result.path, related_file="other.xlsx")
    report = replace(batch.report, files=(result.with_issues((whole_file,)),))
    rows = parsed(render_html(report, batch.sources, batch.checked_sheets(), "en")).rows
    assert rows
    assert not [c for r in rows for c in r if "note" in c[1]]


PROBE = """<script>
const note = [...document.querySelectorAll("td.note")].find((n) => n.textContent);
const box = note.getBoundingClientRect();
document.body.dataset.probe = JSON.stringify({
  pageWidth: document.documentElement.scrollWidth, viewWidth: innerWidth,
  noteWhiteSpace: getComputedStyle(note).whiteSpace, noteRight: box.right,
  noteFits: note.scrollWidth <= note.clientWidth});
</script></body>"""


@pytest.mark.skipif(shutil.which("chromium") is None, reason="headless Chromium is not installed")
@pytest.mark.parametrize("width", [420, 1400])
def test_chromium_keeps_page_in_view_and_notes_whole(tmp_path: Path, width: int) -> None:
    html_file = tmp_path / "report.html"
    html_file.write_text(page(WIDE).replace("</body>", PROBE), encoding="utf-8")
    dom = subprocess.run(
        [
            "chromium",
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            f"--user-data-dir={tmp_path / 'profile'}",
            f"--window-size={width},900",
            "--dump-dom",
            html_file.as_uri(),
        ],
        check=True,
        capture_output=True,
        text=True,
        timeout=120,
    ).stdout
    found = re.search(r'data-probe="([^"]+)"', dom)
    assert found is not None
    probe = json.loads(found[1].replace("&quot;", '"'))
    assert probe["pageWidth"] <= probe["viewWidth"]
    assert probe["noteWhiteSpace"] == "normal"
    assert probe["noteRight"] <= probe["viewWidth"]
    assert probe["noteFits"]
