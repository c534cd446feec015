"""Markdown to safe HTML. Content is data: whatever a rapporteur writes, no script,
event handler or ``javascript:`` URL reaches a reader's browser.

Links between documents are resolved during the conversion (:mod:`igfpub.core.linkext`)
into ``igfpub:`` placeholders holding the target's URL from the site root in the reader's
language; :func:`hrefs` then makes them what the page needs (relative on the site,
absolute in PDFs, feeds and open data). The conversion, the costly part, is thus done
once per text and language, whatever the number of pages that show it.
"""

from __future__ import annotations

import hashlib
import html
import re
import threading
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

import markdown
import nh3

from igfpub.core import headings
from igfpub.core.hostile import neutralised
from igfpub.core.languages import site_languages
from igfpub.core.linkext import LinkExtension, Report, ignore
from igfpub.core.links import Asset, Linker, Target
from igfpub.core.model import Localized

# Markup a rapporteur may write as HTML too: what it means, never how it looks (no style,
# no class of their own). Stripping a tag keeps its text, so a tag left out here glues words
# together ("<details><summary>More</summary>hidden</details>" was "Morehidden"); a <div>
# holds a text's footnotes.
_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "code", "dd", "del", "details", "div", "dl", "dt", "em",
    "h2", "h3", "h4", "h5", "h6", "hr", "i", "img", "kbd", "li", "mark", "ol", "p", "pre",
    "q", "s", "small", "span", "strong", "sub", "summary", "sup", "table", "tbody", "td",
    "tfoot", "th", "thead", "tr", "ul",
}  # fmt: skip
_ATTRS = {
    "*": {"id", "lang", "dir", "title"},
    "a": {"href", "hreflang"},
    "img": {"src", "alt", "width", "height"},
    "td": {"align"},
    "th": {"align", "scope"},
    "ol": {"start"},
    "details": {"open"},
}
_SCHEMES = {"http", "https", "mailto"}
# A resolved link between documents until `hrefs` gives it its final form.
_PLACEHOLDER = "igfpub:"
_PLACEHOLDER_HREF = re.compile(r'(href|src)="igfpub:([^"]*)"')
# Characters that can change how Markdown renders a one-line text; without them the
# text only needs escaping, which is a hundred times cheaper than a Markdown pass.
_SPECIAL = re.compile(r"[*_`\[\]<>&\\#!|~]|^\s*[-+>\d]|\s{2}$", re.MULTILINE)
_HEADING = re.compile(r"<(/?)h([1-6])\b")

# fenced_code: a report may quote code (a policy's wording, a configuration) in a fence,
# which without it was one inline code span with the language as its first word.
_EXTENSIONS = ["tables", "sane_lists", "attr_list", "def_list", "footnotes", "fenced_code"]


@dataclass(frozen=True)
class Links:
    """Where a text was written (its content file) and the archive's link targets."""

    linker: Linker
    path: str


class _Linked:
    """One Markdown converter with the link extension, pointed at each text in turn."""

    def __init__(self) -> None:
        self.lang = ""
        self.ext = LinkExtension(_NO_LINKER, "", self._placeholder)
        self.ext.rewrite_asset = self._asset
        self.md = markdown.Markdown(extensions=[*_EXTENSIONS, self.ext])

    def _placeholder(self, target: Target) -> str:
        return _PLACEHOLDER + target.url(self.lang)

    def _asset(self, path: str) -> str:
        return _PLACEHOLDER + path  # the same file in every language

    def convert(
        self,
        text: str,
        links: Links,
        lang: str,
        report: Report | None = None,
        warn: Report | None = None,
    ) -> str:
        self.lang = lang
        self.ext.linker = links.linker
        self.ext.path = links.path
        self.ext.report = report or ignore
        self.ext.warn = warn or ignore
        self.md.reset()
        return self.md.convert(text)


_NO_LINKER = Linker()


