"""The follow-up page of an edition (``{L}editions/<edition>/follow-up/``): how many of its
(message, body) pairs are in each state, by body and by track, the same figures as a bar
chart, and the messages still awaiting a response, oldest first."""

from __future__ import annotations

import weakref
from dataclasses import dataclass

from igfpub.core import urls
from igfpub.core.followup import RESPONSE_STATES, Counts, Status, count
from igfpub.core.model import Corpus, Localized
from igfpub.core.publications import InContext, Index, message_date
from igfpub.core.spec import PageSpec

Pair = tuple[InContext, Status]


@dataclass(frozen=True)
class Row:
    key: str | None  # a body id, a track id, or None: intersessional work
    counts: Counts


@dataclass(frozen=True)
class Report:
    edition: int
    pairs: tuple[Pair, ...]  # publication order
    total: Counts
    by_body: tuple[Row, ...]  # registry order
    by_track: tuple[Row, ...]  # the edition's track order, intersessional work last
    awaiting: tuple[Pair, ...]  # oldest message first

    @property
    def bodies(self) -> int:
        return len(self.by_body)

    @property
    def awaiting_messages(self) -> int:
        """The messages that await a response from a body: a message addressed to two
        bodies that have not answered is listed twice, and is one message."""
        return len({item.message.id for item, _ in self.awaiting})

    def for_body(self, body_id: str) -> Counts:
        """How the edition's messages to one body stand (all zero if it has none)."""
        return next((row.counts for row in self.by_body if row.key == body_id), count(()))


# Every body page asks for every edition's report, one edition after the other: a
# bounded LRU smaller than the number of editions missed on every call (a 20-edition
# archive computed each report 26 times per language). The reports live as long as
# their index, which is one build's.
_REPORTS: weakref.WeakKeyDictionary[Index, dict[int, Report]] = weakref.WeakKeyDictionary()


def report(index: Index, year: int) -> Report:
    """Computed once per build and edition, whatever the number of languages."""
    reports = _REPORTS.setdefault(index, {})
    if year not in reports:
        reports[year] = _report(index, year)
    return reports[year]


def _report(index: Index, year: int) -> Report:
    corpus = index.corpus
    # The responses expected: one for each message and each body its `to` names. A body
    # may also report on a message addressed to all (shown under that message), which
    # no body is awaiting: counted here, it made a body's figures add up to more than the
    # messages its page lists, and a body that none names one of the bodies expected.
    pairs = [
        (item, status)
        for item in index.addressed
        if item.edition == year
        for status in index.follow_up_of(item.message)
        if status.body in item.message.to
    ]
    by_body = [
        Row(body_id, count(s for _, s in pairs if s.body == body_id))
        for body_id in corpus.bodies
        if any(s.body == body_id for _, s in pairs)
    ]
    edition = corpus.editions[year]
    track_keys: list[str | None] = [t.id for t in edition.tracks]
    if any(item.track is None for item, _ in pairs):
        track_keys.append(None)
    by_track = [
        Row(key, count(s for item, s in pairs if item.track == key))
        for key in track_keys
        if any(item.track == key for item, _ in pairs)
    ]
    waiting = [p for p in pairs if p[1].awaiting]
    # sorted() is stable: messages of the same day keep publication order.
    waiting.sort(key=lambda p: message_date(corpus, p[0]))
    return Report(year, tuple(pairs), count(s for _, s in pairs), tuple(by_body),
                  tuple(by_track), tuple(waiting))  # fmt: skip


# -- the chart --------------------------------------------------------------------------
@dataclass(frozen=True)
class Segment:
    state: str
    count: int
    x: float
    width: float


@dataclass(frozen=True)
class Bar:
    key: str
    y: float
    label_x: float  # the labels end where the bars begin
    segments: tuple[Segment, ...]


@dataclass(frozen=True)
class Chart:
    width: int
    height: int
    bar_height: int
    bars: tuple[Bar, ...]


LABEL_WIDTH = 200  # acronyms; Arabic ones are words ("المفوضية السامية لحقوق الإنسان")
BAR_WIDTH = 400
ROW = 30
BAR = 20


def chart(rows: tuple[Row, ...], rtl: bool = False) -> Chart:
    """One horizontal bar per row, stacked by response state, scaled to the largest row.
    Right to left, the drawing is mirrored: labels on the right, bars growing leftwards.
    Labels are anchored at their end, which the text's direction puts on the bars' side."""
    width = LABEL_WIDTH + BAR_WIDTH + 20
    largest = max((r.counts.total for r in rows), default=0) or 1
    bars = []
    for n, row in enumerate(rows):
        y = 10 + n * ROW
        x: float = LABEL_WIDTH + 10
        segments = []
        for state in RESPONSE_STATES:
            k = row.counts.response[state]
            if not k:
                continue
            w = BAR_WIDTH * k / largest
            segments.append(Segment(state, k, round(width - x - w if rtl else x, 1), round(w, 1)))
            x += w
        label_x = width - LABEL_WIDTH if rtl else LABEL_WIDTH
        bars.append(Bar(row.key or "", y, label_x, tuple(segments)))
    return Chart(width, 20 + len(rows) * ROW, BAR, tuple(bars))


def plan_follow_up(corpus: Corpus) -> list[PageSpec]:
    return [
        PageSpec(
            f"follow-up/{year}",
            "follow-up",
            "igfpub/follow-up.html",
            Localized.plain("Follow-up of the messages"),
            {lang: urls.follow_up(lang, year) for lang in corpus.languages},
            corpus.editions[year],
            ui_title="Follow-up of the messages",
            detail=year,
        )
        for year in corpus.editions
    ]
