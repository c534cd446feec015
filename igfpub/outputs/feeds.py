"""The Atom feeds, one per body and language, each cached by what it is made from: the
documents that address the body, the registries and editions, the site's address and the
interface strings (part of the code and theme fingerprint)."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path

from igfpub.core import urls
from igfpub.core.feeds import body_feed, responses_feed
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
) -> dict[str, bytes]:
    """Site-relative path -> Atom bytes: every body's feed and the feed of new responses,
    in every language."""
    corpus = index.corpus
    blobs = BlobCache(cache)
    out = {}
    for lang in corpus.languages:
        gettext: Callable[[str], str] | None = None
        for body in corpus.bodies.values():
            parts = ("feed", fingerprint, site_url, lang, body.id, inputs.shared,
                     inputs.bodies.get(body.id, ""))  # fmt: skip
            key = hashlib.sha256("\0".join(parts).encode()).hexdigest()
            data = blobs.get(key)
            if data is None:
                gettext = gettext or gettext_for(lang)
                data = body_feed(index, body, lang, site_url, gettext)
                blobs.put(key, data)
            out[urls.body_feed(lang, body.id)] = data
        # The site-wide feed of new responses: made from the report-backs alone, and cheap.
        out[urls.follow_up_feed(lang)] = responses_feed(
            index, lang, site_url, gettext or gettext_for(lang)
        )
    return out