class _Converters(threading.local):
    """This thread's Markdown converters: a converter holds a text's state while it
    converts it, and the preview server converts in two threads at once (its live pages
    and its build)."""

    def __init__(self) -> None:
        self.plain = markdown.Markdown(extensions=_EXTENSIONS)
        self.linked = _Linked()
        self.page = markdown.Markdown(extensions=[*_EXTENSIONS, "toc"])  # a free page's


_converters = _Converters()


def _convert(text: str, links: Links | None, lang: str, owner: str = "") -> str:
    if links is None:
        _converters.plain.reset()
        out = _converters.plain.convert(text)
    else:
        out = _converters.linked.convert(text, links, lang)
    return _own_footnotes(out, owner, text) if 'class="footnote' in out else out


_FOOTNOTE_ID = re.compile(r'(id="|href="#)(fn(?:ref\d*)?):')


def _own_footnotes(converted: str, owner: str, text: str) -> str:
    """Footnote ids of this text's own: each text is converted alone, so two on a page (two
    takeaways, a takeaway and the report) would both have ``fn:1``, and every "1" would
    lead to the first note. Named from what the text is (``owner``: a message id, a file;
    see :attr:`Localized.owner`) and its words, not from a count, so that a page renders
    the same whichever texts were converted before it, and two texts with the same words
    (two sessions' takeaways in one outcome document) have notes of their own."""
    own = hashlib.sha256(f"{owner}\n{text}".encode()).hexdigest()[:8]
    return _FOOTNOTE_ID.sub(rf"\1\2:{own}-", converted)


def _owner(text: str, owner: str) -> str:
    # Only a text with footnotes has ids named after it: the others convert once, whatever
    # their owner (a word said in many places is one cache entry).
    return owner if "[^" in text else ""


# The classes a text keeps: a fence's language (```python), as fenced_code writes it and as
# highlighters look for it, and Python-Markdown's footnotes, which the theme styles (and
# numbers "1", "2" inside a list of messages, where a nested list would count "a", "b").
_CLASSES = {
    "code": re.compile(r"language-[\w+#.-]+"),
    "div": re.compile("footnote"),
    "a": re.compile("footnote-ref|footnote-backref"),
}


def _own_class(tag: str, attribute: str, value: str) -> str | None:
    if attribute != "class":
        return value
    allowed = _CLASSES.get(tag)
    return value if allowed is not None and allowed.fullmatch(value) else None


def _sanitize(raw_html: str, *, links: bool = False) -> str:
    classes = 'class="' in raw_html  # the filter is a call into Python per attribute
    return nh3.clean(
        raw_html,
        tags=_TAGS,
        attributes={**_ATTRS, **{t: _ATTRS.get(t, set()) | {"class"} for t in _CLASSES}}
        if classes
        else _ATTRS,
        attribute_filter=_own_class if classes else None,
        url_schemes=_SCHEMES | {_PLACEHOLDER[:-1]} if links else _SCHEMES,
        link_rel="noopener",
        strip_comments=True,
    )


# Free pages are rendered by MkDocs with the site's own Markdown extensions (tables of
# contents, attribute lists, Material's blocks): the same rule, with the markup those
# extensions write (their classes, containers and the page's own <h1>).
_PAGE_TAGS = _TAGS | {
    "h1", "div", "section", "article", "aside", "figure", "figcaption", "caption", "colgroup",
    "col", "nav",
}  # fmt: skip
_PAGE_ATTRS = {**_ATTRS, "*": _ATTRS["*"] | {"class"}, "col": {"span"}, "td": {"align", "colspan", "rowspan"},
               "th": {"align", "scope", "colspan", "rowspan"}, "details": {"open"}}  # fmt: skip


def page(raw_html: str) -> str:
    """A free page's HTML (``index.md``, an about page), sanitised like session content."""
    return nh3.clean(
        raw_html,
        tags=_PAGE_TAGS,
        attributes=_PAGE_ATTRS,
        url_schemes=_SCHEMES,
        link_rel="noopener",
        strip_comments=True,
    )


def title(text: str) -> str:
    """A title for navigation, ``<title>``, breadcrumbs and search: its text only,
    escaped for templates that print it as it is (Material does)."""
    return nh3.clean(text, tags=set()).strip()


