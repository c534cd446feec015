"""The ``{L}translate/`` page: how far each language has come, edition by edition, and
how to help. Counts documents (the edition's outcome document, its sessions and
intersessional takeaways) by the state a reader would see."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from igfpub.core import urls
from igfpub.core.model import Corpus, Edition, Intersessional, Localized, Session
from igfpub.core.spec import PageSpec
from igfpub.core.translation import state


@dataclass(frozen=True)
class LanguageCoverage:
    lang: str
    total: int
    counts: Counter[str]  # state -> documents

    @property
    def current(self) -> int:
        """Documents a reader gets in this language and up to date (human or machine)."""
        return self.counts["translated"] + self.counts["machine"]

    @property
    def percent(self) -> int:
        return round(100 * self.current / self.total) if self.total else 0


@dataclass(frozen=True)
class EditionCoverage:
    edition: int
    languages: tuple[LanguageCoverage, ...]


def coverage(corpus: Corpus) -> tuple[EditionCoverage, ...]:
    out = []
    for year, edition in corpus.editions.items():
        docs: list[Session | Intersessional | Edition] = [
            edition,
            *(d for d in corpus.documents() if d.edition == year),
        ]
        rows = tuple(
            LanguageCoverage(lang, len(docs), Counter(state(d.text, lang) for d in docs))
            for lang in corpus.languages.translations
        )
        out.append(EditionCoverage(year, rows))
    return tuple(out)


def plan_translate(corpus: Corpus) -> list[PageSpec]:
    english = "Help translate"
    return [
        PageSpec(
            "translate",
            "translate",
            "igfpub/translate.html",
            Localized.plain(english),
            {lang: urls.translate(lang) for lang in corpus.languages},
            subject=coverage(corpus),
            ui_title=english,
        )
    ]
