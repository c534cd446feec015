"""HTML to PDF with WeasyPrint: the only module that imports it.

Every PDF is tagged PDF/UA-1 (structure tree, ``/Lang`` from ``<html lang>``, title from
``<title>``), uses Noto from Debian's font packages (:mod:`igfpub.printfonts`, embedded as
subsets), reads nothing but local files under the folders it is given, and is
byte-for-byte the same for the same input: dates come from ``dcterms`` metas, the file
identifier is a hash of the content, and no variant that writes random ids (PDF/X-4) is used.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit
from urllib.request import url2pathname

import pydyf  # type: ignore[import-untyped]
import weasyprint.pdf
from weasyprint import CSS, HTML, URLFetcher
from weasyprint.document import Document
from weasyprint.pdf import tags
from weasyprint.text.fonts import FontConfiguration

from igfpub.pdftags import fix_lists
from igfpub.printfonts import check_fonts

VARIANT = "pdf/ua-1"


def _tag_language_changes() -> None:
    """Give structure elements the ``/Lang`` of their HTML element.

    PDF/UA wants every change of language declared, so that a screen reader switches
    voice for the English that stands in for a missing translation. WeasyPrint 70 sets only
    the document's ``/Lang``; its tag builder is one recursive function, wrapped here. (The
    version is pinned exactly in pyproject.toml; tests/test_briefs.py checks the result.)
    """
    build = tags._build_box_tree
    if getattr(build, "igfpub", False):
        return

    def build_with_lang(box: Any, parent: Any, *args: Any) -> Iterator[Any]:
        lang = None
        if box.element is not None and box.element_tag not in ("html", "body"):
            lang = box.element.get("lang")
        for element in build(box, parent, *args):
            if lang and "Lang" not in element:
                element["Lang"] = pydyf.String(lang)
            yield element

    build_with_lang.igfpub = True  # type: ignore[attr-defined]
    tags._build_box_tree = build_with_lang


_tag_language_changes()


def _repair_list_tags() -> None:
    """Run :func:`igfpub.pdftags.fix_lists` on every tree WeasyPrint tags, before it is
    written (weasyprint.pdf calls ``add_tags`` by its module-level name)."""
    add_tags = weasyprint.pdf.add_tags
    if getattr(add_tags, "igfpub", False):
        return

    def add_tags_then_fix(pdf: Any, *args: Any) -> None:
        add_tags(pdf, *args)
        fix_lists(pdf)

    add_tags_then_fix.igfpub = True  # type: ignore[attr-defined]
    weasyprint.pdf.add_tags = add_tags_then_fix


_repair_list_tags()

# What a glyph that shares its characters with the glyph before it maps to (see below).
NO_TEXT = "\u2060"  # WORD JOINER: invisible, and splits no word in extracted text


def _map_every_glyph() -> None:
    """Give every glyph a non-empty Unicode mapping.

    When shaping turns a cluster into several glyphs (a Devanagari vowel sign drawn before
    its consonant, say), WeasyPrint maps the whole cluster to the first glyph and the others
    to nothing: an empty ``ToUnicode`` entry, which PDF/UA forbids
    (PDFUA1-FONT-UNICODE-MAPPING-001). Those glyphs map to an invisible character instead.
    """
    build = weasyprint.pdf.build_fonts_dictionary
    if getattr(build, "igfpub", False):
        return

    def build_with_full_maps(pdf: Any, fonts: Any, *args: Any) -> Any:
        for font in fonts.values():
            for glyph, text in font.to_unicode.items():
                if not text:
                    font.to_unicode[glyph] = NO_TEXT
        return build(pdf, fonts, *args)

    build_with_full_maps.igfpub = True  # type: ignore[attr-defined]
    weasyprint.pdf.build_fonts_dictionary = build_with_full_maps


_map_every_glyph()


class LocalFetcher(URLFetcher):  # type: ignore[misc]
    """Fetches ``file:`` URLs under the given folders and refuses everything else.

    Content is data: a Markdown image pointing at a tracker or at ``/etc/passwd`` must not
    be fetched while printing. Refusals are recorded for the build report; WeasyPrint then
    renders without the resource.
    """

    def __init__(self, roots: Sequence[Path], site: tuple[str, Path] | None = None) -> None:
        super().__init__(allowed_protocols={"file"}, allow_redirects=False)
        self.roots = [r.resolve() for r in roots]
        self.refused: list[str] = []
        # (the site's URL, its folder): a PDF names the site's files by their address,
        # since it travels without the site (an image of a takeaway); they are read here.
        self.site = site

    def allows(self, url: str) -> bool:
        parts = urlsplit(url)
        if parts.scheme != "file" or parts.netloc not in ("", "localhost"):
            return False
        path = Path(url2pathname(parts.path)).resolve()
        return any(path.is_relative_to(root) for root in self.roots)

    def fetch(self, url: str, headers: object = None) -> object:
        if self.site is not None and self.site[0] and url.startswith(self.site[0]):
            rest = urlsplit(url[len(self.site[0]) :]).path
            url = (self.site[1] / url2pathname(rest)).resolve().as_uri()
        if not self.allows(url):
            self.refused.append(url)
            raise ValueError(f"igfpub fetches only local files of the site: {url}")
        return super().fetch(url, headers)


@dataclass
class Rendered:
    data: bytes
    pages: int
    shown: int | None = None  # briefs: how many messages fitted
    notes: list[str] = field(default_factory=list)  # refused URLs, WeasyPrint's warnings


class BriefTooLong(Exception):
    """Even the brief's header alone does not fit in its page limit."""