def placeholder(url: str) -> str:
    """A link from the site root left for :func:`hrefs` to write: what ``href`` is while
    HTML shared by several pages is rendered (``Presenter.shared``)."""
    return _PLACEHOLDER + url


def hrefs(safe_html: str, href: Callable[[str], str]) -> str:
    """Resolved links made right for where the HTML goes: ``href`` maps a URL from the
    site root (``fr/sessions/2024/igf2024-dc-dcad/#x``) to the link to write."""
    if _PLACEHOLDER not in safe_html:
        return safe_html

    def one(m: re.Match[str]) -> str:
        url, hash_, fragment = html.unescape(m[2]).partition("#")
        link = href(url)
        if hash_ and link == "./":
            link = ""  # a place on the page itself: "#next-steps", as it was written
        return f'{m[1]}="{html.escape(link + hash_ + fragment)}"'

    return _PLACEHOLDER_HREF.sub(one, safe_html)


_INLINE_TARGET = re.compile(r"(\]\(\s*<?)([^)\s>]+)")
# A link of raw HTML (igfpub.core.rawhtml): an <a>'s href, an <img>'s src.
_RAW_TARGET = re.compile(
    r"""(<(?:a|img)\b[^<>]*?\s(?:href|src)\s*=\s*["']?)([^"'\s>]+)""", re.IGNORECASE
)
_REFERENCE_LABEL = re.compile(r"\]\[([^\]]+)\]|\[([^\]]+)\]\[\]")
_DEFINED = re.compile(r"^ {0,3}\[([^\]]+)\]:", re.MULTILINE)


def portable(text: str, links: Links | None, lang: str, base: str) -> str:
    """A Markdown text for open data, readable anywhere: links between documents made
    absolute (``base`` is the site's URL), and nothing that a browser could run, whatever
    renders the data (:mod:`igfpub.core.hostile`); the rest as the author wrote it."""
    text = neutralised(text)
    if links is None or not may_link(text):
        return text

    def inline_target(m: re.Match[str]) -> str:
        found = links.linker.link(m[2], links.path)
        if isinstance(found, Target):
            return m[1] + base + found.url(lang)
        return m[1] + (base + found.url if isinstance(found, Asset) else m[2])

    out = _RAW_TARGET.sub(inline_target, _INLINE_TARGET.sub(inline_target, text))
    defined = {d.lower() for d in _DEFINED.findall(out)}
    definitions = []
    for m in _REFERENCE_LABEL.finditer(out):
        label = m[1] or m[2]
        found = links.linker.reference(label)
        if found is not None and label.lower() not in defined:
            defined.add(label.lower())
            definitions.append(f"[{label}]: {base}{found.url(lang)}")
    return out + ("\n\n" + "\n".join(definitions) if definitions else "")


def portable_texts(
    value: Localized, base: str = "", linker: Linker | None = None
) -> dict[str, str]:
    """Each language's text of ``value`` for open data (:func:`portable`); with ``linker``,
    the value is Markdown whose links between documents are made absolute."""
    links = Links(linker, value.where) if linker is not None and value.where else None
    return {
        lang: portable(value.values[lang], links, lang, base)
        for lang in site_languages().codes
        if lang in value.values
    }


# The start of a URL that leads out of the site: a scheme, or a scheme-relative `//host`.
_ELSEWHERE = r"[A-Za-z][A-Za-z0-9+.-]*:|//"
# Cheap test for a text that may link a document: a relative inline link, a reference
# (`[x][id]`, `[id][]`) or a relative reference definition. Links to other sites only,
# the common case, need neither the link check nor a conversion per language.
_MAY_LINK = re.compile(
    rf"\]\((?!\s*<?(?:{_ELSEWHERE}))|\]\[|"
    rf"^ {{0,3}}\[[^\]]+\]:(?!\s*<?(?:{_ELSEWHERE}))",
    re.MULTILINE,
)


