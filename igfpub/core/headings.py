"""Ids for the headings of a document's own text, and which heading a written
``#fragment`` means.

The contract lets a link carry a ``#fragment`` (``../2024/ws-3.md#background``). For it to
land somewhere, a narrative's headings need ids, as MkDocs gives a free page's. They are
slugged from the heading's text in its own script (``## السياق`` gets ``السياق``, where
MkDocs' default would give an empty id), and kept apart from the ids the page itself
holds (``## Key takeaways`` must not make a second ``key-takeaways``). People write
fragments as their tools taught them (``#Background``, MkDocs' ``#contexte-general``,
GitHub's ``#contexte-général``), so :func:`find` accepts each of these forms.

Ids a writer gives (``## Context {#ctx}``, ``{: #here }`` under a paragraph, ``id="..."``)
follow the same rule: one the page has already (``{#key-takeaways}``, the skip link's
``igf-content``, a message's ``IGF2026-WS-1/cta-1``), or that the text gave before, would be
there twice, and the skip link, a message's link or ``aria-labelledby`` would lead to
whichever comes first. Such an id is not kept (:class:`Refused` says why, for ``check``): a
heading gets the id it would have without it, another element none.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import NamedTuple

from markdown.extensions.toc import slugify, slugify_unicode, unique

# The ids of every page, free pages too (igfpub/base.html, Material's base template).
EVERY_PAGE = frozenset({
    "igf-content", "igf-header-q", "__drawer", "__search", "__toc", "__settings", "__consent",
    "__config",
    # the preview's box of problems (igfpub/preview-problems.html), on every page it serves
    "igfpub-preview-error", "igfpub-preview-error-title", "igfpub-preview-warnings",
    "igfpub-preview-warnings-title",
})  # fmt: skip
# The ids of the page around a narrative (theme/igfpub/*.html, and EVERY_PAGE): a heading
# never takes one of them. tests/test_heading_links.py checks the theme against it.
RESERVED = EVERY_PAGE | {
    # session and intersessional pages
    "key-takeaways", "calls-to-action", "consensus", "divergence", "recommendations",
    "minority-views", "session-report", "session-links", "responses", "context-and-method",
    # edition and body pages
    "status", "contents", "intersessional", "bodies-addressed", "report-back", "introduction",
    "report-back-responses",
}  # fmt: skip
# Families of ids the edition and body pages make from data (`track-main`, `edition-2025`,
# `doc-bpf-cyber-2025`).
_RESERVED_FAMILY = re.compile(r"(?:edition|track|doc)-")
# Material's ids beyond those on every page: those its palette toggle and extensions make
# (`__palette_0`, `__tabbed_1_1`, `__code_0`).
_MATERIAL = "__"
# The ids of a text's footnotes (fn:1a2b3c4d-1, fnref:...): made unique to the text by
# igfpub.core.markup._own_footnotes.
_FOOTNOTE = re.compile(r"fn(?:ref\d*)?:")

_HEADING = re.compile(r"<h([1-6])((?:\s[^>]*)?)>(.*?)</h\1>", re.DOTALL)
# A start tag and its attributes as the sanitiser writes them (name="value", with no '"'
# or '>' in a value): the text between tags may say id="x" too.
_START_TAG = re.compile(r"<([a-z][a-z0-9]*)((?:\s[^>]*)?)>")
_ATTR = re.compile(r'\s+([^\s"\'>/=]+)(?:="([^"]*)")?')
_TAG = re.compile(r"<[^>]*>")
_SPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class Heading:
    id: str
    text: str
    written: bool = False  # its id is the writer's (``## Contact {#contact-us}``)


@dataclass(frozen=True)
class Refused:
    """An id a text gave an element (``{#key-takeaways}``) that its page does not keep:
    why, and the id the element has instead (a heading's, from its text) or ""."""

    id: str
    why: str
    instead: str = ""
    # Which of the text's elements with this id it is (0: the first), for where it was written.
    nth: int = 0

    @property
    def message(self) -> str:
        then = f"the heading's id is {self.instead!r}" if self.instead else "it is left out"
        return f"id {self.id!r}: {self.why}; {then}"


class Anchored(NamedTuple):
    html: str
    headings: tuple[Heading, ...]
    refused: tuple[Refused, ...]


def _text(inner_html: str) -> str:
    return _SPACE.sub(" ", html.unescape(_TAG.sub("", inner_html))).strip()


def _page_has(id_: str) -> str | None:
    """Why the page around a narrative has ``id_`` already, in any case (a fragment names
    the page's part in any case: :func:`page_id`), or None."""
    if "/" in id_:
        return "an id with a slash is a message's anchor"
    low = id_.lower()
    family = _RESERVED_FAMILY.match(low)
    if family:
        return f"the page's own ids begin with {family[0]!r} (tracks, editions, documents)"
    if low.startswith(_MATERIAL) and low not in RESERVED:
        return f"ids that begin with {_MATERIAL!r} are the theme's (Material for MkDocs)"
    return _every_page_has(id_) or (
        f"the page has the id {low!r} already" if low in RESERVED else None
    )


def _every_page_has(id_: str) -> str | None:
    """:func:`_page_has` on a free page, which shows no message or section of igfpub's.
    Not every id that begins with ``__``: the site's Markdown extensions make some there
    (``__codelineno-0-1``, a code line's anchor), each once."""
    low = id_.lower()
    return f"the page has the id {low!r} already" if low in EVERY_PAGE else None


def _free(candidate: str, used: set[str], taken: Callable[[str], str | None]) -> str:
    free = unique(candidate, used | {candidate} if taken(candidate) else used)
    used.add(free)
    return free


# Why a text shown on several pages keeps no id of its own.
ELSEWHERE = (
    "a message, a track's narrative or a response is shown on several pages, and may be "
    "twice on one, where its ids would not be unique"
)


@dataclass(frozen=True)
class _Settled:
    html: str
    # What was refused, each with its heading's position among the text's headings (-1:
    # not a heading).
    refused: list[tuple[Refused, int]]
    kept: set[str]  # lower-cased
    before: list[str | None]  # each heading's id as written


def _settle(safe_html: str, taken: Callable[[str], str | None] | None) -> _Settled:
    """``safe_html`` without the ids it may not keep: those ``taken`` says the page has, and
    those an element before has (in any case); with no ``taken``, any but its footnotes'."""
    kept: dict[str, str] = {}  # lower-cased -> as written
    count: dict[str, int] = {}
    refused: list[tuple[Refused, int]] = []
    before: list[str | None] = []

    def one(m: re.Match[str]) -> str:
        tag, attrs = m[1], m[2]
        heading = -1
        if len(tag) == 2 and tag[0] == "h" and tag[1] in "123456":
            heading = len(before)
            before.append(None)
        if 'id="' not in attrs:
            return m[0]
        parts = list(_ATTR.finditer(attrs))
        given = next((p for p in parts if p[1] == "id"), None)
        if given is None:
            return m[0]
        id_ = html.unescape(given[2] or "")
        nth = count[id_] = count.get(id_, -1) + 1
        if heading >= 0:
            before[heading] = id_
        if _FOOTNOTE.match(id_):
            kept.setdefault(id_.lower(), id_)
            return m[0]
        earlier = kept.get(id_.lower())
        if taken is None:
            why: str | None = ELSEWHERE
        elif not id_ or any(c.isspace() for c in id_):
            why = "an HTML id is not empty and holds no space"
        else:
            why = taken(id_) or (_before(earlier) if earlier is not None else None)
        if why is None:
            kept[id_.lower()] = id_
            return m[0]
        refused.append((Refused(id_, why, nth=nth), heading))
        return f"<{tag}{''.join(p[0] for p in parts if p is not given)}>"

    return _Settled(_START_TAG.sub(one, safe_html), refused, set(kept), before)


def _id_of(attrs: str) -> str | None:
    given = next((p[2] for p in _ATTR.finditer(attrs) if p[1] == "id"), None)
    return html.unescape(given) if given is not None else None


def _before(earlier: str) -> str:
    return f"an element before it in the text has the id {earlier!r}"


def _said(settled: _Settled, ids: Sequence[str]) -> tuple[Refused, ...]:
    """What was refused, a heading's with the id it has instead (``ids``: the headings')."""
    return tuple(
        replace(r, instead=ids[heading]) if heading >= 0 else r for r, heading in settled.refused
    )


def anchor(safe_html: str) -> Anchored:
    """A sanitised text as its own page shows it: its headings all with an id, those
    headings in order, and the ids the writer gave that the page does not keep. A
    writer's id (``## Background {#bg}``) is kept unless the page or the text before has
    it already; the other headings get ids unique on the page."""
    if "<h" not in safe_html and 'id="' not in safe_html:
        return Anchored(safe_html, (), ())
    settled = _settle(safe_html, _page_has)
    used = set(RESERVED) | settled.kept
    found: list[Heading] = []

    def one(m: re.Match[str]) -> str:
        text = _text(m[3])
        given = _id_of(m[2])
        if given is not None:
            found.append(Heading(given, text, written=True))
            return m[0]
        id_ = _free(slugify_unicode(text, "-"), used, _page_has)
        found.append(Heading(id_, text))
        return f'<h{m[1]} id="{id_}"{m[2]}>{m[3]}</h{m[1]}>'

    out = _HEADING.sub(one, settled.html)
    return Anchored(out, tuple(found), _said(settled, [h.id for h in found]))


def elsewhere(safe_html: str) -> tuple[str, tuple[Refused, ...]]:
    """A sanitised text shown on several pages (a message, a response): without the ids
    its writer gave (its footnotes keep theirs, made its own), and those ids."""
    if 'id="' not in safe_html:
        return safe_html, ()
    settled = _settle(safe_html, None)
    return settled.html, tuple(r for r, _ in settled.refused)  # its headings have no id


class FreePage(NamedTuple):
    html: str
    refused: tuple[Refused, ...]
    # The headings given another id: (id before, which heading with that id it was, id
    # now), for the page's table of contents.
    renamed: tuple[tuple[str, int, str], ...]


_SELF_LINK = re.compile(r'href="#([^"]*)"')


def free_page(safe_html: str) -> FreePage:
    """A free page as MkDocs rendered it (its headings' ids from its table of contents),
    without the ids that igfpub's page around it or an element before has: a heading gets
    the id MkDocs gives its text by default instead (its permalink follows), another
    element none."""
    if 'id="' not in safe_html:
        return FreePage(safe_html, (), ())
    settled = _settle(safe_html, _every_page_has)
    if not settled.refused:
        return FreePage(safe_html, (), ())
    renaming = {heading for _, heading in settled.refused if heading >= 0}
    used = set(EVERY_PAGE) | settled.kept
    ids: list[str] = []
    renamed = []

    def one(m: re.Match[str]) -> str:
        position = len(ids)
        ids.append(_id_of(m[2]) or "")
        if position not in renaming:
            return m[0]
        old = settled.before[position] or ""
        ids[position] = id_ = _free(slugify(_text(m[3]), "-"), used, _every_page_has)
        renamed.append((old, settled.before[:position].count(old), id_))
        inner = _SELF_LINK.sub(
            lambda link: f'href="#{id_}"' if html.unescape(link[1]) == old else link[0], m[3]
        )
        return f'<h{m[1]} id="{id_}"{m[2]}>{inner}</h{m[1]}>'

    out = _HEADING.sub(one, settled.html)
    return FreePage(out, _said(settled, ids), tuple(renamed))


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
