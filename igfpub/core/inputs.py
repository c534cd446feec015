"""What each generated page is made from, as a digest: the key of its render cache.

A page's key names everything that decides its text: its own documents (a session page
shows one session), the documents of its edition (an outcome document, a programme, a
brief), the documents that address a body (a body's page), or all documents (pages that
count across the archive). Everything that is not a session or intersessional document
(registries, editions, free pages, languages) is in every key: it is small, rarely
edited, and shows up in the navigation or the labels of every page. What a link leads to
(where its document is published, the heading its fragment names) is in the keys of the
pages that show the text it is written in.

Two things the Secretariat writes again and again are not, since each shows on few pages:
- the bodies' report-backs, recorded all year, one body at a time: each shows where its
  messages and documents show (their states and timelines, the responses about a
  document) and on its body's page. So each document's digest holds its follow-up, and a
  body's page also its own report;
- an edition's outcome text (its introduction and track narratives), drafted and revised
  before it is adopted: only the edition's own pages show it, and the states of its
  translations, which each draft makes stale. Every page keeps the rest of the edition
  (title, place, dates, tracks' titles), and which languages the text is in.

Digests are of the model objects' pickled bytes: the model is frozen dataclasses, tuples,
ordered mappings and dates, so the same content always gives the same bytes.
"""

from __future__ import annotations

import hashlib
import io
import pickle
from collections.abc import Iterable
from dataclasses import replace

from igfpub.core.briefs import Brief
from igfpub.core.headings import Heading
from igfpub.core.links import EDITION_OWNER, FREE_PAGE_OWNER, REPORT_OWNER
from igfpub.core.markup import outline
from igfpub.core.model import BodyReport, Corpus, Document, Edition, FollowUp, Localized, Narrative
from igfpub.core.publications import Index
from igfpub.core.spec import PageSpec


def digest(*parts: object) -> str:
    h = hashlib.sha256()
    for part in parts:
        h.update(_serialised(part))
        h.update(b"\0")
    return h.hexdigest()


def _serialised(part: object) -> bytes:
    """``part`` as bytes that only its value decides: pickled without the memo, which would
    write an object met twice as a reference to the first, and so make the bytes depend
    on which equal objects happen to be shared (pickle is C; ``repr`` of the same dataclasses
    took twice as long)."""
    out = io.BytesIO()
    pickler = pickle.Pickler(out, protocol=5)
    pickler.fast = True
    pickler.dump(part)
    return out.getvalue()


def _combine(digests: Iterable[str]) -> str:
    return hashlib.sha256("\0".join(sorted(digests)).encode()).hexdigest()


def _outline(text: Narrative) -> Narrative:
    """A document's text without the text: its languages and its translations' states."""
    body = Localized(dict.fromkeys(text.body.values, ""), text.body.where)
    return Narrative(body, text.translations)


def _edition_outline(ed: Edition) -> Edition:
    """An edition as every page sees it: without its outcome text (:func:`_outline`)."""
    tracks = tuple(
        replace(t, narrative=Localized(dict.fromkeys(t.narrative.values, ""), t.narrative.where))
        if t.narrative is not None
        else t
        for t in ed.tracks
    )
    # Which languages its text is in, not their translations' states: only the edition's
    # pages and the translation page show those, and a draft makes them stale.
    return replace(ed, text=Narrative(_outline(ed.text).body), tracks=tracks)


def _headings(corpus: Corpus, owner: str) -> tuple[tuple[str, tuple[Heading, ...]], ...]:
    text: Localized
    if owner.startswith(REPORT_OWNER):
        report = corpus.reports.get(owner.removeprefix(REPORT_OWNER))
        if report is None:
            return ()
        text = report.text
    elif owner.startswith(EDITION_OWNER):
        edition = corpus.editions.get(int(owner.removeprefix(EDITION_OWNER)))
        if edition is None:
            return ()
        text = edition.text.body
    elif owner.startswith(FREE_PAGE_OWNER):
        page = corpus.free_pages.get(owner.removeprefix(FREE_PAGE_OWNER))
        if page is None:
            return ()
        text = page.text.body
    else:
        doc = corpus.document(owner)
        if doc is None:
            return ()
        text = doc.text.body
    return tuple((lang, outline(value)) for lang, value in text.values.items())


def _entry(entry: FollowUp) -> tuple[object, ...]:
    """A follow-up step as its pages show it: not the line it was written on, which an
    edit above it in the same report moves."""
    return (entry.message, entry.date, entry.response, entry.implementation, entry.text,
            entry.evidence, entry.source.path)  # fmt: skip


def _follow_up(index: Index, doc: Document) -> tuple[tuple[object, ...], set[str]]:
    """What the report-backs say of a document: each of its addressed messages' state for
    each body (:meth:`Index.follow_up_of`), and the responses about it, with the report
    file their links start from; and those report files."""
    timelines = [
        (status.body, status.timeline) for m in doc.messages for status in index.follow_up_of(m)
    ]
    states = tuple((body, tuple(_entry(e) for e in timeline)) for body, timeline in timelines)
    reports = index.corpus.reports
    responses = tuple(
        (body, reports[body].responses[n], reports[body].source.path)
        for body, n in index.responses.get(doc.id, [])
    )
    files = {e.source.path for _, timeline in timelines for e in timeline}
    return (states, responses), files | {path for _, _, path in responses}


def _report(report: BodyReport, seen: dict[str, str]) -> str:
    """A body's report-back as its page shows it: its text and responses, and the title
    and address of each document a response is about."""
    about = sorted({d for r in report.responses for d in r.about})
    return digest(report.text, report.translations, report.responses, report.source.path,
                  [(d, seen.get(d, "")) for d in about])  # fmt: skip


