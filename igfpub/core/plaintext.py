"""Safe HTML (what :mod:`igfpub.core.markup` makes of a text) as plain text, for where no
HTML can go: the covering letter of a body's pack, a ``text/plain`` e-mail.

The text is converted from the rendered HTML, not from the Markdown: the links between
documents are then already resolved (a reference label such as ``[x][itu]`` means nothing
to the reader of an e-mail), and whatever the sanitiser removed (a ``javascript:`` link,
an event handler) is gone here too. A link is its text followed by its URL in angle
brackets, as RFC 3986 (appendix C) suggests for URLs in plain text: ``its call
<https://...>``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from urllib.parse import urlsplit

from lxml import html  # type: ignore[import-untyped]

# HTML's white space: what a browser collapses (a no-break space is text, and stays).
_SPACES = re.compile(r"[ \t\n\r\f]+")
# Elements that a browser sets on lines of their own (lists, tables and <pre> have rules
# of their own, below); any other element is only its text.
_BLOCKS = {
    "blockquote", "dd", "details", "div", "dl", "dt", "h1", "h2", "h3", "h4", "h5", "h6",
    "hr", "p", "summary", "table", "tbody", "tfoot", "thead",
}  # fmt: skip


class _Text:
    """Lines of text, written a piece at a time; ``lead`` begins the next line (a list
    item's marker), ``rest`` the lines after it (the marker's width in spaces)."""

    def __init__(self) -> None:
        self.lines: list[str] = []
        self.pieces: list[str] = []
        self.lead = ""
        self.rest = ""

    def write(self, piece: str) -> None:
        self.pieces.append(piece)

    def end_line(self) -> None:
        text = _SPACES.sub(" ", "".join(self.pieces)).strip()
        self.pieces = []
        if text:
            self.lines.append(self.lead + text)
            self.lead = self.rest

    def verbatim(self, text: str) -> None:
        """Preformatted text: its lines as they are."""
        self.end_line()
        for line in text.strip("\n").split("\n"):
            self.lines.append(self.lead + line.rstrip())
            self.lead = self.rest

    @contextmanager
    def item(self, marker: str) -> Iterator[None]:
        """A list item: its first line begins with ``marker``, the others under its text."""
        self.end_line()
        lead, rest, written = self.lead, self.rest, len(self.lines)
        self.lead, self.rest = rest + marker, rest + " " * len(marker)
        try:
            yield
        finally:
            self.end_line()
            # An item that wrote nothing leaves its parent's first line still to come.
            self.lead, self.rest = (rest if len(self.lines) > written else lead), rest

    def text(self) -> str:
        self.end_line()
        return "\n".join(self.lines)


def plain(safe_html: str) -> str:
    """``safe_html`` as plain text: its words, a line per paragraph, list item or table
    row, and each link as its text and its URL (``text <URL>``). Only a URL that can be
    followed from where the text goes is given: one with a scheme, or a path from the
    site's root; a link within the text (a footnote's) is only its text."""
    if not safe_html.strip():
        return ""
    out = _Text()
    _contents(html.fragment_fromstring(safe_html, create_parent="div"), out)
    return out.text()


def _contents(element: html.HtmlElement, out: _Text) -> None:
    if element.text:
        out.write(element.text)
    for child in element:
        _element(child, out)
        if child.tail:
            out.write(child.tail)


def _inline(element: html.HtmlElement) -> str:
    """An element's text on one line: a link's words."""
    inner = _Text()
    _contents(element, inner)
    return " ".join(inner.text().split("\n"))


def _element(element: html.HtmlElement, out: _Text) -> None:
    tag = element.tag
    if not isinstance(tag, str):  # a comment or processing instruction: no text
        return
    classes = (element.get("class") or "").split()
    if tag == "br":
        out.end_line()
    elif tag == "img":
        out.write(element.get("alt") or "")
    elif tag == "a":
        if "footnote-backref" not in classes:  # the note's "↩" back to its reference
            out.write(_link(element, "footnote-ref" in classes))
    elif tag == "pre":
        out.verbatim(element.text_content())
    elif tag in ("ul", "ol"):
        _list(element, out)
    elif tag == "tr":
        out.end_line()
        for n, cell in enumerate(c for c in element if c.tag in ("td", "th")):
            out.write((" | " if n else "") + _inline(cell))
        out.end_line()
    elif tag in _BLOCKS:
        out.end_line()
        _contents(element, out)
        out.end_line()
    else:
        _contents(element, out)


def _link(element: html.HtmlElement, note: bool) -> str:
    words = _inline(element)
    if note:
        return f"[{words}]"  # a footnote's number, as the note below the text begins
    href = element.get("href") or ""
    if not _followable(href):
        return words
    if not words or href in (words, f"mailto:{words}"):
        return f"<{words or href}>"
    return f"{words} <{href}>"


def _followable(href: str) -> bool:
    """Whether a reader can follow ``href`` away from the page: a URL with a scheme (the
    sanitiser left only safe ones), or a path from the site's root (a site without a
    ``site_url``). Not a fragment or a path relative to a page there is none of."""
    return bool(urlsplit(href).scheme) or href.startswith("/")


def _list(element: html.HtmlElement, out: _Text) -> None:
    parent = element.getparent()
    notes = parent is not None and "footnote" in (parent.get("class") or "").split()
    ordered = element.tag == "ol"
    try:
        number = int(element.get("start") or 1)
    except ValueError:
        number = 1
    for child in element:
        if child.tag != "li":
            continue
        marker = f"[{number}] " if notes else f"{number}. " if ordered else "- "
        with out.item(marker):
            _contents(child, out)
        number += 1
