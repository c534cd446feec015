"""What each generated page is made from, as a digest: the key of its render cache.

A page's key names everything that decides its text: its own documents (a session page
shows one session), the documents of its edition (an outcome document, a programme, a
brief), the documents that address a body (a body's page), or all documents (pages that
count across the archive). Everything that is not a session or intersessional document
(registries, editions, free pages, languages) is in every key: it is small, rarely
edited, and shows up in the navigation or the labels of every page.

Digests are of the model objects' pickled bytes: the model is frozen dataclasses, tuples,
ordered mappings and dates, so the same content always gives the same bytes.
"""

from __future__ import annotations

import hashlib
import io
import pickle
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import replace

from igfpub.core.briefs import Brief
from igfpub.core.headings import Heading
from igfpub.core.markup import outline
from igfpub.core.model import Corpus, Edition, Localized, Narrative
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


def _headings(corpus: Corpus, doc_id: str) -> tuple[tuple[str, tuple[Heading, ...]], ...]:
    doc = corpus.document(doc_id)
    if doc is None:
        return ()
    return tuple((lang, outline(text)) for lang, text in doc.text.body.values.items())


class PageInputs:
    """Digests of a corpus, by the groups of documents that pages read."""

    def __init__(self, corpus: Corpus, index: Index) -> None:
        self.shared = digest(
            corpus.bodies,
            corpus.groups,
            corpus.observatories,
            corpus.editions,
            corpus.reports,
            corpus.pages,
            corpus.languages,
            # Where each document is published: a link to one from any text (links between
            # documents) changes with it.
            tuple((doc.id, doc.edition) for doc in corpus.documents()),
            # The headings that links name, in every language: a link's fragment is the id
            # the target's page gives the heading, which its words decide.
            [_headings(corpus, doc_id) for doc_id in sorted(corpus.heading_targets)],
        )
        # What other pages see of a document: everything but its Markdown text, which only
        # its own page shows (a rapporteur's edit to the report re-renders that page, not
        # the edition's, the bodies' and the archive's pages). Which languages it is in,
        # and whether each translation is stale, stay in.
        self.seen = {doc.id: digest(replace(doc, text=_outline(doc.text)))
                     for doc in corpus.documents()}  # fmt: skip
        # The whole document: its own pages.
        self.docs = {doc.id: digest(self.seen[doc.id], doc.text) for doc in corpus.documents()}
        self.all = _combine(self.seen.values())
        by_edition: dict[int, list[str]] = defaultdict(list)
        for doc in corpus.documents():
            by_edition[doc.edition].append(self.seen[doc.id])
        self.editions = {year: _combine(found) for year, found in by_edition.items()}
        self.bodies = {
            body: _combine({self.seen[item.doc.id] for item in index.for_body(body)})
            for body in corpus.bodies
        }
        self.to_everyone = _combine({self.seen[item.doc.id] for item in index.to_everyone})
        self.intersessional = _combine(self.seen[d] for d in corpus.intersessional)
        self._neutral: dict[str, str] = {}

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
            # The messages it may show, the group documents it summarises, and the count
            # of the edition's messages to all bodies (the only thing it takes from others).
            # A brief of one group document shows that document's text too.
            shown = {item.doc.id for item in subject.items} - {d.id for d in subject.docs}
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
