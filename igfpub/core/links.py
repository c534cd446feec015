"""Links between documents: where a link written in a content file leads.

A Markdown text links another content file by its path relative to the file, as MkDocs
users do (``../../sessions/2024/igf2024-dc-dcad.md#frag``, ``editions/2025.md``), a
published page by its path (``editions/2025/``), or names an id as a reference label
(``[the call][IGF2025-WS-142/cta-2]``, ``[IGF2025-WS-142][]``, ``[ITU][itu]``). Resolving
gives the target page's URL in every language; what does not exist is a :class:`Missing`
that says why. A link to a place on the text's own page (``#next-steps``) is resolved
against that page, as a link to another document's heading is: a translation keeps its
source's fragments, and its page names the headings in its own words. Links to other
sites and site-absolute paths are not this module's business: :meth:`Linker.link`
returns ``None`` for them.

Ids are matched without regard to case, as Markdown matches reference labels and as the
URL contract lower-cases ids; a message fragment is written back in its exact case,
because HTML ids are case-sensitive.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from urllib.parse import unquote, urlsplit

from markdown.extensions.toc import slugify, unique

from igfpub.core import urls
from igfpub.core.headings import Heading, find, page_id
from igfpub.core.languages import Languages, split_suffix
from igfpub.core.model import Corpus, Localized
from igfpub.core.pages import document_url, plan

# Folders igfpub reads as data (the loader's DATA_SECTIONS and registry/): nothing else
# in them is published.
_DATA_FOLDERS = frozenset({"editions", "sessions", "messages", "bodies", "registry"})


@dataclass(frozen=True)
class Target:
    """A page of the site (and maybe a place on it) in every language."""

    urls: tuple[tuple[str, str], ...]  # (language, URL relative to the site root)
    src: str  # the page's file for MkDocs: "about.md", or a generated "editions/2025/index.md"
    fragment: str = ""
    # (language, fragment) where the page in that language names the place otherwise: a
    # heading's id is slugged from its text, which each language writes in its own words.
    fragments: tuple[tuple[str, str], ...] = ()
    # What the writer should be warned of: a fragment that names nothing known on the page.
    # The link is still written (the page may hold an id igfpub does not know of, and
    # MkDocs too only reports unknown anchors).
    doubt: str = ""

    def url(self, lang: str) -> str:
        by_lang = dict(self.urls)
        url = by_lang.get(lang, self.urls[0][1])
        fragment = self.fragment_in(lang)
        return f"{url}#{fragment}" if fragment else url

    def fragment_in(self, lang: str) -> str:
        """The fragment on the page in ``lang``."""
        return dict(self.fragments).get(lang, self.fragment)

    def with_fragment(self, fragment: str, fragments: tuple[tuple[str, str], ...] = ()) -> Target:
        return Target(self.urls, self.src, fragment, fragments)


@dataclass(frozen=True)
class Asset:
    """A file of the content folder that MkDocs publishes (an image, a download)."""

    url: str  # from the site root, as written (escapes, query and fragment kept)


@dataclass(frozen=True)
class Missing:
    """A link that leads nowhere, and what the writer should be told."""

    message: str


@dataclass(frozen=True)
class Doubt:
    """A link to a place on a free page, left as written (MkDocs renders the page and
    gives its headings their ids), that names no place igfpub knows of there: what the
    writer should be warned of."""

    message: str


# Ids a text gives elements itself: an attribute list (`{#id}`, `{: #id .class}`) or HTML.
_WRITTEN_ID = re.compile(r"\{:?[^}\n]*?#([^\s}]+)[^}\n]*\}|\bid\s*=\s*[\"']([^\"']+)[\"']")


def _written_ids(texts: Iterable[str]) -> frozenset[str]:
    """The ids ``texts`` give elements themselves: a fragment may name one of them."""
    return frozenset(m[1] or m[2] for text in texts for m in _WRITTEN_ID.finditer(text))


# The ids Python-Markdown's footnotes give their notes and references (fn:1, fnref:1,
# fnref2:1): each text's own (igfpub.core.markup._own_footnotes), written as they are.
_FOOTNOTE = re.compile(r"fn(?:ref\d*)?:")


def free_page_url(rel: str, files: bool = False) -> str:
    """The URL MkDocs gives a free page with directory URLs: ``about.md`` -> ``about/``,
    ``index.md`` -> ``""``, ``help/index.md`` -> ``help/``. ``files``: the site's
    (``use_directory_urls: false``), where MkDocs writes ``about.md`` as ``about.html``
    and no folder ``about/`` exists; an index page is still its folder's index.html."""
    stem = rel[: -len(".md")]
    if stem == "index":
        return ""
    if stem.endswith("/index"):
        return stem[: -len("index")]
    return f"{stem}.html" if files else f"{stem}/"


