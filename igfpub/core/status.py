"""Translation coverage: per edition and language, how many documents are translated,
machine-translated, stale or missing."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from igfpub.core.languages import site_languages
from igfpub.core.model import Corpus, Edition, Intersessional, Session
from igfpub.core.translation import state


@dataclass(frozen=True)
class StaleTranslation:
    path: str
    recorded: str
    current: str


@dataclass(frozen=True)
class Coverage:
    edition: int
    lang: str
    counts: Counter[str]  # state -> documents
    total: int


def coverage(corpus: Corpus) -> list[Coverage]:
    rows = []
    for year in corpus.editions:
        docs: list[Session | Intersessional | Edition] = [
            corpus.editions[year],
            *(d for d in corpus.documents() if d.edition == year),
        ]
        for lang in site_languages().translations:
            counts = Counter[str](state(d.text, lang) for d in docs)
            rows.append(Coverage(year, lang, counts, len(docs)))
    return rows


def stale(corpus: Corpus) -> list[StaleTranslation]:
    out = []
    for doc in [*corpus.editions.values(), *corpus.documents()]:
        for info in doc.text.translations.values():
            if info.stale and info.source_hash:
                out.append(StaleTranslation(info.path, info.source_hash, doc.text.source_hash))
    return sorted(out, key=lambda s: s.path)


def source_hashes(corpus: Corpus) -> list[tuple[str, str]]:
    """(path, current source_hash) of every translatable source, for translators."""
    docs = [*corpus.editions.values(), *corpus.documents()]
    return sorted((d.source.path, d.text.source_hash) for d in docs)
