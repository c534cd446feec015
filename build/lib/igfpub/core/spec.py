"""A generated page, language-neutral: what adapters turn into pages."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from igfpub.core.model import Localized, Narrative

Subject = object


@dataclass(frozen=True)
class PageSpec:
    key: str  # language-neutral identity: "session/IGF2025-WS-142"
    kind: str  # session | intersessional | edition | bodies
    template: str  # a template under igfpub/theme/, e.g. "igfpub/session.html"
    title: Localized
    urls: Mapping[str, str]  # language -> URL relative to the site root
    subject: Subject = None
    narrative: Narrative | None = None  # whose translations decide the page's state
    in_nav: bool = False
    # For pages whose title is interface text ("Decision-making bodies"): the gettext
    # msgid; the adapter translates it. ``title`` then holds the English.
    ui_title: str | None = None
    # Extra language-neutral detail for the template (an edition year, a body id, ...).
    detail: str | int | None = None

    def url(self, lang: str) -> str:
        return self.urls[lang]
