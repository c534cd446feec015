"""A Python-Markdown extension that resolves links between documents while the text is
converted (the model is mkdocs-autorefs: resolve once every page is known).

- Reference labels that name an id (``[the call][IGF2025-WS-142/cta-2]``,
  ``[IGF2025-WS-142][]``, ``[ITU][itu]``) become links; a label the text defines itself
  (``[itu]: https://...``) keeps its own target, as Markdown's own references come first.
- Every ``<a href>`` and ``<img src>`` is then looked up in a
  :class:`~igfpub.core.links.Linker` and written as the caller wants it (``rewrite``); a
  link that leads nowhere is told to ``report`` and left as written. Those of raw HTML,
  which Python-Markdown sets aside, go by the same rule (:mod:`igfpub.core.rawhtml`).
- On a free page, which MkDocs renders, a ``#fragment`` of the page itself is left to the
  end, when MkDocs' toc has given the page's headings their ids: one that names a heading
  of the page in another language's words becomes that heading's id here.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree
from collections.abc import Callable
from typing import Any
from urllib.parse import unquote

from markdown import Extension, Markdown
from markdown.preprocessors import Preprocessor
from markdown.treeprocessors import Treeprocessor

from igfpub.core.hostile import dangerous_url
from igfpub.core.links import Asset, Doubt, Linker, Missing, Target
from igfpub.core.rawhtml import ResolveRawHtml

# What a label produced by the id references below looks like in an href until the
# treeprocessor resolves it: a scheme no reader's browser knows, so it never leaks.
REF_SCHEME = "igfpub-ref:"
OWN_SCHEMES = ("igfpub:",)
# A label that can only mean an id (a document, a message or a body id): reported when
# it names nothing, unlike free prose in brackets.
ID_LABEL = re.compile(r"^[A-Za-z0-9][A-Za-z0-9-]*(?:/[A-Za-z]+-\d+)?$")

Report = Callable[[str, str], None]  # (what was written, message)


def ignore(written: str, message: str) -> None:
    """A report that goes nowhere: rendering, once `igfpub check` has told everything."""


class _References(dict[str, tuple[str, str]]):
    """Markdown's reference table, falling back to the ids of the archive."""

    def __init__(self, ext: LinkExtension) -> None:
        super().__init__()
        self.ext = ext
        self.asked: list[str] = []  # labels looked up that named nothing

    def __contains__(self, label: object) -> bool:
        if dict.__contains__(self, label):
            return True
        if isinstance(label, str) and self.ext.linker.reference(label) is not None:
            return True
        if isinstance(label, str):
            self.asked.append(label)
        return False

    def __getitem__(self, label: str) -> tuple[str, str]:
        if dict.__contains__(self, label):
            return dict.__getitem__(self, label)
        return f"{REF_SCHEME}{label}", ""


class _Resolve(Treeprocessor):
    def __init__(self, md: Markdown, ext: LinkExtension) -> None:
        super().__init__(md)
        self.ext = ext

    def run(self, root: etree.Element) -> None:
        ext = self.ext
        linker = ext.linker
        for a in root.iter("a"):
            href = a.get("href")
            if href is None or a.get("class", "").startswith("footnote-"):
                continue  # footnotes' own links: each text's own (markup._own_footnotes)
            _set(a, "href", ext.href(href))
        for img in root.iter("img"):
            src = img.get("src")
            if src is not None:
                _set(img, "src", ext.src(src))
        refs = self.md.references
        if isinstance(refs, _References):
            for label in refs.asked:
                as_written = (
                    _written_as_reference(ext.text, label) if ID_LABEL.match(label) else None
                )
                if as_written and not linker.faulty_reference(label):
                    ext.report(
                        as_written,
                        f"link to [{as_written}]: no document, message or body has that id",
                    )


# What a URL taken out of a link or an image becomes in the tree: MkDocs' own relpath
# treeprocessor wants every <a> and <img> to have one, and leaves a URL with a scheme
# alone; the sanitiser takes out a scheme it does not know (igfpub.core.markup).
NOWHERE = "igfpub-nowhere:"


def _set(element: etree.Element, attribute: str, value: str | None) -> None:
    element.set(attribute, NOWHERE if value is None else value)


_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})


class _FreePageHere(Treeprocessor):
    """A free page's ``#fragment`` that names no id of the page but a heading of its text
    in another language (a translation keeps its source's links) or form (``#Über-uns``,
    ``#über-uns`` for MkDocs' ``uber-uns``): the id MkDocs gave that heading here."""

    def __init__(self, md: Markdown, ext: LinkExtension) -> None:
        super().__init__(md)
        self.ext = ext

    def run(self, root: etree.Element) -> None:
        links = [
            a
            for a in root.iter("a")
            if a.get("href", "").startswith("#") and not a.get("class", "").startswith("footnote-")
        ]
        if not links:
            return
        ids = {el.get("id") for el in root.iter() if el.get("id")}
        here = [str(el.get("id")) for el in root.iter() if el.tag in _HEADINGS and el.get("id")]
        for a in links:
            fragment = unquote(a.get("href", "")[1:])
            if fragment in ids:
                continue
            found = self.ext.linker.free_page_heading(fragment, self.ext.path, here)
            if found is not None:
                a.set("href", f"#{found}")


