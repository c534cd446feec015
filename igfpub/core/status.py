"""Translation coverage: per edition and language, how many documents are translated,
machine-translated, stale or missing; free pages (home, about) and bodies' report-backs
each count as a group of their own."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from igfpub.core.languages import site_languages
from igfpub.core.model import Corpus, Edition, FreePage, Intersessional, ReportPage, Session
from igfpub.core.translation import state

Translatable = Session | Intersessional | Edition | FreePage | ReportPage


@dataclass(frozen=True)
class StaleTranslation:
    path: str
    recorded: str
    current: str
    lang: str


@dataclass(frozen=True)
class Coverage:
    edition: int | str  # a year, or "pages" for the free pages, "reports" for report-backs
    lang: str
    counts: Counter[str]  # state -> documents
    total: int


def coverage(corpus: Corpus) -> list[Coverage]:
    rows = []
    groups: list[tuple[int | str, list[Translatable]]] = [
        (year, [corpus.editions[year], *(d for d in corpus.documents() if d.edition == year)])
        for year in corpus.editions
    ]
    if corpus.free_pages:
        groups.append(("pages", list(corpus.free_pages.values())))
    if corpus.reports:
        groups.append(("reports", [r.translatable for r in corpus.reports.values()]))
    for year, docs in groups:
        for lang in site_languages().translations:
            counts = Counter[str](state(d.text, lang) for d in docs)
            rows.append(Coverage(year, lang, counts, len(docs)))
    return rows


def stale(corpus: Corpus) -> list[StaleTranslation]:
    out = []
    for doc in _translatable(corpus):
        for lang, info in doc.text.translations.items():
            if info.stale and info.source_hash:
                out.append(
                    StaleTranslation(info.path, info.source_hash, doc.text.source_hash, lang)
                )
    return sorted(out, key=lambda s: s.path)


def source_hashes(corpus: Corpus) -> list[tuple[str, str]]:
    """(path, current source_hash) of every translatable source, for translators."""
    return sorted((d.source.path, d.text.source_hash) for d in _translatable(corpus))


def _translatable(corpus: Corpus) -> list[Translatable]:
    return [*corpus.editions.values(), *corpus.documents(), *corpus.free_pages.values(),
            *(r.translatable for r in corpus.reports.values())]  # fmt: skip
