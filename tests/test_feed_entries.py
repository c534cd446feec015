"""A message addressed to several bodies is made into one Atom entry per language and
copied into each body's feed (igfpub/core/feeds.py): the feeds are the bytes each would be
if made alone."""

from __future__ import annotations

from pathlib import Path

import feedparser

from igfpub.core.feeds import body_feed
from igfpub.core.languages import Languages, use
from igfpub.core.loader import load_corpus
from igfpub.core.publications import Index

CONTENT = Path(__file__).resolve().parent.parent / "content"


def test_shared_entries_make_the_same_feeds() -> None:
    corpus = load_corpus(CONTENT).corpus
    use(Languages(tuple(corpus.languages), {}))
    index = Index(corpus)
    shared_to = [i.message.id for i in index.addressed if len(i.message.to) > 1]
    assert shared_to, "the sample has no message addressed to two bodies"
    for lang in ("en", "fr", "ar"):
        made: dict = {}
        for body in corpus.bodies.values():
            alone = body_feed(index, body, lang, "https://igf.example/", str)
            together = body_feed(index, body, lang, "https://igf.example/", str, made)
            assert together == alone, (lang, body.id)
        assert set(shared_to) <= set(made)
        # The entry of a message to two bodies, in both of their feeds, whole.
        first = next(i for i in index.addressed if i.message.id == shared_to[0])
        for body_id in first.message.to:
            feed = feedparser.parse(
                body_feed(index, corpus.bodies[body_id], lang, "https://igf.example/", str, made)
            )
            (entry,) = [e for e in feed.entries if e.id.endswith(":" + first.message.id)]
            assert {t.term for t in entry.tags} >= {f"to:{b}" for b in first.message.to}
            assert entry.link.endswith("#" + first.message.id)
