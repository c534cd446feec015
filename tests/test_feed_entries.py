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
from tests.contentkit import write_tree

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


def _steps(root: Path) -> dict[str, tuple[str, str]]:
    """A feed's follow-up entries: id -> (updated, title)."""
    corpus = load_corpus(root).corpus
    feed = feedparser.parse(
        body_feed(Index(corpus), corpus.bodies["itu"], "en", "https://igf.example/", str)
    )
    return {e.id: (e.updated[:10], e.title) for e in feed.entries if "/follow-up/" in e.id}


def _report(*entries: tuple[str, str]) -> str:
    lines = "".join(f"  - {{message: IGF2025-WS-1/cta-1, date: {d}, response: {r}}}\n"
                    for d, r in entries)  # fmt: skip
    return f"---\nbody: itu\nfollow_up:\n{lines}---\n"


def test_follow_up_entry_ids_stay_when_an_earlier_entry_is_added(tmp_path: Path) -> None:
    """Feed readers know an entry by its id: an entry backdated before the others, or a
    second one on the same day, is a new id, and the others keep theirs and their date."""
    first = [("2025-07-01", "acknowledged"), ("2025-11-15", "supported")]
    before = _steps(write_tree(tmp_path, {"bodies/itu.md": _report(*first)}))
    tag = "tag:igf.example,2025:IGF2025-WS-1/cta-1/follow-up/itu"
    assert before == {
        f"{tag}/2025-07-01": ("2025-07-01", "ITU on IGF2025-WS-1/cta-1: Acknowledged"),
        f"{tag}/2025-11-15": ("2025-11-15", "ITU on IGF2025-WS-1/cta-1: Supported"),
    }
    more = [*first, ("2025-06-30", "acknowledged"), ("2025-07-01", "noted")]
    after = _steps(write_tree(tmp_path, {"bodies/itu.md": _report(*more)}))
    assert after == before | {
        f"{tag}/2025-06-30": ("2025-06-30", "ITU on IGF2025-WS-1/cta-1: Acknowledged"),
        f"{tag}/2025-07-01/2": ("2025-07-01", "ITU on IGF2025-WS-1/cta-1: Noted"),
    }
