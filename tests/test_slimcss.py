"""Material's stylesheet without the component families no page uses (igfpub/slimcss.py):
a family any page uses is kept whole, an unused one goes, and a class counts only as a
member of a family at a name boundary."""

from __future__ import annotations

from igfpub.slimcss import FAMILIES, _member, families_used, slim

PAGE = """<!doctype html><html><body class="md-typeset">
<div class='ignored'><p class="md-source-file  md-source-file__fact">x</p>
<table class="highlighttable"><tr><td class="md-search__input tabbed-set">🎉</td></tr></table>
<div class="admonition note">Remarque</div></body></html>"""


def test_the_families_a_page_uses() -> None:
    used = families_used(PAGE)
    assert used == {"md-source-file", "md-source", "md-search", "tabbed", "admonition"}
    # "highlighttable" is not of the "highlight" family: no boundary after the prefix.
    assert "highlight" not in used
    # The same answer as testing every class against every family.
    names = {"md-typeset", "md-source-file", "md-source-file__fact", "highlighttable",
             "md-search__input", "tabbed-set", "admonition", "note"}  # fmt: skip
    assert used == {f for f in FAMILIES if any(_member(n, f) for n in names)}


def test_rules_of_unused_families_go_and_used_ones_stay() -> None:
    css = (
        ".md-search__input{color:red}"
        ".md-typeset .admonition,.md-typeset .md-tooltip{margin:0}"
        "@media screen{.md-tooltip{top:0}.md-typeset{font-size:1rem}}"
        ".md-nav:not(.md-tooltip){display:block}"
    )
    unused = set(FAMILIES) - families_used(PAGE)
    out = slim(css, unused)
    assert ".md-search__input{color:red}" in out
    assert ".md-typeset .admonition{margin:0}" in out
    assert "md-tooltip{" not in out and ".md-typeset .md-tooltip" not in out
    assert "@media screen{.md-typeset{font-size:1rem}}" in out
    # A class inside :not() need not be on the page for the rule to apply.
    assert ".md-nav:not(.md-tooltip){display:block}" in out
