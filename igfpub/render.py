"""Templates rendered outside MkDocs: the print documents (briefs, outcome documents) and
the brief fragment that replaces a shortened brief's body on its HTML page.

The environment mirrors what MkDocs gives the theme (same template folders, the same
gettext catalogs through ``jinja2.ext.i18n``, old-style gettext, no global autoescape:
templates open their own ``{% autoescape true %}``), so that a fragment rendered here is
exactly what MkDocs would have rendered with the same context.
"""

from __future__ import annotations

import hashlib
import io
import posixpath
import re
from collections.abc import Callable, Sequence
from functools import cache
from pathlib import Path

from babel.messages.extract import extract
from babel.support import NullTranslations
from jinja2 import Environment, FileSystemLoader, meta
from markupsafe import Markup

from igfpub.catalogs import merged_translations
from igfpub.core.briefs import Brief, Selection, country_names
from igfpub.core.footnotelinks import localized_backlinks
from igfpub.core.languages import site_languages
from igfpub.core.model import Corpus
from igfpub.core.plaintext import plain
from igfpub.core.present import Presenter
from igfpub.core.publications import Index
from igfpub.langmarks import mark_untranslated, place
from igfpub.templatecalls import speed_up_calls

BRIEF_TEMPLATE = "igfpub/print/brief.html"
OUTCOME_TEMPLATE = "igfpub/print/outcome.html"
FRAGMENT_TEMPLATE = "igfpub/brief-body.html"
# Stylesheet of every print document, found in the template folders like a template.
STYLESHEET = "assets/stylesheets/igfpub-print.css"

# Counts that reach every plural form of the six languages' rules (Arabic has six).
_PLURAL_PROBES = (0, 1, 2, 3, 11, 100)
_PLACEHOLDER = re.compile(r"%\((page|pages)\)s")


def relative_url(url: str, page: str) -> str:
    """``url`` (site-root relative) as a link on the page at ``page``: what MkDocs'
    ``get_relative_url`` gives, without importing MkDocs."""
    if not url:
        url = "./"
    rel = posixpath.relpath("/" + url, "/" + page.rstrip("/") if page else "/")
    return rel + "/" if url.endswith("/") and rel != "." else ("./" if rel == "." else rel)


def css_counter_content(template: str) -> Markup:
    """A translated "Page %(page)s of %(pages)s" as the value of a CSS ``content``
    property: the page numbers come from counters, the words stay in the reader's
    language (a bare "1 / 2" reads "2 / 1" in a right-to-left margin box)."""
    out = []
    for n, piece in enumerate(_PLACEHOLDER.split(template)):
        if n % 2:
            out.append(f"counter({piece})")
        elif piece:
            out.append(_css_string(piece))
    return Markup(" ".join(out))


def _css_string(text: str) -> str:
    # Inside <style>: quotes and backslashes escaped for CSS, "<" so that no text can
    # close the style element.
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("<", "\\3C ")
    return f'"{escaped}"'


