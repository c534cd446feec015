"""Feed readers lay a title out by its first strong character (HTML's dir="auto"), not by
xml:lang: the titles of an Arabic feed must begin right to left, whatever Latin id, acronym
or name they hold, while an English title standing in for a translation stays left to
right. Read as a feed reader reads them, with feedparser."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import feedparser
import pytest

from igfpub.catalogs import THEME, merged_translations
from igfpub.core.feeds import body_feed, responses_feed
from igfpub.core.languages import Languages, use
from igfpub.core.loader import load_corpus
from igfpub.core.model import Corpus
from igfpub.core.publications import Index

CONTENT = Path(__file__).resolve().parent.parent / "content"
SITE_URL = "https://outcomes.example.org/"


def first_strong(text: str) -> str:
    """The direction that HTML's dir="auto" gives ``text``: "rtl", "ltr" or "" (none)."""
    for c in text:
        kind = unicodedata.bidirectional(c)
        if kind in ("R", "AL"):
            return "rtl"
        if kind == "L":
            return "ltr"
    return ""


@pytest.fixture(scope="module")
def sample() -> tuple[Corpus, Index]:
    corpus = load_corpus(CONTENT).corpus
    use(Languages(tuple(corpus.languages), {}))
    return corpus, Index(corpus)


def _feed(sample: tuple[Corpus, Index], lang: str, body: str | None) -> feedparser.FeedParserDict:
    corpus, index = sample
    gettext = merged_translations([THEME], lang).gettext
    xml = (
        body_feed(index, corpus.bodies[body], lang, SITE_URL, gettext)
        if body
        else responses_feed(index, lang, SITE_URL, gettext)
    )
    return feedparser.parse(xml)


@pytest.mark.parametrize("body", ["unesco", "itu", None])
def test_arabic_feed_titles_read_right_to_left(
    sample: tuple[Corpus, Index], body: str | None
) -> None:
    feed = _feed(sample, "ar", body)
    assert first_strong(feed.feed.title) == "rtl"
    assert feed.entries
    for entry in feed.entries:
        title, lang = entry.title, entry.title_detail.language
        follow_up = "/follow-up/" in entry.id
        # A follow-up entry is a sentence of the catalog's; a message entry is its
        # document's title, in Arabic or, untranslated, in English.
        expected = "rtl" if follow_up or lang == "ar" else "ltr"
        assert first_strong(title) == expected, (entry.id, lang, title)
        message = entry.id.split(":", 2)[2].split("/follow-up/")[0]
        assert message in title, (message, title)


def test_an_arabic_title_comes_before_its_id(sample: tuple[Corpus, Index]) -> None:
    titles = {e.id.rsplit(":", 1)[1]: e.title for e in _feed(sample, "ar", "unesco").entries}
    title = titles["IRPC-2025/rec-2"]
    assert title.lstrip("\u200f").startswith("حقوق الإنسان")
    assert title.endswith(" (IRPC-2025/rec-2)")


def test_left_to_right_titles_keep_the_id_first(sample: tuple[Corpus, Index]) -> None:
    for lang in ("en", "fr", "zh"):
        for entry in _feed(sample, lang, "unesco").entries:
            if "/follow-up/" not in entry.id:
                message = entry.id.rsplit(":", 1)[1]
                assert entry.title.startswith(f"{message}: "), (lang, entry.title)
            assert "\u200f" not in entry.title
