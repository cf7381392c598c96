"""Make GX Data Docs readable offline.

GX's pages load Bootstrap, jQuery, bootstrap-table and Font Awesome from CDNs:
offline, the index shows no table and the pass/fail icons are blank. Each page's
external styles and scripts are replaced by a small inline stylesheet and a
stand-in for the few jQuery calls the pages make (rendering bootstrap-table's
data as a plain table), so the docs need no network and call none.
"""

from __future__ import annotations

import re
from pathlib import Path

MARK = '<meta name="ictdata-offline" content="1">'
_EXTERNAL_LINK = re.compile(r"<link\b[^>]*\bhref=[\"']https?://[^>]*>", re.IGNORECASE)
_EXTERNAL_SCRIPT = re.compile(
    r"<script\b[^>]*\bsrc=[\"']https?://[^>]*>\s*</script>", re.IGNORECASE | re.DOTALL
)
_HEAD = re.compile(r"<head[^>]*>", re.IGNORECASE)
# GX's logo comes from a web bucket, stamped with the build time; the same logo ships in static/.
_EXTERNAL_IMAGE = re.compile(r"(<img\b[^>]*\bsrc=)[\"']https?://[^\"']*[\"']", re.IGNORECASE)
LOGO = "static/images/logo-long.png"

STYLE = """<style>
body { font-family: system-ui, sans-serif; margin: 1.5em; color: #222; }
table { border-collapse: collapse; margin: .5em 0 1em; }
th, td { border: 1px solid #ccc; padding: .25em .6em; text-align: left; vertical-align: top; }
th { background: #f0f0f0; }
.text-success { color: #1a7f37; } .text-danger { color: #c62828; }
.fa-check-circle::before { content: "\\2714  passed"; font-style: normal; }
.fa-times::before { content: "\\2718  failed"; font-style: normal; }
.cooltip .top, .d-none, .modal { display: none; }
img { max-height: 2em; }
</style>"""

SCRIPT = """<script>
(function () {
  function cell(row, column) {
    var value = row[column.field];
    return "<td>" + (value === undefined || value === null ? "" : value) + "</td>";
  }
  function render(table, options) {
    var columns = options.columns || [], rows = options.data || [];
    var head = columns.map(function (c) { return "<th>" + (c.title || "") + "</th>"; });
    var body = rows.map(function (row) {
      var link = row._table_row_link_path
        ? "<td><a href=\\"" + row._table_row_link_path + "\\">open</a></td>" : "<td></td>";
      return "<tr>" + columns.map(function (c) { return cell(row, c); }).join("") + link + "</tr>";
    });
    table.innerHTML = "<thead><tr>" + head.join("") + "<th></th></tr></thead><tbody>"
      + body.join("") + "</tbody>";
  }
  function ready(fn) {
    if (document.readyState !== "loading") { fn(); }
    else { document.addEventListener("DOMContentLoaded", fn); }
  }
  function wrap(nodes) {
    var api = {
      bootstrapTable: function (options) {
        if (options && typeof options === "object") {
          nodes.forEach(function (n) { render(n, options); });
        }
        return proxy;
      },
      ready: function (fn) { ready(fn); return proxy; }
    };
    var proxy = new Proxy(api, {
      get: function (target, name) {
        return name in target ? target[name] : function () { return proxy; };
      }
    });
    return proxy;
  }
  function $(selector) {
    if (typeof selector === "function") { ready(selector); return wrap([]); }
    if (typeof selector !== "string") { return wrap([selector]); }
    try { return wrap(Array.prototype.slice.call(document.querySelectorAll(selector))); }
    catch (error) { return wrap([]); }
  }
  window.$ = window.jQuery = $;
})();
</script>"""


def offline_page(html: str, root: str = "") -> str:
    """One page without its CDN styles, scripts and images, with the inline stand-ins instead.

    `root` is the way from the page to the docs folder ("../../" for a page two folders down).
    """
    if MARK in html:
        return html
    html = _EXTERNAL_SCRIPT.sub("", _EXTERNAL_LINK.sub("", html))
    html = _EXTERNAL_IMAGE.sub(lambda m: f'{m.group(1)}"{root}{LOGO}"', html)
    head = _HEAD.search(html)
    at = head.end() if head else 0
    return html[:at] + MARK + STYLE + SCRIPT + html[at:]


def make_offline(docs: Path) -> None:
    """Rewrite every page of the Data Docs in `docs` to need no network."""
    for page in docs.rglob("*.html"):
        root = "../" * (len(page.relative_to(docs).parts) - 1)
        text = page.read_text(encoding="utf-8")
        page.write_text(offline_page(text, root), encoding="utf-8")
