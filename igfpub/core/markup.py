"""Markdown to safe HTML. Content is data: whatever a rapporteur writes, no script,
event handler or ``javascript:`` URL reaches a reader's browser."""

from __future__ import annotations

import html
import re
from functools import cache

import markdown
import nh3

_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "code", "dd", "del", "dl", "dt", "em", "h2", "h3",
    "h4", "h5", "h6", "hr", "i", "img", "li", "ol", "p", "pre", "q", "s", "small", "strong",
    "sub", "sup", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul",
}  # fmt: skip
_ATTRS = {
    "*": {"id", "lang", "dir", "title"},
    "a": {"href", "hreflang"},
    "img": {"src", "alt", "width", "height"},
    "td": {"align"},
    "th": {"align", "scope"},
    "ol": {"start"},
}
_SCHEMES = {"http", "https", "mailto"}
# Characters that can change how Markdown renders a one-line text; without them the
# text only needs escaping, which is a hundred times cheaper than a Markdown pass.
_SPECIAL = re.compile(r"[*_`\[\]<>&\\#!|~]|^\s*[-+>\d]|\s{2}$", re.MULTILINE)
_HEADING = re.compile(r"<(/?)h([1-6])\b")

_md = markdown.Markdown(extensions=["tables", "sane_lists", "attr_list", "def_list", "footnotes"])


def _sanitize(raw_html: str) -> str:
    return nh3.clean(
        raw_html,
        tags=_TAGS,
        attributes=_ATTRS,
        url_schemes=_SCHEMES,
        link_rel="noopener",
        strip_comments=True,
    )


def _demote(raw_html: str, by: int) -> str:
    """Narrative headings sit under the page's own sections: the narrative's top level,
    whether the rapporteur wrote ``#`` or ``##``, becomes ``<h3>`` with ``by=2``, and its
    levels stay consecutive below that, so the outline stays in order for screen readers
    (a plain shift turned the usual ``##`` into an ``<h4>`` right under an ``<h2>``)."""
    levels = sorted({int(m[2]) for m in _HEADING.finditer(raw_html)})
    rank = {level: min(6, 1 + by + i) for i, level in enumerate(levels)}
    return _HEADING.sub(lambda m: f"<{m[1]}h{rank[int(m[2])]}", raw_html)


@cache
def block(text: str, demote: int = 2) -> str:
    """A narrative: Markdown blocks to sanitised HTML with headings demoted."""
    _md.reset()
    return _sanitize(_demote(_md.convert(text), demote))


@cache
def inline(text: str) -> str:
    """One takeaway or call to action: Markdown to sanitised HTML without the outer <p>."""
    if not _SPECIAL.search(text):
        return html.escape(text, quote=False)
    _md.reset()
    out = _md.convert(text)
    if out.startswith("<p>") and out.endswith("</p>") and out.count("<p>") == 1:
        out = out[3:-4]
    return _sanitize(_demote(out, 2))