class PageInputs:
    """Digests of a corpus, by the groups of documents that pages read."""

    def __init__(self, corpus: Corpus, index: Index) -> None:
        self._corpus = corpus
        # The files whose texts only some pages show (a document's, an edition's outcome
        # text, a body's report-back): the places their links lead to are in those pages'
        # keys. A link from any other file (a free page) is in every key.
        own = {doc.source.path for doc in corpus.documents()}
        own |= {ed.source.path for ed in corpus.editions.values()}
        own |= {report.source.path for report in corpus.reports.values()}
        linking = corpus.linked_docs.keys() | corpus.linked_headings.keys()
        elsewhere = sorted(path for path in linking if path not in own)
        self.shared = digest(
            corpus.bodies,
            corpus.groups,
            corpus.observatories,
            [_edition_outline(ed) for ed in corpus.editions.values()],
            corpus.pages,
            corpus.languages,
            # What the links of such a file lead to. Not every link's: a new report that
            # linked a session no text had linked re-rendered every page of the archive.
            self._linked(elsewhere),
        )
        # What other pages see of a document: everything but its Markdown text, which only
        # its own page shows (a rapporteur's edit to the report re-renders that page, not
        # the edition's, the bodies' and the archive's pages). Which languages it is in,
        # and whether each translation is stale, stay in.
        self.seen = {}
        for doc in corpus.documents():
            follow_up, reports = _follow_up(index, doc)
            self.seen[doc.id] = digest(replace(doc, text=_outline(doc.text)), follow_up,
                                       self._linked([doc.source.path, *reports]))  # fmt: skip
        self.reports = {
            body: digest(_report(r, self.seen), self._linked([r.source.path]))
            for body, r in corpus.reports.items()
        }
        # The whole document: its own pages.
        self.docs = {doc.id: digest(self.seen[doc.id], doc.text) for doc in corpus.documents()}
        # An edition's own pages (outcome document, programme, follow-up) show its text.
        outcome = {
            year: digest(ed, self._linked([ed.source.path])) for year, ed in corpus.editions.items()
        }
        # The pages that count across the archive, and the open data, hold everything.
        self.all = _combine([*self.seen.values(), *self.reports.values(), *outcome.values()])
        by_edition: dict[int, list[str]] = {year: [found] for year, found in outcome.items()}
        for doc in corpus.documents():
            by_edition.setdefault(doc.edition, []).append(self.seen[doc.id])
        self.editions = {year: _combine(found) for year, found in by_edition.items()}
        self.bodies = {
            body: _combine({self.seen[item.doc.id] for item in index.for_body(body)}
                           | {self.reports.get(body, "")})
            for body in corpus.bodies
        }  # fmt: skip
        self.to_everyone = _combine({self.seen[item.doc.id] for item in index.to_everyone})
        self.intersessional = _combine(self.seen[d] for d in corpus.intersessional)
        self._neutral: dict[str, str] = {}

    def _linked(self, paths: Iterable[str]) -> tuple[object, ...]:
        """What the links in the texts of ``paths`` lead to: where the documents are
        published, and the headings they name in every language (a link's fragment is
        the id the target's page gives the heading, which its words decide)."""
        corpus, paths = self._corpus, list(paths)
        docs = set().union(*(corpus.linked_docs.get(path, ()) for path in paths))
        owners = set().union(*(corpus.linked_headings.get(path, ()) for path in paths))
        places = tuple(
            (doc_id, doc.edition)
            for doc_id in sorted(docs)
            if (doc := corpus.document(doc_id)) is not None
        )
        return places, tuple(_headings(corpus, owner) for owner in sorted(owners))

    def key(self, spec: PageSpec) -> str:
        """``of(spec)``, computed once per page for all languages."""
        found = self._neutral.get(spec.key)
        if found is None:
            found = self._neutral[spec.key] = self.of(spec)
        return found

    def of(self, spec: PageSpec) -> str:
        """The digest of what ``spec``'s page is made from, in any language."""
        # The subject and narrative come from the documents digested below (or the shared
        # part); their bytes would repeat whole documents in every brief's key.
        plain = (spec.key, spec.kind, spec.template, spec.title, dict(spec.urls),
                 spec.in_nav, spec.ui_title, spec.detail)  # fmt: skip
        return digest(plain, self.shared, self._documents(spec))

    def _documents(self, spec: PageSpec) -> str:
        subject = spec.subject
        if spec.kind in ("session", "intersessional"):
            return self.docs[str(spec.key.split("/", 1)[1])]
        if isinstance(subject, Edition):
            return self.editions.get(subject.edition, "")
        if isinstance(subject, Brief):
            # The messages it may show, the group documents it summarises, the count of
            # the edition's messages to all bodies, and the documents of the previous
            # edition whose follow-up a body's brief reports (their states are in ``seen``).
            # A brief of one group document shows that document's text too.
            shown = {item.doc.id for item in subject.items} - {d.id for d in subject.docs}
            if subject.earlier is not None:
                shown |= {item.doc.id for item, _ in subject.earlier.pairs}
            docs = [self.seen[d] for d in shown] + [self.docs[d.id] for d in subject.docs]
            return digest(_combine(docs), subject.to_everyone)
        if spec.kind == "programme" and isinstance(spec.detail, int):
            return self.editions.get(spec.detail, "")
        if spec.kind == "body" and isinstance(spec.detail, str):
            return self.bodies.get(spec.detail, "")
        if spec.kind == "to-everyone":
            return self.to_everyone
        if spec.kind in ("groups", "group"):
            return self.intersessional
        if spec.kind in ("observatories", "open-data", "search"):
            return ""  # registries and interface text only, in the shared part
        return self.all
