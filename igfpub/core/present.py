"""What templates call to show the model in one reader language.

Every value handed to a template is either escaped text or sanitised HTML, and knows the
language it is really in, so a template can mark English fallback text ``lang="en"``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass
from urllib.parse import quote

from babel.dates import format_date
from babel.numbers import format_decimal, format_percent
from markupsafe import Markup, escape

from igfpub.core import followuppage, markup, urls
from igfpub.core.followup import Counts, Status
from igfpub.core.languages import (
    comma,
    direction,
    language_name_in,
    list_separator,
    locale,
    site_languages,
    web_scripts,
)
from igfpub.core.model import (
    STAKEHOLDERS,
    Body,
    Corpus,
    Edition,
    Group,
    Intersessional,
    Localized,
    Message,
    Narrative,
    Response,
    Session,
    Track,
)
from igfpub.core.pages import document_url
from igfpub.core.publications import (
    InContext,
    Index,
    group_by_edition_and_track,
    message_date,
)
from igfpub.core.translation import Away, State, away, state

# What a page's h1 tells search results of its title's language, when that is not the
# page's (Shown.heading_attrs): a Pagefind filter, which it returns with each result and,
# unlike metadata, does not search (a "title_lang" meta would put "en" in a French index).
# One filter only: Pagefind 1.5 writes two in either order, an index never the same twice.
TITLE_LANGUAGE = 'data-pagefind-filter="title_lang[lang]"'


@dataclass(frozen=True)
class Shown:
    """A piece of text ready for a template: safe HTML plus the language it is in."""

    html: str
    lang: str
    page_lang: str
    # A message away from its page (:meth:`Presenter.message`): the state of its
    # translation, which the template marks (machine, stale). None for other texts.
    state: State | None = None

    @property
    def foreign(self) -> bool:
        return self.lang != self.page_lang

    def attrs(self) -> Markup:
        """``lang``/``dir`` attributes for the element holding this text, when needed.

        Text in another language also stays out of the search index of the page's
        language (Pagefind's ``data-pagefind-ignore``): an English fallback is not French."""
        if not self.foreign:
            return Markup("")
        return Markup(f' lang="{self.lang}" dir="{direction(self.lang)}" data-pagefind-ignore')

    def heading_attrs(self) -> Markup:
        """:meth:`attrs` of a page's ``h1``, which search results show as the page's title
        (Pagefind's title is its ``h1``, ignored or not): a title in another language says
        so to the results (igfpub/theme/assets/javascripts/igfpub-search.js)."""
        if not self.foreign:
            return Markup("")
        return self.attrs() + Markup(f" {TITLE_LANGUAGE}")

    def __html__(self) -> str:
        return self.html

    def __str__(self) -> str:
        return self.html


def _site_relative(url: str) -> str:
    return url


class Presenter:
    """``href`` turns a site-root-relative URL into what a link on the page being rendered
    needs: relative to that page on the site, absolute in a PDF. The adapter sets it."""

    def __init__(
        self,
        corpus: Corpus,
        lang: str,
        href: Callable[[str], str] = _site_relative,
        *,
        index: Index | None = None,
        site_url: str = "",
        feedback_url: str = "",
        contact: str = "",
        pdfs: bool = True,
        symbol: str = "IGF",
    ) -> None:
        self.corpus = corpus
        # Whether the build makes PDFs (briefs, printable outcome documents): a build
        # without (igfpub build --no-pdf, a preview) links none.
        self.pdfs = pdfs
        self.lang = lang
        self.href = href
        self.index = index or Index(corpus)
        self.site_url = site_url.rstrip("/") + "/" if site_url else ""
        self.feedback_url = feedback_url
        self._feedback: dict[tuple[str, str], str] = {}
        self._shared: dict[Hashable, str] = {}
        self._dates: dict[dt.date, str] = {}
        self._numbers: dict[int, str] = {}
        self.contact = contact
        self._symbol = symbol
        self.dir = direction(lang)
        self.languages = site_languages().codes
        self.autonyms = {code: site_languages().name(code) for code in self.languages}
        # The source language: what fallback text is written in, named in the reader's
        # language for notices ("shown in Portuguese").
        self.source = site_languages().source
        self.source_attrs = Markup(f' lang="{self.source}" dir="{direction(self.source)}"')
        # For text the content gives in the source language only (a session's organisers,
        # a body's contact): marked on another language's page, so that it is read with
        # the source's voice (an English sentence read by an Arabic one).
        self.source_only = self.source_attrs if lang != self.source else Markup("")
        self.source_name = language_name_in(self.source, lang)
        # Scripts beyond the UN languages' have web fonts of their own (igfpub/webfonts.py).
        self.script_fonts = bool(web_scripts(self.languages))
        # Separator between the items of an inline list ("ITU, UNESCO").
        self.sep = list_separator(lang)
        # ... and between two parts of one statement ("Lillestrøm, Norway").
        self.comma = comma(lang)

    # -- text ----------------------------------------------------------------------------
    def symbol(self, path: str | int) -> str:
        """A document's symbol: the site's prefix (``document_symbol``), then ``path``
        (``2025/BRIEF/ITU``, ``2025/OUTCOME``)."""
        return f"{self._symbol}/{path}"

    def text(self, value: Localized | str | None) -> Shown:
        if value is None:
            return Shown("", self.lang, self.lang)
        if isinstance(value, str):
            return Shown(str(escape(value)), self.lang, self.lang)
        text, lang = value.get(self.lang)
        return Shown(str(escape(text)), lang, self.lang)

    def _links(self, value: Localized, text: str) -> tuple[markup.Links | None, str]:
        # A text without a link converts the same in every language: convert it once.
        if value.where and markup.may_link(text):
            return markup.Links(self.index.linker, value.where), self.lang
        return None, ""

    def inline(self, value: Localized, copy: str = "") -> Shown:
        """``copy``: which one this is when a page shows the same text more than once (a
        message awaiting several bodies' responses, once per body), so that its notes'
        ids are its own."""
        text, lang = value.get(self.lang)
        links, link_lang = self._links(value, text)
        owner = (value.owner or value.where) + (f"@{copy}" if copy else "")
        html = markup.inline(text, links, link_lang, owner)
        return Shown(markup.hrefs(html, self.href), lang, self.lang)

    def block(self, value: Localized | None, anchors: bool = False) -> Shown:
        """A Markdown text; ``anchors`` for the page's own text, whose headings a link's
        ``#fragment`` may name (:func:`markup.block`)."""
        if value is None or not value.get(self.lang)[0].strip():
            return Shown("", self.lang, self.lang)
        text, lang = value.get(self.lang)
        links, link_lang = self._links(value, text)
        html = markup.block(text, 2, links, link_lang, anchors, value.owner or value.where)
        return Shown(markup.hrefs(html, self.href), lang, self.lang)

    def message_text(
        self, item: InContext | Message, doc: Session | Intersessional | None = None
    ) -> Away:
        """A message's Markdown as it is shown away from its document's page, in the
        reader's language (:func:`igfpub.core.translation.away`): a stale translation gives
        way to the source. ``doc``: the message's document, when ``item`` is a message."""
        message = item.message if isinstance(item, InContext) else item
        source = item.doc if isinstance(item, InContext) else doc
        assert source is not None
        return away(source.text, message.text, self.lang)

    def message(
        self,
        item: InContext | Message,
        doc: Session | Intersessional | None = None,
        copy: str = "",
    ) -> Shown:
        """A message's text away from its document's page (an outcome document, a body's
        page, a brief), with the state of its translation for the mark beside it;
        ``copy`` as for :meth:`inline`."""
        shown = self.message_text(item, doc)
        message = item.message if isinstance(item, InContext) else item
        links, link_lang = self._links(message.text, shown.text)
        value = message.text
        owner = (value.owner or value.where) + (f"@{copy}" if copy else "")
        html = markup.inline(shown.text, links, link_lang, owner)
        return Shown(markup.hrefs(html, self.href), shown.lang, self.lang, shown.state)

    def untranslated(self, items: Iterable[InContext | Session | Intersessional]) -> bool:
        """Whether any of these messages (or of these documents' messages) has no
        translation in the reader's language, and is shown in the source language: a page
        that gathers them says so once, not at each text."""
        if self.lang == self.source:
            return False
        for item in items:
            messages = (item.message,) if isinstance(item, InContext) else item.messages
            if any(self.lang not in m.text.values for m in messages):
                return True
        return False

    def shared(self, key: Hashable, render: Callable[..., str], *args: object) -> Markup:
        """``render(*args)``, HTML that every page of this language showing it shows the
        same but for its links (a message's addressees, what bodies did with it: on its
        session's page, its outcome document and each body's page), rendered once: with
        its links left as placeholders, which each page then writes (:func:`markup.hrefs`,
        the same bytes as ``href``). ``key`` names what ``render(*args)`` makes."""
        found = self._shared.get(key)
        if found is None:
            href, self.href = self.href, markup.placeholder
            try:
                found = self._shared[key] = str(render(*args))
            finally:
                self.href = href
        return Markup(markup.hrefs(found, self.href))

    def state(self, narrative: Narrative | None) -> State:
        return (
            state(narrative, self.lang)
            if narrative
            else ("source" if self.lang == self.source else "translated")
        )

    # -- formatting --------------------------------------------------------------------
    def language_name(self, code: str) -> str:
        """A language's name in that language (observatories publish in many)."""
        try:
            return str(locale(code).get_display_name(locale(code))) or code
        except ValueError:
            return code

    # Babel formats slowly (a locale lookup and a pattern parse each time), and a language
    # of a large archive shows the same few hundred dates and numbers a hundred thousand
    # times: each is formatted once.
    def date(self, value: dt.date) -> str:
        found = self._dates.get(value)
        if found is None:
            found = self._dates[value] = format_date(value, "long", locale=locale(self.lang))
        return found

    def number(self, value: int) -> str:
        found = self._numbers.get(value)
        if found is None:
            found = self._numbers[value] = format_decimal(value, locale=locale(self.lang))
        return found

    # -- lookups -------------------------------------------------------------------------
    def body(self, body_id: str) -> Body:
        return self.corpus.bodies[body_id]

    def group(self, group_id: str) -> Group:
        return self.corpus.groups[group_id]

    def edition(self, year: int) -> Edition:
        return self.corpus.editions[year]

    def track(self, year: int, track_id: str) -> Track | None:
        return self.corpus.editions[year].track(track_id)

    def messages(self, doc: Session | Intersessional, list_key: str) -> list[Message]:
        return [m for m in doc.messages if m.list_key == list_key]

    def sessions_of(self, year: int, track_id: str) -> list[Session]:
        return self.index.sessions_by_track.get((year, track_id), [])

    def intersessional_of(self, year: int) -> list[Intersessional]:
        return self.index.intersessional_by_edition.get(year, [])

    def documents_of(self, year: int) -> list[Session | Intersessional]:
        """The documents whose messages an edition's outcome document shows."""
        tracks = self.corpus.editions[year].tracks
        return [*(s for t in tracks for s in self.sessions_of(year, t.id)),
                *self.intersessional_of(year)]  # fmt: skip

    # -- publications ------------------------------------------------------------------
    def in_track(self, year: int, track: str | None, list_key: str) -> list[InContext]:
        return self.index.in_track(year, track, list_key)

    def for_body(self, body_id: str) -> list[InContext]:
        return self.index.for_body(body_id)

    def grouped(
        self, items: list[InContext]
    ) -> list[tuple[int, list[tuple[str | None, list[InContext]]]]]:
        return group_by_edition_and_track(self.corpus, items)

    def responses_to(self, doc_id: str) -> list[tuple[Body, Response]]:
        out = []
        for body_id, n in self.index.responses.get(doc_id, []):
            out.append((self.corpus.bodies[body_id], self.corpus.reports[body_id].responses[n]))
        return out

    def message_date(self, item: InContext) -> dt.date:
        return message_date(self.corpus, item)

    # -- follow-up -----------------------------------------------------------------------
    def follow_up(self, message: Message, body_id: str | None = None) -> list[Status]:
        """The message's state for each body it names (only ``body_id``'s if given)."""
        found = self.index.follow_up_of(message)
        return [s for s in found if body_id is None or s.body == body_id]

    def follow_up_counts(self, body_id: str, year: int) -> Counts:
        """How the messages of one edition to one body stand."""
        return followuppage.report(self.index, year).for_body(body_id)

    def follow_up_report(self, year: int) -> followuppage.Report:
        return followuppage.report(self.index, year)

    def follow_up_chart(self, rows: tuple[followuppage.Row, ...]) -> followuppage.Chart:
        return followuppage.chart(rows, rtl=self.dir == "rtl")

    def percent(self, part: int, whole: int) -> str:
        return format_percent(part / whole if whole else 0, locale=locale(self.lang))

    # -- URLs (relative to the site root; `href` makes them right for the page) --------
    def absolute(self, url: str) -> str:
        return f"{self.site_url}{url}"

    def feedback(
        self, item: InContext | Message, doc: Session | Intersessional | None = None
    ) -> str:
        """The configured feedback link for a message: ``{id}``, ``{url}``, ``{lang}`` and
        ``{title}`` are replaced, URL-encoded."""
        message = item.message if isinstance(item, InContext) else item
        source = item.doc if isinstance(item, InContext) else doc
        assert source is not None
        # The same link on every page that shows the message (a tenth of a million of them
        # in a language of a large archive, four URL-encodings each).
        found = self._feedback.get((source.id, message.id))
        if found is None:
            found = self._feedback[source.id, message.id] = self._feedback_link(message, source)
        return found

    def _feedback_link(self, message: Message, source: Session | Intersessional) -> str:
        values = {
            "id": message.id,
            "url": self.absolute(self.url_of(source)) + "#" + message.id,
            "lang": self.lang,
            "title": str(source.title),
        }
        out = self.feedback_url
        for key, value in values.items():
            out = out.replace("{" + key + "}", quote(value, safe=""))
        return out

    def url(self, name: str, *args: object) -> str:
        """Any URL of the contract by name: ``igf.url("brief", 2025, "body", "itu")``."""
        return getattr(urls, name)(self.lang, *args)  # type: ignore[no-any-return]

    def url_of(self, doc: Session | Intersessional) -> str:
        return document_url(self.lang, doc)

    def original_of(self, doc: Session | Intersessional) -> str:
        """The document's page in the source language: where the original of its
        translated texts is."""
        return document_url(self.source, doc)

    def edition_url(self, year: int) -> str:
        return urls.edition(self.lang, year)

    def body_url(self, body_id: str) -> str:
        return urls.body(self.lang, body_id)

    def stakeholders_in(self, sessions: Iterable[Session]) -> list[str]:
        found = {g for s in sessions for g in s.stakeholders}
        return [g for g in STAKEHOLDERS if g in found]

    def bodies_addressed_by(self, docs: Iterable[Session | Intersessional]) -> list[str]:
        found = {b for d in docs for m in d.messages for b in m.to}
        return [b for b in self.corpus.bodies if b in found]

    def api(self, name: str) -> str:
        return urls.api(name)

    def bodies_named(self, ids: Iterable[str]) -> list[Body]:
        return [self.corpus.bodies[i] for i in ids if i in self.corpus.bodies]