def free_page_files(pages: Iterable[str]) -> list[str]:
    """The files that MkDocs writes the free pages ``pages`` (content paths, translations
    included) to on a site that links files, other than a folder's index.html, relative to
    each language's folder: ``about.md`` and ``about.fr.md`` give ``about.html``. The
    steps that read every page after the build look for them beside the index.html files."""
    found = set()
    for page in pages:
        url = free_page_url(_source_of(page), files=True)
        if url.endswith(".html"):
            found.add(url)
    return sorted(found)


def _source_of(page: str) -> str:
    """The source of a free page's file: ``about.fr.md`` -> ``about.md``."""
    stem, lang = split_suffix(posixpath.basename(page))
    return posixpath.join(posixpath.dirname(page), f"{stem}.md") if lang else page


def _all_languages(languages: Languages, neutral: str) -> tuple[tuple[str, str], ...]:
    return tuple((lang, languages.prefix(lang) + neutral) for lang in languages)


REPORT_OWNER = "report:"
EDITION_OWNER = "edition:"
FREE_PAGE_OWNER = "page:"


def report_owner(body_id: str) -> str:
    """How :attr:`Linker.heading_targets` names a body's report-back (a document id has
    no colon)."""
    return REPORT_OWNER + body_id


def edition_owner(year: int) -> str:
    """How :attr:`Linker.heading_targets` names an edition's outcome document text."""
    return f"{EDITION_OWNER}{year}"


def free_page_owner(src: str) -> str:
    """How :attr:`Linker.heading_targets` names a free page, by its source's path."""
    return FREE_PAGE_OWNER + src


