"""Ids for the headings of a document's own text, and which heading a written
``#fragment`` means.

The contract lets a link carry a ``#fragment`` (``../2024/ws-3.md#background``). For it to
land somewhere, a narrative's headings need ids, as MkDocs gives a free page's. They are
slugged from the heading's text in its own script (``## السياق`` gets ``السياق``, where
MkDocs' default would give an empty id), and kept apart from the ids the page itself
holds (``## Key takeaways`` must not make a second ``key-takeaways``). People write
fragments as their tools taught them (``#Background``, MkDocs' ``#contexte-general``,
GitHub's ``#contexte-général``), so :func:`find` accepts each of these forms.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from dataclasses import dataclass

from markdown.extensions.toc import slugify, slugify_unicode, unique

# The ids of the page around a narrative (theme/igfpub/*.html, Material's base template):
# a heading never takes one of them. tests/test_heading_links.py checks the theme against it.
RESERVED = frozenset({
    # session and intersessional pages
    "key-takeaways", "calls-to-action", "consensus", "divergence", "recommendations",
    "minority-views", "session-report", "session-links", "responses", "context-and-method",
    # edition and body pages
    "status", "contents", "intersessional", "bodies-addressed", "report-back", "introduction",
    "report-back-responses",
    # every page
    "igf-content", "igf-header-q", "__drawer", "__search", "__toc", "__settings", "__consent",
    "__config",
})  # fmt: skip
# Families of ids the edition and body pages make from data (`track-main`, `edition-2025`,
# `doc-bpf-cyber-2025`).
_RESERVED_FAMILY = re.compile(r"(?:edition|track|doc)-")

_HEADING = re.compile(r"<h([1-6])((?:\s[^>]*)?)>(.*?)</h\1>", re.DOTALL)
_ID = re.compile(r'\sid="([^"]*)"')
_TAG = re.compile(r"<[^>]*>")
_SPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class Heading:
    id: str
    text: str


def _text(inner_html: str) -> str:
    return _SPACE.sub(" ", html.unescape(_TAG.sub("", inner_html))).strip()


def _free(candidate: str, used: set[str]) -> str:
    taken = used | {candidate} if _RESERVED_FAMILY.match(candidate) else used
    free = unique(candidate, taken)
    used.add(free)
    return free


def anchor(raw_html: str) -> tuple[str, tuple[Heading, ...]]:
    """A converted text whose headings all have an id, and those headings in order. An id
    the writer gave (``## Background {#bg}``) is kept; the others are unique on the page."""
    if "<h" not in raw_html:
        return raw_html, ()
    used = set(RESERVED) | set(_ID.findall(raw_html))
    found: list[Heading] = []

    def one(m: re.Match[str]) -> str:
        text = _text(m[3])
        given = _ID.search(m[2])
        if given:
            found.append(Heading(html.unescape(given[1]), text))
            return m[0]
        id_ = _free(slugify_unicode(text, "-"), used)
        found.append(Heading(id_, text))
        return f'<h{m[1]} id="{id_}"{m[2]}>{m[3]}</h{m[1]}>'

    return _HEADING.sub(one, raw_html), tuple(found)


def page_id(fragment: str) -> str | None:
    """The id of the page's own that ``fragment`` names (``#Key-Takeaways`` is the page's
    ``key-takeaways``, not a heading of the narrative that happens to say the same)."""
    for written in (fragment, slugify_unicode(fragment, "-")):
        if written in RESERVED or _RESERVED_FAMILY.match(written):
            return written
    return None


def find(fragment: str, headings: Sequence[Heading]) -> int | None:
    """The position of the heading that ``fragment`` names: by its id, or by its text
    slugged as MkDocs (ASCII) or GitHub (any script) do, in any case."""
    wanted = {fragment, fragment.lower(), slugify_unicode(fragment, "-")}
    for i, heading in enumerate(headings):
        if heading.id in wanted or heading.id.lower() in wanted:
            return i
    ascii_ = slugify(fragment, "-")
    if ascii_:
        for i, heading in enumerate(headings):
            if slugify(heading.text, "-") == ascii_:
                return i
    return None
