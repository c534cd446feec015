"""What templates call to show the model in one reader language.

Every value handed to a template is either escaped text or sanitised HTML, and knows the
language it is really in, so a template can mark English fallback text ``lang="en"``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from babel.dates import format_date
from babel.numbers import format_decimal
from markupsafe import Markup, escape

from igfpub.core import markup, urls
from igfpub.core.languages import AUTONYMS, LANGUAGES, direction
from igfpub.core.model import (
    Body,
    Corpus,
    Edition,
    Group,
    Intersessional,
    Localized,
    Message,
    Narrative,
    Session,
    Track,
)
from igfpub.core.pages import document_url
from igfpub.core.translation import State, state

LIST_SEPARATORS = {"ar": "، ", "zh": "、"}


@dataclass(frozen=True)
class Shown:
    """A piece of text ready for a template: safe HTML plus the language it is in."""

    html: str
    lang: str
    page_lang: str

    @property
    def foreign(self) -> bool:
        return self.lang != self.page_lang

    def attrs(self) -> Markup:
        """``lang``/``dir`` attributes for the element holding this text, when needed."""
        if not self.foreign:
            return Markup("")
        return Markup(f' lang="{self.lang}" dir="{direction(self.lang)}"')

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
        self, corpus: Corpus, lang: str, href: Callable[[str], str] = _site_relative
    ) -> None:
        self.corpus = corpus
        self.lang = lang
        self.href = href
        self.dir = direction(lang)
        self.languages = LANGUAGES
        self.autonyms = AUTONYMS
        # Separator between the items of an inline list ("ITU, UNESCO").
        self.sep = LIST_SEPARATORS.get(lang, ", ")

    # -- text ----------------------------------------------------------------------------
    def text(self, value: Localized | str | None) -> Shown:
        if value is None:
            return Shown("", self.lang, self.lang)
        if isinstance(value, str):
            return Shown(str(escape(value)), self.lang, self.lang)
        text, lang = value.get(self.lang)
        return Shown(str(escape(text)), lang, self.lang)

    def inline(self, value: Localized) -> Shown:
        text, lang = value.get(self.lang)
        return Shown(markup.inline(text), lang, self.lang)

    def block(self, value: Localized | None) -> Shown:
        if value is None:
            return Shown("", self.lang, self.lang)
        text, lang = value.get(self.lang)
        return Shown(markup.block(text) if text.strip() else "", lang, self.lang)

    def state(self, narrative: Narrative | None) -> State:
        return (
            state(narrative, self.lang)
            if narrative
            else ("source" if self.lang == "en" else "translated")
        )

    # -- formatting --------------------------------------------------------------------
    def date(self, value: dt.date) -> str:
        return format_date(value, "long", locale=self.lang)

    def number(self, value: int) -> str:
        return format_decimal(value, locale=self.lang)

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
        return [
            s for s in self.corpus.sessions.values() if s.edition == year and s.track == track_id
        ]

    def intersessional_of(self, year: int) -> list[Intersessional]:
        return [d for d in self.corpus.intersessional.values() if d.edition == year]

    # -- URLs (relative to the site root; templates pass them through MkDocs' `url`) ---
    def url_of(self, doc: Session | Intersessional) -> str:
        return document_url(self.lang, doc)

    def edition_url(self, year: int) -> str:
        return urls.edition(self.lang, year)

    def body_url(self, body_id: str) -> str:
        return urls.body(self.lang, body_id)

    def bodies_named(self, ids: Iterable[str]) -> list[Body]:
        return [self.corpus.bodies[i] for i in ids if i in self.corpus.bodies]
