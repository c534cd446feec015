"""Translation states: what a reader in a language is really shown.

The contract's ``data-translation`` values, from the reader's point of view:
``source`` (English original), ``translated`` (human or official, current), ``machine``,
``stale`` (the source changed since ``source_hash``) or ``fallback`` (no translation: the
English text is shown, marked).
"""

from __future__ import annotations

from typing import Literal

from igfpub.core.languages import site_languages
from igfpub.core.model import Narrative, TranslationInfo

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
