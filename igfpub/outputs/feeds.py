"""The Atom feeds, one per body and language, each cached by what it is made from: the
documents that address the body, the registries and editions, the site's address and the
interface strings (part of the code and theme fingerprint); and per language, made anew,
the feeds of new responses and of the messages addressed to everyone."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path

from lxml import etree as ET  # type: ignore[import-untyped]

from igfpub.core import urls
from igfpub.core.feeds import body_feed, everyone_feed, responses_feed
from igfpub.core.inputs import PageInputs
from igfpub.core.publications import Index
from igfpub.outputs.cache import BlobCache


def cached_feeds(
    index: Index,
    inputs: PageInputs,
    site_url: str,
    gettext_for: Callable[[str], Callable[[str], str]],
    cache: Path,
    fingerprint: str,
) -> dict[str, Path | bytes]:
    """Site-relative path -> every body's feed, in every language, as its cache entry (which
    the site's file is to be a hard link to, as a page is: igfpub/outputs/prune.py), and
    the feed of new responses, as bytes."""
    corpus = index.corpus
    blobs = BlobCache(cache)
    out: dict[str, Path | bytes] = {}
    for lang in corpus.languages:
        gettext: Callable[[str], str] | None = None
        made: dict[str, ET._Element] = {}  # entries shared by the language's feeds
        for body in corpus.bodies.values():
            parts = ("feed", fingerprint, site_url, lang, body.id, inputs.shared,
                     inputs.bodies.get(body.id, ""))  # fmt: skip
            key = hashlib.sha256("\0".join(parts).encode()).hexdigest()
            entry = blobs.path(key)
            if not blobs.has(key):  # missing, or changed through a site's file
                gettext = gettext or gettext_for(lang)
                blobs.put(key, body_feed(index, body, lang, site_url, gettext, made))
            out[urls.body_feed(lang, body.id)] = entry
        # The site-wide feed of new responses: made from the report-backs alone, and cheap;
        # so is the feed of the messages to everyone, a few per session at most.
        gettext = gettext or gettext_for(lang)
        out[urls.follow_up_feed(lang)] = responses_feed(index, lang, site_url, gettext)
        out[urls.to_everyone_feed(lang)] = everyone_feed(index, lang, site_url, gettext, made)
    return out
