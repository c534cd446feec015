"""Two-page recommendation briefs: which exist, what each may show, and how one is shortened.

Framework-neutral: no MkDocs, no WeasyPrint. Whether a selection fits on two pages is
decided by rendering it (:mod:`igfpub.pdf`); this module only says, for any number ``k``,
*which* ``k`` messages a brief keeps and how they are laid out in sections.

Per edition there is one brief per decision-making body that received at least one call to
action or recommendation (``briefs/<edition>/body-<id>/``) and one per BPF, DC or PN that
published intersessional takeaways (``briefs/<edition>/group-<id>/``).
"""

from __future__ import annotations

import itertools
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from igfpub.core import urls
from igfpub.core.followup import Counts, Status, count, statuses
from igfpub.core.languages import locale, site_languages
from igfpub.core.model import Corpus, Intersessional, Localized, Session
from igfpub.core.publications import InContext, addressed
from igfpub.core.spec import PageSpec

MAX_PAGES = 2
# Rows of the previous edition's follow-up a body brief lists; the rest is counted and linked.
FOLLOW_UP_ROWS = 6
# The lists an intersessional brief shows, in the order it shows them.
GROUP_LISTS = ("key_takeaways", "recommendations", "minority_views")


@dataclass(frozen=True)
class Brief:
    """One brief, language-neutral: the six language versions share everything here."""

    kind: str  # body | group
    edition: int
    subject_id: str  # a body id or a group id
    # "2025/BRIEF/ITU": the document symbol after the site's prefix (IGF/2025/BRIEF/ITU),
    # one symbol for all languages, like UN documents (see Presenter.symbol)
    doc_id: str
    items: tuple[InContext, ...]  # every message the brief may show, in reading order
    docs: tuple[Intersessional, ...] = ()  # group briefs: the group's takeaways documents
    to_everyone: int = 0  # body briefs: messages of the edition addressed to all bodies
    country: Localized = field(default_factory=lambda: Localized.plain(""))  # named per language
    # Body briefs: what became of the messages the body received at the previous edition.
    earlier: FollowUpSection | None = None

    @property
    def key(self) -> str:
        """Language-neutral identity, also the tail of its URLs: ``2025/body-itu``."""
        return f"{self.edition}/{self.kind}-{self.subject_id}"

    @property
    def total(self) -> int:
        return len(self.items)

    def url(self, lang: str) -> str:
        return urls.brief(lang, self.edition, self.kind, self.subject_id)

    def pdf_url(self, lang: str) -> str:
        return urls.brief_pdf(lang, self.edition, self.kind, self.subject_id)

    def to_everyone_url(self, lang: str) -> str:
        return urls.to_everyone(lang)

    def full_list_url(self, lang: str) -> str:
        """Where every message of the brief is online, shortened or not."""
        if self.kind == "body":
            return urls.body(lang, self.subject_id)
        if len(self.docs) == 1:
            return urls.intersessional(lang, self.edition, self.docs[0].id)
        return urls.group(lang, self.subject_id)

    def everything(self) -> Selection:
        return select(self, self.total)


@dataclass(frozen=True)
class FollowUpSection:
    """The previous edition's messages to a body and what the body reported on them. At
    most ``FOLLOW_UP_ROWS`` are listed (those with a response first); the section says how
    many more there are and links to the edition's follow-up page."""

    edition: int
    pairs: tuple[tuple[InContext, Status], ...]  # publication order
    counts: Counts

    @property
    def shown(self) -> tuple[tuple[InContext, Status], ...]:
        answered = [p for p in self.pairs if not p[1].awaiting]
        waiting = [p for p in self.pairs if p[1].awaiting]
        keep = {id(p) for p in [*answered, *waiting][:FOLLOW_UP_ROWS]}
        return tuple(p for p in self.pairs if id(p) in keep)

    @property
    def more(self) -> int:
        return len(self.pairs) - len(self.shown)

    def url(self, lang: str) -> str:
        return urls.follow_up(lang, self.edition)