# ... or a link of raw HTML that is not to another site (igfpub.core.rawhtml).
_MAY_LINK_RAW = re.compile(rf"\b(?:href|src)\s*+=\s*+[\"']?+\s*+(?!{_ELSEWHERE})", re.IGNORECASE)


def may_link(text: str) -> bool:
    return ("[" in text and _MAY_LINK.search(text) is not None) or (
        "<" in text and _MAY_LINK_RAW.search(text) is not None
    )


# A link to another document or to the text's own page with a fragment that is not a
# message id (those hold a slash): one that may name a heading.
_MAY_LINK_HEADING = re.compile(
    rf"\]\(\s*<?(?!{_ELSEWHERE})[^)\s<>#]*#[^)\s>/]+[)\s>]|"
    rf"\]\(\s*<(?!{_ELSEWHERE})[^>#]*#[^>/]+>|"
    rf"\bhref\s*+=\s*+[\"']?+\s*+(?!{_ELSEWHERE})[^\"'\s>#]*#[^\"'\s>/]+|"
    rf"^ {{0,3}}\[[^\]]+\]:\s*<?(?!{_ELSEWHERE})[^\s>#]*#[^\s>/]+(?:\s|>|$)",
    re.MULTILINE,
)


def may_link_heading(text: str) -> bool:
    return "#" in text and _MAY_LINK_HEADING.search(text) is not None


def link_problems(text: str, links: Links) -> list[tuple[str, str, bool]]:
    """(what was written, message, whether it is an error) for each link in ``text`` that
    leads nowhere (an error) or maybe not where it says (a warning)."""
    found: list[tuple[str, str, bool]] = []
    _converters.linked.convert(
        text,
        links,
        "",
        lambda written, message: found.append((written, message, True)),
        lambda written, message: found.append((written, message, False)),
    )
    return found


def _demote(raw_html: str, by: int) -> str:
    """Narrative headings sit under the page's own sections: the narrative's top level,
    whether the rapporteur wrote ``#`` or ``##``, becomes ``<h3>`` with ``by=2``, and its
    levels stay consecutive below that, so the outline stays in order for screen readers
    (a plain shift turned the usual ``##`` into an ``<h4>`` right under an ``<h2>``)."""
    levels = sorted({int(m[2]) for m in _HEADING.finditer(raw_html)})
    rank = {level: min(6, 1 + by + i) for i, level in enumerate(levels)}
    return _HEADING.sub(lambda m: f"<{m[1]}h{rank[int(m[2])]}", raw_html)


def block(
    text: str,
    demote: int = 2,
    links: Links | None = None,
    lang: str = "",
    anchors: bool = False,
    owner: str = "",
) -> str:
    """A narrative: Markdown blocks to sanitised HTML with headings demoted. With
    ``links``, links between documents lead to ``lang``'s pages (see :func:`hrefs`). With
    ``anchors``, its headings get the ids that :func:`outline` gives, and it keeps the ids
    its writer gave that its page does not have: a page's own text. A text quoted in
    another place (a body's response) has no id but its footnotes', since two texts on one
    page could make the same id. Its footnotes' ids are named after ``owner``."""
    owner = _owner(text, owner)
    if links is None:
        return _unlinked_block(text, demote, lang, anchors, owner)
    key = ("block", text, demote, links.path, lang, anchors, owner)
    found = links.linker.memo.get(key)
    if found is None:
        found = links.linker.memo[key] = _block(text, demote, links, lang, anchors, owner)
    return found


# A text made without links, on every page of every build a process makes (the preview
# runs builds for hours): the most recent, not every text it ever saw.
@lru_cache(maxsize=1 << 16)
def _unlinked_block(text: str, demote: int, lang: str, anchors: bool, owner: str) -> str:
    return _block(text, demote, None, lang, anchors, owner)


def _block(
    text: str, demote: int, links: Links | None, lang: str, anchors: bool, owner: str
) -> str:
    safe = _sanitize(_demote(_convert(text, links, lang, owner), demote), links=links is not None)
    # Ids are settled on the sanitised HTML: what the reader gets, whatever the writer wrote
    # (id='x' in HTML, tags taken away with their ids).
    return headings.anchor(safe).html if anchors else headings.elsewhere(safe)[0]