class Renderer:
    """Renders igfpub's print templates in any language, from any template folders."""

    def __init__(
        self,
        theme_dirs: Sequence[str | Path],
        corpus: Corpus,
        site_url: str = "",
        file_urls: bool = False,
        symbol: str = "IGF",
    ) -> None:
        """``file_urls``: the site links pages by their files (``use_directory_urls:
        false``), which decides the address of a free page a text links. ``symbol``: the
        prefix of document symbols."""
        self.dirs = [Path(d) for d in theme_dirs]
        self.corpus = corpus
        self.site_url = site_url
        self.file_urls = file_urls
        self.symbol = symbol
        self.index = Index(corpus, file_urls=file_urls)

    @cache  # noqa: B019 - one environment per language for the renderer's lifetime
    def env(self, lang: str) -> Environment:
        env = Environment(loader=FileSystemLoader([str(d) for d in self.dirs]), auto_reload=False)
        env.add_extension("jinja2.ext.i18n")
        env.install_gettext_translations(self._translations(lang))  # type: ignore[attr-defined]
        mark_untranslated(env, lang)  # each document goes through place(), below
        env.filters["igf_counter"] = css_counter_content
        # Safe HTML as plain text, links given by their URLs: a covering letter's messages.
        env.filters["igf_plain"] = plain
        speed_up_calls(env)
        return env

    def _translations(self, lang: str) -> NullTranslations:
        # As MkDocs does: every template folder's catalogs, the first folder winning.
        return merged_translations(self.dirs, lang)

    def gettext(self, lang: str) -> Callable[[str], str]:
        """The templates' catalogs, for text made outside a template (an e-mail subject)."""
        return self._translations(lang).gettext

    def presenter(self, lang: str, page: str | None = None) -> Presenter:
        """For a page of the site (``page`` is its URL): links relative to it. For print
        (``page`` is None): absolute links, since a PDF travels without its site."""
        href: Callable[[str], str]
        if page is None:
            base = self.site_url.rstrip("/") + "/" if self.site_url else ""
            href = lambda url: base + url  # noqa: E731
        else:
            href = lambda url: relative_url(url, page)  # noqa: E731
        return Presenter(self.corpus, lang, href, index=self.index, site_url=self.site_url,
                         symbol=self.symbol)  # fmt: skip

    # -- documents -------------------------------------------------------------------
    def brief_document(self, brief: Brief, lang: str, shown: Selection) -> str:
        return place(
            self.env(lang)
            .get_template(BRIEF_TEMPLATE)
            .render(igf=self.presenter(lang), brief=brief, shown=shown)
        )

    def brief_fragment(self, brief: Brief, lang: str, shown: Selection) -> str:
        """The brief's body for its HTML page, links relative to that page."""
        return place(
            self.env(lang)
            .get_template(FRAGMENT_TEMPLATE)
            .render(igf=self.presenter(lang, brief.url(lang)), brief=brief, shown=shown)
        )

    def outcome_document(self, year: int, lang: str) -> str:
        edition = self.corpus.editions[year]
        env = self.env(lang)
        html = env.get_template(OUTCOME_TEMPLATE).render(
            igf=self.presenter(lang), edition=edition, country=country_names(edition.country)
        )
        return place(localized_backlinks(html, env.globals["gettext"]))  # type: ignore[arg-type]

    # -- what the output depends on besides the content ------------------------------
    def stylesheet(self) -> Path:
        for folder in self.dirs:
            if (folder / STYLESHEET).is_file():
                return folder / STYLESHEET
        raise FileNotFoundError(f"{STYLESHEET} is in none of {', '.join(map(str, self.dirs))}")

    @cache  # noqa: B019
    def fingerprint(self, lang: str) -> str:
        """A hash of what, besides the content, decides a print document's text: the print
        templates and every template they import or include, the stylesheet, and the
        catalog's translations of the strings those templates use.

        Only those: the site's other templates and strings change all the time, and a cache
        keyed on them would re-render every PDF for an edit no PDF shows.
        """
        env = self.env(lang)
        translations = self._translations(lang)
        digest = hashlib.sha256(self.stylesheet().read_bytes())
        for name in sorted(self.print_templates()):
            source = env.loader.get_source(env, name)[0]  # type: ignore[union-attr]
            digest.update(f"\0{name}\0{source}".encode())
            found = extract("jinja2", io.BytesIO(source.encode()),
                            options={"extensions": "jinja2.ext.i18n"})  # fmt: skip
            for _line, message, _comments, _context in found:
                if isinstance(message, tuple):
                    forms = [
                        translations.ngettext(message[0], message[1], n) for n in _PLURAL_PROBES
                    ]
                else:
                    forms = [translations.gettext(message)]
                digest.update("\0".join(forms).encode())
        return digest.hexdigest()

    @cache  # noqa: B019
    def print_templates(self) -> frozenset[str]:
        """The print templates and everything they import or include, found by parsing."""
        env = self.env(site_languages().source)
        seen: set[str] = set()
        todo = [BRIEF_TEMPLATE, OUTCOME_TEMPLATE, FRAGMENT_TEMPLATE]
        while todo:
            name = todo.pop()
            if name in seen:
                continue
            seen.add(name)
            source = env.loader.get_source(env, name)[0]  # type: ignore[union-attr]
            todo += [n for n in meta.find_referenced_templates(env.parse(source)) if n]
        return frozenset(seen)
