"""Tables and code blocks that may be wider than a phone's screen, made reachable from the
keyboard. They scroll sideways at 320 px; a reader without a pointer scrolls only what
can take focus (WCAG 2.1.1, 1.4.10). igfpub's own tables are wrapped in its templates;
these are the ones Markdown writes (a report's table, a free page's code), which
Material's JavaScript would mark and igfpub does not load."""

from __future__ import annotations

import re
from html import escape

_TABLE = re.compile(r"<table\b")
_TABLE_END = "</table>"
_WRAPPED = re.compile(r'<div class="igf-table-wrap"[^>]*>\s*$')
_PRE = re.compile(r"<pre(?![^>]*\btabindex=)(?=[\s>])")


def keyboard_scrollable(html: str, table_label: str) -> str:
    """``html`` with each table not yet wrapped in a focusable region named
    ``table_label``, and each ``<pre>`` focusable."""
    if "<table" in html:
        html = _wrap_tables(html, table_label)
    if "<pre" in html:
        html = _PRE.sub('<pre tabindex="0"', html)
    return html


def _wrap_tables(html: str, label: str) -> str:
    opening = (
        f'<div class="igf-table-wrap" tabindex="0" role="region" aria-label="{escape(label)}">'
    )
    out: list[str] = []
    pos = 0
    for found in _TABLE.finditer(html):
        if found.start() < pos:
            continue  # inside a table already wrapped (a table in a table)
        end = html.find(_TABLE_END, found.start())
        if end < 0:
            break
        end += len(_TABLE_END)
        before = html[pos : found.start()]
        if _WRAPPED.search(before):
            out.append(html[pos:end])
        else:
            out.append(before + opening + html[found.start() : end] + "</div>")
        pos = end
    out.append(html[pos:])
    return "".join(out)