class Linker:
    """Every link target of a corpus: files, pages and ids."""

    def __init__(
        self,
        corpus: Corpus | None = None,
        assets: frozenset[str] | None = None,
        outline: Callable[[str], Sequence[Heading]] | None = None,
        faulty: frozenset[str] = frozenset(),
        faulty_ids: frozenset[str] = frozenset(),
        *,
        file_urls: bool = False,
    ) -> None:
        # Whether the site links pages by their files (use_directory_urls: false): a free
        # page is then its .html file (free_page_url), and only there. igfpub's own pages
        # keep the contract's folder addresses; pages link their index.html (the MkDocs
        # adapter's business).
        self._file_urls = file_urls
        # Other files of the content folder that MkDocs publishes (images, downloads), when
        # known: a link to one that is not there is then a problem too.
        self._assets = assets
        # Content files with errors of their own, which may have kept them out of the
        # corpus: a link to one is not also said to lead to no file.
        self._faulty = faulty
        # The same files' ids, lower-cased (loader._faulty_ids): a reference to one, or to
        # one of its messages, is not also said to name nothing.
        self._faulty_ids = faulty_ids
        # The headings of a Markdown text (igfpub.core.markup.outline: the converter lives
        # there), and each generated page's own text by the page's source: what a
        # `#fragment` may name besides a message.
        self._outline = outline
        # (text, its owner: a document's id, or report_owner() or edition_owner())
        self._texts: dict[str, tuple[Localized, str]] = {}
        # Free pages' texts in every language, by the source's path.
        self._free_texts: dict[str, Localized] = {}
        self._languages: Languages | None = None
        # The documents and reports whose headings a resolved fragment was looked for in.
        self.heading_targets: set[str] = set()
        # The documents a link resolved to (by id, path or page), and each document's by
        # its page: a link's address changes with its document's (igfpub.core.inputs).
        self.linked_docs: set[str] = set()
        self._doc_pages: dict[str, str] = {}
        # Published pages by their URL in the source language (their language-neutral key).
        self._pages: dict[str, Target] = {}
        # Content files (sources and their translations) by path.
        self._files: dict[str, Target] = {}
        # Messages: lower-cased id -> (exact id, the document's page).
        self._messages: dict[str, tuple[str, str]] = {}
        # Documents and bodies by lower-cased id.
        self._ids: dict[str, Target] = {}
        # Texts made with links to these targets (igfpub.core.markup.block, inline): kept
        # with them, not in a module's cache, where each build's texts kept its linker,
        # and so its whole corpus, for as long as the process ran (the preview: a corpus
        # more at every save).
        self.memo: dict[tuple[object, ...], str] = {}
        if corpus is not None:
            self._add_corpus(corpus)

    def _add_corpus(self, corpus: Corpus) -> None:
        languages = self._languages = corpus.languages
        for spec in plan(corpus):
            neutral = spec.urls.get(languages.source, "")
            neutral = neutral.removeprefix(languages.prefix(languages.source))
            self._pages[neutral] = Target(
                tuple((lang, spec.urls[lang]) for lang in languages if lang in spec.urls),
                f"{neutral}index.md",
            )
        self._free_texts = {rel: page.text.body for rel, page in corpus.free_pages.items()}
        for page in corpus.pages:
            source = _source_of(page)
            target = Target(
                _all_languages(languages, free_page_url(source, self._file_urls)), source
            )
            self._files[page] = target
            # By its address as written with directory URLs (``about/``), on any site.
            self._pages.setdefault(free_page_url(source), target)
        for ed in corpus.editions.values():
            page = urls.edition(languages.source, ed.edition)
            self._add_file(ed.source.path, page, languages)
            self._add_text(page, ed.text.body, edition_owner(ed.edition))
        for doc in corpus.documents():
            page = document_url(languages.source, doc).removeprefix(
                languages.prefix(languages.source)
            )
            self._add_file(doc.source.path, page, languages)
            self._add_text(page, doc.text.body, doc.id)
            if page in self._pages:
                self._ids[doc.id.lower()] = self._pages[page]
                self._doc_pages[self._pages[page].src] = doc.id
            for m in doc.messages:
                self._messages[m.id.lower()] = (m.id, page)
        for body_id in corpus.bodies:
            page = urls.body(languages.source, body_id).removeprefix(
                languages.prefix(languages.source)
            )
            if page in self._pages:
                self._ids.setdefault(body_id.lower(), self._pages[page])
                # `bodies/itu.md` is where the body's report-back would be written: the
                # body's page exists whether or not it has reported back yet.
                self._files.setdefault(f"bodies/{body_id}.md", self._pages[page])
        for report in corpus.reports.values():
            self._add_file(report.source.path, f"bodies/{report.body}/", languages)
            self._add_text(f"bodies/{report.body}/", report.text, report_owner(report.body))

    def _add_text(self, page: str, text: Localized, owner: str) -> None:
        if page in self._pages:
            self._texts[self._pages[page].src] = (text, owner)

    def _add_file(self, source: str, page: str, languages: Languages) -> None:
        target = self._pages.get(page)
        if target is None:
            return
        self._files[source] = target
        folder = posixpath.dirname(source)
        stem = posixpath.basename(source)[: -len(".md")]
        for lang in languages.translations:
            self._files[posixpath.join(folder, f"{stem}.{lang}.md")] = target

    # -- resolving -----------------------------------------------------------------------
    def reference(self, label: str) -> Target | None:
        """What an id used as a reference label names: a document, a message, a body."""
        key = label.strip().lower()
        if key in self._ids:
            return self._linked(self._ids[key])
        if key in self._messages:
            exact, page = self._messages[key]
            return self._linked(self._pages[page]).with_fragment(exact)
        return None

    def _linked(self, target: Target) -> Target:
        doc = self._doc_pages.get(target.src)
        if doc is not None:
            self.linked_docs.add(doc)
        return target

    def faulty_reference(self, label: str) -> bool:
        """Whether ``label`` names a document left out for errors of its own, or one of its
        messages."""
        return label.strip().partition("/")[0].lower() in self._faulty_ids

    def _case_of(self, path: str) -> str:
        """A hint where ``path`` names a content file but for its case: ids are read in any
        case, and a link to ``igf2026-ws-5.md`` for ``IGF2026-WS-5.md`` looks right."""
        folded = path.casefold()
        same = sorted(f for f in self._files if f.casefold() == folded)
        return f"; did you mean {same[0]}?" if same else ""

    def link(
        self, href: str, from_path: str, file: bool = False
    ) -> Target | Asset | Missing | Doubt | None:
        """Where ``href``, written in the content file ``from_path``, leads: a page, or a
        file of the content folder (an image, a download: a text is shown on pages at other
        addresses than its file, where the path as written would lead elsewhere), or a place
        on the text's own page (``#next-steps``: :meth:`_here`); ``None`` when it is none of
        these (another site, a path out of the content folder). ``file``: a file is meant
        (an image's ``src``), which a path without an extension may name too."""
        parts = urlsplit(href)
        if href.startswith("#") and parts.fragment:
            return self._here(unquote(parts.fragment), from_path, href)
        if parts.scheme or parts.netloc or not parts.path or href.startswith(("/", "\\")):
            return None
        path = unquote(parts.path)
        joined = posixpath.normpath(posixpath.join(posixpath.dirname(from_path), path))
        if path.endswith(".md"):
            target = self._files.get(joined)
            if target is None and joined in self._faulty:
                return None
            if target is None:
                return Missing(
                    f"link to {href!r}: there is no content file {joined}{self._case_of(joined)}"
                )
        else:
            key = "" if joined == "." else joined.rstrip("/") + "/"
            target = self._pages.get(key)
            if target is None:
                # A path without an extension names a page (MkDocs refuses it in strict
                # mode too); one with an extension is an image or a download: MkDocs' business.
                if path.endswith("/") or key == "" or not (file or posixpath.splitext(joined)[1]):
                    return Missing(f"link to {href!r}: no page is published at {key or '/'}")
                if self._assets is not None and joined not in self._assets:
                    return Missing(f"link to {href!r}: there is no file {joined}")
                if self._assets is not None and joined.split("/", 1)[0] in _DATA_FOLDERS:
                    return Missing(
                        f"link to {href!r}: files in {joined.split('/', 1)[0]}/ are not "
                        "published (igfpub reads that folder as data); put it in another folder"
                    )
                written = posixpath.normpath(
                    posixpath.join(posixpath.dirname(from_path), parts.path)
                )
                if written.startswith("../"):
                    return None
                return Asset(written + href[href.find(parts.path) + len(parts.path) :])
        self._linked(target)
        if not parts.fragment:
            return target
        return self._fragment(target, unquote(parts.fragment), href)

    def _here(self, fragment: str, from_path: str, href: str) -> Target | Doubt | Missing | None:
        """A ``#fragment`` alone: a place on the page of the text's own document (a
        takeaway's session, a report-back's body), in the words of whichever language
        the text was written in. The text is shown on other pages too (a call to action
        on its body's page, in feeds and briefs), where the link leads to its page."""
        target = self._files.get(from_path)
        if target is None or _FOOTNOTE.match(fragment):
            return None
        if target.src not in self._texts:
            return self._free_page_here(target, fragment, href)
        owner = self._texts[target.src][1]
        if "/" in fragment and ":" in owner:
            # An edition's or a body's page shows the messages of many documents.
            found = self._messages.get(fragment.lower())
            if found is not None:
                return target.with_fragment(found[0])
            if self.faulty_reference(fragment):
                return None
            return Missing(f"link to {href!r}: no message has the id {fragment}")
        return self._fragment(target, fragment, href, "this page")

    def _free_page_here(self, target: Target, fragment: str, href: str) -> Doubt | None:
        """On a free page, whose headings MkDocs names (its toc, after this check), a
        fragment is left as written: a problem only when it names no heading of any
        language's text of the page (the link extension then makes it the heading's id
        on each language's page, see :meth:`free_page_heading`)."""
        text = self._free_texts.get(target.src)
        if text is None or self._outline is None or page_id(fragment) is not None:
            return None
        outlines = [self._outline(value) for value in text.values.values()]
        if any(_free_page_find(fragment, o) is not None for o in outlines):
            return None
        if fragment in _written_ids(text.values.values()):
            return None
        known = sorted({h for o in outlines for h in _mkdocs_ids(o)})
        return Doubt(_no_heading(href, "this page", fragment, known))

    def free_page_heading(self, fragment: str, from_path: str, here: Sequence[str]) -> str | None:
        """The id that the free page of ``from_path``, whose headings have the ids
        ``here`` (MkDocs' toc gave them), gives the heading that ``fragment`` names in
        the page's text in any language; None when that is not known."""
        target = self._files.get(from_path)
        text = self._free_texts.get(target.src) if target is not None else None
        if text is None or self._outline is None:
            return None
        for value in text.values.values():
            headings = self._outline(value)
            position = _free_page_find(fragment, headings)
            # A text with other headings than this page's: which of them is meant is not known.
            if position is not None and len(headings) == len(here):
                return here[position]
        return None

    def _fragment(
        self, target: Target, fragment: str, href: str, page: str = "that page"
    ) -> Target | Missing:
        if "/" not in fragment:
            return self._heading(target, fragment, href, page)
        # A message anchor: it must be a message of that very page.
        found = self._messages.get(fragment.lower())
        if found is None or self._pages.get(found[1]) != target:
            if page == "this page" and found is not None:
                return Missing(
                    f"link to {href!r}: this page has no message {fragment}; "
                    f"link it as [...][{found[0]}]"
                )
            return Missing(f"link to {href!r}: {page} has no message {fragment}")
        return target.with_fragment(found[0])

    def _heading(self, target: Target, fragment: str, href: str, page: str) -> Target:
        """A fragment that names a heading of the page's text, in whatever language or
        form it was written, becomes that heading's id on each language's page; one that
        names a section of the page, that section's id."""
        free = self._free_texts.get(target.src)
        if free is not None and self._outline is not None and self._languages is not None:
            return self._free_page_heading(target, free, fragment, href, page)
        own = page_id(fragment)
        if own is not None:
            return target.with_fragment(own)
        found_text = self._texts.get(target.src)
        if found_text is None or self._outline is None or self._languages is None:
            return target.with_fragment(fragment)
        text, owner = found_text
        if owner:
            self.heading_targets.add(owner)
        return self._by_position(target, text, fragment, href, page, find, _own_ids)

    def _free_page_heading(
        self, target: Target, text: Localized, fragment: str, href: str, page: str
    ) -> Target:
        """:meth:`_heading` on a free page, whose headings MkDocs names (:func:`_mkdocs_ids`)
        after its own words in each language: a translation's ``## Report template`` is
        ``#report-template`` where the source's ``## Modelo de relato`` is
        ``#modelo-de-relato``. A language without a translation shows the source, and
        its ids."""
        self.heading_targets.add(free_page_owner(target.src))
        # A section of igfpub's pages is checked after the headings: a free page shows
        # none of them, and a heading may say what one of them is called.
        return self._by_position(
            target, text, fragment, href, page, _free_page_find, _mkdocs_ids, page_id
        )

    def _by_position(
        self,
        target: Target,
        text: Localized,
        fragment: str,
        href: str,
        page: str,
        finder: Callable[[str, Sequence[Heading]], int | None],
        ids: Callable[[Sequence[Heading]], list[str]],
        section: Callable[[str], str | None] = lambda fragment: None,
    ) -> Target:
        """The heading ``fragment`` names in any language's version of ``text``, by its
        place: the id (``ids``) of the heading in that place on each language's page."""
        assert self._outline is not None and self._languages is not None
        outlines = {lang: self._outline(value) for lang, value in text.values.items()}
        found = next(
            ((o, p) for o in outlines.values() if (p := finder(fragment, o)) is not None), None
        )
        if found is None:
            own = section(fragment)
            if own is not None:
                return target.with_fragment(own)
            if fragment in _written_ids(text.values.values()):
                return target.with_fragment(fragment)
            known = sorted({i for o in outlines.values() for i in ids(o)})
            return replace(
                target.with_fragment(fragment), doubt=_no_heading(href, page, fragment, known)
            )
        named, position = found
        by_lang = []
        for lang in self._languages:
            shown = outlines.get(lang, outlines[self._languages.source])
            # A translation whose headings are not those of the text the fragment named
            # gets the id from that text: which of its headings is meant is not known.
            if len(shown) == len(named):
                by_lang.append((lang, ids(shown)[position]))
        return target.with_fragment(ids(named)[position], tuple(by_lang))


def _no_heading(href: str, page: str, fragment: str, known: Sequence[str]) -> str:
    return f"link to {href!r}: {page} has no heading or section {fragment!r}" + (
        f" (its headings: {', '.join(known[:6])})" if known else ""
    )


def _own_ids(headings: Sequence[Heading]) -> list[str]:
    """The ids igfpub gives a text's headings (:func:`igfpub.core.headings.outline`)."""
    return [heading.id for heading in headings]


def _mkdocs_ids(headings: Sequence[Heading]) -> list[str]:
    """The ids MkDocs' toc gives a free page's headings by default: the writer's where it
    gave one (``## Contact {#contact-us}``), else ASCII slugs (``Über uns`` is
    ``uber-uns``) unique on the page, past the writer's ids too."""
    used = {heading.id for heading in headings if heading.written}
    return [
        heading.id if heading.written else unique(slugify(heading.text, "-"), used)
        for heading in headings
    ]


def _free_page_find(fragment: str, headings: Sequence[Heading]) -> int | None:
    """:func:`find`, also knowing the ids MkDocs gives a free page's headings."""
    position = find(fragment, headings)
    if position is None and fragment in (ids := _mkdocs_ids(headings)):
        position = ids.index(fragment)
    return position