@dataclass(frozen=True)
class Part:
    """The messages of one source document inside a section."""

    doc: Session | Intersessional
    items: tuple[InContext, ...]


@dataclass(frozen=True)
class Section:
    """A track (body briefs; ``None`` is intersessional work) or a message list (group
    briefs: ``key_takeaways``, ...), with the messages of it that are shown."""

    key: str | None
    parts: tuple[Part, ...]
    omitted: int  # messages of this section left out to fit two pages

    @property
    def shown(self) -> int:
        return sum(len(p.items) for p in self.parts)


@dataclass(frozen=True)
class Selection:
    sections: tuple[Section, ...]
    shown: int
    total: int

    @property
    def omitted(self) -> int:
        return self.total - self.shown

    @property
    def ids(self) -> list[str]:
        return [i.message.id for s in self.sections for p in s.parts for i in p.items]


def doc_id(edition: int, kind: str, subject_id: str, taken: Iterable[str] = ()) -> str:
    """The brief's document symbol, after the site's prefix. Body and group ids live in
    separate registries, so a group whose id is also a body's gets a ``G-`` mark instead
    of a clash."""
    symbol = f"{edition}/BRIEF/{subject_id.upper()}"
    if kind == "group" and symbol in set(taken):
        symbol = f"{edition}/BRIEF/G-{subject_id.upper()}"
    return symbol


def briefs(corpus: Corpus) -> list[Brief]:
    """Every brief, newest edition first; bodies then groups, each in registry order."""
    everything = addressed(corpus)
    by_body: dict[tuple[int, str], list[InContext]] = defaultdict(list)
    to_all: dict[int, int] = defaultdict(int)
    for item in everything:
        if not item.message.to:
            to_all[item.edition] += 1
        for body_id in item.message.to:
            by_body[(item.edition, body_id)].append(item)
    states = statuses(corpus, (i.message for i in everything))
    out: list[Brief] = []
    for year, edition in corpus.editions.items():
        before = max((y for y in corpus.editions if y < year), default=None)
        country = country_names(edition.country)
        symbols: list[str] = []
        for body_id in corpus.bodies:
            items = by_body.get((year, body_id))
            if items:
                symbol = doc_id(year, "body", body_id)
                symbols.append(symbol)
                earlier = None
                if before is not None and by_body.get((before, body_id)):
                    pairs = tuple((i, states[(i.message.id, body_id)])
                                  for i in by_body[(before, body_id)])  # fmt: skip
                    earlier = FollowUpSection(before, pairs, count(s for _, s in pairs))
                out.append(Brief("body", year, body_id, symbol, tuple(items),
                                 to_everyone=to_all[year], country=country,
                                 earlier=earlier))  # fmt: skip
        docs_by_group: dict[str, list[Intersessional]] = defaultdict(list)
        for doc in corpus.intersessional.values():
            if doc.edition == year:
                docs_by_group[doc.group].append(doc)
        for group_id in corpus.groups:
            docs = docs_by_group.get(group_id)
            if docs:
                items = [
                    InContext(m, d)
                    for key in GROUP_LISTS
                    for d in docs
                    for m in d.messages
                    if m.list_key == key
                ]
                symbol = doc_id(year, "group", group_id, symbols)
                out.append(Brief("group", year, group_id, symbol, tuple(items), tuple(docs),
                                 country=country))  # fmt: skip
    return out


def country_names(english: str) -> Localized:
    """The contract gives an edition's country as an English name; a brief in Russian
    should not say "Norway". CLDR's names are used when the English one is CLDR's too;
    otherwise the English name stands, marked as English."""
    names = locale("en").territories
    code = next((c for c, name in names.items() if name == english), None)
    if code is None:
        return Localized.plain(english)
    return Localized(
        {lang: locale(lang).territories.get(code, english) for lang in site_languages().codes}
    )


