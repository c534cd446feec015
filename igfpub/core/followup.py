"""What became of each message: the follow-up state of every (call to action or
recommendation, body it is addressed to) pair.

A pair's timeline is every ``follow_up`` entry of that body about that message, oldest
first; the latest entry by date (the last written, for entries of the same day) gives its
current state. A pair without entries is *awaiting response*.

A message addressed to everyone (an empty ``to``) names no body, so none awaits: it has a
pair for each body that reports on it, in the registry's order.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from igfpub.core.model import (
    FOLLOW_UP_IMPLEMENTATIONS,
    FOLLOW_UP_RESPONSES,
    Corpus,
    FollowUp,
    Message,
)

AWAITING = "awaiting"
# Every response state a pair can be in, in the order pages and open data list them.
RESPONSE_STATES: tuple[str, ...] = (AWAITING, *FOLLOW_UP_RESPONSES)
IMPLEMENTATION_STATES: tuple[str, ...] = FOLLOW_UP_IMPLEMENTATIONS


@dataclass(frozen=True)
class Status:
    message: str
    body: str
    timeline: tuple[FollowUp, ...]  # oldest first

    @property
    def current(self) -> FollowUp | None:
        return self.timeline[-1] if self.timeline else None

    @property
    def response(self) -> str:
        return self.current.response if self.current else AWAITING

    @property
    def implementation(self) -> str | None:
        return self.current.implementation if self.current else None

    @property
    def date(self) -> dt.date | None:
        return self.current.date if self.current else None

    @property
    def awaiting(self) -> bool:
        return not self.timeline


def statuses(corpus: Corpus, messages: Iterable[Message]) -> dict[tuple[str, str], Status]:
    """(message id, body id) -> Status for every addressed message and each body in its
    ``to`` (:func:`pair_bodies`), in the order of ``messages`` and of those bodies."""
    entries: dict[tuple[str, str], list[FollowUp]] = defaultdict(list)
    for body_id, report in corpus.reports.items():
        for entry in report.follow_up:
            entries[(entry.message, body_id)].append(entry)
    out: dict[tuple[str, str], Status] = {}
    for m in messages:
        if not m.addressed:
            continue
        for body_id in pair_bodies(corpus, m, entries):
            timeline = sorted(entries.get((m.id, body_id), []), key=lambda e: e.date)
            out[(m.id, body_id)] = Status(m.id, body_id, tuple(timeline))
    return out


def pair_bodies(
    corpus: Corpus, message: Message, entries: Mapping[tuple[str, str], object]
) -> tuple[str, ...]:
    """The bodies a message has a follow-up state for: those its ``to`` names, or, for a
    message addressed to everyone, those that report on it (``entries`` is keyed by
    (message id, body id))."""
    if message.to:
        return message.to
    return tuple(b for b in corpus.bodies if (message.id, b) in entries)


@dataclass(frozen=True)
class Counts:
    """How many pairs are in each state."""

    response: dict[str, int]  # every RESPONSE_STATES key
    implementation: dict[str, int]  # every IMPLEMENTATION_STATES key
    total: int

    @property
    def answered(self) -> int:
        return self.total - self.response[AWAITING]


def count(items: Iterable[Status]) -> Counts:
    response = dict.fromkeys(RESPONSE_STATES, 0)
    implementation = dict.fromkeys(IMPLEMENTATION_STATES, 0)
    total = 0
    for status in items:
        total += 1
        response[status.response] += 1
        if status.implementation:
            implementation[status.implementation] += 1
    return Counts(response, implementation, total)
