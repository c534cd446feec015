"""What an after-build step reads from each page, kept between builds by the page file's
identity.

The sitemap, the slimmer stylesheet and the Chinese font subset each need a little of
every page (its language alternates, its class names, its characters), and reading every
page of a large archive was seconds of each build. A page taken from the render cache is
a hard link to its cache entry (igfpub/mkdocs/pagecache.py): the same inode, size and
modification time from one build to the next. So a warm build reads only the pages that
are new files: the ones rendered again. Nothing may rewrite a page in place (a step that
changes a page writes a new file), so an unchanged identity means unchanged bytes.

Each language's pages have a memo file of their own (igfpub/outputs/pagescan.py), dropped
whenever igfpub's code or the site's templates change (the fingerprint), since the facts
are whatever that code extracted.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TypeVar, cast

from igfpub.outputs.cache import keep, kept

T = TypeVar("T")

Identity = tuple[str, int, int, int, int]  # path in the site, device, inode, size, mtime


def page_facts(
    site: Path, pages: Sequence[Path], read: Callable[[Path], T], memo: Path, fingerprint: str
) -> list[T]:
    """``read(page)`` for each of ``pages`` (under ``site``), in order, taken from ``memo``
    where the page's file is the one read before; ``memo`` is then rewritten with exactly
    these pages."""
    found = kept(memo, fingerprint)
    known = found if isinstance(found, dict) else {}
    now: dict[Identity, T] = {}
    out = []
    start = len(str(site)) + 1  # pages are under site: their paths in it, without pathlib
    for page in pages:
        path = str(page)
        st = page.stat()
        key = (path[start:], st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns)
        value = cast(T, known[key]) if key in known else read(page)
        now[key] = value
        out.append(value)
    keep(memo, fingerprint, now)
    return out
