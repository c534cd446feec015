"""Translation states: what a reader in a language is really shown.

The contract's ``data-translation`` values, from the reader's point of view:
``source`` (English original), ``translated`` (human or official, current), ``machine``,
``stale`` (the source changed since ``source_hash``) or ``fallback`` (no translation: the
English text is shown, marked).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from igfpub.core.languages import site_languages
from igfpub.core.model import Localized, Narrative, TranslationInfo

State = Literal["source", "translated", "machine", "stale", "fallback"]


def state(narrative: Narrative, lang: str) -> State:
    if lang == site_languages().source:
        return "source"
    return info_state(narrative.translations.get(lang))


def info_state(info: TranslationInfo | None) -> State:
    """The state of a text in a translation language, from what its translation says."""
    if info is None:
        return "fallback"
    # A stale machine translation is first of all stale: the reader may be misled twice.
    if info.stale:
        return "stale"
    if info.status == "machine":
        return "machine"
    return "translated"


@dataclass(frozen=True)
class Away:
    """A document's text as it is shown away from the document's own page: ``text``
    (Markdown) in ``lang``, and the ``state`` of its translation in the reader's language."""

    text: str
    lang: str
    state: State


def away(narrative: Narrative, value: Localized, lang: str) -> Away:
    """What one of a document's texts (a message) shows in ``lang`` away from its page: on
    an outcome document, a body's page, a feed, a brief, a covering letter.

    Its page shows a stale translation under a notice that says so, beside the way to the
    original. A message on its own has no such page around it: it is sent to a body in a
    brief or a feed, quoted, acted on. An out-of-date translation there may ask for
    something the source no longer does (a changed threshold, another addressee), so a
    body that reads two languages would receive two different requests. Away from its page
    a stale translation gives way to the current source text, and says why
    (``state="stale"``, ``lang`` the source's). A machine translation is current: it is
    shown, and marked as such by whoever shows it."""
    source = site_languages().source
    if lang == source:
        return Away(value.values[source], source, "source")
    if lang not in value.values:
        # The translation, if any, left this list out: the source stands in for it.
        return Away(value.values[source], source, "fallback")
    info = narrative.translations.get(lang)
    shown = info_state(info) if info is not None else "translated"
    if shown == "stale":
        return Away(value.values[source], source, "stale")
    return Away(value.values[lang], lang, shown)
