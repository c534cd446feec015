"""Aggregation of messages into publications, on the bilingual fixture."""

from __future__ import annotations

from igfpub.core import publications as pub
from igfpub.core.loader import load_corpus
from tests.conftest import SITES

CORPUS = load_corpus(SITES / "bilingual").corpus


def ids(items: list[pub.InContext]) -> list[str]:
    return [i.message.id for i in items]


def test_body_receives_exactly_the_messages_naming_it() -> None:
    # Track order of the edition (trust, access), then intersessional work.
    assert ids(pub.for_body(CORPUS, "itu")) == [
        "IGF2025-WS-1/cta-1",
        "IGF2025-OF-2/cta-1",
        "BPF-CYBER-2025/rec-1",
    ]
    assert ids(pub.for_body(CORPUS, "unesco")) == ["IGF2025-WS-1/cta-1"]
    assert ids(pub.for_body(CORPUS, "oecd")) == ["BPF-CYBER-2025/rec-1"]
    assert ids(pub.for_body(CORPUS, "itu", edition=2024)) == []


def test_messages_to_everyone_are_not_on_body_pages() -> None:
    assert ids(pub.to_everyone(CORPUS)) == ["IGF2025-WS-1/cta-2"]
    for body in CORPUS.bodies:
        assert "IGF2025-WS-1/cta-2" not in ids(pub.for_body(CORPUS, body))


def test_counts_and_grouping() -> None:
    assert pub.counts_by_body(CORPUS) == {"itu": {2025: 3}, "unesco": {2025: 1}, "oecd": {2025: 1}}
    assert pub.Index(CORPUS).bodies_in(2025) == {"itu": 3, "oecd": 1, "unesco": 1}
    assert pub.Index(CORPUS).counts == pub.counts_by_body(CORPUS)
    grouped = pub.group_by_edition_and_track(CORPUS, pub.for_body(CORPUS, "itu"))
    assert [(ed, [t for t, _ in tracks]) for ed, tracks in grouped] == [
        (2025, ["trust", "access", None])
    ]


def test_all_messages_in_publication_order() -> None:
    all_ids = ids(pub.all_messages(CORPUS))
    assert len(all_ids) == len(set(all_ids)) == 13
    assert all_ids[:6] == [
        "IGF2025-WS-1/kt-1", "IGF2025-WS-1/kt-2", "IGF2025-WS-1/cta-1",
        "IGF2025-WS-1/cta-2", "IGF2025-WS-1/con-1", "IGF2025-WS-1/div-1",
    ]  # fmt: skip
