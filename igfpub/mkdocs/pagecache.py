"""The render cache of generated pages, (page, language) by the digest of their inputs.

A page whose key is in the cache is not rendered: if it is outside the navigation, MkDocs
never sees it and its cached bytes are written as MkDocs would have written them; if it is
in the navigation (a handful of pages, which MkDocs needs to build the nav), MkDocs keeps
it but its cheap stub template is rendered and the cached page replaces the output.

A cached page is the site's file, hard linked: a page found changed since igfpub wrote it
(a built file edited in place, igfpub/outputs/cache.py) is rendered again, and its new
file replaces the entry.
"""

from __future__ import annotations

import hashlib
import logging
import os
import weakref
from pathlib import Path
from typing import Any

from igfpub.core.inputs import PageInputs
from igfpub.core.spec import PageSpec
from igfpub.outputs import prune
from igfpub.outputs.cache import BlobCache, link_new

# What MkDocs writes for a cached page of the nav, until it is linked in its place: not
# blank, which MkDocs would log as a page skipped.
STAND_IN = "<!doctype html>\n"


class PageCache:
    def __init__(self) -> None:
        self.blobs: BlobCache | None = None
        self.fingerprint = ""
        self.inputs: PageInputs | None = None
        self.pending: dict[str, str] = {}  # src_uri -> key, rendered in this build
        self.hits: dict[str, str] = {}  # src_uri -> key, cached pages in the nav
        self.linked: list[tuple[str, str]] = []  # hits MkDocs wrote a stand-in for: (dest, key)
        self.outside: list[tuple[str, str]] = []  # pages MkDocs does not see: (dest, key)
        self.written: list[tuple[Path, str]] = []  # pages rendered and stored: (dest, key)
        self.rendered = 0
        self.reused = 0
        # The cache's shared lock, against pruning (igfpub/outputs/prune.py), released when
        # this cache is started again or dropped.
        self._held: weakref.finalize[Any, Any] | None = None

    def start(self, folder: Path | None, fingerprint: str, inputs: PageInputs) -> None:
        """A new build (all its languages) over new content."""
        self.blobs = BlobCache(folder / "pages") if folder else None
        if self._held is not None:
            self._held()
        # Held as long as this process may link the cache's pages (`mkdocs serve`: its life).
        held = prune.hold(folder) if folder else -1
        self._held = weakref.finalize(self, os.close, held) if held >= 0 else None
        self.fingerprint = fingerprint
        self.inputs = inputs
        self.rendered = self.reused = 0

    def new_language(self) -> None:
        self.pending.clear()
        self.hits.clear()
        self.linked.clear()
        self.outside.clear()
        self.written.clear()

    def key(self, spec: PageSpec, lang: str) -> str:
        assert self.inputs is not None
        parts = (self.fingerprint, lang, self.inputs.key(spec))
        return hashlib.sha256("\0".join(parts).encode()).hexdigest()

    def has(self, key: str) -> bool:
        return self.blobs is not None and self.blobs.has(key)

    @property
    def changed(self) -> int:
        """The pages found changed in the cache since they were written (since start)."""
        return self.blobs.changed if self.blobs else 0

    def store(self, src_uri: str, output: str, dest: Path) -> str:
        """Called with every page MkDocs rendered (to be written at ``dest``): the generated
        ones are kept once MkDocs has written them (:meth:`keep_written`). A page that was a
        hit was rendered from a stub, which MkDocs writes as it is: :meth:`link_hits` then
        puts the cached page in its place."""
        hit = self.hits.get(src_uri)
        if hit is not None:
            # MkDocs writes into the file that is there: never through a link to an entry.
            dest.unlink(missing_ok=True)
            self.linked.append((str(dest), hit))
            return STAND_IN
        key = self.pending.pop(src_uri, None)
        if key is not None:
            self.rendered += 1
            if self.blobs is not None:
                self.written.append((dest, key))
        return output

    def keep_written(self) -> None:
        """The pages MkDocs wrote that the cache is to keep become its entries: each entry
        is a hard link to the page file (no bytes written twice), as a cached page in the
        site is a link to its entry; the steps that remember what they read of a page by
        its file (igfpub/outputs/pagefacts.py) then need not read it again after a cold
        build. The entry holds what MkDocs wrote, after every plugin's ``on_post_page``."""
        for path, key in self.written:
            assert self.blobs is not None
            self.blobs.adopt(key, path)
        self.written.clear()

    def link_hits(self) -> None:
        """The cached pages of the nav, put where MkDocs wrote their stand-ins, as hard
        links to their entries like every other cached page: the steps that remember what
        they read of a page by its file then need not read them again. The edition pages
        are the largest of a site (1.6 MB each at 2,000 sessions), and every warm build read
        them from the cache, wrote them, and read them back, in every language."""
        self._link(self.linked)

    def write_outside(self) -> None:
        """The cached pages MkDocs does not see, put in the site as hard links to the
        cache entries (no bytes read or written; a copy across file systems). Nothing
        may rewrite a site's page in place: steps that change a page write a new file."""
        self._link(self.outside)

    def _link(self, pages: list[tuple[str, str]]) -> None:
        """Each (dest, key) of ``pages`` as a hard link to its entry; ``pages`` emptied."""
        if not pages:
            return
        assert self.blobs is not None
        # Thousands of pages, each in a folder of its own: in strings (as BlobCache.has),
        # its folder made by one call where its parent is there.
        for dest, key in pages:
            folder = os.path.dirname(dest)  # noqa: PTH120
            try:
                os.mkdir(folder)  # noqa: PTH102
            except FileExistsError:
                pass
            except FileNotFoundError:
                os.makedirs(folder, exist_ok=True)  # noqa: PTH103
            link_new(self.blobs.entry(key), dest)
        pages.clear()


def warn_changed(pages: int) -> None:
    """Say that ``pages`` cached pages were found edited (not as a MkDocs warning: the site
    built is right, and a --strict build must not fail)."""
    if pages:
        logging.getLogger("igfpub").warning(
            "warning: %d cached page%s had been changed since igfpub wrote %s, so %s "
            "rendered again: built files are hard links to the cache and must not be "
            "edited in place (post-process a copy of the site, or write a new file and "
            "rename it over the old one)",
            pages, "s" * (pages != 1), "them" if pages != 1 else "it",
            "they were" if pages != 1 else "it was",
        )  # fmt: skip