def priority(brief: Brief) -> list[InContext]:
    """The order in which a brief that cannot show everything keeps its messages.

    Body briefs hear every source document once before any twice: first each document's
    most specific message (the one addressed to the fewest bodies: more this body's
    business than a call to a dozen organisations), then each one's second, and so on.
    Within each of those rounds the tracks take turns, so that a long track cannot crowd
    the others out.

    Group briefs keep minority views first (the content model says dissent must be
    reflected, and a shortened brief must not read as unanimous), then alternate
    recommendations and takeaways, recommendations first: they are what a body is asked
    to act on.
    """
    if brief.kind == "body":
        rounds: dict[int, dict[str | None, list[InContext]]] = defaultdict(dict)
        for rank, item in _doc_ranks(brief.items):
            rounds[rank].setdefault(item.track, []).append(item)
        return [
            item
            for rank in sorted(rounds)
            for item in _round_robin([rounds[rank][t] for t in _tracks(brief) if t in rounds[rank]])
        ]
    lists = {key: [i for i in brief.items if i.message.list_key == key] for key in GROUP_LISTS}
    return [
        *lists["minority_views"],
        *_round_robin([lists["recommendations"], lists["key_takeaways"]]),
    ]


def _doc_ranks(items: Iterable[InContext]) -> list[tuple[int, InContext]]:
    """(rank, item): an item's place among its document's items, fewest addressees first;
    the list keeps reading order."""
    by_doc: dict[str, list[InContext]] = defaultdict(list)
    for item in items:
        by_doc[item.doc.id].append(item)
    rank_of = {
        id(item): rank
        for doc_items in by_doc.values()
        for rank, item in enumerate(sorted(doc_items, key=lambda i: len(i.message.to)))
    }
    return [(rank_of[id(item)], item) for item in items]


def _tracks(brief: Brief) -> list[str | None]:
    return list(dict.fromkeys(i.track for i in brief.items))


def _round_robin(queues: list[list[InContext]]) -> Iterator[InContext]:
    for row in itertools.zip_longest(*queues):
        yield from (item for item in row if item is not None)


def select(brief: Brief, count: int) -> Selection:
    """The ``count`` messages a brief keeps, laid out in reading order."""
    kept = {id(item) for item in priority(brief)[: max(0, count)]}
    sections: list[Section] = []
    if brief.kind == "body":
        keys: list[str | None] = list(dict.fromkeys(i.track for i in brief.items))
        of_section = {key: [i for i in brief.items if i.track == key] for key in keys}
    else:
        keys = [k for k in GROUP_LISTS if any(i.message.list_key == k for i in brief.items)]
        of_section = {key: [i for i in brief.items if i.message.list_key == key] for key in keys}
    for key in keys:
        items = of_section[key]
        shown = [i for i in items if id(i) in kept]
        groups = [tuple(g) for _, g in itertools.groupby(shown, key=lambda i: i.doc.id)]
        parts = [Part(group[0].doc, group) for group in groups]
        sections.append(Section(key, tuple(parts), len(items) - len(shown)))
    total_shown = sum(s.shown for s in sections)
    return Selection(tuple(sections), total_shown, brief.total)


def plan_briefs(corpus: Corpus) -> list[PageSpec]:
    """The HTML page of every brief (its PDF is written after the build)."""
    specs = []
    for brief in briefs(corpus):
        subject = (
            corpus.bodies[brief.subject_id].acronym
            if brief.kind == "body"
            else corpus.groups[brief.subject_id].acronym
        )
        edition = corpus.editions[brief.edition].title
        # A <title>: "ITU · IGF 2025: ...", each half in the reader's language when it exists.
        title = Localized(
            {
                lang: f"{subject.get(lang)[0]} · {edition.get(lang)[0]}"
                for lang in site_languages().codes
            }
        )
        specs.append(
            PageSpec(
                f"brief/{brief.key}",
                "brief",
                "igfpub/brief.html",
                title,
                {lang: brief.url(lang) for lang in site_languages().codes},
                brief,
                # A group brief is one document's takeaways: its translation state is the
                # page's. A body brief mixes many documents; each text carries its own lang.
                brief.docs[0].text if len(brief.docs) == 1 else None,
                detail=brief.key,
            )
        )
    return specs