@contextmanager
def _fixed_font_dates() -> Iterator[None]:
    """WeasyPrint saves some embedded fonts again through fontTools (an emoji font without
    its colour tables, a variable font made static), which stamps the font's ``head``
    table with the time of the build unless ``SOURCE_DATE_EPOCH`` is set: two builds of a
    brief with an emoji gave different PDFs. Set for the writing only, and put back."""
    before = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = "0"
    try:
        yield
    finally:
        if before is None:
            del os.environ["SOURCE_DATE_EPOCH"]
        else:
            os.environ["SOURCE_DATE_EPOCH"] = before


class Printer:
    """Holds what every document of a process shares: fonts and the parsed stylesheet."""

    def __init__(
        self, stylesheet: Path, roots: Sequence[Path], site: tuple[str, Path] | None = None
    ) -> None:
        check_fonts()
        self.base_url = stylesheet.resolve().parent.as_uri() + "/"
        self.fetcher = LocalFetcher(roots, site)
        self.notes = _Notes()
        weasyprint_log = logging.getLogger("weasyprint")
        for old in [h for h in weasyprint_log.handlers if isinstance(h, _Notes)]:
            weasyprint_log.removeHandler(old)
        weasyprint_log.addHandler(self.notes)
        weasyprint_log.propagate = False
        self.fonts = FontConfiguration()
        self.css = CSS(
            string=stylesheet.read_text(encoding="utf-8"),
            base_url=self.base_url,
            url_fetcher=self.fetcher,
            font_config=self.fonts,
        )

    def layout(self, html: str) -> Document:
        return HTML(string=html, base_url=self.base_url, url_fetcher=self.fetcher).render(
            stylesheets=[self.css], font_config=self.fonts, pdf_variant=VARIANT
        )

    def write(self, document: Document) -> Rendered:
        meta = document.metadata
        # Only the document symbol goes to the Info dictionary as custom metadata (as
        # /Identifier); other metas of the page are not publication metadata.
        symbol = meta.custom.get("dcterms.identifier")
        meta.custom = {"Identifier": symbol} if symbol else {}
        with _fixed_font_dates():
            data = document.write_pdf(
                pdf_variant=VARIANT, pdf_identifier=True, custom_metadata=bool(symbol)
            )
        # WeasyPrint also logs each refusal ("Failed to load image at ..."): say it once.
        # A refused image is refused again in every layout of a fit: say that once too.
        refused = list(dict.fromkeys(self.fetcher.refused))
        others = [m for m in self.notes.messages if not any(url in m for url in refused)]
        notes = [f"refused to fetch {url}" for url in refused] + list(dict.fromkeys(others))
        self.fetcher.refused, self.notes.messages = [], []
        return Rendered(data, len(document.pages), notes=notes)

    def render(self, html: str) -> Rendered:
        return self.write(self.layout(html))

    def fit(self, html_for: Callable[[int], str], total: int, max_pages: int) -> Rendered:
        """The largest ``k`` such that ``html_for(k)`` fits in ``max_pages``, rendered.

        Decided on real layouts, never on estimates: first everything (most briefs fit: one
        layout). Otherwise the search starts where the pages say it should (two pages of
        five hold about two fifths of the messages), gallops from there and closes with a
        binary search; the page count grows with ``k``. Typically four or five layouts.
        """
        documents: dict[int, Document] = {}
        pages: dict[int, int] = {}

        def fits(count: int) -> bool:
            document = self.layout(html_for(count))
            pages[count] = len(document.pages)
            if pages[count] > max_pages:
                return False
            documents[count] = document
            return True

        if fits(total):
            return self._finish(documents[total], total)
        count = largest(fits, total - 1, guess=total * max_pages // pages[total])
        if count is None:
            raise BriefTooLong(f"not even the header fits in {max_pages} pages")
        return self._finish(documents[count], count)

    def _finish(self, document: Document, shown: int) -> Rendered:
        rendered = self.write(document)
        rendered.shown = shown
        return rendered


def largest(fits: Callable[[int], bool], high: int, guess: int) -> int | None:
    """The largest ``k`` in ``[0, high]`` with ``fits(k)``, probing near ``guess`` first;
    None if not even 0 fits. ``fits`` must be monotone: true up to some ``k``, then false.

    ``low`` always fits (-1 stands for "nothing known to fit") and ``over`` never does
    (``high + 1`` is known not to fit): gallop from the guess to bracket the answer, then
    halve the bracket.
    """
    guess = min(max(guess, 0), high)
    low, over, step = -1, high + 1, 1
    if fits(guess):
        low = guess
        while low + step < over:
            if not fits(low + step):
                over = low + step
                break
            low, step = low + step, step * 2
    else:
        over = guess
        while over - step >= 0:
            if fits(over - step):
                low = over - step
                break
            over, step = over - step, step * 2
    while over - low > 1:
        middle = (low + over) // 2
        if fits(middle):
            low = middle
        else:
            over = middle
    return low if low >= 0 else None


class _Notes(logging.Handler):
    """WeasyPrint's warnings about one document (a refused image, say), kept for the build
    report instead of going to stderr from a worker process."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())