def _written_as_reference(text: str, label: str) -> str | None:
    """The label as written in ``[x][label]`` or ``[label][]`` (a bare ``[label]`` is
    prose, not a link)."""
    low = text.lower()
    for before, after in (("][", "]"), ("[", "][]")):
        at = low.find(f"{before}{label}{after}")
        if at != -1:
            return text[at + len(before) : at + len(before) + len(label)]
    return None


class LinkExtension(Extension):
    """Resolve links in a text written in the content file ``path``."""

    def __init__(
        self,
        linker: Linker,
        path: str,
        rewrite: Callable[[Target], str],
        report: Report | None = None,
        free_pages: bool = False,
        **kwargs: Any,
    ) -> None:
        super().__init__(**kwargs)
        # Whether the texts are free pages, rendered by MkDocs (its toc names headings).
        self.free_pages = free_pages
        self.linker = linker
        self.path = path
        self.rewrite = rewrite
        self.report: Report = report or ignore
        # A link that leads to its page but maybe not to the place it names.
        self.warn: Report = ignore
        # How to write a link to a file of the content folder (an image, a download: a
        # text is shown on pages at other addresses than its file), given its URL from the
        # site root; None: left as written (MkDocs resolves it on a free page's own page).
        self.rewrite_asset: Callable[[str], str] | None = None
        # How to write a link of raw HTML, which nothing resolves after this extension (as
        # MkDocs does a free page's Markdown links); None: as a link Markdown made.
        self.rewrite_raw: Callable[[Target | Asset], str] | None = None
        self.text = ""

    # -- one rule for every link of a text, whether Markdown made it or it is raw HTML ----
    def href(self, href: str, tag: str = "") -> str | None:
        """What a link's ``href`` written in the text becomes: where it leads, written as
        the caller wants it, or as written (another site, or a link that leads nowhere,
        which is reported); None: no link at all (a URL a browser would run, however it is
        written, or one only igfpub writes). ``tag``: the raw HTML tag that holds it, as
        written, which is also where a report points."""
        if href.lower().startswith(OWN_SCHEMES) or dangerous_url(href):
            # Neutralised, never a link that leads nowhere ("jav&#x09;ascript:" has no
            # scheme to urlsplit): `igfpub check` warns of it (igfpub.core.hostile).
            return None
        found: Target | Asset | Missing | Doubt | None
        if href.startswith(REF_SCHEME):
            found = self.linker.reference(href[len(REF_SCHEME) :])
        else:
            found = self.linker.link(href, self.path)
        # What a report points at: a reference's label, or the raw HTML tag.
        written = tag or href.removeprefix(REF_SCHEME)
        if isinstance(found, Target):
            if found.doubt:
                self.warn(written, found.doubt)
            return self._written(found, bool(tag)) or href
        if isinstance(found, Missing):
            self.report(written, found.message)
        elif isinstance(found, Doubt):
            self.warn(written, found.message)
        elif isinstance(found, Asset):
            return self._written(found, bool(tag)) or href
        return href

    def src(self, src: str, tag: str = "") -> str | None:
        """What an image's ``src`` becomes, as :meth:`href` says."""
        if src.lower().startswith(OWN_SCHEMES) or dangerous_url(src):
            return None
        found = self.linker.link(src, self.path, file=True)
        if isinstance(found, Missing):
            self.report(tag or src, found.message)
        elif isinstance(found, Asset):
            return self._written(found, bool(tag)) or src
        return src

    def _written(self, found: Target | Asset, raw: bool) -> str | None:
        """None: left as written (MkDocs resolves a free page's Markdown images)."""
        if raw and self.rewrite_raw is not None:
            return self.rewrite_raw(found)
        if isinstance(found, Target):
            return self.rewrite(found)
        return self.rewrite_asset(found.url) if self.rewrite_asset is not None else None

    def _raw(self, attribute: str, value: str, tag: str) -> str | None:
        return self.href(value, tag) if attribute == "href" else self.src(value, tag)

    def extendMarkdown(self, md: Markdown) -> None:
        md.references = _References(self)
        # After inline patterns (20) have made the links, before MkDocs' own relpath (0).
        md.treeprocessors.register(_Resolve(md, self), "igfpub_links", 10)
        if self.free_pages:
            # After toc (5) has given headings their ids, before MkDocs' relpath (0).
            md.treeprocessors.register(_FreePageHere(md, self), "igfpub_links_here", 4)
        md.preprocessors.register(_Remember(md, self), "igfpub_links_text", 100)
        # Before raw_html (30) puts the raw HTML back, as written, into the text.
        md.postprocessors.register(ResolveRawHtml(md, self._raw), "igfpub_raw_links", 35)


class _Remember(Preprocessor):
    """Keeps the source text, to tell ``[x][id]`` from prose in brackets."""

    def __init__(self, md: Markdown, ext: LinkExtension) -> None:
        super().__init__(md)
        self.ext = ext

    def run(self, lines: list[str]) -> list[str]:
        self.ext.text = "\n".join(lines)
        if isinstance(self.md.references, _References):
            self.md.references.asked.clear()
        return lines
