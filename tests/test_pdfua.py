"""PDF/UA-1 structure of what content Markdown can put in a PDF: lists of every shape."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import page
import pikepdf
import pytest

THEME = Path(__file__).resolve().parent.parent / "igfpub" / "theme"
STYLESHEET = THEME / "assets" / "stylesheets" / "igfpub-print.css"

# What Markdown and the print templates produce: a nested list inside an item, an item
# with two paragraphs, a numbered list, a definition list grouped by <div> (the facts of a
# brief), an item without a marker, and a list item outside any list.
HTML = """<!doctype html><html lang="fr"><head><meta charset="utf-8">
<title>Listes</title></head><body>
<h1>Listes imbriquées</h1>
<ul>
  <li>Premier point, avec <a href="https://example.org/">un lien</a>
    <ul><li>sous-point a</li><li>sous-point b<ol><li>très profond</li></ol></li></ul>
  </li>
  <li><p>Deux paragraphes.</p><p>Le second.</p></li>
</ul>
<ol start="3"><li>trois</li><li>quatre</li></ol>
<dl><div><dt>Lieu</dt><dd>Lillestrøm</dd></div><div><dt>Dates</dt><dd>23–27 juin</dd></div></dl>
<ul style="list-style: none"><li>sans puce</li></ul>
<div><li style="display: list-item">un élément perdu</li></div>
</body></html>"""


@pytest.fixture(scope="module")
def pdf_bytes() -> bytes:
    from igfpub.pdf import Printer

    return Printer(STYLESHEET, [THEME]).render(HTML).data


def _elements(pdf: pikepdf.Pdf) -> Iterator[pikepdf.Dictionary]:
    stack = [pdf.Root.StructTreeRoot]
    while stack:
        node = stack.pop()
        kids = node.get("/K")
        for kid in kids if isinstance(kids, pikepdf.Array) else [kids]:
            if isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") == "/StructElem":
                yield kid
                stack.append(kid)


def test_lists_pass_pdf_ua_1(pdf_bytes: bytes) -> None:
    report = page.validate_pdf_bytes(pdf_bytes, profile="ua1")
    assert [f"{f.rule_id}: {f.message}" for f in report.failures] == []
    assert report.is_compliant


def test_list_items_hold_label_and_body_inside_a_list(pdf_bytes: bytes, tmp_path: Path) -> None:
    path = tmp_path / "lists.pdf"
    path.write_bytes(pdf_bytes)
    with pikepdf.open(path) as pdf:
        elements = list(_elements(pdf))
        items = [e for e in elements if e.S == "/LI"]
        # 2 + 2 + 1 + 2 items, 4 dt/dd, 1 unmarked, 1 stray.
        assert len(items) == 13
        for item in items:
            assert item.P.S == "/L"
            kinds = [k.S for k in item.K if isinstance(k, pikepdf.Dictionary)]
            assert kinds and set(kinds) <= {"/Lbl", "/LBody"}, kinds
        for element in elements:
            if element.S == "/L":
                kinds = {k.S for k in element.K if isinstance(k, pikepdf.Dictionary)}
                assert kinds <= {"/L", "/LI", "/Caption"}, kinds
        # Nothing was lost on the way: every text is still tagged and extractable.
        bodies = [e for e in elements if e.S == "/LBody"]
        assert len(bodies) == len(items)