# Cheap test for a text that may have a heading: ATX, setext or written in HTML.
_MAY_HEAD = re.compile(r"#|\n[=-]|<[hH][1-6]")


@lru_cache(maxsize=1 << 16)
def outline(text: str) -> tuple[headings.Heading, ...]:
    """The headings of a narrative, with the ids its page gives them: what a link's
    ``#fragment`` may name. Links in a heading change its target, never its text."""
    if not _MAY_HEAD.search(text):
        return ()
    return headings.anchor(_sanitize(_demote(_convert(text, None, ""), 2))).headings


def inline(text: str, links: Links | None = None, lang: str = "", owner: str = "") -> str:
    """One takeaway or call to action: Markdown to sanitised HTML without the outer <p>,
    and without ids but its footnotes' (it is shown on several pages); those are named
    after ``owner`` (its message's id)."""
    owner = _owner(text, owner)
    if links is None:
        return _unlinked_inline(text, lang, owner)
    key = ("inline", text, links.path, lang, owner)
    found = links.linker.memo.get(key)
    if found is None:
        found = links.linker.memo[key] = _inline(text, links, lang, owner)
    return found


@lru_cache(maxsize=1 << 16)
def _unlinked_inline(text: str, lang: str, owner: str) -> str:
    return _inline(text, None, lang, owner)


def _inline(text: str, links: Links | None, lang: str, owner: str) -> str:
    if not _SPECIAL.search(text):
        return html.escape(text, quote=False)
    out = _convert(text, links, lang, owner)
    if out.startswith("<p>") and out.endswith("</p>") and out.count("<p>") == 1:
        out = out[3:-4]
    return headings.elsewhere(_sanitize(_demote(out, 2), links=links is not None))[0]


# Cheap test for a text that may give an element an id: an attribute list or HTML.
_MAY_ID = re.compile(r"\{[^}\n]*#|\bid\s*=", re.IGNORECASE)
# Where a text gives an element an id, as Markdown (`{#id}`, `{: #id .class }`) or HTML.
_WRITTEN_ID = re.compile(
    r"\{:?[^}\n]*?#([^\s}]+)|\bid\s*=\s*(?:\"([^\"]*)\"|'([^']*)'|([^\s>]+))", re.IGNORECASE
)


# Where a text is shown: as its page's own (a report, a context, an outcome document's or
# a report-back's text), on several pages (a message, a track's narrative, a response), or
# as a free page (index.md: MkDocs renders it).
Place = Literal["own", "elsewhere", "free"]


def id_problems(text: str, place: Place) -> list[tuple[int, str]]:
    """(where in ``text``, message) for each id the text gives an element that its pages
    do not keep (:mod:`igfpub.core.headings`)."""
    # The pattern's two halves each need a character most texts lack: a regex search of
    # every text of an archive was a tenth of each build's loading.
    if not (("{" in text and "#" in text) or "=" in text) or not _MAY_ID.search(text):
        return []
    if place == "free":
        # As MkDocs renders it, its table of contents giving its headings their ids.
        _converters.page.reset()
        refused = headings.free_page(page(_converters.page.convert(text))).refused
    else:
        safe = _sanitize(_demote(_convert(text, None, ""), 2))
        refused = headings.anchor(safe).refused if place == "own" else headings.elsewhere(safe)[1]
    return [(_written_at(text, r.id, r.nth), r.message) for r in refused]


def _written_at(text: str, id_: str, nth: int) -> int:
    """Where ``text`` gives the ``nth`` element with the id ``id_`` its id; its start when
    that is not found (an id written with character references)."""
    found = [
        m.start()
        for m in _WRITTEN_ID.finditer(text)
        if html.unescape(next(v for v in m.groups() if v is not None)) == id_
    ]
    return found[min(nth, len(found) - 1)] if found else 0
