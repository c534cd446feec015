"""Per document and language: which segments are left to translate, and what changed in
the source since a translation was made. Reads the old-source store; everything else is
the pure core."""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from igfpub.core.lazy import cached_property
from igfpub.core.model import Corpus
from igfpub.core.segments import (
    Change,
    Doc,
    Segment,
    changes,
    corpus_segments,
    document_segments,
    documents,
    pending,
    registry_segments,
    registry_translated,
    translated,
)
from igfpub.exchange import history, store


@dataclass(frozen=True)
class DocState:
    doc: Doc
    lang: str
    current: list[Segment]
    done: dict[str, str]  # segment id -> existing translation
    old: dict[str, str] | None  # segment id -> source it was translated from; None: current
    old_segments: list[Segment] | None  # the source version translated, if known

    @property
    def left(self) -> list[Segment]:
        return pending(self.current, self.done, self.old)


def doc_state(content: Path, corpus: Corpus, doc: Doc, lang: str) -> DocState:
    src = corpus.languages.source
    current = document_segments(doc, src)
    info = doc.text.translations.get(lang)
    if info is None or not info.stale:
        old_segments: list[Segment] | None = current
        old = None
    else:
        old_segments = store.load(content, info.source_hash)
        if old_segments is None and info.source_hash:
            old_segments = history.segments(content, doc.source.path, info.source_hash, src)
        if old_segments is not None:
            old_segments = _with_parts(old_segments, current,
                                       store.load_overlay(content, info.source_hash, lang))  # fmt: skip
        old = {s.id: s.text for s in old_segments} if old_segments is not None else {}
    done = translated(doc, lang, src, old_segments)
    return DocState(doc, lang, current, done, old, old_segments)


def _with_parts(old: list[Segment], current: list[Segment], since: dict[str, str]) -> list[Segment]:
    """The old source's segments, each that a later part of the translation brought (a
    title, a list item: never a narrative block, which is written whole) as the source it
    was translated from (store.load_overlay)."""
    if not since:
        return old
    out = [replace(s, text=since[s.id]) if s.id in since else s for s in old]
    known = {s.id for s in old}
    out += [replace(s, text=since[s.id]) for s in current if s.id in since and s.id not in known]
    return out


@dataclass(frozen=True)
class Previous:
    """What a changed segment said before, and how it was translated: context for the
    translator (XLIFF ``<alt-trans>``, PO ``#| msgid`` and a note)."""

    source: str
    translation: str | None


def previous(
    content: Path, corpus: Corpus, lang: str, edition: int | None = None
) -> dict[str, Previous]:
    done = registry_translated(corpus, lang)
    out: dict[str, Previous] = {
        sid: Previous(before, done.get(sid))
        for sid, before in changed_names(content, corpus, lang).items()
    }
    for doc in documents(corpus, edition):
        info = doc.text.translations.get(lang)
        if info is None or not info.stale:
            continue
        state = doc_state(content, corpus, doc, lang)
        if state.old_segments is None:
            continue
        for change in changes(state.old_segments, state.current):
            if change.new is not None and change.old is not None and change.old_id:
                out[change.id] = Previous(change.old, state.done.get(change.old_id))
    return out


def left_to_translate(
    content: Path, corpus: Corpus, lang: str, edition: int | None = None
) -> list[Segment]:
    out: list[Segment] = []
    for doc in documents(corpus, edition):
        out.extend(doc_state(content, corpus, doc, lang).left)
    done = registry_translated(corpus, lang)
    changed = changed_names(content, corpus, lang)
    out.extend(s for s in registry_segments(corpus) if s.id not in done or s.id in changed)
    return out


def changed_names(content: Path, corpus: Corpus, lang: str) -> dict[str, str]:
    """Registry segment id -> the source text its ``lang`` translation was made from, for
    each name or acronym whose source text has changed since (store.registry_sources). A
    translation with no record (written by hand in the registry) is taken as current."""
    was = store.registry_sources(content).get(lang, {})
    done = registry_translated(corpus, lang)
    return {
        seg.id: was[seg.id]
        for seg in registry_segments(corpus)
        if seg.id in done and seg.id in was and was[seg.id] != seg.text
    }


def stale_changes(
    content: Path, corpus: Corpus, lang: str | None = None
) -> list[tuple[str, list[Change] | None, int]]:
    """(translation path, its changes or None if the old source is unknown, number of
    segments of the current source) for every stale translation."""
    out = []
    for doc in documents(corpus):
        for tlang, info in sorted(doc.text.translations.items()):
            if not info.stale or (lang and tlang != lang):
                continue
            state = doc_state(content, corpus, doc, tlang)
            found = (
                changes(state.old_segments, state.current)
                if state.old_segments is not None
                else None
            )
            out.append((info.path, found, len(state.current)))
    return sorted(out, key=lambda t: t[0])


def changed_counts(content: Path, corpus: Corpus) -> dict[str, tuple[int, int]]:
    """Translation path -> (segments changed, segments of the source), for the stale
    translations whose old source is known."""
    return {
        path: (len(found), total)
        for path, found, total in stale_changes(content, corpus)
        if found is not None
    }


class ChangedCounts:
    """:func:`changed_counts`, found on first use: only the pages of stale translations
    show it, and it looks each one's old source up in git (a sixth of a second at 2,000
    sessions, for a build that seldom renders such a page)."""

    def __init__(self, content: Path, corpus: Corpus) -> None:
        self._content, self._corpus = content, corpus

    def get(self, path: str) -> tuple[int, int] | None:
        return self._counts.get(path)

    @cached_property
    def _counts(self) -> dict[str, tuple[int, int]]:
        return changed_counts(self._content, self._corpus)


def word_count(segments: list[Segment]) -> int:
    return sum(s.words for s in segments)


__all__ = [
    "ChangedCounts",
    "Previous",
    "changed_counts",
    "corpus_segments",
    "doc_state",
    "left_to_translate",
    "stale_changes",
    "word_count",
]
