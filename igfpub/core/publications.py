"""Aggregations of messages into publications: what each body receives, what is addressed
to everyone, and every message with its context (for indexes, feeds, briefs, open data).

Pure functions over a :class:`Corpus`; the order of every list is part of the contract of
the pages built from it, so it is decided here once.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from typing import TYPE_CHECKING

from igfpub.core.followup import Status, pair_bodies, statuses
from igfpub.core.lazy import cached_property
from igfpub.core.model import MESSAGE_LISTS, Corpus, Intersessional, Message, Session


@dataclass(frozen=True)
class InContext:
    """A message with the document it comes from and where that sits in its edition."""

    message: Message
    doc: Session | Intersessional

    @property
    def edition(self) -> int:
        return self.doc.edition

    @property
    def track(self) -> str | None:
        return self.doc.track

    @property
    def source_type(self) -> str:
        return self.doc.source_type


def _date(corpus: Corpus, doc: Session | Intersessional) -> dt.date:
    """When a message was made: its session's date; for intersessional work, the last day
    of the edition it was presented at."""
    if isinstance(doc, Session):
        return doc.date
    return corpus.editions[doc.edition].end


def message_date(corpus: Corpus, item: InContext) -> dt.date:
    return _date(corpus, item.doc)


_LIST_RANK = {key: rank for rank, key in enumerate(MESSAGE_LISTS)}


def _order(corpus: Corpus, item: InContext) -> tuple[int, int, int, str, int, int]:
    """Newest edition first; within it the edition's track order, intersessional work last
    (by group); then date, document id and position."""
    edition = corpus.editions[item.edition]
    track_ids = [t.id for t in edition.tracks]
    track_rank = track_ids.index(item.track) if item.track in track_ids else len(track_ids)
    group = item.doc.group if isinstance(item.doc, Intersessional) else ""
    return (
        -item.edition,
        track_rank,
        _date(corpus, item.doc).toordinal(),
        group + item.doc.id,
        _LIST_RANK[item.message.list_key],
        item.message.position,
    )


def all_messages(corpus: Corpus) -> list[InContext]:
    """Every message of every kind, in publication order."""
    items = [InContext(m, d) for d in corpus.documents() for m in d.messages]
    return sorted(items, key=lambda i: _order(corpus, i))


def addressed(corpus: Corpus) -> list[InContext]:
    """Calls to action and recommendations, in publication order."""
    return [i for i in all_messages(corpus) if i.message.addressed]


def for_body(corpus: Corpus, body_id: str, edition: int | None = None) -> list[InContext]:
    """Exactly the calls to action and recommendations whose ``to`` names the body."""
    return [
        i
        for i in addressed(corpus)
        if body_id in i.message.to and (edition is None or i.edition == edition)
    ]


def to_everyone(corpus: Corpus, edition: int | None = None) -> list[InContext]:
    """Messages with an empty ``to``: addressed to all bodies, listed on a page of their own."""
    return [
        i
        for i in addressed(corpus)
        if not i.message.to and (edition is None or i.edition == edition)
    ]


def counts_by_body(
    corpus: Corpus, items: list[InContext] | None = None
) -> dict[str, dict[int, int]]:
    """body id -> edition -> number of messages addressed to it (bodies with none: {}).
    ``items``: the addressed messages when the caller has them already."""
    counts: dict[str, dict[int, int]] = {b: {} for b in corpus.bodies}
    for item in addressed(corpus) if items is None else items:
        for body_id in item.message.to:
            per = counts[body_id]
            per[item.edition] = per.get(item.edition, 0) + 1
    return counts


def group_by_edition_and_track(
    corpus: Corpus, items: list[InContext]
) -> list[tuple[int, list[tuple[str | None, list[InContext]]]]]:
    """[(edition, [(track id or None for intersessional work, [items])])], keeping order."""
    out: list[tuple[int, list[tuple[str | None, list[InContext]]]]] = []
    for item in items:
        if not out or out[-1][0] != item.edition:
            out.append((item.edition, []))
        tracks = out[-1][1]
        if not tracks or tracks[-1][0] != item.track:
            tracks.append((item.track, []))
        tracks[-1][1].append(item)
    return out


def responses_about(corpus: Corpus) -> dict[str, list[tuple[str, int]]]:
    """Document id -> (body id, response index) of every body report-back that answers
    it, in the order of the reports and their responses."""
    out: dict[str, list[tuple[str, int]]] = defaultdict(list)
    for body_id, report in corpus.reports.items():
        for n, response in enumerate(report.responses):
            for doc_id in dict.fromkeys(response.about):
                out[doc_id].append((body_id, n))
    return out


if TYPE_CHECKING:
    from igfpub.core.links import Linker


class Index:
    """The aggregations above, computed once per build and shared by every language."""

    def __init__(self, corpus: Corpus, *, file_urls: bool = False) -> None:
        self.corpus = corpus
        # The site links pages by their files (use_directory_urls: false): see Linker.
        self.file_urls = file_urls
        self.all = all_messages(corpus)
        self.addressed = [i for i in self.all if i.message.addressed]
        self.by_body: dict[str, list[InContext]] = {b: [] for b in corpus.bodies}
        self.to_everyone: list[InContext] = []
        self.by_place: dict[tuple[int, str | None, str], list[InContext]] = defaultdict(list)
        for item in self.all:
            self.by_place[(item.edition, item.track, item.message.list_key)].append(item)
        for item in self.addressed:
            if not item.message.to:
                self.to_everyone.append(item)
            for body_id in item.message.to:
                self.by_body[body_id].append(item)
        self.counts = counts_by_body(corpus, self.addressed)
        # (message id, body id) -> follow-up state, for every body a message names.
        self.follow_up: dict[tuple[str, str], Status] = statuses(
            corpus, (i.message for i in self.addressed)
        )

    def follow_up_of(self, message: Message) -> list[Status]:
        """The state of a message for each body it is addressed to, in ``to`` order (for a
        message to everyone: each body that reports on it, :func:`pair_bodies`)."""
        return [
            self.follow_up[(message.id, b)]
            for b in self.pair_bodies(message)
            if (message.id, b) in self.follow_up
        ]

    def pair_bodies(self, message: Message) -> tuple[str, ...]:
        return pair_bodies(self.corpus, message, self.follow_up)

    @cached_property
    def responses(self) -> dict[str, list[tuple[str, int]]]:
        """:func:`responses_about`, once: every document's page asks, in every language."""
        return responses_about(self.corpus)

    @cached_property
    def sessions_by_track(self) -> dict[tuple[int, str], list[Session]]:
        """Each (edition, track)'s sessions, in the corpus's order: edition pages list them
        track by track, and a pass over the archive per track grew with editions times
        sessions."""
        out: dict[tuple[int, str], list[Session]] = defaultdict(list)
        for session in self.corpus.sessions.values():
            out[(session.edition, session.track)].append(session)
        return out

    @cached_property
    def intersessional_by_edition(self) -> dict[int, list[Intersessional]]:
        out: dict[int, list[Intersessional]] = defaultdict(list)
        for doc in self.corpus.intersessional.values():
            out[doc.edition].append(doc)
        return out

    @cached_property
    def linker(self) -> Linker:
        """Where links between documents lead; built once, for every language."""
        # links -> pages -> publications, and markup -> links: imported late.
        from igfpub.core.links import Linker
        from igfpub.core.markup import outline

        return Linker(self.corpus, outline=outline, file_urls=self.file_urls)

    def in_track(self, edition: int, track: str | None, list_key: str) -> list[InContext]:
        return self.by_place.get((edition, track, list_key), [])

    def for_body(self, body_id: str, edition: int | None = None) -> list[InContext]:
        """:func:`for_body`, from this index (which sorted the archive once)."""
        found = self.by_body.get(body_id, [])
        return found if edition is None else [i for i in found if i.edition == edition]

    def bodies_in(self, edition: int) -> dict[str, int]:
        counts = {b: per[edition] for b, per in self.counts.items() if edition in per}
        return dict(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))
